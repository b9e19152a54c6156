"""The warehouse on a small tmpfs: a load or a publish that runs out of space fails with an
error naming the path, the published read copy stays valid and unchanged, and once space is
freed the next run completes. Runs are real pipeline subprocesses (see test_crash_pipeline).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import fill_disk, small_disk_at
from tests.pipelines.test_crash_pipeline import (
    Place,
    assert_matches_truth,
    digest,
    rows,
    snapshot,
)
from warehouse.db import WarehouseDiskFull
from warehouse.publish import publish, read_copy_path, temp_copies

# Every test here starts processes (the slow tier: make test-slow).
pytestmark = pytest.mark.slow

SIZE_MB = 96


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A ``SIZE_MB`` tmpfs mounted for the test."""
    with small_disk_at(tmp_path / "small", SIZE_MB) as mount:
        yield mount


def test_disk_full_during_load_and_publish_names_the_path_and_keeps_the_copy(
        simulator, truth, tmp_path, small_disk):
    place = Place(tmp_path, simulator.proxy_url, db=small_disk / "warehouse.duckdb")
    copy = read_copy_path(place.db)
    assert place.run(["prwire"]).returncode == 0
    before, copy_digest = snapshot(place.db), digest(copy)

    # No room at all: the load's first write fails.
    filler = fill_disk(small_disk, leave=0)
    full = place.run(["prwire"])
    assert full.returncode == 1, full.stderr[-2000:]
    assert f"disk full while writing the warehouse at {place.db}" in full.errors(), \
        full.errors()
    assert digest(copy) == copy_digest and snapshot(copy) == before
    filler.unlink()
    assert snapshot(place.db) == before  # the warehouse opens, with its committed rows

    # Room to open and checkpoint the warehouse, not for a second copy of it: the publish
    # (the real one, in this process) fails on the temporary copy and removes it.
    filler = fill_disk(small_disk, leave=place.db.stat().st_size // 2)
    with pytest.raises(WarehouseDiskFull) as failed:
        publish(place.db)
    assert failed.value.path.parent == small_disk
    assert failed.value.path.name.startswith(f".{copy.name}.")
    assert str(failed.value.path) in str(failed.value)
    assert digest(copy) == copy_digest and snapshot(copy) == before
    assert temp_copies(copy) == []  # never a partial copy left behind
    filler.unlink()

    assert place.run(["prwire"]).returncode == 0
    assert_matches_truth(place.db, truth, ["prwire"])
    assert rows(copy, "SELECT count(*) FROM releases") == rows(
        place.db, "SELECT count(*) FROM releases")
