"""Pages through the worker pool into the store, a batch per transaction: the loop shared by
`ingest import` and `ingest reprocess`.

Pages are handed to the pool a few per worker ahead of the store, so every core stays busy
while memory stays flat however many pages come; results are saved in page order.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace

import numpy as np

from ingest.core.errors import IngestError
from ingest.core.page import Page
from ingest.core.record import Article
from ingest.run.workers import Done, WorkerPool, release_freed_memory
from ingest.store.database import Store
from ingest.store.runs import PAGES, RunCounts
from ingest.store.site_chrome import SiteChrome

BATCH_SIZE = 100
"""Records saved per transaction."""
BATCH_BYTES = 16_000_000
"""Page bytes after which a batch is saved before it has `BATCH_SIZE` records: the batch
holds its pages until then (compressed, as the workers hand them back, when the raw pages are
kept), and a hundred raw pages of a megabyte or more held this process at over 200 MB
(bench/real_pages.py, an archive of large pages); real news pages average some 190 kB, so
most batches still reach `BATCH_SIZE`."""
IN_FLIGHT_PER_WORKER = 16
"""Pages handed to the pool ahead of the store, per worker: enough that the workers keep
busy while this process writes a batch (4 left them idle for part of each write: 1.7% slower
imports of real pages, bench/real_pages.py); the pages are small next to a worker's memory."""
IN_FLIGHT_BYTES = 16_000_000
"""Raw page bytes handed to the pool ahead of the store, whatever their number (but at least
`IN_FLIGHT_MIN_PER_WORKER` pages a worker): 32 pages of a megabyte or more are seconds of
work ahead, held in this process (an archive of such pages: 87 instead of 118 MB at its
peak). Real pages' runs are as fast."""
IN_FLIGHT_MIN_PER_WORKER = 4

Adjust = Callable[[Article, Page], Article]
"""Last word on a record before it is saved (reprocessing keeps the stored id)."""


class BatchRun:
    """Process pages in a `WorkerPool` and save the records in batches, counting outcomes."""

    def __init__(self, store: Store, counts: RunCounts, *, workers: int = 1,
                 run_id: int | None = None, keep_raw: bool = True,
                 adjust: Adjust | None = None) -> None:
        self.store, self.counts, self.run_id = store, counts, run_id
        self.keep_raw, self.adjust = keep_raw, adjust
        self.pool, self.chrome = WorkerPool(max(1, workers)), SiteChrome(store)
        self.limit = IN_FLIGHT_PER_WORKER * self.pool.workers if self.pool.workers > 1 else 0
        self.in_flight: deque[tuple[Page, Future[Done], int]] = deque()
        self.in_flight_bytes = 0
        self.batch: list[tuple[Article, Page]] = []
        self.batch_bytes = 0
        self.signatures: dict[str, np.ndarray | None] = {}
        """The batch's MinHash signatures from the workers, by content hash."""
        self.packed: dict[str, bytes] = {}
        """The batch's raw pages as the workers compressed them, by record id."""
        self.unchanged = 0
        self.changed_fields: Counter[str] = Counter()
        """How many updated records changed each field."""
        self.seconds: Counter[str] = Counter()
        """Seconds per processing stage, summed over pages (`ingest.core.stages`)."""

    def submit(self, page: Page) -> None:
        page = self.chrome.annotate(page)
        self.in_flight.append((page, self.pool.submit(page, pack=self.keep_raw),
                               self.pool.generation))
        self.in_flight_bytes += len(page.body)
        self._drain(self.limit)

    def fail(self, url: str, error: IngestError) -> None:
        PAGES.info("failed %s: %s", url, error)
        self.counts.pages_failed += 1
        self.counts.failures[error.reason] = self.counts.failures.get(error.reason, 0) + 1
        self.store.record_failure(url, error, run_id=self.run_id)

    def finish(self) -> None:
        """Wait for every page and save the last batch."""
        self._drain(0)
        self.flush()

    def flush(self) -> None:
        """Save what is processed (also on interruption: finished work is kept)."""
        if not self.batch:
            return
        result = self.store.save(((a, p if self.keep_raw else None) for a, p in self.batch),
                                 self.signatures, self.packed)
        result.report({a.id: p.url for a, p in self.batch})
        self.seconds.update(self.store.take_seconds())
        self.batch.clear()
        self.batch_bytes = 0
        self.signatures.clear()
        self.packed.clear()
        self.counts.pages_new += len(result.new)
        self.counts.pages_updated += len(result.updated)
        self.unchanged += len(result.unchanged)
        self.changed_fields.update(result.changed_fields)
        release_freed_memory()  # the batch's raw pages, freed: this process lives for the run

    def close(self) -> None:
        self.pool.close(wait=not self.in_flight)

    def _drain(self, keep: int) -> None:
        while len(self.in_flight) > keep or (
                self.in_flight_bytes > IN_FLIGHT_BYTES
                and len(self.in_flight) > IN_FLIGHT_MIN_PER_WORKER * self.pool.workers):
            page, future, generation = self.in_flight.popleft()
            self.in_flight_bytes -= len(page.body)
            result, seconds, sig, packed = self.pool.result(future, generation)
            self.seconds.update(seconds)
            if isinstance(result, IngestError):
                self.fail(page.url, result)
                continue
            article = self.adjust(result, page) if self.adjust else result
            if packed is not None:  # the worker compressed the body: the raw page can go
                self.packed[article.id], page = packed, replace(page, body=b"")
            self.batch.append((article, page))
            self.batch_bytes += len(packed) if packed is not None else len(page.body)
            self.signatures[result.content_hash] = sig
            if len(self.batch) >= BATCH_SIZE or self.batch_bytes >= BATCH_BYTES:
                self.flush()
