"""An ad hoc section crawl (`ingest crawl --start-url`): the section page it starts from is
not fetched again as a story, and the listing pages its menu links to are counted as
listings in the summary, not as failed stories."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.http_site import Site, page
from tests.pages import story_html
from tests.test_crawl_safety import ingest

TEASERS = "".join(
    f'<p><a href="/news/story-{n}.html">Council weighs plan number {n} for the harbor</a> '
    f"A short teaser.</p>" for n in range(1, 7))


def test_start_and_menu_listings_are_listings_not_failures(http_site: Site,
                                                           tmp_path: Path) -> None:
    menu = '<nav><a href="/news/">News</a> <a href="/">Home</a></nav>'
    http_site.route("/news/", page(f"<html><body>{menu}<main>{TEASERS}</main></body></html>"))
    http_site.route("/", page(f"<html><body>{menu}<main>{TEASERS}</main></body></html>"))
    for n in range(1, 7):
        http_site.route(f"/news/story-{n}.html", page(story_html(f"Harbor plan {n} weighed")))
    result = ingest(tmp_path / "news.db", "--start-url", http_site.url("/news/"))
    assert result.returncode == 0, result.stderr
    assert "6 new" in result.stdout and "0 failed" in result.stdout
    assert "1 listing page (not stories)" in result.stdout  # the home page
    assert http_site.hits["/news/"] == 1  # the start page is not fetched again as a story
    with sqlite3.connect(tmp_path / "news.db") as conn:
        assert conn.execute("select count(*) from failures").fetchone() == (0,)
