"""Materialise every asset in-process into a temporary DuckDB and check it against the truth."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import dagster as dg
import pytest

from pipelines.definitions import build_defs
from pipelines.defs.partitions import partition_key
from pipelines.defs.runner import Outcome, launch
from simulator import SimulatorServer
from tests.conftest import local_pipeline, materialise_simulated
from warehouse.db import connect

TABLES = ("sources", "crawl_runs", "pages", "articles", "releases", "stories", "story_members")
UNUSABLE = ("empty_body", "unextractable", "truncated")




def counts(db) -> dict[str, int]:
    con = connect(db, read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


@pytest.fixture(scope="module")
def own_simulator(network) -> Iterator[SimulatorServer]:
    """A server of this module's own: a versioned page answers its first version on the
    first visit, so the crawl sees the same versions whichever tests crawled before."""
    with SimulatorServer(network) as sim:
        yield sim


@pytest.fixture(scope="module")
def pipeline(own_simulator, dagster_home, tmp_path_factory) -> dict[str, Any]:
    data = tmp_path_factory.mktemp("pipeline-data")
    built = local_pipeline(data, dagster_home, sim_proxy=own_simulator.proxy_url)
    materialise_simulated(built)
    db = data / "warehouse.duckdb"
    return {**built, "db": db, "first": counts(db)}


def query(db, sql: str, params: list | None = None) -> list[tuple]:
    con = connect(db, read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def expected_releases(truth: dict) -> dict[str, set[str]]:
    """Per site, the canonical URLs of pages that can be fetched and cleaned."""
    unusable = {truth["special"][k] for k in UNUSABLE}
    out: dict[str, set[str]] = defaultdict(set)
    for page in truth["pages"]:
        if page["reachable"] and page["expected_status"] == 200 and page["url"] not in unusable:
            out[page["site"]].add(page["canonical_url"])
    return out


@pytest.mark.slow
def test_release_counts_match_the_truth(pipeline, truth):
    got = dict(query(pipeline["db"], "SELECT source_id, count(*) FROM releases GROUP BY 1"))
    want = {site: len(urls) for site, urls in expected_releases(truth).items()}
    assert got == want
    canon = {r[0] for r in query(pipeline["db"], "SELECT canonical_url FROM releases")}
    assert canon == set().union(*expected_releases(truth).values())


@pytest.mark.slow
def test_exact_reposts_collapse_into_one_release(pipeline, truth):
    reposts = truth["special"]["exact_reposts"]
    assert reposts
    for url in reposts:
        rows = query(pipeline["db"], "SELECT release_id, canonical_url, len(urls) FROM releases "
                                     "WHERE list_contains(urls, ?)", [url])
        assert len(rows) == 1, url
        _, canonical, n_urls = rows[0]
        assert "utm_" not in canonical and n_urls >= 2
    # Both fetched copies are kept as pages, pointing at the same release.
    assert not query(pipeline["db"], "SELECT 1 FROM releases WHERE canonical_url LIKE '%utm_%'")


@pytest.mark.slow
def test_verbatim_copies_on_other_wires_share_a_story(pipeline, truth):
    url_story = dict(query(pipeline["db"], """
        SELECT u.url, m.story_id FROM (SELECT unnest(urls) AS url, release_id FROM releases) u
        JOIN story_members m USING (release_id)"""))
    checked = 0
    for rel in truth["releases"]:
        pages = [p for p in truth["pages"] if p["release_id"] == rel["release_id"]
                 and p["url"] in url_story]
        if len(pages) > 1:
            assert len({url_story[p["url"]] for p in pages}) == 1, rel["headline"]
            checked += 1
    assert checked >= 1
    multi = query(pipeline["db"], "SELECT count(*) FROM stories WHERE carriers > 1")[0][0]
    assert multi >= checked


@pytest.mark.slow
def test_bad_pages_are_recorded_with_reasons(pipeline, truth):
    reasons = dict(query(pipeline["db"], "SELECT url, reason FROM pages WHERE reason IS NOT NULL"))
    special = truth["special"]
    assert reasons[special["robots_disallowed"]] == "robots_disallowed"
    assert reasons[special["offsite_link"]] == "offsite"
    assert reasons[special["not_found"]] == "http_404"
    assert reasons[special["truncated"]] == "truncated"
    assert reasons[special["empty_body"]] == "empty_body"
    assert reasons[special["unextractable"]] == "no_text_extracted"
    assert reasons[special["bad_feed"]] == "feed_not_xml"


@pytest.mark.slow
def test_datelines_and_tickers_are_parsed(pipeline, truth):
    rows = query(pipeline["db"], "SELECT unnest(urls), dateline_raw, tickers FROM releases")
    by_url = {r[0]: r for r in rows}
    checked = 0
    for page in truth["pages"]:
        row = by_url.get(page["url"])
        if row is None or not page["dateline"]:
            continue
        assert row[1] is not None, page["url"]
        assert row[1].split()[0].rstrip(",-") == page["dateline"].split()[0].rstrip(",-")
        assert sorted(row[2]) == sorted(page["tickers"]), page["url"]
        checked += 1
    assert checked >= 10


@pytest.mark.slow
def test_lineage_points_into_the_archive(pipeline):
    rows = query(pipeline["db"], """
        SELECT r.warc_file, r.warc_offset, r.extractor_version, r.parser_version, c.run_id
        FROM releases r JOIN crawl_runs c USING (run_id)""")
    assert rows and all(r[0] and r[1] is not None and r[2] and r[3] for r in rows)


@pytest.mark.slow
def test_materialising_again_leaves_every_table_unchanged(pipeline):
    materialise_simulated(pipeline)
    assert counts(pipeline["db"]) == pipeline["first"]


def test_definitions_load():
    defs = build_defs()
    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    assert keys == {"raw_pages", "articles", "releases", "warehouse_partition", "stories"}
    partitions = defs.resolve_job_def("ingest_source").partitions_def
    assert isinstance(partitions, dg.MultiPartitionsDefinition)
    assert {d.name for d in partitions.partitions_defs} == {"source", "day"}
    assert str(partition_key("prwire", "2026-07-01")) in partitions.get_partition_keys()


@pytest.mark.slow
def test_a_second_day_holds_only_what_is_new(pipeline):
    """Yesterday's partition of a source crawls the same site: every release is already
    loaded (today), so it adds its crawl run and nothing else."""
    before = counts(pipeline["db"])
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    assert launch(pipeline["defs"], ["prwire"], stories=False, instance=pipeline["instance"],
                  day=yesterday) == {"prwire": Outcome(True)}
    after = counts(pipeline["db"])
    assert after == {**before, "crawl_runs": before["crawl_runs"] + 1}
    keys = query(pipeline["db"], "SELECT DISTINCT partition_key FROM releases "
                                 "WHERE source_id = 'prwire'")
    assert keys == [(str(partition_key("prwire")),)]
    # Re-materialising today's partition afterwards still gives the same rows.
    assert launch(pipeline["defs"], ["prwire"], stories=False,
                  instance=pipeline["instance"]) == {"prwire": Outcome(True)}
    assert counts(pipeline["db"]) == after


@pytest.mark.slow
def test_published_at_is_utc_with_the_printed_offset(pipeline, truth):
    from datetime import datetime

    rows = query(pipeline["db"], "SELECT canonical_url, published_at, published_offset "
                                 "FROM releases")
    by_canon = {r[0]: r for r in rows}
    checked = 0
    for page in truth["pages"]:
        row = by_canon.get(page["url"])
        if row is None or not page["published_at"]:
            continue
        want = datetime.fromisoformat(page["published_at"])
        assert row[1] == want, page["url"]
        assert row[2] == page["published_at"][-6:], page["url"]
        checked += 1
    assert checked >= 10
    # A page with no date anywhere gets one only from its feed, never invented.
    no_date = query(pipeline["db"], "SELECT published_at, published_from FROM releases "
                                    "WHERE canonical_url = ?", [truth["special"]["no_date"]])
    assert len(no_date) == 1
    assert no_date[0][0] is None or no_date[0][1] == "feed"
