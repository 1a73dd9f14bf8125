"""Fetch, process and store a list of URLs outside Scrapy: `ingest fetch` and the demo.

One URL at a time through `ingest.run.fetch` (httpx + tenacity), `ingest.pipeline.process` and
`ingest.store.database`, with every final failure recorded as a `failures` row. Crawls at scale go
through the Scrapy spiders instead; both end in the same `process` and `Store.save`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ingest.core.errors import IngestError
from ingest.core.record import Article
from ingest.pipeline import process
from ingest.run.fetch import DEFAULT_SETTINGS, FetchSettings, fetch
from ingest.store.database import Store
from ingest.store.runs import RunCounts
from ingest.store.site_chrome import SiteChrome

OnArticle = Callable[[Article, str], None]
OnError = Callable[[str, IngestError], None]


def ingest_urls(urls: Iterable[str], store: Store, *, settings: FetchSettings = DEFAULT_SETTINGS,
                source: str | None = None, run_id: int | None = None,
                on_article: OnArticle | None = None, on_error: OnError | None = None
                ) -> RunCounts:
    """Fetch, process and store each URL; `on_article(article, status)` / `on_error(url, exc)`
    report each outcome (status is new, updated or unchanged)."""
    counts, chrome = RunCounts(), SiteChrome(store)
    for url in urls:
        counts.pages_seen += 1
        try:
            page = chrome.annotate(fetch(url, settings=settings, source=source))
            article = process(page)
            result = store.save([(article, page)])
        except IngestError as exc:
            counts.pages_failed += 1
            counts.failures[exc.reason] = counts.failures.get(exc.reason, 0) + 1
            store.record_failure(url, exc, run_id=run_id)
            if on_error:
                on_error(url, exc)
            continue
        status = "new" if result.new else "updated" if result.updated else "unchanged"
        counts.pages_new += len(result.new)
        counts.pages_updated += len(result.updated)
        counts.pages_skipped += len(result.unchanged)
        if on_article:
            on_article(article, status)
    return counts
