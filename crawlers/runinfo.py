"""Where a crawl run's raw files live, and the run id format (shared by crawler and assets)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path

MANIFEST_NAME = "manifest.jsonl"
STATS_NAME = "stats.json"


def new_run_id() -> str:
    """A sortable, unique crawl-run id such as ``20260701T120000Z-3f9a``."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


def run_dir_for(data_dir: Path, source_id: str, run_id: str) -> Path:
    """The folder of one crawl run: ``<data>/raw/<source>/<run>/``."""
    return Path(data_dir) / "raw" / source_id / run_id
