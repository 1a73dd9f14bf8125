"""When `ingest crawl` starts the worker pool's fork server: before Scrapy, for a crawl that
will run with a pool; never for a scheduled run with nothing due (cron calls it every few
minutes) or for one worker."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import ingest.app.cli as cli_module
from ingest.app.cli import cli
from ingest.store.database import Store

SOURCES = """\
[[source]]
name = "alpha"
feeds = ["http://127.0.0.1:9/feed.xml"]
min_interval = "1h"
"""


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records each start of the fork server and each import of the crawler, in order; the
    crawl itself is not run."""
    calls: list[str] = []
    monkeypatch.setattr(cli_module, "start_fork_server", lambda: calls.append("fork server"))

    def spiders_run() -> object:
        calls.append("crawler")
        raise SystemExit(0)  # stop before crawling

    monkeypatch.setattr(cli_module, "spiders_run", spiders_run)
    return calls


def _crawl(tmp_path: Path, *args: str) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES)
    CliRunner().invoke(cli, ["--db", str(tmp_path / "news.db"), "crawl", "--sources-file",
                             str(sources), *args], catch_exceptions=False)


def test_a_crawl_starts_the_fork_server_before_the_crawler(tmp_path: Path,
                                                           started: list[str]) -> None:
    _crawl(tmp_path, "--workers", "2")
    assert started == ["fork server", "crawler"]


def test_one_worker_needs_no_fork_server(tmp_path: Path, started: list[str]) -> None:
    _crawl(tmp_path, "--workers", "1")
    assert started == ["crawler"]


def test_a_run_with_nothing_due_starts_nothing(tmp_path: Path, started: list[str]) -> None:
    store = Store(str(tmp_path / "news.db"))
    store.mark_crawled(["alpha"], None)
    store.close()
    _crawl(tmp_path, "--workers", "2")
    assert started == []
