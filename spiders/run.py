"""Running a crawl in this process: what `ingest crawl` and `ingest demo` call.

Builds Scrapy settings from `spiders.settings` plus the command's options, runs the `news`
spider once over all start points (one `crawl_runs` row per run), and returns the crawl's
closing stats.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from ingest.sources import Source
from spiders.news import NewsSpider


def crawl_settings(db: str | Path, **overrides: Any) -> Settings:
    """The project's Scrapy settings for a crawl into `db`, with `overrides` applied."""
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    settings.set("INGEST_DB", str(db), priority="cmdline")
    for key, value in overrides.items():
        if value is not None:
            settings.set(key, value, priority="cmdline")
    return settings


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
