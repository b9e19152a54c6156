"""Item pipeline: append every page record to the run's manifest (JSON lines)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from itemadapter import ItemAdapter
from scrapy import Spider
from scrapy.crawler import Crawler

from crawlers.runinfo import MANIFEST_NAME, run_dir_for


class ManifestPipeline:
    """One manifest line per request outcome, flushed as it is written."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.data_dir = Path(crawler.settings.get("WIREDESK_DATA_DIR")).resolve()
        self.fh: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ManifestPipeline:
        return cls(crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        run_dir = run_dir_for(self.data_dir, spider.name, spider.run_id)  # type: ignore[attr-defined]
        run_dir.mkdir(parents=True, exist_ok=True)
        self.fh = open(run_dir / MANIFEST_NAME, "a", encoding="utf-8")  # noqa: SIM115

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.fh is not None:
            self.fh.close()

    def process_item(self, item, spider: Spider | None = None):  # noqa: ANN001, ANN201
        assert self.fh is not None
        self.fh.write(json.dumps(ItemAdapter(item).asdict(), ensure_ascii=False) + "\n")
        self.fh.flush()
        if self.crawler.stats:
            self.crawler.stats.inc_value(f"wiredesk/records/{item.get('role')}")
        return item
