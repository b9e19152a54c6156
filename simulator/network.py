"""The simulated wire network: release index, routing, special cases and the truth.

Truth format (``WireNetwork.truth()``, also served at ``/__truth__``)::

    {
      "format": 1, "seed": 7, "n_releases": 12,
      "start": "2026-07-01T00:00:00+00:00",   # first release time
      "now": "...",                            # the network's clock (HTTP Date header)
      "sites": {site_id: {
          "host", "base_url", "timezone", "carrier",
          "discovery": {name: url},            # robots, feeds, listings, sitemaps
          "release_urls": [url, ...]}},        # every reachable page URL, newest first
      "pages": [{                              # one entry per release-page URL served
          "url", "site", "host", "release_id", "variant", "canonical_url",
          "published_at",   # ISO 8601 with the site's offset; None if the page shows no date
          "listed_at",      # ISO time shown in feeds/listings (always set)
          "lag_minutes",    # minutes after the original
          "encoding",       # "utf-8" or "windows-1252"
          "expected_status",  # status of a (second) GET; 200 for every release page
          "reachable",      # fetchable with 200, robots-allowed and linked from discovery
          "dateline",       # exactly as printed before the first paragraph (stripped)
          "tickers",        # ["NYSE:ACME", ...] printed as "(NYSE: ACME)"
          "issuer", "issuer_short", "headline",
          "special"}],      # "" or a special-case name
      "releases": [{"release_id", "index", "issuer", "issuer_short", "issuer_kind",
                    "tickers", "headline", "topic", "published_at", "original_site",
                    "original_url", "story": [every reachable URL carrying it]}],
      "special": {name: url, ..., "exact_reposts": [url, ...]},
      "offsite_hosts": ["elsewhere.test"],
      "versions": [{"url", "release_id", "site", "versions"}],  # corrected after 1st fetch
      "lookalikes": [[release_id, release_id], ...],  # same issuer and template, other news
    }

Variants are ``original``, ``verbatim``, ``new_intro``, ``dropped_about``, ``edited``,
``shortened`` (first paragraphs only), ``new_headline`` (the carrier's own headline),
``rewritten`` (phrasing changed, figures, names and quotes kept in order), the carries of
``simulator.syndication`` (chrome, teaser, padded, reordered, respelled, byline,
condensed, corrected_repost) and
``exact_repost`` (a tracking-parameter URL serving the same bytes as its canonical page).
A page's ``headline`` is the one it prints. A versioned page serves a corrected text
(a figure changed, a note added) from its second fetch on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import parse_qsl, urlencode

from .generator import (
    ReleasePlan,
    agency_intro,
    apply_edits,
    build_issuers,
    corrected,
    is_lookalike,
    other_headline,
    plan_release,
    release_text,
    rewrite,
    shorten,
)
from .hostile import HostileSite
from .sites import SITE_CLASSES, ListItem, ReleaseView, Response, Site, rfc822, slugify
from .syndication import REAL_VARIANTS, carry, follow_up, lookalike_form, quoted_statement

START = datetime(2026, 7, 1, tzinfo=UTC)
OFFSITE_HOST = "elsewhere.test"
PathFn = Callable[[Site, str, str, datetime], str]
MIN_RELEASES = 8


class Page:
    """A release page on one site (compact; rendered lazily)."""

    __slots__ = ("site_id", "pos", "release", "variant", "minute", "lag", "ident", "path",
                 "special", "repost", "versioned")

    def __init__(self, site_id: str, release: int, variant: str, minute: int, lag: int) -> None:
        self.site_id = site_id
        self.release = release
        self.variant = variant
        self.minute = minute
        self.lag = lag
        self.pos = 0
        self.ident = ""
        self.path = ""
        self.special = ""
        self.repost = ""
        self.versioned = False


def _norm_query(query: str) -> str:
    return urlencode(sorted(parse_qsl(query, keep_blank_values=True)))


class WireNetwork:
    """A deterministic network of news sites; pages are rendered on request."""

    def __init__(self, n_releases: int = 12, seed: int = 7) -> None:
        if n_releases < MIN_RELEASES:
            raise ValueError(f"n_releases must be at least {MIN_RELEASES}")
        self.n_releases = n_releases
        self.seed = seed
        self.sites: dict[str, Site] = {cls.site_id: cls() for cls in SITE_CLASSES}
        self._tz_cache: dict[tuple[str, int], timezone] = {}
        self.issuers = build_issuers(seed, max(8, min(400, n_releases // 4)))
        self._rel_minute: list[int] = []
        self._rel_issuer: list[int] = []
        self._rel_headline: list[str] = []
        self._rel_pages: list[list[Page]] = []
        self._pages: dict[str, list[Page]] = {s: [] for s in self.sites}
        self._build_index()
        self._routes: dict[tuple[str, str], Page] = {}
        self._special: dict[str, str] = {}
        self._special_routes: dict[tuple[str, str], tuple[str, Page | None]] = {}
        self._extras: dict[str, list[ListItem]] = {}
        self._shadow_pages: list[tuple[str, Page, str]] = []
        self._reposts: list[str] = []
        self._no_date_release = -1
        self._assign_paths()
        self._assign_specials()
        last = max(p[0].minute + 0 for p in self._pages.values() if p)
        self.now = START + timedelta(minutes=max(last, self._rel_minute[-1]) + 60)
        self._cache: dict[str, list[ListItem]] = {}
        self._lock = threading.Lock()
        self.hostile = HostileSite()  # its own hosts; not part of the truth

    # -- index --------------------------------------------------------------------------------
    def _build_index(self) -> None:
        minute = 0
        raw: dict[str, list[Page]] = {s: [] for s in self.sites}
        for i in range(self.n_releases):
            plan = plan_release(self.seed, i, self.issuers)
            if i:
                minute += plan.gap_minutes
            self._rel_minute.append(minute)
            self._rel_issuer.append(plan.issuer.index)
            self._rel_headline.append(plan.headline)
            pages = []
            for site_id, variant, lag in plan.copies:
                page = Page(site_id, i, variant, minute + lag, lag)
                raw[site_id].append(page)
                pages.append(page)
            self._rel_pages.append(pages)
        for site_id, pages in raw.items():
            pages.sort(key=lambda p: (p.minute, p.release))
            self._pages[site_id] = pages[::-1]  # newest first

    def _local(self, site: Site, minute: int) -> datetime:
        """Local time on ``site`` (fixed-offset tz, cached per hour: zoneinfo is slow)."""
        key = (site.site_id, minute // 60)
        tz = self._tz_cache.get(key)
        if tz is None:
            offset = (START + timedelta(minutes=minute)).astimezone(site.tz).utcoffset()
            tz = self._tz_cache[key] = timezone(offset or timedelta(0))
        return (START + timedelta(minutes=minute)).astimezone(tz)

    def _assign_paths(self) -> None:
        for site_id, pages in self._pages.items():
            site = self.sites[site_id]
            total = len(pages)
            for k, page in enumerate(pages):
                page.pos = total - 1 - k
                page.ident = site.make_ident(page.pos, (page.release * 7919) % 97)
                path = site.make_path(page.ident, self._rel_headline[page.release],
                                      self._local(site, page.minute))
                n = 2
                while (site.host, path) in self._routes:
                    path = path.rstrip("/") + f"-{n}/"
                    n += 1
                page.path = path
                self._routes[(site.host, path)] = page

    def url(self, page: Page) -> str:
        """Clean (canonical) URL of a page."""
        return self.sites[page.site_id].base_url + page.path

    def repost_url(self, page: Page) -> str:
        """The tracking-parameter URL of an exact repost ('' if none)."""
        return f"{self.url(page)}?{page.repost}" if page.repost else ""

    # -- special cases ------------------------------------------------------------------------
    def _originals(self, site_id: str) -> list[Page]:
        return sorted((p for p in self._pages[site_id] if p.variant == "original"),
                      key=lambda p: p.pos)

    def _shadow(self, k: int, site_id: str, name: str, path_of: PathFn) -> ListItem:
        """A link that looks like a release (for broken/disallowed cases)."""
        site = self.sites[site_id]
        idx = self.n_releases + k
        plan = plan_release(self.seed, idx, self.issuers)
        newest = self._pages[site_id][0].minute if self._pages[site_id] else 0
        page = Page(site_id, idx, "original", max(0, newest - 3 - k), 0)
        page.pos = len(self._pages[site_id]) + k
        page.ident = site.make_ident(page.pos, k)
        local = self._local(site, page.minute)
        page.path = path_of(site, page.ident, plan.headline, local)
        page.special = name
        url = site.base_url + page.path if page.path.startswith("/") else page.path
        self._special[name] = url
        self._shadow_pages.append((name, page, plan.headline))
        if page.path.startswith("/"):
            self._special_routes[(site.host, page.path)] = (name, page)
        return ListItem(url, plan.headline, START + timedelta(minutes=page.minute))

    def _assign_specials(self) -> None:
        bw, gw = self.sites["bizwire"], self.sites["globewire"]
        dna_orig = self._originals("dnanews")
        undated = [p for p in dna_orig[1:] if "20" not in self._rel_headline[p.release]]
        self._no_date_release = (undated or dna_orig[1:])[0].release
        for name, page in (("legacy_encoding", dna_orig[0]),
                           ("no_date", (undated or dna_orig[1:])[0]),
                           ("redirect_to", self._originals("bizwire")[0]),
                           ("flaky_500", self._originals("globewire")[0])):
            page.special = name
            self._special[name] = self.url(page)
        target = self._originals("bizwire")[0]
        old = f"/news/home/{target.path.split('/')[3]}/en"
        self._special["redirect_from"] = bw.base_url + old
        self._special_routes[(bw.host, old)] = ("redirect_from", target)
        self._special["bad_feed"] = gw.base_url + gw.bad_feed_path

        def rel_path(site: Site, ident: str, headline: str, local: datetime) -> str:
            return site.make_path(ident, headline, local)

        def embargo(site: Site, ident: str, headline: str, local: datetime) -> str:
            return f"/news-releases/embargoed/{slugify(headline)}-{ident}.html"

        def offsite(site: Site, ident: str, headline: str, local: datetime) -> str:
            return f"http://{OFFSITE_HOST}/news/{slugify(headline)}.html"

        self._extras = {
            "prwire": [self._shadow(0, "prwire", "robots_disallowed", embargo)],
            "prwire:feed": [self._shadow(1, "prwire", "offsite_link", offsite)],
            "globewire": [self._shadow(2, "globewire", "truncated", rel_path)],
            "dnanews": [self._shadow(3, "dnanews", "empty_body", rel_path),
                        self._shadow(4, "dnanews", "unextractable", rel_path)],
        }
        nf = self._shadow(5, "bizwire", "not_found", rel_path)
        self._special_routes.pop((bw.host, nf.url[len(bw.base_url):]))
        redirect = ListItem(self._special["redirect_from"], self._rel_headline[target.release],
                            START + timedelta(minutes=target.minute))
        self._extras["bizwire"] = [redirect, nf]
        reposts = []
        for site_id, site in self.sites.items():
            plain = [p for p in reversed(self._pages[site_id]) if not p.special]
            chosen = plain[1::29] if len(plain) > 1 else plain[:1]
            for page in chosen:
                page.repost = _norm_query(site.tracking_query)
                reposts.append(self.repost_url(page))
        self._reposts = reposts
        self._versioned: list[Page] = []
        for site_id in self.sites:
            plain = [p for p in reversed(self._pages[site_id]) if not p.special and not p.repost]
            for page in plain[2::31] if len(plain) > 2 else plain[-1:]:
                page.versioned = True
                self._versioned.append(page)

    # -- rendering ----------------------------------------------------------------------------
    def plan(self, index: int) -> ReleasePlan:
        """The plan of release ``index`` (recomputed; cheap)."""
        return plan_release(self.seed, index, self.issuers)

    def release_id(self, index: int) -> str:
        """Stable id of a release."""
        return f"rel-{self.seed}-{index:06d}"

    def headline(self, page: Page) -> str:
        """The headline ``page`` prints (a carrier may write its own)."""
        if page.variant == "new_headline":
            return other_headline(self.plan(page.release))
        return self._rel_headline[page.release] if page.release < self.n_releases \
            else self.plan(page.release).headline

    def _lookalike(self, plan: ReleasePlan, paragraphs: list[str]) -> list[str]:
        """A look-alike's own paragraphs in its form (template sibling, follow-up, or a story
        quoting its twin's statement); any other release's unchanged."""
        index = plan.index
        form = lookalike_form(index) if is_lookalike(index) else "template"
        if form == "template" or index - 1 >= self.n_releases:
            return paragraphs
        twin = self.plan(index - 1)
        twin_time = START + timedelta(minutes=self._rel_minute[index - 1])
        twin_text = release_text(self.seed, twin, twin_time).paragraphs
        if form == "follow_up":
            return follow_up(paragraphs, twin.headline, plan.issuer.short)
        return quoted_statement(paragraphs, twin_text)

    def view(self, page: Page, version: int = 1) -> ReleaseView:
        """Everything needed to render ``page`` (``version`` 2: its corrected text)."""
        site = self.sites[page.site_id]
        plan = self.plan(page.release)
        if page.release < self.n_releases:
            rel_time = START + timedelta(minutes=self._rel_minute[page.release])
        else:
            rel_time = START + timedelta(minutes=page.minute)
        local = self._local(site, page.minute)
        text = release_text(self.seed, plan, rel_time, page.release == self._no_date_release)
        paragraphs, about = self._lookalike(plan, text.paragraphs), text.about
        if page.variant == "new_intro":
            paragraphs = [agency_intro(self.seed, plan, local)] + paragraphs
        elif page.variant == "dropped_about":
            about = []
        elif page.variant == "edited":
            paragraphs = apply_edits(paragraphs)
        elif page.variant == "shortened":
            paragraphs, about = shorten(paragraphs, self.seed, page.release), []
        elif page.variant == "rewritten":
            paragraphs, about = rewrite(paragraphs), []
        elif page.variant in REAL_VARIANTS:
            fields = {"short": plan.issuer.short, "city": plan.issuer.city.name,
                      "sector": plan.issuer.sector}
            paragraphs = carry(page.variant, paragraphs, self.seed, page.release, page.site_id,
                               self.headline(page), fields)
            if page.variant in ("teaser", "condensed"):
                about = []
        if version > 1:
            paragraphs = corrected(paragraphs)
        related = []
        pages = self._pages[page.site_id]
        k = len(pages) - 1 - page.pos
        for j in (k - 2, k - 1, k + 1, k + 2, k + 3):
            if 0 <= j < len(pages) and j != k and page.special not in (
                    "robots_disallowed", "truncated", "no_date"):
                related.append((self.url(pages[j]), self._rel_headline[pages[j].release]))
        encoding = "windows-1252" if page.special == "legacy_encoding" else "utf-8"
        return ReleaseView(
            url=self.url(page), canonical=self.url(page), release_id=self.release_id(page.release),
            headline=self.headline(page), subheadline=plan.subheadline, issuer=plan.issuer,
            city=plan.issuer.city, local=local, dated=page.special != "no_date",
            paragraphs=paragraphs, contact=text.contact, about_title=text.about_title,
            about=about, related=related[:4], encoding=encoding,
        )

    def render(self, page: Page, version: int = 1) -> bytes:
        """The HTML bytes of a release page."""
        view = self.view(page, version)
        html = self.sites[page.site_id].render_release(view)
        return html.encode(view.encoding)

    def _item(self, page: Page, full: bool = False, summary: bool = True) -> ListItem:
        site = self.sites[page.site_id]
        item = ListItem(self.url(page), self._rel_headline[page.release],
                        START + timedelta(minutes=page.minute), tracking_url=self.repost_url(page))
        if summary or full:
            view = self.view(page)
            item.summary = view.paragraphs[0]
            if full:
                item.content_html = site.body_html(view)
        return item

    # -- Catalogue protocol -------------------------------------------------------------------
    def listing(self, site_id: str, page: int, size: int) -> tuple[list[ListItem], bool]:
        """Items of listing page ``page`` (1-based), newest first, and whether more follow."""
        pages = self._pages[site_id]
        chunk = pages[(page - 1) * size: page * size] if page >= 1 else []
        return [self._item(p) for p in chunk], page * size < len(pages)

    def latest(self, site_id: str, k: int, full: bool = False) -> list[ListItem]:
        """The ``k`` newest items of a site."""
        return [self._item(p, full) for p in self._pages[site_id][:k]]

    def all_items(self, site_id: str) -> list[ListItem]:
        """Every item of a site, newest first, without summaries (cached)."""
        with self._lock:
            if site_id not in self._cache:
                self._cache[site_id] = [self._item(p, summary=False)
                                        for p in self._pages[site_id]]
            return self._cache[site_id]

    def extras(self, site_id: str) -> list[ListItem]:
        """Special-case links shown on page 1 of a listing (or a feed/news sitemap)."""
        return list(self._extras.get(site_id, []))

    # -- HTTP ---------------------------------------------------------------------------------
    def site_for_host(self, host: str) -> Site | None:
        """The site served at ``host``."""
        for site in self.sites.values():
            if site.host == host:
                return site
        return None

    def respond(self, host: str, path: str, query: str,
                first_visit: Callable[[str], bool]) -> Response:
        """Answer a GET for ``http://host/path?query``; ``first_visit`` tracks flaky pages."""
        if self.hostile.serves(host):
            return self.hostile.respond(host, path, query)
        if host == OFFSITE_HOST:
            body = b"<html><body><p>Off-site page.</p></body></html>"
            return Response(200, body)
        site = self.site_for_host(host)
        if site is None:
            return Response(502, b"Bad gateway: unknown host", "text/plain; charset=utf-8",
                            compressible=False)
        headers = {"Date": rfc822(self.now)}
        special = self._special_routes.get((host, path))
        if special:
            resp = self._special_response(site, special[0], special[1])
            resp.headers = {**headers, **resp.headers}
            return resp
        page = self._routes.get((host, path))
        if page is not None:
            if query and _norm_query(query) != page.repost:
                pass  # unknown parameters are ignored, as real sites do
            if page.special == "flaky_500" and first_visit(f"{host}{path}"):
                return Response(500, b"<html><body><h1>500 Internal Server Error</h1></body>"
                                b"</html>", headers=headers, compressible=False)
            view_enc = "windows-1252" if page.special == "legacy_encoding" else "utf-8"
            ctype = "text/html" if view_enc != "utf-8" else "text/html; charset=utf-8"
            if page.special != "no_date":
                headers["Last-Modified"] = rfc822(START + timedelta(minutes=page.minute))
            # A versioned page is corrected after its first fetch: a later visit sees v2.
            version = 2 if page.versioned and not first_visit(f"v:{host}{path}") else 1
            return Response(200, self.render(page, version), ctype, headers)
        qs = dict(parse_qsl(query))
        resp = site.route(path, qs, self)
        if resp is None:
            body = b"<html><body><h1>404 Not Found</h1><p>No such page.</p></body></html>"
            resp = Response(404, body, compressible=False)
        resp.headers = {**headers, **resp.headers}
        if resp.status == 200 and "Last-Modified" not in resp.headers:
            pages = self._pages[site.site_id]
            if pages:
                resp.headers["Last-Modified"] = rfc822(START + timedelta(minutes=pages[0].minute))
        return resp

    def _special_response(self, site: Site, name: str, page: Page | None) -> Response:
        assert page is not None
        if name == "redirect_from":
            loc = self.url(page)
            return Response(301, f'<html><body><a href="{loc}">Moved</a></body></html>'.encode(),
                            headers={"Location": loc}, compressible=False)
        if name == "empty_body":
            return Response(200, b"", compressible=False)
        if name == "unextractable":
            body = (
                '<!DOCTYPE html><html><head><meta charset="utf-8"><script>window.__APP__={'
                '"route":"post"};</script><script src="/wp-content/themes/app/bundle.js"></script>'
                '</head><body><div id="app"></div><noscript></noscript><script>document.'
                'getElementById("app").dataset.ready="1";</script></body></html>'
            )
            return Response(200, body.encode())
        html = self.sites[page.site_id].render_release(self.view(page)).encode("utf-8")
        if name == "truncated":
            return Response(200, html, compressible=False, truncate=True)
        return Response(200, html)  # robots_disallowed: served if (wrongly) fetched

    # -- truth --------------------------------------------------------------------------------
    def _page_truth(self, page: Page, url: str, variant: str, reachable: bool,
                    canonical: str) -> dict:
        site = self.sites[page.site_id]
        if page.release < self.n_releases:
            issuer = self.issuers[self._rel_issuer[page.release]]
            headline = self.headline(page)
        else:
            plan = self.plan(page.release)
            issuer, headline = plan.issuer, plan.headline
        local = self._local(site, page.minute)
        stamp = local.isoformat()
        dated = page.special != "no_date"
        return {
            "url": url, "site": page.site_id, "host": site.host,
            "release_id": self.release_id(page.release), "variant": variant,
            "canonical_url": canonical,
            "published_at": stamp if dated else None,
            "listed_at": stamp, "lag_minutes": page.lag,
            "encoding": "windows-1252" if page.special == "legacy_encoding" else "utf-8",
            "expected_status": 200, "reachable": reachable,
            "dateline": site.dateline(issuer.city, local, dated),
            "tickers": list(issuer.tickers), "issuer": issuer.name,
            "issuer_short": issuer.short, "headline": headline,
            "special": page.special,
        }

    def truth(self) -> dict:
        """The ground truth as a JSON-able dict (see module docstring)."""
        pages: list[dict] = []
        stories: list[list[str]] = [[] for _ in range(self.n_releases)]
        sites: dict[str, dict] = {}
        for site_id, site in self.sites.items():
            urls: list[str] = []
            for page in self._pages[site_id]:
                url = self.url(page)
                pages.append(self._page_truth(page, url, page.variant, True, url))
                urls.append(url)
                stories[page.release].append(url)
                if page.repost:
                    rep = self.repost_url(page)
                    pages.append(self._page_truth(page, rep, "exact_repost", True, url))
                    urls.append(rep)
                    stories[page.release].append(rep)
            sites[site_id] = {
                "host": site.host, "base_url": site.base_url, "timezone": site.tzname,
                "carrier": site.carrier, "discovery": self.discovery(site_id),
                "release_urls": urls,
            }
        for name, page, _headline in self._shadow_pages:
            if name in ("robots_disallowed", "truncated"):
                url = self._special[name]
                pages.append(self._page_truth(page, url, "original", False, url))
        releases = []
        for i in range(self.n_releases):
            issuer = self.issuers[self._rel_issuer[i]]
            orig = self._rel_pages[i][0]
            site = self.sites[orig.site_id]
            releases.append({
                "release_id": self.release_id(i), "index": i, "issuer": issuer.name,
                "issuer_short": issuer.short, "issuer_kind": issuer.kind,
                "tickers": list(issuer.tickers), "headline": self._rel_headline[i],
                "published_at": self._local(site, orig.minute).isoformat(),
                "original_site": orig.site_id, "original_url": self.url(orig),
                "story": stories[i],
            })
        return {
            "format": 1, "seed": self.seed, "n_releases": self.n_releases,
            "start": START.isoformat(), "now": self.now.isoformat(),
            "sites": sites, "pages": pages, "releases": releases,
            "special": {**self._special, "exact_reposts": list(self._reposts)},
            "offsite_hosts": [OFFSITE_HOST],
            "versions": [{"url": self.url(p), "release_id": self.release_id(p.release),
                          "site": p.site_id, "versions": 2} for p in self._versioned],
            "lookalikes": [[self.release_id(i - 1), self.release_id(i)]
                           for i in range(1, self.n_releases) if is_lookalike(i)],
        }

    # -- texts without HTTP -------------------------------------------------------------------
    def documents(self, with_boilerplate: bool = True) -> list[dict]:
        """Every release page's text as a cleaner would give it, with its truth: ``id`` (the
        URL), ``release_id``, ``variant``, ``site``, ``published_at``, ``text``. Exact
        reposts share their canonical page's text and are left out."""
        return [self.document(page, with_boilerplate=with_boilerplate)
                for pages in self._pages.values() for page in pages]

    def document(self, page: Page, version: int = 1, with_boilerplate: bool = True) -> dict:
        """One page's text (dateline, body, and unless told otherwise contact and About)."""
        site = self.sites[page.site_id]
        view = self.view(page, version)
        lines = [f"{site.dateline(view.city, view.local, view.dated)} {view.paragraphs[0]}",
                 *view.paragraphs[1:]]
        if with_boilerplate:
            lines += ["Contact:", *view.contact]
            if view.about:
                lines += [view.about_title, *view.about]
        return {"id": self.url(page), "release_id": self.release_id(page.release),
                "variant": page.variant, "site": page.site_id, "title": view.headline,
                "published_at": view.local if view.dated else None,
                "text": "\n\n".join(lines)}

    def versioned_pages(self) -> list[Page]:
        """Pages whose text is corrected after their first fetch."""
        return list(self._versioned)

    def discovery(self, site_id: str) -> dict[str, str]:
        """Entry points a crawler uses to discover a site's releases."""
        b = self.sites[site_id].base_url
        return {
            "prwire": {"robots": f"{b}/robots.txt", "rss": f"{b}/rss/news-releases-list.rss",
                       "listing": f"{b}/news-releases/news-releases-list/?page=1&pagesize=25"},
            "bizwire": {"robots": f"{b}/robots.txt", "sitemap_index": f"{b}/sitemap-index.xml",
                        "news_sitemap": f"{b}/sitemaps/news.xml"},
            "globewire": {"robots": f"{b}/robots.txt", "atom": f"{b}/atom/news.xml",
                          "listing": f"{b}/en/search/?page=1",
                          "bad_feed": f"{b}/RssFeed/subjectcode/01-Business/feedTitle/bad.xml"},
            "dnanews": {"robots": f"{b}/robots.txt", "feed": f"{b}/feed/",
                        "category": f"{b}/category/press-release/",
                        "sitemap": f"{b}/wp-sitemap.xml"},
        }[site_id]
