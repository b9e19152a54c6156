"""Items the spiders yield: one manifest line per request outcome."""

import scrapy


class PageRecord(scrapy.Item):
    """A fetched (or skipped) URL and where its raw response sits in the WARC archive.

    ``role`` is ``release`` for a candidate release page and ``discovery`` for feeds,
    sitemaps and listings. Skipped requests (robots.txt, off-site, network errors)
    carry a ``reason`` and no WARC location.
    """

    source_id = scrapy.Field()
    run_id = scrapy.Field()
    url = scrapy.Field()            # the URL as discovered
    final_url = scrapy.Field()      # after redirects
    role = scrapy.Field()
    discovered_via = scrapy.Field()  # rss | atom | sitemap | robots | listing
    discovered_from = scrapy.Field()  # URL of the feed/sitemap/listing that linked it
    feed_published = scrapy.Field()  # date string the feed or sitemap gave, if any
    feed_title = scrapy.Field()
    status = scrapy.Field()
    content_type = scrapy.Field()
    fetched_at = scrapy.Field()
    warc_file = scrapy.Field()
    warc_offset = scrapy.Field()
    warc_length = scrapy.Field()
    sha256 = scrapy.Field()
    size = scrapy.Field()
    flags = scrapy.Field()
    reason = scrapy.Field()          # why the page is unusable, or None
    links_found = scrapy.Field()     # for discovery documents
