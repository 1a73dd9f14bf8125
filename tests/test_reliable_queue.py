"""The reliable queue of distributed crawls: a request taken by a worker stays in Redis until
the worker finishes it, and comes back to the queue when the worker dies."""

from __future__ import annotations

import pytest
import redis
from scrapy import Request
from scrapy.utils.test import get_crawler

from ingest.distributed.scale_out import InFlight, Keys, enqueue, pending
from spiders.news import NewsSpider
from spiders.redis_queue import TOKEN, KindAwareDupeFilter, ReliableQueue
from spiders.run import redis_settings

pytestmark = pytest.mark.scaleout


def worker(redis_url: str, keys: Keys, name: str) -> InFlight:
    flight = InFlight(redis.Redis.from_url(redis_url), keys, name)
    flight.beat()
    return flight


def die(flight: InFlight) -> None:
    """What the expiry of the heartbeat does, without waiting for it."""
    flight.client.delete(flight.keys.alive(flight.worker))


def queued(flight: InFlight) -> list[bytes]:
    """The queue, next out first."""
    return flight.client.zrange(flight.keys.requests, 0, -1)


def test_a_taken_request_stays_in_flight_until_done(redis_url: str, crawl_keys: Keys) -> None:
    one = worker(redis_url, crawl_keys, "one")
    one.push(b"a", "a.example")
    one.push(b"b", "a.example")
    token, data = one.take()
    assert data == b"a" and queued(one) == [b"b"]
    assert one.tokens() == {token} and pending(one.client, crawl_keys)
    one.push(b"a-retry", "a.example", done=token)  # a retry takes the place of its origin
    assert one.tokens() == set() and queued(one) == [b"b", b"a-retry"]
    for _ in range(2):
        token, _ = one.take()
        one.done(token)
    assert not pending(one.client, crawl_keys)


def test_sites_take_turns_in_the_queue(redis_url: str, crawl_keys: Keys) -> None:
    """A sitemap of one site queued first does not hold the others back: the requests a
    worker takes at once are spread over the sites."""
    one = worker(redis_url, crawl_keys, "one")
    for item in (b"a1", b"a2", b"a3", b"a4"):
        one.push(item, "a.example")
    for item in (b"b1", b"b2"):
        one.push(item, "b.example")
    one.push(b"a-urgent", "a.example", priority=10)
    assert queued(one)[:5] == [b"a-urgent", b"a1", b"b1", b"a2", b"b2"]
    for _ in range(4):
        one.take()
    one.push(b"c1", "c.example")  # a site arriving late starts at the head's turn
    assert queued(one) == [b"b2", b"c1", b"a3", b"a4"]


def test_a_dead_workers_requests_go_back_to_the_head_of_the_queue(redis_url: str,
                                                                  crawl_keys: Keys) -> None:
    dead, live = worker(redis_url, crawl_keys, "dead"), worker(redis_url, crawl_keys, "live")
    for item in (b"1", b"2", b"3", b"4"):
        live.push(item, "a.example")
    dead.take()
    dead.take()
    assert live.reclaim() == 0  # its heartbeat still runs: its requests are its own
    die(dead)
    assert live.reclaim() == 2
    assert sorted(queued(live)[:2]) == [b"1", b"2"]  # the next out of the queue
    assert dead.tokens() == set()
    assert live.client.smembers(crawl_keys.workers) == {b"live"}
    assert live.reclaim() == 0  # nothing is requeued twice


def test_a_worker_leaving_puts_back_what_it_did_not_finish(redis_url: str,
                                                           crawl_keys: Keys) -> None:
    one = worker(redis_url, crawl_keys, "one")
    one.push(b"x", "a.example")
    one.take()
    assert one.leave() == 1
    assert queued(one) == [b"x"] and not one.client.exists(crawl_keys.alive("one"))


def test_enqueue_begins_a_new_round_only_when_no_crawl_is_in_progress(
        redis_url: str, crawl_keys: Keys) -> None:
    client = redis.Redis.from_url(redis_url)
    client.sadd(crawl_keys.seen, "fingerprint of the last round")
    assert enqueue(client, crawl_keys, [{"kind": "feed", "url": "https://a.example/rss"}])
    assert not client.exists(crawl_keys.seen)
    client.sadd(crawl_keys.seen, "fingerprint of this round")
    assert not enqueue(client, crawl_keys, [{"kind": "feed", "url": "https://b.example/rss"}])
    assert client.exists(crawl_keys.seen) and client.llen(crawl_keys.start) == 2


def test_the_scrapy_queue_tags_requests_and_hands_over_to_their_retries(
        redis_url: str, crawl_keys: Keys) -> None:
    crawler = get_crawler(NewsSpider, redis_settings(redis_url, crawl_keys.crawl))
    spider = NewsSpider.from_crawler(crawler)
    queue = ReliableQueue(redis.Redis.from_url(redis_url), spider, crawl_keys.requests)
    queue.push(Request("https://a.example/story", callback=spider.parse_article,
                       cb_kwargs={"hints": {}}, meta={"ingest_kind": "article"}))
    request = queue.pop()
    first = request.meta[TOKEN]
    assert request.callback == spider.parse_article and queue.inflight.tokens() == {first}
    queue.push(request.replace(dont_filter=True))  # what RetryMiddleware schedules
    assert queue.inflight.tokens() == set() and len(queue) == 1
    again = queue.pop()
    assert again.url == request.url and queue.inflight.tokens() == {again.meta[TOKEN]} != {first}


def test_a_url_read_as_a_section_does_not_stop_it_being_fetched_as_a_story(
        redis_url: str, crawl_keys: Keys) -> None:
    seen = KindAwareDupeFilter(redis.Redis.from_url(redis_url), crawl_keys.seen)
    url = "https://a.example/news/"
    assert not seen.request_seen(Request(url, meta={"ingest_kind": "section"}))
    assert seen.request_seen(Request(url, meta={"ingest_kind": "section"}))
    assert not seen.request_seen(Request(url, meta={"ingest_kind": "article"}))
    assert seen.request_seen(Request(url, meta={"ingest_kind": "article"}))
