"""Running a crawl in this process: what `ingest crawl` and `ingest demo` call.

Builds Scrapy settings from this package's `settings` plus the command's options, runs the
`news` spider once over all start points (one `crawl_runs` row per run), and returns the crawl's
closing stats.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from ingest.distributed.scale_out import HEARTBEAT_SECONDS, IDLE_SECONDS, Keys, worker_name
from ingest.run.sources import Source

from . import settings as project_settings
from .news import NewsSpider
from .shared import SharedNewsSpider


def crawl_settings(db: str | Path, **overrides: Any) -> Settings:
    """The project's Scrapy settings for a crawl into `db`, with `overrides` applied."""
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.set("INGEST_DB", str(db), priority="cmdline")
    for key, value in overrides.items():
        if value is not None:
            settings.set(key, value, priority="cmdline")
    return settings


def redis_settings(url: str, crawl: str, *, idle: float = IDLE_SECONDS,
                   heartbeat: float = HEARTBEAT_SECONDS) -> dict[str, Any]:
    """Settings of a worker of the distributed crawl `crawl` on the Redis at `url`:
    scrapy-redis's scheduler with the reliable queue, the shared fingerprint set, and the
    keys of the crawl name (docs/scale-out.md)."""
    keys = Keys(crawl)
    return {
        "SCHEDULER": f"{__package__}.redis_queue.ReliableScheduler",
        "SCHEDULER_QUEUE_CLASS": f"{__package__}.redis_queue.ReliableQueue",
        "DUPEFILTER_CLASS": f"{__package__}.redis_queue.KindAwareDupeFilter",
        "SCHEDULER_PERSIST": True,  # a worker leaving must not empty the others' queue
        "SCHEDULER_QUEUE_KEY": keys.requests,
        "SCHEDULER_DUPEFILTER_KEY": keys.seen,
        "REDIS_URL": url,
        "INGEST_REDIS_URL": url,
        "INGEST_REDIS_CRAWL": crawl,
        "INGEST_REDIS_WORKER": worker_name(),
        "INGEST_REDIS_IDLE": idle,
        "INGEST_REDIS_HEARTBEAT": heartbeat,
    }


def run_shared_crawl(settings: Settings, *, known_sources: list[Source],
                     since: str | None = None, max_pages: int | None = None) -> dict[str, Any]:
    """Work as one worker of a distributed crawl until it has no work left; the stats."""
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(SharedNewsSpider)
    process.crawl(crawler, known_sources=known_sources, since=since, max_pages=max_pages)
    process.start()
    return crawler.stats.get_stats()


def run_crawl(settings: Settings, *, sources: list[Source], feeds: list[str] = (),
              sitemaps: list[str] = (), pages: list[str] = (), urls: list[str] = (),
              since: str | None = None, max_pages: int | None = None) -> dict[str, Any]:
    """Crawl and return the closing stats (`ingest/run_id` names the `crawl_runs` row)."""
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, sources=sources, feeds=",".join(feeds),
                  sitemaps=",".join(sitemaps), pages=",".join(pages), urls=",".join(urls),
                  since=since, max_pages=max_pages)
    process.start()
    return crawler.stats.get_stats()
