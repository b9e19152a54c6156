"""Times of day printed in releases (``8:00 AM ET``, ``14:30 GMT``) and their zones.

A zone name that follows daylight saving (``ET``) is mapped to an IANA zone, so the
offset comes from the date; one that names its offset (``EDT``) keeps that offset.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

__all__ = ["ZONES", "TIME_PATTERN", "find_time", "local_datetime", "parse_time"]

# printed zone -> IANA zone (follows DST) or a fixed offset in hours
ZONES: dict[str, str | float] = {
    "ET": "America/New_York", "EST": -5, "EDT": -4, "CT": "America/Chicago", "CST": -6,
    "CDT": -5, "MT": "America/Denver", "MST": -7, "MDT": -6, "PT": "America/Los_Angeles",
    "PST": -8, "PDT": -7, "AKT": "America/Anchorage", "HT": "Pacific/Honolulu",
    "HST": -10, "AT": "America/Halifax", "GMT": 0, "UTC": 0, "Z": 0,
    "UK": "Europe/London", "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "WET": 0,
    "WEST": 1, "MSK": 3, "GST": 4, "PKT": 5, "IST": 5.5, "NPT": 5.75, "BDT": 6,
    "ICT": 7, "WIB": 7, "SGT": 8, "HKT": 8, "AWST": 8, "JST": 9, "KST": 9,
    "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}  # fmt: skip

_ZONE_ALT = "|".join(sorted(ZONES, key=len, reverse=True))
TIME_PATTERN = (
    r"(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:[aApP]\.?\s?[mM]\.?)"
    rf"(?:\s*\(?(?:{_ZONE_ALT})\b\)?)?"
    rf"|\d{{1,2}}:\d{{2}}(?:\s*(?:hrs?|hours|h))?(?:\s*\(?(?:{_ZONE_ALT})\b\)?)?"
)
_TIME_RE = re.compile(
    r"(?<![\d:])(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>[aApP]\.?\s?[mM]\.?)?"
    r"(?:\s*(?:hrs?|hours|h)\b)?"
    rf"(?:\s*\(?(?P<zone>{_ZONE_ALT})\b\)?)?"
)


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
    return time(hour, minute), m["zone"]


def _zone(name: str | None) -> tzinfo | None:
    if not name or name not in ZONES:
        return None
    value = ZONES[name]
    if isinstance(value, str):
        return ZoneInfo(value)
    return timezone(timedelta(minutes=round(value * 60)))


def local_datetime(day: date, clock: time, zone: str | None) -> datetime | None:
    """An aware datetime for a printed date, time and zone; None when the zone is unknown."""
    tz = _zone(zone)
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
