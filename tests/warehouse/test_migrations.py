"""A warehouse made by the first schema version and a new one end at the same schema."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb

from warehouse.db import connect, current_version, mart_files, migrate, migration_files

T0 = datetime(2026, 7, 1, 9, 30, tzinfo=UTC)


def schema(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Tables and views with their columns, types, nullability and comments."""
    out: dict[str, list[tuple]] = {}
    for table, column, dtype, nullable, comment in con.execute("""
            SELECT table_name, column_name, data_type, is_nullable, comment
            FROM duckdb_columns()
            WHERE database_name = current_database() AND NOT internal
              AND schema_name = 'main'
            ORDER BY table_name, column_index""").fetchall():
        out.setdefault(table, []).append((column, dtype, nullable, comment))
    return out


def first_version_file(path) -> None:
    """A file as version 1 made it: only 001 applied, then one row in every table."""
    con = duckdb.connect(str(path))
    assert migrate(con, target=1) == 1
    con.execute("SET VARIABLE t0 = ?", [T0])
    con.execute("""
        INSERT INTO sources VALUES ('dnanews', 'DNA News', 'agency', 'DNA', 'PK', 'en',
            'Asia/Karachi', 'http://dnanews.test/', 'simulated', 20, '15 * * * *', true);
        INSERT INTO crawl_runs VALUES ('run1', 'dnanews', 'dnanews', $t0, $t0, 'finished', 0,
            5, 5, 1, 0, ['raw/dnanews/run1/a.warc.gz'], '{"k": 1}');
        INSERT INTO pages (page_id, source_id, run_id, url, role, status, fetched_at, outcome)
            VALUES ('p1', 'dnanews', 'run1', 'http://dnanews.test/a/', 'release', 200, $t0,
                    'ok');
        INSERT INTO articles (article_id, page_id, source_id, url, canonical_url, title,
                              body_text, extractor, extractor_version)
            VALUES ('p1', 'p1', 'dnanews', 'http://dnanews.test/a/', 'http://dnanews.test/a/',
                    'Harbour council meets', 'ISLAMABAD, JUL 1 /DNA/ - The council met.',
                    'trafilatura', '2.3.1');
        INSERT INTO releases (release_id, article_id, source_id, run_id, canonical_url, urls,
                              page_ids, title, carrier, tickers, body_main, content_hash,
                              published_at, published_offset, first_seen_at)
            VALUES ('r1', 'p1', 'dnanews', 'run1', 'http://dnanews.test/a/',
                    ['http://dnanews.test/a/'], ['p1'], 'Harbour council meets', 'DNA News',
                    ['PSX:HTC'], 'The council met.', 'h1', $t0, '+05:00', $t0);
        INSERT INTO stories VALUES ('s1', 'r1', 'Harbour council meets', $t0, $t0, 1, 1);
        INSERT INTO story_members VALUES ('s1', 'r1', 'dnanews', 'canonical', 1.0, true, 0);
    """.replace("$t0", "getvariable('t0')"))
    con.close()


def test_an_old_file_and_a_new_file_end_at_the_same_version_and_schema(tmp_path):
    old_path, new_path = tmp_path / "old.duckdb", tmp_path / "new.duckdb"
    first_version_file(old_path)
    latest = migration_files()[-1][0]

    old, new = connect(old_path), connect(new_path)
    try:
        assert current_version(old) == current_version(new) == latest
        applied = [r[0] for r in old.execute(
            "SELECT version FROM schema_migrations ORDER BY version").fetchall()]
        assert applied == [n for n, _, _ in migration_files()]
        assert schema(old) == schema(new)
        # The old rows survived, with what later versions derive from them.
        assert old.execute("SELECT release_id, tickers FROM releases").fetchall() == [
            ("r1", ["PSX:HTC"])]
        # Version 3 derived the partition key from the source (later versions may refine it).
        keys = old.execute("SELECT partition_key FROM releases UNION ALL "
                           "SELECT partition_key FROM pages").fetchall()
        assert len(keys) == 2 and all("dnanews" in k for (k,) in keys)
        # The marts read the old rows.
        assert old.execute("SELECT release_id, story_id, is_canonical, day FROM mart_releases"
                           ).fetchall() == [("r1", "s1", True, T0.date())]
        assert old.execute("SELECT ticker, releases FROM mart_ticker_timeline").fetchall() == [
            ("PSX:HTC", 1)]
    finally:
        old.close()
        new.close()


def test_connect_reapplies_the_marts_and_applies_nothing_twice(tmp_path):
    path = tmp_path / "w.duckdb"
    connect(path).close()
    con = connect(path)
    try:
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(
            migration_files())
        views = {r[0] for r in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert len(mart_files()) >= 6
        assert {"mart_releases", "mart_daily_volume", "mart_syndication",
                "mart_entity_mentions", "mart_co_mentions", "mart_ticker_timeline",
                "mart_source_runs", "mart_source_health"} <= views
    finally:
        con.close()


def test_a_migration_merged_late_with_a_lower_number_still_runs(tmp_path):
    path = tmp_path / "w.duckdb"
    con = connect(path)
    skipped = migration_files()[1][0]
    con.execute("DELETE FROM schema_migrations WHERE version = ?", [skipped])
    con.execute("ALTER TABLE articles DROP COLUMN page_published")  # undo version 2
    con.close()
    con = connect(path)
    try:
        assert skipped in {r[0] for r in con.execute(
            "SELECT version FROM schema_migrations").fetchall()}
        assert "page_published" in {r[0] for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = 'articles'"
        ).fetchall()}
    finally:
        con.close()
