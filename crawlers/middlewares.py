"""Downloader middlewares: proxy, address guard, politeness, conditional GET, WARC archive."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Sequence
from functools import lru_cache
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from protego import Protego
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.response import get_meta_refresh
from twisted.internet import defer
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError
from twisted.internet.interfaces import IResolverSimple
from zope.interface import implementer

from crawlers.archive import WarcArchiveWriter
from crawlers.extensions import stop_on_write_error
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


def _spider_source(crawler: Crawler, spider: Spider | None) -> Any:
    return getattr(spider or crawler.spider, "source", None)


# Cloud metadata services, by name and by address (most are link-local anyway).
METADATA_HOSTS = {"metadata", "metadata.google.internal", "metadata.goog", "instance-data"}
METADATA_ADDRESSES = {ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")}
REFUSED = "address_refused"
REDIRECT_LOOP = "redirect_loop"
WEB_SCHEMES = ("http", "https")     # the only schemes ever requested


# IPv6 prefixes that carry an IPv4 address in their low 32 bits: the NAT64 well-known
# prefix (RFC 6052), IPv4-compatible (deprecated) and IPv4-translated (SIIT) addresses.
EMBEDDING_V4 = tuple(ipaddress.ip_network(n) for n in (
    "64:ff9b::/96", "::/96", "::ffff:0:0:0/96"))
# Refused whatever they carry: NAT64 local-use prefix (its embedding varies by length).
REFUSED_V6 = (ipaddress.ip_network("64:ff9b:1::/48"),)


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries: IPv4-mapped, 6to4, Teredo (server and
    client), NAT64, IPv4-compatible and IPv4-translated forms."""
    found = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if any(ip in net for net in EMBEDDING_V4):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [a for a in found if a is not None]


def refused_address(address: str) -> bool:
    """True for anything but a public unicast address: private, loopback, link-local,
    carrier-grade NAT, multicast, reserved, unspecified, cloud metadata, and IPv6 forms
    that carry such an IPv4 address (``::ffff:10.0.0.1``, NAT64 ``64:ff9b::a9fe:a9fe``,
    6to4 ``2002:a9fe:a9fe::1``, Teredo, IPv4-compatible ``::7f00:1``)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if any(ip in net for net in REFUSED_V6) or any(
                refused_address(str(v4)) for v4 in embedded_ipv4(ip)):
            return True
        if ip.ipv4_mapped is not None:
            return False  # a public IPv4 address, written as IPv6
    return ip in METADATA_ADDRESSES or not ip.is_global or ip.is_multicast


def literal_address(host: str) -> str | None:
    """``host`` as an IP address if it is one (``[::1]`` included), else None."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


@lru_cache(maxsize=1)
def local_hosts() -> frozenset[str]:
    """Allowed domains of the sources served from this machine (``local``): the only
    names the guard lets resolve to private addresses."""
    from crawlers.registry import registry

    return frozenset(d for s in registry().values() if s.is_local for d in s.allowed_domains)


def pinned_hosts(settings: Any) -> dict[str, list[str]]:
    """``WIREDESK_RESOLVE``: host names pinned to addresses instead of DNS."""
    return {k.lower(): list(v) for k, v in settings.getdict("WIREDESK_RESOLVE").items()}


@implementer(IResolverSimple)
class GuardedResolver(CachingThreadedResolver):
    """The reactor's resolver (``TWISTED_DNS_RESOLVER``): every connection's name is
    resolved here, and an answer that :func:`refused_address` refuses fails the
    connection (``address_refused``). So the address the guard checked is the address
    connected to: a name that resolves to a public address when the request is checked
    and to a private one when it is sent (DNS rebinding), or that did not resolve at the
    check, is still refused. IP literals (the configured proxy) and the allowed domains of
    local sources pass; ``WIREDESK_RESOLVE`` pins names here too."""

    # Names refused in this process (one crawl per process): the downloader reports a
    # failed resolution without its reason, so the spider looks the name up here.
    refused_names: set[str] = set()

    def __init__(self, reactor: Any, cache_size: int, timeout: float,
                 pinned: dict[str, list[str]] | None = None) -> None:
        super().__init__(reactor, cache_size, timeout)
        self.pinned = pinned or {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: Any) -> GuardedResolver:
        settings = crawler.settings
        size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        return cls(reactor, size, settings.getfloat("DNS_TIMEOUT"), pinned_hosts(settings))

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:
        host = name.lower().rstrip(".")
        if literal_address(host) or any(host == d or host.endswith("." + d)
                                         for d in local_hosts()):
            return super().getHostByName(name, timeout)
        if host in self.pinned:
            return defer.maybeDeferred(self._checked, (self.pinned[host] or ["0.0.0.0"])[0],
                                       name)
        d = super().getHostByName(name, timeout)
        d.addCallback(self._checked, name)
        return d

    @classmethod
    def _checked(cls, address: str, name: str) -> Deferred[str] | str:
        if refused_address(address):
            cls.refused_names.add(name.lower().rstrip("."))
            raise DNSLookupError(f"{REFUSED}: {name} -> {address} (at connection)")
        return address


class AddressGuardMiddleware:
    """Refuse requests a live source must never make: schemes other than http(s), and hosts
    that are, or resolve to, private, loopback, link-local or metadata addresses.

    Checks every request, and the ``Location`` of every redirect before the redirect
    middleware follows it (so a refused hop is recorded against the page that redirected,
    rather than silently dropped as off-site). A redirect back to a URL of its own chain
    (A -> B -> A, or to itself) is refused for every source as ``redirect_loop``. Sources
    served from this machine (the simulator unless its entry says ``local: false``, or
    ``local: true`` in the registry) are let through. ``WIREDESK_RESOLVE`` pins host names
    to addresses instead of DNS. A name that does not resolve here is let through: the
    connection resolves it again through :class:`GuardedResolver`, which refuses a private
    answer then (through a proxy, the proxy resolves: use one only for the simulator).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.pinned = pinned_hosts(crawler.settings)
        self._cache: dict[str, list[str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if not self._local(spider):
            await self._check(request.url, request)
        return None

    async def process_response(self, request: Request, response: Response,
                               spider: Spider | None = None) -> Response:
        target = self._redirect_target(request, response)
        if target is None:
            return response
        if target in (*request.meta.get("redirect_urls", ()), request.url):
            # Followed, it would be dropped as a duplicate without a trace; refuse it here.
            self.crawler.stats.inc_value("wiredesk/guard/redirect_loop")
            raise IgnoreRequest(f"{REDIRECT_LOOP}: {request.url} -> {target}")
        if not self._local(spider):
            await self._check(target, request)
        crawl_spider = spider or self.crawler.spider
        if hasattr(crawl_spider, "is_allowed") and not crawl_spider.is_allowed(target):
            # Scrapy's offsite filter would drop the hop silently when it is scheduled.
            raise IgnoreRequest(f"offsite redirect: {request.url} -> {target}")
        return response

    def _redirect_target(self, request: Request, response: Response) -> str | None:
        """Where a redirect or a followed ``<meta http-equiv=refresh>`` leads, or None. A
        refresh to a non-http(s) URL (``javascript:``), which Scrapy cannot build a request
        for, is not followed: the page is kept as it is."""
        location = response.headers.get("Location")
        if 300 <= response.status < 400 and location:
            return urljoin(request.url, location.decode("latin-1"))
        settings = self.crawler.settings
        if not isinstance(response, HtmlResponse) or request.meta.get("dont_redirect") \
                or not settings.getbool("METAREFRESH_ENABLED") \
                or not (200 <= response.status < 300):
            return None
        try:
            interval, url = get_meta_refresh(
                response, ignore_tags=settings.getlist("METAREFRESH_IGNORE_TAGS"))
        except (ValueError, UnicodeError):
            return None
        if not url or interval >= settings.getfloat("METAREFRESH_MAXDELAY"):
            return None
        if urlsplit(url).scheme.lower() not in WEB_SCHEMES:
            request.meta["dont_redirect"] = True
            self.crawler.stats.inc_value("wiredesk/guard/unsafe_meta_refresh")
            return None
        return url

    def _local(self, spider: Spider | None) -> bool:
        source = _spider_source(self.crawler, spider)
        return source is not None and source.is_local

    async def _check(self, url: str, request: Request) -> None:
        parts = urlsplit(url)
        if parts.scheme not in WEB_SCHEMES:
            self._refuse(request, f"scheme {parts.scheme!r} of {url}")
        host = (parts.hostname or "").lower().rstrip(".")
        if not host or host in METADATA_HOSTS or host == "localhost" \
                or host.endswith(".localhost") or host.endswith(".internal"):
            self._refuse(request, f"host {host!r} of {url}")
        for address in await self._addresses(host, parts.port):
            if refused_address(address):
                self._refuse(request, f"{host} -> {address} ({url})")

    async def _addresses(self, host: str, port: int | None) -> list[str]:
        literal = literal_address(host)
        if literal:
            return [literal]
        if host in self.pinned:
            return self.pinned[host]
        if host not in self._cache:
            try:
                infos = await asyncio.get_running_loop().getaddrinfo(
                    host, port or 443, type=socket.SOCK_STREAM)
                self._cache[host] = sorted({info[4][0] for info in infos})
            except (OSError, UnicodeError):
                self._cache[host] = []
        return self._cache[host]

    def _refuse(self, request: Request, why: str) -> None:
        self.crawler.stats.inc_value("wiredesk/guard/refused")
        raise IgnoreRequest(f"{REFUSED}: {why}")


class CrawlDelayMiddleware:
    """Honour robots.txt ``Crawl-delay``: read it from each robots.txt response and keep that
    host's download slot at least that slow (AutoThrottle may only slow it further)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.user_agent = crawler.settings.get("USER_AGENT") or "wiredesk"
        self.max_delay = crawler.settings.getfloat("WIREDESK_MAX_CRAWL_DELAY")
        self.delays: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDelayMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        delay = self.delays.get(urlsplit(request.url).netloc)
        if delay:
            downloader = self.crawler.engine.downloader
            slot = downloader.slots.get(downloader.get_slot_key(request))
            if slot is not None and slot.delay < delay:
                slot.delay = delay

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        parts = urlsplit(response.url)
        if parts.path == "/robots.txt" and response.status == 200:
            try:
                delay = Protego.parse(response.text).crawl_delay(self.user_agent)
            except (AttributeError, ValueError):
                delay = None
            if delay:
                self.delays[parts.netloc] = min(float(delay), self.max_delay)
                self.crawler.stats.set_value(f"wiredesk/crawl_delay/{parts.netloc}",
                                             self.delays[parts.netloc])
                self.process_request(request)
        return response


class BackoffMiddleware:
    """Retries wait longer each time: ``base * 2**(n-1)`` seconds, capped (0 disables)."""

    def __init__(self, base: float, cap: float) -> None:
        self.base = base
        self.cap = cap

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffMiddleware:
        return cls(crawler.settings.getfloat("WIREDESK_RETRY_BACKOFF"),
                   crawler.settings.getfloat("WIREDESK_RETRY_BACKOFF_MAX"))

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        tries = int(request.meta.get("retry_times", 0))
        if tries and self.base > 0:
            await asyncio.sleep(min(self.cap, self.base * 2 ** (tries - 1)))
        return None


class ConditionalGetMiddleware:
    """Conditional GET for discovery documents (feeds, sitemaps, listings).

    Sends ``If-None-Match`` / ``If-Modified-Since`` from the validators an earlier run
    remembered (``spider.state["validators"]``, saved by the spider when it closes) and
    remembers new ones from each 200. A 304 reaches the spider, which reads nothing from
    it. Backfills fetch unconditionally (they want the documents, changed or not).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalGetMiddleware:
        return cls(crawler)

    @staticmethod
    def _validators(spider: Spider | None) -> dict[str, dict[str, str]] | None:
        state = getattr(spider, "state", None)
        if state is None or getattr(spider, "backfill", False):
            return None
        return state["validators"]

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        validators = self._validators(spider or self.crawler.spider)
        if validators is None or request.meta.get("wd_role") != "discovery":
            return
        known = validators.get(request.url) or {}
        if known.get("etag"):
            request.headers.setdefault("If-None-Match", known["etag"])
        if known.get("last_modified"):
            request.headers.setdefault("If-Modified-Since", known["last_modified"])

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        validators = self._validators(spider or self.crawler.spider)
        if validators is None or request.meta.get("wd_role") != "discovery":
            return response
        if response.status == 304:
            self.crawler.stats.inc_value("wiredesk/not_modified")
        elif response.status == 200:
            etag = response.headers.get("ETag")
            modified = response.headers.get("Last-Modified")
            if etag or modified:
                validators[request.url] = {
                    k: v.decode("latin-1") for k, v in
                    (("etag", etag), ("last_modified", modified)) if v}
            else:
                validators.pop(request.url, None)
        return response


ARCHIVE_WRITE_FAILED = "archive_write_failed"


class WarcArchiveMiddleware:
    """Write every response, exactly as received, to the run's WARC files.

    Sits closest to the downloader, so it sees redirects, retried errors, robots.txt
    and compressed bodies before any other middleware changes them. The location of
    the record is left in ``request.meta["wd_warc"]`` for the spider's items. If the
    archive cannot be written (disk full) the crawl stops with the path as its reason and
    the response is dropped (``archive_write_failed``), so no record points at it.
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
        try:
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
        except OSError as exc:  # disk full: the crawl stops, the response is not recorded
            stop_on_write_error(self.crawler, exc)
            raise IgnoreRequest(f"{ARCHIVE_WRITE_FAILED}: {exc.filename}") from exc
        request.meta["wd_warc"] = loc
        self.crawler.stats.inc_value("wiredesk/warc_records")
        self.crawler.stats.inc_value("wiredesk/warc_bytes", loc.length)
        return response
