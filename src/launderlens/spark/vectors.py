"""One article's text in, what the batch engine compares out: its term counts, its unit
TF-IDF vector over words and over anchors (names and figures), the terms that go into the
candidate index, and a MinHash signature; and two articles' vectors in, their same-story
score.

These are the local path's own definitions (:mod:`launderlens.rewrites.similarity.lexical`
and :class:`~launderlens.rewrites.cluster.StoryIndex`), spelled for one article at a time
with the corpus statistics handed in, so that an executor needs no index: the words come
from ``tokenize``, the anchors from ``anchor_terms``, IDF is ``log((1 + n) / (1 + df)) + 1``
in float32, term frequency is sublinear, and the score is the weighted sum of the word
cosine and the anchor cosine with :data:`~launderlens.rewrites.cluster.DEFAULT_WEIGHTS`,
plus, for two articles in different languages, the cross-language anchor term. MinHash
signatures are the library's (``minhash_signatures``: same hash family, same band keys)
computed for a batch of tokenised texts at once.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..rewrites.cluster import DEFAULT_THRESHOLD, DEFAULT_WEIGHTS
from ..rewrites.similarity.crosslingual import unread_pairs
from ..rewrites.similarity.lexical import (
    CROSSLINGUAL_WEIGHT,
    STORY_CROSSLINGUAL_WEIGHT,
    LexicalBackend,
    anchor_terms,
    rowwise_dot,
    smoothed_idf,
    tokenize,
)
from ..rewrites.similarity.verbatim import _SHINGLE_MIX, _permutations

__all__ = ["LEXICAL", "THRESHOLD", "WEIGHTS", "Vectors", "common_cap",
           "named_terms", "pair_scores", "shingle_batch", "signatures_of", "sparse_rows",
           "term_counts", "unit_weights", "vectorise", "word_band_keys"]

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
#: Words per shingle, and the library's permutations (``minhash_signatures``' seed 1).
SHINGLE = 3
_PERMUTATIONS = _permutations(BANDS * ROWS, 1)
#: Shingles hashed at once: a block of 128 x 4,096 64-bit values stays in the cache.
_BLOCK = 4096


def index_text(title: str | None, text: str) -> str:
    """What the local index reads of an article (``Doc.index_text``)."""
    return f"{title}\n{text}" if title else text


def term_counts(title: str | None, text: str, words: Sequence[str] | None = None
                ) -> Counter[str]:
    """The terms of the index text (``Doc.index_text``) with their counts; ``words``: the
    text's tokens when the caller has them already (no token spans the newline between
    title and text, so the title's tokens then these are the index text's)."""
    if words is None:
        return Counter(tokenize(index_text(title, text)))
    counts = Counter(tokenize(title)) if title else Counter()
    counts.update(words)
    return counts


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


def unit_weights(weights: np.ndarray) -> np.ndarray:
    """``weights`` scaled to unit length in float32 as the local index does (all zero
    stays all zero)."""
    norm = np.float32(np.sqrt(np.sum(weights * weights, dtype=np.float32)))
    if norm == 0:
        norm = np.float32(1)
    return (weights * (np.float32(1) / norm)).astype(np.float32)


def _unit(terms: list[str], weights: np.ndarray) -> dict[str, float]:
    return dict(zip(terms, unit_weights(weights).tolist(), strict=True))


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
    weights = unit_weights((tf * smoothed_idf(df, documents)).astype(np.float32))
    words = dict(zip(terms, weights.tolist(), strict=True))
    anchor_list = sorted(set(named) & words.keys())
    raw = np.array([words[t] for t in anchor_list], dtype=np.float32)
    anchors = _unit(anchor_list, raw) if anchor_list else {}
    # The heaviest terms no commoner than the cap; ties to the lower column, then to the
    # term (``terms`` is sorted, so its positions order the terms).
    rare = np.flatnonzero(df <= common_cap(documents))
    column = np.array([columns.get(terms[i], 0) for i in rare.tolist()] if columns else
                      np.zeros(len(rare)), dtype=np.int64)
    top = rare[np.lexsort((rare, column, -weights[rare]))[: LEXICAL.top_terms]]
    return Vectors(words, anchors, [(terms[i], words[terms[i]]) for i in top.tolist()])


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
                right: np.ndarray, across: sp.csr_matrix | None = None,
                crosses: np.ndarray | None = None, joins: np.ndarray | None = None
                ) -> tuple[np.ndarray, np.ndarray]:
    """The lexical similarity and the local path's same-story score (words and anchors,
    no vectors) of rows ``left[i]`` and ``right[i]`` of the word and anchor matrices
    (``StoryIndex.pair_scores`` over the same library ``rowwise_dot``). With the
    cross-language ``across`` anchor matrix and ``crosses`` (whether each pair joins two
    identified, different languages), a crossing pair's anchor cosine counts where
    ``joins`` (what the pair shares lets its anchors count in a story:
    :func:`~launderlens.rewrites.similarity.crosslingual.story_joins`): its words read at
    least :data:`CROSSLINGUAL_WEIGHT` times it and the score adds
    :data:`STORY_CROSSLINGUAL_WEIGHT` times it, as locally. The similarity is what the
    local index ranks an article's candidates by (``LexicalBackend.similarity``: the word
    cosine, or the anchors' share across languages where larger)."""
    lexical = rowwise_dot(words, left, right)
    extra: np.ndarray | None = None
    counted: np.ndarray | None = None  # None: every pair's words and anchors count
    if across is not None and crosses is not None and crosses.any():
        cosine = np.zeros(len(left), dtype=np.float32)
        cosine[crosses] = rowwise_dot(across, left[crosses], right[crosses])
        if joins is not None:
            cosine = np.where(joins, cosine, np.float32(0.0))
            # A crossing pair's words and anchors as written count only where its
            # cross-language anchors do (``CrossLingualAnchors.story_parts``).
            counted = ~crosses | joins | unread_pairs(across, left, right)
        lexical = np.asarray(np.maximum(lexical, CROSSLINGUAL_WEIGHT * cosine),
                             dtype=np.float32)
        extra = STORY_CROSSLINGUAL_WEIGHT * cosine
    scores = WEIGHTS["lexical"] * lexical
    scores += WEIGHTS["anchors"] * rowwise_dot(anchors, left, right)
    if counted is not None:
        scores[~counted] = 0.0
    if extra is not None:
        scores += extra
    return lexical, scores


class WordHashes:
    """The crc32 of each word (the library's shingle hash of a word), kept for the words
    of a partition so that a word met again is not hashed again; bounded."""

    LIMIT = 500_000

    def __init__(self) -> None:
        self._known: dict[str, int] = {}

    def of(self, words: Sequence[str]) -> np.ndarray:
        known = self._known
        if len(known) > self.LIMIT:
            known.clear()
        out = np.empty(len(words), dtype=np.uint64)
        for position, word in enumerate(words):
            value = known.get(word)
            if value is None:
                value = known[word] = zlib.crc32(word.encode("utf-8"))
            out[position] = value
        return out


def shingle_batch(words: Sequence[Sequence[str]], hashes: WordHashes | None = None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """The word 3-shingle hashes of every text of a batch, flat, and how many each text
    has (as :func:`~launderlens.rewrites.similarity.verbatim.shingle_hashes` combines them,
    repeated shingles kept: a minimum does not need them unique)."""
    hashes = hashes or WordHashes()
    lengths = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
    flat = hashes.of([word for text in words for word in text])
    starts = np.zeros(len(words), dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    counts = np.where(lengths >= SHINGLE, lengths - SHINGLE + 1, np.minimum(lengths, 1))
    # All full shingles of the batch at once (some straddle two texts; none is picked).
    full = np.zeros(max(len(flat) - SHINGLE + 1, 0), dtype=np.uint64)
    for offset in range(SHINGLE):
        full = full * _SHINGLE_MIX + flat[offset: offset + len(full)]
    long = lengths >= SHINGLE
    picks = [np.zeros(0, dtype=np.uint64)] * len(words)
    if long.any():
        first = np.repeat(starts[long], counts[long])
        within = np.arange(len(first)) - np.repeat(np.cumsum(counts[long]) - counts[long],
                                                   counts[long])
        chosen = full[first + within]
        for row, piece in zip(np.flatnonzero(long).tolist(),
                              np.split(chosen, np.cumsum(counts[long])[:-1]), strict=True):
            picks[row] = piece
    for row in np.flatnonzero((lengths > 0) & ~long).tolist():  # one shorter shingle
        value = np.zeros(1, dtype=np.uint64)
        for word in flat[starts[row]: starts[row] + lengths[row]]:
            value = value * _SHINGLE_MIX + word
        picks[row] = value
    return (np.concatenate(picks) if picks else np.zeros(0, dtype=np.uint64)), counts


def signatures_of(values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """MinHash signatures (``BANDS * ROWS`` uint32 rows; all ``0xFFFFFFFF`` for a text
    without shingles) from :func:`shingle_batch`'s output: the library's hash family
    (``minhash_signatures``), applied a cache-sized block of shingles at a time."""
    a, b = _PERMUTATIONS
    out = np.full((len(counts), len(a)), 0xFFFFFFFF, dtype=np.uint32)
    ends = np.cumsum(counts)
    start_text = start_value = 0
    while start_text < len(counts):
        # Whole texts up to about _BLOCK shingles (one text at least).
        stop_text = max(int(np.searchsorted(ends, start_value + _BLOCK, side="right")),
                        start_text + 1)
        stop_value = int(ends[stop_text - 1])
        block_counts = counts[start_text:stop_text]
        filled = np.flatnonzero(block_counts)
        if len(filled):
            block = np.multiply.outer(a, values[start_value:stop_value])
            block += b[:, None]
            block >>= np.uint64(32)
            offsets = np.r_[0, np.cumsum(block_counts[filled])[:-1]]
            out[start_text + filled] = np.minimum.reduceat(block, offsets, axis=1).T
        start_text, start_value = stop_text, stop_value
    return out


def word_band_keys(words: Sequence[Sequence[str]], hashes: WordHashes | None = None
                   ) -> list[list[int]]:
    """For each text already tokenised (``tokenize``), one 64-bit key per MinHash band of
    its word 3-shingles (empty for a text without words), a batch at a time: two texts
    sharing a key are candidate verbatim copies."""
    signatures = signatures_of(*shingle_batch(words, hashes))
    out: list[list[int]] = []
    for signature in signatures:
        if signature[0] == _EMPTY and (signature == _EMPTY).all():  # a text without words
            out.append([])
            continue
        raw = signature.tobytes()
        width = ROWS * 4
        # The band number keeps equal chunks of different bands apart.
        out.append([zlib.crc32(raw[band * width:(band + 1) * width]) << 8 | band
                    for band in range(BANDS)])
    return out
