"""`ingest demo`: the bundled site served locally and crawled with Scrapy, twice without
duplicates; the records match what data/demo/MANIFEST.json says of each page."""

from __future__ import annotations

import json
import os
import re
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

    # Another port: the stories whose canonical URL is their own are the same records,
    # updated; the one page whose canonical names Reuters' address keeps its fetched URL.
    elsewhere = demo(db, "--port", "0")
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert "1 new" in elsewhere.stdout and f"{len(MANIFEST) - 1} updated" in elsewhere.stdout


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
