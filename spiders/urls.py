"""`urls`: fetch a given list of story URLs (`-a urls=U1,U2` or `-a file=list.txt`)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from ingest.page import Page, PageFailure
from spiders.fetched import failure_item, fetched


class UrlsSpider(scrapy.Spider):
    """Fetch each URL once; one `Page` item per response, one `PageFailure` per failure."""

    name = "urls"

    def __init__(self, urls: str = "", file: str | None = None, source: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        listed = [u.strip() for u in urls.split(",") if u.strip()]
        if file:
            listed += [line.strip() for line in Path(file).read_text("utf-8").splitlines()
                       if line.strip() and not line.startswith("#")]
        self.start_urls = list(dict.fromkeys(listed))
        self.source = source

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed)

    def parse(self, response: Response, **_: Any) -> Iterator[Page | PageFailure]:
        yield fetched(response, self.source)

    def failed(self, failure: Failure) -> Iterator[PageFailure]:
        item = failure_item(failure)
        if item is not None:
            yield item
