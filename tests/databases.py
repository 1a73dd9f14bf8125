"""Fresh databases for tests that run on each store backend (SQLite, PostgreSQL)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ingest.store.postgres import scratch_database

POSTGRES_ENV = "INGEST_TEST_POSTGRES"
SKIP_POSTGRES = (f"PostgreSQL tests need ${POSTGRES_ENV} (a postgresql:// URL of a server "
                 "the tests may create databases on); `.ci/run` sets it, or start one with "
                 "`eval \"$(.ci/services.sh start)\"`")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.scaleout)]
"""Params of a fixture that runs a test against each store backend."""


@contextmanager
def fresh_database(backend: str, folder: Path) -> Iterator[str]:
    """A new empty database: a SQLite file in `folder`, or a PostgreSQL database created on
    the server of $INGEST_TEST_POSTGRES and dropped afterwards (skipped when it is unset)."""
    if backend == "sqlite":
        yield str(folder / "news.db")
        return
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(SKIP_POSTGRES)
    with scratch_database(server, "ingest_test") as url:
        yield url
