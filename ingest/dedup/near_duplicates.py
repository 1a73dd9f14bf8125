"""Near-duplicate detection: MinHash signatures of a story's word shingles, banded for LSH.

Two copies of one story differ in site chrome, a dropped or added paragraph, a rewritten
headline; their sets of 5-word shingles still overlap far more than two different stories
about the same event, which share names and a quote or two but few 5-word runs. The
Jaccard similarity of the shingle sets is estimated from 128-value MinHash signatures
(datasketch's scheme); LSH bands of the signature are what the store indexes, so finding the
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


MERSENNE_PRIME = np.uint64((1 << 61) - 1)
MAX_HASH = np.uint64((1 << 32) - 1)


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """The (a, b) pairs of the NUM_PERM hash permutations, drawn as datasketch's `MinHash`
    draws them for SEED."""
    gen = np.random.RandomState(SEED)
    return np.array([(gen.randint(1, MERSENNE_PRIME, dtype=np.uint64),
                      gen.randint(0, MERSENNE_PRIME, dtype=np.uint64))
                     for _ in range(NUM_PERM)], dtype=np.uint64).T


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

    The values are datasketch's `MinHash(num_perm=NUM_PERM, seed=SEED)` over the shingles with
    its SHA-1 hash (a test holds them equal, so stored signatures stay comparable), computed
    here in one vectorised pass: importing datasketch loads SciPy (50 MB and 0.3 s in every
    worker process) for what is a few lines of numpy, and its per-shingle hashing was the
    larger part of the stage."""
    tokens = words(text)
    shingles = {" ".join(tokens[i:i + SHINGLE_WORDS]).encode()
                for i in range(len(tokens) - SHINGLE_WORDS + 1)}
    if len(shingles) < MIN_SHINGLES:
        return None
    hashes = np.frombuffer(b"".join(hashlib.sha1(s).digest()[:4] for s in shingles),
                           dtype="<u4").astype(np.uint64)
    a, b = _permutations()
    values = hashes[:, None] * a  # (shingles, NUM_PERM), wrapping at 2**64 as datasketch's does
    values += b
    return np.bitwise_and(mod_mersenne(values), MAX_HASH, out=values).min(axis=0)


def mod_mersenne(values: np.ndarray) -> np.ndarray:
    """`values % MERSENNE_PRIME`, in place, without a division: since 2**61 leaves 1 modulo
    2**61 - 1, the high bits add to the low ones (a third of the time of numpy's `%`)."""
    high = values >> np.uint64(61)
    values &= MERSENNE_PRIME
    values += high
    return np.subtract(values, MERSENNE_PRIME, out=values, where=values >= MERSENNE_PRIME)


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
