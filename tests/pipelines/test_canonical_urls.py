"""Canonical URLs merge only pages that are provably the same resource (issue 20).

Query keys that pick an article are kept (only tracking keys go), and a declared
``rel=canonical`` is trusted only when no other, different page of the host claims it:
in the same crawl, or already in the warehouse.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.articles import clean_pages
from pipelines.dedupe.urls import normalise_url, resolve_canonicals
from pipelines.inbox import warc_records
from pipelines.manifest import page_rows
from pipelines.releases import release_rows
from tests.conftest import write_warc
from warehouse.crawlstate import canonical_texts
from warehouse.db import connect
from warehouse.load import replace_partition

HOST = "http://www.lakeside-gazette.test"
CONTENT_KEYS = ["article", "newsid", "nid", "story", "story_id", "item", "releaseId", "id",
                "cid", "sid", "ref", "source", "p", "page"]


@pytest.mark.parametrize("key", CONTENT_KEYS)
def test_query_keys_that_pick_the_article_are_kept(key):
    one, two = (normalise_url(f"{HOST}/view.php?{key}={n}") for n in (1, 2))
    assert one != two and f"{key}=1" in one


def test_tracking_keys_go_and_the_rest_is_sorted():
    want = normalise_url(f"{HOST}/view.php?article=7&lang=en")
    for noisy in (f"{HOST}/view.php?lang=en&article=7&utm_source=mail&utm_campaign=x",
                  f"{HOST}/view.php?article=7&fbclid=abc&lang=en#comments",
                  f"{HOST.upper().replace('HTTP://', 'http://')}:80/view.php?gclid=1&"
                  "article=7&lang=en&_ga=2.1&mc_cid=9&PHPSESSID=f00"):
        assert normalise_url(noisy) == want


def test_different_escapes_stay_different():
    assert normalise_url(f"{HOST}/s?q=%ff") != normalise_url(f"{HOST}/s?q=%fe")
    assert normalise_url(f"{HOST}/s?q=caf%C3%A9") == normalise_url(f"{HOST}/s?q=café")
    assert normalise_url(f"{HOST}/s?q=a%2Fb") != normalise_url(f"{HOST}/s?q=a/b/c")


def test_a_canonical_declared_by_different_pages_is_not_trusted():
    pages = [(f"{HOST}/view.php?article={n}", "/", f"text-{n}") for n in (1, 2, 3)]
    assert resolve_canonicals(pages) == [normalise_url(u) for u, _, _ in pages]


def test_a_canonical_declared_by_copies_of_one_page_is_trusted():
    pages = [(f"{HOST}/news/harbour-fees?utm_source=feed", f"{HOST}/news/harbour-fees", "k"),
             (f"{HOST}/amp/news/harbour-fees", "/news/harbour-fees", "k"),
             (f"{HOST}/news/harbour-fees", "/news/harbour-fees", "k"),
             (f"{HOST}/news/other", None, "other")]
    assert resolve_canonicals(pages) == [f"{HOST}/news/harbour-fees"] * 3 + [
        f"{HOST}/news/other"]


def test_a_canonical_naming_a_different_fetched_page_is_not_trusted():
    pages = [(f"{HOST}/news/a", None, "text-a"), (f"{HOST}/news/b", "/news/a", "text-b")]
    assert resolve_canonicals(pages) == [f"{HOST}/news/a", f"{HOST}/news/b"]


def test_a_canonical_already_held_by_a_different_page_is_not_trusted():
    pages = [(f"{HOST}/view.php?article=9", "/", "text-9")]
    assert resolve_canonicals(pages) == [f"{HOST}/"]
    assert resolve_canonicals(pages, known={f"{HOST}/": ["text-1"]}) == [
        f"{HOST}/view.php?article=9"]
    assert resolve_canonicals(pages, known={f"{HOST}/": ["text-9"]}) == [f"{HOST}/"]


def _article(n: int, canonical: str) -> bytes:
    facts = ["opens a ferry pier", "repaves the lake road", "adds night buses",
             "plants two hundred trees"][n % 4]
    return (f'<html><head><title>Lakeside council {facts}</title>'
            f'<link rel="canonical" href="{canonical}"></head><body><article>'
            f"<h1>Lakeside council {facts}</h1><p>LAKESIDE, July {n + 2}, 2026 -- The town "
            f"council said on Monday that it {facts}, after a vote of the members. Work is "
            f"due to begin in the autumn and end within a year, the council said.</p>"
            f"<p>Residents were asked for their views in a survey that ran for six weeks, "
            f"and most backed the plan, according to the council's figures (case {n}).</p>"
            "</article></body></html>").encode()


def _load(data: Path, name: str, urls: list[tuple[str, bytes]], key: str,
          con=None) -> list[dict]:
    warc = write_warc(data / "raw" / "inbox" / f"{name}.warc.gz",
                      [(u, 200, body) for u, body in urls])
    pages = page_rows(warc_records(warc, data, name))

    def known(canonicals: list[str]) -> list[tuple[str, str]]:
        return canonical_texts(con, canonicals, exclude_partition=key) if con else []

    pages, articles = clean_pages(pages, data, workers=1, known_texts=known)
    releases = release_rows(articles, pages, carrier="lakeside")
    if con is not None:
        replace_partition(con, key, {"run_id": name, "source_id": "inbox"},
                          [p.to_row() for p in pages], [a.to_row() for a in articles], releases)
    return releases


def test_articles_sharing_a_cms_canonical_stay_separate_releases(tmp_path):
    urls = [(f"{HOST}/view.php?article={n}", _article(n, "/")) for n in (1, 2, 3)]
    releases = _load(tmp_path, "one-day", urls, "2026-07-03|inbox")
    assert len(releases) == 3
    assert sorted(r["canonical_url"] for r in releases) == sorted(
        normalise_url(u) for u, _ in urls)
    assert len({r["release_id"] for r in releases}) == 3


def test_a_later_day_does_not_merge_into_an_earlier_holder_of_the_canonical(tmp_path):
    con = connect(tmp_path / "warehouse.duckdb")
    try:
        first = _load(tmp_path, "day-one", [(f"{HOST}/view.php?article=1", _article(1, "/"))],
                      "2026-07-03|inbox", con)
        assert [r["canonical_url"] for r in first] == [f"{HOST}/"]  # alone: trusted
        later = _load(tmp_path, "day-two", [(f"{HOST}/view.php?article=2", _article(2, "/"))],
                      "2026-07-04|inbox", con)
        assert [r["canonical_url"] for r in later] == [f"{HOST}/view.php?article=2"]
        assert later[0]["release_id"] != first[0]["release_id"]
        again = _load(tmp_path, "day-one-again",
                      [(f"{HOST}/view.php?article=1", _article(1, "/"))], "2026-07-03|inbox",
                      con)
        assert again[0]["release_id"] == first[0]["release_id"]  # a rerun keeps its id
    finally:
        con.close()
