"""Batches are saved by size as well as by count (`BATCH_BYTES`), in `ingest import` and
`ingest reprocess` (BatchRun) and in a crawl (StorePipeline): a batch holds its raw pages until
it is saved, so a run of large pages held hundreds of megabytes."""

from __future__ import annotations

from concurrent.futures import Future
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from scrapy.utils.test import get_crawler

from ingest.core.page import Page
from ingest.run import batch_run
from ingest.run.batch_run import BatchRun
from ingest.run.workers import Done, process_and_sign
from ingest.store.database import Store
from ingest.store.raw_pages import pack_body
from ingest.store.runs import RunCounts
from tests.pages import story_html

PAGE_BYTES = 6_000


def _page(n: int) -> Page:
    html = story_html(f"Council story number {n} about the harbour",
                      [f"Paragraph {k} of story {n}, which the council heard on Tuesday "
                       "evening at length." for k in range(6)])
    body = html.replace("</body>", f"<!-- {'x' * PAGE_BYTES} --></body>").encode()
    return Page(url=f"https://news.example/2024/06/story-{n}.html", body=body,
                fetched_at=datetime(2024, 6, 5, tzinfo=UTC))


LIMIT = int(2.5 * len(_page(0).body))
"""A batch of raw pages is saved with its third page."""
PACKED_LIMIT = int(2.5 * len(pack_body(_page(0).body)))
"""A batch of pages the workers compressed is saved with its third page."""


@pytest.fixture
def saved(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of records in each saved batch."""
    sizes: list[int] = []
    save = Store.save

    def counting(self: Store, records, signatures, packed=None):  # type: ignore[no-untyped-def]
        records = list(records)
        sizes.append(len(records))
        return save(self, records, signatures, packed)

    monkeypatch.setattr(Store, "save", counting)
    monkeypatch.setattr(batch_run, "BATCH_BYTES", LIMIT)
    return sizes


def test_an_import_saves_a_batch_once_its_pages_reach_the_size(
        tmp_path: Path, saved: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch counts the pages as it holds them: compressed by the worker."""
    monkeypatch.setattr(batch_run, "BATCH_BYTES", PACKED_LIMIT)
    store = Store(str(tmp_path / "news.db"))
    run = BatchRun(store, RunCounts())
    for n in range(7):
        run.submit(_page(n))
    run.finish()
    run.close()
    assert saved == [3, 3, 1]
    assert run.counts.pages_new == 7


def test_a_batch_holds_the_pages_as_the_workers_compressed_them(tmp_path: Path) -> None:
    """Once a worker hands a page back compressed, the batch keeps that and not the raw
    page; the store saves it as it is, and reads back the page that was fetched."""
    store = Store(str(tmp_path / "news.db"))
    run = BatchRun(store, RunCounts())
    pages = [_page(n) for n in range(3)]
    for page in pages:
        run.submit(page)
    run._drain(0)  # every page back from the worker, none saved yet
    assert [page.body for _, page in run.batch] == [b"", b"", b""]
    assert run.batch_bytes == sum(map(len, run.packed.values())) < LIMIT
    run.finish()
    run.close()
    assert run.counts.pages_new == 3
    stored = {page.url: page.body for _, page in store.stored_pages()}
    assert all(stored[page.url] == page.body for page in pages)


def test_a_crawl_saves_a_batch_once_its_pages_reach_the_size(tmp_path: Path,
                                                             saved: list[int],
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             ) -> None:
    from pipelines import store as store_pipeline
    from pipelines.process import Processed

    monkeypatch.setattr(store_pipeline, "BATCH_BYTES", LIMIT)
    crawler = get_crawler(settings_dict={"INGEST_DB": str(tmp_path / "news.db"),
                                         "INGEST_STORE_FLUSH": 3600})
    crawler.spider = SimpleNamespace(name="test")  # type: ignore[assignment]
    pipeline = store_pipeline.StorePipeline(crawler)
    pipeline.open_spider()
    for n in range(7):
        page = _page(n)
        done = process_and_sign(page)
        pipeline.process_item(Processed(done.result, page, done.signature))  # type: ignore[arg-type]
    pipeline.flush()
    assert saved == [3, 3, 1]


class InstantPool:
    """A two-worker pool that has each page done as soon as it is handed over."""

    workers, generation = 2, 1

    def __init__(self, workers: int) -> None:
        pass

    def submit(self, page: Page, *, pack: bool = False) -> Future[Done]:
        future: Future[Done] = Future()
        future.set_result(process_and_sign(page, pack=pack))
        return future

    def result(self, future: Future[Done], generation: int) -> Done:
        return future.result()

    def close(self, *, wait: bool = True) -> None:
        pass


def test_pages_ahead_of_the_store_are_bounded_by_size(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_run, "WorkerPool", InstantPool)
    monkeypatch.setattr(batch_run, "IN_FLIGHT_BYTES", LIMIT)
    run = BatchRun(Store(str(tmp_path / "news.db")), RunCounts(), workers=2)
    ahead = []
    for n in range(20):
        run.submit(_page(n))
        ahead.append(len(run.in_flight))
    run.finish()
    assert max(ahead) == 4 * InstantPool.workers  # not IN_FLIGHT_PER_WORKER's 32
    assert run.counts.pages_new == 20
