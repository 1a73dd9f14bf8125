"""A pool of processes running `ingest.pipeline.process`: extraction is CPU-bound, so the
crawl pipeline and `ingest import` spread it over every core.

The workers also compute each record's MinHash signature (`ingest.dedup.near_duplicates`), the
other CPU-heavy step between a page and the store, so the single process that writes the
database only looks the signature up.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Semaphore
from typing import NamedTuple

import numpy as np

from ingest.core.errors import ExtractError, IngestError
from ingest.core.page import Page
from ingest.core.record import Article
from ingest.core.stages import StageClock
from ingest.dedup.near_duplicates import signature
from ingest.run.fork_server import MMAP_THRESHOLD, start_fork_server
from ingest.store.raw_pages import pack_body


class Done(NamedTuple):
    """What a worker sends back for a page: the record or the failure, the seconds each
    stage took, and the record's MinHash signature (None when its text is too short)."""

    result: Article | IngestError
    seconds: dict[str, float]
    signature: np.ndarray | None = None
    packed: bytes | None = None
    """The page's body compressed as the store keeps it (`pack_body`), when asked for: done by
    the worker, in parallel, so that the storing process holds a fifth of the bytes for each
    page waiting in its batch, and spends nothing on it."""


def process_and_sign(page: Page, *, pack: bool = False) -> Done:
    """`process_safely`, then the record's signature, timed as the `dedup` stage, and with
    `pack` the page's body compressed for the store, timed as `store`. The extraction modules
    are imported by the process that runs it (a worker, whose fork server has them loaded
    already), not by a pool's parent, which only stores."""
    from ingest.pipeline import process_safely

    result, seconds = process_safely(page)
    if isinstance(result, IngestError):
        return Done(result, seconds)
    clock = StageClock()
    with clock("dedup"):
        sig = signature(result.text)
    packed = None
    if pack:
        with clock("store"):
            packed = pack_body(page.body)
    return Done(result, {**seconds, **clock.seconds}, sig, packed)


TRIM_AFTER_BYTES = 400_000
"""Pages from this size on (the largest tenth of real news pages) leave enough freed memory
behind to be worth returning; trimming after every page cost 3 % more CPU (the next pages
fault the memory back in) for no lower a peak."""


HUGE_PAGE_BYTES = 1_000_000
"""Pages from this size on (about 2 % of real news pages) take a worker 20 to 60 MB above its
usual size while trafilatura copies their tree, so the workers take them one at a time: two
at once added their peaks, and the chance of meeting that grew with the length of a run."""
HUGE_PAGE_WAIT = 60.0
"""Seconds a worker waits for its turn with a huge page before it goes ahead anyway (a
worker killed in the middle of one never hands the turn on)."""
_huge_page_turn: Semaphore | None = None
"""The pool's one turn for huge pages, as `start_worker` received it."""


def process_in_worker(page: Page, pack: bool = False) -> Done:
    """`process_and_sign` in a worker process (a huge page in its turn), which then hands the
    memory its parse freed back to the system: glibc keeps freed blocks for reuse, so each
    worker would otherwise stay as large as the largest page it has parsed, and a long run's
    memory creep up with the chance of meeting one (bench/real_pages.py: peak PSS of a
    2-worker import)."""
    with _turn(_huge_page_turn if len(page.body) >= HUGE_PAGE_BYTES else None):
        done = process_and_sign(page, pack=pack)
    if len(page.body) >= TRIM_AFTER_BYTES:
        release_freed_memory()
    return done


@contextlib.contextmanager
def _turn(turn: Semaphore | None) -> Iterator[None]:
    """Hold the turn while the block runs (or run it without, after `HUGE_PAGE_WAIT`, or with
    no turn to take)."""
    held = turn is not None and turn.acquire(timeout=HUGE_PAGE_WAIT)
    try:
        yield
    finally:
        if held and turn is not None:
            turn.release()


def release_freed_memory() -> None:
    """Return the memory that freed objects leave in glibc's heap to the system."""
    if LIBC is not None:
        LIBC.malloc_trim(0)


M_MMAP_THRESHOLD = -3
"""`mallopt`'s parameter for glibc's threshold for blocks of their own (malloc.h)."""


def return_large_blocks() -> None:
    """Keep this process's threshold for blocks of their own where the pool's processes keep
    theirs (`fork_server.MMAP_THRESHOLD`, or the user's `MALLOC_MMAP_THRESHOLD_`): for the
    crawling process, which holds Scrapy beside the store and, with one worker, extracts the
    pages itself."""
    try:
        threshold = int(os.environ.get("MALLOC_MMAP_THRESHOLD_", MMAP_THRESHOLD))
    except ValueError:  # not a number: glibc ignores it too
        return
    if LIBC is not None and hasattr(LIBC, "mallopt"):
        LIBC.mallopt(M_MMAP_THRESHOLD, threshold)


def _libc() -> ctypes.CDLL | None:
    """glibc, for `malloc_trim`; None elsewhere (musl, macOS), where the trim is skipped."""
    try:  # glibc's own name first: find_library runs `ldconfig -p` in a new process
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c"))
        except OSError:
            return None
    return libc if hasattr(libc, "malloc_trim") else None


LIBC = _libc()


def start_worker(alive: Connection, huge_pages: Semaphore) -> None:
    """Worker initializer: make sure the date parsers' data is loaded (the fork server has
    normally done it, `ingest.run.worker_preload`), keep the pool's turn for huge pages, and
    exit once the importing process is gone, however it died (its end of the `alive` pipe
    closes and reading hits EOF), rather than wait for work forever."""
    global _huge_page_turn
    _huge_page_turn = huge_pages

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            alive.recv_bytes()
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
    from ingest.extract.dates import warm_up

    warm_up()


class WorkerPool:
    """`process_and_sign` in worker processes (in this one for workers=1).

    Workers start with a lifeline to this process, so they exit if it dies (SIGKILL included);
    a dead worker restarts the pool once and costs one page a `worker_crash` failure.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.executor: ProcessPoolExecutor | None = None
        self.lifeline: tuple[Connection, Connection] | None = None  # (workers', ours)
        self.generation = 0
        """Bumped at each restart, so one dead worker restarts the pool once."""
        if workers > 1:
            self._start()

    def _start(self) -> None:
        self.generation += 1
        start_fork_server()
        context = get_context("forkserver")
        self.lifeline = context.Pipe(duplex=False)
        self.executor = ProcessPoolExecutor(self.workers, mp_context=context,
                                            initializer=start_worker,
                                            initargs=(self.lifeline[0], context.Semaphore(1)))

    def submit(self, page: Page, *, pack: bool = False) -> Future[Done]:
        """The page's `Done` to be; with `pack`, its body compressed for the store."""
        if self.executor is None:
            future: Future[Done] = Future()
            future.set_result(process_and_sign(page, pack=pack))
            return future
        return self.executor.submit(process_in_worker, page, pack)

    def result(self, future: Future[Done], generation: int) -> Done:
        try:
            return future.result()
        except BrokenProcessPool:
            return self.crashed(generation)

    def crashed(self, generation: int) -> Done:
        """A worker died (e.g. killed for memory): restart the pool once per generation."""
        if generation == self.generation:
            self.close(wait=False)
            self._start()
        return Done(ExtractError("worker_crash", "the worker processing it died"), {})

    def close(self, *, wait: bool = True) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=wait, cancel_futures=True)
            self.executor = None
        if self.lifeline is not None:  # workers still running see EOF, and exit
            for end in self.lifeline:
                end.close()
            self.lifeline = None
