"""Downloader middlewares that mend Scrapy behaviour news-ingest relies on."""

from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


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
