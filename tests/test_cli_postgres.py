"""The command line on PostgreSQL: `--db postgresql://...` (or $INGEST_DB) crawls a site the
test serves on 127.0.0.1, fetches, searches, counts and exports as it does on SQLite.

Marked `scaleout`: skipped with the reason when $INGEST_TEST_POSTGRES is unset.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ingest.app.cli import cli
from ingest.core.record import FIELDS
from ingest.store.lock import run_lock
from tests.databases import fresh_database
from tests.http_site import Site, page
from tests.pages import story_html

pytestmark = pytest.mark.scaleout
ROOT = Path(__file__).resolve().parent.parent
TOPICS = ["harbor dredging", "school budget", "bus routes"]


@pytest.fixture
def pg(tmp_path: Path) -> Iterator[str]:
    with fresh_database("postgres", tmp_path) as url:
        yield url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ingest(*args: str, db: str | None = None) -> subprocess.CompletedProcess[str]:
    """`ingest ARGS` in a process of its own (a Scrapy crawl starts its reactor once)."""
    env = {k: v for k, v in os.environ.items() if k != "INGEST_DB"}
    if db:
        env["INGEST_DB"] = db
    return subprocess.run([sys.executable, "-m", "ingest", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=env)


def invoke(db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", db, *args], env={"INGEST_DB": None})


def serve_feed(site: Site) -> str:
    """Three stories and an RSS feed of them on the test's site; the feed's URL."""
    base = site.url("/").rstrip("/")
    items = "".join(f"<item><title>{topic}</title><link>{base}/news/{n}.html</link></item>"
                    for n, topic in enumerate(TOPICS))
    site.route("/robots.txt", page("User-agent: *\nAllow: /\n", content_type="text/plain"))
    site.route("/feed.xml", page(f'<?xml version="1.0"?><rss version="2.0"><channel>'
                                 f"<title>T</title>{items}</channel></rss>",
                                 content_type="application/rss+xml"))
    for n, topic in enumerate(TOPICS):
        site.route(f"/news/{n}.html", page(story_html(f"Council takes up {topic}", [
            f"The council took up {topic} on Tuesday night after {n + 2} hours of debate, "
            f"with residents lining the hall to speak about {topic} and what it would cost.",
            f"Members said a decision on {topic} would come within {n + 3} weeks, once the "
            f"town engineer and the finance office report on the options for {topic}.",
            f"Residents who spoke about {topic} asked for a public meeting in the "
            f"{['north', 'east', 'south'][n]} ward before any vote is taken."])))
    return f"{base}/feed.xml"


def test_crawl_fetch_search_stats_export_on_postgres(pg: str, http_site: Site) -> None:
    feed = serve_feed(http_site)
    first = ingest("--db", pg, "crawl", "--feed", feed)
    assert first.returncode == 0, first.stderr
    assert "3 new" in first.stdout and "0 failed" in first.stdout
    again = ingest("crawl", "--feed", feed, db=pg)  # the database from $INGEST_DB
    assert again.returncode == 0, again.stderr
    assert "0 new" in again.stdout

    http_site.route("/story.html", page(story_html()))
    fetched = invoke(pg, "fetch", "--json", http_site.url("/story.html"))
    assert fetched.exit_code == 0, fetched.output
    record = json.loads(fetched.stdout)
    again_fetched = invoke(pg, "fetch", http_site.url("/story.html"))
    assert again_fetched.stdout.startswith("unchanged"), again_fetched.output

    stats = json.loads(invoke(pg, "stats", "--json").stdout)
    assert stats["articles"] == 4 and stats["syndicated"] == 0
    assert [run["status"] for run in stats["runs"]] == ["completed", "completed"]
    assert stats["by_site"] == [{"site": "127.0.0.1", "n": 4, "syndicated": 0}]

    hits = [json.loads(line) for line in
            invoke(pg, "search", "--json", "dredging").stdout.splitlines()]
    assert [hit["title"] for hit in hits] == ["Council takes up harbor dredging"]
    assert "[dredging]" in hits[0]["snippet"]

    exported = invoke(pg, "export")
    assert exported.exit_code == 0, exported.output
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(lines) == 4
    assert all(list(line) == list(FIELDS) for line in lines)
    assert lines[-1]["id"] == record["id"] and lines[-1]["title"] == record["title"]


def test_a_held_run_lock_refuses_a_crawl_in_one_line(pg: str) -> None:
    with run_lock(pg):
        refused = invoke(pg, "crawl", "--url", "http://127.0.0.1:9/story.html")
    assert refused.exit_code == 1
    assert refused.stderr.strip().startswith("error: locked: another run is using")
    assert len(refused.stderr.strip().splitlines()) == 1


def test_serve_says_it_needs_sqlite(pg: str) -> None:
    result = invoke(pg, "serve")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ingest serve browses SQLite only")
    assert len(result.stderr.strip().splitlines()) == 1
