"""A CSR matrix and more rows in, the matrix with them below out, written into room kept
at the end of its arrays: adding a few rows to a large index costs what they weigh, not
a copy of the whole matrix.

``scipy.sparse.vstack`` allocates and fills new arrays for every row of both matrices, so
each add of 1,000 articles to an index of a million copied the index's vectors (hundreds
of megabytes, three matrices) and, on a busy machine, paid the fresh pages' faults. A
:class:`GrowingRows` keeps its matrix's ``data``, ``indices`` and ``indptr`` as the front
of larger arrays with room for a sixteenth more (at least twice the rows added), so most
adds write only the new rows; when the room runs out the arrays are copied once into
larger ones. The matrices it returns share those arrays: a matrix it returned earlier
stays valid (rows are written only past its end), and it appends only to the one it
returned last (anything else, such as a matrix loaded from disk, is copied first).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["GrowingRows"]

_INT32_MAX = np.iinfo(np.int32).max


class GrowingRows:
    """Appends rows to the CSR matrix it returned last, in place where there is room."""

    def __init__(self, room: float = 1 / 16) -> None:
        self.room = room
        self._last: sp.csr_matrix | None = None
        self._data = np.zeros(0, dtype=np.float32)
        self._indices = np.zeros(0, dtype=np.int32)
        self._indptr = np.zeros(1, dtype=np.int32)

    def append(self, matrix: sp.csr_matrix, new: sp.csr_matrix) -> sp.csr_matrix:
        """``matrix`` with the rows of ``new`` below it, as wide as the wider of the two
        (earlier rows have no entries in columns added since)."""
        rows, nnz = matrix.shape[0], int(matrix.indptr[-1])
        total_rows, total = rows + new.shape[0], nnz + int(new.indptr[-1])
        columns = max(matrix.shape[1], new.shape[1])
        wide = max(total, columns) > _INT32_MAX
        index_type = np.dtype(np.int64) if wide else np.dtype(np.int32)
        value_type = np.result_type(np.asarray(matrix.data), np.asarray(new.data))
        if matrix is not self._last or len(self._data) < total or \
                len(self._indptr) < total_rows + 1 or self._indices.dtype != index_type or \
                self._data.dtype != value_type:
            self._reserve(matrix, total + max(new.nnz, int(total * self.room)),
                          total_rows + 1 + max(new.shape[0], int(total_rows * self.room)),
                          index_type, value_type)
        self._data[nnz:total] = new.data[: total - nnz]
        self._indices[nnz:total] = new.indices[: total - nnz]
        self._indptr[rows + 1: total_rows + 1] = new.indptr[1:] + nnz
        grown = sp.csr_matrix((self._data[:total], self._indices[:total],
                               self._indptr[: total_rows + 1]),
                              shape=(total_rows, columns), copy=False)
        # Rows sorted on both sides are sorted together; told, scipy need not scan them.
        if matrix.has_sorted_indices and new.has_sorted_indices:
            grown.has_sorted_indices = True
        self._last = grown
        return grown

    def _reserve(self, matrix: sp.csr_matrix, entries: int, pointers: int,
                 index_type: np.dtype, value_type: np.dtype) -> None:
        """New arrays of ``entries`` and ``pointers`` slots holding ``matrix``."""
        rows, nnz = matrix.shape[0], int(matrix.indptr[-1])
        self._data = np.empty(entries, dtype=value_type)
        self._indices = np.empty(entries, dtype=index_type)
        self._indptr = np.empty(pointers, dtype=index_type)
        self._data[:nnz] = matrix.data[:nnz]
        self._indices[:nnz] = matrix.indices[:nnz]
        self._indptr[: rows + 1] = matrix.indptr
