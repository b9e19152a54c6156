"""Stock tickers printed in releases: ``(NYSE: ACME)`` -> ``NYSE:ACME``."""

from __future__ import annotations

import re

__all__ = ["EXCHANGES", "find_tickers"]

# printed exchange name -> canonical code (longest names are tried first)
EXCHANGES: dict[str, str] = {
    "NYSE American": "NYSEAMERICAN", "NYSEAmerican": "NYSEAMERICAN", "NYSE MKT": "NYSEAMERICAN",
    "NYSE Amex": "NYSEAMERICAN", "NYSE Arca": "NYSEARCA", "NYSEArca": "NYSEARCA",
    "New York Stock Exchange": "NYSE", "NYSE": "NYSE",
    "Nasdaq Global Select Market": "NASDAQ", "Nasdaq Global Select": "NASDAQ",
    "Nasdaq Global Market": "NASDAQ", "Nasdaq Capital Market": "NASDAQ",
    "Nasdaq Stock Market": "NASDAQ", "NasdaqGS": "NASDAQ", "NasdaqGM": "NASDAQ",
    "NasdaqCM": "NASDAQ", "Nasdaq GS": "NASDAQ", "Nasdaq GM": "NASDAQ", "Nasdaq CM": "NASDAQ",
    "Nasdaq": "NASDAQ",
    "TSX Venture Exchange": "TSXV", "TSX Venture": "TSXV", "TSX-V": "TSXV", "TSXV": "TSXV",
    "TSX.V": "TSXV", "TSX-Venture": "TSXV", "Toronto Stock Exchange": "TSX", "TSX": "TSX",
    "CSE": "CSE", "CNSX": "CSE", "Cboe Canada": "NEO", "NEO": "NEO",
    "OTCQB": "OTCQB", "OTCQX": "OTCQX", "OTC Pink": "OTCPINK", "OTCPink": "OTCPINK",
    "OTC Markets": "OTC", "OTCBB": "OTC", "OTC": "OTC",
    "London Stock Exchange": "LSE", "LSE": "LSE", "AIM": "AIM",
    "ASX": "ASX", "NZX": "NZX", "PSX": "PSX", "Pakistan Stock Exchange": "PSX",
    "NSE": "NSE", "BSE": "BSE", "HKEX": "HKEX", "HKSE": "HKEX", "SEHK": "HKEX",
    "SGX": "SGX", "SIX": "SIX", "Euronext Paris": "EURONEXT", "Euronext Amsterdam": "EURONEXT",
    "Euronext Brussels": "EURONEXT", "Euronext": "EURONEXT", "Xetra": "ETR", "ETR": "ETR",
    "FWB": "FRA", "FSE": "FRA", "Frankfurt": "FRA", "TASE": "TASE", "JSE": "JSE",
    "KOSDAQ": "KOSDAQ", "KRX": "KRX", "TYO": "TYO", "SSE": "SSE", "SZSE": "SZSE",
    "Cboe BZX": "CBOE", "Cboe": "CBOE", "BATS": "CBOE",
}  # fmt: skip


def _exchange_pattern(name: str) -> str:
    return r"[\s\-]*".join(re.escape(tok) for tok in re.split(r"[\s\-]+", name))


_LOOKUP = {re.sub(r"[\s\-]+", "", k).lower(): v for k, v in EXCHANGES.items()}
_ALT = "|".join(_exchange_pattern(n) for n in sorted(EXCHANGES, key=len, reverse=True))
_TICKER_RE = re.compile(
    rf"(?<![\w.])(?P<ex>(?i:{_ALT}))[ \t]*[:：][ \t]*"
    r"(?P<sym>[A-Z0-9]{1,8}(?:[.\-/][A-Z0-9]{1,4})?)(?![\w])"
)


# exchange names that are also ordinary words: trusted only inside parentheses
_WEAK = {"frankfurt", "aim", "six", "neo", "bats", "xetra", "cboe", "euronext", "otc"}


def _in_parens(text: str, pos: int) -> bool:
    before = text[max(0, pos - 80) : pos]
    return before.rfind("(") > before.rfind(")")


def find_tickers(text: str) -> list[str]:
    """Normalised ``EXCHANGE:SYMBOL`` strings, deduplicated, in order of appearance."""
    found: list[str] = []
    for m in _TICKER_RE.finditer(text):
        code = _LOOKUP.get(re.sub(r"[\s\-]+", "", m["ex"]).lower())
        sym = m["sym"]
        if code is None:
            continue
        weak = m["ex"].split()[0].lower() in _WEAK or len(sym) == 1
        if weak and not _in_parens(text, m.start()):
            continue
        ticker = f"{code}:{sym}"
        if ticker not in found:
            found.append(ticker)
    return found
