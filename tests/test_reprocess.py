"""`ingest reprocess`: stored raw pages through today's pipeline, records updated in place."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import ingest.pipeline
from ingest.app.cli import cli
from ingest.core.page import Page
from ingest.pipeline import process
from ingest.store.database import Store
from tests.pages import story_html

WHEN = datetime(2024, 5, 8, 9, 0, tzinfo=UTC)
STORIES = {
    f"https://courier.example/news/{slug}": story_html(title, byline=byline)
    for slug, title, byline in [
        ("pumps", "Water board approves reservoir pump replacement", "By Jordan Ellis"),
        ("library", "Library adds Sunday hours", "By Maya Okafor"),
    ]
}
FEED_STORY = "https://wire.example/story"
"""A story whose author came from its feed entry only."""


@pytest.fixture
def db(db_target: str) -> str:
    """The stories stored, on each backend."""
    path = db_target
    store = Store(path)
    pages = [Page(url=url, body=html.encode(), fetched_at=WHEN, source="courier")
             for url, html in STORIES.items()]
    pages.append(Page(url=FEED_STORY, body=story_html("Wire story", byline="").encode(),
                      fetched_at=WHEN, source="wire", hints={"author": "Ana Lima"}))
    store.save([(process(page), page) for page in pages])
    store.close()
    return path


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "reprocess", "--workers", "1", *args],
                              env={"INGEST_DB": None})


def sql(db: str, statement: str, params: Sequence[Any] = ()) -> list[Any]:
    """Run one statement on the database behind the store's back; its rows as tuples."""
    store = Store(db)
    try:
        with store.sql.transaction():
            cursor = store.sql.execute(statement, params)
            return cursor.fetchall() if cursor.description else []
    finally:
        store.close()


def rows(db: str) -> dict[str, dict]:
    store = Store(db)
    try:
        return {r["id"]: r for r in store.sql.query("select * from articles")}
    finally:
        store.close()


def test_unchanged_pipeline_changes_nothing(db: str) -> None:
    before = rows(db)
    result = run(db)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "reprocess: 3 pages, 0 updated, 3 unchanged, 0 failed"
    assert rows(db) == before


def test_stale_records_are_brought_up_to_date_in_place(db: str) -> None:
    fresh = rows(db)
    sql(db, "update articles set title = 'Old title', text = 'old text', "
            "word_count = 2 where source = 'courier'")
    result = run(db)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == ("reprocess: 3 pages, 2 updated (text 2, title 2, "
                                     "word_count 2), 1 unchanged, 0 failed")
    assert rows(db) == fresh
    run_row = sql(db, "select status, pages_updated, stats from crawl_runs "
                      "order by id desc limit 1")[0]
    assert run_row[:2] == ("completed", 2)
    assert json.loads(run_row[2])["changed"] == {"text": 2, "title": 2, "word_count": 2}


def test_ids_stay_when_the_pipeline_reads_the_url_differently(
        db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = rows(db)
    monkeypatch.setattr(ingest.pipeline, "article_id", lambda canonical: "changed-id")
    assert run(db).exit_code == 0
    assert set(rows(db)) == set(before)


def test_feed_hints_survive_reprocessing(db: str) -> None:
    wire = next(r for r in rows(db).values() if r["url"] == FEED_STORY)
    assert json.loads(wire["authors"]) == ["Ana Lima"]
    sql(db, "update articles set authors = '[]' where url = ?", [FEED_STORY])
    assert run(db, "--source", "wire").exit_code == 0
    wire = next(r for r in rows(db).values() if r["url"] == FEED_STORY)
    assert json.loads(wire["authors"]) == ["Ana Lima"]


def test_source_filter_and_failures(db: str) -> None:
    sql(db, "update articles set title = 'Old' where source = 'courier'")
    sql(db, "update raw_pages set body = ? where url = ?",
        [zlib.compress(b"<html><body></body></html>"), "https://courier.example/news/pumps"])
    result = run(db, "--source", "courier")
    assert result.stdout.strip() == ("reprocess: 2 pages, 1 updated (title 1), "
                                     "0 unchanged, 1 failed")
    titles = {r["url"]: r["title"] for r in rows(db).values()}
    assert titles["https://courier.example/news/pumps"] == "Old"  # kept, not deleted
    assert sql(db, "select reason from failures") == [("no_text",)]


def test_bad_usage(db: str, tmp_path: Path) -> None:
    assert run(db, "--since", "soon").exit_code == 2
    missing = run(tmp_path / "none.db")
    assert missing.exit_code == 1 and "no database at" in missing.stderr
