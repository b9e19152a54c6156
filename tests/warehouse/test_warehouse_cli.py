"""``wiredesk sql | search | export | status`` against the demo warehouse's read copy."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import duckdb
import pytest

CLI = [sys.executable, "-m", "pipelines.cli"]


def run(demo, *args: str, stdin: str | None = None, db=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "WIREDESK_DB": str(db or demo["db"])}
    return subprocess.run(CLI + list(args), input=stdin or "", capture_output=True, text=True,
                          env=env, timeout=120)


COUNT = "SELECT source_id, count(*) AS n FROM mart_releases GROUP BY 1 ORDER BY 1"


def test_sql_prints_a_table_csv_and_json(demo):
    out = run(demo, "sql", COUNT)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["source_id", "n"] and set(lines[1]) <= {"-", " "}
    assert lines[-1] == "(4 rows)"
    out = run(demo, "sql", COUNT, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["source_id"] for r in rows] == ["bizwire", "dnanews", "globewire", "prwire"]
    data = json.loads(run(demo, "sql", COUNT, "-f", "json").stdout)
    assert [r["source_id"] for r in data] == [r["source_id"] for r in rows]
    assert sum(r["n"] for r in data) == sum(int(r["n"]) for r in rows) > 0
    jl = run(demo, "sql", "SELECT release_id, tickers, published_at FROM releases LIMIT 2",
             "-f", "jsonl").stdout.splitlines()
    assert len(jl) == 2 and isinstance(json.loads(jl[0])["tickers"], list)


def test_sql_reads_a_script_from_stdin_and_describes_the_schema(demo):
    out = run(demo, "sql", stdin="SELECT 1 AS a;\nSELECT 'x;y' AS b;\n")
    assert out.returncode == 0, out.stderr
    assert "x;y" in out.stdout and out.stdout.count("(1 row)") == 2
    out = run(demo, "sql", ".schema mart_releases")
    assert "is_canonical" in out.stdout and "canonical copy" in out.stdout
    assert "mart_source_health" in run(demo, "sql", ".tables").stdout


def test_a_malformed_query_prints_duckdbs_error_and_exits_1(demo):
    out = run(demo, "sql", "SELEC * FROM releases")
    assert out.returncode == 1
    assert "Parser Error" in out.stderr and "Traceback" not in out.stderr + out.stdout
    out = run(demo, "sql", "SELECT nope FROM releases")
    assert out.returncode == 1 and "Binder Error" in out.stderr


def test_sql_is_read_only_unless_write(demo, tmp_path):
    out = run(demo, "sql", "DELETE FROM releases")
    assert out.returncode == 1 and "read-only" in out.stderr
    assert "Traceback" not in out.stderr
    db = tmp_path / "scratch.duckdb"
    out = run(demo, "sql", "--write", "INSERT INTO sources (source_id, name, kind) "
              "VALUES ('t', 'T', 'wire'); SELECT count(*) AS n FROM sources", db=db)
    assert out.returncode == 0, out.stderr
    assert duckdb.connect(str(db), read_only=True).execute(
        "SELECT name FROM sources").fetchall() == [("T",)]


def test_search_prints_ranked_results_with_snippets(demo):
    out = run(demo, "search", "quarter revenue results", "--since", "2026-06-01", "-n", "3")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(" 1. ") and " 2. " in out.stdout and "score" in out.stdout
    hits = json.loads(run(demo, "search", "quarter revenue", "--source", "dna",
                          "--format", "json").stdout)
    assert hits and all(h["source_id"] == "dnanews" for h in hits)
    assert [h["rank"] for h in hits] == list(range(1, len(hits) + 1))
    assert all(h["snippet"] for h in hits)
    assert run(demo, "search", "quarter", "--since", "2099-01-01").stdout.strip() == (
        "No releases match.")
    bad = run(demo, "search", "x", "--since", "July")
    assert bad.returncode == 2 and "not a date" in bad.stderr


def test_export_writes_releases_and_stories_partitioned_by_date_and_source(demo, tmp_path):
    out = run(demo, "export", "--format", "parquet", "--out", str(tmp_path / "x"))
    assert out.returncode == 0, out.stderr
    con = duckdb.connect()
    rel = con.execute(f"""
        SELECT count(*), count(DISTINCT source_id), min(date)
        FROM read_parquet('{tmp_path}/x/releases/**/*.parquet', hive_partitioning = true)
    """).fetchone()
    want = duckdb.connect(str(demo["read"]), read_only=True).execute(
        "SELECT count(*), count(DISTINCT source_id) FROM releases").fetchone()
    assert rel[:2] == want
    assert list((tmp_path / "x/releases").glob("date=*/source_id=*/*.parquet"))
    stories = con.execute(f"""
        SELECT count(*), sum(len(copies)) FROM read_parquet(
            '{tmp_path}/x/stories/**/*.parquet', hive_partitioning = true)""").fetchone()
    assert stories[0] > 0 and stories[1] >= stories[0]
    again = run(demo, "export", "--out", str(tmp_path / "x"))
    assert again.returncode == 1 and "--overwrite" in again.stderr
    assert run(demo, "export", "--out", str(tmp_path / "x"), "--overwrite").returncode == 0


def test_status_shows_sources_counts_and_freshness(demo):
    out = run(demo, "status")
    assert out.returncode == 0, out.stderr
    assert "schema" in out.stdout and "releases=" in out.stdout and "indexed" in out.stdout
    info = json.loads(run(demo, "status", "--format", "json").stdout)
    assert info["counts"]["releases"] > 0 and info["search"]["indexed"]
    crawled = {s["source_id"]: s for s in info["sources"] if s["health"] != "never_run"}
    assert set(crawled) == {"prwire", "bizwire", "globewire", "dnanews"}
    assert all(s["releases"] > 0 and s["last_finished_at"] for s in crawled.values())


def test_a_missing_read_copy_is_explained(demo, tmp_path):
    out = run(demo, "status", db=tmp_path / "none.duckdb")
    assert out.returncode == 1 and "no published read copy" in out.stderr


@pytest.mark.parametrize("command", ["sql", "search", "export", "status"])
def test_help_is_clear(demo, command):
    out = subprocess.run(CLI + [command, "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "--db" in out.stdout
