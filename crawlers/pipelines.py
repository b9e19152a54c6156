"""Item pipeline: append every page record to the run's manifest (JSON lines)."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawlers.archive import write_all
from crawlers.extensions import stop_on_write_error
from crawlers.records import ManifestRecord
from crawlers.resume import cut_torn_line
from crawlers.runinfo import MANIFEST_NAME, run_dir_for
from plumbing.faults import crash_point


class ManifestPipeline:
    """One manifest line per request outcome, written whole before the next.

    Each line goes to the file in plain unbuffered writes; a write that fails (disk full)
    is cut back off, the crawl is stopped with the path as its reason, and no later line
    is written. A resumed run's manifest keeps its records: they are counted in the
    stats (``wiredesk/records/<role>``) like this run's own.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.data_dir = Path(crawler.settings.get("WIREDESK_DATA_DIR")).resolve()
        self.fh = None
        self.path: Path | None = None
        self.size = 0
        self.failed: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ManifestPipeline:
        return cls(crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        run_dir = run_dir_for(self.data_dir, spider.name, spider.run_id)  # type: ignore[attr-defined]
        run_dir.mkdir(parents=True, exist_ok=True)
        self.path = run_dir / MANIFEST_NAME
        cut_torn_line(self.path)  # never append after half a line
        self.fh = open(self.path, "ab", buffering=0)  # noqa: SIM115
        self.size = os.fstat(self.fh.fileno()).st_size
        carried = Counter(r.role for r in getattr(spider, "carried", []))
        for role, count in carried.items():
            self.crawler.stats.inc_value(f"wiredesk/records/{role}", count)

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None

    def process_item(self, item: ManifestRecord, spider: Spider | None = None
                     ) -> ManifestRecord:
        assert self.fh is not None
        if self.failed:
            raise DropItem(f"not recorded: {self.failed}")
        line = item.to_line().encode()
        try:
            write_all(self.fh, line[:len(line) // 2])
            crash_point("manifest.mid_line")
            write_all(self.fh, line[len(line) // 2:])
        except OSError as exc:
            self._fail(exc)
        self.size += len(line)
        crash_point(f"manifest.after_{item.role}")
        self.crawler.stats.inc_value(f"wiredesk/records/{item.role}")
        return item

    def _fail(self, exc: OSError) -> None:
        assert self.fh is not None
        try:
            os.ftruncate(self.fh.fileno(), self.size)
        except OSError:
            pass
        exc.filename = exc.filename or str(self.path)
        self.failed = stop_on_write_error(self.crawler, exc)
        raise DropItem(f"not recorded: {self.failed}") from exc
