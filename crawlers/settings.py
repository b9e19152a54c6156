"""Scrapy settings for wiredesk's crawlers: polite by default, every response archived.

Configuration comes from the environment (``WIREDESK_*``) or ``-s NAME=value``.
"""

import json
import os

BOT_NAME = "wiredesk"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

# Who we are and where site owners can reach us (WIREDESK_CONTACT_URL).
WIREDESK_CONTACT_URL = os.environ.get("WIREDESK_CONTACT_URL",
                                      "https://github.com/wiredesk/wiredesk#crawler")
USER_AGENT = f"wiredesk/0.1 (press-release research crawler; +{WIREDESK_CONTACT_URL})"
ROBOTSTXT_OBEY = True

# Politeness: robots.txt Crawl-delay is honoured (CrawlDelayMiddleware), AutoThrottle adapts
# to each site's latency, and at most two requests are in flight per domain.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = float(os.environ.get("WIREDESK_DOWNLOAD_DELAY", "1.0"))
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
WIREDESK_MAX_CRAWL_DELAY = 60.0     # a longer robots.txt Crawl-delay is capped (and logged)
# A body still arriving after DOWNLOAD_TIMEOUT seconds (a slow or stalled server) is given
# up and recorded as a network error.
DOWNLOAD_TIMEOUT = int(os.environ.get("WIREDESK_DOWNLOAD_TIMEOUT", "30"))
# Size: a response over DOWNLOAD_MAXSIZE (announced by Content-Length, reached while
# streaming, or reached while decompressing a gzip/deflate/br body, e.g. a gzip bomb) is
# refused at download and recorded with reason ``too_large``; its compressed form is in the
# WARC if it was received whole. No release page comes near 20 MB. Bodies under the cap
# are archived; the clean stage then refuses pages over its own, smaller guard
# (pipelines.clean.extract.MAX_HTML_CHARS) with reason ``page_too_large``.
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
# A truncated body is still archived and recorded (flagged), not thrown away.
DOWNLOAD_FAIL_ON_DATALOSS = False

RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Retries wait base * 2**(n-1) seconds (capped): 2 s, 4 s... (BackoffMiddleware).
WIREDESK_RETRY_BACKOFF = float(os.environ.get("WIREDESK_RETRY_BACKOFF", "2.0"))
WIREDESK_RETRY_BACKOFF_MAX = 60.0

# Limits: pages per run (0 = none), and a source stops for this run after this many
# consecutive failed fetches; a discovery that yields nothing this many runs in a row is
# flagged (the site's layout has probably changed).
CLOSESPIDER_PAGECOUNT = 2000
WIREDESK_MAX_CONSECUTIVE_FAILURES = 8
WIREDESK_ZERO_YIELD_RUNS = 3

# Error statuses reach the spider so that each is recorded with its reason.
HTTPERROR_ALLOW_ALL = True
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# Every connection's host name is resolved through the address guard's resolver, which
# refuses a private, loopback, link-local or metadata answer at connection time (so DNS
# rebinding after the guard's check cannot reach one).
TWISTED_DNS_RESOLVER = "crawlers.middlewares.GuardedResolver"

DOWNLOADER_MIDDLEWARES = {
    "crawlers.middlewares.SimulatorProxyMiddleware": 20,
    # Refuses private, loopback, link-local and metadata addresses, also after DNS; placed
    # after the redirect middleware (600) so it sees each redirect's Location first.
    "crawlers.middlewares.AddressGuardMiddleware": 620,
    "crawlers.middlewares.CrawlDelayMiddleware": 45,
    "crawlers.middlewares.BackoffMiddleware": 60,
    "crawlers.middlewares.ConditionalGetMiddleware": 70,
    # Closest to the network: sees every response exactly as received (still compressed).
    "crawlers.middlewares.WarcArchiveMiddleware": 950,
}
# Scrapy starts this many asyncio workers for every callback's output; ours yield a record
# and a few requests, and the default (100 tasks per response) costs more than the fetch.
CONCURRENT_ITEMS = 4
ITEM_PIPELINES = {
    "crawlers.pipelines.ManifestPipeline": 800,
}
EXTENSIONS = {
    "crawlers.extensions.RunStatsExtension": 500,
}

# wiredesk's own settings (overridable with -s on the command line).
# The raw archive lands in <data>/raw/<source>/<run>/, crawl state in <data>/state/crawl/.
WIREDESK_DATA_DIR = os.environ.get("WIREDESK_DATA_DIR", "data")
# Send every request through this HTTP proxy, e.g. the simulator's http://127.0.0.1:PORT.
WIREDESK_PROXY = os.environ.get("WIREDESK_PROXY") or None
# Host -> addresses the address guard uses instead of DNS (pinning; tests).
WIREDESK_RESOLVE: dict[str, list[str]] = json.loads(os.environ.get("WIREDESK_RESOLVE") or "{}")
WIREDESK_TODAY = None               # freeze "today" (YYYY-MM-DD) for date archives; tests
WIREDESK_WARC_MAX_BYTES = 1024 * 1024 * 1024
WIREDESK_MAX_LISTING_PAGES = 10_000
# Release links taken from one listing or archive page (more are counted, not requested:
# wiredesk/links/capped); real listings show 10-100.
WIREDESK_MAX_LINKS_PER_PAGE = 200
# Links longer than this are recorded (reason url_too_long) and not requested; Scrapy's
# UrlLengthMiddleware would otherwise drop them without a trace.
URLLENGTH_LIMIT = 2083

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
