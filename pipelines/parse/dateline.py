"""Dateline recognition: ``NEW YORK, July 8, 2026 /PRNewswire/ --`` and kin.

One generic grammar rather than a regex per wire: a location (capitalised
words, optional ``, Region`` parts and ``[Country]``), an optional date, an
agency marker in ``/slashes/``, ``(parens)`` or ``--(PARENS)--``, then a dash
or colon. A bare ``CITY, Month D:`` without a marker is accepted when the
city is printed in capitals and is known or dated.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from .agencies import canonical_agency
from .geo import CITY_COUNTRY, SMALL_WORDS, country_code, resolve_location

__all__ = ["Dateline", "DatelineMatch", "match_dateline", "parse_dateline", "parse_date_text"]

_MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    rf"(?:{_MONTH}\.?\s*\d{{1,2}}(?:st|nd|rd|th)?\b(?:\s*,?\s*\d{{4}}\b)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\b\.?(?:\s*,?\s*\d{{4}}\b)?"
    r"|\d{4}-\d{2}-\d{2}\b)"
)
_DASH = r"[-‐‑‒–—―−]"
_WORD = r"[^\W\d_][\w.'’&]*(?:-[\w.'’]+)*"
_PART = rf"{_WORD}(?:[ \t]+{_WORD}){{0,5}}"
_NOT_MONTH = rf"(?!{_MONTH}\b\.?\s*\d)"

_DATELINE_RE = re.compile(
    rf"""
    ^\s*
    (?P<loc>{_PART}(?:[ \t]*,[ \t]*{_NOT_MONTH}{_PART}){{0,2}})
    (?:[ \t]*\[(?P<bracket>[^\]\n]{{2,40}})\])?
    (?:[ \t]*,?[ \t]*(?P<date>{_DATE}))?
    [ \t]*
    (?:
        /[ \t]*(?P<slash>[^/\n]{{2,60}}?)[ \t]*/
      | {_DASH}{{1,3}}[ \t]*\([ \t]*(?P<dparen>[^()\n]{{2,60}}?)[ \t]*\)(?=[ \t]*{_DASH})
      | \([ \t]*(?P<paren>[^()\n]{{2,60}}?)[ \t]*\)
    )?
    (?:[ \t]*{_DASH}{{1,3}}[ \t]*(?P<date_after>{_DATE})(?=[ \t]*{_DASH})
      | (?<=/)[ \t]*(?P<date_slash>{_DATE})[ \t]*/)?
    [ \t]*(?P<sep>{_DASH}{{1,3}}|:)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_DATE_RE = re.compile(_DATE, re.IGNORECASE)
_MD_RE = re.compile(rf"({_MONTH})\.?\s*(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,?\s*(\d{{4}}))?", re.I)
_DM_RE = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?(?:\s*,?\s*(\d{{4}}))?", re.I)
_ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass
class Dateline:
    """A parsed dateline."""

    raw: str
    location: str
    city: str | None
    region: str | None
    country: str | None
    date: str | None
    agency: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict of all fields."""
        return asdict(self)


@dataclass
class DatelineMatch:
    """A dateline and where its printed prefix ends in the text."""

    dateline: Dateline
    end: int


def _pick_year(month: int, day: int, year_hint: date | None) -> date | None:
    if year_hint is None:
        return None
    best: date | None = None
    for year in (year_hint.year - 1, year_hint.year, year_hint.year + 1):
        try:
            cand = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - year_hint).days) < abs((best - year_hint).days):
            best = cand
    return best


def parse_date_text(text: str, year_hint: date | None = None) -> str | None:
    """ISO date for ``July 8, 2026`` / ``JUL 29`` / ``8 July 2026`` / ``2026-07-08``.

    A year-less date takes the year that puts it closest to ``year_hint``.
    """
    text = text.strip()
    iso = _ISO_RE.fullmatch(text)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        except ValueError:
            return None
    md = _MD_RE.fullmatch(text)
    if md:
        month, day, year = _MONTHS[md[1].lower()], int(md[2]), md[3]
    else:
        dm = _DM_RE.fullmatch(text)
        if not dm:
            return None
        month, day, year = _MONTHS[dm[2].lower()], int(dm[1]), dm[3]
    if year:
        try:
            return date(int(year), month, day).isoformat()
        except ValueError:
            return None
    picked = _pick_year(month, day, year_hint)
    return picked.isoformat() if picked else None


def _location_ok(loc: str, whole: str) -> bool:
    """Each location word capitalised (or the whole dateline lowercase)."""
    if whole == whole.lower():
        return True
    for word in re.split(r"[\s,]+", loc):
        if not word or word.lower() in SMALL_WORDS:
            continue
        if not word[0].isupper():
            return False
    return True


def _split_marker(content: str) -> tuple[str, str | None]:
    """``Newsfile Corp. - July 8, 2026`` -> (name, date text)."""
    parts = re.split(rf"\s+{_DASH}{{1,2}}\s+|\s*,\s*(?={_MONTH}\b)", content, maxsplit=1)
    if len(parts) == 2 and _DATE_RE.fullmatch(parts[1].strip()):
        return parts[0].strip(), parts[1].strip()
    return content.strip(), None


def _name_ok(name: str) -> bool:
    if ":" in name or re.search(r"\d", name):
        return False
    words = name.split()
    return 0 < len(words) <= 5


def match_dateline(text: str, year_hint: date | None = None) -> DatelineMatch | None:
    """Match a dateline at the start of ``text`` (its first line)."""
    line = text.split("\n", 1)[0]
    m = _DATELINE_RE.match(line)
    if not m:
        return None
    loc = m["loc"].strip().rstrip(",").strip()
    form = "slash" if m["slash"] else "dparen" if m["dparen"] else "paren" if m["paren"] else None
    marker = m["slash"] or m["dparen"] or m["paren"]
    sep = m["sep"]
    date_text = m["date"] or m["date_after"] or m["date_slash"]
    agency: str | None = None
    if marker is not None:
        name, marker_date = _split_marker(marker)
        date_text = date_text or marker_date
        known = canonical_agency(name)
        if known:
            agency = known
        elif not _name_ok(name):
            return None
        elif form == "dparen" or (form == "slash" and (sep or date_text)):
            agency = name
        elif form == "paren" and date_text and sep:
            agency = name
        else:
            return None
    else:
        # bare "ISLAMABAD, July 29:" -- capitals, a separator and a date or known place
        if not sep or loc != loc.upper() or not any(c.isalpha() for c in loc):
            return None
        first = loc.split(",")[0].strip().lower()
        if not date_text and first not in CITY_COUNTRY and country_code(first) is None:
            return None
        if len(loc.split()) > 4:
            return None
    end = m.end()
    raw = line[m.start() : end].strip()
    if not _location_ok(loc, raw):
        return None
    rest = line[end:]
    if marker is None and not rest.strip():
        return None
    place = resolve_location(loc, m["bracket"])
    dateline = Dateline(
        raw=raw,
        location=loc,
        city=place.city,
        region=place.region,
        country=place.country,
        date=parse_date_text(date_text, year_hint) if date_text else None,
        agency=agency,
    )
    lead_ws = len(line[end:]) - len(line[end:].lstrip())
    return DatelineMatch(dateline=dateline, end=end + lead_ws)


def parse_dateline(text: str, year_hint: date | None = None) -> Dateline | None:
    """Parse the dateline at the start of ``text``; None when there is none."""
    found = match_dateline(text, year_hint)
    return found.dateline if found else None
