"""scrapy-redis's scheduler made reliable: a request taken by a worker that dies is not lost.

scrapy-redis pops a request from the shared queue and forgets it, so a killed worker loses
the requests it was fetching, and the shared fingerprint set then refuses them for good.
`ReliableQueue` moves a popped request into the worker's in-flight hash instead
(`ingest.distributed.scale_out.InFlight`), with a token in `request.meta`; the request leaves
the hash when its outcome is stored (`spiders.shared`), or when the retry or redirect that
follows it is queued. `ReliableScheduler` keeps the worker's heartbeat, requeues the requests
of workers whose heartbeat expired (`InFlight.reclaim`), and at the worker's end puts back what
it did not finish.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request, Spider
from scrapy.utils.httpobj import urlparse_cached
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from ingest.distributed.scale_out import InFlight

from .shared import TOKEN, in_flight


class ReliableQueue(PriorityQueue):
    """A queue taking turns between sites (`ingest.distributed.scale_out._PUSH`) whose pop is a move
    into this worker's in-flight hash."""

    def __init__(self, server: Any, spider: Spider, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.inflight = in_flight(server, spider.crawler.settings)

    def push(self, request: Request) -> None:
        done = request.meta.pop(TOKEN, None)  # a retry or redirect takes its origin's place
        self.inflight.push(self._encode_request(request), urlparse_cached(request).netloc,
                           request.priority, done)

    def pop(self, timeout: int = 0) -> Request | None:
        taken = self.inflight.take()
        if taken is None:
            return None
        token, data = taken
        request = self._decode_request(data)
        request.meta[TOKEN] = token
        return request


class ReliableScheduler(Scheduler):
    """scrapy-redis's scheduler with the worker's heartbeat, and its unfinished requests put
    back on the shared queue when it stops."""

    def open(self, spider: Spider) -> None:
        super().open(spider)
        self.inflight: InFlight = self.queue.inflight
        self.beating = LoopingCall(self.beat)
        self.beating.start(self.inflight.heartbeat / 3, now=True)

    def beat(self) -> None:
        """Say this worker lives, and requeue the requests of workers that died."""
        self.inflight.beat()
        reclaimed = self.inflight.reclaim()
        if reclaimed:
            self.spider.logger.info("requeued %d requests of workers that died", reclaimed)
            self.stats.inc_value("ingest/redis/reclaimed", reclaimed)

    def close(self, reason: str) -> None:
        if self.beating.running:
            self.beating.stop()
        moved = self.inflight.leave()
        if moved:
            self.spider.logger.info("put %d unfinished requests back on the queue", moved)
        super().close(reason)


class KindAwareDupeFilter(RFPDupeFilter):
    """The shared fingerprint set, with feeds, sitemaps and section pages apart from stories:
    a URL read as a section page must not stop the same URL being fetched as a story."""

    def request_fingerprint(self, request: Request) -> str:
        fingerprint = super().request_fingerprint(request)
        kind = request.meta.get("ingest_kind")
        return fingerprint if kind in (None, "article") else f"{kind}:{fingerprint}"
