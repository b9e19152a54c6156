"""Reconcile a release's publication time from the evidence the crawl and page give."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from email.utils import parsedate_to_datetime

from pipelines.parse.clock import local_datetime


def parse_timestamp(value: str | None) -> datetime | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom, sitemaps, JSON-LD) string as an aware datetime.

    A bare date becomes midnight UTC; a naive time is taken as UTC. Returns None for
    anything unparseable or absurd (before 1990, or more than two days in the future).
    """
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    if parsed.year < 1990 or parsed > datetime.now(UTC) + timedelta(days=2):
        return None
    return parsed


def offset_text(moment: datetime) -> str | None:
    """The printed UTC offset of an aware datetime, e.g. ``-04:00``."""
    off = moment.utcoffset()
    if off is None:
        return None
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def dateline_moment(day: str | None, clock: str | None, zone: str | None) -> datetime | None:
    """The dateline's date and printed time in its zone (``8:00 AM ET``), DST-aware."""
    when = as_date(day)
    if when is None or not clock or not zone:
        return None
    try:
        hour, minute = (int(x) for x in clock.split(":"))
        return local_datetime(when, time(hour, minute), zone)
    except ValueError:
        return None


def reconcile_published(
    feed: str | None,
    page: str | None,
    dateline: str | None,
    *,
    dateline_time: str | None = None,
    dateline_zone: str | None = None,
    first_seen: datetime | None = None,
) -> tuple[datetime | None, str | None, str | None]:
    """``(published_at_utc, original_offset, evidence)`` from the best evidence.

    A full timestamp beats a bare date; among timestamps the feed's wins, then the page's
    own metadata, then a dateline with a time in a known zone; a dateline date alone is
    the last resort. A timestamp more than a day away from the dateline's date, or later
    than the first time the crawl saw the page, is set aside as another event (an update,
    a re-post). First-seen itself never becomes the publication time.
    """
    day = as_date(dateline)
    candidates: list[tuple[int, int, str, datetime]] = []
    order = {"feed": 0, "page": 1, "dateline": 2}
    evidence_list: list[tuple[str, str | datetime | None]] = [
        ("feed", feed), ("page", page),
        ("dateline", dateline_moment(dateline, dateline_time, dateline_zone)),
        ("dateline", dateline),
    ]
    for evidence, raw in evidence_list:
        moment = raw if isinstance(raw, datetime) else parse_timestamp(raw)
        if moment is None:
            continue
        has_time = isinstance(raw, datetime) or (isinstance(raw, str) and ":" in raw)
        rank = 0 if has_time else 2
        if day is not None and has_time and abs((moment.date() - day).days) > 1:
            rank = 1
        if first_seen is not None and moment > first_seen + timedelta(days=1):
            rank = 3
        candidates.append((rank, order[evidence], evidence, moment))
    if not candidates:
        return None, None, None
    candidates.sort(key=lambda c: (c[0], c[1]))
    rank, _, evidence, moment = candidates[0]
    # Feeds often print UTC; when another timed witness names the same instant in the
    # publisher's own zone, keep that offset (the instant is the same either way).
    for other_rank, _, _, other in candidates[1:]:
        if (other_rank == rank and abs((other - moment).total_seconds()) <= 120
                and offset_text(moment) in ("+00:00", None)
                and offset_text(other) not in ("+00:00", None)):
            moment = moment.astimezone(other.tzinfo)
            break
    return moment.astimezone(UTC), offset_text(moment), evidence


def as_date(value: str | None) -> date | None:
    """An ISO date string as a date, or None."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
