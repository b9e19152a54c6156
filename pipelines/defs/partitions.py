"""Partitions: one per source and UTC day.

A day partition of a crawled source holds the releases first found on that day: each
crawl run during the day replaces the partition with what that crawl found, less what
other partitions of the warehouse already hold (so a release lands once, in the day it
first appeared). The ``inbox`` source partition of a day holds the WARC archives dropped
into ``data/inbox/`` and claimed on that day. Days are UTC days, and schedules run on
UTC, so a partition key never depends on the machine's clock zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import dagster as dg

from crawlers.registry import registry

TIMEZONE = "UTC"
START_DATE = "2026-01-01"
INBOX = "inbox"  # the source dimension's value for archives dropped into the inbox


def source_ids() -> list[str]:
    """Every value of the source dimension: the registry's sources and the inbox."""
    return sorted([*registry(), INBOX])


source_day_partitions = dg.MultiPartitionsDefinition({
    "source": dg.StaticPartitionsDefinition(source_ids()),
    # end_offset=1: today's partition exists while the day is under way.
    "day": dg.DailyPartitionsDefinition(start_date=START_DATE, timezone=TIMEZONE, end_offset=1),
})


def day_of(moment: datetime | date | str | None = None) -> str:
    """The UTC day partition (``YYYY-MM-DD``) of a moment; today if none is given."""
    if moment is None:
        moment = datetime.now(UTC)
    if isinstance(moment, str):
        return date.fromisoformat(moment[:10]).isoformat()
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC).date().isoformat()
    return moment.isoformat()


def partition_key(source_id: str, day: datetime | date | str | None = None) -> dg.MultiPartitionKey:
    """The partition of one source on one day (today by default), e.g. ``2026-07-01|prwire``."""
    return dg.MultiPartitionKey({"source": source_id, "day": day_of(day)})


def split_key(key: str | dg.MultiPartitionKey) -> tuple[str, str]:
    """``(source_id, day)`` of a partition key or its string form ``day|source``."""
    if isinstance(key, dg.MultiPartitionKey):
        dims = key.keys_by_dimension
        return dims["source"], dims["day"]
    day, source_id = str(key).split("|", 1)
    return source_id, day
