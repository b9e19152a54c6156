"""The load stage: one partition's crawl run, pages, articles and releases become warehouse
rows, in one transaction (``warehouse.load.replace_partition``), leaving out what other
partitions already hold (``warehouse.overlap``). Knows the registry, not Dagster."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from crawlers.dates import parse_timestamp
from crawlers.records import Article, CrawlRun, Page
from crawlers.registry import Source, registry
from pipelines.inbox import INBOX_SOURCE
from warehouse.load import replace_partition, upsert_sources
from warehouse.overlap import drop_loaded_elsewhere

INBOX_ROW = {"source_id": INBOX_SOURCE, "name": "Inbox (dropped WARC archives)",
             "kind": "archive", "network": "inbox", "enabled": True, "priority": 90}


def source_row(source: Source) -> dict[str, Any]:
    """The ``sources`` table row of a registry entry."""
    return {
        "source_id": source.id, "name": source.name, "kind": source.kind,
        "agency": source.agency, "country": source.country, "language": source.language,
        "timezone": source.timezone, "homepage": source.homepage, "network": source.network,
        "priority": source.priority, "schedule": source.schedule, "enabled": source.enabled,
    }


def source_rows(sources: Iterable[Source]) -> list[dict[str, Any]]:
    """The ``sources`` rows of the registry entries and of the inbox."""
    return [source_row(s) for s in sources] + [INBOX_ROW]


def run_row(run: CrawlRun, partition_key: str, pages: Sequence[Page]) -> dict[str, Any]:
    """The ``crawl_runs`` row of a crawl run with its pages."""
    stats = run.stats
    release_pages = [p for p in pages if p.role == "release"]
    return {
        "run_id": run.run_id,
        "source_id": run.source_id,
        "partition_key": partition_key,
        "started_at": parse_timestamp(run.started_at),
        "finished_at": parse_timestamp(run.finished_at),
        "finish_reason": stats.get("finish_reason"),
        "exit_code": run.exit_code,
        "requests": stats.get("downloader/request_count", 0),
        "responses": stats.get("downloader/response_count", 0),
        "release_pages": len(release_pages),
        "errors": sum(1 for p in release_pages if p.outcome != "ok"),
        "warc_files": stats.get("warc_files", []),
        "stats": stats,
    }


@dataclass
class PartitionLoad:
    """What :func:`load_partition` wrote: rows per table, rows left out because other
    partitions hold them (``already_loaded_<table>``), and the releases it loaded."""

    counts: dict[str, int]
    dropped: dict[str, int]
    releases: list[dict[str, Any]]


def load_partition(con: duckdb.DuckDBPyConnection, partition_key: str, run: CrawlRun,
                   pages: Sequence[Page], articles: Sequence[Article],
                   releases: list[dict[str, Any]]) -> PartitionLoad:
    """Replace the partition's rows with this run's, minus what other partitions already
    hold (a release lands once, in the partition that first found it); refresh the
    ``sources`` rows from the registry first."""
    rows = {
        "pages": [p.to_row() for p in pages], "articles": [a.to_row() for a in articles],
        "releases": releases,
        "mentions": [m for r in releases for m in r.get("mentions", [])],
        "contacts": [c for r in releases for c in r.get("contacts", [])],
    }
    upsert_sources(con, source_rows(registry().values()))
    dropped = drop_loaded_elsewhere(con, partition_key, rows)
    kept = {r["release_id"] for r in rows["releases"]}
    counts = replace_partition(
        con, partition_key, run_row(run, partition_key, pages), rows["pages"],
        rows["articles"], rows["releases"],
        entities=[e for r in releases if r["release_id"] in kept for e in r.get("entities", [])],
        mentions=rows["mentions"], contacts=rows["contacts"],
    )
    return PartitionLoad(counts, dropped, rows["releases"])
