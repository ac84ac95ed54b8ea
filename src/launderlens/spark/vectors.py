"""One article's text in, what the batch engine compares out: its term counts, its unit
TF-IDF vector over words and over anchors (names and figures), the terms that go into the
candidate index, and a MinHash signature; and two articles' vectors in, their same-story
score.

These are the local path's own definitions (:mod:`launderlens.rewrites.similarity.lexical`
and :class:`~launderlens.rewrites.cluster.StoryIndex`), spelled for one article at a time
with the corpus statistics handed in, so that an executor needs no index: the words come
from ``tokenize``, the anchors from ``anchor_terms``, IDF is ``log((1 + n) / (1 + df)) + 1``
in float32, term frequency is sublinear, and the score is the weighted sum of the word
cosine and the anchor cosine with :data:`~launderlens.rewrites.cluster.DEFAULT_WEIGHTS`.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..rewrites.cluster import DEFAULT_THRESHOLD, DEFAULT_WEIGHTS
from ..rewrites.similarity.lexical import LexicalBackend, anchor_terms, rowwise_dot, tokenize
from ..rewrites.similarity.verbatim import minhash_signatures

__all__ = ["LEXICAL", "THRESHOLD", "WEIGHTS", "Vectors", "band_keys", "common_cap",
           "named_terms", "pair_scores", "sparse_rows", "term_counts", "vectorise"]

#: The local path's index settings (``LexicalBackend()``'s defaults) and score weights
#: without embeddings.
LEXICAL = LexicalBackend()
WEIGHTS: Mapping[str, float] = DEFAULT_WEIGHTS[False]
THRESHOLD: float = DEFAULT_THRESHOLD[False]
#: MinHash bands for verbatim copies: 16 bands of 8 rows catch a pair of 3-shingle
#: Jaccard 0.8 with probability 0.95 and one of 0.5 with 0.06.
BANDS, ROWS = 16, 8
#: A signature row of a text without words (``minhash_signatures``).
_EMPTY = np.uint32(0xFFFFFFFF)


def index_text(title: str | None, text: str) -> str:
    """What the local index reads of an article (``Doc.index_text``)."""
    return f"{title}\n{text}" if title else text


def term_counts(title: str | None, text: str) -> Counter[str]:
    return Counter(tokenize(index_text(title, text)))


def common_cap(documents: int) -> float:
    """Terms in more documents than this stay out of the candidate index (as locally:
    ``max(postings_span, max_df * n)``)."""
    return max(float(LEXICAL.postings_span), LEXICAL.max_df * documents)


@dataclass(frozen=True, slots=True)
class Vectors:
    """Unit TF-IDF weights of an article's words and anchors, and its index terms."""

    words: dict[str, float]
    anchors: dict[str, float]
    top_terms: list[tuple[str, float]]


def _unit(terms: list[str], weights: np.ndarray) -> dict[str, float]:
    norm = np.float32(np.sqrt(np.sum(weights * weights, dtype=np.float32)))
    if norm == 0:
        norm = np.float32(1)
    unit = (weights * (np.float32(1) / norm)).astype(np.float32)
    return dict(zip(terms, unit.tolist(), strict=True))


def named_terms(text: str, counts: Mapping[str, int]) -> list[str]:
    """The article's words that are anchors (names and figures of its text), sorted."""
    return sorted(set(anchor_terms(text)) & counts.keys())


def vectorise(counts: Mapping[str, int], named: Iterable[str], frequency: Mapping[str, int],
              documents: int, columns: Mapping[str, int] | None = None) -> Vectors:
    """The vectors of one article from its term counts and its anchor terms
    (:func:`named_terms`), given each term's document frequency in the corpus and, to
    break ties between equally weighted index terms as locally, its column in the local
    vocabulary."""
    terms = sorted(counts)
    tf = np.array([counts[t] for t in terms], dtype=np.float32)
    if LEXICAL.sublinear_tf:
        tf = (1 + np.log(tf)).astype(np.float32)
    df = np.array([frequency.get(t, 0) for t in terms], dtype=np.float64)
    idf = np.log((1 + documents) / (1 + df)).astype(np.float32) + np.float32(1)
    words = _unit(terms, (tf * idf).astype(np.float32))
    anchor_list = sorted(set(named) & words.keys())
    raw = np.array([words[t] for t in anchor_list], dtype=np.float32)
    anchors = _unit(anchor_list, raw) if anchor_list else {}
    cap = common_cap(documents)
    ranked = sorted(((t, w) for t, w in words.items() if frequency.get(t, 0) <= cap),
                    key=lambda item: (-item[1], columns.get(item[0], 0) if columns else 0,
                                      item[0]))
    return Vectors(words, anchors, ranked[: LEXICAL.top_terms])


def sparse_rows(columns: Sequence[Sequence[int]], weights: Sequence[Sequence[float]]
                ) -> sp.csr_matrix:
    """One float32 CSR row per article from its vocabulary columns and weights, columns
    in order within a row as in the local index's matrices (which sum in that order)."""
    lengths = np.fromiter((len(c) for c in columns), dtype=np.int64, count=len(columns))
    indptr = np.zeros(len(columns) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    if indptr[-1]:
        indices = np.concatenate([np.asarray(c, dtype=np.int64) for c in columns])
        data = np.concatenate([np.asarray(w, dtype=np.float32) for w in weights])
    else:
        indices, data = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    width = int(indices.max()) + 1 if len(indices) else 1
    matrix = sp.csr_matrix((data, indices, indptr), shape=(len(columns), width),
                           dtype=np.float32)
    matrix.sort_indices()
    return matrix


def pair_scores(words: sp.csr_matrix, anchors: sp.csr_matrix, left: np.ndarray,
                right: np.ndarray) -> np.ndarray:
    """The local path's same-story score (words and anchors, no vectors) of rows
    ``left[i]`` and ``right[i]`` of the word and anchor matrices
    (``StoryIndex.pair_scores`` over the same library ``rowwise_dot``) for two articles in
    one language: the local score's cross-language anchor term is not added here."""
    scores = WEIGHTS["lexical"] * rowwise_dot(words, left, right)
    scores += WEIGHTS["anchors"] * rowwise_dot(anchors, left, right)
    return scores


def band_keys(texts: Sequence[str]) -> list[list[int]]:
    """For each text, one 64-bit key per MinHash band of its word 3-shingles (empty for a
    text without words): two texts sharing a key are candidate verbatim copies."""
    signatures = minhash_signatures(texts, num_perm=BANDS * ROWS)
    out: list[list[int]] = []
    for signature in signatures:
        if (signature == _EMPTY).all():  # no shingle: a text without words
            out.append([])
            continue
        keys = []
        for band in range(BANDS):
            chunk = signature[band * ROWS:(band + 1) * ROWS].tobytes()
            keys.append(zlib.crc32(chunk) << 8 | band)  # the band keeps equal chunks apart
        out.append(keys)
    return out
