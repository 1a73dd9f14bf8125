"""Huge pages one at a time (ingest.run.workers): two workers never extract pages of a
megabyte or more at once, whose memory peaks would add up; a turn never handed on (its worker
killed) holds nobody up for good."""

from __future__ import annotations

import multiprocessing
import threading
import time
from datetime import UTC, datetime

import pytest

from ingest.core.page import Page
from ingest.run import workers
from ingest.run.workers import HUGE_PAGE_BYTES, Done, WorkerPool, process_in_worker
from tests.pages import story_html


def _page(size: int) -> Page:
    html = story_html()
    body = html.replace("</body>", f"<!-- {'x' * size} --></body>").encode()
    return Page(url="https://news.example/2024/06/story.html", body=body,
                fetched_at=datetime(2024, 6, 5, tzinfo=UTC))


@pytest.fixture
def overlaps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many pages were being extracted, sampled as each one started; extraction is a
    50 ms wait."""
    running, seen, lock = [0], [], threading.Lock()

    def extract(page: Page, *, pack: bool = False) -> Done:
        with lock:
            running[0] += 1
            seen.append(running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return Done(ValueError("not extracted"), {})  # type: ignore[arg-type]

    monkeypatch.setattr(workers, "process_and_sign", extract)
    monkeypatch.setattr(workers, "_huge_page_turn", multiprocessing.Semaphore(1))
    return seen


def _at_once(pages: list[Page]) -> None:
    threads = [threading.Thread(target=process_in_worker, args=(p,)) for p in pages]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_huge_pages_wait_for_their_turn(overlaps: list[int]) -> None:
    _at_once([_page(HUGE_PAGE_BYTES)] * 3)
    assert overlaps == [1, 1, 1]


def test_other_pages_do_not_wait(overlaps: list[int]) -> None:
    _at_once([_page(HUGE_PAGE_BYTES), _page(1_000), _page(1_000)])
    assert max(overlaps) == 3


def test_a_turn_never_handed_on_holds_nobody_up_for_good(
        overlaps: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "HUGE_PAGE_WAIT", 0.1)
    assert workers._huge_page_turn is not None
    workers._huge_page_turn.acquire()  # as a killed worker leaves it
    _at_once([_page(HUGE_PAGE_BYTES)])
    assert overlaps == [1]


def test_a_pool_extracts_huge_pages() -> None:
    pool = WorkerPool(2)
    try:
        futures = [pool.submit(_page(HUGE_PAGE_BYTES)) for _ in range(3)]
        results = [pool.result(f, pool.generation).result for f in futures]
    finally:
        pool.close()
    assert [r.title for r in results] == [results[0].title] * 3  # type: ignore[union-attr]
