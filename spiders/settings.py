"""Scrapy settings: polite by default (robots.txt, AutoThrottle, an identifying user agent, a
size limit), strict about what it writes (validation, then one writer per run)."""

BOT_NAME = "tally"
SPIDER_MODULES = ["spiders.crawlers"]
NEWSPIDER_MODULE = "spiders.crawlers"

USER_AGENT = "tally/0.1 (+https://github.com/tally-project/tally; counts the war dead by name)"
ROBOTSTXT_OBEY = True

AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024

RETRY_ENABLED = True
RETRY_TIMES = 4
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_AFTER_MAX = 120.0  # seconds: a server asking for longer is asked again after this
REDIRECT_MAX_TIMES = 10
CLOSESPIDER_ERRORCOUNT = 200

COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"

# Archive each page after decompression and after retries gave up on it (so the archive holds
# what was parsed, once), before the spider sees it. Retries wait out Retry-After; redirects
# that loop, run long or leave the site end as failed pages (spiders/middlewares.py).
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "spiders.middlewares.PoliteRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "spiders.middlewares.AccountedRedirectMiddleware": 600,
    "spiders.archive.ArchiveMiddleware": 540,
}

ITEM_PIPELINES = {
    "spiders.pipelines.ValidationPipeline": 100,
    "spiders.pipelines.RunWriterPipeline": 900,
}

# Settings for a site on this machine (the stand-in site): no throttling, full speed.
LOCAL_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
}
