"""Texts in, MinHash signatures of their word 3-shingles out, with a banded LSH index that
finds verbatim and near-verbatim copies.

This backend answers "was this copied?", not "is this the same story?": two LLM rewrites of
one article share about 5 % of their 3-shingles, so it does not see them, and it is kept
as the baseline the other backends are measured against. The MinHash is plain numpy:
one crc32 per word, shingle hashes combined arithmetically, then 128 multiply-shift hash
functions applied to a whole batch at once, which is several times faster than hashing
each shingle per permutation in Python.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any, Self

import numpy as np

from . import Neighbours, restrict_rows, symmetric_unique, top_k_per_row
from .lexical import tokenize

__all__ = ["VerbatimBackend", "band_pairs", "minhash_signatures"]

_MAX_U32 = np.uint64(0xFFFFFFFF)
_SHINGLE_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd: a multiply by it is a bijection mod 2**64
# How many shingle hashes go through the permutations at once: bounds a batch's temporary
# matrix to about 50 MB whatever the documents' lengths.
_CHUNK_SHINGLES = 50_000


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return a, b


def shingle_hashes(text: str, n: int = 3) -> np.ndarray:
    """64-bit hashes of the word ``n``-grams of ``text`` (one for a shorter text, none if empty)."""
    words = tokenize(text)
    if not words:
        return np.zeros(0, dtype=np.uint64)
    word_hashes = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), np.uint64, len(words))
    count = max(len(words) - n + 1, 1)
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(min(n, len(words))):
        combined = combined * _SHINGLE_MIX + word_hashes[offset : offset + count]
    return np.unique(combined)


def minhash_signatures(
    texts: Sequence[str], num_perm: int = 128, seed: int = 1, n: int = 3
) -> np.ndarray:
    """A ``(len(texts), num_perm)`` uint32 matrix; an empty text's row is all 0xFFFFFFFF."""
    a, b = _permutations(num_perm, seed)
    out = np.full((len(texts), num_perm), 0xFFFFFFFF, dtype=np.uint32)
    start = 0
    while start < len(texts):
        hashes, stop = [], start
        total = 0
        while stop < len(texts) and (total < _CHUNK_SHINGLES or stop == start):
            hashes.append(shingle_hashes(texts[stop], n))
            total += len(hashes[-1])
            stop += 1
        _signature_block(hashes, a, b, out[start:stop])
        start = stop
    return out


def _signature_block(hashes: list[np.ndarray], a: np.ndarray, b: np.ndarray,
                     out: np.ndarray) -> None:
    lengths = np.array([len(h) for h in hashes])
    filled = np.flatnonzero(lengths)
    if len(filled) == 0:
        return
    values = np.concatenate([hashes[i] for i in filled])
    # Multiply-shift hashing: the high 32 bits of a*x + b (mod 2**64) are a universal hash.
    permuted = (values[None, :] * a[:, None] + b[:, None]) >> np.uint64(32)
    offsets = np.r_[0, np.cumsum(lengths[filled])[:-1]]
    out[filled] = np.minimum.reduceat(permuted, offsets, axis=1).T.astype(np.uint32)


def band_shape(num_perm: int, threshold: float) -> tuple[int, int]:
    """``(bands, rows)`` whose S-curve midpoint ``(1/bands)**(1/rows)`` is nearest ``threshold``."""
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
    shapes = [(num_perm // r, r) for r in range(1, num_perm + 1) if num_perm // r >= 1]
    return min(shapes, key=lambda s: abs((1 / s[0]) ** (1 / s[1]) - threshold))


def band_keys(signatures: np.ndarray, bands: int, rows: int, seed: int = 2) -> np.ndarray:
    """One 64-bit key per (document, band): documents sharing a key share that whole band."""
    mix = np.random.default_rng(seed).integers(1, 2**63, size=rows, dtype=np.uint64) | np.uint64(1)
    used = signatures[:, : bands * rows].astype(np.uint64).reshape(len(signatures), bands, rows)
    keys: np.ndarray = (used * mix).sum(axis=2, dtype=np.uint64)
    return keys


def band_pairs(keys: np.ndarray, valid: np.ndarray,
               max_bucket_span: int = 64) -> tuple[np.ndarray, np.ndarray]:
    """Distinct document pairs that share at least one band key.

    ``keys`` is ``(documents, bands)``; rows where ``valid`` is False take no part. A bucket
    larger than ``max_bucket_span`` links each member only to the next ``max_bucket_span``
    members, which keeps a flood of identical texts from making the work quadratic while
    still connecting them all.
    """
    docs = np.repeat(np.flatnonzero(valid), keys.shape[1])
    band = np.tile(np.arange(keys.shape[1], dtype=np.uint64), int(valid.sum()))
    flat = keys[valid].ravel()
    order = np.lexsort((docs, flat, band))
    docs, flat, band = docs[order], flat[order], band[order]
    adjacent = (flat[1:] == flat[:-1]) & (band[1:] == band[:-1])
    together = adjacent
    left_parts, right_parts = [], []
    for step in range(1, max_bucket_span + 1):
        if not together.any():
            break
        hits = np.flatnonzero(together)
        left_parts.append(docs[hits])
        right_parts.append(docs[hits + step])
        # Entries ``step + 1`` apart share a bucket when every adjacent gap between them does.
        together = together[:-1] & adjacent[step:]
    if not left_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return symmetric_unique(np.concatenate(left_parts), np.concatenate(right_parts))


class VerbatimBackend:
    """MinHash of word shingles with an LSH index; similarity is estimated Jaccard."""

    name = "verbatim"

    def __init__(self, *, num_perm: int = 128, threshold: float = 0.5, shingle: int = 3,
                 seed: int = 1) -> None:
        self.num_perm = num_perm
        self.threshold = threshold
        self.shingle = shingle
        self.seed = seed
        self.bands_, self.rows_ = band_shape(num_perm, threshold)
        self.signatures_ = np.zeros((0, num_perm), dtype=np.uint32)

    @property
    def size(self) -> int:
        return len(self.signatures_)

    def fit(self, texts: Sequence[str]) -> Self:
        self.signatures_ = np.zeros((0, self.num_perm), dtype=np.uint32)
        self.add(texts)
        return self

    def add(self, texts: Sequence[str]) -> None:
        new = minhash_signatures(texts, self.num_perm, self.seed, self.shingle)
        self.signatures_ = np.vstack([self.signatures_, new])

    def neighbours(self, rows: np.ndarray | None = None, k: int = 10) -> Neighbours:
        keys = band_keys(self.signatures_, self.bands_, self.rows_)
        valid = self.signatures_[:, 0] != 0xFFFFFFFF
        left, right = band_pairs(keys, valid)
        pairs = Neighbours(left, right, self.similarity(left, right))
        return top_k_per_row(restrict_rows(pairs, rows), k)

    def similarity(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        equal = self.signatures_[left] == self.signatures_[right]
        return np.asarray(equal.mean(axis=1), dtype=np.float32)

    def params(self) -> dict[str, Any]:
        return {"backend": self.name, "num_perm": self.num_perm, "threshold": self.threshold,
                "shingle": self.shingle, "bands": self.bands_, "rows": self.rows_,
                "seed": self.seed}
