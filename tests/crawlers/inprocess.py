"""An in-process ReleaseSpider for component tests: a real Scrapy crawler with the
project's settings and no engine, fed ``HtmlResponse``/``XmlResponse`` objects directly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.http import HtmlResponse, Request, Response, XmlResponse
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from crawlers import settings as project_settings
from crawlers.registry import Discovery, Source
from crawlers.spiders import spider_class_for
from crawlers.spiders.base import ReleaseSpider

LISTING = Discovery(kind="listing", url="https://wire.example/news/", item="li",
                    links="a::attr(href)", date="time::text")
SOURCE = Source(id="testwire", name="Test Wire", homepage="https://wire.example/",
                kind="wire", allowed_domains=("wire.example",),
                release_url_pattern=r"^/news/\w", discovery=(LISTING,))


def make_spider(data_dir: Path, source: Source = SOURCE, **kwargs: Any) -> ReleaseSpider:
    """A spider for ``source`` built by a real crawler (stats, settings) over ``data_dir``."""
    settings = Settings()
    settings.setmodule(project_settings)
    values = {k: v for k, v in settings.copy_to_dict().items()
              if "REACTOR" not in k and "ASYNCIO" not in k}  # get_crawler picks the reactor
    values["WIREDESK_DATA_DIR"] = str(data_dir)
    cls = spider_class_for(source)
    crawler = get_crawler(cls, values)
    spider = cls.from_crawler(crawler, **kwargs)
    crawler.spider = spider
    return spider


def response(url: str, body: bytes, kind: type[Response] = HtmlResponse) -> Response:
    """A response to a GET of ``url`` (``XmlResponse`` for feeds and sitemaps)."""
    return kind(url, body=body, request=Request(url))


def xml_response(url: str, body: bytes) -> Response:
    """An ``XmlResponse`` to a GET of ``url``."""
    return response(url, body, XmlResponse)
