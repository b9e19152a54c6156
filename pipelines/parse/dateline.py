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

from .agencies import canonical_agency, is_known_agency
from .clock import TIME_PATTERN, parse_time
from .geo import SMALL_WORDS, city_country, country_code, resolve_location

__all__ = [
    "Dateline", "DatelineMatch", "find_dates", "match_dateline", "month_day_text",
    "parse_date_text", "parse_dateline",
]

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
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_DATE = (
    rf"(?:{_WEEKDAY}?{_MONTH}\.?\s*\d{{1,2}}(?:st|nd|rd|th)?\b(?:\s*,?\s*\d{{4}}\b)?"
    rf"|{_WEEKDAY}?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b\.?(?:\s*,?\s*\d{{4}}\b)?"
    r"|\d{4}-\d{2}-\d{2}\b)"
)
_TIME = TIME_PATTERN
_DASH = r"[-‐‑‒–—―−]"
_WORD = r"[^\W\d_][\w.'’&]*(?:-[\w.'’]+)*"
_PART = rf"{_WORD}(?:[ \t]+{_WORD}){{0,5}}"
_NOT_MONTH = rf"(?!{_WEEKDAY}|{_MONTH}\b\.?\s*\d)"

_DATELINE_RE = re.compile(
    rf"""
    ^\s*
    (?P<loc>{_PART}(?:[ \t]*,[ \t]*{_NOT_MONTH}{_PART}){{0,2}})
    (?:[ \t]*\((?P<pregion>[^()\n\d]{{2,40}})\)(?=[ \t]*\[))?
    (?:[ \t]*\[(?P<bracket>[^\]\n]{{2,40}})\])?
    (?:[ \t]*,?[ \t]*(?P<date>{_DATE}))?
    (?:[ \t]*,?[ \t]*(?P<time>{_TIME}))?
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
_STRIP_WEEKDAY_RE = re.compile(rf"^{_WEEKDAY}", re.IGNORECASE)
_MD_RE = re.compile(rf"({_MONTH})\.?\s*(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,?\s*(\d{{4}}))?", re.I)
_DM_RE = re.compile(
    rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?(?:\s*,?\s*(\d{{4}}))?", re.I
)
_ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


# "Tehran, IRNA --" / "TOKYO, July 29, Kyodo -": an agency named bare after the place or date
_BARE_AGENCY_RE = re.compile(
    rf"^\s*(?P<loc>{_PART}(?:[ \t]*,[ \t]*{_NOT_MONTH}{_PART}){{0,2}}?)"
    rf"(?:[ \t]*,?[ \t]*(?P<date>{_DATE}))?[ \t]*,[ \t]*(?P<agency>{_WORD}(?:[ \t]+{_WORD}){{0,2}})"
    rf"[ \t]*(?P<sep>{_DASH}{{1,3}}|:)",
    re.IGNORECASE,
)


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
    month_day: str | None = None
    time: str | None = None
    zone: str | None = None

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


def _month_day(text: str) -> tuple[int, int, str | None] | None:
    text = _STRIP_WEEKDAY_RE.sub("", text.strip())
    md = _MD_RE.fullmatch(text)
    if md:
        return _MONTHS[md[1].lower()], int(md[2]), md[3]
    dm = _DM_RE.fullmatch(text)
    if dm:
        return _MONTHS[dm[2].lower()], int(dm[1]), dm[3]
    return None


def month_day_text(text: str) -> str | None:
    """``MM-DD`` of a printed date (with or without year); None when invalid."""
    iso = _ISO_RE.fullmatch(text.strip())
    parts = (int(iso[2]), int(iso[3]), iso[1]) if iso else _month_day(text)
    if not parts:
        return None
    month, day, _ = parts
    try:
        date(2000, month, day)  # a leap year admits Feb 29
    except ValueError:
        return None
    return f"{month:02d}-{day:02d}"


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
    parts = _month_day(text)
    if not parts:
        return None
    month, day, year = parts
    if year:
        try:
            return date(int(year), month, day).isoformat()
        except ValueError:
            return None
    picked = _pick_year(month, day, year_hint)
    return picked.isoformat() if picked else None


def find_dates(text: str, limit: int = 20) -> list[date]:
    """Full dates (with a year) printed in ``text``, at most ``limit``, in order."""
    out: list[date] = []
    for m in _DATE_RE.finditer(text):
        iso = parse_date_text(m.group(0)) if re.search(r"\d{4}", m.group(0)) else None
        if iso:
            out.append(date.fromisoformat(iso))
            if len(out) >= limit:
                break
    return out


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


def _marker_agency(form: str, name: str, sep: str | None, date_text: str | None
                   ) -> tuple[bool, str | None]:
    """``(accepted, agency)`` for the name printed in a dateline's marker."""
    known = canonical_agency(name)
    if known:
        return True, known
    if not _name_ok(name):
        return False, None
    if form == "dparen" or (form == "slash" and (sep or date_text)):
        return True, name
    if form == "paren" and date_text and sep:
        return True, name
    return False, None


def _bare_ok(loc: str, sep: str | None, date_text: str | None) -> bool:
    """A markerless ``ISLAMABAD, July 29:``: capitals, a separator, a date or known place."""
    if not sep or loc != loc.upper() or not any(c.isalpha() for c in loc):
        return False
    first = loc.split(",")[0].strip()
    if not date_text and country_code(first) is None and city_country(first) is None:
        return False
    return len(loc.split()) <= 4


def _build(raw: str, loc: str, bracket: str | None, date_text: str | None,
           time_text: str | None, agency: str | None, year_hint: date | None,
           paren_region: str | None = None) -> Dateline:
    place = resolve_location(re.sub(r"\s*\([^()]*\)$", "", loc), bracket, paren_region)
    clock = parse_time(time_text) if time_text else None
    return Dateline(
        raw=raw, location=loc, city=place.city, region=place.region, country=place.country,
        date=parse_date_text(date_text, year_hint) if date_text else None, agency=agency,
        month_day=month_day_text(date_text) if date_text else None,
        time=clock[0].strftime("%H:%M") if clock else None,
        zone=clock[1] if clock else None,
    )


def _match_bare_agency(line: str, year_hint: date | None) -> DatelineMatch | None:
    m = _BARE_AGENCY_RE.match(line)
    if not m or not is_known_agency(m["agency"], strict=True):
        return None
    loc = m["loc"].strip().rstrip(",").strip()
    if not _location_ok(loc, line[: m.end()]) or len(loc.split()) > 6:
        return None
    end = m.end()
    rest = line[end:]
    raw = line[: end].strip()
    dl = _build(raw, loc, None, m["date"], None, canonical_agency(m["agency"]), year_hint)
    return DatelineMatch(dateline=dl, end=end + len(rest) - len(rest.lstrip()))


def match_dateline(text: str, year_hint: date | None = None) -> DatelineMatch | None:
    """Match a dateline at the start of ``text`` (its first line)."""
    line = text.split("\n", 1)[0][:400]
    m = _DATELINE_RE.match(line)
    if not m:
        return _match_bare_agency(line, year_hint)
    loc = m["loc"].strip().rstrip(",").strip()
    printed_loc = loc + (f" ({m['pregion'].strip()})" if m["pregion"] else "")
    form = "slash" if m["slash"] else "dparen" if m["dparen"] else "paren" if m["paren"] else None
    marker = m["slash"] or m["dparen"] or m["paren"]
    sep = m["sep"]
    date_text = m["date"] or m["date_after"] or m["date_slash"]
    agency: str | None = None
    if form is not None and marker is not None:
        name, marker_date = _split_marker(marker)
        date_text = date_text or marker_date
        accepted, agency = _marker_agency(form, name, sep, date_text)
        if not accepted:
            return _match_bare_agency(line, year_hint)
    elif not _bare_ok(loc, sep, date_text):
        return _match_bare_agency(line, year_hint)
    end = m.end()
    raw = line[m.start() : end].strip()
    if not _location_ok(loc, raw):
        return None
    rest = line[end:]
    if marker is None and not rest.strip():
        return None
    dateline = _build(raw, printed_loc, m["bracket"], date_text, m["time"], agency, year_hint,
                      m["pregion"])
    lead_ws = len(rest) - len(rest.lstrip())
    return DatelineMatch(dateline=dateline, end=end + lead_ws)


def parse_dateline(text: str, year_hint: date | None = None) -> Dateline | None:
    """Parse the dateline at the start of ``text``; None when there is none."""
    found = match_dateline(text, year_hint)
    return found.dateline if found else None
