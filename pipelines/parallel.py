"""Run a function over many items across cores, keeping their order."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def parallel_map(fn: Callable[[T], R], items: Sequence[T], workers: int | None = None
                 ) -> list[R]:
    """``[fn(x) for x in items]`` in a process pool; ``workers=1`` runs inline.

    ``workers=None`` uses every core. Chunks are sized so each worker gets a few of them,
    which keeps the pool busy without paying a round trip per item.
    """
    items = list(items)
    if not items:
        return []
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    n_workers = max(1, min(n_workers, len(items)))
    if n_workers == 1:
        return [fn(item) for item in items]
    chunksize = max(1, min(64, len(items) // (n_workers * 4)))
    with ProcessPoolExecutor(max_workers=n_workers) as pool:
        return list(pool.map(fn, items, chunksize=chunksize))
