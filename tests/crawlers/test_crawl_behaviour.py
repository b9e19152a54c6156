"""Crawl behaviour across sources: incremental runs, conditional GET, backfill, the
address guard, failures and the per-source state, over real Scrapy on 127.0.0.1."""

from __future__ import annotations

import gzip
import json

import pytest

from crawlers.middlewares import refused_address
from crawlers.runinfo import load_state
from pipelines.crawl import CrawlFailed
from tests.crawlers.conftest import crawl, release_urls
from tests.crawlers.fixture_server import FixtureServer, Route, load_case, redirect


@pytest.fixture(scope="module")
def dna_twice(tmp_path_factory):
    """DNA crawled once, then again with its release URLs known (an incremental run)."""
    case = load_case("dna")
    data = tmp_path_factory.mktemp("incremental")
    with FixtureServer(case["routes"]) as server:
        first_run, first = crawl("dna", data, server.url)
        first_hits = list(server.hits)
        server.hits.clear()
        second_run, second = crawl("dna", data, server.url, known_urls=release_urls(first))
        second_hits = list(server.hits)
    return {"case": case, "data": data, "first": first, "second": second,
            "first_hits": first_hits, "second_hits": second_hits, "second_run": second_run}


@pytest.mark.slow
def test_second_incremental_run_fetches_no_release_page(dna_twice):
    case = dna_twice["case"]
    assert release_urls(dna_twice["first"]) == set(case["release_urls"])
    fetched = {h["url"] for h in dna_twice["second_hits"]}
    assert not fetched & set(case["release_urls"])
    assert release_urls(dna_twice["second"]) == set()
    # only discovery: robots.txt, the feed, today's and yesterday's archive (no page 2:
    # its first page had nothing new)
    assert fetched == {"https://dnanews.com.pk/robots.txt", "https://dnanews.com.pk/feed/",
                       "https://dnanews.com.pk/2026/11/28/", "https://dnanews.com.pk/2026/11/27/"}
    # the feed answered 304; the two archive pages named 4 known releases
    assert dna_twice["second_run"].stats["wiredesk/skipped_quietly/known"] == 4


@pytest.mark.slow
def test_conditional_get_sends_validators_and_handles_304(dna_twice):
    feed = "https://dnanews.com.pk/feed/"
    first = next(h for h in dna_twice["first_hits"] if h["url"] == feed)
    second = next(h for h in dna_twice["second_hits"] if h["url"] == feed)
    assert "If-None-Match" not in first["headers"]
    assert second["headers"]["If-None-Match"] == 'W/"dna-feed-28"'
    assert second["headers"]["If-Modified-Since"] == "Sat, 28 Nov 2026 12:00:00 GMT"
    assert second["status"] == 304
    rec = next(r for r in dna_twice["second"] if r["url"] == feed)
    assert rec["status"] == 304 and rec["reason"] is None and "not_modified" in rec["flags"]
    assert dna_twice["second_run"].stats["wiredesk/not_modified"] == 1
    state = load_state(dna_twice["data"], "dna")
    assert state["validators"][feed]["etag"] == 'W/"dna-feed-28"'
    assert state["zero_yield_runs"] == 0


@pytest.mark.slow
@pytest.mark.parametrize("source_id", ["dna", "issi"])
def test_backfill_selects_exactly_the_range(source_id, tmp_path):
    case = load_case(source_id)
    window = case["backfill"]
    with FixtureServer(case["routes"]) as server:
        run, records = crawl(source_id, tmp_path, server.url,
                             since=window["since"], until=window["until"])
        hits = server.urls()
    assert release_urls(records) == set(window["release_urls"])
    if source_id == "dna":
        # walked the day archives of the range (with their pagination), nothing older
        assert "https://dnanews.com.pk/2026/11/25/page/2/" in hits
        assert not [u for u in hits if "/2026/11/24/" in u or "/2026/11/27/" in u]
    else:
        # the pages sitemap last changed before the range: not read
        assert "https://issi.org.pk/wp-sitemap-posts-page-1.xml" not in hits
        assert run.stats["wiredesk/crawl_delay/issi.org.pk"] == 0.2


@pytest.mark.slow
def test_address_guard_refuses_redirects_to_internal_addresses(tmp_path):
    case = load_case("newsfile")
    bad = {
        "https://www.newsfilecorp.com/release/311842/Granite-Ridge-Gold-Intersects-4.1-gt-Gold-over-22-Metres-at-Tamarack":
            None,  # filled below with a redirect to this server itself
        "https://www.newsfilecorp.com/release/311810/Pellucid-Software-Reports-Third-Quarter-Results":
            redirect("http://169.254.169.254/latest/meta-data/iam/security-credentials/"),
    }
    with FixtureServer(case["routes"]) as server:
        first = next(iter(bad))
        port = server.url.rsplit(":", 1)[1]
        server.routes[first] = redirect(f"http://127.0.0.1:{port}/admin")
        server.routes[f"http://127.0.0.1:{port}/admin"] = Route(200, b"secret")
        server.routes[list(bad)[1]] = bad[list(bad)[1]]
        _, records = crawl("newsfile", tmp_path, server.url)
        hits = server.urls()
    assert not [u for u in hits if "127.0.0.1" in u or "169.254" in u]
    refused = [r for r in records if r["reason"] == "address_refused"]
    assert {r["url"] for r in refused} == set(bad)


@pytest.mark.slow
def test_address_guard_checks_resolved_addresses(tmp_path):
    """A public-looking name that resolves to a private address is refused too."""
    case = load_case("einpresswire")
    with FixtureServer(case["routes"]) as server, pytest.raises(CrawlFailed) as failed:
        crawl("einpresswire", tmp_path, server.url, settings={
            "WIREDESK_RESOLVE": json.dumps({"www.einpresswire.com": ["10.1.2.3"]})})
    assert server.urls() == []
    records = [json.loads(line) for line in open(failed.value.run.manifest, encoding="utf-8")]
    assert [r["reason"] for r in records] == ["address_refused"]


@pytest.mark.parametrize("address,refused", [
    ("127.0.0.1", True), ("169.254.169.254", True), ("10.0.0.8", True),
    ("192.168.1.1", True), ("100.64.0.1", True), ("::1", True), ("fe80::1", True),
    ("::ffff:127.0.0.1", True), ("fd00:ec2::254", True), ("0.0.0.0", True),
    ("93.184.216.34", False), ("2606:4700::6810:84e5", False),
])
def test_refused_addresses(address, refused):
    assert refused_address(address) is refused


@pytest.mark.slow
def test_dead_source_stops_with_a_reason_and_others_still_crawl(tmp_path):
    dead, alive = load_case("mofa"), load_case("apple")
    with FixtureServer({**dead["routes"], **alive["routes"]},
                       dead_hosts={"mofa.gov.pk"}) as server:
        with pytest.raises(CrawlFailed) as failed:
            crawl("mofa", tmp_path, server.url)
        _, records = crawl("apple", tmp_path, server.url)
    assert "no discovery endpoint answered" in failed.value.reason
    assert failed.value.run.stats["finish_reason"] in ("finished", "consecutive_failures")
    assert release_urls(records) == set(alive["release_urls"])


@pytest.mark.slow
def test_consecutive_failures_stop_the_source_for_this_run(tmp_path):
    case = load_case("prnewswire")
    routes = dict(case["routes"])
    for url in case["release_urls"]:
        routes[url] = Route(503, b"busy", "text/plain")
    with FixtureServer(routes) as server:
        run, _ = crawl("prnewswire", tmp_path, server.url,
                       settings={"WIREDESK_MAX_CONSECUTIVE_FAILURES": "2", "RETRY_TIMES": "0"})
    assert run.stats["finish_reason"] == "consecutive_failures"
    assert run.stats["wiredesk/stop_reason"].startswith("stopped after 2 consecutive failures")


@pytest.mark.slow
def test_discovery_yielding_nothing_is_flagged_after_several_runs(tmp_path):
    case = load_case("irna")
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    with FixtureServer({**case["routes"], "https://en.irna.ir/rss": Route(
            200, empty, "application/rss+xml")}) as server:
        runs = [crawl("irna", tmp_path, server.url,
                      settings={"WIREDESK_ZERO_YIELD_RUNS": "2"})[0] for _ in range(2)]
    assert "wiredesk/flag/layout_changed" not in runs[0].stats
    assert runs[1].stats["wiredesk/zero_yield_runs"] == 2
    assert "no release links in 2 runs" in runs[1].stats["wiredesk/flag/layout_changed"]


@pytest.mark.slow
def test_gzipped_sitemaps_and_index_are_followed_end_to_end(tmp_path):
    """ISSI with its sitemap index and post sitemap served gzipped (gzip bytes, no
    Content-Encoding; the posts one as ``.xml.gz``): the releases only the sitemaps name
    (the feed has one of four) are all fetched."""
    case = load_case("issi")
    site = "https://issi.org.pk"
    posts = f"{site}/wp-sitemap-posts-post-1.xml"
    index = case["routes"][f"{site}/wp-sitemap.xml"].body.replace(
        posts.encode(), f"{posts}.gz".encode())
    routes = {**case["routes"],
              f"{site}/wp-sitemap.xml": Route(200, gzip.compress(index), "application/xml"),
              f"{posts}.gz": Route(200, gzip.compress(case["routes"][posts].body),
                                   "application/x-gzip")}
    del routes[posts]
    with FixtureServer(routes) as server:
        run, records = crawl("issi", tmp_path, server.url)
        hits = server.urls()
    assert release_urls(records) == set(case["release_urls"])
    by_url = {r["url"]: r for r in records if r["role"] == "discovery"}
    # the index names three sitemaps; the posts sitemap four releases (and one brief)
    for url, links in ((f"{site}/wp-sitemap.xml", 3), (f"{posts}.gz", 4)):
        assert (by_url[url]["status"], by_url[url]["reason"]) == (200, None), url
        assert by_url[url]["links_found"] == links, url
    assert hits.count(f"{posts}.gz") == 1 and posts not in hits
    assert "wiredesk/errors/feed_not_xml" not in run.stats
