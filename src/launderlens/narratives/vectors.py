"""Unit vectors in, cosine scores for a query vector out: exact, or over the nearest cells of
an inverted-file partition once there are many rows.

Below ``partition_from`` rows every row is scored (a matrix product is fast enough). Above
it, rows are grouped around ``sqrt(n)``-ish centroids found by a few rounds of k-means on a
sample; a query scores only the rows of its ``probes`` nearest cells, plus the rows added
since the partition was made (scored exactly, so a fresh import is searchable at once).
The partition is remade when those new rows outgrow a quarter of the partitioned ones.
:meth:`VectorIndex.state` and :meth:`VectorIndex.restore` carry rows and partition through
the cache file (:mod:`~launderlens.narratives.cache`).

Backends are chosen by name (:func:`vector_index`): ``numpy`` (this module) or ``faiss``
(:mod:`~launderlens.narratives.faiss_index`, the ``vectors`` extra, many times faster per
query on large catalogues); ``auto`` takes faiss when it is installed. Both keep the same
cache layout, and each index says its backend in ``name``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .cache import checked, require

__all__ = ["VECTOR_BACKENDS", "VectorIndex", "vector_index"]

#: The backends :func:`vector_index` knows, by name.
VECTOR_BACKENDS = ("auto", "numpy", "faiss")

_SAMPLE = 40_000
_ROUNDS = 8


class VectorIndex:
    """Rows numbered in the order added; see the module docstring."""

    name = "numpy"

    def __init__(self, dimension: int, *, partition_from: int = 50_000, probes: int = 24,
                 seed: int = 7) -> None:
        self.dimension = dimension
        self.partition_from = partition_from
        self.probes = probes
        self._rng = np.random.default_rng(seed)
        self._rows = np.zeros((0, dimension), dtype=np.float32)
        self._count = 0
        self._alive = np.zeros(0, dtype=bool)
        self._centroids: np.ndarray | None = None
        self._cell_order = np.zeros(0, dtype=np.int64)
        self._cell_bounds = np.zeros(1, dtype=np.int64)
        self._partitioned = 0

    def __len__(self) -> int:
        return self._count

    @property
    def matrix(self) -> np.ndarray:
        return self._rows[:self._count]

    def add(self, vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, self.dimension)
        needed = self._count + len(vectors)
        if needed > len(self._rows):  # grow by doubling: amortised O(1) per row
            grown = np.zeros((max(needed, 2 * len(self._rows), 1024), self.dimension),
                             dtype=np.float32)
            grown[:self._count] = self._rows[:self._count]
            self._rows = grown
            alive = np.zeros(len(grown), dtype=bool)
            alive[:self._count] = self._alive[:self._count]
            self._alive = alive
        self._rows[self._count:needed] = vectors
        self._alive[self._count:needed] = True
        self._count = needed

    def remove(self, row: int) -> None:
        self._alive[row] = False

    def exact_scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine of every row with ``query`` (removed rows 0): brute force."""
        scores = self.matrix @ np.asarray(query, dtype=np.float32)
        scores[~self._alive[:self._count]] = 0.0
        return scores

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine for the rows the partition points to, 0 elsewhere (all rows when small)."""
        if self._count < self.partition_from:
            return self.exact_scores(query)
        if self._centroids is None or self._count - self._partitioned > self._partitioned // 4:
            self._partition()
        assert self._centroids is not None
        query = np.asarray(query, dtype=np.float32)
        cells = np.argsort(-(self._centroids @ query))[:self.probes]
        rows = [self._cell_order[self._cell_bounds[c]:self._cell_bounds[c + 1]] for c in cells]
        rows.append(np.arange(self._partitioned, self._count))
        picked = np.concatenate(rows)
        out = np.zeros(self._count, dtype=np.float32)
        out[picked] = self._rows[picked] @ query
        out[~self._alive[:self._count]] = 0.0
        return out

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` best live rows that :meth:`scores` visits, and their cosines, best
        first."""
        scores = self.scores(query)
        live = np.flatnonzero(self._alive[:self._count])
        k = min(k, len(live))
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        best = live[np.argpartition(-scores[live], k - 1)[:k]]
        best = best[np.argsort(-scores[best], kind="stable")]
        return best, scores[best]

    def _partition(self) -> None:
        data = self.matrix
        n_cells = max(16, int(2 * np.sqrt(self._count)))
        sample = data[self._rng.choice(self._count, min(self._count, _SAMPLE), replace=False)]
        centroids = sample[self._rng.choice(len(sample), n_cells, replace=False)].copy()
        for _ in range(_ROUNDS):
            nearest = np.argmax(sample @ centroids.T, axis=1)
            for cell in range(n_cells):
                members = sample[nearest == cell]
                if len(members):
                    mean = members.mean(axis=0)
                    centroids[cell] = mean / max(float(np.linalg.norm(mean)), 1e-12)
        assignment = np.concatenate([np.argmax(data[i:i + 8192] @ centroids.T, axis=1)
                                     for i in range(0, self._count, 8192)])
        self._cell_order = np.argsort(assignment, kind="stable")
        self._cell_bounds = np.searchsorted(assignment[self._cell_order],
                                            np.arange(n_cells + 1))
        self._centroids = centroids
        self._partitioned = self._count

    def state(self) -> dict[str, np.ndarray]:
        """The rows, which are alive, and the partition when there is one, as arrays."""
        arrays = {"vectors_rows": self.matrix, "vectors_alive": self._alive[:self._count]}
        if self._centroids is not None:
            arrays |= {"vectors_centroids": self._centroids,
                       "vectors_cell_order": self._cell_order.astype(np.int64),
                       "vectors_cell_bounds": self._cell_bounds.astype(np.int64)}
        return arrays

    def restore(self, arrays: Mapping[str, np.ndarray]) -> None:
        """Take what :meth:`state` gave into this empty index; CacheError when the arrays
        are not of its shapes or do not fit together."""
        rows = checked(arrays, "vectors_rows", np.float32, (None, self.dimension))
        require(bool(np.isfinite(rows).all()), "a vector holds NaN or infinity")
        alive = checked(arrays, "vectors_alive", np.bool_, (len(rows),))
        if "vectors_centroids" in arrays:
            centroids = checked(arrays, "vectors_centroids", np.float32, (None, self.dimension))
            require(len(centroids) > 0 and bool(np.isfinite(centroids).all()),
                    "the partition has no cells, or NaN")
            order = checked(arrays, "vectors_cell_order", np.int64, (None,))
            bounds = checked(arrays, "vectors_cell_bounds", np.int64, (len(centroids) + 1,))
            require(len(order) <= len(rows) and np.array_equal(np.sort(order),
                                                               np.arange(len(order))),
                    "the partition's rows are not each partitioned row once")
            require(bounds[0] == 0 and bounds[-1] == len(order)
                    and bool((np.diff(bounds) >= 0).all()), "the cells' bounds are out of order")
            self._centroids, self._cell_order, self._cell_bounds = centroids, order, bounds
            self._partitioned = len(order)
        self._rows = np.array(rows, dtype=np.float32)
        self._alive = np.array(alive, dtype=bool)
        self._count = len(rows)


def vector_index(dimension: int, backend: str = "auto", **options: Any) -> VectorIndex:
    """An empty index of ``backend`` (one of :data:`VECTOR_BACKENDS`); ``auto`` is faiss
    when installed, numpy otherwise. ConfigError for another name, or for faiss when it is
    not installed."""
    from ..errors import ConfigError
    from .faiss_index import FaissVectorIndex, faiss_available

    if backend not in VECTOR_BACKENDS:
        raise ConfigError(f"unknown vector backend {backend!r}; use one of "
                          f"{', '.join(VECTOR_BACKENDS)}")
    if backend == "faiss" or (backend == "auto" and faiss_available()):
        return FaissVectorIndex(dimension, **options)
    return VectorIndex(dimension, **options)
