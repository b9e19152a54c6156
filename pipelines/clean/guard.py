"""A wall-clock limit for one page's extraction, so a pathological page cannot stall a run."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["PageTimeout", "time_limit"]


class PageTimeout(Exception):
    """Raised inside the guarded block when its time is up."""


def _raise(signum: int, frame: FrameType | None) -> None:
    raise PageTimeout


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`PageTimeout` in the block after ``seconds`` (SIGALRM timer).

    Signals only reach the main thread; elsewhere (or with ``seconds <= 0``) the block
    runs unguarded and the input size cap is the only bound.
    """
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
