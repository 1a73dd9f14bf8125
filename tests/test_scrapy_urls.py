"""A real Scrapy crawl (`scrapy crawl urls`) against a site the test serves on 127.0.0.1."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.http_site import Response, Site, page
from tests.pages import story_html

ROOT = Path(__file__).resolve().parent.parent


def crawl(db: Path, *urls: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", "urls=" + ",".join(urls),
               "-s", f"INGEST_DB={db}", "-s", "AUTOTHROTTLE_ENABLED=False",
               "-s", "LOG_LEVEL=WARNING"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "INGEST_DB": str(db)})


def test_urls_spider_stores_pages_and_records_failures(http_site: Site, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    http_site.route("/robots.txt", Response(200, {"Content-Type": "text/plain"},
                                            b"User-agent: *\nDisallow: /private/\n"))
    http_site.route("/story.html", page(story_html()))
    http_site.route("/flaky.html", [503, 503, page(story_html("Flaky server finally answers"))])
    http_site.route("/private/draft.html", page(story_html("Secret draft")))
    http_site.route("/section/", page("<html><body><nav><a href='/'>Home</a></nav></body></html>"))
    urls = [http_site.url(p) for p in ("/story.html", "/flaky.html", "/missing.html",
                                       "/section/", "/private/draft.html")]
    result = crawl(db, *urls)
    assert result.returncode == 0, result.stderr
    assert http_site.hits["/private/draft.html"] == 0
    assert http_site.hits["/flaky.html"] == 3
    with sqlite3.connect(db) as conn:
        titles = {t for (t,) in conn.execute("select title from articles")}
        failures = dict(conn.execute("select url, reason from failures").fetchall())
        runs = conn.execute("select status, pages_new, pages_failed from crawl_runs").fetchall()
    assert titles == {"Water board approves reservoir pump replacement",
                      "Flaky server finally answers"}
    assert failures == {http_site.url("/missing.html"): "http_404",
                        http_site.url("/section/"): "no_text"}
    assert runs == [("completed", 2, 2)]

    again = crawl(db, *urls[:2])
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone() == (2,)
        assert conn.execute("select pages_new, pages_skipped from crawl_runs where id = 2"
                            ).fetchone() == (0, 2)
