"""Feeds and sitemaps, read one way: RSS 2.0, RSS 1.0 (RDF), Atom, sitemaps and sitemap
indexes (Google News sitemaps among them), plain or gzipped (``.xml.gz``).

Each document is gunzipped (Scrapy's own gunzip, capped at the download size limit) and
parsed once with a safe lxml parser: no entity expansion, no network, no huge trees, no
recovery. What cannot be read raises :class:`FeedError` with the reason the spider
records (``feed_not_xml``; ``too_large`` for a body that would decompress past the cap).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree
from scrapy.utils._compression import _DecompressionMaxSizeExceeded  # as SitemapSpider
from scrapy.utils.gz import gunzip

ATOM = "{http://www.w3.org/2005/Atom}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
FEED_ROOTS = frozenset({"rss", "RDF", "feed"})
SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})
NOT_XML = "feed_not_xml"
TOO_LARGE = "too_large"
_GZIP_MAGIC = b"\x1f\x8b"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          recover=False, remove_comments=True, remove_pis=True)


class FeedError(ValueError):
    """A feed or sitemap that cannot be read; ``reason`` is the reason recorded for it."""

    def __init__(self, message: str, reason: str = NOT_XML) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Entry:
    """One item of a feed or sitemap: the link as printed, its title and printed date."""

    url: str
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Document:
    """A read feed or sitemap: its kind (``rss``, ``rdf``, ``atom``, ``urlset``,
    ``sitemapindex``) and its entries, in document order."""

    kind: str
    entries: tuple[Entry, ...]


def decompressed(body: bytes, max_size: int = 0) -> bytes:
    """``body``, gunzipped if it is gzip data (a ``.xml.gz`` sitemap served as is), never
    past ``max_size`` bytes (0: no cap)."""
    if not body.startswith(_GZIP_MAGIC):
        return body
    try:
        return gunzip(body, max_size=max_size)
    except _DecompressionMaxSizeExceeded as exc:
        raise FeedError(f"gzip body over the size limit: {exc}", TOO_LARGE) from exc
    except (OSError, EOFError, struct.error, zlib.error) as exc:
        raise FeedError(f"broken gzip data: {exc}") from exc


def parse_xml(body: bytes, roots: frozenset[str], max_size: int = 0) -> etree._Element:
    """The root of a feed or sitemap, checked to be one of ``roots`` (local names)."""
    try:
        root = etree.fromstring(decompressed(body, max_size).strip(), parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not well-formed XML: {exc}") from exc
    if root is None:
        raise FeedError("empty XML document")
    local = etree.QName(root).localname
    if local not in roots:
        raise FeedError(f"unexpected root element <{local}>")
    return root


def read_document(body: bytes, roots: frozenset[str], max_size: int = 0) -> Document:
    """A feed or sitemap read once: its kind and its entries with a link."""
    root = parse_xml(body, roots, max_size)
    kind = {"RDF": "rdf", "feed": "atom"}.get(etree.QName(root).localname,
                                              etree.QName(root).localname)
    reader = {"rss": _rss_entries, "rdf": _rdf_entries, "atom": _atom_entries}.get(
        kind, _sitemap_entries)
    return Document(kind, tuple(e for e in reader(root) if e.url))


def _text(el: etree._Element | None) -> str | None:
    """An element's own text, stripped (an unexpanded entity ends it), or None."""
    if el is None or el.text is None:
        return None
    return el.text.strip() or None


def _child(el: etree._Element, local: str) -> etree._Element | None:
    """The first child of ``el`` with this local name, in any namespace."""
    for child in el:
        if isinstance(child.tag, str) and etree.QName(child).localname == local:
            return child
    return None


def _rss_entries(root: etree._Element) -> Iterator[Entry]:
    """RSS 0.9x/2.0 items: the link, else a permalink guid."""
    for item in root.iter("item"):
        link = _text(item.find("link"))
        guid = item.find("guid")
        if link is None and guid is not None and guid.get("isPermaLink", "true") == "true":
            link = _text(guid)
        yield Entry(link or "", item.findtext("title"),
                    _text(item.find("pubDate")) or _text(item.find(f"{DC}date")))


def _rdf_entries(root: etree._Element) -> Iterator[Entry]:
    """RSS 1.0 (and 0.90) RDF items, in their namespace: ``link`` (else ``rdf:about``),
    ``title`` and ``dc:date``."""
    for item in root.iter(etree.Element):
        if etree.QName(item).localname != "item":
            continue
        link = _text(_child(item, "link")) or (item.get(f"{RDF}about") or "").strip()
        title = _child(item, "title")
        yield Entry(link, title.text if title is not None else None,
                    _text(item.find(f"{DC}date")))


def _atom_entries(root: etree._Element) -> Iterator[Entry]:
    """Atom entries: the alternate link, ``published`` else ``updated``."""
    for entry in root.iter(f"{ATOM}entry"):
        link = None
        for el in entry.iter(f"{ATOM}link"):
            if el.get("rel", "alternate") == "alternate":
                link = el.get("href")
                break
        yield Entry((link or "").strip(), entry.findtext(f"{ATOM}title"),
                    entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated"))


def _sitemap_entries(root: etree._Element) -> Iterator[Entry]:
    """``<url>`` or ``<sitemap>`` entries (any namespace): ``loc``, and the Google News
    ``publication_date`` and ``title`` when given, else ``lastmod``."""
    for el in root:
        if not isinstance(el.tag, str) or etree.QName(el).localname not in ("url", "sitemap"):
            continue
        news = _child(el, "news")
        published = _text(_child(news, "publication_date")) if news is not None else None
        title = _text(_child(news, "title")) if news is not None else None
        yield Entry(_text(_child(el, "loc")) or "", title,
                    published or _text(_child(el, "lastmod")))
