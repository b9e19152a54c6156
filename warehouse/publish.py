"""The published read copy: analysts and the UI read it while the pipeline writes.

After each load the writer's file is copied beside itself and swapped in with an atomic
rename, so a reader opens either the old copy or the new one, never a half-written file.
Before the copy, the marts are re-applied and the full-text index is rebuilt if the
releases changed, so the copy always carries current views and search.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from warehouse.db import connect
from warehouse.search import rebuild_search


def read_copy_path(db_path: Path | str) -> Path:
    """Where the read copy of a warehouse file lives: ``<name>.read.duckdb`` beside it."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.stem + ".read.duckdb")


def publish(db_path: Path | str) -> Path:
    """Refresh the search index, checkpoint the warehouse and atomically replace its read
    copy; returns the copy's path."""
    db_path = Path(db_path)
    con = connect(db_path)
    try:
        rebuild_search(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    target = read_copy_path(db_path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(db_path, tmp)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target
