"""Two `ingest crawl --redis` workers over one Redis and one database, one of them killed
mid-crawl: every story stored once, nothing lost, no URL fetched twice but the requests the
killed worker had in flight, and copies stored by different workers in one cluster.

The database is a new one on `$INGEST_TEST_POSTGRES` when set, else one SQLite file both
workers share."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from ingest.distributed.scale_out import Keys, pending
from ingest.store.database import Store
from tests.databases import POSTGRES_ENV, fresh_database
from tests.http_site import Site
from tests.scale_out_site import copy_paths, serve, sources_file, story_paths

pytestmark = pytest.mark.scaleout
ROOT = Path(__file__).resolve().parent.parent
STORIES, COPIES = 40, 10


def ingest(db: str, *args: str, worker: str = "", **popen: object) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("INGEST_DB", "INGEST_REDIS")}
    env["INGEST_CONTACT_URL"] = f"http://{worker or 'test'}.example"  # in the User-Agent
    return subprocess.Popen([sys.executable, "-m", "ingest", "--db", db, *args], cwd=ROOT,
                            env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            **popen)


def wait_until(condition: object, process: subprocess.Popen[str], what: str) -> None:
    """Poll `condition` until true; fail if the process ends first (never a timed test: the
    bound only keeps a broken crawl from hanging the suite)."""
    deadline = time.monotonic() + 120
    while not condition():  # type: ignore[operator]
        assert process.poll() is None, f"worker ended before {what}: {process.stderr.read()}"
        assert time.monotonic() < deadline, f"no {what} after 120 s"
        time.sleep(0.1)


def fetchers(site: Site, path: str) -> list[str]:
    """Which worker made each request for `path`, in order (from the User-Agent)."""
    return [r.headers.get("user-agent", "").rsplit("//", 1)[-1].split(".")[0]
            for r in site.requests[path]]


def stored(db: str, base: str) -> list[dict[str, object]]:
    """The records of this site, through `ingest export` (whatever the database)."""
    out = subprocess.run([sys.executable, "-m", "ingest", "--db", db, "export"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    records = [json.loads(line) for line in out.splitlines() if line]
    return [r for r in records if str(r["url"]).startswith(base)]


def test_two_workers_one_killed_store_everything_once(http_site: Site, redis_url: str,
                                                      crawl_keys: Keys, tmp_path: Path) -> None:
    serve(http_site, STORIES, COPIES, delay=0.25, hold="doomed")
    sources = sources_file(http_site, tmp_path / "sources.toml")
    with fresh_database("postgres" if os.environ.get(POSTGRES_ENV) else "sqlite",
                        tmp_path) as db:
        Store(db).close()  # created (and migrated) once, before two workers race to do it
        crawl_with_two_workers_killing_one(http_site, redis_url, crawl_keys, sources, db)


def crawl_with_two_workers_killing_one(http_site: Site, redis_url: str, crawl_keys: Keys,
                                       sources: Path, db: str) -> None:
    """Two workers, one killed while it holds a copy whose original it stored; the checks."""
    base = http_site.url("/").rstrip("/")
    expected = story_paths(STORIES) + copy_paths(COPIES)
    redis_args = ("--redis", redis_url, "--crawl-name", crawl_keys.crawl)
    seeded = ingest(db, "enqueue", "--sources", str(sources), *redis_args)
    assert seeded.wait(60) == 0, seeded.stderr.read()
    assert "3 start points queued" in seeded.stdout.read()

    work = ("crawl", *redis_args, "--sources-file", str(sources), "--workers", "1",
            "--idle", "2", "--heartbeat", "3")
    doomed = ingest(db, *work, worker="doomed")
    survivor = None
    try:
        # The doomed worker stores stories; the first copy keeps it waiting (in flight) once
        # its original is stored, so that the copy is stored by the other worker.
        wait_until(lambda: articles(db) >= 10 and is_stored(db, base + story_paths(1)[0])
                   and "doomed" in fetchers(http_site, copy_paths(1)[0]), doomed,
                   "ten stories stored")
        survivor = ingest(db, *work, worker="survivor")
        wait_until(lambda: len(workers(redis_url, crawl_keys)) == 2, survivor, "two workers")
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(30)
        assert survivor.wait(180) == 0, survivor.stderr.read()
    finally:
        for worker in (doomed, survivor):
            if worker is not None and worker.poll() is None:
                worker.kill()
                worker.wait(30)
    summary = survivor.stdout.read()
    assert "crawl completed" in summary, summary

    records = stored(db, base)
    urls = sorted(str(r["url"]) for r in records)
    assert urls == sorted(base + p for p in expected)  # every story, each once
    # No URL fetched twice, but those the killed worker had taken when it died.
    twice = {p: fetchers(http_site, p) for p in expected if http_site.hits[p] > 1}
    assert all(f == ["doomed", "survivor"] for f in twice.values()), twice
    for discovery in ("/sitemap.xml", "/latest/", "/more/"):
        assert http_site.hits[discovery] == 1, discovery
    # Each copy is in its original's cluster, also when the two were stored by two workers.
    cluster = {str(r["url"]).removeprefix(base): r["cluster_id"] for r in records}
    pairs = list(zip(story_paths(COPIES), copy_paths(COPIES), strict=True))
    assert all(cluster[a] == cluster[b] for a, b in pairs), cluster
    assert fetchers(http_site, pairs[0][0]) == ["doomed"]
    assert fetchers(http_site, pairs[0][1]) == ["doomed", "survivor"]
    assert not pending(redis.Redis.from_url(redis_url), crawl_keys)


def articles(db: str) -> int:
    store = Store(db)
    try:
        return store.stats()["articles"]
    finally:
        store.close()


def is_stored(db: str, url: str) -> bool:
    store = Store(db)
    try:
        return store.fetched_at(url) is not None
    finally:
        store.close()


def workers(redis_url: str, keys: Keys) -> set[bytes]:
    return redis.Redis.from_url(redis_url).smembers(keys.workers)
