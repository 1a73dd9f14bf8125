"""`ingest fetch` end to end against a site served on 127.0.0.1 by the test."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ingest.app.cli import cli
from tests.http_site import Response, Site, hang, page
from tests.pages import STORY, story_html

FAST = ["--backoff", "0.01", "--timeout", "2"]


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "fetch", *FAST, *args])


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def assert_one_line_error(result: Result, code: int, *needles: str) -> None:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0]


def assert_nothing_stored(db: Path) -> None:
    assert rows(db, "select count(*) from articles") == [(0,)]
    assert rows(db, "select count(*) from raw_pages") == [(0,)]
    assert rows(db, "pragma integrity_check") == [("ok",)]


def test_fetch_stores_then_updates_never_duplicates(http_site: Site, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    http_site.route("/story.html", [page(story_html()), page(story_html()),
                                    page(story_html(paragraphs=[*STORY, "A late addition to the "
                                    "story says the board will meet again on the question next "
                                    "month, after engineers report back."]))])
    first = run(db, "--json", http_site.url("/story.html"))
    assert first.exit_code == 0, first.output
    record = json.loads(first.stdout)
    assert record["title"] == "Water board approves reservoir pump replacement"
    assert record["authors"] == ["Jordan Ellis"]
    assert record["published_at"] == "2024-05-07T18:30:00Z"

    again = run(db, http_site.url("/story.html"))
    assert again.exit_code == 0
    assert again.stdout.startswith("unchanged")
    changed = run(db, http_site.url("/story.html"))
    assert changed.stdout.startswith("updated")
    assert rows(db, "select count(*), min(id), min(first_seen_at) from articles") == [
        (1, record["id"], record["first_seen_at"])]
    assert "late addition" in rows(db, "select text from articles")[0][0]


def test_tracking_parameters_and_redirects_give_one_record(http_site: Site,
                                                          tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    http_site.route("/story.html", page(story_html()))
    http_site.route("/old-path", Response(301, {"Location": "/story.html?utm_source=x"}))
    http_site.route("/story.html?utm_source=x", page(story_html()))
    result = run(db, http_site.url("/story.html"), http_site.url("/old-path"))
    assert result.exit_code == 0, result.output
    expected = [(1, http_site.url("/story.html"))]
    assert rows(db, "select count(*), min(url) from articles") == expected


def test_503_twice_then_200_is_stored(http_site: Site, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    http_site.route("/story.html", [503, 503, page(story_html())])
    result = run(db, http_site.url("/story.html"))
    assert result.exit_code == 0, result.output
    assert http_site.hits["/story.html"] == 3
    assert rows(db, "select count(*) from articles") == [(1,)]
    assert rows(db, "select count(*) from failures") == [(0,)]


def test_429_retry_after_is_honoured(http_site: Site, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    http_site.route("/story.html", [Response(429, {"Retry-After": "1"}), page(story_html())])
    result = run(db, http_site.url("/story.html"))
    assert result.exit_code == 0, result.output
    first, second = http_site.times["/story.html"]
    assert second - first >= 1.0


def test_404_is_not_retried_and_lands_in_failures(http_site: Site, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    url = http_site.url("/missing.html")
    result = run(db, url)
    assert_one_line_error(result, 1, url, "http_404")
    assert http_site.hits["/missing.html"] == 1
    assert rows(db, "select url, stage, reason, attempts from failures") == [
        (url, "fetch", "http_404", 1)]
    assert_nothing_stored(db)


def test_a_later_success_clears_the_failure(http_site: Site, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    http_site.route("/story.html", [404, page(story_html())])
    assert run(db, http_site.url("/story.html")).exit_code == 1
    assert run(db, http_site.url("/story.html")).exit_code == 0
    assert rows(db, "select count(*) from failures") == [(0,)]


def test_hanging_response_times_out(http_site: Site, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    http_site.route("/slow.html", hang(5))
    result = CliRunner().invoke(cli, ["--db", str(db), "fetch", "--timeout", "0.3",
                                      "--retries", "1", "--backoff", "0.01",
                                      http_site.url("/slow.html")])
    assert_one_line_error(result, 1, "timeout")
    assert rows(db, "select reason, attempts from failures") == [("timeout", 2)]
    assert_nothing_stored(db)


@pytest.mark.parametrize(("response", "reason"), [
    (Response(200, {"Content-Type": "application/pdf"}, b"%PDF-1.7 binary"), "not_html"),
    (Response(200, {"Content-Type": "text/html"}, b"%PDF-1.7\x00\x01binary"), "not_html"),
    (Response(200, {"Content-Type": "text/html"}, b""), "empty"),
    (Response(200, {"Content-Type": "text/html"}, b"<html>" + b"x" * (20 * 1024 * 1024)),
     "too_large"),
    (Response(200, {"Content-Type": "text/html"}, b"<html><body><p>Hi.</p></body></html>"),
     "no_text"),
], ids=["pdf", "pdf-as-html", "empty", "20MB", "no-article"])
def test_bad_pages_fail_cleanly(http_site: Site, tmp_path: Path, response: Response,
                                reason: str) -> None:
    db = tmp_path / "news.db"
    http_site.route("/bad.html", response)
    result = run(db, http_site.url("/bad.html"))
    assert_one_line_error(result, 1, reason)
    assert rows(db, "select reason from failures") == [(reason,)]
    assert_nothing_stored(db)


def test_invalid_utf8_bytes_are_replaced_not_fatal(http_site: Site, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    body = story_html().encode("utf-8").replace(b"aging pumps", b"aging \xff\xfe pumps")
    http_site.route("/story.html", page(body))
    result = run(db, "--json", http_site.url("/story.html"))
    assert result.exit_code == 0, result.output
    assert "aging \ufffd" in json.loads(result.stdout)["text"]


def test_one_bad_url_does_not_stop_the_others(http_site: Site, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    http_site.route("/story.html", page(story_html()))
    result = run(db, http_site.url("/missing.html"), http_site.url("/story.html"))
    assert result.exit_code == 1
    assert rows(db, "select count(*) from articles") == [(1,)]
    assert rows(db, "select reason from failures") == [("http_404",)]


@pytest.mark.parametrize("url", ["htp://example.com/x", "not a url", "http://"])
def test_malformed_url_is_a_usage_error(tmp_path: Path, url: str) -> None:
    db = tmp_path / "news.db"
    result = run(db, url)
    assert_one_line_error(result, 2, "not an http(s) URL")
    assert not db.exists()
