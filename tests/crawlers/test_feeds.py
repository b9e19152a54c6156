"""crawlers/feeds.py: one reader for RSS 2.0, RSS 1.0, Atom, sitemaps and sitemap indexes,
plain or gzipped; and the spider's feed and sitemap readers fed Scrapy responses."""

from __future__ import annotations

import gzip

import pytest
from scrapy import Request
from scrapy.http import Response

from crawlers.feeds import (
    FEED_ROOTS,
    SITEMAP_ROOTS,
    Entry,
    FeedError,
    decompressed,
    read_document,
)
from crawlers.records import ManifestRecord
from tests.crawlers.inprocess import make_spider, response, xml_response

RSS2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Test Wire</title>
<item><title>Harbour opens</title><link> https://wire.example/news/harbour-opens </link>
<pubDate>Fri, 27 Nov 2026 10:00:00 +0500</pubDate></item>
<item><title>By guid</title><guid>https://wire.example/news/by-guid</guid>
<dc:date>2026-11-26T08:00:00Z</dc:date></item>
<item><title>Not a permalink</title><guid isPermaLink="false">tag:wire,1</guid></item>
</channel></rss>"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://wire.example/rdf"><title>Test Wire</title>
<link>https://wire.example/</link><items><rdf:Seq>
<rdf:li rdf:resource="https://wire.example/news/quay-extended"/></rdf:Seq></items></channel>
<item rdf:about="https://wire.example/news/quay-extended"><title>Quay extended</title>
<link>https://wire.example/news/quay-extended</link><dc:date>2026-11-25T09:00:00+05:00</dc:date>
</item>
<item rdf:about="https://wire.example/news/about-only"><title>About only</title></item>
</rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Test Wire</title>
<entry><title>Ferry resumes</title><link rel="self" href="https://wire.example/api/1"/>
<link href="https://wire.example/news/ferry-resumes"/><updated>2026-11-24T07:00:00Z</updated>
<published>2026-11-23T07:00:00Z</published></entry>
<entry><title>No date</title><link rel="alternate" href="/news/no-date"/></entry>
</feed>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://wire.example/news/dock-strike-ends</loc><lastmod>2026-11-22</lastmod></url>
<url><loc>https://wire.example/news/tariff-notice</loc><lastmod>2026-11-21T10:00:00Z</lastmod>
<news:news><news:publication><news:name>Test Wire</news:name></news:publication>
<news:publication_date>2026-11-20T15:00:00+05:00</news:publication_date>
<news:title>Tariff notice</news:title></news:news></url>
<url><lastmod>2026-11-19</lastmod></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://wire.example/sitemaps/news-1.xml.gz</loc><lastmod>2026-11-27</lastmod>
</sitemap><sitemap><loc>https://wire.example/sitemaps/news-0.xml.gz</loc>
<lastmod>2025-03-01</lastmod></sitemap></sitemapindex>"""


@pytest.mark.parametrize(
    ("body", "roots", "kind", "entries"),
    [
        # RSS 2.0: the link, else a permalink guid; dc:date when there is no pubDate
        (RSS2, FEED_ROOTS, "rss", (
            Entry("https://wire.example/news/harbour-opens", "Harbour opens",
                  "Fri, 27 Nov 2026 10:00:00 +0500"),
            Entry("https://wire.example/news/by-guid", "By guid", "2026-11-26T08:00:00Z"))),
        # RSS 1.0: namespaced items, rdf:about when there is no link
        (RSS1, FEED_ROOTS, "rdf", (
            Entry("https://wire.example/news/quay-extended", "Quay extended",
                  "2026-11-25T09:00:00+05:00"),
            Entry("https://wire.example/news/about-only", "About only", None))),
        # Atom: the alternate link (not rel=self), published before updated
        (ATOM, FEED_ROOTS, "atom", (
            Entry("https://wire.example/news/ferry-resumes", "Ferry resumes",
                  "2026-11-23T07:00:00Z"),
            Entry("/news/no-date", "No date", None))),
        # a sitemap: lastmod, or the Google News date and title; no loc, no entry
        (URLSET, SITEMAP_ROOTS, "urlset", (
            Entry("https://wire.example/news/dock-strike-ends", None, "2026-11-22"),
            Entry("https://wire.example/news/tariff-notice", "Tariff notice",
                  "2026-11-20T15:00:00+05:00"))),
    ],
)  # fmt: skip
def test_each_kind_of_document_reads_to_its_entries(body: bytes, roots, kind: str,
                                                    entries: tuple[Entry, ...]):
    doc = read_document(body, roots)
    assert (doc.kind, doc.entries) == (kind, entries)


def test_sitemap_index_names_its_child_sitemaps():
    doc = read_document(INDEX, SITEMAP_ROOTS)
    assert doc.kind == "sitemapindex"
    assert [(e.url, e.published) for e in doc.entries] == [
        ("https://wire.example/sitemaps/news-1.xml.gz", "2026-11-27"),
        ("https://wire.example/sitemaps/news-0.xml.gz", "2025-03-01")]


def test_gzipped_sitemaps_and_indexes_read_as_the_plain_ones():
    for plain in (URLSET, INDEX):
        packed = gzip.compress(plain)
        assert read_document(packed, SITEMAP_ROOTS) == read_document(plain, SITEMAP_ROOTS)
    assert decompressed(URLSET) is URLSET


def test_a_gzip_bomb_over_the_cap_is_refused_as_too_large():
    bomb = gzip.compress(b"<urlset>" + b" " * (4 * 1024 * 1024) + b"</urlset>")
    assert len(bomb) < 10_000
    with pytest.raises(FeedError, match="over the size limit") as caught:
        read_document(bomb, SITEMAP_ROOTS, max_size=1024 * 1024)
    assert caught.value.reason == "too_large"
    assert read_document(bomb, SITEMAP_ROOTS, max_size=8 * 1024 * 1024).entries == ()


@pytest.mark.parametrize(
    ("body", "roots", "message"),
    [
        (b"<html><body><p>Not a feed</p></body></html>", FEED_ROOTS, "unexpected root"),
        (URLSET, FEED_ROOTS, "unexpected root element <urlset>"),
        (RSS2, SITEMAP_ROOTS, "unexpected root element <rss>"),
        (b"", FEED_ROOTS, "not well-formed|empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", FEED_ROOTS, "not well-formed"),
        (b"<rss><channel><item>\x00</item></channel></rss>", FEED_ROOTS, "not well-formed"),
        (gzip.compress(URLSET)[:-30] + b"\xff" * 30, SITEMAP_ROOTS, "broken gzip|not well"),
        (b"\x1f\x8b\x08garbage", SITEMAP_ROOTS, "broken gzip"),
    ],
)
def test_unreadable_documents_are_feed_not_xml(body: bytes, roots, message: str):
    with pytest.raises(FeedError, match=message) as caught:
        read_document(body, roots)
    assert caught.value.reason == "feed_not_xml"


def test_entities_are_never_expanded():
    body = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
            b"<rss><channel><item><title>T&x;</title>"
            b"<link>https://wire.example/news/entity</link></item></channel></rss>")
    (entry,) = read_document(body, FEED_ROOTS).entries
    assert entry.url == "https://wire.example/news/entity" and entry.title == "T"
    laughs = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
              + b"".join(b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10)
                         for i in range(8))
              + b"]><rss><channel><item><title>&i;</title></item></channel></rss>")
    with pytest.raises(FeedError):
        read_document(laughs, FEED_ROOTS)


# -- the spider's readers, fed Scrapy responses --------------------------------------------
def _urls(found) -> list[str]:
    return [r.url for r in found if isinstance(r, Request)]


def test_spider_reads_rss1_items(tmp_path):
    spider = make_spider(tmp_path)
    found = list(spider.read_rss(xml_response("https://wire.example/rdf", RSS1), None))
    assert _urls(found) == ["https://wire.example/news/quay-extended",
                            "https://wire.example/news/about-only"]
    assert found[0].meta["wd_published"] == "2026-11-25T09:00:00+05:00"
    assert found[0].meta["wd_title"] == "Quay extended"


def test_spider_follows_a_gzipped_sitemap_index_and_reads_its_gzipped_sitemap(tmp_path):
    spider = make_spider(tmp_path, since="2026-11-01", until="2026-11-30")
    index = Response("https://wire.example/sitemap.xml.gz", body=gzip.compress(INDEX),
                     request=Request("https://wire.example/sitemap.xml.gz"))
    children = list(spider.read_sitemap(index, None))
    # the child last changed before the backfill range is not read
    assert _urls(children) == ["https://wire.example/sitemaps/news-1.xml.gz"]
    assert children[0].meta["wd_role"] == "discovery"
    child = Response(children[0].url, body=gzip.compress(URLSET), request=children[0])
    releases = list(spider.read_sitemap(child, None))
    assert _urls(releases) == ["https://wire.example/news/dock-strike-ends",
                               "https://wire.example/news/tariff-notice"]
    assert releases[1].meta["wd_title"] == "Tariff notice"


def test_spider_records_a_gzip_bomb_sitemap_as_too_large(tmp_path):
    spider = make_spider(tmp_path)
    cap = spider.settings.getint("DOWNLOAD_MAXSIZE")
    bomb = gzip.compress(b"<urlset>" + b" " * (cap + 1) + b"</urlset>")
    url = "https://wire.example/sitemap-bomb.xml.gz"
    out = list(spider.parse_discovery(response(url, bomb, Response), "sitemap"))
    assert len(out) == 1 and isinstance(out[0], ManifestRecord)
    assert (out[0].url, out[0].reason, out[0].links_found) == (url, "too_large", 0)
    assert spider.crawler.stats.get_value("wiredesk/errors/too_large") == 1


def test_spider_records_an_html_feed_as_feed_not_xml(tmp_path):
    spider = make_spider(tmp_path)
    page = response("https://wire.example/feed", b"<html><body>moved</body></html>")
    (rec,) = spider.parse_discovery(page, "rss")
    assert rec.reason == "feed_not_xml"
    assert spider.crawler.stats.get_value("wiredesk/errors/feed_not_xml") == 1
