"""The load stage's rows (crawl run, sources) and the release stage's carriers, without
Dagster."""

from __future__ import annotations

from datetime import UTC, datetime

from crawlers.records import Article, CrawlRun, Page
from crawlers.registry import registry
from pipelines.load import INBOX_ROW, run_row, source_rows
from pipelines.releases import carrier_groups

RUN = CrawlRun(source_id="prwire", run_id="r1", run_dir="raw/prwire/r1",
               started_at="2026-07-01T09:00:00+00:00", finished_at="2026-07-01T09:05:00+00:00",
               exit_code=0, stats={"finish_reason": "finished", "downloader/request_count": 9,
                                   "downloader/response_count": 8,
                                   "warc_files": ["raw/prwire/r1/a.warc.gz"]})


def test_a_crawl_run_row_counts_its_release_pages_and_their_errors():
    pages = [Page(page_id=f"p{i}", source_id="prwire", run_id="r1", url=f"http://p.test/{i}",
                  fetched_at=datetime(2026, 7, 1, tzinfo=UTC), role=role, outcome=outcome)
             for i, (role, outcome) in enumerate([("release", "ok"), ("release", "error"),
                                                  ("discovery", "ok")])]
    row = run_row(RUN, "2026-07-01|prwire", pages)
    assert (row["release_pages"], row["errors"], row["requests"], row["responses"]) == \
        (2, 1, 9, 8)
    assert row["started_at"].isoformat() == "2026-07-01T09:00:00+00:00"
    assert row["warc_files"] == ["raw/prwire/r1/a.warc.gz"]


def test_sources_rows_are_the_registry_and_the_inbox():
    rows = source_rows(registry().values())
    assert rows[-1] == INBOX_ROW
    assert {r["source_id"] for r in rows[:-1]} == set(registry())


def test_carriers_are_source_names_else_hosts_else_the_fallback():
    sources = registry()
    some_id = next(iter(sources))
    arts = [Article(article_id=str(i), page_id=str(i), source_id=source_id, url=url,
                    body_text="text")
            for i, (source_id, url) in enumerate([(some_id, "http://a.test/1"),
                                                  ("inbox", "http://news.harbour.test/2"),
                                                  ("inbox", "urn:no-host")])]
    groups = carrier_groups(arts, sources, fallback="inbox")
    assert {k: len(v) for k, v in groups.items()} == {
        sources[some_id].name: 1, "news.harbour.test": 1, "inbox": 1}
