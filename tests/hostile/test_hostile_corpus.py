"""The hostile input corpus (``simulator/hostile.py``) through the whole pipeline.

One run (``conftest.corpus_run``) crawls the ``hostile`` source through the simulator and
feeds the inbox archives, then cleans, parses and loads both. Every input of the corpus has
a row in :data:`EXPECTED`; each must end as stated, nothing outside the allowed hosts may
be contacted, peak memory stays under 1 GiB, and the warehouse stays queryable.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from simulator.hostile import (
    ALLOWED_HOSTS,
    FLOOD_LINKS,
    INPUTS,
    INPUTS_BY_NAME,
    XXE_HOST,
    inbox_pages,
)
from tests.hostile.driver import SYMLINKED_WARC, TRUNCATED_WARC
from warehouse.db import connect
from warehouse.search import load_fts

GIB_KIB = 1024 * 1024
NOT_REQUESTED = "not_requested"   # never fetched, no row: counted in the crawl's stats
ARCHIVED_ONLY = "archived_only"   # fetched by Scrapy itself (robots.txt): in the WARC only
ANY_OK = ("ok", None)

# name -> (outcome, reason, archived): the pages row of the input's URL (outcome and
# reason; a tuple of reasons allows either), and whether that URL's response is in the WARC.
EXPECTED: dict[str, tuple[str, Any, bool]] = {
    "malformed_html": ("ok", None, True),
    "truncated_html": ("ok", None, True),
    "short_body": ("error", "truncated", True),
    "binary_png": ("error", "not_html", True),
    "binary_zip": ("error", "not_html", True),
    "huge_50mb": ("skipped", "too_large", False),
    "huge_50mb_stream": ("skipped", "too_large", False),
    "big_9mb": ("error", "page_too_large", True),
    "gzip_bomb": ("skipped", "too_large", True),     # archived compressed, refused decoded
    "redirect_loop": ("skipped", "redirect_loop", True),
    "redirect_self": ("skipped", "redirect_loop", True),
    "redirect_chain": ("skipped", "too_many_redirects", True),
    "redirect_private": ("skipped", "address_refused", True),
    "redirect_loopback": ("skipped", "address_refused", True),
    "redirect_metadata": ("skipped", "address_refused", True),
    "redirect_ipv6_loopback": ("skipped", "address_refused", True),
    "redirect_localhost": ("skipped", "address_refused", True),
    "redirect_metadata_name": ("skipped", "address_refused", True),
    "redirect_integer_ip": ("skipped", "address_refused", True),
    "redirect_file": ("skipped", "address_refused", True),
    "redirect_internal_name": ("skipped", "address_refused", True),
    "redirect_offsite": ("skipped", "offsite", True),
    "internal_name_link": ("skipped", "address_refused", False),
    "javascript_link": (NOT_REQUESTED, None, False),
    "data_link": (NOT_REQUESTED, None, False),
    "javascript_feed_link": ("skipped", "unsafe_scheme", False),
    "data_feed_link": ("skipped", "unsafe_scheme", False),
    "javascript_sitemap_loc": ("skipped", "unsafe_scheme", False),
    "long_query": ("skipped", "url_too_long", False),
    "flood_listing": ANY_OK + (True,),
    "charset_contradiction": ANY_OK + (True,),
    "charset_unknown": ANY_OK + (True,),
    "nul_html": ("error", "not_html", True),
    "invalid_utf8": ANY_OK + (True,),
    "one_mb_line": ANY_OK + (True,),
    "absurd_dates": ANY_OK + (True,),
    "urdu": ANY_OK + (True,),
    "scripted": ANY_OK + (True,),
    "meta_refresh_metadata": ("skipped", "address_refused", True),
    "slowloris": ("skipped", "network_error:DownloadTimeoutError", False),
    "empty_200": ("error", "empty_body", True),
    "huge_header": ("skipped", "network_error:DownloadFailedError", False),
    "deep_nesting": ("error", "no_text_extracted", True),
    "scripts_only": ("error", "no_text_extracted", True),
    "binary_robots": (ARCHIVED_ONLY, None, True),
    "behind_binary_robots": ANY_OK + (True,),
    "feed_not_xml": ("error", "feed_not_xml", True),
    "feed_binary": ("error", "feed_not_xml", True),
    "feed_empty": ("error", "feed_not_xml", True),
    "feed_nul": ("error", "feed_not_xml", True),
    "feed_laughs": ("error", "feed_not_xml", True),      # libxml2's amplification limit
    "feed_xxe": ANY_OK + (True,),                          # read, entities left unexpanded
    "feed_absurd_dates": ANY_OK + (True,),
    "sitemap_self_index": ANY_OK + (True,),
    "sitemap_laughs": ("error", "feed_not_xml", True),
    "sitemap_xxe": ANY_OK + (True,),
    "sitemap_absurd_dates": ANY_OK + (True,),
    "sitemap_dated_release": ANY_OK + (True,),
    "redirect_nat64_metadata": ("skipped", "address_refused", True),
    "redirect_6to4_metadata": ("skipped", "address_refused", True),
    "redirect_ipv4_compatible_loopback": ("skipped", "address_refused", True),
    "cms_canonical_1": ANY_OK + (True,),
    "cms_canonical_2": ANY_OK + (True,),
    "cms_canonical_3": ANY_OK + (True,),
    "markup_title": ANY_OK + (True,),
    "robots_metadata_sitemap": ("skipped", "offsite", False),
    "robots_offsite_sitemap": ("skipped", "offsite", False),
}
# Inputs fed as WARC files through the inbox: name -> (outcome, reason).
EXPECTED_INBOX: dict[str, tuple[str, Any]] = {
    "inbox_gzip_bomb": ("error", "decoded_body_too_large"),   # archive.py's read-back cap
    "inbox_nul_invalid_utf8": ("ok", None),
    "inbox_binary": ("error", "not_html"),
    "inbox_urdu_scripted": ("ok", None),
    "inbox_javascript_uri": ("ok", None),
    "inbox_empty": ("error", "empty_body"),
    "inbox_deep_nesting": ("error", "no_text_extracted"),
    "inbox_absurd_dates": ("ok", None),
    "inbox_malformed_uri": ("error", "bad_target_uri"),
    "inbox_huge_status": ("skipped", "bad_http_status"),
    "inbox_word_status": ("skipped", "bad_http_status"),
}


def test_the_corpus_has_at_least_forty_inputs_and_a_row_for_each():
    assert len(INPUTS) + len(inbox_pages()) >= 40
    assert set(EXPECTED) == set(INPUTS_BY_NAME)
    assert set(EXPECTED_INBOX) == {p[0] for p in inbox_pages()}


@pytest.mark.slow
def test_every_partition_finished(corpus_run):
    assert corpus_run["report"]["results"] == {"hostile": True, "inbox": True}


@pytest.mark.slow
def test_peak_memory_of_every_process_stays_under_one_gib(corpus_run):
    report = corpus_run["report"]
    peak = max(report["maxrss_self_kib"], report["maxrss_children_kib"])
    assert peak < GIB_KIB, report


@pytest.mark.slow
def test_nothing_outside_the_allowed_hosts_was_contacted(corpus_run):
    hosts = {h["host"] for h in corpus_run["hits"]}
    assert hosts <= ALLOWED_HOSTS, hosts - ALLOWED_HOSTS
    assert XXE_HOST not in hosts
    # the private name was refused before any request; the self-listing index read once
    paths = [h["path"] for h in corpus_run["hits"] if h["host"] == "hostile.test"]
    assert paths.count("/sitemap-index.xml") == 1


def _warc_urls(data: Path, files: set[str]) -> set[str]:
    urls = set()
    for name in files:
        with open(data / name, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response":
                    urls.add(record.rec_headers.get_header("WARC-Target-URI"))
    return urls


def _pages_by_url(pages: list[dict]) -> dict[str, dict]:
    return {p["url"]: p for p in pages}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_input_ends_as_expected(corpus_run, name):
    url = INPUTS_BY_NAME[name].url
    outcome, reason, archived = EXPECTED[name]
    pages = [p for p in corpus_run["pages"] if p["source_id"] == "hostile"]
    row = _pages_by_url(pages).get(url)
    if outcome in (NOT_REQUESTED, ARCHIVED_ONLY):
        assert row is None
    else:
        assert row is not None, f"{name}: no pages row for {url[:120]}"
        reasons = reason if isinstance(reason, tuple) else (reason,)
        assert (row["outcome"], row["reason"]) in {(outcome, r) for r in reasons}, row
    requested = {f"http://{h['host']}{h['path']}" for h in corpus_run["hits"]}
    if outcome == NOT_REQUESTED or not archived:
        assert url not in requested or outcome == "skipped"
    if archived:
        files = {p["warc_file"] for p in pages if p["warc_file"]}
        assert url in _warc_urls(corpus_run["data"], files), f"{name} not archived"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED_INBOX))
def test_each_inbox_input_ends_as_expected(corpus_run, name):
    url = next(p[1] for p in inbox_pages() if p[0] == name)
    outcome, reason = EXPECTED_INBOX[name]
    # the cut-off copy of the archive repeats the records before the cut (same page ids)
    whole = [p for p in corpus_run["pages"] if p["reason"] != "warc_truncated"]
    row = _pages_by_url(whole)[url]
    reasons = reason if isinstance(reason, tuple) else (reason,)
    assert row["source_id"] == "inbox" and row["warc_file"]
    assert (row["outcome"], row["reason"]) in {(outcome, r) for r in reasons}, row


@pytest.mark.slow
def test_a_half_written_inbox_archive_keeps_its_complete_records(corpus_run):
    cut = [p for p in corpus_run["pages"]
           if p["warc_file"] and p["warc_file"].endswith(TRUNCATED_WARC)]
    assert cut and {p["source_id"] for p in cut} == {"inbox"}
    assert [p["reason"] for p in cut].count("warc_truncated") == 1
    assert sum(p["outcome"] == "ok" for p in cut) >= 1


@pytest.mark.slow
def test_links_are_capped_and_refused_links_counted(corpus_run):
    stats = json.loads(_run_stats(corpus_run))
    assert stats["wiredesk/links/capped"] == FLOOD_LINKS - 200
    flood = [p for p in corpus_run["pages"] if "/release/flood-" in p["url"]]
    assert len(flood) == 200 and {p["reason"] for p in flood} == {"http_404"}
    # javascript: and data: in the listing (and vbscript:), in the feed and the sitemap
    assert stats["wiredesk/links/refused/unsafe_scheme"] >= 6
    assert not [h for h in corpus_run["hits"] if h["path"].startswith(("javascript", "data"))]


def _run_stats(corpus_run) -> str:
    with connect(corpus_run["data"] / "warehouse.read.duckdb", read_only=True) as con:
        return con.sql("SELECT stats FROM crawl_runs WHERE source_id = 'hostile'").fetchone()[0]


@pytest.mark.slow
def test_external_entities_were_never_expanded(corpus_run):
    with connect(corpus_run["data"] / "warehouse.read.duckdb", read_only=True) as con:
        texts = con.sql("SELECT coalesce(feed_published, '') "
                        "FROM pages UNION ALL SELECT coalesce(title, '') || body_text "
                        "FROM articles").fetchall()
    assert not [t for (t,) in texts if "root:" in t or "lollol" in t]


@pytest.mark.slow
def test_the_warehouse_stays_queryable(corpus_run):
    with connect(corpus_run["data"] / "warehouse.read.duckdb", read_only=True) as con:
        reasons = con.sql("SELECT source_id, reason, count(*) AS pages, any_value(url) "
                          "FROM pages WHERE outcome <> 'ok' GROUP BY source_id, reason "
                          "ORDER BY pages DESC, source_id, reason").fetchall()
        health = con.sql("SELECT source_id, health, fetches, errors FROM mart_source_health "
                         "WHERE runs > 0 ORDER BY source_id").fetchall()
        load_fts(con)
        urdu = con.sql("SELECT title FROM mart_releases WHERE source_id = 'hostile' "
                       "AND title LIKE '%بسوں%'").fetchall()
        found = con.sql("SELECT count(*) FROM (SELECT fts_main_releases.match_bm25("
                        "r.release_id, 'night bus routes') AS s FROM mart_releases r) "
                        "WHERE s IS NOT NULL").fetchone()[0]
    assert reasons[0][:3] == ("hostile", "http_404", 200)
    assert {r[0] for r in health} >= {"hostile", "inbox"}
    assert urdu and found >= 1


# --- issue 20 --------------------------------------------------------------------------------

@pytest.mark.slow
def test_articles_sharing_a_cms_canonical_stay_three_releases(corpus_run):
    with connect(corpus_run["data"] / "warehouse.read.duckdb", read_only=True) as con:
        rows = con.sql("SELECT release_id, canonical_url, title FROM releases "
                       "WHERE list_has_any(urls, ?)", params=[[
                           INPUTS_BY_NAME[f"cms_canonical_{n}"].url for n in (1, 2, 3)]]
                       ).fetchall()
    assert len(rows) == 3 and len({r[0] for r in rows}) == 3
    assert sorted(r[1] for r in rows) == [INPUTS_BY_NAME[f"cms_canonical_{n}"].url
                                          for n in (1, 2, 3)]


@pytest.mark.slow
def test_the_demo_summary_prints_stored_markup_as_text(corpus_run):
    import io

    from rich.console import Console

    from pipelines.demo import show_summary
    from simulator.hostile import MARKUP_TITLE

    out = io.StringIO()
    show_summary(corpus_run["data"] / "warehouse.read.duckdb",
                 Console(file=out, force_terminal=True, width=300))
    assert "\x1b]8;" not in out.getvalue()     # no terminal hyperlink
    with connect(corpus_run["data"] / "warehouse.read.duckdb", read_only=True) as con:
        titles = [t for (t,) in con.sql("SELECT title FROM releases").fetchall()]
    assert MARKUP_TITLE in titles


@pytest.mark.slow
def test_a_symlinked_inbox_entry_is_refused_and_recorded(corpus_run):
    refused = [p for p in corpus_run["pages"] if p["reason"] == "inbox_symlink"]
    assert [p["url"].rsplit("/", 1)[1] for p in refused] == [SYMLINKED_WARC]
    assert all(p["source_id"] == "inbox" and p["warc_file"] is None for p in refused)
    assert not (corpus_run["data"] / "inbox" / SYMLINKED_WARC).exists()


def test_broken_registry_entries_are_disabled_alone():
    from crawlers.registry import read_registry
    from simulator.hostile import REGISTRY_DIR

    sources, problems = read_registry(REGISTRY_DIR)
    assert list(sources) == ["hostile"]
    for name, words in (("hostile_bad_cron", "cron"), ("hostile_bad_timezone", "timezone"),
                        ("hostile_empty_domain", "allowed domain"),
                        ("hostile_backtracking_pattern", "quantifier inside a quantifier")):
        assert any(f"{name}.yaml" in p and words in p for p in problems), name
