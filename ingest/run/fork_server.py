"""When a run uses the worker pool, and starting the pool's fork server early.

Kept apart from `ingest.run.workers` (which loads numpy and the record) and importing only
`multiprocessing`: `ingest import` starts the fork server from its entry point before
anything else is loaded (`ingest.__main__`), and every millisecond spent before that start
holds up the workers.
"""

from __future__ import annotations

import os
from multiprocessing import forkserver, get_context

SMALL_RUN_PAGES = 50
"""Below this many pages one process is as fast as a pool and smaller: starting the fork
server and its workers costs about 1 s of one core (the extraction stack; dateparser's locale
patterns, from the cache), which two workers win back within some 30 real news pages
(bench/real_pages.py's corpus, `ingest import --workers 1` against 2: 30 pages 2.21 against
2.07 s, 50 pages 2.71 against 2.40 s; the project's 85 small test pages took 1.7 s either
way)."""
WARC_BYTES_PER_PAGE = 36_000
"""Gzipped WARC bytes per news page, to guess an archive's pages from its size (the 763
pages of bench/real_pages.py's corpus take 27.9 MB)."""


def default_workers(pages: int) -> int:
    """Worker processes for a run of about `pages` pages: one per core, or one for a small
    run (`SMALL_RUN_PAGES`)."""
    return 1 if pages < SMALL_RUN_PAGES else (os.cpu_count() or 1)


def archive_workers(workers: int | None, archive_bytes: int) -> int:
    """Worker processes for importing archives of this many bytes (`--workers`, else by the
    pages they likely hold)."""
    return workers or default_workers(archive_bytes // WARC_BYTES_PER_PAGE)


PRELOAD = ["ingest.run.worker_preload"]
MMAP_THRESHOLD = 128 * 1024
"""Blocks from this size on get pages of their own from the system, returned when freed. glibc
starts there but raises the bar after each large block freed (up to 32 MB), so a page's large
buffers (its text, its tree's strings) come to stay in a worker's heap, where the worker's next
large page stacks its own beside them. Kept at its start, the replayed crawl of
bench/real_pages.py's pages peaked at 374 to 385 MB instead of 385 to 393, and `ingest import`
of them at 328 to 356 instead of 351 to 381 (three runs each), for 1 to 2 % more time (the
freed pages are faulted in again)."""


def start_fork_server() -> None:
    """Start the pool's fork server now rather than at the first page handed to the pool.

    Loading the extraction stack into it takes about 1 s of one core
    (`ingest.run.worker_preload`); started early, that overlaps with what this process does
    meanwhile (a crawl imports Scrapy and reads robots.txt and sitemaps) instead of holding up
    the first pages while the other core waits. Returns at once; a running server is kept.

    The server, and so every worker, keeps glibc's threshold for blocks of their own at
    `MMAP_THRESHOLD` (through its environment, read as glibc starts), unless the user set
    `MALLOC_MMAP_THRESHOLD_`."""
    os.environ.setdefault("MALLOC_MMAP_THRESHOLD_", str(MMAP_THRESHOLD))
    get_context("forkserver").set_forkserver_preload(PRELOAD)
    forkserver.ensure_running()
