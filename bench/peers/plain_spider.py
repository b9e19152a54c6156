"""The peer a user would write instead of wiredesk: one Scrapy spider, trafilatura in its
callback, each release inserted into DuckDB as it arrives.

    python bench/peers/plain_spider.py --db out.duckdb [--proxy http://127.0.0.1:PORT]

It starts from the simulated wires' feeds, sitemaps and listings, follows pagination,
extracts every page whose address looks like a release, and writes ``releases(url,
title, body)``. No archive, no parsing, no dedupe, no retries beyond Scrapy's own. The
proxy (the simulator) is given through ``http_proxy``, which Scrapy reads by itself.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import duckdb
import scrapy
import trafilatura
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.http import Response

# Where each wire lists its releases, what a release address looks like, and what a
# further page of a listing looks like.
SITES: dict[str, tuple[list[str], str, str]] = {
    "www.prwire.test": (
        ["/rss/news-releases-list.rss", "/news-releases/news-releases-list/?page=1&pagesize=25"],
        r"^/news-releases/[^/]+-\d{9}\.html$",
        r"^/news-releases/news-releases-list/\?page=\d+"),
    "www.bizwire.test": (["/robots.txt"], r"^/news/home/\d{14}/en(/.*)?$", r"^$"),
    "www.globewire.test": (
        ["/atom/news.xml", "/en/search/?page=1"],
        r"^/news-release/\d{4}/\d{2}/\d{2}/\d+/0/en/.+\.html$",
        r"^/en/search/\?page=\d+$"),
    "dnanews.test": (
        ["/feed/", "/category/press-release/", "/robots.txt"],
        r"^/(?!category/|tag/|page/|feed/|author/|wp-)[a-z0-9-]+/$",
        r"^/category/press-release/page/\d+/$"),
}
EXTRACT = {"include_comments": False, "include_tables": True}
XML_LINKS = re.compile(r"<(?:loc|link)>\s*([^<\s]+)\s*</(?:loc|link)>|<link[^>]*href=\"([^\"]+)\"")


def _path(url: str) -> tuple[str, str]:
    """``(host, path?query)`` of an absolute http URL."""
    rest = url.split("://", 1)[-1]
    host, _, path = rest.partition("/")
    return host.lower(), "/" + path


def kind_of(url: str) -> str:
    """``release``, ``listing`` or ``other`` for a URL on one of the wires."""
    host, path = _path(url)
    if host not in SITES:
        return "other"
    _, release, listing = SITES[host]
    if re.match(release, path.split("?", 1)[0]):
        return "release"
    return "listing" if re.match(listing, path) else "other"


class DuckDBPipeline:
    """Insert each item into ``releases`` of the DuckDB file in the ``PLAIN_DB`` setting."""

    def __init__(self, path: str) -> None:
        self.path = path

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DuckDBPipeline:
        return cls(crawler.settings.get("PLAIN_DB"))

    def open_spider(self) -> None:
        self.con = duckdb.connect(self.path)
        self.con.execute("CREATE TABLE IF NOT EXISTS releases "
                         "(url VARCHAR PRIMARY KEY, title VARCHAR, body VARCHAR)")

    def process_item(self, item: dict) -> dict:
        self.con.execute("INSERT OR REPLACE INTO releases VALUES (?, ?, ?)",
                         [item["url"], item["title"], item["body"]])
        return item

    def close_spider(self) -> None:
        self.con.close()


class PlainReleaseSpider(scrapy.Spider):
    """Feeds, sitemaps and listings in; one item per release page out."""

    name = "plain_releases"
    custom_settings = {"ROBOTSTXT_OBEY": True, "LOG_LEVEL": "WARNING",
                       "ITEM_PIPELINES": {DuckDBPipeline: 300}}

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for host, (starts, _, _) in SITES.items():
            for path in starts:
                yield scrapy.Request(f"http://{host}{path}", callback=self.parse)

    def parse(self, response: Response) -> Iterator[scrapy.Request]:
        """A robots.txt, feed, sitemap or listing: follow releases and further pages."""
        if response.url.endswith("/robots.txt"):
            links = re.findall(r"(?im)^sitemap:\s*(\S+)", response.text)
        elif b"<?xml" in response.body[:100] or b"<rss" in response.body[:300]:
            links = [a or b for a, b in XML_LINKS.findall(response.text)]
        else:
            links = response.css("a::attr(href)").getall()
        for link in links:
            url = response.urljoin(link.replace("&amp;", "&"))
            kind = kind_of(url)
            if kind == "release":
                yield scrapy.Request(url.split("?", 1)[0], callback=self.parse_release)
            elif kind == "listing" or url.endswith(".xml"):
                yield scrapy.Request(url, callback=self.parse)

    def parse_release(self, response: Response) -> Iterator[dict]:
        """Extract the body with trafilatura."""
        body = trafilatura.extract(response.text, url=response.url, **EXTRACT)
        if body:
            yield {"url": response.url, "title": response.css("title::text").get(),
                   "body": body}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--proxy", default="", help="HTTP proxy for every request")
    args = ap.parse_args()
    if args.proxy:
        os.environ["http_proxy"] = args.proxy
    process = CrawlerProcess({"PLAIN_DB": str(args.db)})
    process.crawl(PlainReleaseSpider)
    process.start()


if __name__ == "__main__":
    main()
