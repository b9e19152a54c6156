"""Parse a cleaned press-release body: dateline, agency, tickers, lead, boilerplate."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from .agencies import canonical_agency, is_known_agency
from .boilerplate import split_boilerplate
from .dateline import Dateline, match_dateline
from .tickers import find_tickers

__all__ = ["PARSER_VERSION", "ParsedRelease", "parse_release", "find_agency_credit"]

PARSER_VERSION = "0.1.0"

_MAX_PREAMBLE = 3  # short lines (byline, photo credit, subhead) allowed before a dateline
_PREAMBLE_LEN = 200
_TRAILER_PARAS = 2  # last main paragraphs searched for "(APP)" / "— PTI" credits
_SHORT_CREDIT = 30  # a standalone credit line anywhere, e.g. "— APP"
_DASH = r"[-‐‑‒–—―−]"
_BYLINE_RE = re.compile(r"^(?:by|from)\s+(?P<who>.{2,120})$", re.I)
_PHOTO_RE = re.compile(
    r"^\(?(?:photo|image|picture|file photo|credit|courtesy|photograph)s?\b.{0,160}$|"
    r"\b(?:photo|image) (?:credit|courtesy|by)\b",
    re.I,
)
_BYLINE_NOISE_RE = re.compile(
    r"\b(?:staff|reporters?|correspondents?|news\s*desk|desk|bureau|report|monitoring"
    r"|web\s*desk|newswire)\b",
    re.I,
)
_CREDIT_END_RES = (
    re.compile(r"[(\[]\s*(?P<a>[A-Za-z][A-Za-z .&-]{1,40}?)\s*[)\]]\s*\.?\s*$"),
    re.compile(rf"(?:^|\s){_DASH}{{1,2}}\s*(?P<a>[A-Za-z][A-Za-z .&-]{{1,40}}?)\s*\.?\s*$"),
    re.compile(r"(?:^|\s)/(?P<a>[A-Za-z][A-Za-z .&-]{1,40}?)/\s*$"),
    re.compile(
        r"^(?:source|courtesy|credit|via|agencies|with input from)\s*:?\s*"
        r"(?P<a>[A-Za-z][A-Za-z .&-]{1,40}?)\s*\.?\s*$",
        re.I,
    ),
)
_SPACE_RE = re.compile(r"\s+")


@dataclass
class ParsedRelease:
    """Structure of one release."""

    dateline: Dateline | None
    agency: str | None
    tickers: list[str] = field(default_factory=list)
    lead: str | None = None
    body_main: str = ""
    boilerplate: str = ""
    boilerplate_kinds: list[str] = field(default_factory=list)
    parser_version: str = PARSER_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Plain dict; the dateline nested as a dict or None."""
        return asdict(self)


def _norm(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip().lower()


def _agency_in(text: str) -> str | None:
    """A known agency named by ``text`` (whole, or one of its ``,|/&`` pieces)."""
    pieces = [text, *re.split(r"\s*(?:[,|/&;]|\band\b)\s*", text)]
    for piece in pieces:
        piece = piece.strip(" .-")
        for candidate in (piece, _BYLINE_NOISE_RE.sub("", piece).strip(" .-")):
            if candidate and is_known_agency(candidate, strict=True):
                return canonical_agency(candidate)
    return None


def find_agency_credit(bylines: list[str], trailers: list[str]) -> str | None:
    """Agency credited by a byline (``By PTI``) or a trailer (``(APP)``, ``— APP``)."""
    for line in bylines:
        m = _BYLINE_RE.match(line.strip())
        if m:
            found = _agency_in(m["who"])
            if found:
                return found
    for line in reversed(trailers):
        text = line.strip()
        for pattern in _CREDIT_END_RES:
            m = pattern.search(text)
            if m:
                found = _agency_in(m["a"])
                if found:
                    return found
    return None


def _hint_date(hint: datetime | date | None) -> date | None:
    if isinstance(hint, datetime):
        return hint.date()
    return hint


def _preamble_kind(line: str) -> str | None:
    if _BYLINE_RE.match(line):
        return "byline"
    if _PHOTO_RE.search(line):
        return "photo_credit"
    return None


def parse_release(
    text: str,
    *,
    title: str | None = None,
    published_hint: datetime | date | None = None,
) -> ParsedRelease:
    """Parse a cleaned release body (one paragraph per line)."""
    year_hint = _hint_date(published_hint)
    paragraphs = [p.strip() for p in (text or "").split("\n") if p.strip()]

    removed: list[tuple[str, str]] = []  # (kind, text) removed before the body proper
    if title and paragraphs and _norm(paragraphs[0]) == _norm(title):
        removed.append(("title", paragraphs.pop(0)))

    dateline: Dateline | None = None
    dateline_idx: int | None = None
    for i, para in enumerate(paragraphs[: _MAX_PREAMBLE + 1]):
        found = match_dateline(para, year_hint)
        if found is not None:
            dateline, dateline_idx = found.dateline, i
            paragraphs[i] = para[found.end :].strip()
            break
        if len(para) > _PREAMBLE_LEN:
            break

    preamble: list[str] = []
    if dateline_idx is not None:
        kept: list[str] = []
        for line in paragraphs[:dateline_idx]:
            kind = _preamble_kind(line)
            if kind:
                removed.append((kind, line))
                preamble.append(line)
            else:
                kept.append(line)
        paragraphs = kept + [p for p in paragraphs[dateline_idx:] if p]
        lead_from = len(kept)
    else:
        lead_from = 0

    split = split_boilerplate(paragraphs)
    body_after = [p for i, p in zip(split.main_index, split.main, strict=True) if i >= lead_from]
    lead = body_after[0] if body_after else (split.main[0] if split.main else None)

    boiler_texts = [t for _, t in removed] + split.boilerplate
    kinds: list[str] = []
    for kind in [k for k, _ in removed] + split.kinds:
        if kind not in kinds:
            kinds.append(kind)

    agency = dateline.agency if dateline else None
    if agency is None:
        bylines = preamble + paragraphs[:2]
        trailers = [p for p in paragraphs if len(p) <= _SHORT_CREDIT] + split.main[-_TRAILER_PARAS:]
        agency = find_agency_credit(bylines, trailers)

    return ParsedRelease(
        dateline=dateline,
        agency=agency,
        tickers=find_tickers(text or ""),
        lead=lead,
        body_main="\n".join(split.main),
        boilerplate="\n".join(boiler_texts),
        boilerplate_kinds=kinds,
    )
