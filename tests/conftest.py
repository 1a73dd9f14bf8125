"""Shared pytest fixtures and options."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.databases import BACKENDS, fresh_database
from tests.http_site import Site


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite the expected records of tests/golden from the current code.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def http_site() -> Iterator[Site]:
    """A local HTTP server on 127.0.0.1, programmed per path (see tests/http_site.py)."""
    site = Site().start()
    yield site
    site.stop()


@pytest.fixture(params=BACKENDS)
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database of each backend: a SQLite path, or a postgresql:// URL."""
    with fresh_database(request.param, tmp_path) as target:
        yield target
