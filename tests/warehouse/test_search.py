"""BM25 search: offline extension, rebuild only on change, ranking, bound filters, snippets."""

from __future__ import annotations

from datetime import UTC, date, datetime

import duckdb
import pytest

from warehouse.db import connect
from warehouse.load import insert_rows
from warehouse.search import fts_extension_path, rebuild_search, search, snippet

T = datetime(2026, 7, 2, 9, 0, tzinfo=UTC)
DOCS = [
    ("r1", "dnanews", "DNA", "Pakistan and Iran agree to widen border trade",
     "ISLAMABAD: Officials from Pakistan and Iran agreed to expand trading at two crossings."),
    ("r2", "bizwire", "Business Wire", "Harrowgate Labs opens a sensor plant",
     "AUSTIN, Texas: Harrowgate Labs opened a plant that will employ 140 people."),
    ("r3", "dnanews", "DNA", "Karachi exporters report a rise in textile trade",
     "Exporters said shipments to the Gulf rose for a third month."),
]


@pytest.fixture
def con(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    insert_rows(con, "releases", [
        {"release_id": rid, "article_id": rid, "source_id": src, "run_id": "run",
         "canonical_url": f"http://{src}.test/{rid}", "urls": [], "page_ids": [],
         "title": title, "body_main": body, "agency": agency, "carrier": src,
         "content_hash": rid, "published_at": T.replace(day=1 + i), "first_seen_at": T}
        for i, (rid, src, agency, title, body) in enumerate(DOCS)])
    yield con
    con.close()


def test_the_extension_comes_from_the_pinned_wheel_not_the_network(con):
    assert fts_extension_path().parent.name == f"v{duckdb.__version__}"
    con.execute("SET autoinstall_known_extensions = false")
    assert rebuild_search(con) is True
    assert search(con, "trade")


def test_rebuild_runs_only_when_the_text_changed(con):
    assert rebuild_search(con) is True
    assert rebuild_search(con) is False
    con.execute("UPDATE releases SET title = 'Iran trade talks resume' WHERE release_id = 'r2'")
    assert rebuild_search(con) is True
    assert [h.release_id for h in search(con, "talks")] == ["r2"]
    assert rebuild_search(con, force=True) is True


def test_ranking_filters_and_snippets(con):
    rebuild_search(con)
    hits = search(con, "iran pakistan trade")
    assert [h.release_id for h in hits] == ["r1", "r3"]
    assert hits[0].score > hits[1].score > 0 and hits[0].rank == 1
    assert "Pakistan and Iran" in hits[0].snippet
    assert [h.release_id for h in search(con, "trade", since=date(2026, 7, 3))] == ["r3"]
    assert [h.release_id for h in search(con, "trade", until=date(2026, 7, 2))] == ["r1"]
    assert [h.release_id for h in search(con, "plant", sources=["DNA"])] == []
    assert [h.release_id for h in search(con, "plant", sources=["bizwire"])] == ["r2"]
    assert [h.release_id for h in search(con, "iran trade", all_terms=True)] == ["r1"]


def test_hostile_input_is_only_ever_a_search_term(con):
    rebuild_search(con)
    for text in ("'; DROP TABLE releases; --", "trade') OR 1=1 --", "\\x00 %_ \"quoted\""):
        search(con, text, sources=["x'; DELETE FROM releases; --"])
    assert con.execute("SELECT count(*) FROM releases").fetchone()[0] == len(DOCS)


def test_snippet_centres_on_the_first_matching_word():
    text = "Opening words. " * 30 + "The ministry said trading resumed on Monday. " + "x " * 200
    piece = snippet(text, "trade ministry")
    assert piece.startswith("…") and piece.endswith("…")
    assert "ministry said trading resumed" in piece and len(piece) <= 210
    assert snippet("Short text.", "nothing") == "Short text."


@pytest.mark.slow
def test_the_demo_read_copy_is_searchable(demo):
    con = duckdb.connect(str(demo["read"]), read_only=True)
    try:
        hits = search(con, "quarter revenue results", limit=5)
        assert hits and all(h.score > 0 for h in hits)
        stories = [h.story_id for h in hits]
        assert len(stories) == len(set(stories))  # one copy per story by default
        every = search(con, "quarter revenue results", limit=50, one_per_story=False)
        assert len(every) >= len(search(con, "quarter revenue results", limit=50))
    finally:
        con.close()
