"""Writes processed records and failures to the SQLite store, in batched transactions."""

from __future__ import annotations

import json

from scrapy.crawler import Crawler

from ingest.page import PageFailure
from ingest.store import Store
from pipelines.process import Processed


class StorePipeline:
    """Batches records into one transaction each; records failures; keeps a `crawl_runs` row."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.batch: list[Processed] = []
        self.batch_size = crawler.settings.getint("INGEST_STORE_BATCH", 50)
        self.store = Store(crawler.settings.get("INGEST_DB"))
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        args = {"spider": spider.name, **{k: v for k, v in vars(spider).items()
                                          if k in ("start_urls", "source")}}
        self.run_id = self.store.start_run(json.dumps(args, default=str))

    def process_item(self, item: object) -> object:
        if isinstance(item, Processed):
            self.batch.append(item)
            if len(self.batch) >= self.batch_size:
                self.flush()
        elif isinstance(item, PageFailure):
            self.store.record_failure(item.url, item.error, run_id=self.run_id)
            self.stats.inc_value("ingest/failed")
            self.stats.inc_value(f"ingest/{item.error.stage}/{item.error.reason}")
        return item

    def flush(self) -> None:
        if not self.batch:
            return
        result = self.store.save([(p.article, p.page) for p in self.batch])
        self.batch.clear()
        for key, ids in (("new", result.new), ("updated", result.updated),
                         ("unchanged", result.unchanged)):
            self.stats.inc_value(f"ingest/store/{key}", len(ids))

    def close_spider(self) -> None:
        self.flush()
        get = self.stats.get_value
        counts = {
            "pages_seen": get("response_received_count", 0),
            "pages_new": get("ingest/store/new", 0),
            "pages_updated": get("ingest/store/updated", 0),
            "pages_failed": get("ingest/failed", 0),
            "pages_skipped": get("ingest/store/unchanged", 0),
        }
        reason = self.crawler.stats.get_value("finish_reason", "finished")
        status = "completed" if reason == "finished" else "interrupted"
        self.store.finish_run(self.run_id, status, counts, stats=self.stats.get_stats())
        self.store.close()
