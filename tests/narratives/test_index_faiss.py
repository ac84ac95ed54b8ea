"""Vector backends by name: the faiss index (exact below a size, an inverted file above it)
agrees with brute force and with the numpy backend, keeps removed rows out, and shares the
numpy backend's cache layout in both directions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from launderlens.errors import ConfigError
from launderlens.narratives import NarrativeIndex
from launderlens.narratives.cache import read_index, write_index
from launderlens.narratives.vectors import VectorIndex, vector_index

faiss = pytest.importorskip("faiss", reason="the vectors extra (faiss-cpu) is not installed")

from launderlens.narratives.faiss_index import FaissVectorIndex  # noqa: E402

from .test_index import CATALOGUE, BagOfWords  # noqa: E402

BACKENDS = ["numpy", "faiss"]


def clustered(count: int, dimension: int = 32, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(max(4, count // 150), dimension))
    rows = centres[rng.integers(0, len(centres), count)] + 0.3 * rng.normal(
        size=(count, dimension))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def queries(rows: np.ndarray, count: int = 40, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    picked = rows[rng.integers(0, len(rows), count)] + 0.05 * rng.normal(
        size=(count, rows.shape[1]))
    return (picked / np.linalg.norm(picked, axis=1, keepdims=True)).astype(np.float32)


def brute_force(rows: np.ndarray, query: np.ndarray, k: int,
                dead: frozenset[int] = frozenset()) -> set[int]:
    order = [int(i) for i in np.argsort(-(rows @ query)) if int(i) not in dead]
    return set(order[:k])


def test_backends_are_chosen_by_name() -> None:
    assert type(vector_index(8, "numpy")) is VectorIndex
    assert isinstance(vector_index(8, "faiss"), FaissVectorIndex)
    assert vector_index(8).name == "faiss"  # auto: faiss when installed
    with pytest.raises(ConfigError, match="numpy, faiss"):
        vector_index(8, "annoy")


def test_below_the_partition_size_the_faiss_backend_is_exact() -> None:
    rows = clustered(1500)
    index = FaissVectorIndex(32, partition_from=5000)
    index.add(rows)
    for query in queries(rows, 10):
        assert np.allclose(index.scores(query), rows @ query, atol=1e-5)
        found, scores = index.search(query, 10)
        assert set(found.tolist()) == brute_force(rows, query, 10)
        assert list(scores) == sorted(scores, reverse=True)


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_partitioned_search_agrees_with_brute_force(backend: str) -> None:
    rows = clustered(6000)
    index = vector_index(32, backend, partition_from=2000, probes=8)
    index.add(rows[:3000])
    index.add(rows[3000:])  # rows added after a partition is made are found too
    index.remove(17)
    agree = 0
    for query in queries(rows):
        found, _ = index.search(query, 10)
        assert 17 not in found.tolist()
        agree += len(set(found.tolist()) & brute_force(rows, query, 10, frozenset({17})))
    assert agree / (10 * 40) >= 0.9


@pytest.mark.parametrize(("writer", "reader"), [("faiss", "faiss"), ("faiss", "numpy"),
                                                ("numpy", "faiss")])
def test_a_partitioned_state_restores_into_either_backend(writer: str, reader: str) -> None:
    rows = clustered(3000)
    first = vector_index(32, writer, partition_from=1000, probes=8)
    first.add(rows[:2000])
    first.search(rows[0], 5)  # partitions
    first.add(rows[2000:])  # numpy: rows outside the partition; faiss: placed in cells
    first.remove(3)
    first.search(rows[0], 5)
    again = vector_index(32, reader, partition_from=1000, probes=8)
    again.restore(first.state())
    assert len(again) == len(first)
    for query in queries(rows, 10):
        found, _ = again.search(query, 10)
        assert 3 not in found.tolist()
        if writer == reader:
            assert np.array_equal(found, first.search(query, 10)[0])
        assert len(set(found.tolist()) & brute_force(rows, query, 10, frozenset({3}))) >= 8


def test_the_cache_file_carries_a_faiss_index(tmp_path: Path) -> None:
    index = NarrativeIndex(encoder=BagOfWords(), vector_backend="faiss")
    index.add(CATALOGUE)
    assert index.vectors is not None and index.vectors.name == "faiss"
    index.vectors.partition_from = 2  # partition even this small catalogue
    expected = index.search("biolabs make pathogens")
    path = tmp_path / "index.npz"
    write_index(path, index, "bag-of-words")
    for backend in BACKENDS:
        again = NarrativeIndex(encoder=BagOfWords(), vector_backend=backend)
        assert again.vectors is not None
        again.vectors.partition_from = 2
        assert read_index(path, again, "bag-of-words")
        assert again.search("biolabs make pathogens") == expected
