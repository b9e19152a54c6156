"""Reconcile a release's publication time from the evidence the crawl and page give."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from crawlers.dates import as_date, implausible, read_timestamp
from pipelines.parse.clock import local_datetime


def offset_text(moment: datetime) -> str | None:
    """The printed UTC offset of an aware datetime, e.g. ``-04:00``."""
    off = moment.utcoffset()
    if off is None:
        return None
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def dateline_moment(day: str | None, clock: str | None, zone: str | None,
                    country: str | None = None) -> datetime | None:
    """The dateline's date and printed time in its zone (``8:00 AM ET``), DST-aware; an
    abbreviation some countries read otherwise (``CST``, ``IST``) is read as the
    dateline's ``country`` reads it."""
    when = as_date(day)
    if when is None or not clock or not zone:
        return None
    try:
        hour, minute = (int(x) for x in clock.split(":"))
        return local_datetime(when, time(hour, minute), zone, country)
    except (ValueError, OverflowError):
        return None


def dateline_day(printed: str | None, month_day: str | None,
                 hint: datetime | date | None) -> str | None:
    """The day a dateline names, as evidence of publication: its printed date, else its
    month and day in the year that puts them closest to ``hint`` (the feed's or page's
    date). The inferred year stays out of ``dateline.date``, which holds printed years."""
    if printed or not month_day or hint is None:
        return printed
    near = hint.date() if isinstance(hint, datetime) else hint
    try:
        month, day = (int(x) for x in month_day.split("-"))
    except ValueError:
        return None
    best: date | None = None
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            cand = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - near).days) < abs((best - near).days):
            best = cand
    return best.isoformat() if best else None


def reconcile_published(*args: Any, **kwargs: Any
                        ) -> tuple[datetime | None, str | None, str | None]:
    """``(published_at_utc, original_offset, evidence)``: :func:`reconcile_with_notes`
    without its notes (same arguments)."""
    return reconcile_with_notes(*args, **kwargs)[:3]


def _shown(raw: str | datetime) -> str:
    """A rejected value as a note shows it: ISO for a moment, a short quote for text."""
    if isinstance(raw, datetime):
        return raw.isoformat()
    text = "".join(c if c.isprintable() else "?" for c in raw.strip()[:40])
    return repr(text)


def reconcile_with_notes(
    feed: str | None,
    page: str | None,
    dateline: str | None,
    *,
    dateline_time: str | None = None,
    dateline_zone: str | None = None,
    dateline_country: str | None = None,
    first_seen: datetime | None = None,
) -> tuple[datetime | None, str | None, str | None, str | None]:
    """``(published_at_utc, original_offset, evidence, notes)`` from the best evidence.

    A full timestamp beats a bare date; among timestamps the feed's wins, then the page's
    own metadata, then a dateline with a time in a known zone (read as the dateline's
    ``dateline_country`` reads its abbreviation); a dateline date alone is
    the last resort. A timestamp more than a day away from the dateline's date, or later
    than the first time the crawl saw the page, is set aside as another event (an update,
    a re-post). First-seen itself never becomes the publication time. Implausible
    evidence (before 1990, more than two days after first seen) is never used, and
    ``notes`` says what was set aside and why (``feed '9999-12-31': in the future``).
    """
    day = as_date(dateline)
    candidates: list[tuple[int, int, str, datetime]] = []
    notes: list[str] = []
    order = {"feed": 0, "page": 1, "dateline": 2}
    evidence_list: list[tuple[str, str | datetime | None]] = [
        ("feed", feed), ("page", page),
        ("dateline", dateline_moment(dateline, dateline_time, dateline_zone, dateline_country)),
        ("dateline", dateline),
    ]
    for evidence, raw in evidence_list:
        if isinstance(raw, datetime):
            moment, problem = raw, None
        else:
            moment, problem = read_timestamp(raw)
        problem = problem or (implausible(moment, first_seen) if moment else None)
        if problem:
            note = f"{evidence} {_shown(raw)}: {problem}"  # type: ignore[arg-type]
            if note not in notes:
                notes.append(note)
            continue
        if moment is None:
            continue
        has_time = isinstance(raw, datetime) or (isinstance(raw, str) and ":" in raw)
        rank = 0 if has_time else 2
        if day is not None and has_time and abs((moment.date() - day).days) > 1:
            rank = 1
        if first_seen is not None and moment > first_seen + timedelta(days=1):
            rank = 3
        candidates.append((rank, order[evidence], evidence, moment))
    note = "; ".join(notes) or None
    if not candidates:
        return None, None, None, note
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
    return moment.astimezone(UTC), offset_text(moment), evidence, note
