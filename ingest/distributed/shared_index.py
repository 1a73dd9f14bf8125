"""The near-duplicate index shared through Redis, for crawls on several machines.

Each worker writes its own batches, so a copy stored by one worker may not be committed yet
when another worker stores a second copy: the database alone cannot put the two in one
cluster. Here the LSH bands live in Redis in the layout of datasketch's `MinHashLSH` with
Redis storage (its banding, bucket hashes and key names: `MinHashLSH.query` finds what is
written here, a test holds it to that), beside three hashes: each story's signature, its
cluster, and the cluster of each exact text (`content_hash`). A new story's cluster is
chosen and its entries written by one Lua script, which Redis runs atomically: of two
near-duplicates stored at the same moment by two workers, the later always sees the
earlier, with no lock to wait for. datasketch's own `query` and `insert` make two round
trips per band (11.8 ms a story here); the script makes one.

The SQL index is still written (the cluster's origin is settled from it) and still
consulted, for stories stored before the shared index existed.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import redis
from datasketch import MinHashLSH

from ingest.core.publishers import Registry
from ingest.dedup.near_duplicates import (
    BANDS,
    NUM_PERM,
    ROWS,
    THRESHOLD,
    to_blob,
)
from ingest.distributed.scale_out import Keys
from ingest.store.cluster_index import ClusterIndex
from ingest.store.sql import Connection

_ASSIGN = """
local id, bands = ARGV[1], (#KEYS - 5) / 2
local known = redis.call('HGET', KEYS[1], id)
if known then return known end
local cluster = redis.call('HGET', KEYS[2], ARGV[2])
if not cluster and ARGV[3] ~= '' then
  local best, seen = tonumber(ARGV[4]) - 1, {}
  for i = 1, bands do
    for _, other in ipairs(redis.call('SMEMBERS', KEYS[5 + bands + i])) do
      if other ~= id and not seen[other] then
        seen[other] = true
        local sig, theirs = redis.call('HGET', KEYS[3], other), redis.call('HGET', KEYS[1], other)
        if sig and theirs then
          local same = 0
          for j = 1, #sig, 8 do
            if string.sub(sig, j, j + 7) == string.sub(ARGV[3], j, j + 7) then same = same + 1 end
          end
          if same > best then best, cluster = same, theirs end
        end
      end
    end
  end
end
if not cluster then cluster = (ARGV[5] ~= '' and ARGV[5]) or id end
redis.call('HSET', KEYS[1], id, cluster)
redis.call('HSETNX', KEYS[2], ARGV[2], cluster)
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[3], id, ARGV[3])
  for i = 1, bands do
    redis.call('HSET', KEYS[5 + i], ARGV[5 + i], KEYS[5 + bands + i])
    redis.call('SADD', KEYS[5 + bands + i], id)
  end
  redis.call('HSET', KEYS[4], id, KEYS[5])
  redis.call('RPUSH', KEYS[5], unpack(ARGV, 6, 5 + bands))
end
return cluster
"""
"""Choose a new story's cluster and index it, in one atomic step: the cluster of the story
(if it was saved before: a retried transaction), else of a story with the same text, else
of the most similar candidate sharing an LSH bucket with at least ARGV[4] equal signature
values, else ARGV[5] (what the SQL index found), else its own. Then the writes of
datasketch's `MinHashLSH.insert` (KEYS[6..] the band tables and buckets, KEYS[4] and KEYS[5]
its key table and the story's bucket list) and the story's signature and cluster."""


class SharedClusterIndex(ClusterIndex):
    """`ClusterIndex` whose cluster choice goes through the index in Redis."""

    def __init__(self, sql: Connection, url: str, keys: Keys,
                 registry: Registry | None = None) -> None:
        super().__init__(sql, registry)
        self.client = redis.Redis.from_url(url)
        prefix = keys.lsh.decode()
        self.sigs, self.clusters = f"{prefix}:sigs", f"{prefix}:clusters"
        self.texts = f"{prefix}:texts"
        self._assign = self.client.register_script(_ASSIGN)
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, params=(BANDS, ROWS),
                              prepickle=False, storage_config={
                                  "type": "redis", "basename": keys.lsh,
                                  "redis": redis.connection.parse_url(url)})

    def assign(self, article_id: str, sig: np.ndarray | None, content_hash: str) -> str:
        super().index(article_id, sig)
        stored_before = self.known_cluster(article_id, sig, content_hash)
        bands = self._bands(sig)
        key = article_id.encode()
        cluster = self._assign(
            keys=[self.clusters, self.texts, self.sigs, self.lsh.keys._name,
                  self.lsh.keys.redis_key(key), *(table._name for table, _ in bands),
                  *(table.redis_key(band) for table, band in bands)],
            args=[key, content_hash, to_blob(sig) if sig is not None else b"",
                  math.ceil(THRESHOLD * NUM_PERM), stored_before or "",
                  *(band for _, band in bands)])
        return cluster.decode()

    def index(self, article_id: str, sig: np.ndarray | None) -> None:
        super().index(article_id, sig)
        if not self.client.hexists(self.clusters, article_id):
            return
        key = article_id.encode()  # a stored story whose text changed: new buckets
        if key in self.lsh:
            self.lsh.remove(key)
        with self.client.pipeline() as pipe:
            if sig is None:
                pipe.hdel(self.sigs, article_id)
            else:
                pipe.hset(self.sigs, article_id, to_blob(sig))
                bands = self._bands(sig)
                for table, band in bands:
                    pipe.hset(table._name, band, table.redis_key(band))
                    pipe.sadd(table.redis_key(band), key)
                pipe.hset(self.lsh.keys._name, key, self.lsh.keys.redis_key(key))
                pipe.rpush(self.lsh.keys.redis_key(key), *(band for _, band in bands))
            pipe.execute()

    def _bands(self, sig: np.ndarray | None) -> list[tuple[Any, bytes]]:
        """(datasketch hash table, bucket) of each band of the signature."""
        if sig is None:
            return []
        return [(table, self.lsh._H(sig[start:end]))
                for (start, end), table in zip(self.lsh.hashranges, self.lsh.hashtables,
                                               strict=True)]
