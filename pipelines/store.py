"""Writes processed records and failures to the store (SQLite or PostgreSQL), in batched
transactions."""

from __future__ import annotations

import json
import time
from functools import partial

from scrapy import signals
from scrapy.crawler import Crawler

from ingest.core.page import PageFailure
from ingest.core.stages import STAT_PREFIX
from ingest.distributed.scale_out import Keys
from ingest.run.batch_run import BATCH_BYTES
from ingest.run.workers import release_freed_memory
from ingest.store.database import Store
from ingest.store.runs import PAGES

from .process import Processed

BATCH_STORED = object()
"""Signal sent after each flush: every record handed to the pipeline so far is committed
(a distributed crawl finishes the requests of those records then, `spiders.shared`)."""


def open_store(crawler: Crawler) -> Store:
    """The crawl's store; with --redis, its near-duplicate index is the one shared through
    Redis by every worker (`ingest.distributed.shared_index`)."""
    settings = crawler.settings
    if not settings.get("INGEST_REDIS_URL"):
        return Store(settings.get("INGEST_DB"))
    from ingest.distributed.shared_index import (
        SharedClusterIndex,  # datasketch only where it is used
    )

    return Store(settings.get("INGEST_DB"),
                 clusters=partial(SharedClusterIndex, url=settings["INGEST_REDIS_URL"],
                                  keys=Keys(settings["INGEST_REDIS_CRAWL"])))


class StorePipeline:
    """Batches records into one transaction each (INGEST_STORE_BATCH records, INGEST_STORE_FLUSH
    seconds or `BATCH_BYTES` of raw pages, whichever comes first); records failures; keeps the
    run's `crawl_runs` row and, when the run completes, each crawled source's last crawl time.
    Nothing waits in a batch while the crawler is idle."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.batch: list[Processed] = []
        self.batch_bytes = 0
        self.batch_size = crawler.settings.getint("INGEST_STORE_BATCH", 50)
        self.flush_every = crawler.settings.getfloat("INGEST_STORE_FLUSH", 2.0)
        self.last_flush = time.monotonic()
        self.store = open_store(crawler)
        self.run_id: int | None = None
        crawler.signals.connect(self.flush, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        args = {"spider": spider.name,
                "sources": [s.name for s in getattr(spider, "sources", [])],
                "start_points": [p.url for p in getattr(spider, "start_points", [])
                                 if p.source is None]}
        self.run_id = self.store.start_run(json.dumps(args))
        self.stats.set_value("ingest/run_id", self.run_id)

    def process_item(self, item: object) -> object:
        if isinstance(item, Processed):
            self.batch.append(item)
            self.batch_bytes += len(item.packed if item.packed is not None else item.page.body)
            if (len(self.batch) >= self.batch_size or self.batch_bytes >= BATCH_BYTES
                    or time.monotonic() - self.last_flush >= self.flush_every):
                self.flush()
        elif isinstance(item, PageFailure) and item.error.reason == "listing":
            PAGES.info("listing %s: %s", item.url, item.error.detail)  # a find, not a loss
            self.stats.inc_value("ingest/listings")
        elif isinstance(item, PageFailure):
            PAGES.info("failed %s: %s", item.url, item.error)
            self.store.record_failure(item.url, item.error, run_id=self.run_id)
            self.stats.inc_value("ingest/failed")
            self.stats.inc_value(f"ingest/failed/{item.error.reason}")
        return item

    def flush(self) -> None:
        self.last_flush = time.monotonic()
        if self.batch:
            self._save_batch()
        self.crawler.signals.send_catch_log(BATCH_STORED)

    def _save_batch(self) -> None:
        result = self.store.save([(p.article, p.page) for p in self.batch],
                                 {p.article.content_hash: p.signature for p in self.batch},
                                 {p.article.id: p.packed for p in self.batch
                                  if p.packed is not None})
        result.report({p.article.id: p.page.url for p in self.batch})
        self.batch.clear()
        self.batch_bytes = 0
        release_freed_memory()  # the batch's raw pages: the crawl's process lives for the run
        for stage, spent in self.store.take_seconds().items():
            self.stats.inc_value(STAT_PREFIX + stage, spent)
        for key, ids in (("new", result.new), ("updated", result.updated),
                         ("unchanged", result.unchanged)):
            self.stats.inc_value(f"ingest/store/{key}", len(ids))

    def close_spider(self) -> None:
        self.flush()
        get = self.stats.get_value
        counts = {
            "pages_seen": get("response_received_count", 0)
            - get("robotstxt/response_count", 0),
            "pages_new": get("ingest/store/new", 0),
            "pages_updated": get("ingest/store/updated", 0),
            "pages_failed": get("ingest/failed", 0),
            "pages_skipped": get("ingest/store/unchanged", 0) + get("ingest/skipped/stored", 0),
        }
        reason = get("finish_reason", "finished")
        status = "completed" if reason == "finished" else "interrupted"
        self.store.finish_run(self.run_id, status, counts, stats=self.stats.get_stats())
        if status == "completed":
            self.store.mark_crawled([s.name for s in getattr(self.crawler.spider, "sources", [])],
                                    self.run_id)
        self.store.close()
