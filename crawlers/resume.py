"""Resuming a crawl run that was interrupted (killed, or stopped by a full disk).

A run folder is *finished* once the crawl's stats extension has written ``stats.json``.
A folder without it (the process died) or whose stats say ``wiredesk/resumable`` (the
archive could not be written, e.g. disk full) is *interrupted*, and the next crawl of the
same source resumes it instead of starting afresh:

- same run folder and run id; ``run.json`` records every attempt, the stats of the last
  one say ``wiredesk/resumed`` and how many records were carried over;
- the manifest is repaired first: a torn last line and any record whose WARC record is
  not complete are dropped (so no line points at a half-written record), in one atomic
  replace;
- the WARC writer starts a new file after the existing ones (never appends to a file an
  earlier process may have left torn);
- release URLs already archived successfully (a WARC location and no reason) are not
  fetched again: their records stay in the manifest, so the partition still gets them.
  Failed and errored ones are retried; discovery documents (feeds, sitemaps, listings)
  are fetched again, unconditionally (no conditional-GET validators), since they change;
  a run stopped by a full disk leaves the source's crawl state file as it was.

Limits. Only the source's latest run folder is considered (or the one named by an
explicit run id); it is resumed only if it is younger than ``RESUME_MAX_AGE`` (24 hours;
``WIREDESK_RESUME_MAX_AGE_HOURS`` overrides it; older ones are left as they are and a
new run starts), was started with the same backfill range (``since``/``until``: a
backfill resumes only a backfill of the same range, an incremental run only an
incremental one) and the same resume key (the caller's partition key, if it gives one),
and is not running: each run holds an exclusive ``flock`` on ``<run>/.lock`` for as
long as its crawl process lives.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from crawlers.archive import verify_warc
from crawlers.records import ManifestRecord
from crawlers.runinfo import (
    MANIFEST_NAME,
    RUN_NAME,
    STATS_NAME,
    latest_run_dir,
    read_manifest,
    run_dir_for,
    write_atomic,
)
from plumbing.filelock import try_lock

RESUME_MAX_AGE = timedelta(hours=float(os.environ.get("WIREDESK_RESUME_MAX_AGE_HOURS", "24")))
LOCK_NAME = ".lock"


def lock_run(run_dir: Path) -> int | None:
    """Take the run's exclusive lock (see :func:`try_lock`). Hand the descriptor to the
    crawl subprocess (``pass_fds``) so the lock lives as long as the crawl does, even if
    the launcher dies first."""
    return try_lock(run_dir / LOCK_NAME)


def read_run_info(run_dir: Path) -> dict[str, Any] | None:
    """The run's ``run.json`` (parameters and attempts), or None if missing or unreadable."""
    try:
        info = json.loads((run_dir / RUN_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def write_run_info(run_dir: Path, info: dict[str, Any]) -> None:
    write_atomic(run_dir / RUN_NAME, json.dumps(info, indent=1, sort_keys=True))


def interrupted(run_dir: Path) -> bool:
    """True if the run never finished: no ``stats.json``, or stats marked resumable."""
    try:
        stats = json.loads((run_dir / STATS_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, or unreadable: never finished
        return True
    return bool(stats.get("wiredesk/resumable"))


def resumable(run_dir: Path, params: dict[str, Any], now: datetime | None = None,
              max_age: timedelta = RESUME_MAX_AGE) -> bool:
    """Whether ``run_dir`` is an interrupted run started with the same ``params`` (the
    backfill range and resume key) no longer ago than ``max_age``."""
    info = read_run_info(run_dir)
    if info is None or not interrupted(run_dir):
        return False
    if any(info.get(k) != v for k, v in params.items()):
        return False
    try:
        started = datetime.fromisoformat(info["started_at"])
    except (KeyError, TypeError, ValueError):
        return False
    return (now or datetime.now(UTC)) - started <= max_age


def claim_resumable(data_dir: Path, source_id: str, params: dict[str, Any],
                    run_id: str | None = None, max_age: timedelta = RESUME_MAX_AGE
                    ) -> tuple[Path, int] | None:
    """The interrupted run to resume (``run_id``'s, else the source's latest) with its
    lock held, or None if there is none that may be resumed."""
    run_dir = run_dir_for(data_dir, source_id, run_id) if run_id \
        else latest_run_dir(data_dir, source_id)
    if run_dir is None or not run_dir.is_dir() or not resumable(run_dir, params,
                                                                 max_age=max_age):
        return None
    fd = lock_run(run_dir)
    if fd is None:
        return None  # still running
    if not resumable(run_dir, params, max_age=max_age):  # finished while we looked
        os.close(fd)
        return None
    return run_dir, fd


def complete_records(data_dir: Path, files: set[str]) -> set[tuple[str, int]]:
    """``(file, offset)`` of every complete record in the given WARC files."""
    done = set()
    for rel in files:
        path = data_dir / rel
        if path.is_file():
            done.update((rel, r.offset) for r in verify_warc(path).records)
    return done


def repair_manifest(run_dir: Path, data_dir: Path) -> list[ManifestRecord]:
    """Rewrite an interrupted run's manifest with only its sound records: whole lines whose
    WARC location (if any) is a complete record. Returns them."""
    path = run_dir / MANIFEST_NAME
    if not path.exists():
        return []
    records = read_manifest(path)
    files = {r.warc_file for r in records if r.warc_file}
    whole = complete_records(data_dir, files)
    kept = [r for r in records if not r.warc_file or (r.warc_file, r.warc_offset) in whole]
    write_atomic(path, "".join(r.to_line() for r in kept))
    return kept


def cut_torn_line(path: Path) -> None:
    """If a file of lines ends in a torn line (no final newline), cut it off."""
    try:
        with open(path, "rb+") as fh:
            size = fh.seek(0, os.SEEK_END)
            if size == 0:
                return
            fh.seek(size - 1)
            if fh.read(1) == b"\n":
                return
            fh.seek(0)
            data = fh.read()
            fh.truncate(data.rfind(b"\n") + 1)
    except FileNotFoundError:
        return
