"""The URL policy (ingest.core.url_policy) on every request a crawl makes.

A downloader middleware sees every request before it is sent: start points, story links,
feed items, sitemap entries, robots.txt and each step of a redirect (Scrapy's redirect
middleware sends the redirected request back through the chain). It runs first, so a refused
URL costs no robots.txt request and no DNS lookup by the downloader.
"""

from __future__ import annotations

import asyncio

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request

from ingest.core.url_policy import Refused, UrlPolicy, host_of, literal_address, resolve_host


class RefusedUrl(IgnoreRequest):
    """The URL policy refused the request; `refused` holds its reason and detail."""

    def __init__(self, refused: Refused) -> None:
        super().__init__(str(refused))
        self.refused = refused


class UrlPolicyMiddleware:
    """Refuses what `UrlPolicy` refuses (INGEST_ALLOW_PRIVATE lets loopback and private
    addresses in); a redirected request is also checked against the site of the URL its
    chain began at, or its source's domains. Host names are resolved off the event loop,
    once per host and crawl."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.policy = UrlPolicy(allow_private=crawler.settings.getbool("INGEST_ALLOW_PRIVATE"))
        self.addresses: dict[str, list[str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UrlPolicyMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        try:
            self.policy.check_scheme(request.url)
            host = host_of(request.url)
            literal = literal_address(host)
            self.policy.check_addresses(request.url, [literal] if literal
                                        else await self._resolve(host))
            chain = request.meta.get("redirect_urls")
            if chain:
                source = request.meta.get("ingest_source")
                self.policy.check_redirect(chain[0], request.url,
                                           source.allows if source is not None else None)
        except Refused as exc:
            self.crawler.stats.inc_value(f"ingest/refused/{exc.reason}")
            raise RefusedUrl(exc) from None

    async def _resolve(self, host: str) -> list[str]:
        if host not in self.addresses:
            loop = asyncio.get_running_loop()
            self.addresses[host] = await loop.run_in_executor(None, resolve_host, host)
        return self.addresses[host]
