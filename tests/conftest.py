"""Shared pytest fixtures and options."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

# The fixture sites serve on 127.0.0.1: every crawl and fetch of the suite allows loopback
# addresses, as `--allow-private` does, except where a test of the URL policy says otherwise.
os.environ["INGEST_ALLOW_PRIVATE"] = "1"
# dateparser's compiled patterns (ingest.extract.locale_cache) are saved in a folder of the
# session's own, shared by its processes, never in the user's cache.
os.environ["INGEST_CACHE_DIR"] = tempfile.mkdtemp(prefix="ingest-test-cache-")

from ingest.distributed.scale_out import Keys
from tests.databases import BACKENDS, fresh_database
from tests.http_site import Site

atexit.register(shutil.rmtree, os.environ["INGEST_CACHE_DIR"], ignore_errors=True)


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


@pytest.fixture
def redis_url() -> str:
    """The test Redis ($INGEST_TEST_REDIS); the test is skipped without one."""
    url = os.environ.get("INGEST_TEST_REDIS")
    if not url:
        pytest.skip("scale-out test: set INGEST_TEST_REDIS to a Redis URL (redis://host:port/db)")
    return url


@pytest.fixture
def crawl_keys(redis_url: str) -> Iterator[Keys]:
    """Redis keys of a crawl name of this test's own, deleted afterwards."""
    keys = Keys(f"test-{uuid.uuid4().hex[:8]}")
    yield keys
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(f"{keys.prefix}:*"):
        client.delete(key)


@pytest.fixture(params=BACKENDS)
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database of each backend: a SQLite path, or a postgresql:// URL."""
    with fresh_database(request.param, tmp_path) as target:
        yield target
