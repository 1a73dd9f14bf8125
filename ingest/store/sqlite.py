"""The SQLite backend of the store, on sqlite-utils: a file in WAL mode (or memory), FTS5.

SQLite lets one writer in at a time by itself; a second process meets "database is locked",
which the store retries (`ingest.store.connection.default_write_retry`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ingest.core.errors import StoreError
from ingest.store.cluster_index import create_tables, index_stored_texts
from ingest.store.migrations import V1_FIELDS, to_page_clock
from ingest.store.sql import INTEGER_FIELDS, Connection, Cursor

ARTICLE_COLUMNS: dict[str, type] = {
    name: (int if name in INTEGER_FIELDS else str) for name in V1_FIELDS}
SEARCH = (
    "select articles.id, articles.title, articles.url, articles.published_at, "
    "articles.site_name, articles.original_publisher, "
    "snippet(articles_fts, 1, '[', ']', '…', 12) as snippet "
    "from articles_fts join articles on articles.rowid = articles_fts.rowid "
    "where articles_fts match ? order by rank limit ?")


def _create_v1(sql: SQLite) -> None:
    db = sql.db
    db["articles"].create(ARTICLE_COLUMNS, pk="id", column_order=list(V1_FIELDS),
                          not_null={"url"})
    for column in ("canonical_url", "content_hash", "source", "published_at", "site_domain",
                   "cluster_id"):
        db["articles"].create_index([column])
    db["articles"].enable_fts(["title", "text"], create_triggers=True,
                              tokenize="porter unicode61 remove_diacritics 2")
    db["raw_pages"].create({
        "id": str, "url": str, "final_url": str, "status": int, "headers": str, "body": bytes,
        "fetched_at": str, "source": str,
    }, pk="id")
    db["failures"].create({
        "url": str, "stage": str, "reason": str, "detail": str, "attempts": int,
        "first_failed_at": str, "last_failed_at": str, "run_id": int,
    }, pk="url")
    db["crawl_runs"].create({
        "id": int, "started_at": str, "finished_at": str, "status": str, "args": str,
        "pages_seen": int, "pages_new": int, "pages_updated": int, "pages_failed": int,
        "pages_skipped": int, "stats": str,
    }, pk="id")


def _add_crawl_state_v2(sql: SQLite) -> None:
    """Incremental crawling: look-ups by fetched URL, HTTP validators of feeds and sitemaps,
    and when each source was last crawled."""
    sql.db["articles"].create_index(["url"])
    sql.db["validators"].create({"url": str, "etag": str, "last_modified": str,
                                 "checked_at": str}, pk="url")
    sql.db["source_state"].create({"name": str, "last_crawled_at": str, "last_run_id": int},
                                  pk="name")


def _add_site_lines_v3(sql: SQLite) -> None:
    """Site-level boilerplate: how many stored pages of a site carry each line."""
    sql.db["site_lines"].create({"site_domain": str, "line_hash": str, "pages": int},
                                pk=("site_domain", "line_hash"))
    sql.db["site_pages"].create({"site_domain": str, "pages": int}, pk="site_domain")


def _add_page_hints_v4(sql: SQLite) -> None:
    """Reprocessing needs what was known outside the page too (a feed entry's author, title
    and date): `raw_pages.hints`, JSON."""
    sql.db["raw_pages"].add_column("hints", str)


def _add_near_duplicates_v5(sql: SQLite) -> None:
    """Near-duplicate clusters: MinHash signatures and LSH bands of every stored story."""
    create_tables(sql.db)
    index_stored_texts(sql)


MIGRATIONS: dict[int, Callable[[SQLite], None]] = {
    1: _create_v1, 2: _add_crawl_state_v2, 3: _add_site_lines_v3, 4: _add_page_hints_v4,
    5: _add_near_duplicates_v5, 6: to_page_clock}


class SQLite(Connection):
    """A SQLite database file (in WAL mode), or an in-memory one when `path` is None."""

    error = sqlite3.DatabaseError
    migrations = MIGRATIONS

    def __init__(self, path: Path | None) -> None:
        if path is None:
            self.db = Database(memory=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = Database(path)
        try:
            self.db.execute("PRAGMA busy_timeout = 5000")
            self.db.enable_wal()
        except sqlite3.DatabaseError:
            self.db.close()
            raise

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        return self.db.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.db.conn.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))

    def transaction(self) -> AbstractContextManager[Any]:
        return self.db.atomic()

    def lock_writers(self) -> None:
        """SQLite admits one writer at a time by itself."""

    def search(self, query: str, limit: int) -> list[dict[str, Any]]:
        try:
            return self.query(SEARCH, [query, limit])
        except sqlite3.OperationalError as exc:
            raise StoreError("bad_query", f"cannot search for {query!r}: {exc}") from None

    def instant(self, expression: str) -> str:
        return f"datetime({expression})"  # UTC, whatever offset the text was written in

    def table_names(self) -> set[str]:
        return set(self.db.table_names())

    def close(self) -> None:
        self.db.close()
