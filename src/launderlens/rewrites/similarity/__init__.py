"""Document similarity backends: texts in, candidate neighbours and pair similarities out.

Every backend is a small index with the same shape, chosen by name through a registry:

- ``fit(texts)`` learns what it needs from a corpus (IDF for ``lexical``; nothing for
  the others) and indexes the texts as rows ``0..n-1``;
- ``add(texts)`` indexes more texts as the next rows, with what ``fit`` learned;
- ``neighbours(rows, k)`` finds up to ``k`` likely neighbours of indexed rows without
  comparing all pairs (an inverted index or locality-sensitive hashing);
- ``similarity(left, right)`` scores row pairs on the backend's own scale in [0, 1].

Backends:

==========  ===========================================================  ===================
name        what it compares                                             finds
==========  ===========================================================  ===================
verbatim    MinHash of word 3-shingles, banded LSH                       verbatim copies
lexical     TF-IDF of words (sublinear tf), inverted index of top terms  rewrites, by rare words
semantic    mean of MiniLM sentence embeddings, random-hyperplane LSH    paraphrases
==========  ===========================================================  ===================

``semantic`` needs the optional torch stack; everything works without it and
:func:`default_backend_names` includes it only when :func:`semantic_available`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any, NamedTuple, Protocol, Self

import numpy as np

from ...embeddings.encoder import semantic_available
from ...errors import ConfigError

__all__ = [
    "Neighbours",
    "SimilarityBackend",
    "backend_names",
    "default_backend_names",
    "get_backend",
    "semantic_available",
]


class Neighbours(NamedTuple):
    """Row pairs ``(left[i], right[i])`` with their similarity ``score[i]``."""

    left: np.ndarray
    right: np.ndarray
    score: np.ndarray

    @classmethod
    def empty(cls) -> Neighbours:
        none = np.zeros(0, dtype=np.int64)
        return cls(none, none.copy(), np.zeros(0, dtype=np.float32))


class SimilarityBackend(Protocol):
    """What every backend offers; see the module docstring for the contract."""

    name: str

    @property
    def size(self) -> int:
        """How many texts are indexed."""
        ...

    def fit(self, texts: Sequence[str]) -> Self: ...

    def add(self, texts: Sequence[str]) -> None: ...

    def neighbours(self, rows: np.ndarray | None = None, k: int = 10) -> Neighbours: ...

    def similarity(self, left: np.ndarray, right: np.ndarray) -> np.ndarray: ...

    def params(self) -> dict[str, Any]:
        """The settings that produced the scores, for a report's provenance."""
        ...


# Names map to "module:class" so that importing this package loads no backend code; the
# semantic backend in particular must not pull in torch until someone asks for it.
_REGISTRY: dict[str, str] = {
    "verbatim": "verbatim:VerbatimBackend",
    "lexical": "lexical:LexicalBackend",
    "semantic": "dense:SemanticBackend",
}


def backend_names() -> list[str]:
    """The names :func:`get_backend` accepts."""
    return sorted(_REGISTRY)


def default_backend_names() -> tuple[str, ...]:
    """``lexical``, plus ``semantic`` when it is installed."""
    return ("lexical", "semantic") if semantic_available() else ("lexical",)


def get_backend(name: str, **params: Any) -> SimilarityBackend:
    """A new, empty backend called ``name``, built with ``params``.

    Raises ConfigError naming the valid backends when ``name`` is unknown, and when the
    backend rejects ``params``.
    """
    target = _REGISTRY.get(name)
    if target is None:
        raise ConfigError(
            f"unknown similarity backend {name!r}; choose one of: {', '.join(backend_names())}"
        )
    module_name, class_name = target.split(":")
    module = importlib.import_module(f"{__name__}.{module_name}")
    factory = getattr(module, class_name)
    try:
        backend: SimilarityBackend = factory(**params)
    except TypeError as error:
        raise ConfigError(f"bad parameters for similarity backend {name!r}: {error}") from None
    return backend


def top_k_per_row(pairs: Neighbours, k: int) -> Neighbours:
    """Keep, for each distinct ``left`` row, its ``k`` best-scoring pairs."""
    if len(pairs.left) == 0:
        return pairs
    # One float key instead of a two-key lexsort: row first, then descending score.
    score = pairs.score.astype(np.float64)
    spread = float(score.max() - score.min()) + 1.0
    order = np.argsort(pairs.left * (2 * spread) + (score.max() - score), kind="stable")
    left = pairs.left[order]
    starts = np.flatnonzero(np.r_[True, left[1:] != left[:-1]])
    rank = np.arange(len(left)) - np.repeat(starts, np.diff(np.r_[starts, len(left)]))
    keep = order[rank < k]
    return Neighbours(pairs.left[keep], pairs.right[keep], pairs.score[keep])


def symmetric_unique(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct unordered pairs ``(low, high)`` without self pairs."""
    low, high = np.minimum(left, right), np.maximum(left, right)
    keep = low != high
    keys = np.unique(low[keep].astype(np.int64) << 32 | high[keep].astype(np.int64))
    return keys >> 32, keys & 0xFFFFFFFF


def restrict_rows(pairs: Neighbours, rows: np.ndarray | None) -> Neighbours:
    """Both directions of each pair, kept where ``left`` is one of ``rows`` (all if None)."""
    left = np.concatenate([pairs.left, pairs.right])
    right = np.concatenate([pairs.right, pairs.left])
    score = np.concatenate([pairs.score, pairs.score])
    if rows is not None:
        keep = np.isin(left, rows)
        left, right, score = left[keep], right[keep], score[keep]
    return Neighbours(left, right, score)
