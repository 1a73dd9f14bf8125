"""A distributed crawl's state in Redis: key names, start points, and the in-flight requests.

Every worker (`ingest crawl --redis URL`) shares one Redis: the start points `ingest enqueue`
pushes, the scheduler's request queue, the fingerprints of requests already scheduled, and
per worker the requests it has taken but not finished (`InFlight`) with a heartbeat key that
expires when the worker dies. A live worker puts a dead one's in-flight requests back on the
queue, so a killed worker loses nothing (docs/scale-out.md). No Scrapy here: `ingest enqueue`
and the tests use it without a crawler.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.run.sources import Source

if TYPE_CHECKING:
    import redis

DEFAULT_CRAWL = "news"
HEARTBEAT_SECONDS = 30.0
"""How long a worker's heartbeat outlives its last beat: a worker silent that long is dead."""
IDLE_SECONDS = 10.0
"""How long a worker waits, with no work left anywhere, before it stops."""

_PUSH = """
local turn = redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2]
if head and turn < tonumber(head) then
  turn = math.ceil(tonumber(head))
  redis.call('HSET', KEYS[2], ARGV[2], turn)
end
redis.call('ZADD', KEYS[1], turn - tonumber(ARGV[3]), ARGV[1])
if ARGV[4] ~= '' then redis.call('HDEL', KEYS[3], ARGV[4]) end
"""
"""Queue a request behind the requests of its host only: its score is the host's turn (the
n-th request for the host gets n, brought up to the head of the queue for a host that was
quiet), less its priority. Requests come out one host after another, so the requests a
worker takes at once are spread over many sites and their politeness slots, not 32 requests
for one site. `ARGV[4]`, when given, is the token of the request this one follows up."""

_TAKE = """
local item = redis.call('ZPOPMIN', KEYS[1])[1]
if item then redis.call('HSET', KEYS[2], ARGV[1], item) end
return item
"""
"""Pop the next request and record it as in flight under a token, atomically."""

_REQUEUE = """
local items
if #ARGV > 0 then items = redis.call('HMGET', KEYS[1], unpack(ARGV))
else items = redis.call('HVALS', KEYS[1]) end
local head = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')[2]
local front = head and (tonumber(head) - 1) or 0
local moved = 0
for _, item in ipairs(items) do
  if item then redis.call('ZADD', KEYS[2], front, item); moved = moved + 1 end
end
if #ARGV > 0 then redis.call('HDEL', KEYS[1], unpack(ARGV)) else redis.call('DEL', KEYS[1]) end
return moved
"""
"""Move in-flight requests (those of the tokens in ARGV, else all) to the head of the queue
in one atomic step, so two workers reclaiming at once cannot both requeue them."""


@dataclass(frozen=True, slots=True)
class Keys:
    """The Redis keys of one crawl name (one deployment: its workers share one database)."""

    crawl: str = DEFAULT_CRAWL

    @property
    def prefix(self) -> str:
        return f"ingest:{self.crawl}"

    start = property(lambda self: f"{self.prefix}:start",
                     doc="List of start points (JSON) that workers turn into discovery requests.")
    requests = property(lambda self: f"{self.prefix}:requests",
                        doc="The shared scheduler queue (sorted set of encoded requests, `_PUSH`).")
    turns = property(lambda self: f"{self.prefix}:turns",
                     doc="Hash host -> the turn of its last queued request.")
    seen = property(lambda self: f"{self.prefix}:seen",
                    doc="Fingerprints of the requests scheduled in this round (scrapy-redis "
                        "dupefilter).")
    workers = property(lambda self: f"{self.prefix}:workers",
                       doc="Set of the workers that have taken requests.")

    @property
    def lsh(self) -> bytes:
        """Base name of the near-duplicate index's LSH tables (datasketch)."""
        return f"{self.prefix}:lsh".encode()

    def inflight(self, worker: str) -> str:
        """Hash token -> encoded request: what the worker took and has not finished."""
        return f"{self.prefix}:inflight:{worker}"

    def alive(self, worker: str) -> str:
        """The worker's heartbeat: exists while the worker lives."""
        return f"{self.prefix}:alive:{worker}"


def connect(url: str) -> redis.Redis:
    """A client for the Redis at `url` (redis://host:port/db); fails early when unreachable.
    redis-py is imported here: a plain crawl, which never talks to Redis, is spared it."""
    import redis

    client = redis.Redis.from_url(url)
    client.ping()
    return client


def worker_name() -> str:
    """A name no other worker, here or on another machine, has had."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def start_points(sources: Iterable[Source]) -> list[dict[str, str]]:
    """The start points of the sources, as `ingest enqueue` pushes them."""
    return [{"kind": kind, "url": url, "source": source.name} for source in sources
            for kind, urls in (("feed", source.feeds), ("sitemap", source.sitemaps),
                               ("section", source.pages)) for url in urls]


def pending(client: redis.Redis, keys: Keys) -> bool:
    """True while the crawl has work: start points, queued requests, or requests in flight."""
    if client.llen(keys.start) or client.zcard(keys.requests):
        return True
    return any(client.hlen(keys.inflight(w.decode())) for w in client.smembers(keys.workers))


def enqueue(client: redis.Redis, keys: Keys, points: list[dict[str, str]]) -> bool:
    """Push start points; True when they begin a new round.

    A new round (no work pending) forgets the fingerprints of the previous one, so feeds and
    sitemaps are read again; stories already stored are still skipped by the store."""
    new_round = not pending(client, keys)
    with client.pipeline() as pipe:
        if new_round:
            pipe.delete(keys.seen)
        if points:
            pipe.rpush(keys.start, *(json.dumps(p) for p in points))
        pipe.execute()
    return new_round


class InFlight:
    """One worker's side of the reliable queue (the pattern of Redis's RPOPLPUSH docs: a
    request is moved, not popped, and deleted only once done)."""

    def __init__(self, client: redis.Redis, keys: Keys, worker: str,
                 heartbeat: float = HEARTBEAT_SECONDS) -> None:
        self.client, self.keys, self.worker = client, keys, worker
        self.heartbeat = heartbeat
        self.key = keys.inflight(worker)
        self._push = client.register_script(_PUSH)
        self._take = client.register_script(_TAKE)
        self._requeue = client.register_script(_REQUEUE)

    def beat(self) -> None:
        """Say this worker lives for another `heartbeat` seconds."""
        with self.client.pipeline() as pipe:
            pipe.set(self.keys.alive(self.worker), "1", px=int(self.heartbeat * 1000))
            pipe.sadd(self.keys.workers, self.worker)
            pipe.execute()

    def push(self, data: bytes, host: str, priority: int = 0, done: str | None = None) -> None:
        """Queue a request for `host`; `done` is the token of the request it follows up (a
        retry or a redirect), finished by this push in the same step."""
        self._push(keys=[self.keys.requests, self.keys.turns, self.key],
                   args=[data, host, priority, done or ""])

    def take(self) -> tuple[str, bytes] | None:
        """(token, encoded request) of the next queued request, now in flight here."""
        token = uuid.uuid4().hex
        data = self._take(keys=[self.keys.requests, self.key], args=[token])
        return (token, data) if data is not None else None

    def done(self, *tokens: str) -> None:
        """The requests are finished: their outcome is stored (or there was none to store)."""
        if tokens:
            self.client.hdel(self.key, *tokens)

    def tokens(self) -> set[str]:
        return {t.decode() for t in self.client.hkeys(self.key)}

    def requeue(self, tokens: Iterable[str]) -> int:
        """Put requests of this worker back at the head of the queue."""
        tokens = list(tokens)
        return self._requeue(keys=[self.key, self.keys.requests], args=tokens) if tokens else 0

    def reclaim(self) -> int:
        """Requeue the in-flight requests of every worker whose heartbeat has expired."""
        moved = 0
        for raw in self.client.smembers(self.keys.workers):
            worker = raw.decode()
            if worker == self.worker or self.client.exists(self.keys.alive(worker)):
                continue
            moved += self._requeue(keys=[self.keys.inflight(worker), self.keys.requests])
            self.client.srem(self.keys.workers, worker)
        return moved

    def leave(self) -> int:
        """Stop: requeue what is still in flight here, and drop the heartbeat."""
        with self.client.pipeline() as pipe:
            pipe.delete(self.keys.alive(self.worker))
            pipe.srem(self.keys.workers, self.worker)
            pipe.execute()
        return self._requeue(keys=[self.key, self.keys.requests])
