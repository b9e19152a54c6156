"""The hand-off between assets on the path the UI, schedules and sensors take: a real
instance with Dagster's filesystem IO manager (which pickles every asset output under the
instance's storage folder), not ``execute_in_process``'s in-memory one. Each stage's rows
go to Parquet in the run folder; the stored outputs are small references."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import dagster as dg

from pipelines.defs.assets import articles, raw_pages, releases, warehouse_partition
from pipelines.defs.partitions import partition_key
from pipelines.defs.resources import CrawlerResource, WarehouseResource
from pipelines.handoff import STAGES_DIR, read_rows
from tests.conftest import INBOX_STORIES, PROJECT, inbox_release_pages, write_warc
from warehouse.db import connect

MAX_REFERENCE_BYTES = 4096


def test_a_ui_run_stores_small_references_and_loads_the_right_rows(tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(PROJECT / "dagster.yaml", home / "dagster.yaml")
    data = tmp_path / "data"
    crawler = CrawlerResource(data_dir=str(data))
    warehouse = WarehouseResource(data_dir=str(data))
    write_warc(crawler.inbox_dir / "harbour.warc.gz", inbox_release_pages())
    key = str(partition_key("inbox"))

    with dg.DagsterInstance.from_config(str(home)) as instance:
        result = dg.materialize(
            [raw_pages, articles, releases, warehouse_partition], instance=instance,
            partition_key=key, resources={"crawler": crawler, "warehouse": warehouse})
        assert result.success
        storage = Path(instance.storage_directory())

    # What the filesystem IO manager kept: one small pickled reference per asset.
    stored = {name: storage / name / Path(*key.split("|"))
              for name in ("raw_pages", "articles", "releases")}
    assert all(p.is_file() for p in stored.values()), sorted(storage.rglob("*"))
    sizes = {name: p.stat().st_size for name, p in stored.items()}
    assert max(sizes.values()) < MAX_REFERENCE_BYTES, sizes
    lead = INBOX_STORIES[0][3].encode()
    assert not any(lead in p.read_bytes() for p in stored.values())
    ref = pickle.loads(stored["releases"].read_bytes())
    assert set(ref["tables"]) == {"pages", "articles", "releases"}
    assert ref["counts"] == {"pages": 4, "articles": 3, "releases": 3}
    for path in ref["tables"].values():
        assert Path(path).parent.parent.name == STAGES_DIR
        assert Path(path).is_relative_to(data / "raw" / "inbox")
    handed = read_rows(ref["tables"]["releases"])
    assert sorted(r["title"] for r in handed) == sorted(s[0] for s in INBOX_STORIES)

    # The warehouse holds the partition's rows, as loaded from the hand-off files.
    con = connect(warehouse.path, read_only=True)
    try:
        rels = con.execute("SELECT title, dateline_city, source_id, partition_key "
                           "FROM releases ORDER BY title").fetchall()
        pages = con.execute("SELECT outcome, count(*) FROM pages GROUP BY 1 ORDER BY 1"
                            ).fetchall()
        runs = con.execute("SELECT source_id, release_pages, errors FROM crawl_runs"
                           ).fetchall()
    finally:
        con.close()
    assert rels == sorted((title, city.title(), "inbox", key)
                          for title, city, _, _ in INBOX_STORIES)
    assert pages == [("error", 1), ("ok", 3)]
    assert runs == [("inbox", 4, 1)]
