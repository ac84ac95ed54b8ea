"""Query terms in, every document's BM25 out: the lexical retriever of
:class:`~launderlens.narratives.index.NarrativeIndex`, over the terms
:func:`~launderlens.narratives.index.terms` makes, with the postings kept as arrays that
grow in place and carried through the cache file (:meth:`BM25.state`, :meth:`BM25.restore`).
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from .cache import checked, require

__all__ = ["BM25"]


class BM25:
    """An in-memory BM25 index over documents numbered 0, 1, 2... in the order added.

    Postings are compact arrays that grow in place, so adding documents never copies the
    index. A removed document is masked out of every score.
    """

    def __init__(self, k1: float = 1.2, b: float = 0.3) -> None:
        self.k1, self.b = k1, b
        self._vocab: dict[str, int] = {}
        self._docs: list[array[int]] = []
        self._tfs: list[array[int]] = []
        self._lengths = array("f")
        self._total_length = 0.0
        self._alive = bytearray()
        self._live = 0
        self._weights: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self._lengths)

    def add(self, tokens: Sequence[str]) -> int:
        doc = len(self._lengths)
        for term, tf in Counter(tokens).items():
            slot = self._vocab.get(term)
            if slot is None:
                slot = self._vocab[term] = len(self._docs)
                self._docs.append(array("i"))
                self._tfs.append(array("H"))
            self._docs[slot].append(doc)
            self._tfs[slot].append(min(tf, 65535))
        self._lengths.append(len(tokens))
        self._total_length += len(tokens)
        self._alive.append(1)
        self._live += 1
        return doc

    def remove(self, doc: int) -> None:
        if self._alive[doc]:
            self._alive[doc] = 0
            self._live -= 1
            self._total_length -= self._lengths[doc]

    def idf(self, term: str) -> float:
        slot = self._vocab.get(term)
        # Postings keep removed documents, so df may count a replaced phrasing twice; the
        # error is one document in a term's count, and only until the next full load.
        df = len(self._docs[slot]) if slot is not None else 0
        n = max(self._live, df, 1)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def scores(self, tokens: Sequence[str],
               alternatives: Mapping[str, Iterable[str]] | None = None
               ) -> tuple[np.ndarray, float]:
        """Every document's BM25 for the query, and the query's best possible score (each
        of its terms matched once in a document of average length).

        ``alternatives`` gives a query term other terms that stand for it: a document
        scores the term as its best-scoring form, an alternative weighed by the lower of
        the two IDFs, so a reading never counts for more than the word it reads."""
        n_docs = len(self._lengths)
        out = np.zeros(n_docs, dtype=np.float64)
        if not n_docs:
            return out, 0.0
        lengths = np.frombuffer(self._lengths, dtype=np.float32)
        average = max(self._total_length / max(self._live, 1), 1.0)
        best = 0.0
        alternatives = alternatives or {}
        for term, count in Counter(tokens).items():
            weight = self.idf(term)
            best += weight * count
            others = alternatives.get(term, ())
            if not others:
                self._add_term(out, term, count * weight, lengths, average)
                continue
            group = np.zeros(n_docs, dtype=np.float64)
            self._add_term(group, term, count * weight, lengths, average)
            for other in others:
                # a term's postings hold each document once, so this keeps the better form
                # at the documents the alternative is in and leaves the others as they are
                docs, values = self._term_scores(other, count * min(weight, self.idf(other)),
                                                 lengths, average)
                group[docs] = np.maximum(group[docs], values)
            out += group
        if self._live < n_docs:
            out[np.frombuffer(bytes(self._alive), dtype=np.uint8) == 0] = 0.0
        return out, best

    def _add_term(self, out: np.ndarray, term: str, weight: float, lengths: np.ndarray,
                  average: float) -> None:
        """Add to ``out`` each document's BM25 for ``term`` at ``weight`` (IDF x count)."""
        docs, values = self._term_scores(term, weight, lengths, average)
        out[docs] += values

    def _term_scores(self, term: str, weight: float, lengths: np.ndarray, average: float
                     ) -> tuple[np.ndarray, np.ndarray]:
        """The documents that hold ``term`` and their BM25 for it at ``weight``."""
        slot = self._vocab.get(term)
        if slot is None:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float64)
        docs = np.frombuffer(self._docs[slot], dtype=np.int32)
        tfs = np.frombuffer(self._tfs[slot], dtype=np.uint16).astype(np.float64)
        norm = self.k1 * (1.0 - self.b + self.b * lengths[docs] / average)
        return docs, weight * tfs * (self.k1 + 1.0) / (tfs + norm)

    def document_weights(self) -> np.ndarray:
        """Each document's own best score (its terms' IDF times their counts), the document
        side's counterpart of a query's best. Recomputed once the index has grown by a tenth,
        which keeps it one pass over the postings every so often."""
        n_docs = len(self._lengths)
        cached = self._weights
        if cached is not None and n_docs <= 1.1 * len(cached) and len(cached) > 0:
            if len(cached) < n_docs:  # new documents: their weight from their length
                lengths = np.frombuffer(self._lengths, dtype=np.float32)
                mean_idf = float(cached.sum() / max(lengths[:len(cached)].sum(), 1.0))
                cached = self._weights = np.concatenate(
                    [cached, lengths[len(cached):] * mean_idf])
            return cached
        weights = np.zeros(n_docs, dtype=np.float64)
        for term, slot in self._vocab.items():
            docs = np.frombuffer(self._docs[slot], dtype=np.int32)
            tfs = np.frombuffer(self._tfs[slot], dtype=np.uint16)
            weights[docs] += self.idf(term) * tfs
        self._weights = weights
        return weights

    def state(self) -> tuple[list[str], dict[str, np.ndarray]]:
        """The terms in slot order and the postings as flat arrays (``offsets[i]`` to
        ``offsets[i + 1]`` are term ``i``'s documents and counts)."""
        # Slots are handed out as terms are first seen, so the dict's order is slot order.
        vocab = list(self._vocab)
        sizes = np.fromiter(map(len, self._docs), dtype=np.int64, count=len(self._docs))
        offsets = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(sizes)])
        docs = np.frombuffer(b"".join(d.tobytes() for d in self._docs), dtype=np.int32)
        tfs = np.frombuffer(b"".join(f.tobytes() for f in self._tfs), dtype=np.uint16)
        return vocab, {"bm25_offsets": offsets.astype(np.int64), "bm25_docs": docs,
                       "bm25_tfs": tfs,
                       "bm25_lengths": np.frombuffer(self._lengths, dtype=np.float32),
                       "bm25_alive": np.frombuffer(bytes(self._alive), dtype=np.uint8)}

    def restore(self, vocab: Sequence[str], arrays: Mapping[str, np.ndarray]) -> None:
        """Take what :meth:`state` gave into this empty index; CacheError when the parts
        do not fit together."""
        require(len(set(vocab)) == len(vocab), "a term is there twice")
        lengths = checked(arrays, "bm25_lengths", np.float32, (None,))
        require(bool(np.isfinite(lengths).all() and (lengths >= 0).all()),
                "a document length is negative or not a number")
        alive = checked(arrays, "bm25_alive", np.uint8, (len(lengths),))
        require(bool((alive <= 1).all()), "a document is neither alive nor removed")
        docs = checked(arrays, "bm25_docs", np.int32, (None,))
        tfs = checked(arrays, "bm25_tfs", np.uint16, (len(docs),))
        offsets = checked(arrays, "bm25_offsets", np.int64, (len(vocab) + 1,))
        require(offsets[0] == 0 and offsets[-1] == len(docs)
                and bool((np.diff(offsets) >= 0).all()), "the postings' offsets are wrong")
        require(bool(((docs >= 0) & (docs < len(lengths))).all()),
                "a posting points outside the index")
        self._vocab = {term: slot for slot, term in enumerate(vocab)}
        self._docs, self._tfs = [], []
        for start, end in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True):
            self._docs.append(array("i", docs[start:end].tobytes()))
            self._tfs.append(array("H", tfs[start:end].tobytes()))
        self._lengths = array("f", lengths.tobytes())
        self._alive = bytearray(alive.tobytes())
        self._live = int(alive.sum())
        self._total_length = float(lengths.astype(np.float64)[alive == 1].sum())
        self._weights = None
