"""Where the time goes: seconds per processing stage, summed over pages.

`ingest.pipeline.process` times its stages on a `StageClock`; worker processes send the
seconds back with each record, and a crawl adds the store's and the network's own, so every
run can say what share of its time extraction, dates, attribution, dedup and the store took
(`ingest crawl -v`, and `crawl_runs.stats`).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

STAGES = ("parse", "metadata", "extract", "dates", "attribution", "dedup", "store",
          "fetch_wait")
"""The stages, in the order a page meets them (fetch_wait: the network, not the CPU)."""
STAT_PREFIX = "ingest/seconds/"
"""Prefix of the per-stage seconds in Scrapy's stats and `crawl_runs.stats`."""


class StageClock:
    """Seconds spent per stage; `with clock("dates"): ...` adds the block's duration."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - start


def stage_table(seconds: Mapping[str, float], pages: int) -> list[tuple[str, float, float, float]]:
    """(stage, total seconds, ms per page, share of the CPU stages' time) for each stage
    timed; fetch_wait is shown but not in the shares, as it is waiting, not work."""
    work = sum(v for k, v in seconds.items() if k != "fetch_wait") or 1.0
    return [(stage, seconds[stage], 1000 * seconds[stage] / max(pages, 1),
             0.0 if stage == "fetch_wait" else seconds[stage] / work)
            for stage in STAGES if seconds.get(stage)]
