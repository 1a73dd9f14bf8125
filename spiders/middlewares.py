"""Downloader middlewares that mend Scrapy behaviour news-ingest relies on."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from urllib.parse import urljoin

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from scrapy.robotstxt import RobotParser
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message
from twisted.internet.defer import Deferred
from w3lib.url import safe_url_string

from ingest.core.url_policy import Refused, UrlPolicy
from ingest.run.fetch import TIMEOUT_RETRIES, retry_after_seconds
from ingest.store.database import Store
from ingest.store.runs import PAGES

from .url_guard import RefusedUrl


class SharedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """RobotsTxtMiddleware whose parsed robots.txt reaches every request waiting for it.

    Scrapy 2.19's middleware lets all requests that arrive while robots.txt is downloading
    await one shared Deferred. The first waiter consumes its result, so the later ones receive
    None and are let through unchecked: with three or more start URLs on one site, disallowed
    pages get fetched. Each waiter here gets its own Deferred, fed by the shared one.
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(parser, Deferred):
            return await super().robot_parser(request)
        waiter: Deferred[RobotParser | None] = Deferred()

        def relay(result: RobotParser | None) -> RobotParser | None:
            waiter.callback(result)
            return result

        parser.addCallback(relay)
        return await maybe_deferred_to_future(waiter)


class RouteMiddleware:
    """Sends the requests for a site's address through another one, as through an HTTP proxy
    (INGEST_ROUTES: {"host:port": "http://host:port"}), so that every URL the crawl sees and
    stores stays the site's own whatever serves it.

    `ingest demo` on another --port crawls the demo site at its one address,
    http://127.0.0.1:8947, through the port it is served on: the same URLs, and so the same
    record ids, on every port. Off (NotConfigured) when no route is set; the URL policy has
    checked the site's address, and a route is given only by the command that serves it.
    """

    def __init__(self, routes: dict[str, str]) -> None:
        self.routes = routes

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RouteMiddleware:
        routes = crawler.settings.getdict("INGEST_ROUTES")
        if not routes:
            raise NotConfigured
        return cls(routes)

    def process_request(self, request: Request) -> None:
        route = self.routes.get(urlparse_cached(request).netloc)
        if route:
            request.meta.setdefault("proxy", route)  # Scrapy's HttpProxyMiddleware takes it


class RedirectLoop(IgnoreRequest):
    """The request's redirects go round in a circle, or past REDIRECT_MAX_TIMES."""


class TooLargeDecompressed(IgnoreRequest):
    """The response's body outgrew DOWNLOAD_MAXSIZE while being decompressed (a gzip bomb)."""


class BoundedDecompressionMiddleware(HttpCompressionMiddleware):
    """HttpCompressionMiddleware whose refusal of a body that decompresses past
    DOWNLOAD_MAXSIZE is a `too_large` failure. Scrapy's drops it with a log warning and a
    bare IgnoreRequest, which the spider takes for a robots.txt refusal: no failures row."""

    def process_response(self, request: Request, response: Response) -> Request | Response:
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:  # the only refusal it makes
            raise TooLargeDecompressed(str(exc)) from exc


class LoopAwareRedirectMiddleware(RedirectMiddleware):
    """RedirectMiddleware whose redirect loops fail the request (a `redirect_loop` failure),
    and whose redirects to another scheme are refused (`blocked_scheme`).

    Scrapy's follows A -> B -> A, and the scheduler's dupefilter then drops the repeated A
    without a word: the story got neither a record nor a failures row. Too many redirects
    raised a bare IgnoreRequest, which the spider takes for a robots.txt refusal. A redirect
    to file:// or ftp:// is not followed but handed on as the 3xx response itself, which
    stored nothing and was recorded as an empty page.
    """

    def process_response(self, request: Request, response: Response) -> Request | Response:
        try:
            result = super().process_response(request, response)
        except IgnoreRequest as exc:  # "max redirections reached"
            raise RedirectLoop(f"more than {self.max_redirect_times} redirects") from exc
        if isinstance(result, Request) and result.url in result.meta.get("redirect_urls", ()):
            raise RedirectLoop(f"redirect loop back to {result.url}")
        location = response.headers.get(b"Location")
        if result is response and location and 300 <= response.status < 400:
            target = urljoin(request.url, safe_url_string(location))
            try:
                UrlPolicy().check_scheme(target)
            except Refused as exc:
                raise RefusedUrl(Refused(exc.reason, f"{request.url} redirected to a "
                                                     f"non-http(s) URL: {target}")) from None
        return result


REFRESH_HEAD_BYTES = 32_768
"""The bytes of a page that hold the first 4,096 characters Scrapy searches for a meta refresh,
whatever the encoding (at most 4 bytes a character in UTF-8)."""


class HeadMetaRefreshMiddleware(MetaRefreshMiddleware):
    """MetaRefreshMiddleware that decodes only the head of a page.

    Scrapy's searches the first 4,096 characters of `response.text`, which decodes the whole
    body and keeps the text on the response for as long as it lives: on real news pages (150
    kB on average, some over 2 MB, four bytes a character once decoded as text in a non-Latin
    script) that was a third of the crawling process's memory at its peak (bench/real_pages.py)
    and CPU for text no one else reads, since the pages are handed on as bytes. The head is cut
    after a ">" so no character is split."""

    def process_response(self, request: Request, response: Response) -> Request | Response:
        head = response.body[:REFRESH_HEAD_BYTES]
        if len(head) < len(response.body):
            head = head[:head.rfind(b">") + 1]
        result = super().process_response(request, response.replace(body=head))
        return response if isinstance(result, Response) else result


class PatientRetryMiddleware(RetryMiddleware):
    """RetryMiddleware that waits before retrying: the server's Retry-After on 429/503 (capped
    by INGEST_RETRY_AFTER_CAP), else exponential backoff with full jitter from
    INGEST_RETRY_BACKOFF seconds. Scrapy's own retries immediately. A timeout is retried
    at most TIMEOUT_RETRIES times (ingest.run.fetch), 5xx and resets RETRY_TIMES."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.cap = settings.getfloat("INGEST_RETRY_AFTER_CAP", 120.0)
        self.backoff = settings.getfloat("INGEST_RETRY_BACKOFF", 1.0)

    def _delay(self, request: Request, response: Response | None) -> float:
        header = response.headers.get(b"Retry-After") if response is not None else None
        if header is not None and response is not None and response.status in (429, 503):
            seconds = retry_after_seconds(header.decode("latin-1"))
            if seconds is not None:
                return min(seconds, self.cap)
        attempt = request.meta.get("retry_times", 0)
        return random.uniform(0, min(30.0, self.backoff * 2**attempt))

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        await asyncio.sleep(self._delay(request, response))
        return retry

    async def process_exception(self, request: Request, exception: Exception
                                ) -> Request | Response | None:
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        if (isinstance(exception, DownloadTimeoutError)
                and request.meta.get("retry_times", 0) >= TIMEOUT_RETRIES):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            await asyncio.sleep(self._delay(request, None))
        return retry


CHECKED = "ingest_checked_stored"
"""Request meta: `StoredStoriesFilter` found the story not stored (or due for a refetch)."""


def is_fresh(store: Store, request: Request) -> bool:
    """True when the story is stored and needs no refetch: its feed or sitemap date is not
    newer than the stored fetch, and its source's refresh_after has not passed."""
    fetched = store.fetched_at(request.url)
    if fetched is None:
        return False
    fetched_at = datetime.fromisoformat(fetched.replace("Z", "+00:00"))
    lastmod = request.meta.get("ingest_lastmod")
    if lastmod and datetime.fromisoformat(lastmod) > fetched_at:
        return False
    refresh_after = request.meta.get("ingest_refresh_after")
    age = (datetime.now(UTC) - fetched_at).total_seconds()
    return not (refresh_after and age > refresh_after)


class StoredStoriesFilter:
    """Spider middleware: drops the requests for stories already stored (`is_fresh`) as the
    spider makes them, before they reach the scheduler. A re-crawl of a site whose sitemap
    lists 10,000 stored stories then costs 10,000 look-ups, not 10,000 requests through the
    scheduler and the downloader middlewares to be ignored there (docs/performance.md)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.refresh = crawler.settings.getbool("INGEST_REFRESH")
        self.store = Store(crawler.settings.get("INGEST_DB"))
        self.skipped: set[str] = set()
        """URLs dropped so far, so a story several listings name counts as one skip."""
        self.passed: set[str] = set()
        """URLs let through: stored during this run, they are duplicates, not skips."""
        crawler.signals.connect(self.store.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoredStoriesFilter:
        return cls(crawler)

    def _keep(self, item: object) -> bool:
        if (self.refresh or not isinstance(item, Request)
                or item.meta.get("ingest_kind") != "article"):
            return True
        if item.url in self.passed:  # listed again this run: Scrapy's duplicate filter's
            return True
        if item.url in self.skipped:  # listed again (feed, sitemap and section): counted once
            return False
        if not is_fresh(self.store, item):
            self.passed.add(item.url)
            item.meta[CHECKED] = True  # StoreAwareMiddleware need not look it up again
            return True
        self.skipped.add(item.url)
        PAGES.info("skipped %s: already stored", item.url)
        self.crawler.stats.inc_value("ingest/skipped/stored")
        return False

    def process_spider_output(self, response: Response, result: Iterable[object]
                              ) -> Iterator[object]:
        return (item for item in result if self._keep(item))

    async def process_spider_output_async(self, response: Response,
                                          result: AsyncIterator[object]
                                          ) -> AsyncIterator[object]:
        async for item in result:
            if self._keep(item):
                yield item


class StoreAwareMiddleware:
    """What the store already knows, applied to requests before they are sent.

    - Stories already stored are not fetched again, unless INGEST_REFRESH is set, their feed
      or sitemap date is newer than the stored fetch, or their source's refresh_after passed
      (`is_fresh`; the spider's own requests were filtered already by `StoredStoriesFilter`,
      this catches the start requests: story URLs given on the command line).
    - Feeds and sitemaps are fetched conditionally (If-None-Match / If-Modified-Since) with the
      validators of the last completed run; new validators are saved only when this run
      completes, so an interrupted run never hides unread entries behind a 304.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.store = Store(crawler.settings.get("INGEST_DB"))
        self.refresh = crawler.settings.getbool("INGEST_REFRESH")
        self.pending: dict[str, tuple[str | None, str | None]] = {}
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoreAwareMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        kind = request.meta.get("ingest_kind")
        if (kind == "article" and not self.refresh and not request.meta.get(CHECKED)
                and is_fresh(self.store, request)):
            self.crawler.stats.inc_value("ingest/skipped/stored")
            raise IgnoreRequest("already stored")
        if kind in ("feed", "sitemap") and not self.refresh:
            known = self.store.validators(request.url)
            if known and known.get("etag"):
                request.headers.setdefault(b"If-None-Match", known["etag"])
            if known and known.get("last_modified"):
                request.headers.setdefault(b"If-Modified-Since", known["last_modified"])

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get("ingest_kind") in ("feed", "sitemap") and response.status == 200:
            etag, modified = response.headers.get(b"ETag"), response.headers.get(b"Last-Modified")
            if etag or modified:
                self.pending[request.url] = (etag and etag.decode("latin-1"),
                                             modified and modified.decode("latin-1"))
        return response

    def spider_closed(self, reason: str) -> None:
        if reason == "finished" and self.pending:
            self.store.save_validators(self.pending)
        self.store.close()
