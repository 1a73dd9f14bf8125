"""Near-duplicate benchmark: where the similarity threshold comes from, and how the index scales.

    .venv/bin/python bench/near_duplicates.py [--texts DIR] [--records 100000]

1. Distributions (with --texts: a directory of `*.json` files with a "body", e.g. the
   extraction-dev corpus's scrapinghub set): for every real story, the estimated Jaccard
   similarity to copies of itself that differ the way republished copies do (site chrome
   lines added, a paragraph dropped, the headline rewritten, all three), and to the most
   similar *other* story of the set (different stories; the nearest one often covers the
   same event or company), and to random other stories.
2. Scale: N synthetic stories saved through `Store.save` (clusters, LSH index, FTS and all),
   every one also queried against the index; the per-record cost for each tenth of the
   run, and the peak memory. Flat per-record cost means linear total cost.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.core.record import Article
from ingest.dedup.near_duplicates import THRESHOLD, signature, similarity, words
from ingest.store.database import Store

CHROME = ["Share this article", "Sign up for our newsletter to get the latest news.",
          "Advertisement", "Read more: Related coverage from our newsroom",
          "Follow us on Facebook and Twitter", "© 2024 The Daily Example. All rights reserved."]


def load_texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8")).get("body") or ""
        if len(words(body)) >= 150 and body.count("\n") >= 3:
            texts.append(body)
    return texts


def copies(text: str, rng: random.Random) -> dict[str, str]:
    """The same story as republishing sites serve it."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    dropped = paragraphs[:]
    del dropped[rng.randrange(1, len(dropped))]
    chrome = [rng.choice(CHROME), *paragraphs[:2], rng.choice(CHROME), *paragraphs[2:],
              *rng.sample(CHROME, 2)]
    headline = ["A new headline written by the republishing site's editor", *paragraphs]
    return {"chrome": "\n\n".join(chrome), "dropped paragraph": "\n\n".join(dropped),
            "new headline": "\n\n".join(headline),
            "all three": "\n\n".join(["Another headline for it", rng.choice(CHROME),
                                      *dropped, rng.choice(CHROME)])}


def distributions(texts: list[str]) -> None:
    rng = random.Random(5)
    sigs = [signature(t) for t in texts]
    found: dict[str, list[float]] = {}
    for text, sig in zip(texts, sigs, strict=True):
        for kind, copy in copies(text, rng).items():
            found.setdefault(f"copy: {kind}", []).append(similarity(sig, signature(copy)))
    nearest, random_pairs = [], []
    for i, sig in enumerate(sigs):
        others = [similarity(sig, other) for j, other in enumerate(sigs) if j != i]
        nearest.append(max(others))
        random_pairs.append(rng.choice(others))
    found["other story: the most similar"] = nearest
    found["other story: random"] = random_pairs
    print(f"estimated Jaccard similarity of 5-word shingle sets, {len(texts)} real stories "
          f"(threshold {THRESHOLD}):")
    print(f"  {'pair':34} {'min':>6} {'p5':>6} {'median':>6} {'p95':>6} {'max':>6} "
          f"{'>= threshold':>13}")
    for kind, values in found.items():
        values.sort()
        share = sum(v >= THRESHOLD for v in values) / len(values)
        print(f"  {kind:34} {values[0]:6.3f} {values[len(values) // 20]:6.3f} "
              f"{statistics.median(values):6.3f} {values[-len(values) // 20 - 1]:6.3f} "
              f"{values[-1]:6.3f} {share:13.1%}")


def synthetic(n: int, rng: random.Random, vocabulary: list[str], base: Article) -> Article:
    paragraphs = [" ".join(rng.choices(vocabulary, k=60)) + "." for _ in range(6)]
    text = "\n\n".join(paragraphs)
    return replace(base, id=f"s{n:08d}", url=f"https://site{n % 97}.example/story/{n}",
                   canonical_url=f"https://site{n % 97}.example/story/{n}",
                   site_domain=f"site{n % 97}.example", text=text, content_hash=f"h{n}",
                   title=f"Story {n}")


def scale(records: int) -> None:
    rng = random.Random(11)
    # A Zipf-like vocabulary: common words recur across stories as they do in news.
    vocabulary = [f"w{int(rng.paretovariate(1.1)) % 20000}" for _ in range(200_000)]
    base = Article(id="", url="", canonical_url="", source="bench", site_name=None,
                   site_domain="", title=None, text="", byline=None, authors=[],
                   original_publisher=None, original_url=None, is_syndicated=False,
                   syndication_evidence=[], published_at="2024-06-01T00:00:00Z",
                   published_at_source="json-ld", published_at_raw=None,
                   published_date="2024-06-01", modified_at=None,
                   language="en", image_credits=[], word_count=360, content_hash="",
                   cluster_id=None, fetched_at="2024-06-02T00:00:00Z",
                   first_seen_at="2024-06-02T00:00:00Z")
    tenth = max(1, records // 10)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "scale.db")
        print(f"\nsaving {records:,} synthetic stories (each also matched against the index):")
        print(f"  {'stored':>9} {'ms/record':>10} {'records/s':>10} {'peak RSS MB':>12}")
        for start in range(0, records, tenth):
            batch = [synthetic(n, rng, vocabulary, base)
                     for n in range(start, min(records, start + tenth))]
            began = time.perf_counter()
            for chunk in range(0, len(batch), 100):
                store.save((a, None) for a in batch[chunk:chunk + 100])
            spent = time.perf_counter() - began
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"  {start + len(batch):>9,} {spent / len(batch) * 1000:>10.2f} "
                  f"{len(batch) / spent:>10,.0f} {peak:>12,.0f}")
        clusters = store.sql.value("select count(distinct cluster_id) from articles")
        print(f"  {clusters:,} clusters for {records:,} different stories")
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, help="directory of *.json files with a 'body'")
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    if args.texts:
        distributions(load_texts(args.texts))
    if args.records:
        scale(args.records)


if __name__ == "__main__":
    main()
