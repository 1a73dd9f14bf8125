"""`ingest crawl` end to end: a real Scrapy crawl of a site the test serves on 127.0.0.1,
discovering stories through an RSS feed, an Atom feed, a sitemap index found in robots.txt
and a section page, then a second, incremental run."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.http_site import Request, Response, Site, page, redirect
from tests.pages import STORY, story_html

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [f"/news/2024/06/story-{n}.html" for n in range(1, 7)]
TOPICS = ["harbor dredging", "school budget", "bridge repairs", "library hours", "bus routes",
          "park cleanup"]


def rss(base: str) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}{path}?utm_source=rss&amp;utm_medium=feed"
        f"</link><pubDate>Tue, 04 Jun 2024 1{n}:00:00 GMT</pubDate></item>"
        for n, path in enumerate(ARTICLES[:3], start=1))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}' \
           f"</channel></rss>".encode()


def atom(base: str) -> bytes:
    entries = "".join(
        f'<entry><title>Story {n}</title><link href="{base}{ARTICLES[n - 1]}"/>'
        f"<id>{n}</id><updated>2024-06-04T12:00:00Z</updated></entry>" for n in (3, 4))
    return (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            f"{entries}</feed>").encode()


def sitemap_index(base: str) -> bytes:
    return (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
            f'sitemap/0.9"><sitemap><loc>{base}/sitemaps/news.xml</loc></sitemap>'
            f"</sitemapindex>").encode()


def news_sitemap(base: str) -> bytes:
    urls = "".join(f"<url><loc>{base}{p}</loc><lastmod>2024-06-04</lastmod></url>"
                   for p in [*ARTICLES[4:5], "/private/draft.html"])
    return (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode()


def conditional(body: bytes, content_type: str) -> object:
    """A feed that answers 304 to a request carrying its ETag."""
    def handler(request: Request) -> Response:
        if request.headers.get("if-none-match") == '"v1"':
            return Response(304, {"ETag": '"v1"'})
        return Response(200, {"Content-Type": content_type, "ETag": '"v1"'}, body)
    return handler


def serve(site: Site) -> None:
    base = site.url("/").rstrip("/")
    site.route("/robots.txt", Response(200, {"Content-Type": "text/plain"},
               f"User-agent: *\nDisallow: /private/\nSitemap: {base}/sitemap_index.xml\n"
               .encode()))
    site.route("/feed.xml", conditional(rss(base), "application/rss+xml"))
    site.route("/atom.xml", Response(200, {"Content-Type": "application/atom+xml"}, atom(base)))
    site.route("/sitemap_index.xml", Response(200, {"Content-Type": "application/xml"},
                                              sitemap_index(base)))
    site.route("/sitemaps/news.xml", Response(200, {"Content-Type": "application/xml"},
                                              news_sitemap(base)))
    links = "".join(f'<li><a href="{p}">Story</a></li>' for p in ("/old/story-6", ARTICLES[5]))
    site.route("/news/", page(f"<html><body><nav><a href='/about.html'>About</a></nav>"
                              f"<ul>{links}</ul></body></html>"))
    site.route("/old/story-6", redirect(ARTICLES[5]))
    site.route("/private/draft.html", page(story_html("Secret draft")))
    for n, (path, topic) in enumerate(zip(ARTICLES, TOPICS, strict=True), start=1):
        paragraphs = [f"Story {n} is about {topic}. {p}" for p in STORY]
        site.route(path, page(story_html(f"Council weighs {topic} plan", paragraphs)))


def crawl(db: Path, sources: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ingest", *options, "--db", str(db), "crawl", "--sources-file",
         str(sources), "--force"], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={k: v for k, v in os.environ.items() if k != "INGEST_DB"})


def test_crawl_discovers_every_story_once_then_runs_incrementally(http_site: Site,
                                                                   tmp_path: Path) -> None:
    serve(http_site)
    base = http_site.url("/").rstrip("/")
    sources = tmp_path / "sources.toml"
    sources.write_text(f"""
[[source]]
name = "fixture"
feeds = ["{base}/feed.xml", "{base}/atom.xml"]
sitemaps = ["{base}/robots.txt"]
pages = ["{base}/news/"]
article_pattern = '/news/\\d{{4}}/'
timezone = "UTC"
""", encoding="utf-8")
    db = tmp_path / "news.db"
    first = crawl(db, sources, "-v")
    assert first.returncode == 0, first.stderr
    stored = [line for line in first.stderr.splitlines() if line.startswith("stored ")]
    assert sorted(stored) == sorted(f"stored {base}{p}" for p in ARTICLES)  # each page, once
    assert "[scrapy" not in first.stderr  # Scrapy's own log only with -vv
    assert "6 new" in first.stdout and "1 disallowed by robots.txt" in first.stdout
    report = first.stderr[first.stderr.index("time per stage over 6 pages"):].splitlines()
    assert [line.split()[0] for line in report[1:9]] == [
        "parse", "metadata", "extract", "dates", "attribution", "dedup", "store", "fetch_wait"]
    assert http_site.hits["/private/draft.html"] == 0
    with sqlite3.connect(db) as conn:
        urls = sorted(u for (u,) in conn.execute("select url from articles"))
        assert urls == sorted(base + p for p in ARTICLES)
        sources_ = {s for (s,) in conn.execute("select source from articles")}
        assert sources_ == {"fixture"}
        feed_dated = conn.execute("select published_at_source from articles where url = ?",
                                  [base + ARTICLES[0]]).fetchone()
    assert feed_dated == ("meta",)  # the page's own date beats the feed's
    article_hits = {p: http_site.hits[p] for p in ARTICLES}
    assert all(n == 1 for n in article_hits.values()), article_hits

    second = crawl(db, sources)
    assert second.returncode == 0, second.stderr
    assert "time per stage" not in second.stderr
    assert "0 new" in second.stdout
    assert {p: http_site.hits[p] for p in ARTICLES} == article_hits  # nothing refetched
    assert http_site.requests["/feed.xml"][-1].headers.get("if-none-match") == '"v1"'
    with sqlite3.connect(db) as conn:
        runs = conn.execute("select status, pages_new, pages_skipped, stats from crawl_runs "
                            "order by id").fetchall()
        assert conn.execute("select count(*) from articles").fetchone() == (6,)
    assert [r[:2] for r in runs] == [("completed", 6), ("completed", 0)]
    first_stats = json.loads(runs[0][3])
    for stage in ("parse", "metadata", "extract", "dates", "attribution", "dedup", "store",
                  "fetch_wait"):
        assert first_stats[f"ingest/seconds/{stage}"] > 0, stage
    second_stats = json.loads(runs[1][3])
    assert second_stats["ingest/discover/not_modified"] == 1
    # The stored stories were dropped as the spider listed them, never scheduled.
    assert second_stats["ingest/skipped/stored"] == 4  # the feed was not modified: not read
    assert second_stats["scheduler/enqueued"] == first_stats["scheduler/enqueued"] - 6
