"""The pipeline's assets: crawl → clean → parse → load per source, then stories.

Each asset is a thin door onto plain stage functions (``pipelines.rows``,
``pipelines.dedupe``) and the warehouse (``warehouse.load``).
"""


from pathlib import Path
from typing import Any

import dagster as dg

from crawlers.registry import registry
from pipelines.articles import clean_pages
from pipelines.dedupe.refresh import refresh_stories
from pipelines.defs.metadata import md_table
from pipelines.defs.resources import CrawlerResource, WarehouseResource
from pipelines.manifest import page_rows, read_manifest, reason_counts
from pipelines.published import parse_timestamp
from pipelines.releases import release_rows
from warehouse.load import replace_partition, upsert_sources
from warehouse.publish import publish

source_partitions = dg.StaticPartitionsDefinition(sorted(registry()))
WRITER_POOL = "duckdb_writer"
OWNERS = ["team:wiredesk"]


@dg.asset(
    partitions_def=source_partitions,
    group_name="ingest",
    kinds={"scrapy"},
    owners=OWNERS,
    description="Crawl one source with Scrapy (in a subprocess); every response lands in "
    "WARC files with a manifest under data/raw/<source>/<run>/.",
)
def raw_pages(context: dg.AssetExecutionContext, crawler: CrawlerResource) -> dict[str, Any]:
    source = registry()[context.partition_key]
    run = crawler.crawl(source)
    stats = run.stats
    context.add_output_metadata({
        "run_id": run.run_id,
        "exit_code": run.exit_code,
        "requests": stats.get("downloader/request_count", 0),
        "responses": stats.get("downloader/response_count", 0),
        "retries": stats.get("retry/count", 0),
        "release_records": stats.get("wiredesk/records/release", 0),
        "finish_reason": str(stats.get("finish_reason")),
        "warc_files": dg.MetadataValue.md(
            "\n".join(f"- `{Path(crawler.data_dir) / f}`" for f in stats.get("warc_files", []))
            or "none"
        ),
        "manifest": dg.MetadataValue.path(str(run.manifest)),
    })
    return run.to_dict()


@dg.asset(
    partitions_def=source_partitions,
    group_name="ingest",
    kinds={"python"},
    owners=OWNERS,
    description="Read each fetched release page back from the WARC archive and clean it "
    "with trafilatura, in parallel across cores; unusable pages keep a reason.",
)
def articles(context: dg.AssetExecutionContext, crawler: CrawlerResource,
             raw_pages: dict[str, Any]) -> dict[str, Any]:
    pages = page_rows(read_manifest(Path(raw_pages["run_dir"]) / "manifest.jsonl"))
    arts = clean_pages(pages, Path(crawler.data_dir).resolve())
    reasons = reason_counts(p for p in pages if p["role"] == "release")
    context.add_output_metadata({
        "pages": len(pages),
        "release_pages": sum(p["role"] == "release" for p in pages),
        "articles": len(arts),
        "reasons": dg.MetadataValue.json(reasons),
        "errors_by_reason": dg.MetadataValue.md(
            "\n".join(f"- {k}: {v}" for k, v in reasons.items() if k != "ok") or "none"),
        "preview": md_table(arts, ["title", "url", "extractor"]),
    })
    return {"run": raw_pages, "pages": pages, "articles": arts}


@dg.asset(
    partitions_def=source_partitions,
    group_name="ingest",
    kinds={"python"},
    owners=OWNERS,
    description="Parse each article (dateline, agency, tickers, boilerplate) and collapse "
    "copies within the source (same canonical URL or identical text) into releases.",
)
def releases(context: dg.AssetExecutionContext, articles: dict[str, Any]) -> dict[str, Any]:
    source = registry()[context.partition_key]
    rels = release_rows(articles["articles"], articles["pages"], carrier=source.name)
    with_dateline = sum(1 for r in rels if r["dateline_raw"])
    context.add_output_metadata({
        "releases": len(rels),
        "collapsed_pages": sum(len(r["page_ids"]) - 1 for r in rels),
        "with_dateline": with_dateline,
        "dateline_rate": round(with_dateline / len(rels), 3) if rels else 0.0,
        "with_tickers": sum(1 for r in rels if r["tickers"]),
        "preview": md_table(rels, ["title", "dateline_raw", "agency", "tickers"]),
    })
    return {**articles, "releases": rels}


def _run_row(run: dict[str, Any], partition_key: str, release_pages: int, errors: int
             ) -> dict[str, Any]:
    stats = run.get("stats", {})
    return {
        "run_id": run["run_id"],
        "source_id": run["source_id"],
        "partition_key": partition_key,
        "started_at": parse_timestamp(run["started_at"]),
        "finished_at": parse_timestamp(run["finished_at"]),
        "finish_reason": stats.get("finish_reason"),
        "exit_code": run["exit_code"],
        "requests": stats.get("downloader/request_count", 0),
        "responses": stats.get("downloader/response_count", 0),
        "release_pages": release_pages,
        "errors": errors,
        "warc_files": stats.get("warc_files", []),
        "stats": stats,
    }


@dg.asset(
    partitions_def=source_partitions,
    group_name="warehouse",
    kinds={"duckdb"},
    owners=OWNERS,
    pool=WRITER_POOL,
    description="Load the partition's crawl run, pages, articles and releases into DuckDB "
    "in one transaction, replacing what an earlier run of the partition loaded.",
)
def warehouse_partition(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                        releases: dict[str, Any]) -> None:
    source = registry()[context.partition_key]
    pages = releases["pages"]
    release_pages = [p for p in pages if p["role"] == "release"]
    run = _run_row(releases["run"], context.partition_key, len(release_pages),
                   sum(1 for p in release_pages if p["outcome"] != "ok"))
    rels = releases["releases"]
    with warehouse.connect() as con:
        upsert_sources(con, [source_row(s) for s in registry().values()])
        counts = replace_partition(
            con, context.partition_key, run, pages, releases["articles"], rels,
            entities=[e for r in rels for e in r.get("entities", [])],
            mentions=[m for r in rels for m in r.get("mentions", [])],
            contacts=[c for r in rels for c in r.get("contacts", [])],
        )
    read_copy = publish(warehouse.path)
    context.add_output_metadata({**counts, "source": source.id,
                                 "warehouse": dg.MetadataValue.path(warehouse.path),
                                 "read_copy": dg.MetadataValue.path(str(read_copy))})


def source_row(source: Any) -> dict[str, Any]:
    """The ``sources`` table row of a registry entry."""
    return {
        "source_id": source.id, "name": source.name, "kind": source.kind,
        "agency": source.agency, "country": source.country, "language": source.language,
        "timezone": source.timezone, "homepage": source.homepage, "network": source.network,
        "priority": source.priority, "schedule": source.schedule, "enabled": source.enabled,
    }


@dg.asset(
    deps=[dg.AssetDep(warehouse_partition, partition_mapping=dg.AllPartitionMapping())],
    group_name="warehouse",
    kinds={"duckdb"},
    owners=OWNERS,
    pool=WRITER_POOL,
    description="Group the same release across carriers into stories (exact text for "
    "now), with the canonical copy, carriers and syndication lag.",
)
def stories(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> None:
    priority = {s.id: s.priority for s in registry().values()}
    with warehouse.connect() as con:
        counts, story_rows = refresh_stories(con, priority)
    publish(warehouse.path)
    multi = sorted((s for s in story_rows if s["carriers"] > 1),
                   key=lambda s: -s["carriers"])
    context.add_output_metadata({
        **counts,
        "multi_carrier_stories": len(multi),
        "preview": md_table(multi, ["title", "carriers", "members"]),
    })
