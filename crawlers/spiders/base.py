"""ReleaseSpider: one spider driven by a registry entry.

It reads the source's discovery endpoints (RSS/Atom feeds, robots.txt sitemaps,
sitemap indexes and Google News sitemaps, paginated HTML listings), requests every
release URL they name once, and yields a :class:`PageRecord` for each outcome. The
raw responses themselves are archived by ``WarcArchiveMiddleware``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure

from crawlers.items import PageRecord
from crawlers.registry import Discovery, Source
from crawlers.runinfo import new_run_id

_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, recover=False
)
ATOM = "{http://www.w3.org/2005/Atom}"
DEFAULT_NEXT = 'a[rel="next"]::attr(href), link[rel="next"]::attr(href), a.next::attr(href)'


class FeedError(ValueError):
    """A feed or sitemap that cannot be read as XML."""


FEED_ROOTS = {"rss", "RDF", "feed"}
SITEMAP_ROOTS = {"urlset", "sitemapindex"}


def parse_xml(body: bytes, roots: set[str]) -> etree._Element:
    """Parse feed/sitemap XML safely (no entity expansion, no network, no huge trees) and
    check that its root element is one of ``roots`` (local names)."""
    try:
        root = etree.fromstring(body.strip(), parser=_XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not well-formed XML: {exc}") from exc
    if root is None:
        raise FeedError("empty XML document")
    local = etree.QName(root).localname
    if local not in roots:
        raise FeedError(f"unexpected root element <{local}>")
    return root


def feed_entries(root: etree._Element) -> Iterator[dict[str, str | None]]:
    """Links, titles and dates of an RSS 2.0 or Atom feed."""
    if root.tag == f"{ATOM}feed":
        for entry in root.iter(f"{ATOM}entry"):
            link = None
            for el in entry.iter(f"{ATOM}link"):
                if el.get("rel", "alternate") == "alternate":
                    link = el.get("href")
                    break
            yield {
                "url": link,
                "title": entry.findtext(f"{ATOM}title"),
                "published": entry.findtext(f"{ATOM}published")
                or entry.findtext(f"{ATOM}updated"),
            }
        return
    for item in root.iter("item"):
        link = (item.findtext("link") or "").strip() or None
        if link is None:
            guid = item.find("guid")
            if guid is not None and guid.get("isPermaLink", "true") == "true":
                link = (guid.text or "").strip() or None
        yield {
            "url": link,
            "title": item.findtext("title"),
            "published": item.findtext("pubDate"),
        }


class ReleaseSpider(Spider):
    """Generic release spider; a source's quirks go in a short subclass."""

    source: Source

    def __init__(self, run_id: str | None = None, max_releases: str | int | None = None,
                 *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.run_id = run_id or new_run_id()
        self.allowed_domains = list(self.source.allowed_domains)
        self.max_releases = int(max_releases) if max_releases else None
        self._releases_requested = 0
        self._listing_pages = 0

    # -- start ---------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Request]:
        for endpoint in self.source.discovery:
            yield Request(
                endpoint.url,
                callback=self.parse_discovery,
                errback=self.on_error,
                cb_kwargs={"kind": endpoint.kind, "endpoint": endpoint},
                meta={"wd_role": "discovery", "wd_via": endpoint.kind},
                priority=10,
            )

    # -- helpers ----------------------------------------------------------------------
    def is_allowed(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.source.allowed_domains)

    def record(self, response: Response | None, request: Request, **fields: Any) -> PageRecord:
        """A manifest record for a request and (if any) its archived response."""
        meta = request.meta
        loc = meta.get("wd_warc")
        rec = PageRecord(
            source_id=self.source.id,
            run_id=self.run_id,
            url=(meta.get("redirect_urls") or [request.url])[0],
            final_url=response.url if response is not None else None,
            role=meta.get("wd_role", "release"),
            discovered_via=meta.get("wd_via"),
            discovered_from=meta.get("wd_from"),
            feed_published=meta.get("wd_published"),
            feed_title=meta.get("wd_title"),
            status=response.status if response is not None else None,
            content_type=(response.headers.get("Content-Type") or b"").decode("latin-1")
            if response is not None
            else None,
            fetched_at=datetime.now(UTC).isoformat(),
            warc_file=loc.file if loc and response is not None else None,
            warc_offset=loc.offset if loc and response is not None else None,
            warc_length=loc.length if loc and response is not None else None,
            sha256=loc.sha256 if loc and response is not None else None,
            size=loc.size if loc and response is not None else None,
            flags=list(response.flags) if response is not None else [],
            reason=None,
            links_found=None,
        )
        rec.update(fields)
        return rec

    def release_request(self, url: str, via: str, origin: str, published: str | None = None,
                        title: str | None = None) -> Request | PageRecord | None:
        """A request for a release URL, or a skip record if it must not be fetched."""
        meta = {"wd_role": "release", "wd_via": via, "wd_from": origin,
                "wd_published": published, "wd_title": title}
        if not self.is_allowed(url):
            self.crawler.stats.inc_value("wiredesk/skipped/offsite")
            return PageRecord(source_id=self.source.id, run_id=self.run_id, url=url,
                              role="release", discovered_via=via, discovered_from=origin,
                              feed_published=published, feed_title=title,
                              fetched_at=datetime.now(UTC).isoformat(), flags=[],
                              reason="offsite")
        if self.max_releases is not None and self._releases_requested >= self.max_releases:
            return None
        self._releases_requested += 1
        return Request(url, callback=self.parse_release, errback=self.on_error, meta=meta)

    # -- discovery ----------------------------------------------------------------------
    def parse_discovery(self, response: Response, kind: str, endpoint: Discovery | None = None
                        ) -> Iterator[Request | PageRecord]:
        """Dispatch a discovery document to its reader; always record it."""
        found: list[Request | PageRecord] = []
        reason = None
        if response.status >= 400:
            reason = f"http_{response.status}"
        else:
            try:
                reader = getattr(self, f"read_{kind}")
                found = [r for r in reader(response, endpoint) if r is not None]
            except FeedError as exc:
                reason = "feed_not_xml"
                self.logger.warning("unreadable %s at %s: %s", kind, response.url, exc)
                self.crawler.stats.inc_value("wiredesk/errors/feed_not_xml")
        yield self.record(response, response.request, reason=reason, links_found=len(found))
        yield from found

    def read_rss(self, response: Response, _endpoint: Discovery | None
                 ) -> Iterator[Request | PageRecord | None]:
        for entry in feed_entries(parse_xml(response.body, FEED_ROOTS)):
            if entry["url"]:
                yield self.release_request(urljoin(response.url, entry["url"]), "rss",
                                           response.url, entry["published"], entry["title"])

    read_atom = read_rss

    def read_robots(self, response: Response, _endpoint: Discovery | None) -> Iterator[Request]:
        for url in sitemap_urls_from_robots(response.text, base_url=response.url):
            yield Request(url, callback=self.parse_discovery, errback=self.on_error,
                          cb_kwargs={"kind": "sitemap"},
                          meta={"wd_role": "discovery", "wd_via": "sitemap",
                                "wd_from": response.url}, priority=10)

    def read_sitemap(self, response: Response, _endpoint: Discovery | None
                     ) -> Iterator[Request | PageRecord | None]:
        parse_xml(response.body, SITEMAP_ROOTS)  # refuse non-sitemaps before Sitemap()
        sitemap = Sitemap(response.body)
        for entry in sitemap:
            loc = entry.get("loc")
            if not loc:
                continue
            url = urljoin(response.url, loc)
            if sitemap.type == "sitemapindex":
                yield Request(url, callback=self.parse_discovery, errback=self.on_error,
                              cb_kwargs={"kind": "sitemap"},
                              meta={"wd_role": "discovery", "wd_via": "sitemap",
                                    "wd_from": response.url}, priority=10)
            elif self.source.is_release_path(urlsplit(url).path) or not self.is_allowed(url):
                news = entry.get("news") or {}
                published = (news.get("publication_date") if isinstance(news, dict) else None)
                yield self.release_request(url, "sitemap", response.url,
                                           published or entry.get("lastmod"),
                                           news.get("title") if isinstance(news, dict) else None)

    def read_listing(self, response: Response, endpoint: Discovery | None
                     ) -> Iterator[Request | PageRecord | None]:
        links_css = (endpoint.links if endpoint else None) or "a::attr(href)"
        next_css = endpoint.next if endpoint else None
        seen: set[str] = set()
        for href in response.css(links_css).getall():
            url = urljoin(response.url, href.strip())
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or url in seen:
                continue
            seen.add(url)
            if self.is_allowed(url) and self.source.is_release_path(parts.path):
                yield self.release_request(url, "listing", response.url)
        nxt = response.css(next_css or DEFAULT_NEXT).get()
        self._listing_pages += 1
        limit = self.settings.getint("WIREDESK_MAX_LISTING_PAGES")
        if nxt and self._listing_pages < limit:
            if self.max_releases is None or self._releases_requested < self.max_releases:
                yield Request(urljoin(response.url, nxt.strip()), callback=self.parse_discovery,
                              errback=self.on_error,
                              cb_kwargs={"kind": "listing", "endpoint": endpoint},
                              meta={"wd_role": "discovery", "wd_via": "listing",
                                    "wd_from": response.url}, priority=10)

    # -- releases -----------------------------------------------------------------------
    def parse_release(self, response: Response) -> Iterator[PageRecord]:
        """Record a fetched release page; its body is cleaned later, from the archive."""
        reason = None
        if response.status >= 400:
            reason = f"http_{response.status}"
        elif "dataloss" in response.flags:
            reason = "truncated"
        elif not response.body:
            reason = "empty_body"
        yield self.record(response, response.request, reason=reason)

    def on_error(self, failure: Failure) -> Iterator[PageRecord]:
        """Record a request that produced no response (robots.txt, off-site, network)."""
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(IgnoreRequest):
            msg = str(failure.value)
            reason = "robots_disallowed" if "robots" in msg.lower() else "ignored"
            if "offsite" in msg.lower():
                reason = "offsite"
        else:
            reason = f"network_error:{failure.type.__name__}"
        self.crawler.stats.inc_value(f"wiredesk/skipped/{reason.split(':')[0]}")
        yield self.record(None, request, reason=reason)
