"""The store on each backend: migrations, upserts, clusters, failures, search, stats and
locking. The `store` and `db_target` fixtures run a test on SQLite and on PostgreSQL (the
latter marked `scaleout`, skipped with the reason when $INGEST_TEST_POSTGRES is unset)."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from rich.console import Console
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_fixed

from ingest.app.cli import stats_tables
from ingest.core.errors import FetchError, StoreError
from ingest.core.page import Page
from ingest.core.record import SCHEMA_VERSION, Article, Evidence
from ingest.store import database as store_mod
from ingest.store.connection import is_transient
from ingest.store.database import DB_SCHEMA_VERSION, SaveResult, Store
from ingest.store.postgres import MIGRATIONS as POSTGRES_MIGRATIONS
from ingest.store.raw_pages import ZSTD_FRAME
from ingest.store.sqlite import MIGRATIONS as SQLITE_MIGRATIONS

BASE = Article(
    id="a1",
    url="https://example.com/news/a1",
    canonical_url="https://example.com/news/a1",
    source="example",
    site_name="Example News",
    site_domain="example.com",
    title="Council approves bridge repairs",
    text="The city council approved repairs to the Mill Street bridge.\n\nWork starts in July.",
    byline="Jane Doe",
    authors=["Jane Doe", "John Roe"],
    original_publisher="Associated Press",
    original_url="https://apnews.com/article/a1",
    is_syndicated=True,
    syndication_evidence=[
        Evidence("credit-line", "The Associated Press contributed", "Associated Press"),
        Evidence("dateline", "SPRINGFIELD (AP) —"),
    ],
    published_at="2024-06-01T08:00:00-04:00",
    published_at_source="json-ld",
    published_at_raw="2024-06-01T08:00:00-04:00",
    published_date="2024-06-01",
    modified_at=None,
    language="en",
    image_credits=["Photo: Jane Doe/AP"],
    word_count=15,
    content_hash="hash-a1",
    cluster_id=None,
    fetched_at="2024-06-02T00:00:00Z",
    first_seen_at="2024-06-02T00:00:00Z",
)


def make_article(n: int | str = 1, **changes: Any) -> Article:
    """An Article with sensible defaults; `n` varies id, URLs and content hash."""
    defaults: dict[str, Any] = {
        "id": f"a{n}",
        "url": f"https://example.com/news/a{n}",
        "canonical_url": f"https://example.com/news/a{n}",
        "content_hash": f"hash-a{n}",
    }
    return dataclasses.replace(BASE, **{**defaults, **changes})


def make_page(article: Article, body: bytes = b"<html><body>story</body></html>") -> Page:
    return Page(url=article.url, body=body, headers={"content-type": "text/html"},
                source=article.source)


def count(store: Store, table: str = "articles") -> int:
    return store.sql.value(f"select count(*) from {table}")


def fast_retry() -> Retrying:
    return Retrying(retry=retry_if_exception(is_transient),
                    stop=stop_after_attempt(3), wait=wait_fixed(0.05), reraise=True)


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    s = Store(db_target)
    yield s
    s.close()


# --- opening and migrating -------------------------------------------------------------------


def test_new_file_database_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    s = Store(tmp_path / "x.db")
    try:
        assert s.schema_version == DB_SCHEMA_VERSION
        assert s.sql.value("PRAGMA journal_mode") == "wal"
        tables = s.sql.table_names()
        assert {"articles", "raw_pages", "failures", "crawl_runs", "articles_fts",
                "_meta"} <= tables
    finally:
        s.close()


def test_new_memory_database_is_migrated() -> None:
    s = Store(None)
    assert s.schema_version == DB_SCHEMA_VERSION
    assert {"articles", "raw_pages", "failures", "crawl_runs", "articles_fts"} <= \
        s.sql.table_names()
    s.close()


def test_new_database_is_migrated(store: Store) -> None:
    assert store.schema_version == DB_SCHEMA_VERSION
    assert {"articles", "raw_pages", "failures", "crawl_runs", "validators", "source_state",
            "site_lines", "site_pages", "minhashes", "lsh_bands", "_meta"} <= \
        store.sql.table_names()


def test_both_backends_have_every_migration() -> None:
    assert set(SQLITE_MIGRATIONS) == set(POSTGRES_MIGRATIONS) == set(
        range(1, DB_SCHEMA_VERSION + 1))


def test_reopening_does_not_rerun_migrations_or_lose_rows(
        db_target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    s = Store(db_target)
    s.save([(make_article(1), None)])
    migrations = s.sql.migrations
    s.close()

    def boom(db: object) -> None:
        raise AssertionError("migration re-run on an up-to-date database")

    monkeypatch.setitem(migrations, 1, boom)
    s = Store(db_target)
    try:
        assert s.schema_version == DB_SCHEMA_VERSION
        assert count(s) == 1
        assert s.get("a1") is not None
    finally:
        s.close()


def test_records_of_schema_1_are_brought_to_the_page_clock(db_target: str) -> None:
    """Schema 1 stored published_at in UTC; v6 writes it back in the offset the page wrote
    (where published_at_raw says it) and fills published_date with the page's own day."""
    s = Store(db_target)
    late = dataclasses.replace(BASE, id="late", published_at="2022-05-04T00:36:00Z",
                   published_at_raw="2022-05-03T21:36:00-03:00", published_date=None,
                   schema_version=1)
    texty = dataclasses.replace(BASE, id="texty", published_at="2024-06-01T12:00:00Z",
                    published_at_raw="June 1, 2024 8:00 AM EDT", published_date=None,
                    schema_version=1)
    s.save([(late, None), (texty, None)])
    with s.sql.transaction():
        s.sql.execute("update _meta set value = '5' where key = 'schema_version'")
        s.sql.execute("drop index idx_articles_published_date")
        s.sql.execute("alter table articles drop column published_date")
    s.close()
    s = Store(db_target)
    try:
        assert s.schema_version == DB_SCHEMA_VERSION
        row = s.get("late")
        assert (row["published_at"], row["published_date"], row["schema_version"]) == (
            "2022-05-03T21:36:00-03:00", "2022-05-03", 2)
        row = s.get("texty")  # not written as ISO: the same instant, in UTC
        assert (row["published_at"], row["published_date"]) == ("2024-06-01T12:00:00Z",
                                                                 "2024-06-01")
    finally:
        s.close()


def test_sqlite_url_names_a_file(tmp_path: Path) -> None:
    s = Store(f"sqlite:///{tmp_path}/x.db")
    s.save([(make_article(1), None)])
    s.close()
    reopened = Store(tmp_path / "x.db")
    assert count(reopened) == 1
    reopened.close()


def test_newer_schema_is_refused(db_target: str) -> None:
    s = Store(db_target)
    s.sql.execute("update _meta set value = ? where key = 'schema_version'",
                  [str(DB_SCHEMA_VERSION + 1)])
    s.close()
    with pytest.raises(StoreError) as info:
        Store(db_target)
    assert info.value.reason == "db_too_new"
    assert f"v{DB_SCHEMA_VERSION + 1}" in str(info.value)
    assert f"v{DB_SCHEMA_VERSION})" in str(info.value)


def test_unusable_path_raises_one_line_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("I am a file")
    with pytest.raises(StoreError) as info:
        Store(blocker / "x.db")
    assert info.value.reason == "db_unusable"
    assert "\n" not in str(info.value)
    assert str(blocker) in str(info.value)


def test_unreachable_postgres_raises_one_line_store_error() -> None:
    with pytest.raises(StoreError) as info:
        Store("postgresql://ingest:secret@127.0.0.1:1/news")
    assert info.value.reason == "db_unusable"
    assert "\n" not in str(info.value)
    assert "postgresql://ingest@127.0.0.1:1/news" in str(info.value)
    assert "secret" not in str(info.value)


# --- saving ----------------------------------------------------------------------------------


def test_save_new_unchanged_updated(store: Store) -> None:
    first = make_article(1)
    result = store.save([(first, None)])
    assert isinstance(result, SaveResult)
    assert (result.new, result.updated, result.unchanged) == (["a1"], [], [])

    again = store.save([(dataclasses.replace(first, fetched_at="2024-06-03T00:00:00Z"), None)])
    assert (again.new, again.updated, again.unchanged) == ([], [], ["a1"])
    assert count(store) == 1

    changed = dataclasses.replace(first, title="Council delays bridge repairs",
                                  text="The council delayed the repairs.",
                                  fetched_at="2024-06-04T00:00:00Z",
                                  first_seen_at="2024-06-04T00:00:00Z")
    updated = store.save([(changed, None)])
    assert (updated.new, updated.updated, updated.unchanged) == ([], ["a1"], [])
    assert count(store) == 1
    row = store.get("a1")
    assert row is not None
    assert row["id"] == "a1"
    assert row["title"] == "Council delays bridge repairs"
    assert row["text"] == "The council delayed the repairs."
    assert row["first_seen_at"] == first.first_seen_at
    assert row["fetched_at"] == "2024-06-04T00:00:00Z"
    assert row["cluster_id"] == "a1"


def test_get_round_trips_the_record(store: Store) -> None:
    article = make_article(1)
    store.save([(article, None)])
    row = store.get("a1")
    assert row is not None
    expected = article.to_dict()
    for name in ("cluster_id", "first_seen_at"):
        row.pop(name)
        expected.pop(name)
    assert row == expected
    assert row["authors"] == ["Jane Doe", "John Roe"]
    assert row["image_credits"] == ["Photo: Jane Doe/AP"]
    assert row["syndication_evidence"] == [
        {"kind": "credit-line", "text": "The Associated Press contributed",
         "publisher": "Associated Press"},
        {"kind": "dateline", "text": "SPRINGFIELD (AP) —", "publisher": None},
    ]
    assert row["is_syndicated"] is True
    assert row["schema_version"] == SCHEMA_VERSION


def test_get_unknown_id_is_none(store: Store) -> None:
    assert store.get("nope") is None
    assert store.raw_page("nope") is None


def test_empty_lists_and_false_round_trip(store: Store) -> None:
    article = make_article(1, authors=[], syndication_evidence=[], image_credits=[],
                           is_syndicated=False, original_publisher=None, original_url=None)
    store.save([(article, None)])
    row = store.get("a1")
    assert row is not None
    assert row["authors"] == [] and row["syndication_evidence"] == []
    assert row["image_credits"] == []
    assert row["is_syndicated"] is False


def test_cluster_ids(store: Store) -> None:
    store.save([(make_article(1), None)])
    store.save([(make_article(2, content_hash="hash-a1"), None)])
    store.save([(make_article(3, text="Fewer salmon returned to the river this autumn than in "
                                       "any year on record, biologists said."), None)])
    assert store.get("a1")["cluster_id"] == "a1"
    assert store.get("a2")["cluster_id"] == "a1"
    assert store.get("a3")["cluster_id"] == "a3"


def test_cluster_within_one_batch(store: Store) -> None:
    store.save([(make_article(1), None), (make_article(2, content_hash="hash-a1"), None)])
    assert store.get("a2")["cluster_id"] == "a1"


def test_raw_page_is_compressed_and_restored(store: Store) -> None:
    article = make_article(1)
    body = b"<html><body>" + b"<p>The council met on Tuesday.</p>" * 200 + b"</body></html>"
    store.save([(article, make_page(article, body))])
    stored = store.sql.execute("select body, url, status, source from raw_pages where id = ?",
                              ["a1"]).fetchone()
    assert stored[0] != body
    assert len(stored[0]) < len(body)
    assert bytes(stored[0][:4]) == ZSTD_FRAME
    assert stored[1:] == (article.url, 200, "example")
    assert store.raw_page("a1") == body


def test_raw_pages_stored_with_zlib_before_still_read(store: Store) -> None:
    """Databases written before raw pages went to zstd hold zlib ones."""
    article = make_article(1)
    body = b"<html><body><p>The council met on Tuesday.</p></body></html>"
    store.save([(article, make_page(article, body))])
    store.sql.execute("update raw_pages set body = ? where id = ?", [zlib.compress(body, 6), "a1"])
    assert store.raw_page("a1") == body
    assert [page.body for _, page in store.stored_pages()] == [body]


def test_batch_is_atomic_on_sqlite_error(store: Store) -> None:
    # The second item violates NOT NULL on url: a sqlite3.IntegrityError mid-batch.
    batch = [(make_article(1), None), (make_article(2, url=None), None),
             (make_article(3), None)]
    with pytest.raises(StoreError) as info:
        store.save(batch)
    assert info.value.reason == "db_write"
    assert count(store) == 0
    assert count(store, "raw_pages") == 0


def test_batch_is_atomic_on_other_error(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"n": 0}
    real_get = Store.get

    def flaky_get(self: Store, article_id: str) -> dict[str, Any] | None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("boom on the second item")
        return real_get(self, article_id)

    monkeypatch.setattr(Store, "get", flaky_get)
    first = make_article(1)
    with pytest.raises(RuntimeError, match="boom on the second item"):
        store.save([(first, make_page(first)), (make_article(2), None)])
    # A non-database error is not retried and surfaces as itself.
    assert calls["n"] == 2
    assert count(store) == 0
    assert count(store, "raw_pages") == 0
    assert store.search("council") == []


# --- failures --------------------------------------------------------------------------------


def test_record_failure_then_success_clears_it(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    url = "https://example.com/news/a1"
    monkeypatch.setattr(store_mod, "_now", lambda: "2024-06-01T00:00:00Z")
    store.record_failure(url, FetchError("http_503", "Service Unavailable", attempts=3),
                         run_id=7)
    row = store.sql.execute("select * from failures").fetchall()
    assert row == [(url, "fetch", "http_503", "Service Unavailable", 3,
                    "2024-06-01T00:00:00Z", "2024-06-01T00:00:00Z", 7)]

    monkeypatch.setattr(store_mod, "_now", lambda: "2024-06-02T00:00:00Z")
    store.record_failure(url, FetchError("http_404", "Not Found", attempts=1), run_id=8)
    failure = store.sql.query("select * from failures")[0]
    assert count(store, "failures") == 1
    assert failure["first_failed_at"] == "2024-06-01T00:00:00Z"
    assert failure["last_failed_at"] == "2024-06-02T00:00:00Z"
    assert (failure["reason"], failure["attempts"], failure["run_id"]) == ("http_404", 1, 8)

    store.save([(make_article(1), None)])
    assert count(store, "failures") == 0


def test_success_clears_failure_of_requested_url(store: Store) -> None:
    # The page was requested under a URL that redirected to the article's URL.
    requested = "https://example.com/?p=1"
    store.record_failure(requested, FetchError("timeout", "read timed out"))
    store.record_failure("https://example.com/other", FetchError("timeout"))
    article = make_article(1)
    store.save([(article, Page(url=requested, body=b"x", final_url=article.url))])
    urls = [r[0] for r in store.sql.execute("select url from failures").fetchall()]
    assert urls == ["https://example.com/other"]


# --- search ----------------------------------------------------------------------------------


def test_search(store: Store) -> None:
    store.save([
        (make_article(1, title="Bridge repairs approved",
                      text="Council members voted to fix the bridge on Mill Street."), None),
        (make_article(2, title="Library ends fines",
                      text="The library will no longer charge fines; a bridge club meets."),
         None),
        (make_article(3, title="Salmon run falls short", text="Fewer fish returned."), None),
    ])
    hits = store.search("bridge")
    assert [h["id"] for h in hits] == ["a1", "a2"]
    assert hits[0]["title"] == "Bridge repairs approved"
    assert "[bridge]" in hits[0]["snippet"]
    assert {"url", "published_at", "site_name", "original_publisher"} <= set(hits[0])

    salmon = store.search("fish")
    assert [h["id"] for h in salmon] == ["a3"]
    assert store.search("nonexistentword") == []
    assert len(store.search("bridge", limit=1)) == 1


def test_search_sees_updates(store: Store) -> None:
    store.save([(make_article(1, text="Old words about turnips."), None)])
    store.save([(make_article(1, text="New words about parsnips."), None)])
    assert store.search("turnips") == []
    assert [h["id"] for h in store.search("parsnips")] == ["a1"]


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR", "title:", "(("])
def test_bad_search_query(query: str) -> None:
    """FTS5 syntax can be wrong; PostgreSQL's web-search syntax accepts any input."""
    store = Store(None)
    store.save([(make_article(1), None)])
    with pytest.raises(StoreError) as info:
        store.search(query)
    assert info.value.reason == "bad_query"
    assert not isinstance(info.value, sqlite3.Error)


# --- stats and runs --------------------------------------------------------------------------


def test_stats(store: Store) -> None:
    store.save([
        (make_article(1, source="example", is_syndicated=True), None),
        (make_article(2, source="example", is_syndicated=False,
                      original_publisher="Example News"), None),
        (make_article(3, source=None, is_syndicated=True, content_hash="hash-a1"), None),
    ])
    store.record_failure("https://example.com/x", FetchError("http_404"))
    store.record_failure("https://example.com/y", FetchError("http_404"))
    store.record_failure("https://example.com/z", FetchError("timeout"))
    run_id = store.start_run("crawl example")

    stats = store.stats()
    assert stats["articles"] == 3
    assert stats["syndicated"] == 2
    assert stats["failures"] == 3
    assert stats["clusters"] == (1, 3)  # the same text three times: one story
    assert stats["by_source"] == [
        {"source": "example", "n": 2, "syndicated": 1},
        {"source": "(ad hoc)", "n": 1, "syndicated": 1},
    ]
    assert stats["by_publisher"] == [
        {"publisher": "Associated Press", "n": 2},
        {"publisher": "Example News", "n": 1},
    ]
    assert stats["failures_by_reason"] == [
        {"reason": "http_404", "n": 2}, {"reason": "timeout", "n": 1}]
    assert [r["id"] for r in stats["runs"]] == [run_id]
    store.finish_run(run_id, "completed", {"pages_seen": 3, "pages_new": 3})
    text = Console(width=100, record=True)
    text.print(*stats_tables(store.stats()))
    lines = text.export_text().splitlines()
    assert lines[0] == ("3 articles, 2 syndicated (67%), 1 stories with copies (3 records), "
                        "3 failures")
    assert any(line.split() == ["│", "example", "│", "2", "│", "1", "(50%)", "│"]
               for line in lines)
    assert any(line.split() == ["│", "example.com", "│", "3", "│", "2", "(67%)", "│"]
               for line in lines)
    assert any(line.split()[:4] == ["│", "http_404", "│", "2"] for line in lines)
    assert any(line.split()[:4] == ["│", str(run_id), "│", "completed"] for line in lines)


def test_stats_of_empty_store(store: Store) -> None:
    stats = store.stats()
    assert stats["articles"] == 0 and stats["syndicated"] == 0 and stats["failures"] == 0
    assert stats["by_source"] == [] and stats["failures_by_reason"] == [] and stats["runs"] == []


def test_start_and_finish_run(store: Store) -> None:
    run_id = store.start_run("crawl --source example")
    rows = store.sql.query("select * from crawl_runs")
    assert len(rows) == 1
    assert rows[0]["id"] == run_id
    assert rows[0]["status"] == "running"
    assert rows[0]["finished_at"] is None

    counts = {"pages_seen": 10, "pages_new": 4, "pages_updated": 3, "pages_failed": 2,
              "pages_skipped": 1}
    store.finish_run(run_id, "finished", counts, {"elapsed": 1.5})
    rows = store.sql.query("select * from crawl_runs")
    assert len(rows) == 1
    row = rows[0]
    assert row["status"] == "finished"
    assert row["finished_at"] is not None
    assert row["args"] == "crawl --source example"
    assert {k: row[k] for k in counts} == counts
    assert row["stats"] == '{"elapsed": 1.5}'

    second = store.start_run("crawl again")
    assert second != run_id
    assert count(store, "crawl_runs") == 2


# --- locking ---------------------------------------------------------------------------------


def _locked_store(path: Path, retry: Any = fast_retry) -> tuple[Store, sqlite3.Connection]:
    s = Store(path, write_retry=retry)
    s.sql.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("PRAGMA busy_timeout = 50")
    other.execute("BEGIN IMMEDIATE")
    return s, other


def _count_attempts(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    attempts = {"n": 0}
    real_save = Store._save

    def counting_save(self: Store, items: list, signatures: dict, packed: dict) -> SaveResult:
        attempts["n"] += 1
        return real_save(self, items, signatures, packed)

    monkeypatch.setattr(Store, "_save", counting_save)
    return attempts


def test_locked_database_raises_db_write_after_retries(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s, other = _locked_store(tmp_path / "x.db")
    attempts = _count_attempts(monkeypatch)
    try:
        with pytest.raises(StoreError) as info:
            s.save([(make_article(1), None)])
        assert info.value.reason == "db_write"
        assert "locked" in str(info.value)
        assert attempts["n"] == 3
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert count(s) == 0
    s.close()


def test_locked_database_succeeds_once_released(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Attempts run about every 0.05 s for 0.35 s; the lock goes at 0.12 s, mid-way.
    def patient_retry() -> Retrying:
        return Retrying(retry=retry_if_exception(is_transient),
                        stop=stop_after_attempt(8), wait=wait_fixed(0.05), reraise=True)

    s, other = _locked_store(tmp_path / "x.db", patient_retry)
    attempts = _count_attempts(monkeypatch)
    timer = threading.Timer(0.12, lambda: other.execute("ROLLBACK"))
    timer.start()
    try:
        result = s.save([(make_article(1), None)])
    finally:
        timer.join()
        other.close()
    assert result.new == ["a1"]
    assert attempts["n"] >= 2
    assert count(s) == 1
    s.close()


def test_postgres_serialization_failures_and_deadlocks_are_retried() -> None:
    assert is_transient(psycopg.errors.SerializationFailure("could not serialize"))
    assert is_transient(psycopg.errors.DeadlockDetected("deadlock detected"))
    assert not is_transient(psycopg.errors.UniqueViolation("duplicate key"))
    assert is_transient(sqlite3.OperationalError("database is locked"))


def test_concurrent_writers_store_every_record_once(db_target: str) -> None:
    """Writers in several connections at once (crawler processes) lose and duplicate nothing;
    copies saved by different writers still share a cluster."""
    Store(db_target).close()
    errors: list[BaseException] = []

    def write(first: int) -> None:
        s = Store(db_target)
        try:
            for n in range(first, first + 10):
                s.save([(make_article(n), None), (make_article(1), None)])
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            s.close()

    threads = [threading.Thread(target=write, args=(first,)) for first in (100, 200, 300)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    s = Store(db_target)
    try:
        assert count(s) == 31
        # every story has BASE's text: one cluster, whichever writer came first
        assert len({r["cluster_id"] for batch in s.records() for r in batch}) == 1
        assert count(s, "site_pages") == 1
    finally:
        s.close()
