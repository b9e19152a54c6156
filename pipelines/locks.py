"""File locks that keep two runs of one source from crawling (or claiming the inbox) at once.

Dagster's run queue already runs one partition of a source at a time (the
``dagster/partition/source`` tag limit in dagster.yaml), but only for runs the daemon
launches: scripts (``wiredesk demo``, ``wiredesk run``, ``runner.launch``) and
a second ``dagster dev`` bypass it. So the crawl takes an exclusive ``fcntl.flock`` on
``<data>/locks/<source>.lock`` as well. A second run is refused at once, naming the holder:
a crawl can take an hour, and waiting for it only to fetch the same pages again is worse
than failing now and leaving the next scheduled run (or Dagster's run retry) to pick up.

The kernel drops the lock when its holder dies, even by SIGKILL, so a killed run never
leaves a stale lock; the file itself stays, holding the last holder's details.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipelines.ids import file_name
from plumbing.filelock import try_lock


class SourceBusy(RuntimeError):
    """Another process holds the lock of this source."""

    def __init__(self, path: Path, holder: dict[str, Any]) -> None:
        who = ", ".join(f"{k} {holder[k]}" for k in ("pid", "run_id", "partition", "started_at")
                        if holder.get(k)) or "holder unknown"
        super().__init__(f"refused: another run holds {path} ({who}); one run per source "
                         "at a time, try again when it has finished")
        self.path = path
        self.holder = holder


def lock_path(data_dir: Path | str, name: str) -> Path:
    """The lock file of ``name`` (a source id) under ``<data>/locks/``."""
    return Path(data_dir) / "locks" / f"{file_name(name)}.lock"


def read_holder(path: Path) -> dict[str, Any]:
    """What the lock file says about its (last) holder; empty if unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}


@contextmanager
def hold(data_dir: Path | str, name: str, **details: Any) -> Iterator[Path]:
    """Hold the lock of ``name`` for the block, or raise :class:`SourceBusy` at once.

    ``details`` (run id, partition) are written into the file with the pid and start time
    so a refused run can say who holds it.
    """
    path = lock_path(data_dir, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = try_lock(path)
    if fd is None:
        raise SourceBusy(path, read_holder(path))
    try:
        holder = {"pid": os.getpid(), **details,
                  "started_at": datetime.now(UTC).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder).encode(), 0)
        yield path
    finally:
        os.close(fd)  # releases the lock
