"""Reconcile a release's publication time from the evidence the crawl and page give."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime


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


def reconcile_published(
    feed: str | None, page: str | None, dateline: str | None
) -> tuple[datetime | None, str | None, str | None]:
    """``(published_at_utc, original_offset, evidence)`` from the best evidence.

    A full timestamp beats a bare date; among timestamps the feed's wins, then the page's
    own metadata; a dateline date is the last resort.
    """
    candidates = []
    for evidence, raw in (("feed", feed), ("page", page), ("dateline", dateline)):
        moment = parse_timestamp(raw)
        if moment is not None:
            has_time = isinstance(raw, str) and (":" in raw)
            candidates.append((0 if has_time else 1, evidence, moment))
    if not candidates:
        return None, None, None
    candidates.sort(key=lambda c: c[0])
    _, evidence, moment = candidates[0]
    return moment.astimezone(UTC), offset_text(moment), evidence


def as_date(value: str | None) -> date | None:
    """An ISO date string as a date, or None."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
