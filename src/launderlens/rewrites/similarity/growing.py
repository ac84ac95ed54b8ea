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
returned last (anything else is copied first) or to one it was told to :meth:`adopt`: a
loaded matrix whose arrays the loader read into the front of larger ones
(:func:`with_room`), so the first add after a load writes in place too.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["ROOM", "GrowingRows", "with_room"]

_INT32_MAX = np.iinfo(np.int32).max
#: The share of its length an array grows by when it runs out of room.
ROOM = 1 / 16


def with_room(length: int, dtype: np.dtype) -> np.ndarray:
    """An uninitialised array of ``length`` items at the front of a larger one, with room
    for :data:`ROOM` more (what :meth:`GrowingRows.adopt` writes into)."""
    return np.empty(length + int(length * ROOM) + 1, dtype=dtype)[:length]


class GrowingRows:
    """Appends rows to the CSR matrix it returned last, in place where there is room."""

    def __init__(self, room: float = ROOM) -> None:
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

    def adopt(self, matrix: sp.csr_matrix) -> None:
        """Append to ``matrix`` next as if this grower had returned it, in the room past
        the ends of its arrays where they are the fronts of larger ones. Only for a matrix
        whose arrays nothing else holds (a loader's own): rows are written past its end."""
        self._data, self._indices, self._indptr = (
            _whole(part) for part in (matrix.data, matrix.indices, matrix.indptr))
        self._last = matrix

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


def _whole(part: np.ndarray) -> np.ndarray:
    """The array ``part`` is the front of (``part`` itself where it is no such view)."""
    whole = part.base
    if isinstance(whole, np.ndarray) and whole.ndim == 1 and part.ndim == 1 and \
            whole.dtype == part.dtype and whole.flags.c_contiguous and \
            part.flags.c_contiguous and whole.ctypes.data == part.ctypes.data:
        return whole
    return part
