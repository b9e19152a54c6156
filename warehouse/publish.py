"""The published read copy: analysts and the UI read it while the pipeline writes.

After each load the writer's file is copied beside itself and swapped in with an atomic
rename, so a reader opens either the old copy or the new one, never a half-written file.
Before the copy, the full-text index is rebuilt if the releases changed; the marts were
re-applied when the writable connection was opened, so the copy always carries current
views and search.

The copy is taken while the writable connection is still open: DuckDB lets no other
process open the file meanwhile, so no load can change it half-way through the copy. A
publish killed before its rename leaves only a ``.<name>.read.duckdb.<pid>.tmp`` file,
which the next publish removes; one that runs out of space removes its temporary file and
raises :class:`warehouse.db.WarehouseDiskFull`, leaving the previous copy in place.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from plumbing.faults import crash_point
from warehouse.db import connect, disk_full_as
from warehouse.search import rebuild_search


def read_copy_path(db_path: Path | str) -> Path:
    """Where the read copy of a warehouse file lives: ``<name>.read.duckdb`` beside it."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.stem + ".read.duckdb")


def temp_copies(target: Path) -> list[Path]:
    """Temporary files of unfinished publishes of ``target`` (``.<name>.<pid>.tmp``)."""
    return sorted(target.parent.glob(f".{target.name}.*.tmp"))


def publish(db_path: Path | str, con: duckdb.DuckDBPyConnection | None = None) -> Path:
    """Refresh the search index, checkpoint the warehouse and atomically replace its read
    copy; returns the copy's path.

    ``con``, the caller's writable connection to ``db_path`` (migrated and with its marts
    applied when it was opened), is used and left open; without it, one is opened.
    """
    db_path = Path(db_path)
    target = read_copy_path(db_path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    own = con is None
    con = connect(db_path) if con is None else con
    try:
        with disk_full_as(db_path):
            rebuild_search(con)
            con.execute("CHECKPOINT")
        # Only the holder of the writable connection publishes: older temp files are stale.
        for stale in temp_copies(target):
            stale.unlink(missing_ok=True)
        with disk_full_as(tmp):
            try:
                copy_synced(db_path, tmp)
                crash_point("publish.mid_copy")
                os.replace(tmp, target)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        sync_dir(target.parent)
    finally:
        if own:
            con.close()
    return target


def copy_synced(src: Path, dst: Path) -> None:
    """Copy ``src`` to ``dst`` and flush ``dst`` to disk before returning."""
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        shutil.copyfileobj(fin, fout, 1 << 20)
        fout.flush()
        os.fsync(fout.fileno())


def sync_dir(folder: Path) -> None:
    """Flush a folder's entries (a rename into it) to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
