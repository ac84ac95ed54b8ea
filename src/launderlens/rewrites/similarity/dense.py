"""Texts in, unit document vectors out (the mean of their MiniLM sentence embeddings, or
the multilingual encoder's vector of each text's head), with a random-hyperplane LSH index
for candidate neighbours.

An English encoder reads English only: a pair with a document in another identified
language scores 0 here and is never a candidate (MiniLM finds any two Russian texts alike
and a Russian text near its English translation no more than chance), so clustering joins
such a pair on words and cross-lingual anchors only. ``model="multilingual"`` (the
``multilingual`` extra) reads every language in one vector space.

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
from ...embeddings.multilingual import (
    ENGLISH,
    MULTILINGUAL_NAME,
    is_multilingual,
    load_multilingual,
)
from . import Neighbours, restrict_rows, top_k_per_row
from .crosslingual import HEAD_CHARS, sure_language
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
    """Cosine of document embeddings; raises ConfigError when the model is missing.

    ``model``: None for the packaged MiniLM, ``"multilingual"`` for the multilingual
    encoder, or a local model folder.
    """

    name = "semantic"

    def __init__(self, *, model: str | None = None, max_sentences: int = 16,
                 bands: int = 24, bits: int = 12,
                 encoder: VectorEncoder | None = None) -> None:
        self.model = model
        self.max_sentences = max_sentences
        self.bands = bands
        self.bits = bits
        if encoder is None and model in ("multilingual", MULTILINGUAL_NAME):
            encoder = load_multilingual(required=True)
        loaded = encoder or load_encoder(model, required=True)
        assert loaded is not None  # required=True raises instead of returning None
        self.encoder: VectorEncoder = loaded
        self.multilingual = is_multilingual(loaded)
        self.vectors_ = np.zeros((0, self.encoder.dimension), dtype=np.float32)
        self.languages_: list[str | None] = []

    @property
    def size(self) -> int:
        return len(self.vectors_)

    def fit(self, texts: Sequence[str]) -> Self:
        self.languages_ = []
        self.vectors_ = self._index(texts)
        return self

    def add(self, texts: Sequence[str]) -> None:
        self.vectors_ = np.vstack([self.vectors_, self._index(texts)])

    def _index(self, texts: Sequence[str]) -> np.ndarray:
        if not self.multilingual:
            self.languages_.extend(sure_language(text) for text in texts)
        return self.encode(texts)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Document vectors of ``texts`` without indexing them."""
        if getattr(self.encoder, "name", "") == MULTILINGUAL_NAME:
            return self.encoder.encode([text[:HEAD_CHARS] for text in texts])
        return document_vectors(self.encoder, texts, max_sentences=self.max_sentences)

    def crosses(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Whether this (English-only) encoder must not compare each pair: one side is in
        an identified language other than English. All False for a multilingual one."""
        if self.multilingual or not self.languages_:
            return np.zeros(len(left), dtype=bool)
        foreign = np.array([lang not in (None, ENGLISH) for lang in self.languages_],
                           dtype=bool)
        return np.asarray(foreign[left] | foreign[right], dtype=bool)

    def neighbours(self, rows: np.ndarray | None = None, k: int = 10) -> Neighbours:
        keys = hyperplane_keys(self.vectors_, self.bands, self.bits)
        valid = np.abs(self.vectors_).sum(axis=1) > 0
        left, right = band_pairs(keys, valid)
        keep = ~self.crosses(left, right)
        left, right = left[keep], right[keep]
        pairs = Neighbours(left, right, self.similarity(left, right))
        return top_k_per_row(restrict_rows(pairs, rows), k)

    def similarity(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        products = np.einsum("ij,ij->i", self.vectors_[left], self.vectors_[right])
        products[self.crosses(left, right)] = 0.0
        return np.asarray(np.clip(products, 0.0, 1.0), dtype=np.float32)

    def params(self) -> dict[str, Any]:
        return {"backend": self.name, "model": self.encoder.name,
                "mode": "multilingual" if self.multilingual else "english",
                "max_sentences": self.max_sentences, "bands": self.bands, "bits": self.bits}
