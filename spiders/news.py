"""The discovery spider all others are made of: feeds, sitemaps, section pages and URL lists.

It finds story URLs and fetches them; every response becomes an `ingest.core.page.Page` (or a
`PageFailure`) for the pipelines. What a feed or sitemap says about a story (title, author,
date) travels with the request as hints. Which stories are already stored, conditional
requests and retry waits are the downloader middlewares' business (spiders/middlewares.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor
from scrapy.utils.gz import gunzip, gzip_magic_number
from twisted.python.failure import Failure

from ingest.core.errors import FetchError
from ingest.core.page import Page, PageFailure
from ingest.core.stages import STAT_PREFIX
from ingest.core.url_policy import port_of
from ingest.core.urls import clean_url, site_domain
from ingest.run.sources import Source, load_sources, select

from .discovery import Link, feed_links, is_feed, robots_sitemaps, sitemap_links
from .fetched import failure_item, fetched

Item = Page | PageFailure | scrapy.Request
FEED_EXTENSIONS = ["xml", "rss", "atom", "rdf", "gz", "json"]
"""Links a section crawl does not follow as pages (feeds and sitemaps are not sections)."""


@dataclass(frozen=True, slots=True)
class StartPoint:
    """Where a crawl starts: a feed, a sitemap (or robots.txt), a section page or a story."""

    kind: str
    url: str
    source: Source | None = None


def _server(url: str) -> tuple[str, int | None]:
    """The host (without www.) and port of a link: what a section crawl without a source
    stays on."""
    return site_domain(url), port_of(url)


def _split(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [v.strip() for v in items if v and v.strip()]


class NewsSpider(scrapy.Spider):
    """Crawl named sources from sources.toml and/or ad hoc start points.

    Arguments (`-a name=value`, comma-separated lists): sources, feeds, sitemaps, pages, urls,
    since (ISO date: skip stories the feed or sitemap dates earlier), max_pages.
    """

    name = "news"

    def __init__(self, sources: str | list[Source] | None = None, feeds: str | None = None,
                 sitemaps: str | None = None, pages: str | None = None,
                 urls: str | None = None, since: str | datetime | None = None,
                 max_pages: str | int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        chosen = sources if isinstance(sources, list) else (
            select(load_sources(), _split(sources)) if sources else [])
        self.sources = chosen
        self.start_points = [StartPoint(kind, url, source) for source in chosen
                             for kind, urls_ in (("feed", source.feeds),
                                                 ("sitemap", source.sitemaps),
                                                 ("section", source.pages))
                             for url in urls_]
        self.start_points += [StartPoint(kind, url) for kind, value in (
            ("feed", feeds), ("sitemap", sitemaps), ("section", pages), ("article", urls))
            for url in _split(value)]
        if isinstance(since, str) and since:
            since = datetime.fromisoformat(since)
        self.since = since.astimezone() if isinstance(since, datetime) else None
        self.max_pages = int(max_pages) if max_pages else None
        self.scheduled = 0
        self.discovered: set[tuple[str, str]] = set()
        """(kind, url) of the feeds, sitemaps and section pages requested so far."""

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for point in self.start_points:
            if point.kind == "article":
                request = self.article_request(Link(point.url), point.source)
                if request is not None:
                    yield request
            else:
                yield self.discovery_request(point.kind, point.url, point.source)

    def discovery_request(self, kind: str, url: str, source: Source | None,
                          depth: int = 1) -> scrapy.Request:
        callback = {"feed": self.parse_feed, "sitemap": self.parse_sitemap,
                    "section": self.parse_section}[kind]
        # Discovery documents are deduplicated here, apart from stories: a page followed as a
        # section must not stop the same URL from being fetched as a story later.
        self.discovered.add((kind, url))
        return scrapy.Request(url, callback=callback, errback=self.failed, dont_filter=True,
                              meta={"ingest_kind": kind, "ingest_source": source,
                                    "ingest_depth": depth})

    def article_request(self, link: Link, source: Source | None) -> scrapy.Request | None:
        """The request for a story, or None when the crawl should not fetch it."""
        if source is not None and not source.allows(link.url):
            return None
        date = link.date
        if self.since and date and date < self.since:
            self.crawler.stats.inc_value("ingest/discover/too_old")
            return None
        if self.max_pages is not None and self.scheduled >= self.max_pages:
            self.crawler.stats.inc_value("ingest/discover/over_max_pages")
            return None
        self.scheduled += 1
        hints = dict(link.hints)
        if source is not None and source.timezone:
            hints["timezone"] = source.timezone
        meta = {"ingest_kind": "article", "ingest_source": source,
                "ingest_lastmod": date.isoformat() if date else None,
                "ingest_refresh_after": source.refresh_after.total_seconds()
                if source is not None and source.refresh_after else None}
        return scrapy.Request(clean_url(link.url), callback=self.parse_article,
                              errback=self.failed, meta=meta, cb_kwargs={"hints": hints})

    def _discovered(self, response: Response) -> bool:
        """Count a discovery response; False when there is nothing new to read in it."""
        stats = self.crawler.stats
        if response.status == 304:
            stats.inc_value("ingest/reached")
            stats.inc_value("ingest/discover/not_modified")
            return False
        if response.status >= 400:
            return False
        stats.inc_value("ingest/reached")
        stats.inc_value(f"ingest/discover/{response.meta['ingest_kind']}")
        return True

    def _articles(self, links: Iterable[Link], source: Source | None) -> Iterator[scrapy.Request]:
        for link in links:
            request = self.article_request(link, source)
            if request is not None:
                yield request

    def parse_feed(self, response: Response) -> Iterator[Item]:
        if response.status >= 400:
            yield fetched(response)
        if self._discovered(response):
            yield from self._articles(feed_links(response.body, response.url),
                                      response.meta["ingest_source"])

    def parse_sitemap(self, response: Response) -> Iterator[Item]:
        if response.status >= 400:
            yield fetched(response)
        if not self._discovered(response):
            return
        source = response.meta["ingest_source"]
        if response.url.endswith("/robots.txt"):
            for url in robots_sitemaps(response.body, response.url):
                if ("sitemap", url) not in self.discovered:
                    yield self.discovery_request("sitemap", url, source)
            return
        body = response.body
        if gzip_magic_number(response):
            limit = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
            try:
                body = gunzip(body, max_size=limit)
            except ValueError:  # Scrapy's size error: a gzip bomb
                yield PageFailure(response.url, FetchError(
                    "too_large", f"sitemap over DOWNLOAD_MAXSIZE ({limit} B) once decompressed"))
                return
            except (OSError, EOFError) as exc:
                yield PageFailure(response.url, FetchError("bad_response", f"bad gzip: {exc}"))
                return
        if is_feed(body):  # some sites list a feed among their sitemaps
            yield from self._articles(feed_links(body, response.url), source)
            return
        is_index, links = sitemap_links(body, response.url)
        if is_index:
            for link in links:
                too_old = self.since and link.date and link.date < self.since
                if not too_old and ("sitemap", link.url) not in self.discovered:
                    yield self.discovery_request("sitemap", link.url, source)
        else:
            yield from self._articles(links, source)

    def parse_section(self, response: Response) -> Iterator[Item]:
        if response.status >= 400:
            yield fetched(response)
        if not self._discovered(response) or not hasattr(response, "text"):
            return
        source: Source | None = response.meta["ingest_source"]
        here = _server(response.url)

        def allowed(url: str) -> bool:  # the same host and port (another port: another server)
            return source.allows(url) if source else _server(url) == here

        pattern = source.article_pattern if source and source.article_pattern else ()
        articles = LinkExtractor(allow=pattern, unique=True).extract_links(response)
        found = {clean_url(link.url) for link in articles if allowed(link.url)}
        found -= {clean_url(response.url), *(clean_url(u) for u in response.meta.get(
            "redirect_urls", ()))}  # the listing itself, linked from its own menu
        yield from self._articles((Link(url) for url in sorted(found)), source)
        depth = response.meta["ingest_depth"]
        if depth < (source.max_depth if source else 1):
            sections = LinkExtractor(deny=pattern, unique=True,
                                     deny_extensions=[*IGNORED_EXTENSIONS, *FEED_EXTENSIONS])
            for link in sections.extract_links(response):
                if allowed(link.url) and ("section", link.url) not in self.discovered:
                    yield self.discovery_request("section", link.url, source, depth + 1)

    def parse_article(self, response: Response, hints: dict[str, str]) -> Iterator[Item]:
        source: Source | None = response.meta.get("ingest_source")
        if response.status < 400:
            self.crawler.stats.inc_value("ingest/reached")
        self.crawler.stats.inc_value(STAT_PREFIX + "fetch_wait",
                                     response.meta.get("download_latency", 0.0))
        yield fetched(response, source.name if source else None)

    def failed(self, failure: Failure) -> Iterator[PageFailure]:
        item = failure_item(failure)
        if item is not None:
            yield item


class FeedSpider(NewsSpider):
    """`scrapy crawl feed -a url=FEED[,FEED...]`: stories listed in RSS/Atom feeds."""

    name = "feed"

    def __init__(self, url: str = "", **kwargs: Any) -> None:
        super().__init__(feeds=url, **kwargs)


class SitemapSpider(NewsSpider):
    """`scrapy crawl sitemap -a url=SITEMAP[,...]`: sitemap indexes, news sitemaps, robots.txt."""

    name = "sitemap"

    def __init__(self, url: str = "", **kwargs: Any) -> None:
        super().__init__(sitemaps=url, **kwargs)


class SiteSpider(NewsSpider):
    """`scrapy crawl site -a url=SECTION_PAGE[,...]`: article links found on section pages."""

    name = "site"

    def __init__(self, url: str = "", **kwargs: Any) -> None:
        super().__init__(pages=url, **kwargs)
