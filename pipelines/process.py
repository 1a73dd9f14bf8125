"""Runs every fetched `Page` through `ingest.pipeline.process`, in worker processes.

Extraction is CPU-bound and Scrapy runs in one thread, so pages go to a process pool (one
worker per core by default, INGEST_WORKERS) while the crawler keeps fetching. Only the page
travels to the worker; the record (or the failure) comes back.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection

from scrapy.crawler import Crawler

from ingest.errors import ExtractError, IngestError
from ingest.page import Page, PageFailure
from ingest.pipeline import process
from ingest.record import Article


@dataclass(frozen=True, slots=True)
class Processed:
    """A page and the record made of it, on their way to the store."""

    article: Article
    page: Page


def process_in_worker(page: Page) -> Article | IngestError:
    """`process`, with failures returned rather than raised (and bugs contained)."""
    try:
        return process(page)
    except IngestError as exc:
        return exc
    except Exception as exc:  # a bug must cost one page, not the crawl
        return ExtractError("internal_error", f"{type(exc).__name__}: {exc}")


def exit_with_crawler(alive: Connection) -> None:
    """Worker initializer: exit once the crawler process is gone, however it died.

    A crawl killed with SIGKILL (cron timeout, OOM killer) never shuts its pool down, and the
    workers would wait for work forever. `alive` is the read end of a pipe whose only write
    end is the crawler's: the kernel closes it when the crawler dies, and reading hits EOF.
    """
    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            alive.recv_bytes()
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-crawler", daemon=True).start()


class ProcessPipeline:
    """Page -> Processed, or PageFailure when the page holds no usable story."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.workers = crawler.settings.getint("INGEST_WORKERS", 0) or os.cpu_count() or 1
        self.alive: Connection | None = None  # write end of the workers' lifeline
        self.pool: Executor | None = self._new_pool()

    def _new_pool(self) -> Executor | None:
        if self.workers <= 1:
            return None
        context = get_context("forkserver")
        reader, self.alive = context.Pipe(duplex=False)
        return ProcessPoolExecutor(self.workers, mp_context=context,
                                   initializer=exit_with_crawler, initargs=(reader,))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProcessPipeline:
        return cls(crawler)

    async def process_item(self, item: object) -> object:
        if not isinstance(item, Page):
            return item
        if self.pool is None:
            result = process_in_worker(item)
        else:
            try:
                result = await asyncio.wrap_future(self.pool.submit(process_in_worker, item))
            except BrokenProcessPool:  # a worker died (e.g. killed for memory): start afresh
                self.pool = self._new_pool()
                result = ExtractError("worker_crash", "the worker processing it died")
        if isinstance(result, IngestError):
            self.stats.inc_value(f"ingest/{result.stage}/{result.reason}")
            return PageFailure(item.url, result)
        return Processed(result, item)

    def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
