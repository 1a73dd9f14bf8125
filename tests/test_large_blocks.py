"""Large freed blocks go back to the system: the pool's fork server and workers start with
glibc's threshold for blocks of their own kept at `fork_server.MMAP_THRESHOLD` (through their
environment), the crawling process sets its own (`workers.return_large_blocks`), and a user's
own setting is kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.app import cli
from ingest.run import fork_server, workers

ROOT = Path(__file__).resolve().parent.parent


class Libc:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def mallopt(self, param: int, value: int) -> int:
        self.calls.append((param, value))
        return 1


def test_this_process_takes_the_pools_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    libc = Libc()
    monkeypatch.setattr(workers, "LIBC", libc)
    workers.return_large_blocks()
    assert libc.calls == [(workers.M_MMAP_THRESHOLD, 128 * 1024)]


def test_a_users_own_threshold_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "65536")
    libc = Libc()
    monkeypatch.setattr(workers, "LIBC", libc)
    workers.return_large_blocks()
    assert libc.calls == [(workers.M_MMAP_THRESHOLD, 65536)]
    monkeypatch.setattr(fork_server.forkserver, "ensure_running", lambda: None)
    fork_server.start_fork_server()
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == "65536"


def test_a_threshold_that_is_no_number_is_left_to_glibc(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "128k")
    libc = Libc()
    monkeypatch.setattr(workers, "LIBC", libc)
    workers.return_large_blocks()  # no error
    assert libc.calls == []


def test_without_glibc_this_process_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "LIBC", None)
    workers.return_large_blocks()  # no error


SERVER_ENVIRONMENT = """
import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from ingest.run.fork_server import start_fork_server

def threshold():
    return os.environ.get("MALLOC_MMAP_THRESHOLD_")

if __name__ == "__main__":
    start_fork_server()
    with ProcessPoolExecutor(1, mp_context=get_context("forkserver")) as pool:
        print(pool.submit(threshold).result())
"""


def test_the_pools_processes_start_with_the_threshold(tmp_path: Path) -> None:
    script = tmp_path / "pool.py"
    script.write_text(SERVER_ENVIRONMENT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_MMAP_THRESHOLD_"}
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == str(fork_server.MMAP_THRESHOLD)


def test_the_crawl_sets_its_own_before_its_pool_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    order: list[str] = []
    monkeypatch.setattr(cli, "return_large_blocks", lambda: order.append("blocks"))
    monkeypatch.setattr(cli, "start_fork_server", lambda: order.append("pool"))
    monkeypatch.setattr(cli, "spiders_run", lambda: order.append("scrapy") or sys)
    cli.crawler(2)
    assert order == ["blocks", "pool", "scrapy"]
    order.clear()
    cli.crawler(1)  # one worker: no pool, the crawling process itself extracts
    assert order == ["blocks", "scrapy"]
