"""Exclusive, non-blocking file locks that die with their holder."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


def try_lock(path: Path) -> int | None:
    """Take an exclusive ``flock`` on ``path`` (created if missing) without waiting: its
    file descriptor, or None if another process holds it. The kernel drops the lock when
    the descriptor is closed or its holder dies, even by SIGKILL."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd
