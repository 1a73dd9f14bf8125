"""The near-duplicate index shared through Redis, for crawls on several machines.

Each worker writes its own batches, so a copy stored by one worker may not be committed yet
when another worker stores a second copy: the database alone cannot put the two in one
cluster. Here the LSH bands live in Redis through datasketch's `MinHashLSH` with Redis
storage, beside three hashes: each story's signature, its cluster, and the cluster of each
exact text (`content_hash`). A new story's cluster is chosen and its entries written under one
Redis lock, so of two near-duplicates stored at the same moment the later one always sees
the earlier. The SQL index is still written (the cluster's origin is settled from it) and
still consulted, for stories stored before the shared index existed.

The layout in Redis is datasketch's (`MinHashLSH` with Redis storage: its banding, bucket
hashes and key names; a test holds `MinHashLSH.query` to finding what is written here), but
the look-up and the insertion of a story are one pipeline each: datasketch's own `query` and
`insert` make two round trips per band, 11.8 ms a story, all of it under the lock that
every worker's stores wait for.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import redis
from datasketch import MinHashLSH
from sqlite_utils import Database

from ingest.cluster_index import ClusterIndex
from ingest.near_duplicates import (
    BANDS,
    NUM_PERM,
    ROWS,
    THRESHOLD,
    from_blob,
    similarity,
    to_blob,
)
from ingest.publishers import Registry
from ingest.scale_out import Keys

LOCK_SECONDS = 30.0
"""A lock holder that died releases the lock after this long."""


class SharedClusterIndex(ClusterIndex):
    """`ClusterIndex` whose cluster choice goes through the index in Redis."""

    def __init__(self, db: Database, url: str, keys: Keys,
                 registry: Registry | None = None) -> None:
        super().__init__(db, registry)
        self.client = redis.Redis.from_url(url)
        prefix = keys.lsh.decode()
        self.sigs, self.clusters = f"{prefix}:sigs", f"{prefix}:clusters"
        self.texts = f"{prefix}:texts"
        self.lock = self.client.lock(f"{prefix}:lock", timeout=LOCK_SECONDS)
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, params=(BANDS, ROWS),
                              prepickle=False, storage_config={
                                  "type": "redis", "basename": keys.lsh,
                                  "redis": redis.connection.parse_url(url)})

    def assign(self, article_id: str, sig: np.ndarray | None, content_hash: str) -> str:
        super().index(article_id, sig)
        bands = self._bands(sig)
        stored_before = self.known_cluster(article_id, sig, content_hash)  # outside the lock
        with self.lock:
            pipe = self.client.pipeline(transaction=False)
            pipe.hget(self.clusters, article_id).hget(self.texts, content_hash)
            for table, band in bands:
                pipe.smembers(table.redis_key(band))
            known, same, *buckets = pipe.execute()
            if known is not None:  # the same save again (its transaction was retried)
                return known.decode()
            found = same or self._best(article_id, sig, set().union(*buckets))
            cluster = found.decode() if found else stored_before or article_id
            pipe.hset(self.clusters, article_id, cluster)
            pipe.hsetnx(self.texts, content_hash, cluster)
            self._put(pipe, article_id, sig, bands)
            pipe.execute()
        return cluster

    def index(self, article_id: str, sig: np.ndarray | None) -> None:
        super().index(article_id, sig)
        if self.client.hexists(self.clusters, article_id):  # a stored story's text changed
            with self.lock:
                if article_id.encode() in self.lsh:
                    self.lsh.remove(article_id.encode())
                pipe = self.client.pipeline(transaction=False)
                self._put(pipe, article_id, sig, self._bands(sig))
                pipe.execute()

    def _bands(self, sig: np.ndarray | None) -> list[tuple[Any, bytes]]:
        """(datasketch hash table, bucket) of each band of the signature."""
        if sig is None:
            return []
        return [(table, self.lsh._H(sig[start:end]))
                for (start, end), table in zip(self.lsh.hashranges, self.lsh.hashtables,
                                               strict=True)]

    def _put(self, pipe: Any, article_id: str, sig: np.ndarray | None,
             bands: list[tuple[Any, bytes]]) -> None:
        """Queue on `pipe` the writes of `MinHashLSH.insert` (the story in each band's bucket
        and its list of buckets) and its signature; none for a text too short to sign."""
        if sig is None:
            pipe.hdel(self.sigs, article_id)
            return
        key = article_id.encode()
        pipe.hset(self.sigs, article_id, to_blob(sig))
        for table, band in bands:
            pipe.hset(table._name, band, table.redis_key(band))
            pipe.sadd(table.redis_key(band), key)
        pipe.hset(self.lsh.keys._name, key, self.lsh.keys.redis_key(key))
        pipe.rpush(self.lsh.keys.redis_key(key), *(band for _, band in bands))

    def _best(self, article_id: str, sig: np.ndarray | None, candidates: set[bytes]
              ) -> bytes | None:
        """The cluster of the most similar candidate at or above THRESHOLD."""
        others = sorted(c.decode() for c in candidates if c != article_id.encode())
        if sig is None or not others:
            return None
        pipe = self.client.pipeline(transaction=False)
        pipe.hmget(self.sigs, others).hmget(self.clusters, others)
        blobs, clusters = pipe.execute()
        best, found = THRESHOLD, None
        for blob, cluster in zip(blobs, clusters, strict=True):
            score = similarity(sig, from_blob(blob)) if blob else 0.0
            if cluster is not None and score >= best:
                best, found = score, cluster
        return found
