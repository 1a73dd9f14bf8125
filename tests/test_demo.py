"""`ingest demo`: the bundled site served locally and crawled with Scrapy, twice without
duplicates; the records match what data/demo/MANIFEST.json says of each page."""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = json.loads((ROOT / "data/demo/MANIFEST.json").read_text(encoding="utf-8"))


def demo(db: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ingest", "--db", str(db), "demo", *options],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={k: v for k, v in os.environ.items() if k != "INGEST_DB"})


def test_demo_builds_the_database_and_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    first = demo(db)
    assert first.returncode == 0, first.stderr
    assert f"{len(MANIFEST)} new" in first.stdout and "0 failed" in first.stdout
    assert "0 skipped" in first.stdout  # a story listed twice in one run is no skip
    assert "1 disallowed by robots.txt" in first.stdout
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select url, is_syndicated, original_publisher from articles")
        stored = {url.split("/", 3)[3]: (bool(syn), pub) for url, syn, pub in rows}
    expected = {e["path"].lstrip("/"): e for e in MANIFEST}
    assert set(stored) == set(expected)
    wrong = {path: stored[path] for path, e in expected.items()
             if stored[path][0] != e["syndicated"]
             or (e["syndicated"] and stored[path][1] != e["original_publisher"])}
    assert wrong == {}

    second = demo(db)
    assert second.returncode == 0, second.stderr
    assert "0 new" in second.stdout
    # Each stored story counts once, however many listings (feeds, sitemaps, sections) name it.
    skipped = int(re.search(r"(\d+) skipped", second.stdout)[1])
    assert 0 < skipped <= len(MANIFEST), second.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone() == (len(MANIFEST),)

    # Another port: the same site, at the same address, so the same stories.
    elsewhere = demo(db, "--port", "0")
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert "0 new" in elsewhere.stdout and "0 failed" in elsewhere.stdout
    assert stories(db) == (len(MANIFEST), len(MANIFEST), len(MANIFEST))


def stories(db: Path) -> tuple[int, int, int]:
    """How many stories are stored, and how many distinct ids and URLs they have."""
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*), count(distinct id), count(distinct url) "
                            "from articles").fetchone()


def two_free_ports() -> tuple[int, int]:
    with socket.socket() as one, socket.socket() as two:
        one.bind(("127.0.0.1", 0))
        two.bind(("127.0.0.1", 0))
        return one.getsockname()[1], two.getsockname()[1]


def test_a_rerun_on_another_port_stores_no_story_twice(tmp_path: Path) -> None:
    """The demo site has one address whatever port serves it (ingest/app/demo.py), so every
    story keeps its URL and id, the copy whose canonical URL names Reuters' own address (and
    so is identified by the URL it was fetched at) included."""
    db = tmp_path / "demo.db"
    ports = two_free_ports()
    runs = [demo(db, "--port", str(port)) for port in ports]
    for port, run in zip(ports, runs, strict=True):
        assert run.returncode == 0, run.stderr
        assert f"at http://127.0.0.1:{port}/ (as http://127.0.0.1:8947/)" in run.stdout
    assert f"{len(MANIFEST)} new" in runs[0].stdout and "0 new" in runs[1].stdout
    assert stories(db) == (len(MANIFEST), len(MANIFEST), len(MANIFEST))
    with sqlite3.connect(db) as conn:
        copy = conn.execute("select url, original_url from articles where original_url "
                            "like 'https://www.reuters.com/%'").fetchall()
    assert len(copy) == 1 and copy[0][0].startswith("http://127.0.0.1:8947/wire/")


def test_demo_serve_serves_the_site_until_interrupted(tmp_path: Path) -> None:
    """`ingest demo --serve` serves the site alone, with its base URL and crawl commands,
    for the README's crawl examples; nothing is crawled or stored."""
    import signal
    import urllib.request

    server = subprocess.Popen([sys.executable, "-m", "ingest", "--db", str(tmp_path / "x.db"),
                               "demo", "--serve", "--port", "0"], cwd=ROOT, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        first = server.stdout.readline() if server.stdout else ""
        base = re.search(r"http://127\.0\.0\.1:\d+", first)
        assert base, first
        with urllib.request.urlopen(f"{base.group(0)}/index.html", timeout=10) as response:
            page = response.read().decode()
        assert 'rel="canonical" href="http://127.0.0.1:8947/"' in page  # the stable address
        with urllib.request.urlopen(f"{base.group(0)}/feed.xml", timeout=10) as response:
            assert f"{base.group(0)}/news/" in response.read().decode()  # links: served one
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)
    assert server.returncode == 0
    assert not (tmp_path / "x.db").exists()
