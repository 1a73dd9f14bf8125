"""The near-duplicate index inside the database, kept up to date as records are saved.

Each stored story has its MinHash signature in `minhashes` and its LSH band keys in
`lsh_bands` (indexed), so a new story's candidate copies are found with one indexed look-up
per band, then confirmed on the estimated similarity. Living in the database (SQLite or
PostgreSQL, through `ingest.store.sql`), the index is incremental and shared by every process
writing the database; nothing is rebuilt at start.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
from sqlite_utils import Database

from ingest.core.publishers import Registry, load_registry
from ingest.dedup.clusters import Member, settle
from ingest.dedup.near_duplicates import (
    THRESHOLD,
    band_keys,
    from_blob,
    signature,
    similarity,
    to_blob,
)
from ingest.store.sql import Connection


def create_tables(db: Database) -> None:
    db["minhashes"].create({"id": str, "sig": bytes}, pk="id")
    db.execute("create table lsh_bands (band integer, key integer, id text)")
    db.execute("create index lsh_bands_key on lsh_bands (band, key)")
    db.execute("create index lsh_bands_id on lsh_bands (id)")


def index_stored_texts(sql: Connection) -> None:
    """Index every stored story (the migration that adds the tables to a filled database)."""
    index = ClusterIndex(sql)
    for row in sql.query("select id, text from articles"):
        index.index(row["id"], signature(row["text"] or ""))


class ClusterIndex:
    """Near-duplicate look-ups and cluster bookkeeping on one database connection."""

    def __init__(self, sql: Connection, registry: Registry | None = None) -> None:
        self.sql = sql
        self.registry = registry or load_registry()

    def index(self, article_id: str, sig: np.ndarray | None) -> None:
        """Store (or replace) the story's signature (`near_duplicates.signature` of its text;
        None when too short to compare) and its bands."""
        self.sql.execute("delete from lsh_bands where id = ?", [article_id])
        if sig is None:
            self.sql.execute("delete from minhashes where id = ?", [article_id])
            return
        self.sql.execute("insert into minhashes (id, sig) values (?, ?) on conflict (id) "
                         "do update set sig = excluded.sig", [article_id, to_blob(sig)])
        self.sql.executemany("insert into lsh_bands (band, key, id) values (?, ?, ?)",
                             [(band, key, article_id) for band, key in band_keys(sig)])

    def assign(self, article_id: str, sig: np.ndarray | None, content_hash: str) -> str:
        """Index a new story and give it its cluster: that of a stored story with the same
        text, else of the most similar one (`match`), else a cluster of its own."""
        self.index(article_id, sig)
        return self.known_cluster(article_id, sig, content_hash) or article_id

    def known_cluster(self, article_id: str, sig: np.ndarray | None,
                      content_hash: str) -> str | None:
        """The cluster of a stored story with the same text or a similar one, if any."""
        same = self.sql.value("select cluster_id from articles where content_hash = ? limit 1",
                              [content_hash])
        return same or self.match(article_id, sig)

    def match(self, article_id: str, sig: np.ndarray | None) -> str | None:
        """The cluster of the most similar stored story at or above `THRESHOLD`, if any."""
        if sig is None:
            return None
        keys = band_keys(sig)
        marks = ", ".join("(?, ?)" for _ in keys)
        candidates = {row[0] for row in self.sql.execute(  # one indexed look-up per band
            f"select lsh_bands.id from (values {marks}) as wanted join lsh_bands "
            "on lsh_bands.band = wanted.column1 and lsh_bands.key = wanted.column2",
            [value for pair in keys for value in pair])}
        candidates.discard(article_id)
        best, best_id = THRESHOLD, None
        for other, blob in self._signatures(candidates).items():
            score = similarity(sig, from_blob(blob))
            if score >= best:
                best, best_id = score, other
        if best_id is None:
            return None
        return self.sql.value("select cluster_id from articles where id = ?", [best_id])

    def settle(self, cluster_id: str) -> None:
        """Re-decide the cluster's origin and update the copies' evidence
        (`ingest.dedup.clusters`)."""
        rows = self.sql.query(
            "select rowid, id, url, site_domain, site_name, is_syndicated, original_publisher, "
            "syndication_evidence, coalesce(published_at, fetched_at) as moment from articles "
            "where cluster_id = ?", [cluster_id])
        if len(rows) < 2:
            return
        members = [Member(r["id"], r["url"], r["site_domain"], r["site_name"],
                          bool(r["is_syndicated"]), r["original_publisher"],
                          json.loads(r["syndication_evidence"] or "[]"), r["moment"] or "",
                          r["rowid"]) for r in rows]
        sigs = {k: from_blob(v) for k, v in self._signatures({m.id for m in members}).items()}

        def pair(a: str, b: str) -> float:
            return similarity(sigs[a], sigs[b]) if a in sigs and b in sigs else 1.0

        for article_id, values in settle(members, pair, self.registry).items():
            row: dict[str, Any] = dict(values)
            if "syndication_evidence" in row:
                row["syndication_evidence"] = json.dumps(row["syndication_evidence"],
                                                         ensure_ascii=False)
            self.sql.execute(f"update articles set {', '.join(f'{k} = ?' for k in row)} "
                             "where id = ?", [*row.values(), article_id])

    def _signatures(self, ids: set[str]) -> dict[str, bytes]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return dict(self.sql.execute(f"select id, sig from minhashes where id in ({marks})",
                                     list(ids)).fetchall())
