"""Launch one Scrapy crawl as a subprocess and collect what it left in the raw archive.

Scrapy's Twisted reactor cannot restart inside a process, so every crawl gets its own.
A crawl that was killed or ran out of disk is resumed by the next one (see
``crawlers.resume`` for how and within which limits).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawlers.records import CrawlRun
from crawlers.registry import Source
from crawlers.resume import (
    claim_resumable,
    lock_run,
    read_run_info,
    repair_manifest,
    write_run_info,
)
from crawlers.runinfo import (
    KNOWN_URLS_NAME,
    MANIFEST_NAME,
    STATS_MARKER,
    STATS_NAME,
    failure_summary,
    new_run_id,
    run_dir_for,
    write_atomic,
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


def crawl_settings(source: Source, requests_per_domain: int | None = None) -> dict[str, str]:
    """Scrapy settings for one crawl of ``source``: :data:`SIMULATED_SETTINGS` for the
    simulated network, and a per-domain request cap if given."""
    settings = dict(SIMULATED_SETTINGS) if source.network == "simulated" else {}
    if requests_per_domain:
        settings["CONCURRENT_REQUESTS_PER_DOMAIN"] = str(requests_per_domain)
    return settings


# A resumed run does not follow redirects to releases the interrupted run archived.
RESUME_DUPEFILTER = "crawlers.dupefilters.ResumeDupeFilter"


class CrawlFailed(RuntimeError):
    """No discovery endpoint of the source answered: nothing was learnt, nothing to load."""

    def __init__(self, run: CrawlRun, reason: str) -> None:
        super().__init__(f"crawl of {run.source_id} failed: {reason}")
        self.run = run
        self.reason = reason


class ArchiveWriteFailed(CrawlFailed):
    """The crawl stopped because its archive could not be written (``disk full: <path>``);
    ``path`` names the file. The run is left resumable: the next crawl with space carries
    on from it."""

    def __init__(self, run: CrawlRun, reason: str, path: str) -> None:
        super().__init__(run, reason)
        self.path = path


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
    resume: bool = True,
    resume_key: str | None = None,
) -> CrawlRun:
    """Run ``scrapy crawl <source_id>`` to completion and return its run record.

    ``known_urls`` are release URLs already loaded: they are not fetched again (they
    are written to ``known_urls.txt`` in the run folder, for the spider and the
    record). ``since``/``until`` (``YYYY-MM-DD``) make the run a backfill of that
    range. Unless ``resume`` is false, an interrupted run of the source (``run_id``'s,
    else the latest) with the same range and ``resume_key`` is resumed rather than a new
    one started (``crawlers.resume``). Raises :class:`CrawlFailed` (the run's files stay,
    for the record) when no discovery endpoint answered, e.g. without network;
    :class:`ArchiveWriteFailed` naming the path when the archive could not be written
    (disk full); ``RuntimeError`` when the crawl process died (the next run resumes it).
    """
    data_dir = Path(data_dir).resolve()
    params = {"since": since, "until": until, "resume_key": resume_key}
    claim = claim_resumable(data_dir, source_id, params, run_id) if resume else None
    started = datetime.now(UTC)
    if claim is not None:
        run_dir, lock = claim
        run_id = run_dir.name
        info = read_run_info(run_dir) or {}
    else:
        run_id = run_id or new_run_id()
        run_dir = run_dir_for(data_dir, source_id, run_id)
        run_dir.mkdir(parents=True, exist_ok=True)
        lock = lock_run(run_dir)
        if lock is None:
            raise RuntimeError(f"crawl run {run_dir} is already running")
        info = {"source_id": source_id, "run_id": run_id, **params,
                "started_at": started.isoformat()}
    try:
        if claim is not None:
            repair_manifest(run_dir, data_dir)
            (run_dir / STATS_NAME).unlink(missing_ok=True)
            settings = {"DUPEFILTER_CLASS": RESUME_DUPEFILTER, **(settings or {})}
        info["attempts"] = [*info.get("attempts", []), started.isoformat()]
        write_run_info(run_dir, info)
        proc = _launch(source_id, data_dir, run_dir, run_id, proxy, settings, lock, timeout,
                       known_urls, {"max_releases": max_releases, "since": since,
                                    "until": until, "resume": 1 if claim else None})
    finally:
        os.close(lock)
    finished = datetime.now(UTC)
    stats = _read_stats(run_dir, proc.stdout)
    if proc.returncode != 0 and not stats:
        tail = (proc.stderr or "")[-2000:]
        raise RuntimeError(f"crawl of {source_id} failed (exit {proc.returncode}; run "
                           f"{run_dir} is left to resume): {tail}")
    if not (run_dir / MANIFEST_NAME).exists():
        (run_dir / MANIFEST_NAME).touch()
    run = CrawlRun(source_id, run_id, str(run_dir), started.isoformat(), finished.isoformat(),
                   proc.returncode, stats, resumed=claim is not None)
    if stats.get("wiredesk/write_failed"):
        raise ArchiveWriteFailed(run, failure_summary(stats), stats["wiredesk/write_failed"])
    if not stats.get("wiredesk/discovery_ok"):
        raise CrawlFailed(run, failure_summary(stats))
    return run


def _launch(source_id: str, data_dir: Path, run_dir: Path, run_id: str, proxy: str | None,
            settings: dict[str, str] | None, lock: int, timeout: float | None,
            known_urls: Collection[str], spider_args: dict[str, Any]
            ) -> subprocess.CompletedProcess[str]:
    """Run the crawl process, holding the run's lock (inherited by the process)."""
    overrides = {"WIREDESK_DATA_DIR": str(data_dir), "LOG_FILE": str(run_dir / "crawl.log")}
    if proxy:
        overrides["WIREDESK_PROXY"] = proxy
    overrides.update(settings or {})
    cmd = [sys.executable, "-m", "scrapy", "crawl", source_id, "-a", f"run_id={run_id}"]
    known_file = run_dir / KNOWN_URLS_NAME
    if known_urls:
        write_atomic(known_file, "".join(f"{u}\n" for u in sorted(known_urls)))
        spider_args["known_urls"] = known_file
    else:
        known_file.unlink(missing_ok=True)  # an earlier attempt's list is not this one's
    for key, value in spider_args.items():
        if value:
            cmd += ["-a", f"{key}={value}"]
    for key, value in overrides.items():
        cmd += ["-s", f"{key}={value}"]
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE="crawlers.settings")
    return subprocess.run(cmd, env=env, timeout=timeout, capture_output=True, text=True,
                          pass_fds=(lock,))


def _read_stats(run_dir: Path, stdout: str | None) -> dict[str, Any]:
    """The crawl's stats: ``stats.json``, or the copy the crawl printed when it could not
    write the file (disk full)."""
    try:
        return json.loads((run_dir / STATS_NAME).read_text())
    except (OSError, ValueError):
        pass
    for line in reversed((stdout or "").splitlines()):
        if line.startswith(STATS_MARKER):
            try:
                return json.loads(line[len(STATS_MARKER):])
            except ValueError:
                break
    return {}
