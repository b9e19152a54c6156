"""Scrapy settings for wiredesk's crawlers: polite by default, every response archived."""

BOT_NAME = "wiredesk"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

USER_AGENT = "wiredesk/0.1 (+press-release research crawler)"
ROBOTSTXT_OBEY = True

# Politeness: AutoThrottle adapts to each site's latency; a per-domain cap keeps it gentle.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.25
AUTOTHROTTLE_MAX_DELAY = 10.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
# A truncated body is still archived and recorded (flagged), not thrown away.
DOWNLOAD_FAIL_ON_DATALOSS = False

RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]

# Error statuses reach the spider so that each is recorded with its reason.
HTTPERROR_ALLOW_ALL = True
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    "crawlers.middlewares.SimulatorProxyMiddleware": 20,
    # Closest to the network: sees every response exactly as received (still compressed).
    "crawlers.middlewares.WarcArchiveMiddleware": 950,
}
ITEM_PIPELINES = {
    "crawlers.pipelines.ManifestPipeline": 800,
}
EXTENSIONS = {
    "crawlers.extensions.RunStatsExtension": 500,
}

# wiredesk's own settings (overridable with -s on the command line).
WIREDESK_DATA_DIR = "data"          # raw archive lands in <data>/raw/<source>/<run>/
WIREDESK_PROXY = None               # e.g. the simulator's http://127.0.0.1:PORT
WIREDESK_WARC_MAX_BYTES = 1024 * 1024 * 1024
WIREDESK_MAX_LISTING_PAGES = 10_000

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
