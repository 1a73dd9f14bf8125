"""Runs every fetched `Page` through `ingest.pipeline.process`."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.crawler import Crawler

from ingest.errors import IngestError
from ingest.page import Page, PageFailure
from ingest.pipeline import process
from ingest.record import Article


@dataclass(frozen=True, slots=True)
class Processed:
    """A page and the record made of it, on their way to the store."""

    article: Article
    page: Page


class ProcessPipeline:
    """Page -> Processed, or PageFailure when the page holds no usable story."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProcessPipeline:
        return cls(crawler)

    def process_item(self, item: object) -> object:
        if not isinstance(item, Page):
            return item
        try:
            return Processed(process(item), item)
        except IngestError as exc:
            self.stats.inc_value(f"ingest/{exc.stage}/{exc.reason}")
            return PageFailure(item.url, exc)
