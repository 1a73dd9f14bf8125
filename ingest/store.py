"""The SQLite store, on sqlite-utils: articles, raw pages, failures and crawl runs.

Writes happen in batches, one transaction each, so a run killed at any moment leaves whole
records only. Articles are upserted by `id` (derived from the canonical URL): processing a page
again updates its row and never duplicates it, keeping `first_seen_at` and `cluster_id`.
The schema is versioned in `_meta`; `MIGRATIONS` brings an older database up to date.
"""

from __future__ import annotations

import json
import sqlite3
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlite_utils import Database
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_random_exponential

from ingest.cluster_index import ClusterIndex, create_tables
from ingest.clusters import NEAR_DUPLICATE
from ingest.errors import IngestError, StoreError
from ingest.fingerprint import line_hash
from ingest.near_duplicates import signature
from ingest.page import Page
from ingest.record import FIELDS, Article
from ingest.stages import StageClock

JSON_FIELDS = ("authors", "syndication_evidence", "image_credits")
SITE_CHROME_PAGES = 4
"""A line is site chrome once it stands on this many stored pages of one site..."""
SITE_CHROME_SHARE = 0.3
"""...and on this share of them (a story's own sentence stands on one page)."""
TRANSIENT_HINTS = ("site_chrome",)
"""Page hints recomputed at each processing, so not stored with the raw page."""
ARTICLE_COLUMNS: dict[str, type] = {
    name: (int if name in ("word_count", "schema_version", "is_syndicated") else str)
    for name in FIELDS
}
RAW_COLUMNS = ("id", "url", "final_url", "status", "headers", "body", "fetched_at", "source",
               "hints")
INSERT_ARTICLE = (f"insert into articles ({', '.join(FIELDS)}) "
                  f"values ({', '.join('?' * len(FIELDS))})")
UPDATE_ARTICLE = (f"update articles set {', '.join(f'{name} = ?' for name in FIELDS[1:])} "
                  "where id = ?")
UPSERT_RAW = (f"insert or replace into raw_pages ({', '.join(RAW_COLUMNS)}) "
              f"values ({', '.join('?' * len(RAW_COLUMNS))})")
"""The statements of the write path, built once: sqlite-utils' `insert`/`upsert` inspect the
table's schema on every call, which cost more than the write itself at crawl rates."""


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _create_v1(db: Database) -> None:
    db["articles"].create(ARTICLE_COLUMNS, pk="id", column_order=list(FIELDS), not_null={"url"})
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


def _add_crawl_state_v2(db: Database) -> None:
    """Incremental crawling: look-ups by fetched URL, HTTP validators of feeds and sitemaps,
    and when each source was last crawled."""
    db["articles"].create_index(["url"])
    db["validators"].create({"url": str, "etag": str, "last_modified": str, "checked_at": str},
                            pk="url")
    db["source_state"].create({"name": str, "last_crawled_at": str, "last_run_id": int},
                              pk="name")


def _add_site_lines_v3(db: Database) -> None:
    """Site-level boilerplate: how many stored pages of a site carry each line."""
    db["site_lines"].create({"site_domain": str, "line_hash": str, "pages": int},
                            pk=("site_domain", "line_hash"))
    db["site_pages"].create({"site_domain": str, "pages": int}, pk="site_domain")


def _add_near_duplicates_v5(db: Database) -> None:
    """Near-duplicate clusters: MinHash signatures and LSH bands of every stored story."""
    create_tables(db)
    index = ClusterIndex(db)
    for row in db.query("select id, text from articles"):
        index.index(row["id"], signature(row["text"] or ""))


def _add_page_hints_v4(db: Database) -> None:
    """Reprocessing needs what was known outside the page too (a feed entry's author, title
    and date): `raw_pages.hints`, JSON."""
    db["raw_pages"].add_column("hints", str)


MIGRATIONS: dict[int, Callable[[Database], None]] = {
    1: _create_v1, 2: _add_crawl_state_v2, 3: _add_site_lines_v3, 4: _add_page_hints_v4,
    5: _add_near_duplicates_v5}
"""Database schema version -> the step that brings the previous version to it."""
DB_SCHEMA_VERSION = max(MIGRATIONS)
"""Version of the database layout (tables, indexes); the record's own version is
`ingest.record.SCHEMA_VERSION`."""


def _is_locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower()


def default_write_retry() -> Retrying:
    """Retry policy for writes that meet "database is locked" (another process writing)."""
    return Retrying(retry=retry_if_exception(_is_locked), stop=stop_after_attempt(5),
                    wait=wait_random_exponential(multiplier=0.2, max=5), reraise=True)


@dataclass(slots=True)
class SaveResult:
    """What one batch did to the articles table."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    changed_fields: Counter[str] = field(default_factory=Counter)
    """Updated records per changed field (fetched_at aside)."""


def keep_cluster_verdict(row: dict[str, Any], old: dict[str, Any]) -> None:
    """A re-processed record keeps what its cluster told it (near-duplicate evidence and the
    publisher that came with it) as long as the page itself still credits nobody; the
    cluster is then settled again in case that changed."""
    told = [e for e in old["syndication_evidence"] if e.get("kind") == NEAR_DUPLICATE]
    if told and not row["syndication_evidence"]:
        row.update(syndication_evidence=told, is_syndicated=True,
                   original_publisher=old["original_publisher"])


def _column(value: Any) -> Any:
    """A record value as its column holds it: lists as JSON, booleans as 0/1."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return int(value) if isinstance(value, bool) else value


def row_to_record(row: dict[str, Any]) -> dict[str, Any]:
    """An `articles` row as a record dict (JSON columns decoded, booleans restored)."""
    record = {name: row.get(name) for name in FIELDS}
    for name in JSON_FIELDS:
        value = record[name]
        record[name] = json.loads(value) if isinstance(value, str) else (value or [])
    record["is_syndicated"] = bool(record["is_syndicated"])
    return record


class Store:
    """One SQLite database of articles."""

    def __init__(self, path: str | Path | None = None, *,
                 write_retry: Callable[[], Retrying] = default_write_retry,
                 clusters: Callable[[Database], ClusterIndex] = ClusterIndex) -> None:
        """Open (creating and migrating if needed) the database at `path`; None for memory.

        `clusters` makes the near-duplicate index on the database: the SQL one, or one shared
        by several crawling machines (`ingest.shared_index`)."""
        self.path = Path(path) if path is not None else None
        self._write_retry = write_retry
        try:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = Database(self.path)
                self.db.execute("PRAGMA busy_timeout = 5000")
                self.db.enable_wal()
            else:
                self.db = Database(memory=True)
            self.migrate()
            self.clusters = clusters(self.db)
            self.clock = StageClock()
            """Seconds spent saving (`store`) and in the near-duplicate index (`dedup`)."""
        except (sqlite3.DatabaseError, OSError) as exc:
            self._close_quietly()
            raise StoreError("db_unusable", f"{path}: {exc}") from None
        except StoreError:
            self._close_quietly()
            raise

    def _close_quietly(self) -> None:
        if getattr(self, "db", None) is not None:
            self.db.close()

    def close(self) -> None:
        self.db.close()

    @property
    def schema_version(self) -> int:
        if "_meta" not in self.db.table_names():
            return 0
        row = self.db.execute("select value from _meta where key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def migrate(self) -> None:
        """Apply every migration the database has not seen, each in its own transaction."""
        current = self.schema_version
        if current > DB_SCHEMA_VERSION:
            raise StoreError("db_too_new", f"database schema v{current} is newer than this "
                                           f"ingest (v{DB_SCHEMA_VERSION}); upgrade news-ingest")
        for version in range(current + 1, DB_SCHEMA_VERSION + 1):
            with self.db.atomic():
                MIGRATIONS[version](self.db)
                self.db["_meta"].upsert({"key": "schema_version", "value": str(version)},
                                        pk="key")

    def _write(self, work: Callable[[], Any]) -> Any:
        try:
            for attempt in self._write_retry():
                with attempt, self.db.atomic():
                    return work()
        except sqlite3.DatabaseError as exc:
            raise StoreError("db_write", str(exc)) from None
        return None

    def save(self, batch: Iterable[tuple[Article, Page | None]],
             signatures: Mapping[str, np.ndarray | None] | None = None) -> SaveResult:
        """Upsert a batch of records (with their raw pages) in one transaction.

        `signatures`: MinHash signatures already computed (by the crawl's worker processes),
        by `content_hash`; the others are computed here."""
        items = list(batch)
        start = time.perf_counter()
        dedup_before = self.clock.seconds["dedup"]
        try:
            return self._write(lambda: self._save(items, signatures or {}))
        finally:
            spent = time.perf_counter() - start
            self.clock.seconds["store"] += spent - (self.clock.seconds["dedup"] - dedup_before)

    def take_seconds(self) -> dict[str, float]:
        """The seconds saving took since the last call: `store` and its `dedup` part."""
        seconds, self.clock.seconds = dict(self.clock.seconds), Counter()
        return seconds

    def _signature(self, article: Article,
                   signatures: Mapping[str, np.ndarray | None]) -> np.ndarray | None:
        if article.content_hash in signatures:
            return signatures[article.content_hash]
        with self.clock("dedup"):
            return signature(article.text)

    def _save(self, items: list[tuple[Article, Page | None]],
              signatures: Mapping[str, np.ndarray | None]) -> SaveResult:
        result = SaveResult()
        for article, page in items:
            row = article.to_dict()
            old = self.get(article.id)
            if old is None:
                sig = self._signature(article, signatures)
                with self.clock("dedup"):
                    row["cluster_id"] = self.clusters.assign(article.id, sig,
                                                             article.content_hash)
                self.db.execute(INSERT_ARTICLE, [_column(row[name]) for name in FIELDS])
                self._count_lines(article)
                result.new.append(article.id)
            else:
                row["first_seen_at"] = old["first_seen_at"]
                row["cluster_id"] = old["cluster_id"]
                keep_cluster_verdict(row, old)
                changed = {k for k in FIELDS if row[k] != old[k]} - {"fetched_at"}
                (result.updated if changed else result.unchanged).append(article.id)
                result.changed_fields.update(changed)
                self.db.execute(UPDATE_ARTICLE, [*(_column(row[name]) for name in FIELDS[1:]),
                                                 article.id])
                if "text" in changed:
                    sig = self._signature(article, signatures)
                    with self.clock("dedup"):
                        self.clusters.index(article.id, sig)
            with self.clock("dedup"):
                self.clusters.settle(row["cluster_id"])
            if page is not None:
                hints = {k: v for k, v in page.hints.items() if k not in TRANSIENT_HINTS}
                self.db.execute(UPSERT_RAW, [
                    article.id, page.url, page.effective_url, page.status,
                    json.dumps(dict(page.headers)), zlib.compress(page.body, 6),
                    row["fetched_at"], page.source, json.dumps(hints, default=str)])
            self.db.execute("delete from failures where url in (?, ?, ?)",
                            [article.url, article.canonical_url, page.url if page else ""])
        return result

    def _count_lines(self, article: Article) -> None:
        hashes = {line_hash(p) for p in article.text.split("\n\n") if p.strip()}
        self.db.execute("insert into site_pages values (?, 1) on conflict(site_domain) "
                        "do update set pages = pages + 1", [article.site_domain])
        self.db.conn.executemany(
            "insert into site_lines values (?, ?, 1) on conflict(site_domain, line_hash) "
            "do update set pages = pages + 1", [(article.site_domain, h) for h in hashes])

    def site_chrome(self, site_domain: str) -> frozenset[str]:
        """Hashes of the lines that stand on at least SITE_CHROME_PAGES stored pages of the
        site, and on at least SITE_CHROME_SHARE of them: the site's own boilerplate."""
        row = self.db.execute("select pages from site_pages where site_domain = ?",
                              [site_domain]).fetchone()
        if not row or row[0] < SITE_CHROME_PAGES:
            return frozenset()
        floor = max(SITE_CHROME_PAGES, SITE_CHROME_SHARE * row[0])
        return frozenset(h for (h,) in self.db.execute(
            "select line_hash from site_lines where site_domain = ? and pages >= ?",
            [site_domain, floor]))

    def record_failure(self, url: str, error: IngestError, run_id: int | None = None) -> None:
        """Record (or update) the final failure of a page."""
        def work() -> None:
            now = _now()
            old = self.db.execute("select first_failed_at from failures where url = ?",
                                  [url]).fetchone()
            self.db["failures"].upsert({
                "url": url, "stage": error.stage, "reason": error.reason, "detail": error.detail,
                "attempts": error.attempts, "first_failed_at": old[0] if old else now,
                "last_failed_at": now, "run_id": run_id,
            }, pk="url")
        self._write(work)

    def get(self, article_id: str) -> dict[str, Any] | None:
        """The stored record with this id, or None."""
        cursor = self.db.execute("select * from articles where id = ?", [article_id])
        row = cursor.fetchone()
        if row is None:
            return None
        return row_to_record(dict(zip([c[0] for c in cursor.description], row, strict=True)))

    def raw_page(self, article_id: str) -> bytes | None:
        """The stored raw body of a record's page, decompressed."""
        row = self.db.execute("select body from raw_pages where id = ?", [article_id]).fetchone()
        return zlib.decompress(row[0]) if row else None

    def stored_pages(self, where: str = "1", params: Iterable[Any] = (),
                     size: int = 200) -> Iterator[tuple[str, Page]]:
        """(record id, raw page) for the articles matching `where`, oldest first, read
        `size` at a time so a large database streams."""
        sql = (f"select picked.n, raw_pages.* from (select rowid as n, id from articles "
               f"where ({where})) as picked join raw_pages on raw_pages.id = picked.id "
               "where picked.n > ? order by picked.n limit ?")
        last = 0
        while rows := list(self.db.query(sql, [*params, last, size])):
            last = rows[-1]["n"]
            for row in rows:
                yield row["id"], Page(
                    url=row["url"], body=zlib.decompress(row["body"]),
                    final_url=row["final_url"], status=row["status"] or 200,
                    headers=json.loads(row["headers"] or "{}"),
                    fetched_at=datetime.fromisoformat(row["fetched_at"]),
                    source=row["source"], hints=json.loads(row.get("hints") or "{}"))

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over title and text, best match first, with a snippet."""
        sql = (
            "select articles.id, articles.title, articles.url, articles.published_at, "
            "articles.site_name, articles.original_publisher, "
            "snippet(articles_fts, 1, '[', ']', '…', 12) as snippet "
            "from articles_fts join articles on articles.rowid = articles_fts.rowid "
            "where articles_fts match ? order by rank limit ?"
        )
        try:
            cursor = self.db.execute(sql, [query, limit])
        except sqlite3.OperationalError as exc:
            raise StoreError("bad_query", f"cannot search for {query!r}: {exc}") from None
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def stats(self) -> dict[str, Any]:
        """Counts for `ingest stats`."""
        def rows(sql: str) -> list[dict[str, Any]]:
            return list(self.db.query(sql))

        return {
            "articles": self.db["articles"].count,
            "syndicated": self.db.execute(
                "select count(*) from articles where is_syndicated").fetchone()[0],
            "failures": self.db["failures"].count,
            "clusters": self.db.execute(
                "select count(*), coalesce(sum(n), 0) from (select count(*) as n from articles "
                "group by cluster_id having n > 1)").fetchone(),
            "by_source": rows("select coalesce(source, '(ad hoc)') as source, count(*) as n, "
                              "sum(is_syndicated) as syndicated from articles "
                              "group by 1 order by n desc"),
            "by_site": rows("select site_domain as site, count(*) as n, "
                            "sum(is_syndicated) as syndicated from articles "
                            "group by 1 order by n desc limit 20"),
            "by_publisher": rows("select original_publisher as publisher, count(*) as n from "
                                 "articles group by 1 order by n desc limit 20"),
            "failures_by_reason": rows("select reason, count(*) as n from failures "
                                       "group by 1 order by n desc"),
            "runs": rows("select * from crawl_runs order by id desc limit 5"),
        }

    def fetched_at(self, url: str) -> str | None:
        """When the story at `url` (fetched or canonical URL) was last fetched; None if unknown."""
        row = self.db.execute(
            "select fetched_at from articles where url = ? or canonical_url = ? limit 1",
            [url, url]).fetchone()
        return row[0] if row else None

    def validators(self, url: str) -> dict[str, str | None] | None:
        """The ETag / Last-Modified last seen for a feed or sitemap URL."""
        rows = list(self.db["validators"].rows_where("url = ?", [url]))
        return rows[0] if rows else None

    def save_validators(self, items: dict[str, tuple[str | None, str | None]]) -> None:
        """Remember validators (url -> (etag, last_modified)) for conditional requests."""
        now = _now()
        self._write(lambda: self.db["validators"].upsert_all(
            [{"url": u, "etag": e, "last_modified": m, "checked_at": now}
             for u, (e, m) in items.items()], pk="url"))

    def last_crawled(self, source: str) -> str | None:
        row = self.db.execute("select last_crawled_at from source_state where name = ?",
                              [source]).fetchone()
        return row[0] if row else None

    def mark_crawled(self, sources: Iterable[str], run_id: int | None) -> None:
        """Record that these sources were crawled to completion now."""
        now = _now()
        self._write(lambda: self.db["source_state"].upsert_all(
            [{"name": s, "last_crawled_at": now, "last_run_id": run_id} for s in sources],
            pk="name"))

    def start_run(self, args: str) -> int:
        """Open a `crawl_runs` row; returns its id."""
        def work() -> int:
            table = self.db["crawl_runs"].insert({
                "started_at": _now(), "status": "running", "args": args, "pages_seen": 0,
                "pages_new": 0, "pages_updated": 0, "pages_failed": 0, "pages_skipped": 0,
            })
            return int(table.last_pk)
        return self._write(work)

    def finish_run(self, run_id: int, status: str, counts: dict[str, int],
                   stats: dict[str, Any] | None = None) -> None:
        """Close a `crawl_runs` row with its final status and counts."""
        self._write(lambda: self.db["crawl_runs"].update(run_id, {
            "finished_at": _now(), "status": status, **counts,
            "stats": json.dumps(stats or {}, default=str),
        }))
