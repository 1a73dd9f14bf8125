"""Scrapy settings for news-ingest crawls: polite by default.

`scrapy.cfg` points here, so `scrapy crawl ...` from the repository root uses them (with an
installed news-ingest, `SCRAPY_SETTINGS_MODULE=news_ingest_crawl.spiders.settings`). The
database is `$INGEST_DB` (default `data/news.db`), or `-s INGEST_DB=...`.

The classes below are named from this package's own name (`spiders` in a checkout,
`news_ingest_crawl.spiders` when installed), so the same settings load either one.
"""

import os

from scrapy.settings import default_settings as _scrapy_defaults

from ingest import __version__

from . import PIPELINES as _pipelines

_here = __package__  # lower case: Scrapy reads every upper-case name here as a setting

BOT_NAME = "news-ingest"
SPIDER_MODULES = [f"{_here}.news", f"{_here}.shared", f"{_here}.urls"]
"""The modules holding spiders: Scrapy imports each module of a package it is given, and the
package's other modules include scrapy-redis's scheduler (scrapy-redis and redis: 7 MB in
every crawl, which only a shared crawl uses)."""
NEWSPIDER_MODULE = _here

CONTACT_URL = os.environ.get("INGEST_CONTACT_URL", "https://github.com/news-ingest/news-ingest")
USER_AGENT = f"news-ingest/{__version__} (+{CONTACT_URL})"
ROBOTSTXT_OBEY = True

# Politeness: a few requests per site at a time, adapted to the site's latency.
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
# Scrapy starts CONCURRENT_ITEMS tasks for every response's output, whatever its size; a story
# yields one item and a sitemap's links need no parallelism, so 100 (the default) only costs
# the crawling process a few ms per page (bench/throughput.py).
CONCURRENT_ITEMS = 8

# Robustness: bounded downloads, retries for transient failures (DESIGN.md defaults).
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 10
HTTPERROR_ALLOW_ALL = True  # error statuses reach the spider, which records them as failures

# Only http(s): Scrapy's file, ftp, s3 and data handlers are off, and every request meets the
# URL policy first (ingest/core/url_policy.py, docs/security.md). Loopback and private addresses
# only with INGEST_ALLOW_PRIVATE (`--allow-private`, or $INGEST_ALLOW_PRIVATE=1).
DOWNLOAD_HANDLERS = {"file": None, "ftp": None, "s3": None, "data": None}
INGEST_ALLOW_PRIVATE = os.environ.get("INGEST_ALLOW_PRIVATE", "").lower() in ("1", "true", "yes")

DOWNLOADER_MIDDLEWARES = {
    f"{_here}.url_guard.UrlPolicyMiddleware": 50,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    f"{_here}.middlewares.SharedRobotsTxtMiddleware": 100,
    f"{_here}.middlewares.StoreAwareMiddleware": 120,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    f"{_here}.middlewares.PatientRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    f"{_here}.middlewares.BoundedDecompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    f"{_here}.middlewares.LoopAwareRedirectMiddleware": 600,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    f"{_here}.middlewares.HeadMetaRefreshMiddleware": 580,
    f"{_here}.middlewares.RouteMiddleware": 740,  # before Scrapy's HttpProxyMiddleware (750)
}
INGEST_ROUTES: dict[str, str] = {}  # {"host:port": "http://host:port"}: ingest demo --port
SPIDER_MIDDLEWARES = {
    f"{_here}.middlewares.StoredStoriesFilter": 950,  # next to the spider: sees its output first
}
ITEM_PIPELINES = {
    f"{_pipelines}.process.ProcessPipeline": 300,
    f"{_pipelines}.store.StorePipeline": 800,
}
INGEST_DB = os.environ.get("INGEST_DB", "data/news.db")
INGEST_STORE_BATCH = 50  # records per transaction
INGEST_STORE_FLUSH = 2.0  # seconds between transactions at most
INGEST_WORKERS = 0  # processes running ingest.pipeline.process; 0 = one per core
INGEST_REFRESH = False  # refetch stories already stored
INGEST_RETRY_BACKOFF = 1.0  # base of the exponential backoff between retries, seconds
INGEST_RETRY_AFTER_CAP = 120.0  # longest Retry-After honoured, seconds

EXTENSIONS = {f"{_here}.progress.Progress": 500}
_remote_control = "scrapy.extensions.remote_control.RemoteControl"
EXTENSIONS_BASE = {k: v for k, v in _scrapy_defaults.EXTENSIONS_BASE.items()
                   if k != _remote_control}
"""Scrapy's own extensions but its remote control (on by default from 2.19), which serves an
HTTP endpoint on localhost that runs any Python code sent with the token it writes to the
user's profile folder: a crawler that meets hostile pages runs no such server (nor the telnet
console). Left out of the base rather than set to None in `EXTENSIONS`, its module is not even
imported (Scrapy loads every key it is given there: aiohttp, 8 MB in every crawl)."""
REMOTE_CONTROL_ENABLED = False
INGEST_PROGRESS = False  # a progress line on stderr; `ingest crawl` turns it on for terminals
INGEST_PROGRESS_INTERVAL = 5.0

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
