"""A progress line on the terminal during a crawl: pages/s, new, updated, skipped, failed."""

from __future__ import annotations

import time

from rich.console import Console
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task


class Progress:
    """Prints every INGEST_PROGRESS_INTERVAL seconds when INGEST_PROGRESS is on (the CLI turns
    it on when stderr is a terminal)."""

    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.getbool("INGEST_PROGRESS"):
            raise NotConfigured
        self.stats = crawler.stats
        self.interval = crawler.settings.getfloat("INGEST_PROGRESS_INTERVAL", 5.0)
        self.console = Console(stderr=True)
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        return cls(crawler)

    def opened(self) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.report)
        self.loop.start(self.interval, now=False)

    def report(self) -> None:
        get = self.stats.get_value
        pages = get("response_received_count", 0)
        rate = pages / max(1e-9, time.monotonic() - self.started)
        self.console.print(
            f"[dim]crawl[/dim] pages {pages} ({rate:.1f}/s)  new {get('ingest/store/new', 0)}  "
            f"updated {get('ingest/store/updated', 0)}  "
            f"skipped {get('ingest/skipped/stored', 0) + get('ingest/store/unchanged', 0)}  "
            f"failed {get('ingest/failed', 0)}", highlight=False)

    def closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
