"""Sentences of two articles in, directional coverage out: for every sentence of one
article, the share of its content that a sentence (or a group of sentences) of the other
explains.

Coverage is directional because laundering is: a copy that condenses two sentences into
one explains both of them only partly, while each of them is fully inside the copy; a
sentence the copy *added* is one that nothing in the source explains.

Two lexical signals keep the rare words rewrites preserve (names, figures, places):
IDF-weighted overlap of word stems, and of character 4-grams of content words, which also
joins inflections and compounds the stems miss. Weights are fitted on each article's own
sentences, so the story's protagonist, named in every sentence, says little about which
sentence pairs with which. An encoder, when given, adds the cosine of sentence
embeddings, which catches rewordings that share few words; it is allowed to raise the
lexical coverage, never to lower it, because MiniLM also scores two sentences that are
merely on the same topic as close (see the project's perf notes).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np

from ..languages.words import STOP_WORDS, stem, words

__all__ = ["CoverageScorer", "Encoder", "sentence_terms", "words"]

FloatMatrix = np.ndarray

# Tuned on the GossipCop part of LLMFake only (evals/align_llmfake.py).
SEMANTIC_WEIGHT = 0.25          # share of the rescaled cosine in the semantic coverage
EMBEDDING_RANGE = (0.25, 0.85)  # MiniLM cosines mapped to coverage 0 and 1


class Encoder(Protocol):
    """Anything that turns texts into unit-length vectors, one row per text."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@lru_cache(maxsize=8192)
def sentence_terms(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Stems and character 4-grams of the content words of one sentence (cached: a source
    is usually compared with many copies)."""
    content = [w for w in words(text) if w not in STOP_WORDS]
    grams: set[str] = set()
    for word in content:
        padded = f"_{word}_"
        grams.update(padded[k:k + 4] for k in range(max(1, len(padded) - 3)))
    return frozenset(stem(w) for w in content), frozenset(grams)


@dataclass(frozen=True, slots=True)
class _Side:
    """One article's sentences over the terms both articles use."""

    incidence: FloatMatrix   # sentences x shared terms, 0/1
    weights: FloatMatrix     # IDF of each shared term within this article
    mass: FloatMatrix        # total IDF weight of each sentence's terms, shared or not


def _sides(sets_a: list[frozenset[str]], sets_b: list[frozenset[str]]) -> tuple[_Side, _Side]:
    # Only terms on both sides can ever be covered, and keeping to them keeps the
    # matrices narrow: a fraction of the two articles' vocabulary.
    freq_a = Counter(t for terms in sets_a for t in terms)
    freq_b = Counter(t for terms in sets_b for t in terms)
    # In a fixed order, so that the sums below add their terms in the same order in every
    # process: a set's order changes with the process's hash seed.
    shared = {t: k for k, t in enumerate(sorted(freq_a.keys() & freq_b.keys()))}
    return _side(sets_a, freq_a, shared), _side(sets_b, freq_b, shared)


def _side(sets: list[frozenset[str]], freq: Counter[str], shared: dict[str, int]) -> _Side:
    idf = {term: math.log((1.0 + len(sets)) / (1.0 + count)) + 1.0
           for term, count in freq.items()}
    incidence = np.zeros((len(sets), max(1, len(shared))), dtype=np.float32)
    weights = np.zeros(max(1, len(shared)), dtype=np.float32)
    mass = np.zeros(len(sets), dtype=np.float32)
    for row, terms in enumerate(sets):
        mass[row] = math.fsum(idf[t] for t in terms)   # exact, in any order
        columns = [shared[t] for t in terms if t in shared]
        incidence[row, columns] = 1.0
    for term, column in shared.items():
        weights[column] = idf[term]
    return _Side(incidence, weights, np.maximum(mass, 1e-9))


def _covered(target: _Side, rows: FloatMatrix, source: FloatMatrix) -> FloatMatrix:
    """[s, t]: weighted share of target sentence t (given as ``rows`` of its incidence)
    found in source row s."""
    weighted = np.ascontiguousarray(rows * target.weights)
    # Not ``@``: a BLAS product adds in an order that depends on its thread count, so the
    # same two articles could score a rounding apart in a process with one thread (as in
    # a Spark executor) and one with several. einsum adds in one order everywhere.
    return np.asarray(np.einsum("st,ut->su", source, weighted, dtype=np.float64),
                      dtype=np.float32)


def _unit_rows(vectors: FloatMatrix) -> FloatMatrix:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.asarray(vectors / np.maximum(norms, 1e-9), dtype=np.float32)


class CoverageScorer:
    """Coverage between the sentences of ``a`` and ``b``.

    ``cover_b[i, j]`` is the share of b_j explained by a_i and ``cover_a[i, j]`` the share
    of a_i explained by b_j, both in [0, 1]. ``mode`` is "semantic" with an encoder and
    "lexical" without.
    """

    def __init__(self, a: Sequence[str], b: Sequence[str], encoder: Encoder | None) -> None:
        self.mode = "semantic" if encoder is not None else "lexical"
        terms_a = [sentence_terms(text) for text in a]
        terms_b = [sentence_terms(text) for text in b]
        self._lexical = [_sides([t[k] for t in terms_a], [t[k] for t in terms_b])
                         for k in range(2)]
        self._emb: tuple[FloatMatrix, FloatMatrix] | None = None
        cosine = None
        if encoder is not None and a and b:
            vectors = np.asarray(encoder.encode([*a, *b]), dtype=np.float32)
            self._emb = (vectors[: len(a)], vectors[len(a):])
            cosine = self._emb[0] @ self._emb[1].T
        lex_b = self._mean([_covered(sb, sb.incidence, sa.incidence) / sb.mass[None, :]
                            for sa, sb in self._lexical])
        lex_a = self._mean([(_covered(sa, sa.incidence, sb.incidence) / sa.mass[None, :]).T
                            for sa, sb in self._lexical])
        #: The lexical shares alone and the raw cosine (None without an encoder): the
        #: alignment's link model reads them apart.
        self.lexical_b, self.lexical_a, self.cosine = lex_b, lex_a, cosine
        self.cover_b = self._combine(lex_b, cosine)
        self.cover_a = self._combine(lex_a, cosine)

    @staticmethod
    def _mean(parts: list[FloatMatrix]) -> FloatMatrix:
        return np.asarray(sum(parts) / len(parts), dtype=np.float32)

    @staticmethod
    def _combine(lexical: FloatMatrix, cosine: FloatMatrix | None) -> FloatMatrix:
        if cosine is None:
            return lexical
        low, high = EMBEDDING_RANGE
        semantic = np.clip((cosine - low) / (high - low), 0.0, 1.0)
        mixed = (1.0 - SEMANTIC_WEIGHT) * lexical + SEMANTIC_WEIGHT * semantic
        return np.asarray(np.maximum(lexical, mixed), dtype=np.float32)

    def group_cover(
        self, a_group: Sequence[int], b_group: Sequence[int]
    ) -> tuple[list[float], list[float]]:
        """Coverage of each member of ``a_group`` by the sentences of ``b_group`` read
        together, and of each member of ``b_group`` by ``a_group``."""
        ai, bj = list(a_group), list(b_group)
        parts_a, parts_b = [], []
        for sa, sb in self._lexical:
            union_a = sa.incidence[ai].max(axis=0, keepdims=True)
            union_b = sb.incidence[bj].max(axis=0, keepdims=True)
            parts_a.append(_covered(sa, sa.incidence[ai], union_b)[0] / sa.mass[ai])
            parts_b.append(_covered(sb, sb.incidence[bj], union_a)[0] / sb.mass[bj])
        cov_a, cov_b = self._mean(parts_a)[None, :], self._mean(parts_b)[None, :]
        if self._emb is not None:
            # The normalised sum of sentence vectors stands in for the embedding of the
            # group read as one text, which would cost another encoder call.
            emb_a, emb_b = self._emb[0][ai], self._emb[1][bj]
            cov_a = self._combine(cov_a, _unit_rows(emb_b.sum(axis=0, keepdims=True)) @ emb_a.T)
            cov_b = self._combine(cov_b, _unit_rows(emb_a.sum(axis=0, keepdims=True)) @ emb_b.T)
        return [float(x) for x in cov_a[0]], [float(x) for x in cov_b[0]]

    def best_sources(self, j: int, min_gain: float) -> tuple[list[int], float]:
        """The sentence of a that best explains b_j, joined by a second one anywhere in a
        when their union explains b_j better by ``min_gain``; and the coverage reached."""
        first = int(np.argmax(self.cover_b[:, j]))
        single = float(self.cover_b[first, j])
        if self.cover_b.shape[0] < 2:
            return [first], single
        parts = []
        for sa, sb in self._lexical:
            target = sb.incidence[j] * sb.weights
            residual = target * (1.0 - sa.incidence[first])
            parts.append((float(sa.incidence[first] @ target) + sa.incidence @ residual)
                         / float(sb.mass[j]))
        union = self._mean(parts)[:, None]
        if self._emb is not None:
            emb_a, emb_b = self._emb
            union = self._combine(union, _unit_rows(emb_a + emb_a[first]) @ emb_b[j][:, None])
        union[first] = -1.0
        second = int(np.argmax(union))
        if float(union[second, 0]) - single >= min_gain:
            return sorted((first, second)), float(union[second, 0])
        return [first], single

    def adjacent_cover(self) -> tuple[FloatMatrix, FloatMatrix]:
        """Coverage by two adjacent sentences read together: ``[i, j]`` of the first matrix
        is b_j explained by a_i and a_i+1, of the second a_i explained by b_j and b_j+1."""
        n, m = self.cover_b.shape
        parts_b, parts_a = [], []
        for sa, sb in self._lexical:
            pairs_a = np.maximum(sa.incidence[:-1], sa.incidence[1:])
            pairs_b = np.maximum(sb.incidence[:-1], sb.incidence[1:])
            parts_b.append(_covered(sb, sb.incidence, pairs_a) / sb.mass[None, :])
            parts_a.append((_covered(sa, sa.incidence, pairs_b) / sa.mass[None, :]).T)
        by_pairs_a, by_pairs_b = self._mean(parts_b), self._mean(parts_a)
        if self._emb is not None and n > 1 and m > 1:
            emb_a, emb_b = self._emb
            by_pairs_a = self._combine(by_pairs_a, _unit_rows(emb_a[:-1] + emb_a[1:]) @ emb_b.T)
            by_pairs_b = self._combine(by_pairs_b, emb_a @ _unit_rows(emb_b[:-1] + emb_b[1:]).T)
        return by_pairs_a.reshape(max(0, n - 1), m), by_pairs_b.reshape(n, max(0, m - 1))
