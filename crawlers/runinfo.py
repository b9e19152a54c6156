"""Where a crawl run's raw files live, and the run id format (shared by crawler and assets)."""

from __future__ import annotations

import json
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawlers.records import ManifestRecord

MANIFEST_NAME = "manifest.jsonl"
STATS_NAME = "stats.json"           # written when the crawl closes: no stats, not finished
RUN_NAME = "run.json"               # the run's parameters and attempts (for resuming)
KNOWN_URLS_NAME = "known_urls.txt"  # release URLs the run must not fetch again
# Prefix of the stats line a crawl prints when it cannot write stats.json (disk full).
STATS_MARKER = "wiredesk-stats: "


def new_run_id() -> str:
    """A sortable, unique crawl-run id such as ``20260701T120000Z-3f9a``."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


def run_dir_for(data_dir: Path, source_id: str, run_id: str) -> Path:
    """The folder of one crawl run: ``<data>/raw/<source>/<run>/``."""
    return Path(data_dir) / "raw" / source_id / run_id


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: a crash leaves the old file or the new
    one, never half of one (and a failed write leaves no temporary file behind)."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_manifest(path: Path | str) -> list[ManifestRecord]:
    """A manifest's records; a torn line (a crash mid-write) is skipped."""
    records = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(rec, dict):
                records.append(ManifestRecord.from_row(rec))
    return records


def archived_release_urls(records: list[ManifestRecord]) -> set[str]:
    """Release URLs (as discovered, and after redirects) that a run archived successfully:
    a WARC location and no reason. A resumed run does not fetch them again."""
    urls: set[str] = set()
    for rec in records:
        if rec.archived:
            urls.update(u for u in (rec.url, rec.final_url) if u)
    return urls


# -- per-source crawl state (remembered between runs) -----------------------------------

STATE_DIR = "state"


def state_path(data_dir: Path, source_id: str) -> Path:
    """The small state file of one source: ``<data>/state/crawl/<source>.json``."""
    return Path(data_dir) / STATE_DIR / "crawl" / f"{source_id}.json"


def load_state(data_dir: Path, source_id: str) -> dict[str, Any]:
    """What earlier runs remembered: feed validators (ETag, Last-Modified), zero-yield runs."""
    path = state_path(data_dir, source_id)
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    state.setdefault("validators", {})
    state.setdefault("zero_yield_runs", 0)
    return state


def save_state(data_dir: Path, source_id: str, state: dict[str, Any]) -> None:
    """Write the state file atomically (a crash never leaves half a file)."""
    path = state_path(data_dir, source_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(state, indent=1, sort_keys=True))


def latest_run_dir(data_dir: Path, source_id: str) -> Path | None:
    """The most recent run folder of a source (run ids sort by time), if any."""
    runs = sorted(p for p in (Path(data_dir) / "raw" / source_id).glob("*") if p.is_dir())
    return runs[-1] if runs else None


def failure_summary(stats: dict[str, Any]) -> str:
    """One line saying why a crawl stopped or what went wrong, from its stats."""
    errors = {k.split("/", 2)[2]: v for k, v in stats.items()
              if k.startswith("wiredesk/skipped/")}
    detail = ", ".join(f"{k}={v}" for k, v in sorted(errors.items(), key=lambda kv: -kv[1]))
    if stats.get("wiredesk/stop_reason"):
        head = str(stats["wiredesk/stop_reason"])
    elif not stats.get("wiredesk/discovery_ok"):
        head = "no discovery endpoint answered"
    else:
        head = f"finished ({stats.get('finish_reason', '?')})"
    return head + (f" ({detail})" if detail else "")
