"""Per-site templates: URL schemes, datelines, release pages and discovery documents.

One class per simulated site, sharing :class:`Site`. Templates are written for the simulator;
class names echo the kind of markup the real wires and WordPress themes use.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from html import escape
from typing import Protocol
from zoneinfo import ZoneInfo

from .generator import City, Issuer

_MON3 = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@dataclass(slots=True)
class Response:
    """An HTTP response as the server should send it."""

    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    compressible: bool = True
    truncate: bool = False


@dataclass(slots=True)
class ListItem:
    """A link to a page as shown in a feed, listing or sitemap."""

    url: str
    title: str
    published: datetime
    summary: str = ""
    content_html: str = ""
    tracking_url: str = ""
    category: str = "Press Release"


@dataclass(slots=True)
class ReleaseView:
    """Everything a template needs to render one release page."""

    url: str
    canonical: str
    release_id: str
    headline: str
    subheadline: str
    issuer: Issuer
    city: City
    local: datetime
    dated: bool
    paragraphs: list[str]
    contact: list[str]
    about_title: str
    about: list[str]
    related: list[tuple[str, str]]
    encoding: str = "utf-8"


class Catalogue(Protocol):
    """What a site needs from the network to render discovery documents."""

    def listing(self, site_id: str, page: int, size: int) -> tuple[list[ListItem], bool]: ...

    def latest(self, site_id: str, k: int, full: bool = False) -> list[ListItem]: ...

    def all_items(self, site_id: str) -> list[ListItem]: ...

    def extras(self, site_id: str) -> list[ListItem]: ...


def slugify(text: str, keep_case: bool = False, limit: int = 90) -> str:
    """Hyphenated slug of ``text``; optionally keeping capitals (Business Wire style)."""
    text = text.replace("&", "and").replace("%", "-percent")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[A-Za-z0-9]+", text)
    slug = "-".join(words if keep_case else (w.lower() for w in words))
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def rfc822(dt: datetime) -> str:
    """RFC 822 / HTTP date in GMT."""
    return format_datetime(dt, usegmt=True)


def xml_response(text: str, content_type: str) -> Response:
    """A UTF-8 XML response."""
    return Response(200, text.encode("utf-8"), content_type)


def _e(text: str) -> str:
    return escape(text, quote=True)


def _jsonld(data: dict) -> str:
    return json.dumps(data, indent=1).replace("</", "<\\/")


class Site:
    """Base class for a simulated site: shared helpers and the common page frame."""

    site_id = ""
    host = ""
    name = ""
    tzname = "UTC"
    carrier = ""
    page_size = 25
    dateline_joiner = " "
    tracking_query = "utm_source=rss&utm_medium=feed"
    robots_txt = "User-agent: *\nDisallow:\n"
    nav: tuple[str, ...] = ()
    static_paths: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.tz = ZoneInfo(self.tzname)

    @property
    def base_url(self) -> str:
        """Scheme and host, no trailing slash."""
        return f"http://{self.host}"

    # -- URLs and datelines ----------------------------------------------------------------
    def make_ident(self, pos: int, jitter: int) -> str:
        """Site-specific numeric id for the page at chronological position ``pos``."""
        raise NotImplementedError

    def make_path(self, ident: str, headline: str, local: datetime) -> str:
        """Path of a release page."""
        raise NotImplementedError

    def dateline(self, city: City, local: datetime, dated: bool = True) -> str:
        """The dateline as printed before the first paragraph (no trailing space)."""
        raise NotImplementedError

    def dateline_html(self, city: City, local: datetime, dated: bool = True) -> str:
        """Dateline markup; the text content equals :meth:`dateline`."""
        return _e(self.dateline(city, local, dated))

    @staticmethod
    def place(city: City) -> str:
        """``AUSTIN, Texas`` style place name."""
        return city.name.upper() + (f", {city.region}" if city.region else "")

    # -- shared fragments --------------------------------------------------------------------
    def first_paragraph(self, v: ReleaseView) -> str:
        """First body paragraph with the dateline in front."""
        dl = self.dateline_html(v.city, v.local, v.dated)
        return f"<p>{dl}{self.dateline_joiner}{_e(v.paragraphs[0])}</p>"

    def body_html(self, v: ReleaseView) -> str:
        """Paragraphs of the release with the dateline."""
        rest = "".join(f"<p>{_e(p)}</p>" for p in v.paragraphs[1:])
        return self.first_paragraph(v) + "\n" + rest

    def meta_head(self, v: ReleaseView, extra: str = "") -> str:
        """<head> contents common to release pages."""
        charset = (
            f'<meta http-equiv="Content-Type" content="text/html; charset={v.encoding}">'
            if v.encoding != "utf-8" else '<meta charset="utf-8">'
        )
        desc = _e(v.paragraphs[0][:160])
        return (
            f"{charset}\n<title>{_e(v.headline)} | {_e(self.name)}</title>\n"
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="description" content="{desc}">\n'
            f'<link rel="canonical" href="{_e(v.canonical)}">\n'
            f'<meta property="og:type" content="article">\n'
            f'<meta property="og:url" content="{_e(v.canonical)}">\n'
            f'<meta property="og:title" content="{_e(v.headline)}">\n'
            f'<meta property="og:site_name" content="{_e(self.name)}">\n'
            f'<link rel="stylesheet" href="/static/css/{self.site_id}.min.css">\n{extra}'
        )

    def news_jsonld(self, v: ReleaseView) -> str:
        """JSON-LD NewsArticle block (omitted for undated pages)."""
        if not v.dated:
            return ""
        data = {
            "@context": "https://schema.org", "@type": "NewsArticle",
            "headline": v.headline, "url": v.canonical,
            "datePublished": v.local.isoformat(), "dateModified": v.local.isoformat(),
            "author": {"@type": "Organization", "name": v.issuer.name},
            "publisher": {"@type": "Organization", "name": self.name},
        }
        return f'<script type="application/ld+json">{_jsonld(data)}</script>\n'

    def cookie_banner(self, cls: str) -> str:
        """Cookie-consent banner."""
        return (
            f'<div id="{cls}" class="{cls}" role="dialog" aria-live="polite">'
            "<p>We use cookies to remember your preferences and to measure how our pages are "
            "used. You can accept all cookies or choose which ones to allow.</p>"
            '<button class="accept">Accept all</button> <button class="settings">Cookie '
            'settings</button> <a href="/privacy-policy/">Privacy policy</a></div>\n'
        )

    def share_links(self, v: ReleaseView, cls: str) -> str:
        """Share widgets pointing off-site."""
        u = _e(v.canonical)
        nets = ("Facebook", "X", "LinkedIn", "WhatsApp", "Email")
        items = "".join(
            f'<li><a class="share-{n.lower()}" href="http://elsewhere.test/share/{n.lower()}'
            f'?u={u}" rel="nofollow noopener" target="_blank">{n}</a></li>' for n in nets
        )
        return f'<ul class="{cls}">{items}<li><a href="#" class="print">Print</a></li></ul>\n'

    def related_html(self, v: ReleaseView, title: str, cls: str) -> str:
        """A list of links to other pages of the same site."""
        items = "".join(f'<li><a href="{_e(u)}">{_e(t)}</a></li>' for u, t in v.related)
        return f'<aside class="{cls}"><h3>{title}</h3><ul>{items}</ul></aside>\n'

    def newsletter(self, cls: str) -> str:
        """Newsletter sign-up box."""
        return (
            f'<div class="{cls}"><h4>Get the daily briefing</h4><p>The day\'s most-read '
            f"releases from {_e(self.name)}, delivered every morning.</p>"
            '<form action="/newsletter/subscribe/" method="post"><input type="email" '
            'name="email" placeholder="you@example.org"><button>Subscribe</button></form>'
            "</div>\n"
        )

    def footer(self, cls: str, dated: bool = True) -> str:
        """Footer with many links."""
        links = "".join(
            f'<li><a href="{p}">{_e(p.strip("/").replace("-", " ").title() or "Home")}</a></li>'
            for p in self.static_paths
        )
        year = "© 2026 " if dated else "© "
        return (
            f'<footer class="{cls}"><ul class="footer-links">{links}</ul>'
            f"<p>{year}{_e(self.name)}. All rights reserved. Content supplied by issuers is "
            "their sole responsibility.</p></footer>\n"
        )

    def nav_html(self, cls: str) -> str:
        """Header navigation menu."""
        items = "".join(f'<li><a href="{p}">{_e(t)}</a></li>' for t, p in
                        (n.split("|") for n in self.nav))
        return f'<nav class="{cls}"><ul>{items}</ul></nav>\n'

    def static_page(self, path: str) -> str:
        """A simple informational page for footer/nav links."""
        title = path.strip("/").replace("-", " ").title() or self.name
        return (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_e(title)}'
            f" | {_e(self.name)}</title></head><body>{self.nav_html('nav')}<main><h1>"
            f"{_e(title)}</h1><p>This page describes the {_e(title.lower())} of "
            f"{_e(self.name)}.</p></main>{self.footer('footer')}</body></html>"
        )

    def summary_of(self, item: ListItem) -> str:
        """Short description for listings."""
        return _e(item.summary[:220])

    # -- hooks -------------------------------------------------------------------------------
    def render_release(self, v: ReleaseView) -> str:
        """Render a release page."""
        raise NotImplementedError

    def route(self, path: str, query: dict[str, str], cat: Catalogue) -> Response | None:
        """Serve discovery documents; ``None`` if ``path`` is not one."""
        if path == "/robots.txt":
            return Response(200, self.robots_txt.encode(), "text/plain; charset=utf-8")
        if path in self.static_paths or path in ("/privacy-policy/", "/"):
            return Response(200, self.static_page(path).encode("utf-8"))
        return None


def _int(query: dict[str, str], key: str, default: int) -> int:
    try:
        return int(query.get(key, default))
    except ValueError:
        return -1


# =========================================================================================
class PrWire(Site):
    """A PR Newswire-like wire."""

    site_id = "prwire"
    host = "www.prwire.test"
    name = "PR Wire"
    tzname = "America/New_York"
    carrier = "PRNewswire"
    tracking_query = "utm_source=rss&utm_medium=feed&utm_campaign=releases"
    robots_txt = "User-agent: *\nDisallow: /news-releases/embargoed/\n"
    listing_path = "/news-releases/news-releases-list/"
    rss_path = "/rss/news-releases-list.rss"
    nav = ("News|/news-releases/", "All News Releases|/news-releases/news-releases-list/",
           "Multimedia|/news-releases/multimedia/", "Products|/products/overview/",
           "Contact|/contact-us/", "Send a Release|/account/online-membership-form/")
    static_paths = ("/news-releases/", "/news-releases/multimedia/", "/products/overview/",
                    "/contact-us/", "/account/online-membership-form/", "/about-us/",
                    "/terms-of-use/", "/privacy-policy/", "/accessibility/", "/careers/",
                    "/resources/", "/journalists/")

    def make_ident(self, pos: int, jitter: int) -> str:
        return str(302_100_000 + pos * 11 + jitter % 11)

    def make_path(self, ident: str, headline: str, local: datetime) -> str:
        return f"/news-releases/{slugify(headline)}-{ident}.html"

    def dateline(self, city: City, local: datetime, dated: bool = True) -> str:
        when = f", {_MONTHS[local.month - 1]} {local.day}, {local.year}" if dated else ""
        return f"{self.place(city)}{when} /{self.carrier}/ --"

    def dateline_html(self, city: City, local: datetime, dated: bool = True) -> str:
        when = f"{_MONTHS[local.month - 1]} {local.day}, {local.year}"
        return (f'<span class="xn-location">{_e(self.place(city))}</span>, '
                f'<span class="xn-chron">{when}</span> /{self.carrier}/ --')

    def render_release(self, v: ReleaseView) -> str:
        about = ""
        if v.about:
            about = f"<p><b>{_e(v.about_title)}</b></p>" + "".join(
                f"<p>{_e(p)}</p>" for p in v.about)
        contact = "<br>".join(_e(c) for c in v.contact)
        date_str = v.local.strftime("%b %d, %Y, %H:%M ET")
        sub = f'<p class="subheadline">{_e(v.subheadline)}</p>' if v.subheadline else ""
        return f"""<!DOCTYPE html>
<html lang="en-US"><head>
{self.meta_head(v)}{self.news_jsonld(v)}</head>
<body class="release-page">
{self.cookie_banner("onetrust-banner-sdk")}<header class="prn-header">
<a class="logo" href="/">PR Wire</a>
{self.nav_html("main-nav")}<form class="search" action="/search/"><input name="keyword"></form>
</header>
<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/news-releases/">News</a></li>
<li><a href="{self.listing_path}">All News Releases</a></li></ol>
<main id="main">
<header class="release-header container"><div class="row"><div class="col-lg-10">
<h1>{_e(v.headline)}</h1>{sub}
<div class="release-meta"><span class="mb-no">News provided by</span>
<a class="issuer" href="/news/{_e(v.issuer.domain.split('.')[0])}/">{_e(v.issuer.name)}</a>
<p class="mb-no">{date_str}</p></div>
{self.share_links(v, "social-share list-inline")}</div></div></header>
<section class="release-body container"><div class="row"><div class="col-lg-10 col-lg-offset-1">
{self.body_html(v)}
<p><b>Media Contact:</b><br>{contact}</p>
{about}
<p>SOURCE {_e(v.issuer.name)}</p>
<p class="view-original">View original content: <a href="{_e(v.canonical)}">
{_e(v.canonical)}</a></p>
<p class="end-marker">###</p>
</div></div></section>
{self.related_html(v, "Also from this source", "related-releases")}
{self.newsletter("newsletter-signup")}</main>
{self.footer("site-footer")}<script src="/static/js/prn.bundle.js"></script>
</body></html>
"""

    def listing_html(self, page: int, items: list[ListItem], has_next: bool,
                     extras: list[ListItem]) -> str:
        """Paginated listing of all releases."""
        rows = []
        for item in items:
            stamp = item.published.astimezone(self.tz).strftime("%b %d, %Y, %H:%M ET")
            rows.append(
                f'<div class="row newsCards card"><h3><small>{stamp}</small> <a class='
                f'"newsreleaseconsolidatelink display-outline" href="{_e(item.url)}">'
                f"{_e(item.title)}</a></h3>"
                f"<p>{self.summary_of(item)}</p></div>"
            )
        if page == 1:
            for i, item in enumerate(extras):
                rows.insert(min(2 + i, len(rows)), f'<div class="row newsCards card"><h3>'
                            f'<a href="{_e(item.url)}">{_e(item.title)}</a></h3></div>')
        trending = "".join(f'<li><a href="{_e(i.tracking_url)}">{_e(i.title)}</a></li>'
                           for i in items if i.tracking_url)
        q = "&pagesize=25"
        nxt = (f'<li><a rel="next" aria-label="Next" href="{self.listing_path}?page={page + 1}'
               f'{q}">Next</a></li>' if has_next else "")
        prev = (f'<li><a rel="prev" href="{self.listing_path}?page={page - 1}{q}">Prev</a></li>'
                if page > 1 else "")
        return f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8">
<title>All News Releases - page {page} | PR Wire</title>
<link rel="alternate" type="application/rss+xml" href="{self.rss_path}"></head><body>
{self.cookie_banner("onetrust-banner-sdk")}{self.nav_html("main-nav")}
<main><h1>All News Releases</h1><div class="col-sm-12 card-list">{"".join(rows)}</div>
<aside class="trending"><h3>Trending</h3><ul>{trending}</ul></aside>
<nav aria-label="pagination"><ul class="pagination">{prev}
<li class="active"><span>{page}</span></li>{nxt}</ul></nav>
</main>{self.footer("site-footer")}</body></html>
"""

    def rss(self, items: list[ListItem]) -> str:
        """RSS 2.0 feed of the latest releases."""
        out = []
        for item in items:
            link = item.tracking_url or item.url
            out.append(
                f"<item><title>{_e(item.title)}</title><link>{_e(link)}</link>"
                f"<description>{_e(item.summary[:300])}</description>"
                f"<pubDate>{rfc822(item.published)}</pubDate>"
                f'<guid isPermaLink="false">{_e(item.url)}</guid></item>'
            )
        built = rfc822(items[0].published) if items else ""
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>PR Wire: All News Releases</title><link>{self.base_url}/news-releases/</link>"
            "<description>Latest news releases distributed by PR Wire</description>"
            f"<language>en-us</language><lastBuildDate>{built}</lastBuildDate>"
            + "\n".join(out) + "</channel></rss>\n"
        )

    def route(self, path: str, query: dict[str, str], cat: Catalogue) -> Response | None:
        if path == self.rss_path:
            items = cat.latest(self.site_id, 20) + cat.extras(self.site_id + ":feed")
            items.sort(key=lambda i: i.published, reverse=True)
            return xml_response(self.rss(items[:21]), "application/rss+xml; charset=utf-8")
        if path == self.listing_path:
            page, size = _int(query, "page", 1), _int(query, "pagesize", 25)
            if page < 1 or not 1 <= size <= 100:
                return None
            items, has_next = cat.listing(self.site_id, page, size)
            if not items:
                return None
            html = self.listing_html(page, items, has_next, cat.extras(self.site_id))
            return Response(200, html.encode("utf-8"))
        return super().route(path, query, cat)


# =========================================================================================
class BizWire(Site):
    """A Business Wire-like wire (discovery through sitemaps)."""

    site_id = "bizwire"
    host = "www.bizwire.test"
    name = "Biz Wire"
    tzname = "America/New_York"
    carrier = "BUSINESS WIRE"
    dateline_joiner = ""
    tracking_query = "utm_campaign=sitemap&utm_source=bizwire&utm_medium=referral"
    robots_txt = (
        "User-agent: *\nDisallow: /portal/\nDisallow: /search/\n\n"
        "Sitemap: http://www.bizwire.test/sitemap-index.xml\n"
    )
    nav = ("Newsroom|/newsroom/", "Services|/portal/site/home/", "Events|/events/",
           "About|/about-us/", "Contact|/contact-us/")
    static_paths = ("/newsroom/", "/events/", "/about-us/", "/contact-us/", "/privacy-policy/",
                    "/terms-of-use/", "/cookie-statement/", "/careers/", "/investor-relations/",
                    "/partners/", "/accessibility/", "/site-map/")

    def make_ident(self, pos: int, jitter: int) -> str:
        return f"{5000 + pos:06d}"

    def make_path(self, ident: str, headline: str, local: datetime) -> str:
        return f"/news/home/{local:%Y%m%d}{ident}/en/{slugify(headline, keep_case=True)}"

    def dateline(self, city: City, local: datetime, dated: bool = True) -> str:
        return f"{self.place(city)}--({self.carrier})--"

    def render_release(self, v: ReleaseView) -> str:
        about = ""
        if v.about:
            about = f"<p><b>{_e(v.about_title)}</b></p>" + "".join(
                f"<p>{_e(p)}</p>" for p in v.about)
        contact = "<br>".join(_e(c) for c in v.contact)
        stamp = v.local.strftime("%B %d, %Y %I:%M %p Eastern Daylight Time").replace(" 0", " ")
        sub = f'<h2 class="bw-release-subhead">{_e(v.subheadline)}</h2>' if v.subheadline else ""
        return f"""<!DOCTYPE html>
<html lang="en"><head>
{self.meta_head(v)}{self.news_jsonld(v)}</head>
<body class="bw-release">
{self.cookie_banner("bw-cookie-consent")}<div class="bw-header">
<a class="bw-logo" href="/">Biz Wire</a>{self.nav_html("bw-nav")}</div>
<div class="bw-breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/newsroom/">Newsroom</a></div>
<article class="bw-release-main">
<header><h1 class="epi-fontLg bwalignc"><b>{_e(v.headline)}</b></h1>{sub}
<div class="bw-release-timestamp"><time datetime="{v.local.isoformat()}">{stamp}</time></div>
</header>
{self.share_links(v, "bw-social-share")}
<div class="bw-release-story">
{self.body_html(v)}
{about}
</div>
<div class="bw-release-contact"><h2>Contacts</h2><p>{contact}</p></div>
<p class="bw-release-source">Source: {_e(v.issuer.name)}</p>
</article>
{self.related_html(v, "More News From Biz Wire", "bw-more-news")}
{self.newsletter("bw-newsletter")}
{self.footer("bw-footer")}<script src="/static/js/bw-release.js"></script>
</body></html>
"""

    def sitemap_index(self, months: list[str]) -> str:
        """Sitemap index listing the news sitemap and monthly sitemaps."""
        locs = [f"{self.base_url}/sitemaps/news.xml"] + [
            f"{self.base_url}/sitemaps/releases-{m}.xml" for m in months]
        body = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.'
                f'sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>\n')

    def news_sitemap(self, items: list[ListItem]) -> str:
        """Google News sitemap of the latest releases."""
        urls = []
        for item in items:
            urls.append(
                f"<url><loc>{_e(item.url)}</loc><news:news><news:publication>"
                "<news:name>Biz Wire</news:name><news:language>en</news:language>"
                "</news:publication><news:publication_date>"
                f"{item.published.astimezone(self.tz).isoformat()}</news:publication_date>"
                f"<news:title>{_e(item.title)}</news:title></news:news></url>"
            )
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
                'schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                + "\n".join(urls) + "</urlset>\n")

    def urlset(self, items: list[ListItem]) -> str:
        """Monthly urlset with lastmod."""
        urls = []
        for item in items:
            lastmod = item.published.astimezone(self.tz).isoformat()
            urls.append(f"<url><loc>{_e(item.url)}</loc><lastmod>{lastmod}</lastmod></url>")
            if item.tracking_url:
                urls.append(f"<url><loc>{_e(item.tracking_url)}</loc>"
                            f"<lastmod>{lastmod}</lastmod></url>")
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
                'schemas/sitemap/0.9">' + "\n".join(urls) + "</urlset>\n")

    def route(self, path: str, query: dict[str, str], cat: Catalogue) -> Response | None:
        ctype = "application/xml; charset=utf-8"
        if path in ("/sitemap-index.xml", "/sitemaps/news.xml") or path.startswith(
                "/sitemaps/releases-"):
            items = cat.all_items(self.site_id)
            months = sorted({i.published.astimezone(self.tz).strftime("%Y-%m") for i in items},
                            reverse=True)
            if path == "/sitemap-index.xml":
                return xml_response(self.sitemap_index(months), ctype)
            if path == "/sitemaps/news.xml":
                latest = items[:50]
                extras = cat.extras(self.site_id)
                return xml_response(self.news_sitemap(latest[:2] + extras + latest[2:]), ctype)
            m = re.fullmatch(r"/sitemaps/releases-(\d{4}-\d{2})\.xml", path)
            if m and m.group(1) in months:
                month = [i for i in items
                         if i.published.astimezone(self.tz).strftime("%Y-%m") == m.group(1)]
                return xml_response(self.urlset(month), ctype)
            return None
        return super().route(path, query, cat)


# =========================================================================================
class GlobeWire(Site):
    """A GlobeNewswire-like wire."""

    site_id = "globewire"
    host = "www.globewire.test"
    name = "Globe Wire"
    tzname = "America/Toronto"
    carrier = "GLOBE NEWSWIRE"
    page_size = 20
    tracking_query = "utm_source=globewire&utm_medium=listing&utm_campaign=trending"
    robots_txt = "User-agent: *\nDisallow: /Account/\nDisallow: /Search/Advanced/\n"
    atom_path = "/atom/news.xml"
    bad_feed_path = "/RssFeed/subjectcode/01-Business/feedTitle/bad.xml"
    listing_path = "/en/search/"
    nav = ("Newsroom|/en/search/", "Organizations|/en/organizations/",
           "Industries|/en/industries/", "Subjects|/en/subjects/", "Contact|/en/contact/")
    static_paths = ("/en/organizations/", "/en/industries/", "/en/subjects/", "/en/contact/",
                    "/en/about/", "/en/legal/", "/en/privacy/", "/en/rss-feeds/",
                    "/en/accessibility/", "/en/careers/", "/en/help/")

    def make_ident(self, pos: int, jitter: int) -> str:
        return str(3_100_000 + pos * 7 + jitter % 7)

    def make_path(self, ident: str, headline: str, local: datetime) -> str:
        return (f"/news-release/{local:%Y/%m/%d}/{ident}/0/en/"
                f"{slugify(headline, keep_case=True)}.html")

    def dateline(self, city: City, local: datetime, dated: bool = True) -> str:
        return (f"{self.place(city)}, {_MONTHS[local.month - 1]} {local.day:02d}, "
                f"{local.year} ({self.carrier}) --")

    def render_release(self, v: ReleaseView) -> str:
        about = ""
        if v.about:
            about = f"<p><strong>{_e(v.about_title)}</strong></p>" + "".join(
                f"<p>{_e(p)}</p>" for p in v.about)
        contact = "<br>".join(_e(c) for c in v.contact)
        pub = v.local.strftime("%B %d, %Y %H:%M ET")
        sub = f'<h2 class="sub-title">{_e(v.subheadline)}</h2>' if v.subheadline else ""
        alt = f'<link rel="alternate" type="application/rss+xml" href="{self.bad_feed_path}">\n'
        return f"""<!DOCTYPE html>
<html lang="en"><head>
{self.meta_head(v, alt)}{self.news_jsonld(v)}</head>
<body>
{self.cookie_banner("cookie-consent-globe")}<div class="header-container">
<a class="brand" href="/en/">Globe Wire</a>{self.nav_html("main-navigation")}</div>
<div id="container-article" class="main-container">
<ul class="breadcrumbs"><li><a href="/en/">Home</a></li>
<li><a href="{self.listing_path}">Newsroom</a></li></ul>
<div class="main-container-content"><div class="main-header-container">
<h1 class="article-headline">{_e(v.headline)}</h1>{sub}
<p><span class="article-published"><time datetime="{v.local.isoformat()}">{pub}</time></span>
 | Source: <span class="article-source">{_e(v.issuer.name)}</span></p></div>
{self.share_links(v, "article-social-share")}
<div id="main-body-container" class="main-body-container article-body" itemprop="articleBody">
{self.body_html(v)}
{about}
<p><strong>Contact</strong><br>{contact}</p>
</div>
<div class="main-tags-attachments-container"><span>Tags</span>
<a href="/en/search/?keyword={_e(v.issuer.short)}">{_e(v.issuer.short)}</a></div>
</div>
{self.related_html(v, "Related News", "related-news-container")}
{self.newsletter("subscribe-box")}</div>
{self.footer("globe-footer")}<script src="/Scripts/article.min.js"></script>
</body></html>
"""

    def listing_html(self, page: int, items: list[ListItem], has_next: bool,
                     extras: list[ListItem]) -> str:
        """Paginated newsroom search listing."""
        rows = [
            f'<li class="row"><div class="pagging-list-item-text-container"><a data-section='
            f'"newsroom" href="{_e(i.url)}">{_e(i.title)}</a><span class="date-source">'
            f"{i.published.astimezone(self.tz).strftime('%B %d, %Y %H:%M ET')}</span>"
            f"<p>{self.summary_of(i)}</p></div></li>"
            for i in items
        ]
        if page == 1:
            for k, item in enumerate(extras):
                rows.insert(min(1 + k, len(rows)),
                            f'<li class="row"><a href="{_e(item.url)}">{_e(item.title)}</a></li>')
        trending = "".join(f'<li><a href="{_e(i.tracking_url)}">{_e(i.title)}</a></li>'
                           for i in items if i.tracking_url)
        nxt = (f'<a rel="next" class="pagnition-next" href="{self.listing_path}?page={page + 1}">'
               "Next</a>" if has_next else "")
        return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Newsroom - page {page} | Globe Wire</title>
<link rel="alternate" type="application/atom+xml" href="{self.atom_path}"></head><body>
{self.cookie_banner("cookie-consent-globe")}{self.nav_html("main-navigation")}
<main><h1>Newsroom</h1><ul class="pagging-list">{"".join(rows)}</ul>
<aside class="most-read"><h3>Most read</h3><ul>{trending}</ul></aside>
<div class="pagnition">{nxt}</div></main>{self.footer("globe-footer")}</body></html>
"""

    def atom(self, items: list[ListItem]) -> str:
        """Atom 1.0 feed of the latest releases."""
        entries = []
        for i in items:
            stamp = i.published.astimezone(self.tz).isoformat()
            link = i.tracking_url or i.url
            entries.append(
                f"<entry><id>{_e(i.url)}</id><title>{_e(i.title)}</title>"
                f'<link rel="alternate" href="{_e(link)}"/><published>{stamp}</published>'
                f"<updated>{stamp}</updated><summary>{_e(i.summary[:300])}</summary>"
                "<author><name>Globe Wire</name></author></entry>"
            )
        updated = items[0].published.astimezone(self.tz).isoformat() if items else ""
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<id>{self.base_url}{self.atom_path}</id><title>Globe Wire - Latest News</title>"
            f'<link rel="self" href="{self.base_url}{self.atom_path}"/><updated>{updated}'
            "</updated>" + "\n".join(entries) + "</feed>\n"
        )

    def route(self, path: str, query: dict[str, str], cat: Catalogue) -> Response | None:
        if path == self.atom_path:
            atom = self.atom(cat.latest(self.site_id, 20))
            return xml_response(atom, "application/atom+xml; charset=utf-8")
        if path == self.bad_feed_path:
            html = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Service '
                    "Unavailable</title></head><body><h1>Something went wrong</h1><p>The feed "
                    "you requested could not be generated.<br>Please try again later&nbsp;"
                    "&mdash; our team has been notified.</p></body></html>")
            return Response(200, html.encode(), "application/rss+xml")
        if path == self.listing_path:
            page = _int(query, "page", 1)
            if page < 1:
                return None
            items, has_next = cat.listing(self.site_id, page, self.page_size)
            if not items:
                return None
            html = self.listing_html(page, items, has_next, cat.extras(self.site_id))
            return Response(200, html.encode("utf-8"))
        return super().route(path, query, cat)


# =========================================================================================
class DnaNews(Site):
    """A WordPress news-agency site (Pakistan)."""

    site_id = "dnanews"
    host = "dnanews.test"
    name = "DNA News Agency"
    tzname = "Asia/Karachi"
    carrier = "DNA"
    page_size = 10
    tracking_query = "utm_source=dlvr.it&utm_medium=twitter"
    robots_txt = (
        "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
        "Sitemap: http://dnanews.test/wp-sitemap.xml\n"
    )
    category_path = "/category/press-release/"
    sitemap_chunk = 2000
    nav = ("Home|/", "National|/category/national/", "Business|/category/business/",
           "World|/category/world/", "Press Release|/category/press-release/",
           "Contact Us|/contact-us/")
    static_paths = ("/category/national/", "/category/business/", "/category/world/",
                    "/contact-us/", "/about-us/", "/advertise/", "/privacy-policy/",
                    "/category/sports/", "/category/health/", "/category/technology/",
                    "/category/editorial/", "/category/opinion/", "/terms/")

    def make_ident(self, pos: int, jitter: int) -> str:
        return str(90_000 + pos)

    def make_path(self, ident: str, headline: str, local: datetime) -> str:
        return f"/{slugify(headline, limit=70)}/"

    def dateline(self, city: City, local: datetime, dated: bool = True) -> str:
        when = f", {_MON3[local.month - 1]} {local.day}" if dated else ""
        return f"{city.name.upper()}{when} /{self.carrier}/ –"

    def render_release(self, v: ReleaseView) -> str:
        about = ""
        if v.about:
            about = f"<p><strong>{_e(v.about_title)}</strong></p>" + "".join(
                f"<p>{_e(p)}</p>" for p in v.about)
        iso = v.local.isoformat()
        meta = (f'<meta property="article:published_time" content="{iso}">\n'
                if v.dated else "")
        date_line = (f'<span class="td-post-date"><time class="entry-date updated td-module-date"'
                     f' datetime="{iso}">{v.local.strftime("%B %d, %Y")}</time></span>'
                     if v.dated else "")
        comments = self.comments(v)
        jsonld = self.news_jsonld(v) if v.dated else ""
        return f"""<!DOCTYPE html>
<html lang="en-US"><head>
{self.meta_head(v, meta)}{jsonld}</head>
<body class="post-template-default single single-post td-standard-pack">
{self.cookie_banner("cookie-law-info-bar")}<div class="td-header-wrap">
<a class="td-logo" href="/">DNA News Agency</a>{self.nav_html("td-header-menu")}</div>
<div class="td-crumb-container"><div class="entry-crumbs"><span><a href="/">Home</a></span>
<span><a href="{self.category_path}">Press Release</a></span></div></div>
<article class="post type-post status-publish format-standard category-press-release">
<div class="td-post-header"><ul class="td-category"><li><a class="td-post-category"
 href="{self.category_path}">Press Release</a></li></ul>
<header class="td-post-title"><h1 class="entry-title">{_e(v.headline)}</h1>
<div class="td-module-meta-info"><div class="td-post-author-name">By <a
 href="/author/dna-desk/">DNA Desk</a></div>{date_line}</div></header></div>
{self.share_links(v, "td-post-sharing td-social-sharing-buttons")}
<div class="td-post-content tagdiv-type entry-content">
{self.body_html(v)}
{about}
<p>— DNA —</p>
</div></article>
{self.related_html(v, "RELATED ARTICLES", "td_block_related_posts")}
{comments}
<aside class="td-sidebar"><div class="widget"><h4 class="block-title">Editor's picks</h4>
<ul><li><a href="/category/editorial/">Karachi’s café owners adapt to longer summers</a></li>
<li><a href="/category/opinion/">Why the monsoon season needs a new plan</a></li></ul></div>
{self.newsletter("td-newsletter widget")}</aside>
{self.footer("td-footer-wrapper", v.dated)}
<script src="/wp-includes/js/jquery/jquery.min.js"></script>
</body></html>
"""

    def comments(self, v: ReleaseView) -> str:
        """A short comments section with invented readers."""
        people = ("Asad from Lahore", "Mehwish K.", "Rehan", "A reader in Quetta")
        lines = ("Good initiative, hope it is implemented on time.",
                 "Would like to see the full report published in Urdu as well.",
                 "Such programmes should include smaller cities too.")
        h = sum(map(ord, v.release_id))
        items = []
        for k in range(2):
            when = "" if not v.dated else (
                f'<time class="comment-date">{v.local.strftime("%B %d, %Y")} at '
                f"{(v.local.hour + 2 + k) % 24}:{(13 * k + 7) % 60:02d}</time>")
            items.append(f'<li class="comment"><div class="comment-meta"><cite>'
                         f"{people[(h + k) % 4]}</cite>{when}</div>"
                         f"<p>{lines[(h + k) % 3]}</p></li>")
        return (f'<div class="comments" id="comments"><h4 class="td-comments-title">2 COMMENTS'
                f'</h4><ol class="comment-list">{"".join(items)}</ol><div id="respond">'
                '<h3>LEAVE A REPLY</h3><form action="/wp-comments-post.php" method="post">'
                '<textarea name="comment"></textarea></form></div></div>\n')

    def category_url(self, page: int) -> str:
        """Absolute URL of a category listing page."""
        if page == 1:
            return f"{self.base_url}{self.category_path}"
        return f"{self.base_url}{self.category_path}page/{page}/"

    def category_html(self, page: int, items: list[ListItem], has_next: bool,
                      extras: list[ListItem]) -> str:
        """WordPress category archive page."""
        rows = [
            f'<div class="td_module_10 td_module_wrap"><h3 class="entry-title td-module-title">'
            f'<a href="{_e(i.url)}" rel="bookmark">{_e(i.title)}</a></h3>'
            f'<time class="entry-date">{i.published.astimezone(self.tz).strftime("%B %d, %Y")}'
            f'</time><div class="td-excerpt">{self.summary_of(i)}</div></div>'
            for i in items
        ]
        if page == 1:
            for k, item in enumerate(extras):
                rows.insert(min(1 + k, len(rows)), f'<div class="td_module_10"><h3 class="entry-'
                            f'title"><a href="{_e(item.url)}">{_e(item.title)}</a></h3></div>')
        trending = "".join(f'<li><a href="{_e(i.tracking_url)}">{_e(i.title)}</a></li>'
                           for i in items if i.tracking_url)
        links = []
        if page > 1:
            links.append(f'<a class="prev page-numbers" href="{self.category_url(page - 1)}">'
                         "&laquo; Previous</a>")
        links.append(f'<span aria-current="page" class="page-numbers current">{page}</span>')
        if has_next:
            links.append(f'<a class="page-numbers" href="{self.category_url(page + 1)}">'
                         f"{page + 1}</a>")
            links.append(f'<a class="next page-numbers" href="{self.category_url(page + 1)}">'
                         "Next &raquo;</a>")
        return f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8">
<title>Press Release Archives - Page {page} - DNA News Agency</title>
<link rel="alternate" type="application/rss+xml" href="{self.base_url}/feed/"></head>
<body class="archive category category-press-release">{self.cookie_banner("cookie-law-info-bar")}
{self.nav_html("td-header-menu")}<div class="td-category-header"><h1 class="entry-title
 td-page-title">Press Release</h1></div><div class="td-ss-main-content">{"".join(rows)}</div>
<aside class="td-sidebar"><h4>Trending now</h4><ul>{trending}</ul></aside>
<div class="page-nav td-pb-padding-side"><nav class="navigation pagination">{"".join(links)}</nav>
</div>{self.footer("td-footer-wrapper")}</body></html>
"""

    def feed(self, items: list[ListItem]) -> str:
        """WordPress RSS 2.0 feed with content:encoded."""
        out = []
        for i in items:
            link = i.tracking_url or i.url
            out.append(
                f"<item><title>{_e(i.title)}</title><link>{_e(link)}</link>"
                f"<dc:creator><![CDATA[DNA Desk]]></dc:creator><pubDate>{rfc822(i.published)}"
                f"</pubDate><category><![CDATA[{i.category}]]></category>"
                f'<guid isPermaLink="false">{_e(i.url)}</guid>'
                f"<description><![CDATA[{i.summary[:200]} [&#8230;]]]></description>"
                f"<content:encoded><![CDATA[{i.content_html}]]></content:encoded></item>"
            )
        built = rfc822(items[0].published) if items else ""
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://'
            'purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>DNA News Agency</title>'
            f'<atom:link href="{self.base_url}/feed/" rel="self" type="application/rss+xml"/>'
            f"<link>{self.base_url}</link><description>News agency of record</description>"
            f"<lastBuildDate>{built}</lastBuildDate><language>en-US</language>"
            "<generator>https://wordpress.org/?v=6.6</generator>"
            + "\n".join(out) + "</channel></rss>\n"
        )

    def route(self, path: str, query: dict[str, str], cat: Catalogue) -> Response | None:
        if path == "/feed/":
            feed = self.feed(cat.latest(self.site_id, 20, full=True))
            return xml_response(feed, "application/rss+xml; charset=UTF-8")
        m = re.fullmatch(r"/category/press-release/(?:page/(\d+)/)?", path)
        if m:
            page = int(m.group(1) or 1)
            items, has_next = cat.listing(self.site_id, page, self.page_size)
            if not items or (m.group(1) and page == 1):
                return None
            html = self.category_html(page, items, has_next, cat.extras(self.site_id))
            return Response(200, html.encode("utf-8"))
        if path == "/wp-sitemap.xml":
            n = len(cat.all_items(self.site_id))
            files = max(1, -(-n // self.sitemap_chunk))
            locs = "".join(f"<sitemap><loc>{self.base_url}/wp-sitemap-posts-post-{k}.xml</loc>"
                           "</sitemap>" for k in range(1, files + 1))
            return xml_response('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns='
                                f'"http://www.sitemaps.org/schemas/sitemap/0.9">{locs}'
                                "</sitemapindex>\n", "application/xml; charset=UTF-8")
        m = re.fullmatch(r"/wp-sitemap-posts-post-(\d+)\.xml", path)
        if m:
            k = int(m.group(1))
            items = cat.all_items(self.site_id)[::-1]
            chunk = items[(k - 1) * self.sitemap_chunk: k * self.sitemap_chunk]
            if k < 1 or not chunk:
                return None
            urls = "".join(
                f"<url><loc>{_e(i.url)}</loc><lastmod>"
                f"{i.published.astimezone(self.tz).isoformat()}</lastmod></url>" for i in chunk)
            return xml_response('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://'
                                f'www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n',
                                "application/xml; charset=UTF-8")
        return super().route(path, query, cat)


SITE_CLASSES: tuple[type[Site], ...] = (PrWire, BizWire, GlobeWire, DnaNews)
