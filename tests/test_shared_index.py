"""The near-duplicate index shared through Redis: two stores that cannot see each other's
rows (two workers whose batches are not committed yet) still put copies in one cluster."""

from __future__ import annotations

import threading
from functools import partial

import pytest
from datasketch import MinHash

from ingest.dedup.near_duplicates import NUM_PERM, SEED, signature, to_blob
from ingest.distributed.scale_out import Keys
from ingest.distributed.shared_index import SharedClusterIndex
from ingest.store.database import Store
from tests.test_near_duplicates import SAME_EVENT, STORY, page_html, save

pytestmark = pytest.mark.scaleout


def shared_store(redis_url: str, keys: Keys) -> Store:
    return Store(clusters=partial(SharedClusterIndex, url=redis_url, keys=keys))


def test_copies_stored_by_two_workers_share_a_cluster(redis_url: str, crawl_keys: Keys) -> None:
    one, two = shared_store(redis_url, crawl_keys), shared_store(redis_url, crawl_keys)
    first = save(one, "https://gazette.example/news/flood-barriers",
                 page_html("Flood barriers go up as Cedar River rises", STORY))
    copy = save(two, "https://aggregator.example/2024/06/14/river",
                page_html("River expected to crest Saturday", STORY[:3] + STORY[4:]))
    other = save(two, "https://gazette.example/news/farmers-watch",
                 page_html("Farmers watch the river", SAME_EVENT))
    assert two.get(copy.id)["cluster_id"] == one.get(first.id)["cluster_id"] == first.id
    assert two.get(other.id)["cluster_id"] == other.id


def test_identical_short_texts_share_a_cluster_across_workers(redis_url: str,
                                                             crawl_keys: Keys) -> None:
    one, two = shared_store(redis_url, crawl_keys), shared_store(redis_url, crawl_keys)
    brief = page_html("Road closed", ["Main Street is closed between 3rd and 5th today."])
    first = save(one, "https://a.example/brief", brief)
    second = save(two, "https://b.example/brief", brief)
    assert two.get(second.id)["cluster_id"] == first.id


def test_copies_saved_at_the_same_moment_join_one_cluster(redis_url: str,
                                                         crawl_keys: Keys) -> None:
    """Eight workers store eight copies at once: whichever goes first, all share a cluster."""
    go = threading.Barrier(8)
    clusters: list[str] = []

    def work(n: int) -> None:
        store = shared_store(redis_url, crawl_keys)  # SQLite connections stay in their thread
        body = page_html(f"Copy {n}", [*STORY, f"Read more from site {n}."])
        go.wait()
        article = save(store, f"https://site{n}.example/river", body)
        clusters.append(store.get(article.id)["cluster_id"])

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(clusters) == 8 and len(set(clusters)) == 1


def test_a_story_stored_before_the_shared_index_is_still_found(redis_url: str,
                                                              crawl_keys: Keys,
                                                              tmp_path) -> None:
    path = tmp_path / "news.db"
    first = save(Store(path), "https://gazette.example/news/flood-barriers",
                 page_html("Flood barriers go up as Cedar River rises", STORY))
    shared = Store(path, clusters=partial(SharedClusterIndex, url=redis_url, keys=crawl_keys))
    copy = save(shared, "https://aggregator.example/river",
                page_html("River expected to crest Saturday", STORY[1:]))
    assert shared.get(copy.id)["cluster_id"] == first.id


def test_the_index_in_redis_is_datasketchs(redis_url: str, crawl_keys: Keys) -> None:
    """What `assign` writes, datasketch's own `MinHashLSH.query` finds, and the other way
    round: the Redis layout is datasketch's, only read and written in fewer round trips."""
    store = shared_store(redis_url, crawl_keys)
    first = save(store, "https://gazette.example/news/flood-barriers",
                 page_html("Flood barriers go up as Cedar River rises", STORY))
    index = store.clusters
    sig = signature(first.text)
    assert index.lsh.query(MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=sig)) == [
        first.id.encode()]
    other = signature("\n\n".join(SAME_EVENT))
    index.lsh.insert(b"inserted-by-datasketch", MinHash(num_perm=NUM_PERM, seed=SEED,
                                                        hashvalues=other))
    index.client.hset(index.clusters, "inserted-by-datasketch", "its-cluster")
    index.client.hset(index.sigs, "inserted-by-datasketch", to_blob(other))
    assert index.assign("a-copy", other, "another-hash") == "its-cluster"
