"""Runs every fetched `Page` through `ingest.pipeline.process`, in worker processes.

Extraction is CPU-bound and Scrapy runs in one thread, so pages go to a process pool (one
worker per core by default, INGEST_WORKERS) while the crawler keeps fetching. Only the page
travels to the worker; the record (or the failure) and its signature come back.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace

import numpy as np
from scrapy.crawler import Crawler

from ingest.core.errors import IngestError
from ingest.core.page import Page, PageFailure
from ingest.core.record import Article
from ingest.core.stages import STAT_PREFIX
from ingest.run.workers import WorkerPool
from ingest.store.database import Store
from ingest.store.site_chrome import SiteChrome


@dataclass(frozen=True, slots=True)
class Processed:
    """A page and the record made of it (with its MinHash signature), on their way to the
    store."""

    article: Article
    page: Page
    """The page, without its body once `packed` holds it."""
    signature: np.ndarray | None
    packed: bytes | None = None
    """The page's body compressed as the store keeps it, by the worker."""


class ProcessPipeline:
    """Page -> Processed, or PageFailure when the page holds no usable story."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        workers = crawler.settings.getint("INGEST_WORKERS", 0) or os.cpu_count() or 1
        self.pool = WorkerPool(workers)
        self.store = Store(crawler.settings.get("INGEST_DB"))
        self.chrome = SiteChrome(self.store)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProcessPipeline:
        return cls(crawler)

    async def process_item(self, item: object) -> object:
        if not isinstance(item, Page):
            return item
        generation = self.pool.generation
        page = self.chrome.annotate(item)
        try:
            result, seconds, sig, packed = await asyncio.wrap_future(
                self.pool.submit(page, pack=True))
        except BrokenProcessPool:
            result, seconds, sig, packed = self.pool.crashed(generation)
        self.stats.inc_value("ingest/processed")
        for stage, spent in seconds.items():
            self.stats.inc_value(STAT_PREFIX + stage, spent)
        if isinstance(result, IngestError):
            self.stats.inc_value(f"ingest/{result.stage}/{result.reason}")
            return PageFailure(item.url, result)
        return Processed(result, replace(item, body=b""), sig, packed)  # the raw page can go

    def close_spider(self) -> None:
        self.pool.close()
        self.store.close()
