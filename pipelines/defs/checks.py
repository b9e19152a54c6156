"""Asset checks: extraction failure rate, dateline parse rate, duplicate rate and
row-count sanity per partition (evaluated inside the asset that made the rows), and
per-source freshness over the published read copy.

Blocking checks stop bad data from spreading: a partition whose extraction mostly failed
is not parsed, and a partition whose releases are not sane is not loaded.
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import dagster as dg

from crawlers.records import Article
from crawlers.registry import enabled_sources
from pipelines.defs.metadata import md_table
from pipelines.defs.resources import WarehouseResource
from pipelines.defs.schedules import schedule_period, source_cron
from warehouse.status import newest_seen_by_source

MAX_EXTRACTION_FAILURE = 0.5
MIN_DATELINE_RATE = 0.5
MAX_DUPLICATE_RATE = 0.5

ERROR = dg.AssetCheckSeverity.ERROR
WARN = dg.AssetCheckSeverity.WARN

ARTICLE_CHECKS = [
    dg.AssetCheckSpec("extraction_failure_rate", asset="articles", blocking=True,
                      description="At most half of the fetched release pages may fail to "
                      "clean; otherwise the partition is not parsed."),
]
RELEASE_CHECKS = [
    dg.AssetCheckSpec("row_count_sanity", asset="releases", blocking=True,
                      description="Cleaned articles give at least one release, never more "
                      "releases than articles, and every release has its keys."),
    dg.AssetCheckSpec("dateline_parse_rate", asset="releases",
                      description=f"At least {MIN_DATELINE_RATE:.0%} of releases have a "
                      "parsed dateline (a warning: some carriers print none)."),
    dg.AssetCheckSpec("duplicate_rate", asset="releases",
                      description=f"At most {MAX_DUPLICATE_RATE:.0%} of articles are copies "
                      "collapsed into another release of the same source."),
]


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def extraction_check(fetched: int, cleaned: int) -> dg.AssetCheckResult:
    """Share of the release pages fetched fine that could not be cleaned."""
    failed = fetched - cleaned
    rate = _rate(failed, fetched)
    return dg.AssetCheckResult(
        check_name="extraction_failure_rate", passed=rate <= MAX_EXTRACTION_FAILURE,
        severity=ERROR, metadata={"fetched_release_pages": fetched, "failed": failed,
                                  "failure_rate": rate, "max": MAX_EXTRACTION_FAILURE})


def release_checks(articles: Sequence[Article], releases: Sequence[dict[str, Any]]
                   ) -> list[dg.AssetCheckResult]:
    """Row-count sanity (blocking), dateline parse rate and duplicate rate of a partition."""
    keyless = sum(1 for r in releases if not (r.get("release_id") and r.get("content_hash")
                                              and r.get("canonical_url")))
    sane = (not articles or 0 < len(releases) <= len(articles)) and not keyless
    with_dateline = sum(1 for r in releases if r.get("dateline_raw"))
    dateline_rate = _rate(with_dateline, len(releases))
    collapsed = sum(len(r["page_ids"]) - 1 for r in releases)
    duplicate_rate = _rate(collapsed, len(articles))
    return [
        dg.AssetCheckResult(check_name="row_count_sanity", passed=sane, severity=ERROR,
                            metadata={"articles": len(articles), "releases": len(releases),
                                      "releases_without_keys": keyless}),
        dg.AssetCheckResult(check_name="dateline_parse_rate", severity=WARN,
                            passed=not releases or dateline_rate >= MIN_DATELINE_RATE,
                            metadata={"with_dateline": with_dateline, "rate": dateline_rate,
                                      "min": MIN_DATELINE_RATE}),
        dg.AssetCheckResult(check_name="duplicate_rate", severity=WARN,
                            passed=duplicate_rate <= MAX_DUPLICATE_RATE,
                            metadata={"collapsed_copies": collapsed, "rate": duplicate_rate,
                                      "max": MAX_DUPLICATE_RATE}),
    ]


def freshness_rows(latest: dict[str, datetime | None], now: datetime | None = None
                   ) -> list[dict[str, Any]]:
    """Per enabled source: its newest release's first sighting against the window its
    schedule implies (two schedule periods: one missed tick is tolerated)."""
    now = now or datetime.now(UTC)
    rows = []
    for source in enabled_sources():
        window = 2 * schedule_period(source_cron(source))
        seen = latest.get(source.id)
        rows.append({"source": source.id, "schedule": source_cron(source),
                     "window_hours": round(window / timedelta(hours=1), 1),
                     "newest_release_seen": seen.isoformat() if seen else "never",
                     "fresh": seen is not None and now - seen <= window})
    return rows


@dg.asset_check(asset="warehouse_partition", name="source_freshness",
                description="Every enabled source has a new release within the window its "
                "schedule implies (two schedule periods), read from the published copy.")
def source_freshness(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    latest: dict[str, datetime | None] = {}
    with warehouse.read() as con:
        if con is not None:
            latest = newest_seen_by_source(con)
    rows = freshness_rows(latest)
    stale = [r["source"] for r in rows if not r["fresh"]]
    return dg.AssetCheckResult(passed=not stale, severity=WARN, metadata={
        "stale_sources": dg.MetadataValue.json(stale),
        "sources": md_table(rows, ["source", "schedule", "window_hours",
                                   "newest_release_seen", "fresh"], limit=50)})
