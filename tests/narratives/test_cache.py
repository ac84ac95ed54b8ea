"""The narrative index's cache file: arrays and JSON read without pickle, so a planted file
never runs; anything not exactly what we write is rebuilt with a warning naming the file;
a cache written by one run is read by the next."""

from __future__ import annotations

import io
import logging
import pickle
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from launderlens.narratives import NarrativeMatcher, NarrativeRecord
from launderlens.narratives.index import terms
from launderlens.narratives.match import index_cache_path
from launderlens.narratives.vectors import VectorIndex
from launderlens.store import open_store

RECORDS = [
    NarrativeRecord("aid", "The president stole Western aid money through shell companies.",
                    phrasings=("Officials embezzled billions in foreign assistance",)),
    NarrativeRecord("talks", "Western leaders sabotaged the spring peace talks.",
                    title="Peace deal blocked by the West"),
    NarrativeRecord("dam", "The dam was destroyed by its own defenders to flood the front."),
    NarrativeRecord("labs", "Secret laboratories in the country develop biological weapons."),
]
QUERIES = ["officials embezzled billions in aid via shell firms",
           "the West blocked a peace deal in spring", "defenders blew up their own dam"]
CACHE_LOG = "launderlens.narratives.cache"


class BagOfWords:
    """A tiny deterministic encoder: hashed word counts, unit length."""

    name = "bag-of-words"
    dimension = 32

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            for term in terms(text):
                rows[i, sum(map(ord, term)) % self.dimension] += 1.0
        return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)


def answers(matcher: NarrativeMatcher) -> list[list[tuple[str, float, float | None]]]:
    return [[(m.record.id, round(m.hit.score, 9), m.hit.cosine) for m in row]
            for row in matcher.search_many(QUERIES, top=3)]


def built(db: Path, encoder: Any = None) -> tuple[Path, list[Any]]:
    """A catalogue in ``db`` with its cache written; the cache path and the answers of an
    index built from the store alone."""
    with open_store(str(db)) as store:
        matcher = NarrativeMatcher(store, encoder=encoder)
        matcher.import_records(RECORDS)
        assert matcher.cache_path is not None and matcher.cache_path.is_file()
        expected = answers(NarrativeMatcher(store, encoder=encoder, cache=False))
        return matcher.cache_path, expected


def warnings_about(caplog: pytest.LogCaptureFixture, path: Path) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno >= logging.WARNING and str(path) in r.getMessage()]


def read_back(db: Path, caplog: pytest.LogCaptureFixture, encoder: Any = None
              ) -> tuple[list[Any], bool]:
    """The answers of a new run over ``db``, and whether it read the cache."""
    caplog.clear()
    with caplog.at_level(logging.INFO, logger=CACHE_LOG), open_store(str(db)) as store:
        result = answers(NarrativeMatcher(store, encoder=encoder))
    read = any("read from its cache" in r.getMessage() for r in caplog.records)
    return result, read


class _Planted:
    """Unpickling this opens (so creates) the marker file: what a planted cache could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.marker), "w"))


def test_a_planted_pickle_never_runs_and_the_index_is_rebuilt(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache, expected = built(tmp_path / "db.sqlite")
    marker = tmp_path / "ran"
    cache.write_bytes(pickle.dumps((2, None, _Planted(marker))))
    with caplog.at_level(logging.INFO):
        result, read = read_back(tmp_path / "db.sqlite", caplog)
    assert not marker.exists()
    assert result == expected and not read
    assert warnings_about(caplog, cache)
    # The rebuilt index replaced the planted file, and the next run reads it.
    assert read_back(tmp_path / "db.sqlite", caplog) == (expected, True)


def _truncated(data: bytes) -> bytes:
    return data[:len(data) // 2]


def _garbled(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes(b ^ 0x5A for b in data[middle:middle + 64]) + \
        data[middle + 64:]


def _rewritten(change: Callable[[dict[str, np.ndarray]], None], *,
               compressed: bool = False, pickles: bool = False) -> Callable[[bytes], bytes]:
    """A well-formed npz of the cache's arrays after ``change``."""
    def rewrite(data: bytes) -> bytes:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
        change(arrays)
        out = io.BytesIO()
        if compressed:
            np.savez_compressed(out, **arrays)
        else:
            np.savez(out, allow_pickle=pickles, **arrays)
        return out.getvalue()
    return rewrite


def _out_of_range(arrays: dict[str, np.ndarray]) -> None:
    arrays["doc_record"] = arrays["doc_record"] + 10_000


def _wrong_dtype(arrays: dict[str, np.ndarray]) -> None:
    arrays["bm25_lengths"] = arrays["bm25_lengths"].astype(np.float64)


def _object_array(arrays: dict[str, np.ndarray]) -> None:
    arrays["doc_record"] = np.array([{"not": "numbers"}] * len(arrays["doc_record"]))


def _foreign_meta(arrays: dict[str, np.ndarray]) -> None:
    arrays["meta"] = np.frombuffer(b'{"kind": "launderlens-narrative-index", "format": 3}',
                                   dtype=np.uint8)


def _extra_array(arrays: dict[str, np.ndarray]) -> None:
    arrays["surprise"] = np.zeros(3)


@pytest.mark.parametrize("damage", [
    _truncated, _garbled, lambda data: b"", _rewritten(_out_of_range),
    _rewritten(_wrong_dtype), _rewritten(_object_array, pickles=True),
    _rewritten(_foreign_meta), _rewritten(_extra_array), _rewritten(lambda a: None,
                                                                   compressed=True),
], ids=["truncated", "garbled", "empty", "doc-out-of-range", "wrong-dtype", "object-array",
        "foreign-meta", "extra-array", "compressed"])
def test_a_damaged_or_foreign_cache_is_rebuilt_with_a_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture,
        damage: Callable[[bytes], bytes]) -> None:
    cache, expected = built(tmp_path / "db.sqlite")
    cache.write_bytes(damage(cache.read_bytes()))
    result, read = read_back(tmp_path / "db.sqlite", caplog)
    assert result == expected and not read
    assert warnings_about(caplog, cache)
    assert read_back(tmp_path / "db.sqlite", caplog) == (expected, True)


def test_a_cache_written_by_one_run_is_read_by_the_next(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache, expected = built(tmp_path / "db.sqlite")
    written = cache.read_bytes()
    with zipfile.ZipFile(cache) as archive:  # plain stored arrays, nothing pickled
        assert all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist())
    with np.load(cache, allow_pickle=False) as npz:
        assert "meta" in npz.files and all(npz[name].dtype != object for name in npz.files)
    result, read = read_back(tmp_path / "db.sqlite", caplog)
    assert result == expected and read
    assert not warnings_about(caplog, cache)
    assert cache.read_bytes() == written  # read, not rebuilt and written again


def test_vectors_go_through_the_cache_and_another_encoder_rebuilds(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache, expected = built(tmp_path / "db.sqlite", BagOfWords())
    assert all(hit[2] is not None for row in expected for hit in row)
    assert read_back(tmp_path / "db.sqlite", caplog, BagOfWords()) == (expected, True)

    class Narrower(BagOfWords):
        name, dimension = "narrow", 16

    # A file of one encoder's vectors put where another's cache goes does not fit it.
    with open_store(str(tmp_path / "db.sqlite")) as store:
        other = index_cache_path(store, Narrower())
    assert other is not None and other != cache
    other.write_bytes(cache.read_bytes())
    result, read = read_back(tmp_path / "db.sqlite", caplog, Narrower())
    assert not read and warnings_about(caplog, other)
    assert all(hit[2] is not None for row in result for hit in row)


def test_a_partitioned_vector_index_survives_its_state() -> None:
    rng = np.random.default_rng(3)
    rows = rng.normal(size=(300, 8)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    index = VectorIndex(8, partition_from=100, probes=2)
    index.add(rows)
    index.remove(5)
    query = rows[7]
    before = index.scores(query)  # partitions
    again = VectorIndex(8, partition_from=100, probes=2)
    again.restore(index.state())
    assert np.array_equal(again.scores(query), before)
    assert again.scores(rows[5])[5] == 0.0


def test_a_partition_that_does_not_cover_its_rows_is_refused() -> None:
    index = VectorIndex(4, partition_from=10)
    index.add(np.eye(4, dtype=np.float32)[np.arange(40) % 4])
    index.scores(np.eye(4, dtype=np.float32)[0])
    state = index.state()
    state["vectors_cell_order"] = np.zeros_like(state["vectors_cell_order"])
    with pytest.raises(ValueError, match="partition"):
        VectorIndex(4, partition_from=10).restore(state)
