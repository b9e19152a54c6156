"""The simulator's registry folder: its four ``network: simulated`` sources.

They are not in the production registry (``crawlers/sources/``): the demo, ``make ui``,
the tests and the benchmarks name this folder in ``WIREDESK_EXTRA_SOURCES``, the way the
hostile corpus adds ``hostile_registry/``.
"""

from __future__ import annotations

import os
from pathlib import Path

SOURCES_DIR = Path(__file__).with_name("sources")


def use_simulated_sources() -> str:
    """Add :data:`SOURCES_DIR` to ``WIREDESK_EXTRA_SOURCES`` in this process's environment
    (before any folder already named there; crawl subprocesses inherit it) and re-read the
    registry. Returns the variable's new value."""
    from crawlers.registry import EXTRA_DIRS_ENV, registry

    folders = [f for f in os.environ.get(EXTRA_DIRS_ENV, "").split(os.pathsep) if f]
    if str(SOURCES_DIR) not in folders:
        os.environ[EXTRA_DIRS_ENV] = os.pathsep.join([str(SOURCES_DIR), *folders])
        registry.cache_clear()
    return os.environ[EXTRA_DIRS_ENV]
