"""The marts agree with the tables they summarise."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pytest

from warehouse.db import connect
from warehouse.load import insert_rows

SIMULATED = {"prwire", "bizwire", "globewire", "dnanews"}


@pytest.fixture(scope="module")
def con(demo):
    con = duckdb.connect(str(demo["read"]), read_only=True)
    yield con
    con.close()


def one(con, sql: str):
    return con.execute(sql).fetchone()


@pytest.mark.slow
def test_mart_releases_has_one_row_per_release_with_its_story(con):
    n, distinct = one(con, "SELECT count(*), count(DISTINCT release_id) FROM mart_releases")
    assert n == distinct == one(con, "SELECT count(*) FROM releases")[0]
    wrong = one(con, """
        SELECT count(*) FROM mart_releases m LEFT JOIN stories s USING (story_id)
        WHERE m.story_id IS NULL
           OR m.is_canonical <> (s.canonical_release_id = m.release_id)
           OR m.story_carriers <> s.carriers""")[0]
    assert wrong == 0


def test_mart_releases_keeps_the_latest_version_of_a_url(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    base = {"article_id": "a", "source_id": "prwire", "run_id": "run",
            "canonical_url": "http://prwire.test/x", "urls": [], "page_ids": [],
            "carrier": "PR Wire", "published_at": datetime(2026, 7, 1, 23, 30, tzinfo=UTC)}
    insert_rows(con, "releases", [
        {**base, "release_id": "v1", "title": "Old", "content_hash": "1",
         "first_seen_at": datetime(2026, 7, 2, 1, tzinfo=UTC)},
        {**base, "release_id": "v2", "title": "Corrected", "content_hash": "2",
         "first_seen_at": datetime(2026, 7, 3, 1, tzinfo=UTC)}])
    con.execute("SET TimeZone = 'America/New_York'")  # days stay UTC days
    assert con.execute("SELECT release_id, title, versions, day, is_canonical "
                       "FROM mart_releases").fetchall() == [
        ("v2", "Corrected", 2, datetime(2026, 7, 1).date(), True)]
    con.close()


@pytest.mark.slow
def test_daily_volume_adds_up_to_the_releases(con):
    assert one(con, "SELECT sum(releases) FROM mart_daily_volume") == one(
        con, "SELECT count(*) FROM mart_releases")
    assert one(con, "SELECT count(*) FROM mart_daily_volume "
                    "WHERE canonical_releases > releases OR stories > releases")[0] == 0


@pytest.mark.slow
def test_syndication_orders_carriers_by_lag(con):
    rows = con.execute("""
        SELECT story_id, carry_order, first_source, source_id, lag_minutes, carriers
        FROM mart_syndication ORDER BY story_id, carry_order""").fetchall()
    assert rows
    stories: dict[str, list] = {}
    for r in rows:
        stories.setdefault(r[0], []).append(r)
    assert any(len(copies) > 1 for copies in stories.values())
    for copies in stories.values():
        assert [c[1] for c in copies] == list(range(1, len(copies) + 1))
        assert copies[0][2] == copies[0][3] and copies[0][4] == min(c[4] for c in copies)
        assert [c[4] for c in copies] == sorted(c[4] for c in copies)


@pytest.mark.slow
def test_ticker_timeline_counts_every_ticker_mention(con):
    assert one(con, "SELECT sum(releases) FROM mart_ticker_timeline") == one(
        con, "SELECT sum(len(tickers)) FROM mart_releases")
    assert one(con, "SELECT count(*) FROM mart_ticker_timeline "
                    "WHERE exchange || ':' || symbol <> ticker")[0] == 0


@pytest.mark.slow
def test_entity_marts_count_mentions_and_pairs(con):
    pk = one(con, "SELECT sum(releases) FROM mart_entity_mentions "
                  "WHERE entity_id = 't:country:pk'")[0]
    assert pk == one(con, "SELECT count(DISTINCT release_id) FROM mentions "
                          "WHERE entity_id = 't:country:pk'")[0]
    assert one(con, "SELECT sum(releases) FROM mart_co_mentions "
                    "WHERE entity_a = 't:country:ir' AND entity_b = 't:country:pk'")[0] == 3
    assert one(con, "SELECT count(*) FROM mart_co_mentions WHERE entity_a >= entity_b")[0] == 0


@pytest.mark.slow
def test_source_health_reports_every_crawled_source(con):
    rows = {r[0]: r for r in con.execute("""
        SELECT source_id, health, fetches, errors, last_yield, releases, runs
        FROM mart_source_health""").fetchall()}
    assert rows.keys() == {r[0] for r in con.execute("SELECT source_id FROM sources").fetchall()}
    for source in SIMULATED:
        _, health, fetches, errors, yield_, releases, runs = rows[source]
        assert health == "ok" and runs >= 1 and releases > 0
        assert fetches == one(con, f"SELECT count(*) FROM pages WHERE source_id = '{source}' "
                                   "AND status IS NOT NULL")[0]
        assert 0 < yield_ <= 1 and 0 <= errors < fetches
    assert all(r[1] == "never_run" for s, r in rows.items() if r[6] == 0)
