"""Readers while a run writes: an analyst querying the published read copy in a loop
during a load never hits a lock, and sees the old or the new data, never a mix."""

from __future__ import annotations

import threading

from pipelines.defs.partitions import partition_key
from tests.conftest import INBOX_STORIES, inbox_release_pages, local_pipeline, write_warc
from warehouse.db import connect
from warehouse.publish import read_copy_path

MORE_STORIES = [
    ("Lighthouse museum extends summer opening hours", "SALTMERE", 6,
     "The lighthouse museum in Saltmere will open two hours longer each day this summer."),
    ("Ferry operator adds evening crossing", "PORTWELL", 7,
     "A ferry operator added an evening crossing between Portwell and the islands."),
]


def snapshot(db) -> tuple:
    """What an analyst sees: the run, and the rows of three tables, in one connection."""
    con = connect(read_copy_path(db), read_only=True)
    try:
        return (
            tuple(con.execute("SELECT list(run_id ORDER BY run_id) FROM crawl_runs").fetchone()[0]),
            tuple(con.execute("SELECT list(title ORDER BY title) FROM releases").fetchone()[0]),
            con.execute("SELECT count(*) FROM pages").fetchone()[0],
            con.execute("SELECT count(*) FROM articles").fetchone()[0],
        )
    finally:
        con.close()


def test_reader_sees_old_or_new_data_while_a_load_runs(tmp_path, dagster_home):
    setup = local_pipeline(tmp_path / "data", dagster_home)
    crawler, warehouse, instance = setup["crawler"], setup["warehouse"], setup["instance"]
    job = setup["defs"].resolve_job_def("ingest_source")
    key = str(partition_key("inbox"))

    write_warc(crawler.inbox_dir / "first.warc.gz", inbox_release_pages())
    assert job.execute_in_process(partition_key=key, instance=instance).success
    old = snapshot(warehouse.path)
    assert len(old[1]) == len(INBOX_STORIES)

    write_warc(crawler.inbox_dir / "second.warc.gz",
               inbox_release_pages("www.islandpost.test", MORE_STORIES))
    seen: list[tuple] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def read_in_a_loop() -> None:
        while not done.is_set():
            try:
                seen.append(snapshot(warehouse.path))
            except BaseException as exc:  # noqa: BLE001 - any failure is the finding
                errors.append(exc)

    reader = threading.Thread(target=read_in_a_loop, daemon=True)
    reader.start()
    try:
        assert job.execute_in_process(partition_key=key, instance=instance).success
    finally:
        done.set()
        reader.join(timeout=60)
    new = snapshot(warehouse.path)

    assert not errors, errors[:3]
    assert len(new[1]) == len(INBOX_STORIES) + len(MORE_STORIES) and new[0] != old[0]
    assert seen and set(seen) <= {old, new}, {s for s in seen if s not in (old, new)}
