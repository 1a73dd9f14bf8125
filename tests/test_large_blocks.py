"""The crawl's processes return large freed blocks to the system (ingest.run.workers
`return_large_blocks`): glibc's threshold kept at its starting value in the crawling process
and, through the environment, in the pool it starts; a user's own setting is kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.app import cli
from ingest.run import workers

ROOT = Path(__file__).resolve().parent.parent


class Libc:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def mallopt(self, param: int, value: int) -> int:
        self.calls.append((param, value))
        return 1


def test_the_threshold_is_set_here_and_for_the_processes_started(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    libc = Libc()
    monkeypatch.setattr(workers, "LIBC", libc)
    workers.return_large_blocks()
    assert libc.calls == [(workers.M_MMAP_THRESHOLD, 128 * 1024)]
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == "131072"


def test_a_users_own_threshold_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "65536")
    libc = Libc()
    monkeypatch.setattr(workers, "LIBC", libc)
    workers.return_large_blocks()
    assert libc.calls == [(workers.M_MMAP_THRESHOLD, 65536)]
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == "65536"


def test_without_glibc_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    monkeypatch.setattr(workers, "LIBC", None)
    workers.return_large_blocks()
    assert "MALLOC_MMAP_THRESHOLD_" not in os.environ


@pytest.mark.skipif(workers.LIBC is None, reason="glibc's setting")
def test_a_real_process_passes_it_on() -> None:
    script = ("import os, subprocess, sys; from ingest.run.workers import return_large_blocks; "
              "return_large_blocks(); subprocess.run([sys.executable, '-c', "
              "'import os; print(os.environ[\"MALLOC_MMAP_THRESHOLD_\"])'], check=True)")
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_MMAP_THRESHOLD_"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "131072"


def test_the_crawl_sets_it_before_its_pool_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    order: list[str] = []
    monkeypatch.setattr(cli, "return_large_blocks", lambda: order.append("blocks"))
    monkeypatch.setattr(cli, "start_fork_server", lambda: order.append("pool"))
    monkeypatch.setattr(cli, "spiders_run", lambda: order.append("scrapy") or sys)
    cli.crawler(2)
    assert order == ["blocks", "pool", "scrapy"]
    order.clear()
    cli.crawler(1)  # one worker: no pool, the crawling process itself extracts
    assert order == ["blocks", "scrapy"]
