"""The news spider as one worker of a distributed crawl (`ingest crawl --redis URL`).

It takes its start points from Redis (`ingest enqueue` pushes them), sends every request
through the shared queue and fingerprint set (`spiders.redis_queue`), and finishes each
request it took once the request's outcome is safe:

- a story page or a failure is finished when the store has committed it (`BATCH_STORED`, or
  at once for a failure, which the store pipeline records as it comes);
- a feed, sitemap or section page is finished when all the requests it led to are queued;
- a request that produced nothing (refused by robots.txt, already stored) when that is known;
- a retry or a redirect takes its origin's place in the queue (`ReliableQueue.push`).

It stops when the crawl has had no work anywhere (no start point, nothing queued, nothing in
flight on any worker) for INGEST_REDIS_IDLE seconds, so every worker exits at the end.
"""

from __future__ import annotations

import importlib
import json
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from ingest.core.page import Page, PageFailure
from ingest.distributed.scale_out import InFlight, Keys, pending
from ingest.run.sources import Source

from . import PIPELINES
from .discovery import Link
from .news import Item, NewsSpider

BATCH_STORED = importlib.import_module(f"{PIPELINES}.store").BATCH_STORED
"""The store pipeline's signal that every record handed to it so far is committed (the
pipelines' package is named at run time: `pipelines` in a checkout, installed under the
project's namespace)."""

TOKEN = "ingest_inflight"
"""Request meta: the in-flight token of the request as this worker took it."""


def in_flight(server: Any, settings: BaseSettings) -> InFlight:
    """This worker's in-flight bookkeeping, from the settings `spiders.run` sets for --redis."""
    return InFlight(server, Keys(settings["INGEST_REDIS_CRAWL"]), settings["INGEST_REDIS_WORKER"],
                    settings.getfloat("INGEST_REDIS_HEARTBEAT"))


def _token(outcome: Response | Failure | scrapy.Request) -> str | None:
    request = outcome if isinstance(outcome, scrapy.Request) else outcome.request
    return request.meta.get(TOKEN) if request is not None else None


class SharedNewsSpider(NewsSpider):
    """`NewsSpider` reading its start points from Redis, finishing the requests it took."""

    name = "news-shared"

    def __init__(self, known_sources: Iterable[Source] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.known = {source.name: source for source in known_sources}
        """Sources a start point may name (the worker's sources.toml)."""
        self.idle_since: float | None = None
        self.unstored: list[str] = []
        """Tokens of stories handed to the store pipeline, not yet committed."""
        self.suspects: set[str] = set()
        """Tokens in flight here at the last idle moment."""

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SharedNewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        from scrapy_redis.connection import get_redis_from_settings  # --redis crawls only

        spider.server = get_redis_from_settings(crawler.settings)
        spider.keys = Keys(crawler.settings["INGEST_REDIS_CRAWL"])
        spider.inflight = in_flight(spider.server, crawler.settings)
        spider.idle_limit = crawler.settings.getfloat("INGEST_REDIS_IDLE")
        for handler, signal in ((spider.opened, signals.spider_opened),
                                (spider.item_scraped, signals.item_scraped),
                                (spider.item_lost, signals.item_dropped),
                                (spider.item_lost, signals.item_error),
                                (spider.request_dropped, signals.request_dropped),
                                (spider.batch_stored, BATCH_STORED)):
            crawler.signals.connect(handler, signal=signal)
        return spider

    def opened(self) -> None:
        """Listen for idle moments after the store pipeline does, so that its batch is
        flushed (and its requests finished) before `idle` looks for work left."""
        self.crawler.signals.connect(self.idle, signal=signals.spider_idle)

    # Start points: from Redis, one at a time, so a worker holds none it could lose.

    async def start(self) -> AsyncIterator[scrapy.Request]:
        while (request := self.next_start()) is not None:
            yield request

    def next_start(self) -> scrapy.Request | None:
        while (raw := self.server.lpop(self.keys.start)) is not None:
            request = self.start_request(json.loads(raw))
            if request is not None:
                return request
        return None

    def start_request(self, point: dict[str, str]) -> scrapy.Request | None:
        name = point.get("source")
        source = self.known.get(name) if name else None
        if name and source is None:
            self.logger.error("start point %s names an unknown source %r: skipped "
                              "(is this worker's sources file the one enqueued from?)",
                              point.get("url"), name)
            self.crawler.stats.inc_value("ingest/redis/unknown_source")
            return None
        if point.get("kind") == "article":
            return self.article_request(Link(point["url"]), source)
        return self.discovery_request(point["kind"], point["url"], source)

    def discovery_request(self, kind: str, url: str, source: Source | None,
                          depth: int = 1) -> scrapy.Request:
        """Through the shared fingerprint set: two workers never read one feed twice."""
        return super().discovery_request(kind, url, source, depth).replace(dont_filter=False)

    # Finishing the requests this worker took.

    def _finishing(self, output: Iterable[Item], outcome: Response | Failure) -> Iterator[Item]:
        """Pass the callback's output on; finish its request at the end unless an item is on
        its way to the store (finished once stored)."""
        to_store = False
        for item in output:
            to_store = to_store or isinstance(item, Page | PageFailure)
            yield item
        token = _token(outcome)
        if token and not to_store:
            self.inflight.done(token)

    def parse_feed(self, response: Response) -> Iterator[Item]:
        return self._finishing(super().parse_feed(response), response)

    def parse_sitemap(self, response: Response) -> Iterator[Item]:
        return self._finishing(super().parse_sitemap(response), response)

    def parse_section(self, response: Response) -> Iterator[Item]:
        return self._finishing(super().parse_section(response), response)

    def parse_article(self, response: Response, hints: dict[str, str]) -> Iterator[Item]:
        return self._finishing(super().parse_article(response, hints), response)

    def failed(self, failure: Failure) -> Iterator[PageFailure]:
        return self._finishing(super().failed(failure), failure)

    def item_scraped(self, item: object, response: Response | Failure) -> None:
        token = _token(response)
        if token is None:
            return
        if isinstance(item, PageFailure):  # recorded by the store pipeline as it passed
            self.inflight.done(token)
        else:
            self.unstored.append(token)

    def batch_stored(self) -> None:
        """Every story the store pipeline was handed so far is committed."""
        self.inflight.done(*self.unstored)
        self.unstored.clear()

    def item_lost(self, item: object, response: Response | Failure) -> None:
        """Dropped or failed in a pipeline: nothing to store, nothing to retry."""
        token = _token(response)
        if token:
            self.inflight.done(token)

    def request_dropped(self, request: scrapy.Request) -> None:
        """A redirect to a URL already scheduled: the request ends here."""
        token = request.meta.pop(TOKEN, None)
        if token:
            self.inflight.done(token)

    # The end: nothing left anywhere for INGEST_REDIS_IDLE seconds.

    def idle(self) -> None:
        started = False
        while (request := self.next_start()) is not None:
            self.crawler.engine.crawl(request)
            started = True
        if started or pending(self.server, self.keys):
            self.idle_since = None
            self._requeue_stuck()
            raise DontCloseSpider
        now = time.monotonic()
        self.idle_since = self.idle_since or now
        if now - self.idle_since < self.idle_limit:
            raise DontCloseSpider

    def _requeue_stuck(self) -> None:
        """A request still in flight here at two idle moments (between which the store
        pipeline flushed) has an outcome that never came: give it another go."""
        here = self.inflight.tokens()
        stuck = here & self.suspects
        if stuck:
            self.logger.warning("%d requests finished without an outcome: requeued", len(stuck))
            self.inflight.requeue(stuck)
        self.suspects = here - stuck
