"""Printed dates read one way everywhere: feed ``pubDate``, sitemap ``lastmod``, listing
dates (the spider) and page metadata dates (``pipelines/published.py``).

A printed value is read as ISO 8601, RFC 822 or one of the listing formats
("November 27, 2026", "27 Nov 2026", ...). Absurd values are refused with a reason
(``unparseable``, ``year 0000``, ``before 1990``, ``in the future``), never guessed at.
This module depends on the standard library only, so crawlers and pipelines can share it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

EARLIEST_YEAR = 1990  # no release we collect was published before this
FUTURE_SLACK = timedelta(days=2)  # a time later than this after first seen (or now) is wrong
_LONGEST_TIMESTAMP = 100  # longer "timestamps" are not read at all (hostile input)

# Dates as listing pages print them, tried after ISO 8601 and RFC 822.
LISTING_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y",
                        "%d/%m/%Y", "%b %d %Y")

# The year of an RFC 822 date as printed: "01 Jan 0000", "1 Feb 2026".
_RFC822_YEAR = re.compile(r"\b\d{1,2}\s+[A-Za-z]{3,9}\.?\s+(\d+)\b")


def implausible(moment: datetime, first_seen: datetime | None = None) -> str | None:
    """Why ``moment`` cannot be a publication time (``before 1990``, ``in the future``:
    more than two days after ``first_seen``, else after now), or None when it can."""
    try:
        if moment.year < EARLIEST_YEAR or moment.astimezone(UTC).year < EARLIEST_YEAR:
            return f"before {EARLIEST_YEAR}"
        if moment > (first_seen or datetime.now(UTC)) + FUTURE_SLACK:
            return "in the future"
    except (OverflowError, ValueError):  # at the edge of datetime's range
        return "out of range"
    return None


def _rfc822(text: str) -> tuple[datetime | None, str | None]:
    """An RFC 822 date, refusing a four-digit year that email.utils would misread."""
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None, "unparseable"
    printed = _RFC822_YEAR.search(text)
    if printed and len(printed[1]) != 2 and int(printed[1]) != parsed.year:
        # email.utils reads any year below 100 as 19xx/20xx, e.g. "0000" as 2000.
        return None, f"year {printed[1]}"
    return parsed, None


def _listing(text: str) -> datetime | None:
    """A listing date ("November 27, 2026") as midnight, or None."""
    for fmt in LISTING_DATE_FORMATS:
        try:
            return datetime.strptime(text.rstrip("."), fmt)
        except ValueError:
            continue
    return None


def read_timestamp(value: str | None) -> tuple[datetime | None, str | None]:
    """``(moment, problem)`` for a printed date or time; ``problem`` says why a printed
    value gives no moment (``unparseable``, ``year 0000``, ``before 1990``,
    ``in the future``). The moment keeps its printed offset; a naive one (a bare date,
    a listing date) is taken as UTC."""
    if not value or not isinstance(value, str) or not value.strip():
        return None, None
    text = " ".join(value.split())
    if len(text) > _LONGEST_TIMESTAMP:
        return None, "unparseable"
    try:
        parsed: datetime | None = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed, problem = _rfc822(text)
        if problem == "unparseable":
            parsed = _listing(text)
        elif problem:
            return None, problem
    if parsed is None:
        return None, "unparseable"
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    problem = implausible(parsed)
    return (None, problem) if problem else (parsed, None)


def parse_timestamp(value: str | None) -> datetime | None:
    """A printed date or time (RFC 822 in RSS, ISO 8601 in Atom, sitemaps and JSON-LD, a
    listing's "November 27, 2026") as an aware datetime, or None if it cannot be read or
    is absurd (see :func:`read_timestamp`)."""
    return read_timestamp(value)[0]


def parse_date(value: str | None) -> date | None:
    """The calendar date of a printed date or time, in its own printed offset; None if it
    cannot be read or is absurd."""
    moment = parse_timestamp(value)
    return moment.date() if moment else None


def parse_day(value: str | date | None) -> date | None:
    """A strict ``YYYY-MM-DD`` argument (``--since``, ``--until``) as a date; raises
    ValueError for anything else."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def as_date(value: str | None) -> date | None:
    """An ISO date string as a date, or None."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
