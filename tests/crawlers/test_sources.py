"""Every live source, crawled offline from fixtures that reproduce its real structure."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from crawlers.archive import read_record
from pipelines.clean.decode import decode_body
from pipelines.clean.extract import clean_html
from tests.crawlers.conftest import LIVE_SOURCES, crawl, release_urls
from tests.crawlers.fixture_server import FixtureServer, load_case


@pytest.fixture(scope="module")
def cases() -> dict[str, dict]:
    return {source_id: load_case(source_id) for source_id in LIVE_SOURCES}


@pytest.fixture(scope="module")
def crawled(cases, tmp_path_factory) -> dict[str, tuple]:
    """One crawl of every live source through one fixture proxy (a few at a time)."""
    routes = {url: route for case in cases.values() for url, route in case["routes"].items()}
    data = tmp_path_factory.mktemp("sources")
    with FixtureServer(routes) as server, ThreadPoolExecutor(4) as pool:
        runs = dict(zip(LIVE_SOURCES, pool.map(
            lambda s: crawl(s, data / s, server.url), LIVE_SOURCES), strict=True))
    return {"data": data, "runs": runs}


def test_every_live_source_has_a_fixture_case():
    assert len(LIVE_SOURCES) >= 14
    for source_id in LIVE_SOURCES:
        assert load_case(source_id)["release_urls"], source_id


@pytest.mark.slow
@pytest.mark.parametrize("source_id", LIVE_SOURCES)
def test_discovery_yields_exactly_the_release_urls(source_id, cases, crawled):
    run, records = crawled["runs"][source_id]
    assert run.exit_code == 0
    assert release_urls(records) == set(cases[source_id]["release_urls"])
    fetched = [r for r in records if r["role"] == "release"]
    assert all(r["status"] == 200 and r["warc_file"] for r in fetched), source_id


@pytest.mark.slow
@pytest.mark.parametrize("source_id", LIVE_SOURCES)
def test_release_page_cleans_to_title_body_and_date(source_id, cases, crawled):
    expected = cases[source_id]["release"]
    _, records = crawled["runs"][source_id]
    rec = next(r for r in records if r["url"] == expected["url"])
    raw = read_record(crawled["data"] / source_id / rec["warc_file"], rec["warc_offset"])
    html, _ = decode_body(raw.body, raw.headers.get("content-type"))
    result = clean_html(html, expected["url"])
    assert result.ok, result.reason
    assert result.title == expected["title"]
    assert " ".join(result.body_text.split()).startswith(expected["body_start"])
    assert result.date == str(date.fromisoformat(str(expected["date"])))
