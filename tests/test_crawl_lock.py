"""The run lock and crash safety of `ingest crawl`, run as real subprocesses.

- A run refuses to start while another holds the database's lock, in one stderr line.
- A crawl killed with SIGKILL leaves whole records only; the next run is not blocked (the
  kernel released the lock), fetches what is missing and stores every story exactly once.
- Of two runs started together on one database, exactly one runs.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.store.lock import run_lock
from tests.http_site import Request, Response, Site, page
from tests.pages import STORY, story_html

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60


def ingest_command(db: Path, *urls: str) -> list[str]:
    return [sys.executable, "-m", "ingest", "--db", str(db), "crawl",
            *(arg for url in urls for arg in ("--url", url))]


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("INGEST_DB", "INGEST_VERBOSE")}


def run_ingest(db: Path, *urls: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(ingest_command(db, *urls), cwd=ROOT, env=environment(),
                          capture_output=True, text=True, timeout=TIMEOUT)


def start_ingest(db: Path, *urls: str) -> subprocess.Popen[str]:
    return subprocess.Popen(ingest_command(db, *urls), cwd=ROOT, env=environment(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def query(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db, timeout=5)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def article_count(db: Path) -> int:
    try:
        return query(db, "select count(*) from articles")[0][0]
    except sqlite3.Error:  # not created yet, or being migrated
        return 0


def wait_for(condition, timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


def assert_lock_refusal(stderr: str, db: Path) -> None:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error:"), stderr
    assert "another run" in lines[0] and str(db) in lines[0], stderr


def _proc_stat(pid: int) -> tuple[int, str] | None:
    """(parent pid, state) of a live process, None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state, ppid = stat.rsplit(")", 1)[1].split()[:2]
    return int(ppid), state


def descendants(pid: int) -> set[int]:
    """Every live process below `pid` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _proc_stat(int(entry.name))) is not None:
            children.setdefault(stat[0], []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    stat = _proc_stat(pid)
    return stat is not None and stat[1] != "Z"  # an unreaped zombie has exited


@pytest.fixture
def story_site(http_site: Site) -> Site:
    http_site.route("/robots.txt", Response(200, {"Content-Type": "text/plain"},
                                            b"User-agent: *\nAllow: /\n"))
    return http_site


def test_a_held_lock_refuses_the_run_in_one_line(story_site: Site, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    story_site.route("/story.html", page(story_html()))
    url = story_site.url("/story.html")

    with run_lock(db):
        refused = run_ingest(db, url)
    assert refused.returncode == 1, refused.stderr
    assert_lock_refusal(refused.stderr, db)
    assert story_site.hits["/story.html"] == 0

    done = run_ingest(db, url)
    assert done.returncode == 0, done.stderr
    assert query(db, "select url from articles") == [(url,)]
    assert query(db, "select status from crawl_runs") == [("completed",)]


def stories(site: Site, count: int) -> list[str]:
    urls = []
    for i in range(count):
        path = f"/news/story-{i}.html"
        paragraphs = [f"Story {i}: {STORY[0]}", *STORY[1:]]
        body = story_html(f"Council story number {i} of the day", paragraphs).encode()
        site.route(path, Response(200, {"Content-Type": "text/html; charset=utf-8"}, body,
                                  delay=0.02))
        urls.append(site.url(path))
    return urls


@pytest.fixture
def reap() -> Iterator[list[subprocess.Popen[str]]]:
    """Processes the test starts; whatever is still running at the end is killed."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:
        pids = descendants(proc.pid)
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
        for pid in pids:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_kill_9_mid_crawl_then_resume(story_site: Site, tmp_path: Path,
                                      reap: list[subprocess.Popen[str]]) -> None:
    db = tmp_path / "news.db"
    urls = stories(story_site, 60)
    # Two stories answer only after a minute during the first run, so it cannot finish
    # before it is killed; the others keep coming, so batches of records get committed.
    held = ["/news/story-17.html", "/news/story-42.html"]
    for path in held:
        story_site.route(path, Response(200, {"Content-Type": "text/html"}, b"", delay=60))

    first = start_ingest(db, *urls)
    reap.append(first)
    assert wait_for(lambda: article_count(db) > 0 or first.poll() is not None, TIMEOUT)
    assert first.poll() is None, first.communicate()
    workers = descendants(first.pid)
    first.kill()  # SIGKILL: no cleanup of any kind
    first.communicate(timeout=TIMEOUT)

    stored = article_count(db)
    assert 0 < stored <= 58
    assert query(db, "pragma integrity_check") == [("ok",)]
    assert query(db, "select status from crawl_runs") == [("running",)]
    shown = subprocess.run([sys.executable, "-m", "ingest", "--db", str(db), "stats", "--json"],
                           cwd=ROOT, env=environment(), capture_output=True, text=True)
    assert [run["status"] for run in json.loads(shown.stdout)["runs"]] == ["interrupted"]
    # The extraction workers do not outlive the crawl that started them.
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 10), \
        [pid for pid in workers if alive(pid)]

    for path in held:
        story_site.route(path, page(story_html(f"Held story {path}")))
    second = run_ingest(db, *urls)
    assert second.returncode == 0, second.stderr
    assert "another run" not in second.stderr

    assert query(db, "select count(*), count(distinct url), count(distinct id) from articles"
                 ) == [(60, 60, 60)]
    assert {u for (u,) in query(db, "select url from articles")} == set(urls)
    assert query(db, "pragma integrity_check") == [("ok",)]
    assert query(db, "select status from crawl_runs order by id") == [("interrupted",),
                                                                      ("completed",)]
    assert query(db, "select pages_new, pages_skipped from crawl_runs where id = 2") == [
        (60 - stored, stored)]
    assert query(db, "select count(*) from failures") == [(0,)]


def test_the_same_database_through_a_symlink_is_locked_too(story_site: Site,
                                                           tmp_path: Path) -> None:
    db, link = tmp_path / "news.db", tmp_path / "alias.db"
    link.symlink_to(db)
    with run_lock(db):
        result = run_ingest(link, story_site.url("/news/story-1.html"))
    assert result.returncode == 1
    assert "another run" in result.stderr


def test_two_runs_at_once_one_is_refused(story_site: Site, tmp_path: Path,
                                         reap: list[subprocess.Popen[str]]) -> None:
    db = tmp_path / "news.db"
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(TIMEOUT)  # held until the loser has given up
        return page(story_html())

    story_site.route("/slow.html", slow)
    url = story_site.url("/slow.html")
    procs = [start_ingest(db, url), start_ingest(db, url)]
    reap.extend(procs)
    try:
        assert wait_for(lambda: any(p.poll() is not None for p in procs), TIMEOUT)
    finally:
        release.set()
    outputs = [p.communicate(timeout=TIMEOUT) for p in procs]

    codes = [p.returncode for p in procs]
    assert sorted(codes) == [0, 1], outputs
    loser = codes.index(1)
    assert_lock_refusal(outputs[loser][1], db)
    assert outputs[1 - loser][1] == "" or "another run" not in outputs[1 - loser][1]
    assert story_site.hits["/slow.html"] == 1
    assert query(db, "select status from crawl_runs") == [("completed",)]
    assert query(db, "select count(*) from articles") == [(1,)]
