"""Stock tickers printed in releases: ``(NYSE: ACME)`` -> ``NYSE:ACME``."""

from __future__ import annotations

import re

__all__ = ["EXCHANGES", "find_ticker_details", "find_tickers"]

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
    "CSE": "CSE", "CNSX": "CSE", "Cboe Canada": "CBOECANADA", "Cboe CA": "CBOECA",
    "NEO": "NEO", "OTCQB": "OTCQB", "OTCQX": "OTCQX", "OTC Pink": "OTCPINK",
    "OTCPink": "OTCPINK", "OTC Markets": "OTCMARKETS", "OTCMKT": "OTCMKT", "OTCMKTS": "OTCMKTS",
    "OTCID": "OTCID", "OTCBB": "OTCBB", "OTC": "OTC",
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
_SYM = r"[A-Z0-9]{1,8}(?:[.\-/][A-Z0-9]{1,4})?"
_TICKER_RE = re.compile(
    rf"(?<![\w.])(?P<ex>(?i:{_ALT}))(?:[ \t]*(?:/|&|\band\b)[ \t]*(?P<ex2>(?i:{_ALT})))?"
    rf"[ \t]*[:：][ \t]*(?P<sym>{_SYM})(?![\w])"
    rf"(?P<more>(?:[ \t]*,[ \t]*{_SYM}(?=[ \t]*[,;)]))*)"
)
_COMPANY_RE = re.compile(
    r"(?P<name>(?:[A-Z0-9][\w.&'’+-]*|&)(?:[ \t]+(?:[A-Z0-9][\w.&'’+-]*|&|and|of|de|the|for))*"
    r"(?:,?[ \t]+(?:Inc|Corp|Ltd|LLC|plc|Co|Limited|S\.A|N\.V|AG|SE|ASA|AB)\.?)?)"
    r"[ \t]*,?[ \t]*$"
)
_LEADING_NOISE = re.compile(
    r"^(?:(?:The|A|An|Today|Shares|Both|And|Of|[a-z]+|[\d,.\-–—]+)\s*)+(?=[A-Z])"
)

# exchange names that are also ordinary words: trusted only inside parentheses
_WEAK = {"frankfurt", "aim", "six", "neo", "bats", "xetra", "cboe", "euronext", "otc"}


def _in_parens(text: str, pos: int) -> bool:
    before = text[max(0, pos - 80) : pos]
    return before.rfind("(") > before.rfind(")")


def _company_before(text: str, pos: int) -> str | None:
    """The capitalised name printed just before the ticker's parentheses, if any."""
    window = text[max(0, pos - 160) : pos]
    open_at = window.rfind("(")
    if open_at < 0:
        return None
    head = window[:open_at]
    # skip earlier ticker groups: "Ridgeback Corp. (TSX: RDG) (OTCQB: RDGMF)"
    while True:
        stripped = head.rstrip()
        if stripped.endswith(")") and _TICKER_RE.search(stripped[stripped.rfind("(") :]):
            head = stripped[: stripped.rfind("(")]
            continue
        break
    m = _COMPANY_RE.search(head.rstrip())
    if not m:
        return None
    name = _LEADING_NOISE.sub("", m["name"].strip().rstrip(","))
    if len(name) < 2 or not any(c.isalpha() for c in name) or len(name.split()) > 8:
        return None
    return name


_COLON_RE = re.compile(r"[:：]")
_REACH = 48  # longest printed exchange name, plus spacing, before the colon
# how every exchange name ends (lowercase): a colon after anything else holds no ticker
_NAME_ENDS = tuple(sorted({re.split(r"[\s\-]+", n)[-1].lower() for n in EXCHANGES}))


def _after_exchange_name(text: str, pos: int) -> bool:
    """True when the word just before the colon at ``pos`` can end an exchange name.

    A cheap test that keeps colon-dense hostile text (``::::``, ``a:a:a:``) from costing a
    regex search over the whole window at every colon.
    """
    i = pos
    while i > 0 and pos - i < _REACH and text[i - 1] in " \t":
        i -= 1
    j = i
    while j > 0 and i - j < _REACH and (text[j - 1].isalnum() or text[j - 1] == "."):
        j -= 1
    return j < i and text[j:i].lower().endswith(_NAME_ENDS)


def _ticker_matches(text: str) -> list[re.Match[str]]:
    """Ticker matches, searched only around colons (cheap on long texts)."""
    out: list[re.Match[str]] = []
    last_end = -1
    for colon in _COLON_RE.finditer(text):
        pos = colon.start()
        if pos < last_end or not _after_exchange_name(text, pos):
            continue
        m = _TICKER_RE.search(text, max(0, pos - _REACH, last_end), pos + 80)
        while m and m.start() < pos + 1:
            if m.start() >= last_end and m.start("sym") > pos:
                out.append(m)
                last_end = m.end()
                break
            m = _TICKER_RE.search(text, m.start() + 1, pos + 80)
    return out


# an issuer's bracket of listings, "(NASDAQ: ACME, BYMA: ACM)", "(TSXV: AB; OTCQB: ABCDF)":
# there any upper-case exchange code before a colon lists a symbol, known or not
_LISTING_GROUP_RE = re.compile(r"\((?=[^()\n]{0,160}:)([^()\n]{3,160})\)")
_LISTING_SPLIT_RE = re.compile(r"\s*(?:[,;|]|\band\b|&)\s*")
_CODE_SYM_RE = re.compile(  # a code may hold figures ("B3: LREN3")
    rf"(?P<ex>[A-Z][A-Z0-9]{{1,9}}(?:[.\-][A-Z]{{1,3}})?)[ \t]*[:：][ \t]*(?P<sym>{_SYM})")
# "Q3: 2024", "FY24: 12": a period's name before a figure, not a venue and a symbol
_PERIOD_RE = re.compile(r"[QHT][1-4]|FY\d{2,4}")
# "(NYSE American – SVT)": a known exchange, a dash and the symbol fill an issuer's bracket
_DASH_LISTING_RE = re.compile(
    rf"\((?P<ex>(?i:{_ALT}))[ \t]+[-–—][ \t]+(?P<sym>{_SYM})\)")
_DASH_PREFILTER_RE = re.compile(r"\((?=[^()\n]{2,40}[ \t][-–—][ \t][A-Z0-9.\-/]{1,13}\))")
# codes printed the same way that identify a security or say something else, not a venue
_NOT_EXCHANGES = frozenset(
    "WKN ISIN CUSIP SEDOL CIK LEI VALOR FIGI RIC EIN ID REF CEO CFO COO CTO UTC GMT EST EDT "
    "PST PDT CET CEST IST ET PT NOTE TEL FAX PH CODE NO NB PS ATTN CC RE SKU".split()
)


def _listing_groups(text: str) -> list[tuple[int, str, str]]:
    """``(position, exchange code, symbol)`` of every listing in an issuer's brackets whose
    pieces all read ``CODE: SYMBOL`` (or a further bare symbol), known exchange or not."""
    out: list[tuple[int, str, str]] = []
    if ":" not in text and "：" not in text:
        return out
    for group in _LISTING_GROUP_RE.finditer(text):
        pieces = [p for p in _LISTING_SPLIT_RE.split(group[1].strip()) if p]
        listed = [_CODE_SYM_RE.fullmatch(p) for p in pieces]
        if not listed[0] or not all(m or re.fullmatch(_SYM, p) for m, p in zip(listed, pieces,
                                                                                  strict=True)):
            continue
        codes = [m for m in listed if m]
        if any(m["ex"].upper() in _NOT_EXCHANGES or _PERIOD_RE.fullmatch(m["ex"]) or (
                any(c.isdigit() for c in m["ex"]) and not any(c.isalpha() for c in m["sym"]))
               for m in codes):
            continue
        known = any(_LOOKUP.get(re.sub(r"[\s\-]+", "", m["ex"]).lower()) for m in codes)
        if not known and _company_before(text, group.start() + 1) is None:
            continue
        out += [(group.start(1) + m.start(), m["ex"].replace("-", "").replace(".", ""),
                 m["sym"]) for m in codes]
    return out


def _dash_listings(text: str) -> list[tuple[int, str, str]]:
    """``(position, exchange code, symbol)`` of ``(NYSE American – SVT)`` brackets."""
    out: list[tuple[int, str, str]] = []
    for pre in _DASH_PREFILTER_RE.finditer(text):
        m = _DASH_LISTING_RE.match(text, pre.start())
        code = _LOOKUP.get(re.sub(r"[\s\-]+", "", m["ex"]).lower()) if m else None
        if m and code and not (m["ex"].lower() in _WEAK and len(m["sym"]) == 1):
            out.append((m.start() + 1, code, m["sym"]))
    return out


def find_ticker_details(text: str) -> list[dict[str, str | None]]:
    """Each distinct ticker: ``ticker``, ``exchange``, ``symbol`` and the ``company``."""
    found: dict[str, dict[str, str | None]] = {}
    for m in _ticker_matches(text):
        exchanges = [m["ex"]] + ([m["ex2"]] if m["ex2"] else [])
        codes = [_LOOKUP.get(re.sub(r"[\s\-]+", "", ex).lower()) for ex in exchanges]
        symbols = [m["sym"]] + re.findall(_SYM, m["more"] or "")
        weak = m["ex"].split()[0].lower() in _WEAK or len(m["sym"]) == 1
        if weak and not _in_parens(text, m.start()):
            continue
        company = _company_before(text, m.start()) if _in_parens(text, m.start()) else None
        for code in codes:
            if code is None:
                continue
            for sym in symbols:
                ticker = f"{code}:{sym}"
                if ticker not in found:
                    found[ticker] = {"ticker": ticker, "exchange": code, "symbol": sym,
                                     "company": company}
                elif found[ticker]["company"] is None:
                    found[ticker]["company"] = company
    for pos, code, sym in _dash_listings(text):
        found.setdefault(f"{code}:{sym}", {"ticker": f"{code}:{sym}", "exchange": code,
                                           "symbol": sym, "company": _company_before(text, pos)})
    for pos, code, sym in _listing_groups(text):
        ticker = f"{code}:{sym}"
        if _LOOKUP.get(code.lower()) or ticker in found:
            continue  # a known exchange's listing is read above, with its aliases
        found[ticker] = {"ticker": ticker, "exchange": code, "symbol": sym,
                         "company": _company_before(text, pos)}
    return list(found.values())


def find_tickers(text: str) -> list[str]:
    """Normalised ``EXCHANGE:SYMBOL`` strings, deduplicated, in order of appearance."""
    return [d["ticker"] for d in find_ticker_details(text)]  # type: ignore[misc]
