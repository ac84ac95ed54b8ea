"""Benchmark: the narrative vector backends at 100,000 to 1,000,000 rows.

Builds clustered unit vectors (384 dimensions, MiniLM's width: points scattered around a
few thousand random centres, as paraphrases of one claim gather) and queries near stored
rows, then prints for each backend, measured in this run:

- build: seconds to add every row and make the partition (k-means) before the first query;
- queries per second, one query at a time (as the matcher asks), and the ratio against
  brute force (one matrix product over every row, then the top 10) in the same run;
- recall@10: the share of brute force's top 10 each backend returns.

Backends: ``brute`` (numpy, exact), ``numpy-ivf`` (the hand-written inverted file of
:mod:`launderlens.narratives.vectors`), ``faiss-ivf`` (:mod:`launderlens.narratives.faiss_index`,
when the vectors extra is installed) at a few ``nprobe`` values, and ``faiss-flat``
(faiss's exact ``IndexFlatIP``, one query at a time: what the backend would use below its
partition size if it beat numpy's product; it does not, so the backend does not).

    python bench/vectors.py [--rows 100000] [--queries 300] [--spread 0.05] [--no-flat]
                            [--json]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from launderlens.narratives.vectors import VectorIndex

DIMENSION = 384
TOP = 10


def clustered(rows: int, centres: int, seed: int, spread: float) -> np.ndarray:
    """Unit vectors around ``centres`` random directions, built in chunks (1M x 384 floats
    is 1.5 GB; the chunks keep the temporaries small)."""
    rng = np.random.default_rng(seed)
    middle = rng.normal(size=(centres, DIMENSION)).astype(np.float32)
    middle /= np.linalg.norm(middle, axis=1, keepdims=True)
    out = np.empty((rows, DIMENSION), dtype=np.float32)
    for start in range(0, rows, 100_000):
        end = min(rows, start + 100_000)
        chunk = middle[rng.integers(0, centres, end - start)]
        chunk = chunk + rng.normal(scale=spread, size=chunk.shape).astype(np.float32)
        out[start:end] = chunk / np.linalg.norm(chunk, axis=1, keepdims=True)
    return out


def near(data: np.ndarray, count: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    picked = data[rng.integers(0, len(data), count)]
    picked = picked + rng.normal(scale=0.03, size=picked.shape).astype(np.float32)
    out: np.ndarray = (picked / np.linalg.norm(picked, axis=1, keepdims=True))
    return out.astype(np.float32)


def timed(search: Callable[[np.ndarray], np.ndarray], queries: np.ndarray
          ) -> tuple[float, list[np.ndarray]]:
    search(queries[0])  # warm: a lazy partition is made here, outside the timing
    start = time.perf_counter()
    found = [search(q) for q in queries]
    return len(queries) / (time.perf_counter() - start), found


def recall(found: list[np.ndarray], truth: list[np.ndarray]) -> float:
    hits = sum(len(set(f.tolist()) & set(t.tolist())) for f, t in zip(found, truth,
                                                                       strict=True))
    return hits / (TOP * len(truth))


def brute(data: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    def search(query: np.ndarray) -> np.ndarray:
        scores = data @ query
        best = np.argpartition(-scores, TOP)[:TOP]
        return best[np.argsort(-scores[best])]
    return search


class FlatIP:
    """faiss's exact inner-product index behind the backends' add/search."""

    def __init__(self, faiss: Any) -> None:
        self.index = faiss.IndexFlatIP(DIMENSION)

    def add(self, vectors: np.ndarray) -> None:
        self.index.add(np.ascontiguousarray(vectors))

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        scores, rows = self.index.search(query.reshape(1, -1), k)
        return rows[0], scores[0]


def faiss_module() -> Any:
    import faiss

    return faiss


def run(rows: int, queries: int, seed: int, spread: float, flat: bool) -> dict[str, Any]:
    data = clustered(rows, max(100, rows // 200), seed, spread)
    asked = near(data, queries, seed + 1)
    results: dict[str, Any] = {"rows": rows, "dimension": DIMENSION, "queries": queries,
                               "spread": spread}
    qps, truth = timed(brute(data), asked)
    results["brute"] = {"qps": round(qps, 1), "recall_at_10": 1.0, "speedup": 1.0,
                        "build_s": 0.0}
    base = qps

    def measure(name: str, make: Callable[[], Any]) -> None:
        start = time.perf_counter()
        index = make()
        index.add(data)
        index.search(asked[0], TOP)  # the partition is made on the first query
        build = time.perf_counter() - start
        speed, found = timed(lambda q: index.search(q, TOP)[0], asked)
        results[name] = {"qps": round(speed, 1), "recall_at_10": round(recall(found, truth), 4),
                         "speedup": round(speed / base, 2), "build_s": round(build, 1)}

    measure("numpy-ivf", lambda: VectorIndex(DIMENSION))
    try:
        from launderlens.narratives.faiss_index import FaissVectorIndex, faiss_available
    except ImportError:  # pragma: no cover - the module imports faiss lazily
        return results
    if not faiss_available():
        results["faiss"] = "not installed (pip install 'launderlens[vectors]')"
        return results
    if flat:
        measure("faiss-flat", lambda: FlatIP(faiss_module()))
    shared: dict[str, Any] = {}

    def faiss_ivf() -> Any:
        shared["index"] = FaissVectorIndex(DIMENSION)
        return shared["index"]

    measure("faiss-ivf", faiss_ivf)  # nprobe 32, the default
    index = shared["index"]
    for probes in (8, 16, 64):
        index._index.nprobe = probes
        speed, found = timed(lambda q: index.search(q, TOP)[0], asked)
        results[f"faiss-ivf-nprobe{probes}"] = {
            "qps": round(speed, 1), "recall_at_10": round(recall(found, truth), 4),
            "speedup": round(speed / base, 2)}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--spread", type=float, default=0.05,
                        help="noise per dimension around each centre (0.05: a row's noise "
                             "is about as long as its centre; larger is harder for IVF)")
    parser.add_argument("--no-flat", dest="flat", action="store_false",
                        help="skip faiss's exact index (slow on a million rows)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.rows, args.queries, args.seed, args.spread, args.flat)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{results['rows']:,} rows x {DIMENSION} (spread {results['spread']}), "
          f"{results['queries']} queries, one at a time; ratios against brute force in "
          "this run")
    print(f"{'backend':<22}{'build s':>9}{'queries/s':>12}{'x brute':>9}{'recall@10':>11}")
    for name, row in results.items():
        if isinstance(row, dict):
            print(f"{name:<22}{row.get('build_s', ''):>9}{row['qps']:>12}"
                  f"{row['speedup']:>9}{row['recall_at_10']:>11}")
        elif isinstance(row, str):
            print(f"{name:<22}{row}")


if __name__ == "__main__":
    main()
