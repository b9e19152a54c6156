"""SIGKILL the real pipeline at chosen points, run it again, and compare with the truth.

Each run is a subprocess (``python -m pipelines.defs.runner``) materialising the real
Dagster assets over the session's simulated network; ``WIREDESK_CRASH_AT`` kills it at a
crash point (``plumbing/faults.py``). Runs are bounded in time, never timed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
import pytest

from tests.conftest import PROJECT, inbox_release_pages, write_warc
from tests.pipelines.test_assets import expected_releases
from warehouse.publish import read_copy_path, temp_copies

# Every test here starts processes (the slow tier: make test-slow).
pytestmark = pytest.mark.slow

RUN_TIMEOUT = 900  # a bound for a hung run, not a speed target


@dataclass
class Run:
    returncode: int
    report: dict[str, Any]
    stderr: str

    @property
    def killed(self) -> bool:
        return self.returncode == -signal.SIGKILL

    def errors(self) -> str:
        return "\n".join(e for r in self.report.values() for e in r["errors"])


class Place:
    """A data dir, warehouse and Dagster instance of one test, and how to run there."""

    def __init__(self, root: Path, proxy: str, db: Path | None = None) -> None:
        self.data = root / "data"
        self.db = db or self.data / "warehouse.duckdb"
        self.home = root / "dagster_home"
        self.home.mkdir(parents=True, exist_ok=True)
        (self.home / "dagster.yaml").write_text((PROJECT / "dagster.yaml").read_text())
        # Create the instance's storage now: two runs starting on an empty instance would
        # race to create its tables (a real instance exists before its runs).
        dg.DagsterInstance.from_config(str(self.home)).get_runs(limit=1)
        self.env = {**os.environ, "DAGSTER_HOME": str(self.home),
                    "WIREDESK_DATA_DIR": str(self.data), "WIREDESK_DB": str(self.db),
                    "WIREDESK_SIM_PROXY": proxy, "WIREDESK_DB_LOCK_TIMEOUT": "600"}
        self.env.pop("WIREDESK_CRASH_AT", None)

    def start(self, sources: list[str], stories: bool = False, crash: str | None = None,
              stderr: Any = subprocess.PIPE) -> subprocess.Popen:
        env = dict(self.env, **({"WIREDESK_CRASH_AT": crash} if crash else {}))
        args = [sys.executable, "-m", "pipelines.defs.runner", "--sources", ",".join(sources)]
        return subprocess.Popen(args + (["--stories"] if stories else []), cwd=PROJECT,
                                env=env, stdout=subprocess.PIPE, stderr=stderr, text=True)

    def run(self, sources: list[str], stories: bool = False, crash: str | None = None) -> Run:
        return finish(self.start(sources, stories, crash))


def finish(proc: subprocess.Popen, timeout: float = RUN_TIMEOUT) -> Run:
    out, err = proc.communicate(timeout=timeout)
    lines = [ln for ln in (out or "").splitlines() if ln.startswith("{")]
    return Run(proc.returncode, json.loads(lines[-1]) if lines else {}, err or "")


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def snapshot(db: Path) -> dict[str, Any]:
    """What a load leaves: ids of every partition row, and the crawl runs."""
    return {
        "releases": sorted(rows(db, "SELECT release_id, canonical_url, run_id FROM releases")),
        "pages": sorted(rows(db, "SELECT page_id, run_id FROM pages")),
        "articles": sorted(rows(db, "SELECT article_id FROM articles")),
        "runs": sorted(rows(db, "SELECT run_id, partition_key FROM crawl_runs")),
    }


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_matches_truth(db: Path, truth: dict, sources: list[str]) -> None:
    """Every expected release once (by id and by canonical URL), nothing else; the read
    copy is a valid file with the same rows; no temp copy is left."""
    want = expected_releases(truth)
    got = rows(db, "SELECT source_id, release_id, canonical_url FROM releases")
    assert sorted({r[0] for r in got}) == sorted(sources)
    for source in sources:
        mine = [r for r in got if r[0] == source]
        assert sorted(r[2] for r in mine) == sorted(want[source]), source
        assert len({r[1] for r in mine}) == len(mine), f"duplicated release ids in {source}"
    for table, key in (("pages", "page_id"), ("articles", "article_id")):
        assert rows(db, f"SELECT count(*) - count(DISTINCT {key}) FROM {table}") == [(0,)]
    copy = read_copy_path(db)
    assert snapshot(copy) == snapshot(db)
    assert temp_copies(copy) == []


def assert_stories_consistent(db: Path) -> None:
    """Every release is in exactly one story, every story lists exactly its members."""
    assert rows(db, """SELECT count(*) FROM releases r WHERE (SELECT count(*) FROM
        story_members m WHERE m.release_id = r.release_id) <> 1""") == [(0,)]
    assert rows(db, "SELECT count(*) FROM story_members WHERE release_id NOT IN "
                    "(SELECT release_id FROM releases)") == [(0,)]
    assert rows(db, """SELECT count(*) FROM stories s WHERE s.members <> (SELECT count(*)
        FROM story_members m WHERE m.story_id = s.story_id) OR s.canonical_release_id NOT IN
        (SELECT release_id FROM story_members m WHERE m.story_id = s.story_id)""") == [(0,)]
    assert rows(db, "SELECT count(*) FROM story_members WHERE story_id NOT IN "
                    "(SELECT story_id FROM stories)") == [(0,)]


@pytest.fixture
def place(simulator, tmp_path) -> Place:
    return Place(tmp_path, simulator.proxy_url)


def test_kill_in_a_clean_worker_fails_clearly_and_the_rerun_loads_everything(place, truth):
    crashed = place.run(["prwire"], crash="clean.page:2")
    assert crashed.returncode == 1, crashed.stderr[-2000:]
    assert "a clean worker died" in crashed.errors()
    assert not place.db.exists() or rows(place.db, "SELECT count(*) FROM releases") == [(0,)]
    again = place.run(["prwire"])
    assert again.returncode == 0, again.report
    assert_matches_truth(place.db, truth, ["prwire"])


def test_kill_inside_the_first_load_leaves_nothing_half_loaded(place, truth):
    crashed = place.run(["prwire"], crash="load.after_delete")
    assert crashed.killed, crashed.stderr[-2000:]
    assert rows(place.db, "SELECT count(*) FROM releases") == [(0,)]
    assert rows(place.db, "SELECT count(*) FROM crawl_runs") == [(0,)]
    assert place.run(["prwire"]).returncode == 0
    assert_matches_truth(place.db, truth, ["prwire"])


def test_kills_inside_a_reload_and_mid_publish_keep_the_previous_load(place, truth):
    assert place.run(["prwire"]).returncode == 0
    before, copy = snapshot(place.db), read_copy_path(place.db)
    copy_digest = digest(copy)

    crashed = place.run(["prwire"], crash="load.before_commit")
    assert crashed.killed, crashed.stderr[-2000:]
    assert snapshot(place.db) == before  # the second load of the partition left no trace
    assert digest(copy) == copy_digest

    crashed = place.run(["prwire"], crash="publish.mid_copy")
    assert crashed.killed, crashed.stderr[-2000:]
    assert len(temp_copies(copy)) == 1  # the killed publish's temp file
    assert digest(copy) == copy_digest and snapshot(copy) == before
    after = snapshot(place.db)
    assert after["releases"] != before["releases"]  # committed: the new run's rows
    assert [r[:2] for r in after["releases"]] == [r[:2] for r in before["releases"]]

    assert place.run(["prwire"]).returncode == 0
    assert_matches_truth(place.db, truth, ["prwire"])  # also: the temp file is gone


def test_kill_while_committing_stories_is_repaired_by_the_next_refresh(place, truth):
    assert place.run(["prwire", "bizwire"], stories=True).returncode == 0
    assert_stories_consistent(place.db)
    crashed = place.run(["globewire"], stories=True, crash="stories.before_commit")
    assert crashed.killed, crashed.stderr[-2000:]
    again = place.run([], stories=True)
    assert again.returncode == 0, again.report
    assert_matches_truth(place.db, truth, ["prwire", "bizwire", "globewire"])
    assert_stories_consistent(place.db)
    assert_stories_consistent(read_copy_path(place.db))


def wait_for(proc: subprocess.Popen, text: str, stream: Path | None = None,
             timeout: float = RUN_TIMEOUT) -> None:
    """Wait until a process prints ``text`` (on stdout, or into ``stream``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if stream is not None:
            if text in stream.read_text(errors="replace"):
                return
            time.sleep(0.5)
        elif text in (proc.stdout.readline() if proc.stdout else ""):
            return
        assert proc.poll() is None, f"exited before printing {text!r}"
    raise TimeoutError(text)


def hold_in_process(code: str, env: dict[str, str]) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=PROJECT, env=env,
                            stdout=subprocess.PIPE, text=True)
    wait_for(proc, "held", timeout=120)
    return proc


def test_a_second_crawl_of_a_source_is_refused_while_one_holds_it(place, truth):
    holder = hold_in_process(
        "import time\nfrom pipelines.locks import hold\n"
        f"with hold({str(place.data)!r}, 'prwire', run_id='holder-run'):\n"
        "    print('held', flush=True)\n    time.sleep(600)\n", place.env)
    try:
        refused = place.run(["prwire"])
        assert refused.returncode == 1
        message = refused.errors()
        assert "refused" in message and f"pid {holder.pid}" in message, message
        assert "holder-run" in message and "started_at" in message
    finally:
        holder.kill()  # SIGKILL: the kernel drops the lock with its holder
        holder.wait()
    assert place.run(["prwire"]).returncode == 0
    assert_matches_truth(place.db, truth, ["prwire"])


def test_a_load_waits_for_another_writer_of_the_warehouse(place, truth, tmp_path):
    assert place.run(["prwire"]).returncode == 0
    holder = hold_in_process(
        "import time, duckdb\n"
        f"con = duckdb.connect({str(place.db)!r})\nprint('held', flush=True)\ntime.sleep(600)\n",
        place.env)
    log = tmp_path / "waiting.log"
    try:
        with open(log, "w") as err:
            queued = place.start(["prwire"], stderr=err)
            wait_for(queued, "waiting for the warehouse lock", stream=log)
    finally:
        holder.kill()
        holder.wait()
    result = finish(queued)
    assert result.returncode == 0, result.report
    assert_matches_truth(place.db, truth, ["prwire"])


def test_two_runs_of_the_same_partition_at_once(place, truth):
    first, second = place.start(["prwire"]), place.start(["prwire"])
    results = [finish(first), finish(second)]
    for result in results:
        assert result.returncode == 0 or "refused: another run holds" in result.errors(), \
            result.report or result.stderr[-2000:]
    assert any(r.returncode == 0 for r in results)
    assert_matches_truth(place.db, truth, ["prwire"])
    assert rows(place.db, "SELECT count(*) FROM crawl_runs") == [(1,)]


def test_kill_mid_crawl_resumes_in_the_partitions_next_run(place, truth):
    """The crawl subprocess dies after 10 release records; the partition's next run resumes
    that run folder (same run id, no second folder) and loads exactly the truth."""
    crashed = place.run(["prwire"], crash="manifest.after_release:10")
    assert crashed.returncode == 1, crashed.stderr[-2000:]
    runs = [p for p in (place.data / "raw" / "prwire").iterdir() if p.is_dir()]
    assert len(runs) == 1 and not (runs[0] / "stats.json").exists()
    archived = [r for r in map(json.loads, (runs[0] / "manifest.jsonl").open())
                if r["role"] == "release" and r.get("warc_file") and not r.get("reason")]
    assert archived
    again = place.run(["prwire"])
    assert again.returncode == 0, again.report
    assert [p for p in (place.data / "raw" / "prwire").iterdir() if p.is_dir()] == runs
    stats = json.loads((runs[0] / "stats.json").read_text())
    assert stats["wiredesk/resumed"]
    assert stats["wiredesk/resume/releases_carried"] == len(archived)
    assert rows(place.db, "SELECT DISTINCT run_id FROM crawl_runs") == [(runs[0].name,)]
    assert_matches_truth(place.db, truth, ["prwire"])


# --- issue 20: a corrupt warehouse, an inbox on a symlinked disk -----------------------------

def test_a_corrupt_warehouse_is_named_and_recovered_from_the_read_copy(place, truth):
    """The writable file cut short (a disk fault): every load fails naming it and the
    recovery, ``wiredesk status`` says so, the read copy stays intact, and the README's
    recovery (copy the read copy into place, run again) loads everything."""
    assert place.run(["prwire"]).returncode == 0
    copy = read_copy_path(place.db)
    copy_digest = digest(copy)
    place.db.write_bytes(place.db.read_bytes()[: place.db.stat().st_size // 2])
    failed = place.run(["prwire"])
    assert failed.returncode == 1
    assert "is corrupt" in failed.errors() and "README" in failed.errors(), failed.errors()
    assert digest(copy) == copy_digest
    status = subprocess.run([sys.executable, "-m", "pipelines.cli", "status"], cwd=PROJECT,
                            env=place.env, capture_output=True, text=True, timeout=120)
    assert status.returncode == 1 and "UNUSABLE" in status.stdout
    assert "The warehouse file is corrupt" in status.stderr
    place.db.rename(place.db.with_name("warehouse.broken.duckdb"))    # the README's steps
    shutil.copyfile(copy, place.db)
    again = place.run(["prwire"])
    assert again.returncode == 0, again.report
    assert_matches_truth(place.db, truth, ["prwire"])


def test_the_inbox_loads_onto_a_symlinked_raw_folder(place, truth, tmp_path):
    """``data/raw`` on another disk (a symlink) with a symlink in the inbox: the archive
    loads, the link is refused with a reason, nothing outside the data folder is read."""
    bigger = tmp_path / "bigger-disk"
    (bigger / "raw").mkdir(parents=True)
    place.data.mkdir(parents=True, exist_ok=True)
    (place.data / "raw").symlink_to(bigger / "raw")
    write_warc(place.data / "inbox" / "dropped.warc.gz", inbox_release_pages())
    secret = write_warc(tmp_path / "elsewhere" / "secret.warc.gz", inbox_release_pages(
        host="secret.harbourtimes.test"))
    (place.data / "inbox" / "linked.warc.gz").symlink_to(secret)
    run = place.run(["inbox"])
    assert run.returncode == 0, run.report
    pages = rows(place.db, "SELECT url, reason, warc_file FROM pages WHERE source_id = 'inbox'")
    assert {r[1] for r in pages if r[0].endswith("linked.warc.gz")} == {"inbox_symlink"}
    assert not [r for r in pages if "secret.harbourtimes.test" in r[0]]
    loaded = rows(place.db, "SELECT count(*) FROM releases WHERE source_id = 'inbox'")[0][0]
    assert loaded == sum(1 for _, status, _ in inbox_release_pages() if status == 200)
    assert list((bigger / "raw" / "inbox").rglob("dropped.warc.gz"))
