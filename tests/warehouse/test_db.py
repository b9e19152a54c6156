"""The warehouse schema: migrations apply once, in order, and loads replace partitions."""

from datetime import UTC, datetime

from warehouse.db import connect, current_version, migration_files
from warehouse.load import fetch_dicts, replace_partition


def test_migrations_bring_a_new_file_to_the_latest_version(tmp_path):
    path = tmp_path / "w.duckdb"
    con = connect(path)
    latest = migration_files()[-1][0]
    assert current_version(con) == latest
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"sources", "crawl_runs", "pages", "articles", "releases", "stories",
            "story_members"} <= tables
    con.close()
    # Opening again applies nothing twice.
    con = connect(path)
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(
        migration_files())
    con.close()


def _page(pid: str, source: str) -> dict:
    return {"page_id": pid, "source_id": source, "run_id": "r1", "url": f"http://x.test/{pid}",
            "role": "release", "outcome": "ok", "fetched_at": datetime(2026, 7, 1, tzinfo=UTC)}


def test_replace_partition_is_idempotent_and_scoped_to_its_source(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    run = {"run_id": "r1", "source_id": "a", "partition_key": "a", "stats": {"k": 1}}
    replace_partition(con, "a", run, [_page("p1", "a"), _page("p2", "a")], [], [])
    replace_partition(con, "b", {**run, "run_id": "r2", "source_id": "b"}, [_page("p3", "b")],
                      [], [])
    replace_partition(con, "a", run, [_page("p1", "a"), _page("p2", "a")], [], [])
    counts = fetch_dicts(con, "SELECT source_id, count(*) AS n FROM pages GROUP BY 1 ORDER BY 1")
    assert counts == [{"source_id": "a", "n": 2}, {"source_id": "b", "n": 1}]
    assert con.execute("SELECT count(*) FROM crawl_runs").fetchone()[0] == 2


def test_a_failed_load_leaves_the_previous_rows(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    run = {"run_id": "r1", "source_id": "a", "partition_key": "a"}
    replace_partition(con, "a", run, [_page("p1", "a")], [], [])
    bad = _page("p2", "a")
    del bad["url"]  # NOT NULL column: the insert fails inside the transaction
    try:
        replace_partition(con, "a", run, [bad], [], [])
    except Exception:  # noqa: BLE001
        pass
    assert [r[0] for r in con.execute("SELECT page_id FROM pages").fetchall()] == ["p1"]


def test_a_page_another_partition_holds_is_left_out_of_this_load(tmp_path):
    from warehouse.overlap import drop_loaded_elsewhere

    con = connect(tmp_path / "w.duckdb")
    run = {"run_id": "r1", "source_id": "a"}
    replace_partition(con, "a|day1", run, [_page("p1", "a")], [], [])
    rows = {"pages": [_page("p1", "a"), _page("p2", "a")], "articles": [], "releases": []}
    assert drop_loaded_elsewhere(con, "a|day2", rows)["already_loaded_pages"] == 1
    assert [p["page_id"] for p in rows["pages"]] == ["p2"]
    # Its own partition's rows are not "elsewhere": a reload keeps them.
    rows = {"pages": [_page("p1", "a")], "articles": [], "releases": []}
    assert drop_loaded_elsewhere(con, "a|day1", rows)["already_loaded_pages"] == 0


def test_a_run_failure_recorded_twice_is_one_row(tmp_path):
    from warehouse.load import record_run_failure

    con = connect(tmp_path / "w.duckdb")
    row = {"run_id": "f1", "job_name": "ingest_source", "partition_key": "a|day1",
           "source_id": "a", "failed_at": datetime(2026, 7, 1, tzinfo=UTC),
           "failed_steps": ["raw_pages"], "message": "first"}
    record_run_failure(con, row)
    record_run_failure(con, {**row, "message": "second"})
    assert con.execute("SELECT run_id, message FROM run_failures").fetchall() == [
        ("f1", "second")]
