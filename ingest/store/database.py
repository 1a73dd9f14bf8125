"""The store: articles, raw pages, failures and crawl runs, in SQLite or PostgreSQL.

Writes happen in batches, one transaction each, so a run killed at any moment leaves whole
records only. Articles are upserted by `id` (derived from the canonical URL): processing a page
again updates its row and never duplicates it, keeping `first_seen_at` and `cluster_id`.
The schema is versioned in `_meta`; each backend's `migrations` bring an older database up to
date. The logic is written once here over `ingest.store.sql.Connection`; `Store(target)` picks the
backend from the target: a path or `sqlite:///path` (SQLite, `ingest.store.sqlite`), a
`postgresql://` URL (PostgreSQL, `ingest.store.postgres`).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from tenacity import Retrying

from ingest.core.errors import IngestError, StoreError
from ingest.core.fingerprint import line_hash
from ingest.core.page import Page
from ingest.core.record import FIELDS, Article
from ingest.core.stages import StageClock
from ingest.dedup.clusters import NEAR_DUPLICATE
from ingest.dedup.near_duplicates import signature
from ingest.store.cluster_index import ClusterIndex
from ingest.store.connection import (
    connect,
    default_write_retry,
    unusable_errors,
)
from ingest.store.raw_pages import pack_body, unpack_body
from ingest.store.runs import PAGES, is_gone, process_mark
from ingest.store.sql import Connection, describe
from ingest.store.statements import (
    ARTICLE_SELECT,
    INSERT_ARTICLE,
    RUN_COUNTS,
    UPDATE_ARTICLE,
    UPSERT_FAILURE,
    UPSERT_RAW,
    as_column,
    row_to_record,
)

SITE_CHROME_PAGES = 4
"""A line is site chrome once it stands on this many stored pages of one site..."""
SITE_CHROME_SHARE = 0.3
"""...and on this share of them (a story's own sentence stands on one page)."""
TRANSIENT_HINTS = ("site_chrome",)
"""Page hints recomputed at each processing, so not stored with the raw page."""
DB_SCHEMA_VERSION = 6
"""Version of the database layout (tables, indexes); the record's own version is
`ingest.core.record.SCHEMA_VERSION`. Each backend has a migration step for every version."""


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(slots=True)
class SaveResult:
    """What one batch did to the articles table."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    changed_fields: Counter[str] = field(default_factory=Counter)
    """Updated records per changed field (fetched_at aside)."""

    def report(self, urls: Mapping[str, str]) -> None:
        """A `PAGES` line per record: stored, updated or unchanged, with its page's URL."""
        for outcome, ids in (("stored", self.new), ("updated", self.updated),
                             ("unchanged", self.unchanged)):
            for article_id in ids:
                PAGES.info("%s %s", outcome, urls.get(article_id, article_id))


def keep_cluster_verdict(row: dict[str, Any], old: dict[str, Any]) -> None:
    """A re-processed record keeps what its cluster told it (near-duplicate evidence and the
    publisher that came with it) as long as the page itself still credits nobody; the
    cluster is then settled again in case that changed."""
    told = [e for e in old["syndication_evidence"] if e.get("kind") == NEAR_DUPLICATE]
    if told and not row["syndication_evidence"]:
        row.update(syndication_evidence=told, is_syndicated=True,
                   original_publisher=old["original_publisher"])


class Store:
    """One database of articles, SQLite or PostgreSQL (see the module docstring)."""

    def __init__(self, target: str | Path | None = None, *,
                 write_retry: Callable[[], Retrying] = default_write_retry,
                 clusters: Callable[[Connection], ClusterIndex] = ClusterIndex) -> None:
        """Open (creating and migrating if needed) the database `target` names: a path,
        `sqlite:///path`, a `postgresql://` URL, or None for an in-memory SQLite database.

        `clusters` makes the near-duplicate index on the database: the SQL one, or one shared
        by several crawling machines (`ingest.distributed.shared_index`)."""
        self.target = target
        self._write_retry = write_retry
        try:
            self.sql: Connection = connect(target)
            self.migrate()
            self.clusters = clusters(self.sql)
            self.clock = StageClock()
            """Seconds spent saving (`store`) and in the near-duplicate index (`dedup`)."""
        except StoreError:
            self._close_quietly()
            raise
        except unusable_errors(target) as exc:
            self._close_quietly()
            detail = " ".join(str(exc).split())
            raise StoreError("db_unusable", f"{describe(target)}: {detail}") from None

    def _close_quietly(self) -> None:
        if getattr(self, "sql", None) is not None:
            self.sql.close()

    def close(self) -> None:
        self.sql.close()

    @property
    def schema_version(self) -> int:
        if "_meta" not in self.sql.table_names():
            return 0
        value = self.sql.value("select value from _meta where key = 'schema_version'")
        return int(value) if value else 0

    def migrate(self) -> None:
        """Apply every migration the database has not seen, each in its own transaction
        (with writers kept out, so processes opening a new database at once migrate it once)."""
        current = self.schema_version
        if current > DB_SCHEMA_VERSION:
            raise StoreError("db_too_new", f"database schema v{current} is newer than this "
                                           f"ingest (v{DB_SCHEMA_VERSION}); upgrade news-ingest")
        for version in range(current + 1, DB_SCHEMA_VERSION + 1):
            with self.sql.transaction():
                self.sql.lock_writers()
                self.sql.execute("create table if not exists _meta (key text primary key, "
                                 "value text)")
                if self.schema_version >= version:
                    continue
                self.sql.migrations[version](self.sql)
                self.sql.execute("insert into _meta (key, value) values ('schema_version', ?) "
                                 "on conflict (key) do update set value = excluded.value",
                                 [str(version)])

    def _write(self, work: Callable[[], Any]) -> Any:
        try:
            for attempt in self._write_retry():
                with attempt, self.sql.transaction():
                    return work()
        except self.sql.error as exc:
            raise StoreError("db_write", " ".join(str(exc).split())) from None
        return None

    def save(self, batch: Iterable[tuple[Article, Page | None]],
             signatures: Mapping[str, np.ndarray | None] | None = None,
             packed: Mapping[str, bytes] | None = None) -> SaveResult:
        """Upsert a batch of records (with their raw pages) in one transaction.

        `signatures`: MinHash signatures already computed (by the worker processes), by
        `content_hash`; the others are computed here. `packed`: raw pages already compressed
        as stored (`pack_body`, by the worker processes), by record id; the page's own body
        is not read for those."""
        items = list(batch)
        start = time.perf_counter()
        dedup_before = self.clock.seconds["dedup"]
        try:
            return self._write(lambda: self._save(items, signatures or {}, packed or {}))
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
              signatures: Mapping[str, np.ndarray | None],
              packed: Mapping[str, bytes]) -> SaveResult:
        result = SaveResult()
        self.sql.lock_writers()
        for article, page in items:
            row = article.to_dict()
            old = self.get(article.id)
            if old is None:
                sig = self._signature(article, signatures)
                with self.clock("dedup"):
                    row["cluster_id"] = self.clusters.assign(article.id, sig,
                                                             article.content_hash)
                self.sql.execute(INSERT_ARTICLE, [as_column(row[name]) for name in FIELDS])
                self._count_lines(article)
                result.new.append(article.id)
            else:
                row["first_seen_at"] = old["first_seen_at"]
                row["cluster_id"] = old["cluster_id"]
                keep_cluster_verdict(row, old)
                changed = {k for k in FIELDS if row[k] != old[k]} - {"fetched_at"}
                (result.updated if changed else result.unchanged).append(article.id)
                result.changed_fields.update(changed)
                self.sql.execute(UPDATE_ARTICLE, [*(as_column(row[name]) for name in FIELDS[1:]),
                                                  article.id])
                if "text" in changed:
                    sig = self._signature(article, signatures)
                    with self.clock("dedup"):
                        self.clusters.index(article.id, sig)
            with self.clock("dedup"):
                self.clusters.settle(row["cluster_id"])
            if page is not None:
                hints = {k: v for k, v in page.hints.items() if k not in TRANSIENT_HINTS}
                self.sql.execute(UPSERT_RAW, [
                    article.id, page.url, page.effective_url, page.status,
                    json.dumps(dict(page.headers)),
                    packed[article.id] if article.id in packed else pack_body(page.body),
                    row["fetched_at"], page.source, json.dumps(hints, default=str)])
            self.sql.execute("delete from failures where url in (?, ?, ?)",
                             [article.url, article.canonical_url, page.url if page else ""])
        return result

    def _count_lines(self, article: Article) -> None:
        hashes = {line_hash(p) for p in article.text.split("\n\n") if p.strip()}
        self.sql.execute("insert into site_pages values (?, 1) on conflict (site_domain) "
                         "do update set pages = site_pages.pages + 1", [article.site_domain])
        self.sql.executemany(
            "insert into site_lines values (?, ?, 1) on conflict (site_domain, line_hash) "
            "do update set pages = site_lines.pages + 1",
            [(article.site_domain, h) for h in sorted(hashes)])

    def site_chrome(self, site_domain: str) -> frozenset[str]:
        """Hashes of the lines that stand on at least SITE_CHROME_PAGES stored pages of the
        site, and on at least SITE_CHROME_SHARE of them: the site's own boilerplate."""
        pages = self.sql.value("select pages from site_pages where site_domain = ?",
                               [site_domain])
        if not pages or pages < SITE_CHROME_PAGES:
            return frozenset()
        floor = max(SITE_CHROME_PAGES, SITE_CHROME_SHARE * pages)
        return frozenset(h for (h,) in self.sql.execute(
            "select line_hash from site_lines where site_domain = ? and pages >= ?",
            [site_domain, floor]).fetchall())

    def record_failure(self, url: str, error: IngestError, run_id: int | None = None) -> None:
        """Record (or update) the final failure of a page; its first failure time stays."""
        now = _now()
        self._write(lambda: self.sql.execute(UPSERT_FAILURE, [
            url, error.stage, error.reason, error.detail, error.attempts, now, now, run_id]))

    def get(self, article_id: str) -> dict[str, Any] | None:
        """The stored record with this id, or None."""
        rows = self.sql.query(f"select {ARTICLE_SELECT} from articles where id = ?",
                              [article_id])
        return row_to_record(rows[0]) if rows else None

    def raw_page(self, article_id: str) -> bytes | None:
        """The stored raw body of a record's page, decompressed."""
        body = self.sql.value("select body from raw_pages where id = ?", [article_id])
        return unpack_body(body) if body is not None else None

    def count(self, where: str = "1 = 1", params: Iterable[Any] = ()) -> int:
        """How many articles match the SQL condition `where`."""
        return self.sql.value(f"select count(*) from articles where ({where})", list(params))

    def records(self, where: str = "1 = 1", params: Iterable[Any] = (),
                size: int = 2000) -> Iterator[list[dict[str, Any]]]:
        """The records matching `where`, oldest stored first, `size` at a time (keyset
        pagination: memory stays flat and a concurrent crawl is never blocked by the read)."""
        sql = (f"select rowid as n, {ARTICLE_SELECT} from articles where ({where}) "
               "and rowid > ? order by rowid limit ?")
        for rows in self.sql.keyset(sql, list(params), size):
            yield [row_to_record(row) for row in rows]

    def stored_pages(self, where: str = "1 = 1", params: Iterable[Any] = (),
                     size: int = 200) -> Iterator[tuple[str, Page]]:
        """(record id, raw page) for the articles matching `where`, oldest first, read
        `size` at a time so a large database streams."""
        sql = (f"select picked.n, raw_pages.* from (select rowid as n, id from articles "
               f"where ({where})) as picked join raw_pages on raw_pages.id = picked.id "
               "where picked.n > ? order by picked.n limit ?")
        for rows in self.sql.keyset(sql, list(params), size):
            for row in rows:
                yield row["id"], Page(
                    url=row["url"], body=unpack_body(row["body"]),
                    final_url=row["final_url"], status=row["status"] or 200,
                    headers=json.loads(row["headers"] or "{}"),
                    fetched_at=datetime.fromisoformat(row["fetched_at"]),
                    source=row["source"], hints=json.loads(row.get("hints") or "{}"))

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over title and text, best match first, with a snippet."""
        return self.sql.search(query, limit)

    def stats(self) -> dict[str, Any]:
        """Counts for `ingest stats`."""
        query = self.sql.query
        clusters = self.sql.execute(
            "select count(*), cast(coalesce(sum(n), 0) as integer) from (select count(*) as n "
            "from articles group by cluster_id having count(*) > 1) as copies").fetchone()
        return {
            "articles": self.count(),
            "syndicated": self.count("is_syndicated = 1"),
            "failures": self.sql.value("select count(*) from failures"),
            "clusters": tuple(clusters),
            "by_source": query("select coalesce(source, '(ad hoc)') as source, count(*) as n, "
                               "sum(is_syndicated) as syndicated from articles "
                               "group by 1 order by n desc"),
            "by_site": query("select site_domain as site, count(*) as n, "
                             "sum(is_syndicated) as syndicated from articles "
                             "group by 1 order by n desc limit 20"),
            "by_publisher": query("select original_publisher as publisher, count(*) as n from "
                                  "articles group by 1 order by n desc limit 20"),
            "failures_by_reason": query("select reason, count(*) as n from failures "
                                        "group by 1 order by n desc"),
            "runs": [{**run, "status": "interrupted"} if is_gone(run) else run
                     for run in query("select * from crawl_runs order by id desc limit 5")],
        }

    def fetched_at(self, url: str) -> str | None:
        """When the story at `url` (fetched or canonical URL) was last fetched; None if unknown."""
        return self.sql.value(
            "select fetched_at from articles where url = ? or canonical_url = ? limit 1",
            [url, url])

    def validators(self, url: str) -> dict[str, str | None] | None:
        """The ETag / Last-Modified last seen for a feed or sitemap URL."""
        rows = self.sql.query("select * from validators where url = ?", [url])
        return rows[0] if rows else None

    def save_validators(self, items: dict[str, tuple[str | None, str | None]]) -> None:
        """Remember validators (url -> (etag, last_modified)) for conditional requests."""
        now = _now()
        self._write(lambda: self.sql.executemany(
            "insert into validators (url, etag, last_modified, checked_at) values (?, ?, ?, ?) "
            "on conflict (url) do update set etag = excluded.etag, "
            "last_modified = excluded.last_modified, checked_at = excluded.checked_at",
            [(u, e, m, now) for u, (e, m) in items.items()]))

    def last_crawled(self, source: str) -> str | None:
        return self.sql.value("select last_crawled_at from source_state where name = ?",
                              [source])

    def mark_crawled(self, sources: Iterable[str], run_id: int | None) -> None:
        """Record that these sources were crawled to completion now."""
        now = _now()
        self._write(lambda: self.sql.executemany(
            "insert into source_state (name, last_crawled_at, last_run_id) values (?, ?, ?) "
            "on conflict (name) do update set last_crawled_at = excluded.last_crawled_at, "
            "last_run_id = excluded.last_run_id", [(s, now, run_id) for s in sources]))

    def start_run(self, args: str) -> int:
        """Open a `crawl_runs` row, marked with this process (`stats` holds its pid and host
        until the run finishes); returns its id. Runs left `running` by a process that is
        gone (killed with -9, the machine restarted) are closed as `interrupted` first."""
        self.close_interrupted()
        return int(self._write(lambda: self.sql.value(
            "insert into crawl_runs (started_at, status, args, pages_seen, pages_new, "
            "pages_updated, pages_failed, pages_skipped, stats) "
            "values (?, 'running', ?, 0, 0, 0, 0, 0, ?) returning id",
            [_now(), args, json.dumps(process_mark())])))

    def close_interrupted(self) -> list[int]:
        """Close as `interrupted` the runs still `running` whose process is gone; their ids."""
        gone = [run["id"] for run in self.sql.query(
            "select id, status, stats from crawl_runs where status = 'running'")
            if is_gone(run)]
        for run_id in gone:
            self._write(lambda run_id=run_id: self.sql.execute(
                "update crawl_runs set status = 'interrupted', finished_at = ? where id = ?",
                [_now(), run_id]))
        return gone

    def finish_run(self, run_id: int, status: str, counts: dict[str, int],
                   stats: dict[str, Any] | None = None) -> None:
        """Close a `crawl_runs` row with its final status and counts."""
        unknown = set(counts) - set(RUN_COUNTS)
        if unknown:
            raise ValueError(f"not run counts: {', '.join(sorted(unknown))}")
        values = {"finished_at": _now(), "status": status, **counts,
                  "stats": json.dumps(stats or {}, default=str)}
        self._write(lambda: self.sql.execute(
            f"update crawl_runs set {', '.join(f'{k} = ?' for k in values)} where id = ?",
            [*values.values(), run_id]))

    def run(self, run_id: int) -> dict[str, Any] | None:
        """One `crawl_runs` row, or None."""
        rows = self.sql.query("select * from crawl_runs where id = ?", [run_id])
        return rows[0] if rows else None
