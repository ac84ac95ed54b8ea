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

The entries are kept as two arrays sorted by ``term << 32 | row`` (``keys_``) with the
entry weights (``weights_``); both are what :mod:`..index_store` saves.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from . import Neighbours, top_k_per_row

__all__ = ["TopTermPostings"]

_ROW_BITS = 32
_ROW_MASK = (1 << _ROW_BITS) - 1
# A (term, window) column is named term << _WINDOW_BITS | window: windows stay far below
# 2**24 (a list is at most max_df of the rows long).
_WINDOW_BITS = 24


class TopTermPostings:
    """Posting lists of each indexed row's ``top_terms`` heaviest terms (see the module
    docstring); ``rows_`` rows indexed, ``document_frequency_`` of every term over them."""

    def __init__(self, *, top_terms: int = 12, span: int = 256, max_df: float = 0.2) -> None:
        self.top_terms, self.span, self.max_df = top_terms, span, max_df
        self.keys_ = np.zeros(0, dtype=np.int64)
        self.weights_ = np.zeros(0, dtype=np.float32)
        self.rows_ = 0
        self.document_frequency_ = np.zeros(0, dtype=np.int64)

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
        keys, weights = keys[order], entries.score[order]
        # New rows are later than every indexed one: each lands at the end of its term's run.
        at = np.searchsorted(self.keys_, keys)
        self.keys_ = np.insert(self.keys_, at, keys)
        self.weights_ = np.insert(self.weights_, at, weights)

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
        self.keys_ = keys.astype(np.int64, copy=False)
        self.weights_ = weights.astype(np.float32, copy=False)
        self.rows_ = rows
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

    def overlaps(self, rows: np.ndarray, k: int) -> Neighbours:
        """For each of ``rows``, its ``k`` indexed rows of greatest summed weight products
        over the top terms they share within a window (the candidates to score)."""
        rows = np.asarray(rows, dtype=np.int64)
        if not len(rows) or not len(self.keys_):
            return Neighbours.empty()
        wanted = np.zeros(self.rows_, dtype=bool)
        wanted[rows] = True
        query = np.flatnonzero(wanted[self.keys_ & _ROW_MASK])
        terms = self.keys_[query] >> _ROW_BITS  # the query entries' terms only
        starts = np.searchsorted(self.keys_, terms << _ROW_BITS)
        window = (query - starts) // self.span
        # A row reads its own window of each of its terms and the window before it.
        earlier = window > 0
        q_rows = np.r_[self.keys_[query], self.keys_[query[earlier]]] & _ROW_MASK
        q_columns = np.r_[terms << _WINDOW_BITS | window,
                          terms[earlier] << _WINDOW_BITS | (window[earlier] - 1)]
        q_weights = np.r_[self.weights_[query], self.weights_[query[earlier]]]
        columns, q_column = np.unique(q_columns, return_inverse=True)
        index = self._windows(columns)
        parts = [Neighbours.empty()]
        order = np.argsort(q_rows, kind="stable")
        q_rows, q_column, q_weights = q_rows[order], q_column[order], q_weights[order]
        bounds = np.searchsorted(q_rows, np.flatnonzero(wanted)[::2048])  # 2,048 rows a block
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
        terms, window = columns >> _WINDOW_BITS, columns & ((1 << _WINDOW_BITS) - 1)
        term_start = np.searchsorted(self.keys_, terms << _ROW_BITS)
        term_stop = np.searchsorted(self.keys_, (terms + 1) << _ROW_BITS)
        lo = np.minimum(term_start + window * self.span, term_stop)
        hi = np.minimum(lo + self.span, term_stop)
        lengths = hi - lo
        indptr = np.r_[0, np.cumsum(lengths)]
        at = np.repeat(lo - indptr[:-1], lengths) + np.arange(indptr[-1])
        return sp.csr_matrix((self.weights_[at], self.keys_[at] & _ROW_MASK, indptr),
                             shape=(len(columns), self.rows_))
