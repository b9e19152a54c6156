"""ReleaseSpider: one spider driven by a registry entry.

It reads the source's discovery endpoints (RSS/Atom feeds, robots.txt sitemaps,
sitemap indexes and Google News sitemaps, paginated HTML listings, date archives),
requests every release URL they name once, and yields a :class:`ManifestRecord` for each
outcome. The raw responses themselves are archived by ``WarcArchiveMiddleware``.

Spider arguments (``-a name=value``):

- ``known_urls``: a file of release URLs
  already in the warehouse, one a line; they are not fetched again (incremental runs).
  Listing pagination stops at the first page with nothing new.
- ``since`` / ``until`` (``YYYY-MM-DD``): backfill. Feeds, sitemaps, listings and date
  archives are read for that range only, walking back until they pass it.
- ``max_releases``: stop requesting releases after this many.
- ``resume``: this run folder holds an interrupted run's manifest (``crawlers.resume``);
  release URLs it archived successfully are not fetched again, and count towards
  ``max_releases``. Discovery documents are fetched again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DownloadCancelledError, IgnoreRequest
from scrapy.http import Response
from scrapy.utils.sitemap import sitemap_urls_from_robots
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure

from crawlers.dates import parse_date, parse_day
from crawlers.feeds import FEED_ROOTS, SITEMAP_ROOTS, Document, FeedError, read_document
from crawlers.middlewares import (
    ARCHIVE_WRITE_FAILED,
    REDIRECT_LOOP,
    REFUSED,
    WEB_SCHEMES,
    GuardedResolver,
)
from crawlers.records import ManifestRecord
from crawlers.registry import Discovery, Source
from crawlers.runinfo import (
    MANIFEST_NAME,
    archived_release_urls,
    load_state,
    new_run_id,
    read_manifest,
    run_dir_for,
    save_state,
)

DEFAULT_NEXT = 'a[rel="next"]::attr(href), link[rel="next"]::attr(href), a.next::attr(href)'


def read_known_urls(path: str | Path | None) -> set[str]:
    """The release URLs listed in a file, one a line (blank lines and # comments skipped)."""
    if not path:
        return set()
    with open(path, encoding="utf-8") as fh:
        return {line.strip() for line in fh if line.strip() and not line.startswith("#")}


def link_refusal(url: str, max_length: int) -> str | None:
    """Why a discovered link must not be requested (``unsafe_scheme`` for javascript:,
    data:, file: and the like; ``url_too_long``), or None."""
    if urlsplit(url).scheme.lower() not in WEB_SCHEMES:
        return "unsafe_scheme"
    if max_length and len(url) > max_length:
        return "url_too_long"
    return None


def error_reason(failure: Failure) -> tuple[str, bool]:
    """The recorded reason of a request that produced no response, and whether it counts
    as a failed fetch (network errors do; refusals by a rule of ours do not)."""
    msg = str(failure.value).lower()
    if failure.check(IgnoreRequest):
        for reason in (REFUSED, REDIRECT_LOOP, ARCHIVE_WRITE_FAILED):  # our middlewares'
            if msg.startswith(reason):
                return reason, False
        if "max redirections" in msg:
            return "too_many_redirects", False
        if "download_maxsize" in msg:       # a compressed body too large once decoded
            return "too_large", False
        if "offsite" in msg:
            return "offsite", False
        return ("robots_disallowed" if "robots" in msg else "ignored"), False
    if failure.check(DownloadCancelledError, CancelledError):
        return "too_large", False           # DOWNLOAD_MAXSIZE is our only cancellation
    request = getattr(failure, "request", None)
    host = (urlsplit(request.url).hostname or "") if request is not None else ""
    if REFUSED in msg or host.rstrip(".") in GuardedResolver.refused_names:
        return REFUSED, False               # the guard's resolver, at connection time
    return f"network_error:{failure.type.__name__}", True


class ReleaseSpider(Spider):
    """Generic release spider; a source's quirks go in a short subclass."""

    source: Source

    def __init__(self, run_id: str | None = None, max_releases: str | int | None = None,
                 known_urls: str | None = None, since: str | None = None,
                 until: str | None = None, resume: str | None = None, *args: Any,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.run_id = run_id or new_run_id()
        self.allowed_domains = list(self.source.allowed_domains)
        self.max_releases = int(max_releases) if max_releases else None
        self.known = read_known_urls(known_urls)
        self.since = parse_day(since)
        self.until = parse_day(until)
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since {self.since} is after until {self.until}")
        self.backfill = self.since is not None
        self.state: dict[str, Any] = {"validators": {}, "zero_yield_runs": 0}
        self._releases_requested = 0
        self._listing_pages = 0
        self._failures = 0
        self.resuming = str(resume or "").lower() not in ("", "0", "false", "no")
        self.carried: list[ManifestRecord] = []   # the interrupted run's records
        self.archived: set[str] = set()            # its successfully archived release URLs

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ReleaseSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.data_dir = Path(crawler.settings.get("WIREDESK_DATA_DIR")).resolve()
        spider.state = load_state(spider.data_dir, spider.name)
        manifest = run_dir_for(spider.data_dir, spider.name, spider.run_id) / MANIFEST_NAME
        if spider.resuming:
            # Discovery is fetched again in full: validators an interrupted run may have
            # learnt would answer 304 for documents it never finished reading.
            spider.state["validators"] = {}
        if spider.resuming and manifest.exists():
            spider.carried = read_manifest(manifest)
            spider.archived = archived_release_urls(spider.carried)
            spider._releases_requested = len({r.url for r in spider.carried
                                              if r.url in spider.archived})
        if spider.backfill and spider.until is None:
            spider.until = spider.today()
        return spider

    def today(self) -> date:
        """Today in the source's own time zone (``WIREDESK_TODAY`` freezes it, for tests)."""
        frozen = self.settings.get("WIREDESK_TODAY") if hasattr(self, "settings") else None
        if frozen:
            return date.fromisoformat(frozen)
        return datetime.now(ZoneInfo(self.source.timezone)).date()

    # -- start ---------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Request]:
        if self.resuming:
            self.crawler.stats.set_value("wiredesk/resumed", True)
            self.crawler.stats.set_value("wiredesk/resume/records_carried", len(self.carried))
            self.crawler.stats.set_value("wiredesk/resume/releases_carried",
                                         self._releases_requested)
        for endpoint in self.source.discovery:
            if endpoint.kind == "archive":
                for day in self.archive_days():
                    yield self.discovery_request(endpoint.url.format(date=day), "archive",
                                                 endpoint, day=day)
            else:
                yield self.discovery_request(endpoint.url, endpoint.kind, endpoint)

    def archive_days(self) -> list[date]:
        """Days whose archive pages to read, newest first: the backfill range, or else
        today and yesterday (in the source's time zone)."""
        last = self.until or self.today()
        first = self.since or last - timedelta(days=1)
        return [last - timedelta(days=i) for i in range((last - first).days + 1)]

    def discovery_request(self, url: str, kind: str, endpoint: Discovery | None = None,
                          origin: str | None = None, day: date | None = None) -> Request:
        return Request(url, callback=self.parse_discovery, errback=self.on_error,
                       cb_kwargs={"kind": kind, "endpoint": endpoint, "day": day},
                       meta={"wd_role": "discovery", "wd_via": kind, "wd_from": origin},
                       priority=10)

    # -- helpers ----------------------------------------------------------------------
    def is_allowed(self, url: str) -> bool:
        """True if the URL's host is an allowed domain or under one (a fully qualified
        ``host.`` is the same host; an empty host never is)."""
        try:
            host = (urlsplit(url).hostname or "").lower().removesuffix(".")
        except ValueError:
            return False
        return bool(host) and any(host == d or host.endswith("." + d)
                                  for d in self.source.allowed_domains)

    def in_range(self, day: date | None) -> bool:
        """Whether a release of this date belongs to the run (undated ones always do)."""
        if not self.backfill or day is None:
            return True
        assert self.since is not None and self.until is not None
        return self.since <= day <= self.until

    def record(self, response: Response | None, request: Request, **fields: Any
               ) -> ManifestRecord:
        """A manifest record for a request and (if any) its archived response."""
        meta = request.meta
        loc = meta.get("wd_warc")
        rec = ManifestRecord(
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
            flags=tuple(response.flags) if response is not None else (),
        )
        return replace(rec, **fields) if fields else rec

    def release_request(self, url: str, via: str, origin: str, published: str | None = None,
                        title: str | None = None, day: date | None = None
                        ) -> Request | ManifestRecord | None:
        """A request for a release URL, a skip record if it must not be fetched, or None if
        it is not wanted in this run (already known, out of the backfill range, over limit)."""
        stats = self.crawler.stats
        stats.inc_value("wiredesk/candidates")
        if not self.in_range(day if day is not None else parse_date(published)):
            stats.inc_value("wiredesk/skipped_quietly/out_of_range")
            return None
        if url in self.known:
            stats.inc_value("wiredesk/skipped_quietly/known")
            return None
        if url in self.archived:
            stats.inc_value("wiredesk/skipped_quietly/archived_before_resume")
            return None
        meta = {"wd_role": "release", "wd_via": via, "wd_from": origin,
                "wd_published": published, "wd_title": title}
        if not self.is_allowed(url):
            stats.inc_value("wiredesk/skipped/offsite")
            return self.skip_record(url, via, origin, "offsite", published, title)
        if self.max_releases is not None and self._releases_requested >= self.max_releases:
            return None
        self._releases_requested += 1
        return Request(url, callback=self.parse_release, errback=self.on_error, meta=meta)

    # -- discovery ----------------------------------------------------------------------
    def parse_discovery(self, response: Response, kind: str, endpoint: Discovery | None = None,
                        day: date | None = None) -> Iterator[Request | ManifestRecord]:
        """Dispatch a discovery document to its reader; always record it."""
        found: list[Request | ManifestRecord] = []
        reason = None
        flags = list(response.flags)
        if response.status == 304:
            flags.append("not_modified")
            self.crawler.stats.inc_value("wiredesk/discovery_ok")
        elif response.status >= 400:
            reason = f"http_{response.status}"
        else:
            self.crawler.stats.inc_value("wiredesk/discovery_ok")
            try:
                reader = getattr(self, f"read_{kind}")
                found = [r for r in reader(response, endpoint, day) if r is not None]
            except FeedError as exc:
                reason = exc.reason
                self.logger.warning("unreadable %s at %s: %s", kind, response.url, exc)
                self.crawler.stats.inc_value(f"wiredesk/errors/{reason}")
            except Exception as exc:  # noqa: BLE001 - a hostile document never stops a run
                reason = "discovery_unreadable"
                self.logger.warning("cannot read %s at %s: %r", kind, response.url, exc)
                self.crawler.stats.inc_value("wiredesk/errors/discovery_unreadable")
        yield self.record(response, response.request, reason=reason, links_found=len(found),
                          flags=flags)
        yield from found
        self.count_outcome(response.status, reason)

    def read_document(self, response: Response, roots: frozenset[str]) -> Document:
        """A feed or sitemap response read once (see :mod:`crawlers.feeds`); a gzipped
        body is decompressed up to the download size limit."""
        cap = response.meta.get("download_maxsize", self.settings.getint("DOWNLOAD_MAXSIZE"))
        return read_document(response.body, roots, cap)

    def read_rss(self, response: Response, _endpoint: Discovery | None, _day: date | None = None
                 ) -> Iterator[Request | ManifestRecord | None]:
        for entry in self.read_document(response, FEED_ROOTS).entries:
            url = urljoin(response.url, entry.url)
            if refused := self.refuse_link(url, "rss", response.url, entry.published,
                                           entry.title):
                yield refused
            elif self.source.is_release_path(urlsplit(url).path) or not self.is_allowed(url):
                yield self.release_request(url, "rss", response.url, entry.published,
                                           entry.title)

    read_atom = read_rss

    def read_robots(self, response: Response, _endpoint: Discovery | None,
                    _day: date | None = None) -> Iterator[Request]:
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            yield self.refuse_link(url, "robots", response.url, role="discovery") \
                or self.discovery_request(url, "sitemap", origin=response.url)

    def read_sitemap(self, response: Response, _endpoint: Discovery | None,
                     _day: date | None = None) -> Iterator[Request | ManifestRecord | None]:
        doc = self.read_document(response, SITEMAP_ROOTS)
        index = doc.kind == "sitemapindex"
        for entry in doc.entries:
            url = urljoin(response.url, entry.url)
            if refused := self.refuse_link(url, "sitemap", response.url, entry.published,
                                           role="discovery" if index else "release"):
                yield refused
            elif index:
                # A child sitemap last changed before the range holds nothing in it.
                lastmod = parse_date(entry.published)
                if self.backfill and lastmod and self.since and lastmod < self.since:
                    continue
                yield self.discovery_request(url, "sitemap", origin=response.url)
            elif self.source.is_release_path(urlsplit(url).path) or not self.is_allowed(url):
                yield self.release_request(url, "sitemap", response.url, entry.published,
                                           entry.title)

    def listing_entries(self, response: Response, endpoint: Discovery | None
                        ) -> list[tuple[str, str | None]]:
        """``(href, printed date)`` of each entry of a listing page."""
        links_css = (endpoint.links if endpoint else None) or "a::attr(href)"
        if endpoint is None or not endpoint.item:
            return [(href, None) for href in response.css(links_css).getall()]
        entries = []
        for item in response.css(endpoint.item):
            href = item.css(links_css).get()
            printed = item.css(endpoint.date).get() if endpoint.date else None
            if href:
                entries.append((href, printed.strip() if printed else None))
        return entries

    def read_listing(self, response: Response, endpoint: Discovery | None,
                     day: date | None = None) -> Iterator[Request | ManifestRecord | None]:
        """Release links of a listing or date-archive page, then its next page while the
        walk is still useful: something new on this page (incremental), or entries not yet
        older than the backfill range."""
        via = "archive" if day else "listing"
        seen: set[str] = set()
        new = dated = older = taken = 0
        cap = self.settings.getint("WIREDESK_MAX_LINKS_PER_PAGE")
        stats = self.crawler.stats
        for href, printed in self.listing_entries(response, endpoint):
            url = urljoin(response.url, href.strip())
            parts = urlsplit(url)
            if parts.scheme.lower() not in WEB_SCHEMES:
                stats.inc_value("wiredesk/links/refused/unsafe_scheme")  # never requested
                continue
            if url in seen:
                continue
            seen.add(url)
            if not (self.is_allowed(url) and self.source.is_release_path(parts.path)):
                continue
            taken += 1
            if cap and taken > cap:
                stats.inc_value("wiredesk/links/capped")    # counted, not requested
                continue
            if refused := self.refuse_link(url, via, response.url, printed):
                yield refused
                continue
            when = day or parse_date(printed)
            if when is not None:
                dated += 1
                older += bool(self.since and when < self.since)
            req = self.release_request(url, via, response.url, published=printed, day=when)
            new += isinstance(req, Request) or url in self.archived
            yield req
        nxt = response.css((endpoint.next if endpoint else None) or DEFAULT_NEXT).get()
        self._listing_pages += 1
        if not nxt or self._listing_pages >= self.settings.getint("WIREDESK_MAX_LISTING_PAGES"):
            return
        if self.max_releases is not None and self._releases_requested >= self.max_releases:
            return
        if self.backfill:
            if dated and older == dated:
                return                      # the whole page is older than the range
        elif not new:
            return                          # nothing new here: the rest is known too
        yield self.discovery_request(urljoin(response.url, nxt.strip()), via, endpoint,
                                     origin=response.url, day=day)

    read_archive = read_listing

    def refuse_link(self, url: str, via: str, origin: str, published: str | None = None,
                    title: str | None = None, role: str = "release") -> ManifestRecord | None:
        """A skip record for a link that must not be requested (see :func:`link_refusal`;
        a discovery link off the allowed domains is ``offsite``), counted in
        ``wiredesk/links/refused/<reason>``; None for a link that may be requested."""
        reason = link_refusal(url, self.settings.getint("URLLENGTH_LIMIT"))
        if reason is None and role == "discovery" and not self.is_allowed(url):
            reason = "offsite"
        if reason is None:
            return None
        self.crawler.stats.inc_value(f"wiredesk/links/refused/{reason}")
        return self.skip_record(url, via, origin, reason, published, title, role)

    def skip_record(self, url: str, via: str, origin: str, reason: str,
                    published: str | None = None, title: str | None = None,
                    role: str = "release") -> ManifestRecord:
        """The manifest record of a link that is not requested, with its reason."""
        return ManifestRecord(source_id=self.source.id, run_id=self.run_id, url=url,
                          role=role, discovered_via=via, discovered_from=origin,
                          feed_published=published, feed_title=title,
                          fetched_at=datetime.now(UTC).isoformat(), reason=reason)

    # -- releases -----------------------------------------------------------------------
    def parse_release(self, response: Response) -> Iterator[ManifestRecord]:
        """Record a fetched release page; its body is cleaned later, from the archive."""
        reason = None
        if response.status >= 400:
            reason = f"http_{response.status}"
        elif "dataloss" in response.flags:
            reason = "truncated"
        elif not response.body:
            reason = "empty_body"
        yield self.record(response, response.request, reason=reason)
        self.count_outcome(response.status, reason)

    def on_error(self, failure: Failure) -> Iterator[ManifestRecord]:
        """Record a request that produced no response (robots.txt, off-site, address guard,
        network)."""
        request = failure.request  # type: ignore[attr-defined]
        reason, failed = error_reason(failure)
        self.crawler.stats.inc_value(f"wiredesk/skipped/{reason.split(':')[0]}")
        yield self.record(None, request, reason=reason)
        self.count_outcome(None if failed else 0, reason)

    # -- failures and the end of a run --------------------------------------------------
    def count_outcome(self, status: int | None, reason: str | None) -> None:
        """Count consecutive failed fetches (network errors, 5xx and 429 after retries);
        past ``WIREDESK_MAX_CONSECUTIVE_FAILURES`` the source stops for this run."""
        if status is None or status >= 500 or status == 429:
            self._failures += 1
            self.crawler.stats.inc_value("wiredesk/failed/fetch")
        elif status:
            self._failures = 0
        limit = self.settings.getint("WIREDESK_MAX_CONSECUTIVE_FAILURES")
        if limit and self._failures >= limit:
            why = f"stopped after {self._failures} consecutive failures (last: {reason})"
            if not self.crawler.stats.get_value("wiredesk/stop_reason"):
                self.crawler.stats.set_value("wiredesk/stop_reason", why)
                self.logger.error("%s: %s", self.name, why)
            raise CloseSpider("consecutive_failures")

    def closed(self, reason: str) -> None:
        """Remember feed validators and flag a discovery that keeps yielding nothing."""
        stats = self.crawler.stats
        if stats.get_value("wiredesk/discovery_ok", 0) and not self.backfill:
            nothing = not stats.get_value("wiredesk/candidates", 0) \
                and not stats.get_value("wiredesk/not_modified", 0)
            self.state["zero_yield_runs"] = self.state["zero_yield_runs"] + 1 if nothing else 0
            runs = self.state["zero_yield_runs"]
            stats.set_value("wiredesk/zero_yield_runs", runs)
            if runs >= self.settings.getint("WIREDESK_ZERO_YIELD_RUNS"):
                stats.set_value("wiredesk/flag/layout_changed",
                                f"discovery found no release links in {runs} runs in a row")
                self.logger.warning("%s: discovery found no release links in %d runs; "
                                    "has the layout changed?", self.name, runs)
        if not stats.get_value("wiredesk/resumable"):  # an interrupted run changes nothing
            save_state(self.data_dir, self.name, self.state)
