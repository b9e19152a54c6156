"""A wall-clock limit for one page's extraction or one release's parse, so a pathological
input cannot stall a run."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["PageTimeout", "time_limit"]


class PageTimeout(BaseException):
    """Raised inside the guarded block when its time is up.

    A ``BaseException`` (like ``KeyboardInterrupt``): the ``except Exception`` that a
    library or a never-raise stage function wraps its work in must not swallow it.
    """


def _raise(signum: int, frame: FrameType | None) -> None:
    raise PageTimeout


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`PageTimeout` in the block after ``seconds`` (SIGALRM timer).

    Signals only reach the main thread; elsewhere (or with ``seconds <= 0``) the block
    runs unguarded and the input size cap is the only bound. Limits nest: an outer
    limit's timer is re-armed with what is left of it when the inner block ends.
    """
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    if 0 < outer < seconds:  # the outer limit comes first: keep it
        signal.setitimer(signal.ITIMER_REAL, outer)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer > 0:  # give the outer limit back what is left of it (at least a tick)
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started),
                                                     0.001))
