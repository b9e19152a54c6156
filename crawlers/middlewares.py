"""Downloader middlewares: the simulator proxy and the WARC archive."""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawlers.archive import WarcArchiveWriter
from crawlers.runinfo import run_dir_for


class SimulatorProxyMiddleware:
    """Route every request through ``WIREDESK_PROXY`` (the simulated wire network).

    Inactive unless the setting is given, so live crawls go straight to the sites.
    """

    def __init__(self, proxy: str | None) -> None:
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SimulatorProxyMiddleware:
        return cls(crawler.settings.get("WIREDESK_PROXY"))

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if self.proxy and "proxy" not in request.meta:
            request.meta["proxy"] = self.proxy


class WarcArchiveMiddleware:
    """Write every response, exactly as received, to the run's WARC files.

    Sits closest to the downloader, so it sees redirects, retried errors, robots.txt
    and compressed bodies before any other middleware changes them. The location of
    the record is left in ``request.meta["wd_warc"]`` for the spider's items.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.writer: WarcArchiveWriter | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcArchiveMiddleware:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        settings = self.crawler.settings
        data_dir = Path(settings.get("WIREDESK_DATA_DIR")).resolve()
        run_id = spider.run_id  # type: ignore[attr-defined]
        self.writer = WarcArchiveWriter(
            run_dir_for(data_dir, spider.name, run_id),
            data_dir,
            prefix=f"{spider.name}-{run_id}",
            max_bytes=settings.getint("WIREDESK_WARC_MAX_BYTES"),
        )
        spider.warc_writer = self.writer  # type: ignore[attr-defined]

    def spider_closed(self, spider: Spider) -> None:
        if self.writer is not None:
            self.writer.close()

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if self.writer is None:
            return response
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, values in response.headers.items()
            for v in values
        ]
        try:
            phrase = HTTPStatus(response.status).phrase
        except ValueError:
            phrase = ""
        loc = self.writer.write_response(
            response.url,
            response.status,
            phrase,
            headers,
            response.body,
            protocol=response.protocol or "HTTP/1.1",
            extra={"Source": getattr(spider or self.crawler.spider, "name", ""),
                   "Run": getattr(spider or self.crawler.spider, "run_id", "")},
        )
        request.meta["wd_warc"] = loc
        self.crawler.stats.inc_value("wiredesk/warc_records")
        self.crawler.stats.inc_value("wiredesk/warc_bytes", loc.length)
        return response
