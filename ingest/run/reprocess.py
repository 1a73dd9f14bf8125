"""`ingest reprocess`: run the current `ingest.pipeline.process` over the stored raw pages.

After the extractor improves, the database catches up without refetching anything. Records
are updated in place: the id stays the stored one even when the page's canonical URL now reads
differently, so links into the dataset keep working. A page that no longer yields a record
keeps its old record and gets a `failures` row saying why.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ingest.core.page import Page
from ingest.core.record import Article
from ingest.run.batch_run import BatchRun
from ingest.run.fork_server import default_workers
from ingest.store.database import Store
from ingest.store.export import Selection
from ingest.store.runs import RunCounts

RECORD_ID = "record_id"
"""Page hint carrying the stored record's id through the worker pool."""


@dataclass(slots=True)
class ReprocessCounts(RunCounts):
    """What a reprocess did; `changed` counts updated records per changed field."""

    pages_unchanged: int = 0
    changed: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        fields = ", ".join(f"{k} {v}" for k, v in sorted(self.changed.items(),
                                                         key=lambda kv: (-kv[1], kv[0])))
        return (f"{self.pages_seen} pages, {self.pages_updated} updated"
                + (f" ({fields})" if fields else "")
                + f", {self.pages_unchanged} unchanged, {self.pages_failed} failed")


OnProgress = Callable[[int, int, ReprocessCounts], None]
"""on_progress(pages done, pages in all, counts so far)."""


def keep_stored_id(article: Article, page: Page) -> Article:
    return replace(article, id=page.hints[RECORD_ID])


def reprocess(store: Store, selection: Selection, *, workers: int | None = None,
              on_progress: OnProgress | None = None) -> ReprocessCounts:
    """Reprocess the stored pages of the records `selection` picks, as one run; `workers`
    None chooses by the number of pages (`default_workers`)."""
    counts = ReprocessCounts()
    where, params = selection.where(store.sql.instant)
    total = store.count(where, params)
    run_id = store.start_run(json.dumps({"command": "reprocess", "since": selection.since,
                                         "source": selection.source}))
    run = BatchRun(store, counts, workers=workers or default_workers(total), run_id=run_id,
                   keep_raw=False,
                   adjust=keep_stored_id)
    status = "failed"
    try:
        for record_id, page in store.stored_pages(where, params):
            counts.pages_seen += 1
            run.submit(replace(page, hints={**page.hints, RECORD_ID: record_id}))
            if on_progress:
                on_progress(counts.pages_seen, total, counts)
        run.finish()
        status = "completed"
    except KeyboardInterrupt:
        status = "interrupted"
        run.flush()
        raise
    finally:
        run.close()
        counts.pages_unchanged = counts.pages_skipped = run.unchanged
        counts.changed = dict(run.changed_fields)
        store.finish_run(run_id, status, counts.as_row(), stats={
            "changed": counts.changed, "failures": counts.failures,
            "seconds": dict(run.seconds)})
    return counts
