"""The URL policy in real crawls (`ingest crawl`, served on 127.0.0.1): feeds, sitemaps and
section pages handing out file://, ftp:// and internal addresses, and redirects to other
sites, ports, schemes and the cloud metadata address. Nothing is requested from a refused URL
(the metadata address is never contacted: the policy refuses it before any connection), each
refusal is one `failures` row with its reason, and the good stories are stored."""

from __future__ import annotations

import gzip
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.http_site import Response, Site, page, redirect
from tests.pages import story_html

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ["file:///etc/passwd", "ftp://127.0.0.1/robots.txt",
           "http://169.254.169.254/latest/meta-data/"]
REASONS = {"file:///etc/passwd": "blocked_scheme", "ftp://127.0.0.1/robots.txt": "blocked_scheme",
           "http://169.254.169.254/latest/meta-data/": "blocked_address"}


def ingest(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ingest", "--db", str(db), "crawl", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "INGEST_RETRY_BACKOFF": "0.01"})


def rows(db: Path) -> tuple[set[str], dict[str, str], int]:
    """(stored URLs, failed URL -> reason, raw pages)."""
    with sqlite3.connect(db) as conn:
        stored = {u for (u,) in conn.execute("select url from articles")}
        failed = dict(conn.execute("select url, reason from failures"))
        raw = conn.execute("select count(*) from raw_pages").fetchone()[0]
    return stored, failed, raw


@pytest.fixture
def other_site() -> Iterator[Site]:
    """A second server on another port of 127.0.0.1: another site."""
    site = Site().start()
    yield site
    site.stop()


def test_feed_items_outside_the_policy_are_failures_not_reads(http_site: Site,
                                                              tmp_path: Path) -> None:
    good = http_site.url("/news/good.html")
    items = "".join(f"<item><title>T</title><link>{u}</link></item>" for u in [*HOSTILE, good])
    http_site.route("/feed.xml", Response(200, {"Content-Type": "application/rss+xml"},
                                          f'<rss version="2.0"><channel><title>F</title>'
                                          f"{items}</channel></rss>".encode()))
    http_site.route("/news/good.html", page(story_html()))
    result = ingest(tmp_path / "news.db", "--feed", http_site.url("/feed.xml"))
    assert result.returncode == 0, result.stderr
    stored, failed, raw = rows(tmp_path / "news.db")
    assert stored == {good} and raw == 1
    assert sorted(failed.values()) == sorted(REASONS.values())  # feedparser writes file://etc
    assert "blocked_scheme 2" in result.stdout and "blocked_address 1" in result.stdout


def test_sitemap_locations_outside_the_policy_are_refused(http_site: Site,
                                                          tmp_path: Path) -> None:
    locs = "".join(f"<url><loc>{u}</loc></url>" for u in HOSTILE)
    http_site.route("/sitemap.xml", Response(200, {"Content-Type": "application/xml"},
                    f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}'
                    f"</urlset>".encode()))
    ingest(tmp_path / "news.db", "--sitemap", http_site.url("/sitemap.xml"))
    stored, failed, raw = rows(tmp_path / "news.db")
    assert (stored, raw) == (set(), 0)
    assert failed == REASONS


def test_a_section_crawl_stays_on_its_host_and_port(http_site: Site, other_site: Site,
                                                    tmp_path: Path) -> None:
    other_site.route("/news/elsewhere.html", page(story_html("Another server's story")))
    there = other_site.url("/news/elsewhere.html")
    links = (f'<a href="/news/here.html">Here</a> <a href="{there}">There</a> '
             f'<a href="file:///etc/passwd">File</a>')
    http_site.route("/news/", page(f"<html><body><ul><li>{links}</li></ul></body></html>"))
    http_site.route("/news/here.html", page(story_html()))
    result = ingest(tmp_path / "news.db", "--start-url", http_site.url("/news/"))
    assert result.returncode == 0, result.stderr
    stored, _, _ = rows(tmp_path / "news.db")
    assert stored == {http_site.url("/news/here.html")}
    assert other_site.hits["/news/elsewhere.html"] == 0


def test_redirects_are_checked_like_links(http_site: Site, other_site: Site,
                                          tmp_path: Path) -> None:
    other_site.route("/story.html", page(story_html("Another server's story")))
    targets = {"/to-port": other_site.url("/story.html"), "/to-file": "file:///etc/passwd",
               "/to-metadata": "http://169.254.169.254/latest/meta-data/",
               "/to-same-site": "/news/moved.html"}
    for path, target in targets.items():
        http_site.route(path, redirect(target))
    http_site.route("/news/moved.html", page(story_html()))
    ingest(tmp_path / "news.db", *[a for p in targets for a in ("--url", http_site.url(p))])
    stored, failed, _ = rows(tmp_path / "news.db")
    assert stored == {http_site.url("/news/moved.html")}  # the record keeps the final URL
    assert failed == {http_site.url("/to-port"): "offsite_redirect",
                      http_site.url("/to-file"): "blocked_scheme",
                      http_site.url("/to-metadata"): "blocked_address"}
    assert other_site.hits["/story.html"] == 0


def test_loopback_needs_allow_private(http_site: Site, tmp_path: Path) -> None:
    http_site.route("/news/good.html", page(story_html()))
    result = ingest(tmp_path / "news.db", "--no-allow-private",
                    "--url", http_site.url("/news/good.html"))
    assert result.returncode == 1
    assert "no start point was reachable" in result.stderr
    assert sum(http_site.hits.values()) == 0  # robots.txt included
    _, failed, _ = rows(tmp_path / "news.db")
    assert failed == {http_site.url("/news/good.html"): "blocked_address"}


def test_file_start_points_are_a_usage_error(tmp_path: Path) -> None:
    result = ingest(tmp_path / "news.db", "--feed", "file:///etc/passwd")
    assert result.returncode == 2
    assert "not an http(s) URL" in result.stderr


def scrapy_crawl(db: Path, spider: str, url: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"url={url}"
               if spider != "urls" else f"urls={url}", "-s", f"INGEST_DB={db}",
               "-s", "DOWNLOAD_MAXSIZE=1000000", "-s", "LOG_LEVEL=ERROR"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_a_gzip_bomb_is_a_too_large_failure(http_site: Site, tmp_path: Path) -> None:
    bomb = gzip.compress(b"<html><body>" + b" " * 20_000_000, compresslevel=9)
    http_site.route("/bomb.html", Response(200, {"Content-Type": "text/html",
                                                 "Content-Encoding": "gzip"}, bomb))
    scrapy_crawl(tmp_path / "news.db", "urls", http_site.url("/bomb.html"))
    stored, failed, _ = rows(tmp_path / "news.db")
    assert stored == set()
    assert failed == {http_site.url("/bomb.html"): "too_large"}


def test_a_gzipped_sitemap_bomb_is_a_too_large_failure(http_site: Site, tmp_path: Path) -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * 20_000_000, compresslevel=9)
    http_site.route("/sitemap.xml.gz", Response(200, {"Content-Type": "application/gzip"}, bomb))
    scrapy_crawl(tmp_path / "news.db", "sitemap", http_site.url("/sitemap.xml.gz"))
    _, failed, _ = rows(tmp_path / "news.db")
    assert failed == {http_site.url("/sitemap.xml.gz"): "too_large"}


def test_scrapy_crawl_of_a_file_url_reads_nothing(tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("<html><body><article><h1>Secret</h1><p>" + "private words " * 50
                      + "</p></article></body></html>")
    scrapy_crawl(tmp_path / "news.db", "urls", secret.as_uri())
    stored, failed, raw = rows(tmp_path / "news.db")
    assert (stored, raw) == (set(), 0)
    assert failed == {secret.as_uri(): "blocked_scheme"}


def _refresh_page(target: str, filler_bytes: int = 200_000) -> str:
    """A large page whose head redirects by meta refresh (an old CMS's moved story)."""
    filler = "<p>" + "Вчера вечером в городе. " * (filler_bytes // 40) + "</p>"
    return (f'<html><head><meta charset="utf-8"><meta http-equiv="refresh" '
            f'content="0; url={target}"></head><body>{filler}</body></html>')


def test_meta_refresh_is_followed_and_checked_like_a_link(http_site: Site,
                                                         tmp_path: Path) -> None:
    http_site.route("/old/moved.html", page(_refresh_page("/news/moved.html")))
    http_site.route("/old/to-metadata.html",
                    page(_refresh_page("http://169.254.169.254/latest/meta-data/")))
    http_site.route("/news/moved.html", page(story_html()))
    ingest(tmp_path / "news.db", "--url", http_site.url("/old/moved.html"),
           "--url", http_site.url("/old/to-metadata.html"))
    stored, failed, _ = rows(tmp_path / "news.db")
    assert stored == {http_site.url("/news/moved.html")}
    assert failed == {http_site.url("/old/to-metadata.html"): "blocked_address"}
