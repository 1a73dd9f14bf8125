"""The near-duplicate index shared through Redis, for crawls on several machines.

Each worker writes its own batches, so a copy stored by one worker may not be committed yet
when another worker stores a second copy: the database alone cannot put the two in one
cluster. Here the LSH bands live in Redis through datasketch's `MinHashLSH` with Redis
storage, beside three hashes: each story's signature, its cluster, and the cluster of each
exact text (`content_hash`). A new story's cluster is chosen and its entries written under one
Redis lock, so of two near-duplicates stored at the same moment the later one always sees
the earlier. The SQL index is still written (the cluster's origin is settled from it) and
still consulted, for stories stored before the shared index existed.
"""

from __future__ import annotations

import numpy as np
import redis
from datasketch import MinHash, MinHashLSH
from sqlite_utils import Database

from ingest.cluster_index import ClusterIndex
from ingest.near_duplicates import (
    BANDS,
    NUM_PERM,
    ROWS,
    SEED,
    THRESHOLD,
    from_blob,
    similarity,
    to_blob,
)
from ingest.publishers import Registry
from ingest.scale_out import Keys

LOCK_SECONDS = 30.0
"""A lock holder that died releases the lock after this long."""


def _minhash(sig: np.ndarray) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=sig)


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
        self.index(article_id, sig)
        with self.lock:
            known = self.client.hget(self.clusters, article_id)
            if known is not None:  # the same save again (its transaction was retried)
                return known.decode()
            cluster = (self.client.hget(self.texts, content_hash)
                       or self._shared_match(article_id, sig)
                       or self.known_cluster(article_id, sig, content_hash) or article_id)
            cluster = cluster.decode() if isinstance(cluster, bytes) else cluster
            with self.client.pipeline() as pipe:
                pipe.hset(self.clusters, article_id, cluster)
                pipe.hsetnx(self.texts, content_hash, cluster)
                pipe.execute()
            self._put(article_id, sig)
        return cluster

    def index(self, article_id: str, sig: np.ndarray | None) -> None:
        super().index(article_id, sig)
        if self.client.hexists(self.clusters, article_id):  # a stored story's text changed
            with self.lock:
                self._put(article_id, sig)

    def _put(self, article_id: str, sig: np.ndarray | None) -> None:
        """Replace the story's signature and LSH entry in Redis."""
        key = article_id.encode()
        if key in self.lsh:
            self.lsh.remove(key)
        if sig is None:
            self.client.hdel(self.sigs, article_id)
            return
        self.client.hset(self.sigs, article_id, to_blob(sig))
        self.lsh.insert(key, _minhash(sig), check_duplication=False)

    def _shared_match(self, article_id: str, sig: np.ndarray | None) -> str | None:
        """The cluster of the most similar story in the shared index, at or above THRESHOLD."""
        if sig is None:
            return None
        candidates = [k.decode() for k in self.lsh.query(_minhash(sig))]
        candidates = [c for c in candidates if c != article_id]
        if not candidates:
            return None
        best, best_id = THRESHOLD, None
        for other, blob in zip(candidates, self.client.hmget(self.sigs, candidates),
                               strict=True):
            score = similarity(sig, from_blob(blob)) if blob else 0.0
            if score >= best:
                best, best_id = score, other
        found = self.client.hget(self.clusters, best_id) if best_id else None
        return found.decode() if found else None
