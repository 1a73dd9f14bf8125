"""Near-duplicate detection: MinHash signatures of a story's word shingles, banded for LSH.

Two copies of one story differ in site chrome, a dropped or added paragraph, a rewritten
headline; their sets of 5-word shingles still overlap far more than two different stories
about the same event, which share names and a quote or two but few 5-word runs. The
Jaccard similarity of the shingle sets is estimated from 128-value MinHash signatures
(datasketch); LSH bands of the signature are what the store indexes, so finding the
candidates for a new story is a handful of index look-ups however big the database.
`THRESHOLD` and its justification: docs/near-duplicates.md, measured by
bench/near_duplicates.py.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
THRESHOLD = 0.5
"""Estimated Jaccard similarity of shingle sets from which two stories are copies."""
MIN_SHINGLES = 8
"""Below this a text (a one-line brief) is too short to compare reliably."""
SEED = 1
BANDS, ROWS = 25, 5
"""LSH bands of the signature and values per band: what datasketch's `MinHashLSH` chooses
for `THRESHOLD` and `NUM_PERM` (a test holds them to it). Fixed here because the bands are
stored in the database: a library upgrade choosing another split must not silently leave
the stored index unreadable."""
WORD = re.compile(r"\w+", re.UNICODE)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    from datasketch import MinHash  # imported here, see `signature`

    return MinHash(num_perm=NUM_PERM, seed=SEED).permutations


def words(text: str) -> list[str]:
    """Case-folded words; each CJK character counts as a word (no spaces between them)."""
    if not CJK.search(text):
        return WORD.findall(text.casefold())
    tokens: list[str] = []
    for word in WORD.findall(text.casefold()):
        tokens.extend(CJK.findall(word) if CJK.search(word) else [word])
    return tokens


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of the text's word shingles; None when too short to compare.

    datasketch (and the SciPy it loads, some 50 MB) is imported on the first call only: in a
    crawl the worker processes sign the records, and the process that writes the database,
    which only looks signatures up, never needs it."""
    from datasketch import MinHash

    tokens = words(text)
    shingles = {" ".join(tokens[i:i + SHINGLE_WORDS]).encode()
                for i in range(len(tokens) - SHINGLE_WORDS + 1)}
    if len(shingles) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations())
    minhash.update_batch(list(shingles))
    return minhash.hashvalues


def band_keys(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, key) pairs: two signatures sharing any pair are candidates for comparison."""
    return [(band, int.from_bytes(hashlib.blake2b(sig[band * ROWS:(band + 1) * ROWS].tobytes(),
                                                  digest_size=8).digest(), "big", signed=True))
            for band in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two stories' shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)
