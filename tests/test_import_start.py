"""`ingest import` of archives large enough for the worker pool starts its fork server
before the command line loads (`ingest.__main__.start_import_pool_early`)."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest.__main__ as entry
from ingest.run import fork_server
from ingest.run.fork_server import SMALL_RUN_PAGES, WARC_BYTES_PER_PAGE


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    calls: list[bool] = []
    monkeypatch.setattr(fork_server, "start_fork_server", lambda: calls.append(True))
    monkeypatch.setattr(fork_server.os, "cpu_count", lambda: 2)
    return calls


def _archive(path: Path, pages: int) -> str:
    path.write_bytes(b"x" * (pages * WARC_BYTES_PER_PAGE))
    return str(path)


@pytest.mark.parametrize(("args", "expected"), [
    (["import", "{big}"], True),
    (["--db", "x.db", "import", "{big}", "--source", "cc"], True),
    (["import", "{small}"], False),
    (["import", "{small}", "{small}"], False),
    (["import", "{big}", "--workers", "1"], False),
    (["import", "{big}", "--workers=1"], False),
    (["import", "{small}", "--workers", "2"], True),
    (["import", "{small}", "--db", "{big}"], False),  # a database, not an archive
    (["import", "{missing}"], False),
    (["reprocess"], False),
    (["fetch", "{big}"], False),
])
def test_the_fork_server_starts_early_for_a_large_import(
        tmp_path: Path, started: list[bool], args: list[str], expected: bool) -> None:
    names = {"big": _archive(tmp_path / "big.warc.gz", SMALL_RUN_PAGES),
             "small": _archive(tmp_path / "small.warc.gz", SMALL_RUN_PAGES // 3),
             "missing": str(tmp_path / "none.warc.gz")}
    entry.start_import_pool_early([arg.format(**names) for arg in args])
    assert started == ([True] if expected else [])
