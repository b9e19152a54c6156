"""Extension: write the crawl's stats to ``stats.json`` in the run folder when it ends."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from crawlers.runinfo import STATS_NAME, run_dir_for


class RunStatsExtension:
    """Dump Scrapy's stats (JSON-safe) for the Dagster asset that launched the crawl."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunStatsExtension:
        return cls(crawler)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        data_dir = Path(self.crawler.settings.get("WIREDESK_DATA_DIR")).resolve()
        run_dir = run_dir_for(data_dir, spider.name, spider.run_id)  # type: ignore[attr-defined]
        run_dir.mkdir(parents=True, exist_ok=True)
        stats = {
            k: (v.isoformat() if isinstance(v, datetime) else v)
            for k, v in (self.crawler.stats.get_stats() or {}).items()
        }
        stats["finish_reason"] = reason
        stats["warc_files"] = list(getattr(spider, "warc_writer", None).files
                                   if getattr(spider, "warc_writer", None) else [])
        (run_dir / STATS_NAME).write_text(json.dumps(stats, indent=2, default=str))
