"""Texts in, their vectors out, each embedded once: sentence vectors are kept in the store
under a hash of the text and the encoder's name, so however many comparisons, clusterings
or catalogue searches read a sentence, the encoder sees it once."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from ..store import Store
from .encoder import VectorEncoder

__all__ = ["CachedEncoder"]


class CachedEncoder:
    """An encoder that keeps every sentence vector in the store, so that a sentence is
    embedded once however many comparisons or clusterings read it."""

    def __init__(self, encoder: VectorEncoder, store: Store) -> None:
        self.encoder = encoder
        self.store = store
        self.name = encoder.name
        self.dimension = encoder.dimension
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self.key(text) for text in texts]
        cached = self.store.get_embeddings(self.name, keys)
        missing = list(dict.fromkeys(k for k in keys if k not in cached))
        if missing:
            first_text = {k: t for k, t in zip(keys, texts, strict=True)}
            vectors = self.encoder.encode([first_text[k] for k in missing])
            new = {k: np.asarray(v, dtype="<f4").tobytes()
                   for k, v in zip(missing, vectors, strict=True)}
            self.store.put_embeddings(self.name, list(new.items()))
            cached.update(new)
        self.hits += len(keys) - len(missing)
        self.misses += len(missing)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, k in enumerate(keys):
            out[row] = np.frombuffer(cached[k], dtype="<f4")
        return out
