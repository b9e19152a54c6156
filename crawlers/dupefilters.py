"""Duplicate filter for resumed crawl runs."""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.dupefilters import RFPDupeFilter


class ResumeDupeFilter(RFPDupeFilter):
    """Scrapy's filter, starting out as if the interrupted run's archived release URLs
    (``spider.archived``) had been requested already: a redirect to one of them is not
    followed again, exactly as within one uninterrupted run."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ResumeDupeFilter:
        dupefilter = super().from_crawler(crawler)
        for url in sorted(getattr(crawler.spider, "archived", ())):
            dupefilter.request_seen(Request(url))
        return dupefilter
