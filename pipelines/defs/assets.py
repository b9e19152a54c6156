"""The pipeline's assets: crawl → clean → parse → load per source and UTC day, then stories.

Each asset is a thin door onto plain stage functions (``pipelines.manifest``,
``pipelines.articles``, ``pipelines.releases``, ``pipelines.inbox``, ``pipelines.load``,
``pipelines.dedupe``) and the warehouse. Partition semantics: ``pipelines.defs.partitions``.
"""

from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import dagster as dg

from crawlers.records import Article, CrawlRun, Page
from crawlers.registry import registry
from pipelines.articles import clean_pages
from pipelines.dedupe.refresh import refresh_stories
from pipelines.defs.checks import (
    ARTICLE_CHECKS,
    RELEASE_CHECKS,
    extraction_check,
    release_checks,
)
from pipelines.defs.metadata import md_counts, md_links, md_table, new_releases_table
from pipelines.defs.partitions import INBOX, source_day_partitions, split_key
from pipelines.defs.resources import CrawlerResource, WarehouseResource
from pipelines.handoff import hand_off, run_of, take, take_records
from pipelines.load import load_partition
from pipelines.locks import hold
from pipelines.manifest import page_rows, read_manifest, reason_counts
from pipelines.releases import partition_releases
from warehouse.crawlstate import canonical_texts, known_release_urls
from warehouse.publish import publish
from warehouse.repair import repair_stories

WRITER_POOL = "duckdb_writer"
OWNERS = ["team:wiredesk"]


@dg.asset(
    partitions_def=source_day_partitions,
    group_name="ingest",
    kinds={"scrapy"},
    owners=OWNERS,
    description="Crawl one source with Scrapy (in a subprocess) for one UTC day; every "
    "response lands in WARC files with a manifest under data/raw/<source>/<run>/. The "
    "inbox partition instead claims WARC files dropped into data/inbox/. One run per "
    "source at a time: a second is refused (pipelines/locks.py).",
)
def raw_pages(context: dg.AssetExecutionContext, crawler: CrawlerResource,
              warehouse: WarehouseResource) -> dict[str, Any]:
    source_id, day = split_key(context.partition_key)
    with hold(crawler.data_dir, source_id, run_id=context.run.run_id,
              partition=str(context.partition_key)):
        if source_id == INBOX:
            run = crawler.import_inbox(day)
            known: set[str] = set()
        else:
            with warehouse.read() as con:
                known = (known_release_urls(con, source_id,
                                            exclude_partition=context.partition_key)
                         if con is not None else set())
            run = crawler.crawl(registry()[source_id], known_urls=known,
                                partition_key=str(context.partition_key))
    stats = run.stats
    context.add_output_metadata({
        "run_id": run.run_id,
        "day": day,
        "exit_code": run.exit_code,
        "requests": stats.get("downloader/request_count", 0),
        "responses": stats.get("downloader/response_count", 0),
        "retries": stats.get("retry/count", 0),
        "release_records": stats.get("wiredesk/records/release", 0),
        "known_release_urls": len(known),
        "resumed": run.resumed,
        "records_carried_over": stats.get("wiredesk/resume/records_carried", 0),
        "finish_reason": str(stats.get("finish_reason")),
        "warc_files": md_links([Path(crawler.data_dir) / f
                                for f in stats.get("warc_files", [])]),
        "manifest": dg.MetadataValue.path(str(run.manifest)),
    })
    return run.to_row()


@dg.asset(
    partitions_def=source_day_partitions,
    group_name="ingest",
    kinds={"python"},
    owners=OWNERS,
    check_specs=ARTICLE_CHECKS,
    description="Read each fetched release page back from the WARC archive and clean it "
    "with trafilatura, in parallel across cores; unusable pages keep a reason. A declared "
    "canonical URL is kept only if no different page (here or already loaded) claims it. "
    "Pages and articles go to Parquet in the run folder (stages/<partition>/); the output "
    "is a reference to them (pipelines/handoff.py).",
)
def articles(context: dg.AssetExecutionContext, crawler: CrawlerResource,
             warehouse: WarehouseResource, raw_pages: dict[str, Any]
             ) -> Iterator[dg.Output | dg.AssetCheckResult]:
    run = CrawlRun.from_row(raw_pages)
    pages = page_rows(read_manifest(run.manifest))
    fetched = sum(p.fetched for p in pages)

    def known_texts(canonicals: list[str]) -> list[tuple[str, str]]:
        with warehouse.read() as con:
            return [] if con is None else canonical_texts(
                con, canonicals, exclude_partition=str(context.partition_key))

    try:
        pages, arts = clean_pages(pages, Path(crawler.data_dir).resolve(),
                                  known_texts=known_texts)
    except BrokenProcessPool as exc:
        raise dg.Failure(
            description=f"a clean worker died (killed, or out of memory) while cleaning the "
            f"{fetched} fetched release pages of run {run.run_id}; nothing was "
            "loaded: materialise the partition again",
            metadata={"run_dir": dg.MetadataValue.path(run.run_dir)},
        ) from exc
    reasons = reason_counts(p for p in pages if p.role == "release")
    ref = hand_off(run, str(context.partition_key), pages=pages, articles=arts)
    yield dg.Output(ref, metadata={
        "pages": len(pages),
        "release_pages": sum(p.role == "release" for p in pages),
        "fetched_release_pages": fetched,
        "articles": len(arts),
        "reasons": dg.MetadataValue.json(reasons),
        "errors_by_reason": md_counts(reasons, skip=["ok"]),
        "preview": md_table([a.to_row() for a in arts], ["title", "url", "extractor"]),
        "stage_files": md_links([Path(f) for f in ref["tables"].values()]),
    })
    yield extraction_check(fetched, len(arts))


@dg.asset(
    partitions_def=source_day_partitions,
    group_name="ingest",
    kinds={"python"},
    owners=OWNERS,
    check_specs=RELEASE_CHECKS,
    description="Parse each article (dateline, agency, tickers, boilerplate) and collapse "
    "copies within the source (same canonical URL or identical text) into releases, "
    "written to Parquet beside the articles; the output is a reference.",
)
def releases(context: dg.AssetExecutionContext, articles: dict[str, Any]
             ) -> Iterator[dg.Output | dg.AssetCheckResult]:
    arts = take_records(articles, "articles", Article)
    pages = take_records(articles, "pages", Page)
    rels = partition_releases(arts, pages, registry(), fallback=INBOX)
    with_dateline = sum(1 for r in rels if r["dateline_raw"])
    ref = hand_off(run_of(articles), str(context.partition_key), articles, releases=rels)
    yield dg.Output(ref, metadata={
        "releases": len(rels),
        "collapsed_pages": sum(len(r["page_ids"]) - 1 for r in rels),
        "with_dateline": with_dateline,
        "dateline_rate": round(with_dateline / len(rels), 3) if rels else 0.0,
        "with_tickers": sum(1 for r in rels if r["tickers"]),
        "preview": md_table(rels, ["title", "dateline_raw", "agency", "tickers"]),
        "stage_file": dg.MetadataValue.path(ref["tables"]["releases"]),
    })
    yield from release_checks(arts, rels)


@dg.asset(
    partitions_def=source_day_partitions,
    group_name="warehouse",
    kinds={"duckdb"},
    owners=OWNERS,
    pool=WRITER_POOL,
    description="Load the partition's crawl run, pages, articles and releases into DuckDB "
    "in one transaction, replacing what an earlier run of the partition loaded and leaving "
    "out what other partitions already hold; then publish the read copy.",
)
def warehouse_partition(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                        crawler: CrawlerResource, releases: dict[str, Any]) -> None:
    key = str(context.partition_key)
    pages = take_records(releases, "pages", Page)
    arts, rels = take_records(releases, "articles", Article), take(releases, "releases")
    release_pages = [p for p in pages if p.role == "release"]
    with warehouse.connect() as con:
        loaded = load_partition(con, key, run_of(releases), pages, arts, rels)
        read_copy = publish(warehouse.path, con)  # also rebuilds the full-text index
    counts, dropped = loaded.counts, loaded.dropped
    new = sorted(loaded.releases, key=lambda r: r["first_seen_at"], reverse=True)
    warc_files = run_of(releases).stats.get("warc_files", [])
    context.add_output_metadata({
        **counts, **dropped,
        "partition": key,
        "stage_counts": md_counts({
            "pages fetched": len(pages), "release pages": len(release_pages),
            "articles cleaned": len(arts), "releases parsed": len(rels),
            "releases loaded": counts.get("releases", 0),
            "already in other partitions": dropped["already_loaded_releases"]}),
        "errors_by_reason": md_counts(reason_counts(release_pages), skip=["ok"]),
        "new_releases": new_releases_table(new),
        "warc_files": md_links([Path(crawler.data_dir) / f for f in warc_files]),
        "warehouse": dg.MetadataValue.path(warehouse.path),
        "read_copy": dg.MetadataValue.path(str(read_copy)),
    })


@dg.asset(
    deps=[dg.AssetDep(warehouse_partition, partition_mapping=dg.AllPartitionMapping())],
    group_name="warehouse",
    kinds={"duckdb"},
    owners=OWNERS,
    pool=WRITER_POOL,
    description="Group the same release across carriers into stories (shared passages "
    "weighted by rarity, in order, with agreeing figures; reworded copies by their content "
    "words), incrementally and with stable story ids; record new versions; then publish.",
)
def stories(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> None:
    priority = {s.id: s.priority for s in registry().values()}
    with warehouse.connect() as con:
        repaired = repair_stories(con, priority)  # left stale by a refresh that was killed
        counts, story_rows = refresh_stories(con, priority)
        publish(warehouse.path, con)
    multi = sorted((s for s in story_rows if s["carriers"] > 1),
                   key=lambda s: -s["carriers"])
    context.add_output_metadata({
        **counts,
        "repaired_stories": repaired,
        "multi_carrier_stories": len(multi),
        "preview": md_table(multi, ["title", "carriers", "members"]),
    })
