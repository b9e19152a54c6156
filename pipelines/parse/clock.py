"""Times of day printed in releases (``8:00 AM ET``, ``14:30 GMT``) and their zones.

A zone name that follows daylight saving (``ET``) is mapped to an IANA zone, so the
offset comes from the date; one that names its offset (``EDT``) keeps that offset. Some
abbreviations name different zones in different countries (``CST`` is US Central time
and China Standard Time, ``IST`` India's, Ireland's and Israel's): the country of the
dateline decides, and without one the first reading stands.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

__all__ = ["ZONES", "TIME_PATTERN", "find_time", "local_datetime", "match_time", "parse_time",
           "zone_name"]

# printed zone -> IANA zone (follows DST) or a fixed offset in hours
ZONES: dict[str, str | float] = {
    "ET": "America/New_York", "EST": -5, "EDT": -4, "CT": "America/Chicago", "CST": -6,
    "CDT": -5, "MT": "America/Denver", "MST": -7, "MDT": -6, "PT": "America/Los_Angeles",
    "PST": -8, "PDT": -7, "AKT": "America/Anchorage", "AKST": -9, "AKDT": -8,
    "HT": "Pacific/Honolulu", "HST": -10, "AT": "America/Halifax", "AST": -4, "ADT": -3,
    "NST": -3.5, "NDT": -2.5, "GMT": 0, "UTC": 0, "Z": 0, "UK": "Europe/London", "BST": 1,
    "IST": 5.5, "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2, "EET": 2, "EEST": 3, "WET": 0,
    "WEST": 1, "MSK": 3, "TRT": 3, "IDT": 3, "GST": 4, "IRST": 3.5, "AFT": 4.5, "PKT": 5,
    "NPT": 5.75, "BDT": 6, "ICT": 7, "WIB": 7, "WITA": 8, "WIT": 9, "SGT": 8, "HKT": 8,
    "PHT": 8, "MYT": 8, "AWST": 8, "JST": 9, "KST": 9, "ACST": 9.5, "AEST": 10,
    "AEDT": 11, "NZST": 12, "NZDT": 13, "WAT": 1, "CAT": 2, "SAST": 2, "EAT": 3,
}  # fmt: skip

# abbreviations that other countries read otherwise: zone -> {country: reading}
_BY_COUNTRY: dict[str, dict[str, str | float]] = {
    "CST": {"CN": 8, "TW": 8, "HK": 8, "MO": 8, "CU": -5},
    "CDT": {"CU": -4},
    "IST": {"IE": 1, "IL": 2, "IN": 5.5, "LK": 5.5},
    "BST": {"BD": 6},
    "PST": {"PK": 5, "PH": 8},
    "AST": {"SA": 3, "KW": 3, "QA": 3, "BH": 3, "IQ": 3, "YE": 3},
    "MST": {"MY": 8},
    "EST": {"AU": 10},
    "GST": {"GS": -2},
}  # fmt: skip

# zones printed as words: "10:15 AM Pacific", "08:00 AM Eastern Daylight Time"
_ZONE_WORDS: dict[str, str] = {
    "eastern": "ET", "central": "CT", "mountain": "MT", "pacific": "PT",
    "eastern daylight": "EDT", "eastern standard": "EST", "central daylight": "CDT",
    "central standard": "CST", "mountain daylight": "MDT", "mountain standard": "MST",
    "pacific daylight": "PDT", "pacific standard": "PST", "greenwich mean": "GMT",
    "british summer": "BST", "central european": "CET", "central european summer": "CEST",
}  # fmt: skip

_ZONE_ALT = "|".join(sorted(ZONES, key=len, reverse=True))
_WORD_ALT = "|".join(sorted((re.escape(w) for w in _ZONE_WORDS), key=len, reverse=True))
_ZONE = rf"(?:{_ZONE_ALT})\b|(?i:{_WORD_ALT})(?:\s+time)?\b"
TIME_PATTERN = (
    r"(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:[aApP]\.?\s?[mM]\.?)"
    rf"(?:\s*\(?(?:{_ZONE})\)?)?"
    rf"|\d{{1,2}}:\d{{2}}(?:\s*(?:hrs?|hours|h))?(?:\s*\(?(?:{_ZONE})\)?)?"
)
_TIME_RE = re.compile(
    r"(?<![\d:])(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>[aApP]\.?\s?[mM]\.?)?"
    r"(?:\s*(?:hrs?|hours|h)\b)?"
    rf"(?:\s*\(?(?P<zone>{_ZONE})\)?)?"
)
_AT_RE = re.compile(rf"(?:[@,]\s*|at\s+)?(?=\d)(?:{TIME_PATTERN})", re.I)


def zone_name(printed: str | None) -> str | None:
    """The abbreviation for a printed zone (``Pacific`` -> ``PT``); None when unknown."""
    if not printed:
        return None
    if printed in ZONES:
        return printed
    key = re.sub(r"\s+", " ", printed.lower().removesuffix(" time")).strip()
    return _ZONE_WORDS.get(key)


def parse_time(text: str) -> tuple[time, str | None] | None:
    """``(time, zone)`` for ``8:00 AM ET`` / ``14:30 GMT`` / ``9 a.m.``; None otherwise."""
    m = _TIME_RE.search(text)
    if not m or not (m["m"] or m["ampm"]):
        return None
    hour, minute = int(m["h"]), int(m["m"] or 0)
    if m["ampm"]:
        if not 1 <= hour <= 12:
            return None
        pm = m["ampm"][0].lower() == "p"
        hour = hour % 12 + (12 if pm else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute), zone_name(m["zone"])


def match_time(text: str, pos: int) -> tuple[int, time, str | None] | None:
    """``(end, time, zone)`` for a time printed at ``pos`` (``@ 10:15 AM Pacific``)."""
    m = _AT_RE.match(text, pos)
    if not m:
        return None
    found = parse_time(m.group(0))
    return (m.end(), *found) if found else None


def _zone(name: str | None, country: str | None = None) -> tzinfo | None:
    if not name or name not in ZONES:
        return None
    value = _BY_COUNTRY.get(name, {}).get(country or "", ZONES[name])
    if isinstance(value, str):
        return ZoneInfo(value)
    return timezone(timedelta(minutes=round(value * 60)))


def local_datetime(day: date, clock: time, zone: str | None,
                   country: str | None = None) -> datetime | None:
    """An aware datetime for a printed date, time and zone, the zone read as ``country``
    (the dateline's) reads it; None when the zone is unknown."""
    tz = _zone(zone, country)
    if tz is None:
        return None
    return datetime.combine(day, clock, tzinfo=tz)


_HEADER_TIME_RE = re.compile(TIME_PATTERN)


def find_time(text: str) -> tuple[time, str | None] | None:
    """The first time of day with a known zone in a short header or dateline text."""
    for m in _HEADER_TIME_RE.finditer(text):
        found = parse_time(m.group(0))
        if found and found[1]:
            return found
    return None
