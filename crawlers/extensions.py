"""Extension: write the crawl's stats to ``stats.json`` in the run folder when it ends;
and the one way a component stops the crawl when the archive cannot be written."""

from __future__ import annotations

import errno
import json
import logging
import sys
from datetime import datetime
from pathlib import Path

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro

from crawlers.runinfo import STATS_MARKER, STATS_NAME, run_dir_for, write_atomic
from plumbing.faults import crash_point

logger = logging.getLogger(__name__)
DISK_FULL = {errno.ENOSPC, errno.EDQUOT}


def write_error_stats(exc: OSError) -> dict[str, object]:
    """The stats saying a raw file could not be written: its path, the stop reason
    (``disk full: <path>`` or ``cannot write <path>: <error>``), and that the run may be
    resumed."""
    path = str(exc.filename or "?")
    why = f"disk full: {path}" if exc.errno in DISK_FULL \
        else f"cannot write {path}: {exc.strerror or exc}"
    return {"wiredesk/write_failed": path, "wiredesk/stop_reason": why,
            "wiredesk/resumable": True}


def stop_on_write_error(crawler: Crawler, exc: OSError) -> str:
    """Stop the crawl because a raw file (WARC or manifest) could not be written: record
    :func:`write_error_stats` (the first failure only) and close the spider; returns the
    stop reason."""
    failure = write_error_stats(exc)
    why = str(failure["wiredesk/stop_reason"])
    if not crawler.stats.get_value("wiredesk/write_failed"):
        for key, value in failure.items():
            crawler.stats.set_value(key, value)
        logger.error("stopping the crawl: %s", why)
        try:
            engine = crawler.engine
        except RuntimeError:  # not crawling (yet)
            return why
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(
                reason="disk_full" if exc.errno in DISK_FULL else "write_failed"))
    return why


class RunStatsExtension:
    """Dump Scrapy's stats (JSON-safe) for the Dagster asset that launched the crawl.

    The file is replaced atomically; if it cannot be written at all (disk full), the stats
    go to stdout as one ``wiredesk-stats: {...}`` line, which ``run_crawl`` reads.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunStatsExtension:
        return cls(crawler)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        data_dir = Path(self.crawler.settings.get("WIREDESK_DATA_DIR")).resolve()
        run_dir = run_dir_for(data_dir, spider.name, spider.run_id)  # type: ignore[attr-defined]
        stats = {
            k: (v.isoformat() if isinstance(v, datetime) else v)
            for k, v in (self.crawler.stats.get_stats() or {}).items()
        }
        stats["finish_reason"] = reason
        writer = getattr(spider, "warc_writer", None)
        stats["warc_files"] = list(writer.files if writer else [])
        text = json.dumps(stats, indent=2, default=str)
        crash_point("stats.before_write")
        try:
            run_dir.mkdir(parents=True, exist_ok=True)
            write_atomic(run_dir / STATS_NAME, text)
        except OSError as exc:
            # Unfinished on disk, so the next run resumes it: say so to the launcher too.
            logger.error("cannot write %s: %s", run_dir / STATS_NAME, exc)
            if "wiredesk/write_failed" not in stats:
                stats.update(write_error_stats(exc))
            sys.stdout.write(STATS_MARKER + json.dumps(stats, default=str) + "\n")
            sys.stdout.flush()
