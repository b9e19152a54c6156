"""A real Scrapy crawl of the simulated wire network over loopback, checked against its truth."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crawlers.archive import read_record
from crawlers.registry import enabled_sources
from pipelines.clean.decode import decode_body
from pipelines.crawl import SIMULATED_SETTINGS, run_crawl
from simulator import SimulatorServer

# Every test here starts processes (the slow tier: make test-slow).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def simulator(network):
    """A server of this module's own, so its hit log and its one-off 500 start fresh."""
    with SimulatorServer(network, port=0) as sim:
        yield sim


@pytest.fixture(scope="module")
def crawl(simulator, tmp_path_factory) -> dict[str, Any]:
    """Crawl every simulated source once; return data dir, runs and manifest records."""
    data = tmp_path_factory.mktemp("crawl-data")
    runs, records = {}, []
    for source in enabled_sources(network="simulated"):
        run = run_crawl(source.id, data, proxy=simulator.proxy_url, settings=SIMULATED_SETTINGS)
        runs[source.id] = run
        with open(run.manifest, encoding="utf-8") as fh:
            records += [json.loads(line) for line in fh]
    return {"data": data, "runs": runs, "records": records}


def _releases(records: list[dict]) -> list[dict]:
    return [r for r in records if r["role"] == "release"]


def _by_url(records: list[dict]) -> dict[str, dict]:
    out = {}
    for r in _releases(records):
        out[r["url"]] = r
        if r.get("final_url"):
            out.setdefault(r["final_url"], r)
    return out


def test_every_reachable_release_page_is_archived(crawl, truth):
    by_url = _by_url(crawl["records"])
    expected = [p for p in truth["pages"] if p["reachable"] and p["expected_status"] == 200]
    assert len(expected) >= 12
    missing = [p["url"] for p in expected if p["url"] not in by_url]
    assert missing == []
    for page in expected:
        rec = by_url[page["url"]]
        assert rec["source_id"] == page["site"]
        assert rec["status"] == 200 and rec["warc_file"], page["url"]
        raw = read_record(crawl["data"] / rec["warc_file"], rec["warc_offset"])
        assert raw.status == 200
        assert raw.url == rec["final_url"]


def test_robots_disallowed_page_is_never_fetched(crawl, truth, simulator):
    url = truth["special"]["robots_disallowed"]
    path = url.split(".test", 1)[1]
    assert not [h for h in simulator.hits() if h["path"] == path]
    assert _by_url(crawl["records"])[url]["reason"] == "robots_disallowed"


def test_server_error_is_retried_then_archived(crawl, truth, simulator):
    url = truth["special"]["flaky_500"]
    path = url.split(".test", 1)[1]
    statuses = [h["status"] for h in simulator.hits() if h["path"] == path]
    assert statuses[:2] == [500, 200]
    assert _by_url(crawl["records"])[url]["status"] == 200
    assert crawl["runs"]["globewire"].stats["retry/count"] >= 1


def test_offsite_link_is_not_followed(crawl, truth, simulator):
    url = truth["special"]["offsite_link"]
    offsite = set(truth["offsite_hosts"])
    assert not [h for h in simulator.hits() if h["host"] in offsite]
    assert _by_url(crawl["records"])[url]["reason"] == "offsite"


def test_redirect_is_followed_and_recorded(crawl, truth):
    rec = _by_url(crawl["records"])[truth["special"]["redirect_to"]]
    assert rec["status"] == 200
    assert rec["final_url"] == truth["special"]["redirect_to"]


def test_legacy_encoded_page_decodes_correctly(crawl, truth):
    url = truth["special"]["legacy_encoding"]
    page = next(p for p in truth["pages"] if p["url"] == url)
    rec = _by_url(crawl["records"])[url]
    raw = read_record(crawl["data"] / rec["warc_file"], rec["warc_offset"])
    assert "charset" not in raw.headers.get("content-type", "")
    text, encoding = decode_body(raw.body, raw.headers.get("content-type"))
    assert encoding == "cp1252"
    assert "\ufffd" not in text
    assert any(ch in text for ch in "\u201c\u201d\u2013\u00e9")
    assert page["headline"] in text.replace("&amp;", "&")


def test_bad_responses_are_recorded_with_a_reason(crawl, truth):
    by_url = _by_url(crawl["records"])
    special = truth["special"]
    assert by_url[special["not_found"]]["reason"] == "http_404"
    assert by_url[special["truncated"]]["reason"] == "truncated"
    assert by_url[special["empty_body"]]["reason"] == "empty_body"
    feed = next(r for r in crawl["records"] if r["url"] == special["bad_feed"])
    assert feed["role"] == "discovery" and feed["reason"] == "feed_not_xml"
    # Still archived: the bad feed's response is in the WARC, as received.
    raw = read_record(crawl["data"] / feed["warc_file"], feed["warc_offset"])
    assert raw.status == 200 and raw.body


def test_each_run_leaves_warc_manifest_and_stats(crawl):
    for source_id, run in crawl["runs"].items():
        assert run.exit_code == 0
        assert run.stats["finish_reason"] == "finished"
        assert run.stats["warc_files"], source_id
        for rel in run.stats["warc_files"]:
            assert (Path(crawl["data"]) / rel).stat().st_size > 0
