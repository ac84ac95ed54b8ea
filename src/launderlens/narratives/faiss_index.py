"""Unit vectors in, cosine scores for a query out, from faiss (the ``vectors`` extra): exact
below ``partition_from`` rows, an inverted file (``IndexIVFFlat``, inner product) above it.

Below the partition size the scores are numpy's one matrix product, as in
:class:`~launderlens.narratives.vectors.VectorIndex`: the matcher asks one query at a time
and reads every row's score, and for one query faiss's exact ``IndexFlatIP`` measured
slower than the product (0.3-0.5x in ``bench/vectors.py`` at 100,000 rows on two cores).

The interface is :class:`~launderlens.narratives.vectors.VectorIndex`'s, and so is the
cache layout: the rows, which are alive, and the partition as centroids plus each cell's
rows. A cache written by either backend restores into the other. The faiss index itself is
never written or read as faiss bytes: a cache file comes from whoever shared a case folder,
and faiss's reader is not built for hostile input, so the index is rebuilt from the checked
arrays (the quantizer from the centroids, each row added to the cell the file names,
without a new k-means).

Above the partition size, ``scores`` returns the ``neighbours`` best rows' cosines and 0
elsewhere, as the numpy partition returns 0 for the cells it skips (the narrative index
takes its candidates from the best few hundred, so 1,024 leave room).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..errors import ConfigError
from .vectors import VectorIndex

__all__ = ["FaissVectorIndex", "faiss_available"]

#: k-means trains on this many rows per cell (faiss warns below 39).
_SAMPLE_PER_CELL = 40


def _faiss() -> Any:
    try:
        import faiss
    except ImportError as err:
        raise ConfigError("the faiss vector backend needs faiss-cpu: "
                          "pip install 'launderlens[vectors]'") from err
    return faiss


def faiss_available() -> bool:
    try:
        _faiss()
    except ConfigError:
        return False
    return True


class FaissVectorIndex(VectorIndex):
    """Rows numbered in the order added, searched by faiss; see the module docstring.

    ``probes`` is the inverted file's ``nprobe``; cells number about ``4 * sqrt(rows)`` when
    the partition is made, and it is made again when the rows outgrow four times that.
    """

    name = "faiss"

    def __init__(self, dimension: int, *, partition_from: int = 50_000, probes: int = 32,
                 neighbours: int = 1024, seed: int = 7) -> None:
        super().__init__(dimension, partition_from=partition_from, probes=probes, seed=seed)
        self.faiss = _faiss()
        self.neighbours = neighbours
        self.seed = seed
        self._index: Any = None
        self._quantizer: Any = None
        self._indexed = 0  # rows [0, _indexed) are in self._index

    def add(self, vectors: np.ndarray) -> None:
        super().add(vectors)  # rows are kept here too: exact scores and the cache read them

    def _current(self) -> Any:
        """The inverted file with every row in it, made or remade as the rows grew (only
        called at or above ``partition_from`` rows)."""
        if (self._index is None or self._centroids is None
                or self._count > 4 * self._partitioned):
            self._partition()
        if self._indexed < self._count:
            self._index.add(np.ascontiguousarray(self._rows[self._indexed:self._count]))
            self._indexed = self._count
        return self._index

    def _partition(self) -> None:
        faiss = self.faiss
        cells = min(max(16, int(4 * np.sqrt(self._count))), self._count)
        data = self.matrix
        take = min(self._count, cells * _SAMPLE_PER_CELL)
        sample = np.ascontiguousarray(data[self._rng.choice(self._count, take, replace=False)])
        kmeans = faiss.Kmeans(self.dimension, cells, niter=10, seed=self.seed,
                              spherical=True)
        kmeans.train(sample)
        self._build_ivf(np.ascontiguousarray(kmeans.centroids, dtype=np.float32), None)

    def _build_ivf(self, centroids: np.ndarray, assignment: np.ndarray | None) -> None:
        """An inverted file over ``centroids`` holding every row, in the cells
        ``assignment`` gives (found by the quantizer when None)."""
        faiss = self.faiss
        quantizer = faiss.IndexFlatIP(self.dimension)
        quantizer.add(centroids)
        index = faiss.IndexIVFFlat(quantizer, self.dimension, len(centroids),
                                   faiss.METRIC_INNER_PRODUCT)
        index.is_trained = True
        index.nprobe = min(self.probes, len(centroids))
        rows = np.ascontiguousarray(self.matrix)
        if assignment is None:
            assignment = np.full(len(rows), -1, dtype=np.int64)
        unassigned = np.flatnonzero(assignment < 0)
        if len(unassigned):
            found = quantizer.search(np.ascontiguousarray(rows[unassigned]), 1)[1]
            assignment[unassigned] = found.reshape(-1)
        cells = np.ascontiguousarray(assignment, dtype=np.int64)
        # add_core with the cells given: what faiss.contrib.ivf_tools.add_preassigned does
        index.add_core(len(rows), faiss.swig_ptr(rows), None, faiss.swig_ptr(cells))
        self._quantizer = quantizer  # the index points into it: keep it alive
        self._index = index
        self._indexed = self._count
        self._centroids = centroids
        self._partitioned = self._count

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` best live rows for ``query`` and their cosines, best first."""
        if self._count < self.partition_from:
            return super().search(query, k)  # exact, from numpy's product
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        index = self._current()
        dead = int(self._count - self._alive[:self._count].sum())
        want = min(self._count, k + dead)
        scores, rows = index.search(np.asarray(query, dtype=np.float32).reshape(1, -1), want)
        rows, scores = rows[0], scores[0]
        keep = rows >= 0
        keep[keep] = self._alive[rows[keep]]
        return rows[keep][:k], scores[keep][:k]

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine of every row below ``partition_from`` rows (one matrix product, as the
        numpy backend: a caller may read any row's score); above it, of the
        ``neighbours`` best rows, 0 elsewhere."""
        if self._count < self.partition_from:
            return self.exact_scores(query)
        out = np.zeros(self._count, dtype=np.float32)
        rows, scores = self.search(query, self.neighbours)
        out[rows] = scores
        return out

    def state(self) -> dict[str, np.ndarray]:
        """As :meth:`VectorIndex.state`: the partition is the inverted file's cells."""
        arrays = {"vectors_rows": self.matrix, "vectors_alive": self._alive[:self._count]}
        if self._count >= self.partition_from:
            index = self._current()
            invlists = index.invlists
            members = [self.faiss.rev_swig_ptr(invlists.get_ids(cell),
                                               invlists.list_size(cell)).copy()
                       for cell in range(index.nlist)]
            sizes = np.array([len(m) for m in members], dtype=np.int64)
            assert self._centroids is not None
            arrays |= {"vectors_centroids": self._centroids,
                       "vectors_cell_order": np.concatenate(members).astype(np.int64),
                       "vectors_cell_bounds": np.concatenate([[0], np.cumsum(sizes)])
                       .astype(np.int64)}
        return arrays

    def restore(self, arrays: Mapping[str, np.ndarray]) -> None:
        """:meth:`VectorIndex.restore`, then the faiss index from the checked arrays."""
        super().restore(arrays)
        self._index = None
        self._indexed = 0
        if self._centroids is None:
            return
        # Rows the numpy backend added after its partition are in no cell: the quantizer
        # places them.
        assignment = np.full(self._count, -1, dtype=np.int64)
        for cell in range(len(self._centroids)):
            start, end = self._cell_bounds[cell], self._cell_bounds[cell + 1]
            assignment[self._cell_order[start:end]] = cell
        self._build_ivf(np.ascontiguousarray(self._centroids, dtype=np.float32), assignment)
