"""Texts in, unit document vectors out (the mean of their MiniLM sentence embeddings), with
a random-hyperplane LSH index for candidate neighbours.

The encoder costs about 7 ms a sentence on a CPU, so this backend is for corpora of
thousands of articles, or for rescoring candidates another backend found; it is never
the only way in. The LSH keeps its neighbour search sub-quadratic anyway: each band is a
few sign bits of random projections, and vectors at cosine 0.9 share a band with high
probability while unrelated ones rarely do.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Self

import numpy as np

from ...embeddings.encoder import VectorEncoder, document_vectors, load_encoder
from . import Neighbours, restrict_rows, top_k_per_row
from .verbatim import band_pairs

__all__ = ["SemanticBackend", "hyperplane_keys"]


def hyperplane_keys(vectors: np.ndarray, bands: int, bits: int, seed: int = 3) -> np.ndarray:
    """``(rows, bands)`` integer keys: each the sign pattern of ``bits`` random projections."""
    planes = np.random.default_rng(seed).standard_normal((vectors.shape[1], bands * bits))
    signs = (vectors @ planes.astype(np.float32)) > 0
    weights = (1 << np.arange(bits, dtype=np.uint64)).astype(np.uint64)
    grouped = signs.reshape(len(vectors), bands, bits).astype(np.uint64)
    keys: np.ndarray = (grouped * weights).sum(axis=2, dtype=np.uint64)
    return keys


class SemanticBackend:
    """Cosine of mean sentence embeddings; raises ConfigError when the model is missing."""

    name = "semantic"

    def __init__(self, *, model: str | None = None, max_sentences: int = 16,
                 bands: int = 24, bits: int = 12,
                 encoder: VectorEncoder | None = None) -> None:
        self.model = model
        self.max_sentences = max_sentences
        self.bands = bands
        self.bits = bits
        loaded = encoder or load_encoder(model, required=True)
        assert loaded is not None  # required=True raises instead of returning None
        self.encoder: VectorEncoder = loaded
        self.vectors_ = np.zeros((0, self.encoder.dimension), dtype=np.float32)

    @property
    def size(self) -> int:
        return len(self.vectors_)

    def fit(self, texts: Sequence[str]) -> Self:
        self.vectors_ = self.encode(texts)
        return self

    def add(self, texts: Sequence[str]) -> None:
        self.vectors_ = np.vstack([self.vectors_, self.encode(texts)])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Document vectors of ``texts`` without indexing them."""
        return document_vectors(self.encoder, texts, max_sentences=self.max_sentences)

    def neighbours(self, rows: np.ndarray | None = None, k: int = 10) -> Neighbours:
        keys = hyperplane_keys(self.vectors_, self.bands, self.bits)
        valid = np.abs(self.vectors_).sum(axis=1) > 0
        left, right = band_pairs(keys, valid)
        pairs = Neighbours(left, right, self.similarity(left, right))
        return top_k_per_row(restrict_rows(pairs, rows), k)

    def similarity(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        products = np.einsum("ij,ij->i", self.vectors_[left], self.vectors_[right])
        return np.asarray(np.clip(products, 0.0, 1.0), dtype=np.float32)

    def params(self) -> dict[str, Any]:
        return {"backend": self.name, "model": self.encoder.name,
                "max_sentences": self.max_sentences, "bands": self.bands, "bits": self.bits}
