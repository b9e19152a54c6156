"""Launch one Scrapy crawl as a subprocess and collect what it left in the raw archive.

Scrapy's Twisted reactor cannot restart inside a process, so every crawl gets its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawlers.runinfo import (
    KNOWN_URLS_NAME,
    MANIFEST_NAME,
    STATS_NAME,
    failure_summary,
    new_run_id,
    run_dir_for,
)

# Settings for crawling the simulated network: no need to be gentle with ourselves.
SIMULATED_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "RETRY_TIMES": "2",
    "WIREDESK_RETRY_BACKOFF": "0",
    "CLOSESPIDER_PAGECOUNT": "0",
}


class CrawlFailed(RuntimeError):
    """No discovery endpoint of the source answered: nothing was learnt, nothing to load."""

    def __init__(self, run: CrawlRun, reason: str) -> None:
        super().__init__(f"crawl of {run.source_id} failed: {reason}")
        self.run = run
        self.reason = reason


@dataclass
class CrawlRun:
    """What one crawl subprocess did and where its raw files are."""

    source_id: str
    run_id: str
    run_dir: str
    started_at: str
    finished_at: str
    exit_code: int
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def manifest(self) -> Path:
        return Path(self.run_dir) / MANIFEST_NAME

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_crawl(
    source_id: str,
    data_dir: Path,
    proxy: str | None = None,
    settings: dict[str, str] | None = None,
    run_id: str | None = None,
    max_releases: int | None = None,
    timeout: float | None = None,
    known_urls: Collection[str] = (),
    since: str | None = None,
    until: str | None = None,
) -> CrawlRun:
    """Run ``scrapy crawl <source_id>`` to completion and return its run record.

    ``known_urls`` are release URLs already loaded: they are not fetched again (they
    are written to ``known_urls.txt`` in the run folder, for the spider and the
    record). ``since``/``until`` (``YYYY-MM-DD``) make the run a backfill of that
    range. Raises :class:`CrawlFailed` (the run's files stay, for the record) when no
    discovery endpoint answered, e.g. without network.
    """
    run_id = run_id or new_run_id()
    data_dir = Path(data_dir).resolve()
    run_dir = run_dir_for(data_dir, source_id, run_id)
    run_dir.mkdir(parents=True, exist_ok=True)
    overrides = {"WIREDESK_DATA_DIR": str(data_dir), "LOG_FILE": str(run_dir / "crawl.log")}
    if proxy:
        overrides["WIREDESK_PROXY"] = proxy
    overrides.update(settings or {})
    cmd = [sys.executable, "-m", "scrapy", "crawl", source_id, "-a", f"run_id={run_id}"]
    known_file = None
    if known_urls:
        known_file = run_dir / KNOWN_URLS_NAME
        known_file.write_text("".join(f"{u}\n" for u in sorted(known_urls)), encoding="utf-8")
    spider_args = {"max_releases": max_releases, "known_urls": known_file,
                   "since": since, "until": until}
    for key, value in spider_args.items():
        if value:
            cmd += ["-a", f"{key}={value}"]
    for key, value in overrides.items():
        cmd += ["-s", f"{key}={value}"]
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE="crawlers.settings")
    started = datetime.now(UTC)
    proc = subprocess.run(cmd, env=env, timeout=timeout, capture_output=True, text=True)
    finished = datetime.now(UTC)
    stats_path = run_dir / STATS_NAME
    stats = json.loads(stats_path.read_text()) if stats_path.exists() else {}
    if proc.returncode != 0 and not stats:
        tail = (proc.stderr or "")[-2000:]
        raise RuntimeError(f"crawl of {source_id} failed (exit {proc.returncode}): {tail}")
    if not (run_dir / MANIFEST_NAME).exists():
        (run_dir / MANIFEST_NAME).touch()
    run = CrawlRun(source_id, run_id, str(run_dir), started.isoformat(), finished.isoformat(),
                   proc.returncode, stats)
    if not stats.get("wiredesk/discovery_ok"):
        raise CrawlFailed(run, failure_summary(stats))
    return run
