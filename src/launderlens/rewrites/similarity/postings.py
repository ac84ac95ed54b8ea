"""Each document's top-weighted terms in, candidate neighbours out: the lexical backend's
inverted index, kept between searches and grown with the rows added to it.

A term's posting list holds the documents that have it among their ``top_terms`` heaviest
terms, in row order. A list longer than ``span`` is read in windows of that many
documents: a document meets the others in its own window and in the one before, so a
term shared by thousands of documents costs linear, not quadratic, work; rows are given
in publication order, so a window holds documents published around the same time.

Terms held by more than ``max(span, max_df * rows)`` indexed documents ("said", "the")
are no one's top terms. Which terms those are is decided when a row is indexed, with the
counts of that moment: the entries of rows indexed earlier are not ranked again when a
term becomes common later (as the neighbour lists of earlier rows are not re-ranked), so
a row's entries, and where it sits in each posting list, never move. New rows go to the
end of every list, which is why adding them needs no rebuild: their windows are the last
two of each of their terms.

The entries are kept sorted by ``term << 32 | row`` (``keys_``) with their weights
(``weights_``); both are what :mod:`..index_store` saves. Inserting a few rows' entries at
the ends of their terms' runs would copy every entry (144 MB at a million rows), so the
rows added since the last merge sit in a second, small sorted pair of arrays (the tail):
a term's list is its run in the base followed by its run in the tail, and the tail is
merged into the base only when it holds more than a sixteenth of the base's entries. An
add then costs what its rows weigh, and the merges, once in many adds, a share of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import Neighbours, top_k_per_row

__all__ = ["TopTermPostings"]

_ROW_BITS = 32
_ROW_MASK = (1 << _ROW_BITS) - 1
# A (term, window) column is named term << WINDOW_BITS | window: windows stay far below
# 2**24 (a list is at most max_df of the rows long).
WINDOW_BITS = 24
# The tail is merged into the base once it holds more than this share of the base's entries.
_TAIL_SHARE = 1 / 16


class TopTermPostings:
    """Posting lists of each indexed row's ``top_terms`` heaviest terms (see the module
    docstring); ``rows_`` rows indexed, ``document_frequency_`` of every term over them."""

    def __init__(self, *, top_terms: int = 12, span: int = 256, max_df: float = 0.2) -> None:
        self.top_terms, self.span, self.max_df = top_terms, span, max_df
        self.rows_ = 0
        self.document_frequency_ = np.zeros(0, dtype=np.int64)
        self._base = _Entries.empty()
        self._tail = _Entries.empty()  # the entries of rows _base_rows on
        self._base_rows = 0

    @property
    def keys_(self) -> np.ndarray:
        """Every entry's ``term << 32 | row``, sorted (the tail merged in first)."""
        self._merge_tail()
        return self._base.keys

    @property
    def weights_(self) -> np.ndarray:
        """The weights of :attr:`keys_`."""
        self._merge_tail()
        return self._base.weights

    @property
    def entries(self) -> int:
        return len(self._base.keys) + len(self._tail.keys)

    def add(self, vectors: sp.csr_matrix) -> None:
        """Index ``vectors`` (TF-IDF rows, sorted indices) as rows ``rows_, rows_ + 1, ...``."""
        first = self.rows_
        self.rows_ += vectors.shape[0]
        frequency = np.zeros(max(vectors.shape[1], len(self.document_frequency_)), np.int64)
        frequency[: len(self.document_frequency_)] = self.document_frequency_
        frequency[: vectors.shape[1]] += np.bincount(vectors.indices, minlength=vectors.shape[1])
        self.document_frequency_ = frequency
        entries = self._top_entries(vectors, first)
        keys = entries.right << _ROW_BITS | entries.left
        order = np.argsort(keys, kind="stable")
        # New rows are later than every indexed one: each lands at the end of its term's run.
        self._tail = self._tail.with_later(keys[order], entries.score[order])
        if len(self._tail.keys) > len(self._base.keys) * _TAIL_SHARE:
            self._merge_tail()

    def _merge_tail(self) -> None:
        if len(self._tail.keys):
            self._base = self._base.with_later(self._tail.keys, self._tail.weights)
            self._tail = _Entries.empty()
        self._base_rows = self.rows_

    def entries_since(self, first_row: int) -> tuple[np.ndarray, np.ndarray]:
        """The keys and weights of the entries of rows ``first_row`` on, sorted (what a
        delta segment saves)."""
        parts = [self._tail.of_rows_from(first_row)]
        if first_row < self._base_rows:  # some of them were merged into the base since
            parts.insert(0, self._base.of_rows_from(first_row))
        keys = np.concatenate([part.keys for part in parts])
        order = np.argsort(keys, kind="stable")
        return keys[order], np.concatenate([part.weights for part in parts])[order]

    def restore(self, keys: np.ndarray, weights: np.ndarray, vectors: sp.csr_matrix,
                document_frequency: np.ndarray | None = None) -> None:
        """Take saved entries of the rows of ``vectors`` (and the saved
        ``document_frequency_`` of their terms, counted again when not given); ValueError
        if they cannot be."""
        rows = int(vectors.shape[0])
        if keys.shape != weights.shape or keys.ndim != 1 or \
                (len(keys) and (np.any(np.diff(keys) <= 0) or int(keys.min()) < 0
                                or int((keys & _ROW_MASK).max()) >= rows)):
            raise ValueError("the saved posting lists are not sorted entries of indexed rows")
        if document_frequency is not None and (
                document_frequency.shape != (vectors.shape[1],) or
                (len(document_frequency) and int(document_frequency.min()) < 0)):
            raise ValueError("the saved term counts do not fit the indexed rows' terms")
        self._base = _Entries(keys.astype(np.int64, copy=False),
                              weights.astype(np.float32, copy=False))
        self._tail = _Entries.empty()
        self.rows_ = self._base_rows = rows
        self.document_frequency_ = np.bincount(vectors.indices, minlength=vectors.shape[1]) \
            if document_frequency is None else document_frequency.astype(np.int64, copy=False)

    def _top_entries(self, vectors: sp.csr_matrix, first: int) -> Neighbours:
        """``(row, term, weight)`` of the ``top_terms`` heaviest entries of each row that are
        not common among the rows indexed so far."""
        common = self.document_frequency_ > max(float(self.span), self.max_df * self.rows_)
        parts = [Neighbours.empty()]
        for start in range(0, vectors.shape[0], 16_384):  # bounds the sort's temporaries
            block = vectors[start : start + 16_384].tocoo()
            keep = ~common[block.col]
            rows = block.row[keep].astype(np.int64) + start + first
            parts.append(top_k_per_row(Neighbours(rows, block.col[keep].astype(np.int64),
                                                  block.data[keep]), self.top_terms))
        return Neighbours(*(np.concatenate(column) for column in zip(*parts, strict=True)))

    def overlaps(self, rows: np.ndarray, k: int, vectors: sp.csr_matrix) -> Neighbours:
        """For each of ``rows`` (of the indexed ``vectors``), its ``k`` indexed rows of
        greatest summed weight products over the top terms they share within a window
        (the candidates to score)."""
        rows = np.unique(np.asarray(rows, dtype=np.int64))
        if not len(rows) or not self.entries:
            return Neighbours.empty()
        # A row's entries are among its vector's terms: looked up there instead of found
        # by reading every entry of the index.
        theirs = vectors[rows]
        wanted = theirs.indices.astype(np.int64) << _ROW_BITS | \
            np.repeat(rows, np.diff(theirs.indptr))
        wanted.sort()
        # The rows since the last merge are in the tail only, the others in the base only.
        later = (wanted & _ROW_MASK) >= self._base_rows
        in_base, in_tail = np.full(len(wanted), -1), np.full(len(wanted), -1)
        in_base[~later] = self._base.find(wanted[~later])
        in_tail[later] = self._tail.find(wanted[later])
        indexed = (in_base >= 0) | (in_tail >= 0)
        keys, in_base, in_tail = wanted[indexed], in_base[indexed], in_tail[indexed]
        terms = keys >> _ROW_BITS
        base_start, base_count = self._base.runs(terms)
        # A place in a term's list counts its run in the base, then its run in the tail.
        place = np.where(in_base >= 0, in_base - base_start,
                         base_count + in_tail - self._tail.runs(terms)[0])
        weights = _either(in_base, self._base.weights, in_tail, self._tail.weights)
        window = place // self.span
        # A row reads its own window of each of its terms and the window before it.
        earlier = window > 0
        q_rows = np.r_[keys, keys[earlier]] & _ROW_MASK
        q_columns = np.r_[terms << WINDOW_BITS | window,
                          terms[earlier] << WINDOW_BITS | (window[earlier] - 1)]
        q_weights = np.r_[weights, weights[earlier]]
        columns, q_column = np.unique(q_columns, return_inverse=True)
        index = self._windows(columns)
        parts = [Neighbours.empty()]
        order = np.argsort(q_rows, kind="stable")
        q_rows, q_column, q_weights = q_rows[order], q_column[order], q_weights[order]
        bounds = np.searchsorted(q_rows, rows[::2048])  # 2,048 rows a block
        for start, stop in zip(bounds, np.r_[bounds[1:], len(q_rows)], strict=True):
            block_rows, local = np.unique(q_rows[start:stop], return_inverse=True)
            query_matrix = sp.csr_matrix((q_weights[start:stop], (local, q_column[start:stop])),
                                         shape=(len(block_rows), len(columns)))
            overlap = (query_matrix @ index).tocoo()
            left = block_rows[overlap.row]
            other = left != overlap.col
            found = Neighbours(left[other], overlap.col[other].astype(np.int64),
                               overlap.data[other])
            parts.append(top_k_per_row(found, k))
        return Neighbours(*(np.concatenate(column) for column in zip(*parts, strict=True)))

    def _windows(self, columns: np.ndarray) -> sp.csr_matrix:
        """``(columns x rows)``: the entries of each (term, window) column."""
        terms, window = columns >> WINDOW_BITS, columns & ((1 << WINDOW_BITS) - 1)
        base_start, base_count = self._base.runs(terms)
        tail_start, tail_count = self._tail.runs(terms)
        length = base_count + tail_count
        lo = np.minimum(window * self.span, length)
        hi = np.minimum(lo + self.span, length)
        indptr = np.r_[0, np.cumsum(hi - lo)]
        rows = np.empty(indptr[-1], dtype=np.int64)
        weights = np.empty(indptr[-1], dtype=np.float32)
        # A window's entries in the base's run of its term come first, then the tail's.
        base_lo, base_hi = np.minimum(lo, base_count), np.minimum(hi, base_count)
        for part, first, stop, into in (
                (self._base, base_start + base_lo, base_start + base_hi, indptr[:-1]),
                (self._tail, tail_start + np.maximum(lo - base_count, 0),
                 tail_start + np.maximum(hi - base_count, 0),
                 indptr[:-1] + base_hi - base_lo)):
            at, put = _ranges(first, stop - first), _ranges(into, stop - first)
            rows[put] = part.keys[at] & _ROW_MASK
            weights[put] = part.weights[at]
        return sp.csr_matrix((weights, rows, indptr), shape=(len(columns), self.rows_))


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``starts[i], starts[i] + 1, ...``, ``lengths[i]`` of them, for each i in turn."""
    ends = np.cumsum(lengths)
    return np.repeat(starts - (ends - lengths), lengths) + np.arange(ends[-1] if len(ends) else 0)


def _either(in_base: np.ndarray, base: np.ndarray, in_tail: np.ndarray,
            tail: np.ndarray) -> np.ndarray:
    """``base`` at ``in_base`` where that is a position (not -1), else ``tail`` at
    ``in_tail``."""
    out = np.empty(len(in_base), dtype=base.dtype)
    based = in_base >= 0
    out[based] = base[in_base[based]]
    out[~based] = tail[in_tail[~based]]
    return out


@dataclass(frozen=True)
class _Entries:
    """Posting entries sorted by key (``term << 32 | row``), with their weights."""

    keys: np.ndarray
    weights: np.ndarray

    @classmethod
    def empty(cls) -> _Entries:
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))

    def with_later(self, keys: np.ndarray, weights: np.ndarray) -> _Entries:
        """These and the sorted ``keys`` of later rows, each at the end of its term's run."""
        at = np.searchsorted(self.keys, keys)
        return _Entries(np.insert(self.keys, at, keys), np.insert(self.weights, at, weights))

    def of_rows_from(self, first_row: int) -> _Entries:
        keep = (self.keys & _ROW_MASK) >= first_row
        return _Entries(self.keys[keep], self.weights[keep])

    def runs(self, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where each term's run starts, and its length."""
        start = np.searchsorted(self.keys, terms << _ROW_BITS)
        return start, np.searchsorted(self.keys, (terms + 1) << _ROW_BITS) - start

    def find(self, keys: np.ndarray) -> np.ndarray:
        """The position of each of the sorted ``keys``, -1 where it is not held."""
        at = np.searchsorted(self.keys, keys)
        held = at < len(self.keys)
        held[held] = self.keys[at[held]] == keys[held]
        return np.where(held, at, -1)
