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

# Every test here starts processes (the slow tier: make test-slow).
pytestmark = pytest.mark.slow

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


# --- issue 20: read-only SQL that writes, exports half-written, tracebacks ------------------

def _fingerprints(folder) -> dict[str, str]:
    """Every file under ``folder`` with a digest of its bytes."""
    import hashlib

    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# Each of these ran on the read-only connection before: wrote a file, attached the writable
# warehouse, changed a setting, read a file or tried the network.
HOSTILE_SQL = {
    "attach_and_delete": "ATTACH '{db}' AS w (READ_WRITE); DELETE FROM w.releases",
    "attach_read_only": "ATTACH '{db}' AS w (READ_ONLY)",
    "copy_over_warehouse": "COPY (SELECT 'x') TO '{db}'",
    "copy_to_file": "COPY releases TO '{out}/leak.csv'",
    "export_database": "EXPORT DATABASE '{out}/dump'",
    "set_setting": "SET threads = 1",
    "reenable_external_access": "SET enable_external_access = true",
    "unlock_configuration": "RESET lock_configuration",
    "read_text": "SELECT * FROM read_text('/etc/passwd')",
    "read_csv_file": "SELECT * FROM read_csv('/etc/passwd', sep = ':')",
    "glob_files": "SELECT * FROM glob('/etc/*')",
    "install_extension": "INSTALL httpfs",
    "load_extension": "LOAD httpfs",
    "read_url": "SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')",
    "import_database": "IMPORT DATABASE '{out}'",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_SQL))
def test_read_only_sql_refuses_files_attach_settings_extensions_and_network(demo, tmp_path,
                                                                            name):
    folder = demo["db"].parent
    before = _fingerprints(folder)
    query = HOSTILE_SQL[name].format(db=demo["db"], out=tmp_path)
    out = run(demo, "sql", query)
    assert out.returncode == 1, (out.stdout, out.stderr)
    assert out.stderr.startswith("Error: ") and len(out.stderr.splitlines()) == 1
    assert "Traceback" not in out.stderr
    assert "download" not in out.stderr.lower()    # refused, not tried
    assert _fingerprints(folder) == before
    assert not list(tmp_path.iterdir())


def test_checkpoint_on_the_read_copy_writes_nothing(demo):
    before = _fingerprints(demo["db"].parent)
    out = run(demo, "sql", "CHECKPOINT; FORCE CHECKPOINT; VACUUM")
    assert out.returncode == 0, out.stderr
    assert _fingerprints(demo["db"].parent) == before


def test_write_mode_writes_the_warehouse_and_nothing_else(demo, tmp_path):
    db = tmp_path / "scratch.duckdb"
    assert run(demo, "sql", "--write", "SELECT 1", db=db).returncode == 0
    for query in ("INSTALL httpfs", "LOAD httpfs", "SET threads = 1",
                  f"COPY (SELECT 1) TO '{tmp_path}/x.csv'",
                  "SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')",
                  f"ATTACH '{demo['db']}' AS w"):
        out = run(demo, "sql", "--write", query, db=db)
        assert out.returncode == 1 and "download" not in out.stderr.lower(), (query, out.stderr)
        assert len(out.stderr.splitlines()) == 1
    assert [p.name for p in tmp_path.iterdir() if p.suffix != ".wal"] == ["scratch.duckdb"]


def test_sql_json_is_valid_json_with_null_for_nan_and_infinity(demo):
    query = ("SELECT 'nan'::DOUBLE AS a, 'inf'::DOUBLE AS b, '-inf'::FLOAT AS c, "
             "['nan'::DOUBLE, 1.5] AS d, {'x': 'inf'::DOUBLE} AS e")

    def strict(text: str):
        return json.loads(text, parse_constant=lambda c: pytest.fail(f"{c} in JSON"))

    out = run(demo, "sql", query, "-f", "json")
    assert out.returncode == 0, out.stderr
    assert strict(out.stdout) == [{"a": None, "b": None, "c": None, "d": [None, 1.5],
                                   "e": {"x": None}}]
    line = run(demo, "sql", query, "-f", "jsonl").stdout.splitlines()[0]
    assert strict(line)["d"] == [None, 1.5]
    assert "nan" in run(demo, "sql", "SELECT 'nan'::DOUBLE AS a", "-f", "csv").stdout


@pytest.mark.parametrize("args", [
    ["sql", "SELECT 1", "--max-rows", "-1"],
    ["status", "--format", "yaml"],
    ["search", "bus", "--format", "yaml"],
    ["search", "bus", "--limit", "-1"],
    ["export", "--out", "x", "--format", "json"],
])
def test_bad_options_are_refused_as_usage_errors(demo, args):
    out = run(demo, *args)
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr and "not shown" not in out.stdout


def test_search_prints_csv(demo):
    out = run(demo, "search", "quarter revenue", "-f", "csv", "-n", "3")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert 1 <= len(rows) <= 3 and [r["rank"] for r in rows] == [
        str(i) for i in range(1, len(rows) + 1)]
    assert all(r["release_id"] and r["url"] for r in rows)


def _one_line_error(out: subprocess.CompletedProcess, *words: str) -> None:
    assert out.returncode == 1, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr + out.stdout
    assert len(out.stderr.strip().splitlines()) == 1 and out.stderr.startswith("Error: ")
    for word in words:
        assert word in out.stderr, out.stderr


def test_export_into_a_releases_file_or_symlink_is_one_line(demo, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "releases").write_text("not a folder")
    _one_line_error(run(demo, "export", "--out", str(tmp_path / "a")), "is a file")
    (tmp_path / "b").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "b" / "releases").symlink_to(tmp_path / "elsewhere")
    _one_line_error(run(demo, "export", "--out", str(tmp_path / "b"), "--overwrite"),
                    "symbolic link")
    assert not list((tmp_path / "elsewhere").iterdir())


def test_a_truncated_read_copy_is_one_line(demo, tmp_path):
    db = tmp_path / "warehouse.duckdb"
    copy = tmp_path / "warehouse.read.duckdb"
    copy.write_bytes(demo["read"].read_bytes()[: demo["read"].stat().st_size // 3])
    for args in (["status"], ["sql", "SELECT count(*) FROM releases"], ["search", "bus"]):
        _one_line_error(run(demo, *args, db=db), "corrupt")


def test_a_warehouse_where_no_folder_can_be_made_is_one_line(demo, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    _one_line_error(run(demo, "sql", "--write", "SELECT 1", db=blocker / "w.duckdb"))
    _one_line_error(run(demo, "export", "--out", str(blocker / "out")))


def test_explain_without_a_read_copy_is_one_line(demo, tmp_path):
    out = run(demo, "explain", "a", "b", "--db", str(tmp_path / "none.read.duckdb"))
    _one_line_error(out, "does not exist")


@pytest.mark.parametrize("args", [
    [b"sql", b"SELECT '\xff\xfe'"],
    [b"search", b"bus \xc3\x28"],
    [b"explain", b"\xff", b"b"],
    [b"search", b"bus", b"--source", b"\xff"],
])
def test_arguments_that_are_not_utf8_are_one_line(demo, args):
    env = {**os.environ, "WIREDESK_DB": str(demo["db"])}
    out = subprocess.run([a.encode() for a in CLI] + args, capture_output=True, env=env,
                         timeout=120)
    assert out.returncode == 1, out.stderr
    err = out.stderr.decode("utf-8", "replace")
    assert err.startswith("Error: ") and "not valid UTF-8" in err and "Traceback" not in err


def test_export_overwrite_keeps_the_previous_export_until_the_new_one_is_complete(
        demo, tmp_path):
    target = tmp_path / "x"
    assert run(demo, "export", "--out", str(target), "-f", "csv").returncode == 0
    before = _fingerprints(target)
    assert any(k.startswith("releases/") for k in before)
    env = {**os.environ, "WIREDESK_DB": str(demo["db"]), "WIREDESK_CRASH_AT": "export.mid_write"}
    killed = subprocess.run(CLI + ["export", "--out", str(target), "-f", "csv", "--overwrite"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert killed.returncode == -9
    visible = {k: v for k, v in _fingerprints(target).items() if not k.startswith(".export-")}
    assert visible == before     # the previous export, untouched
    assert run(demo, "export", "--out", str(target), "--overwrite").returncode == 0
    assert not list(target.glob(".export-*"))     # the killed export's staging is gone
    assert not list(target.glob("releases/**/*.csv"))
    assert list(target.glob("releases/date=*/source_id=*/*.parquet"))


def test_an_export_killed_part_way_leaves_nothing_that_reads_back(demo, tmp_path):
    target = tmp_path / "first"
    env = {**os.environ, "WIREDESK_DB": str(demo["db"]), "WIREDESK_CRASH_AT": "export.mid_write"}
    killed = subprocess.run(CLI + ["export", "--out", str(target), "-f", "csv"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert killed.returncode == -9
    assert not (target / "releases").exists() and not (target / "stories").exists()


def test_status_says_when_the_writable_warehouse_is_corrupt(demo, tmp_path):
    db = tmp_path / "warehouse.duckdb"
    (tmp_path / "warehouse.read.duckdb").write_bytes(demo["read"].read_bytes())
    db.write_bytes(b"junk")   # e.g. COPY ... TO over it, as the old read-only sql allowed
    out = run(demo, "status", db=db)
    assert out.returncode == 1
    assert "UNUSABLE" in out.stdout and "corrupt" in out.stdout
    assert "The warehouse file is corrupt" in out.stderr and "read copy is intact" in out.stderr
    info = json.loads(run(demo, "status", "-f", "json", db=db).stdout)
    assert info["warehouse_problem"].startswith("corrupt:")
    assert info["counts"]["releases"] > 0     # read from the intact read copy
    healthy = json.loads(run(demo, "status", "-f", "json").stdout)
    assert healthy["warehouse_problem"] is None
