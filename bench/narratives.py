"""Benchmark: the narrative catalogue at 100,000 records.

Prints, for a generated catalogue:

- import rate: records per second written through ``NarrativeMatcher.import_records`` into
  a SQLite store (index catch-up and cache file included), and the peak memory;
- search without embeddings (BM25): queries per second and p50/p95/p99 latency;
- search with embeddings (BM25 + vectors, the vector part through the inverted-file
  partition once the catalogue is large), beside brute-force cosine over the *same* vectors
  in the same process: latency of both, their ratio, and how many of the brute-force top 10
  the partition finds (recall@10);
- the embedding model's own speed on 1,000 query texts, when it is installed.

Embedding 200,000 phrasings with MiniLM would take over an hour on two cores, so the
catalogue's vectors come from a hashing encoder (each stem a fixed random direction; a text
the normalised sum), which gives paraphrases nearby vectors at no model cost. Search cost
does not depend on where the vectors come from; the model's cost per query is printed
separately so the two can be added.

    python bench/narratives.py [--records 100000] [--queries 2000] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from forked import in_child
from launderlens.narratives import NarrativeMatcher, NarrativeRecord
from launderlens.narratives.index import NarrativeIndex, terms
from launderlens.store import open_store

ACTORS = ["the president", "the government", "NATO", "the European Commission", "Kyiv",
          "Washington", "the ministry", "Western intelligence", "the army", "the mayor",
          "a charity", "the central bank", "the opposition", "foreign agents", "the police"]
VERBS = ["stole", "hid", "staged", "invented", "funded", "covered up", "sabotaged", "sold",
         "faked", "ordered", "smuggled", "planned", "leaked", "destroyed", "rigged"]
OBJECTS = ["the aid money", "the election", "the attack", "the vaccine trials", "the grain",
           "the weapons", "the peace talks", "the pipeline blast", "the refugee figures",
           "the laboratory", "the fuel supplies", "the census", "the flood", "the bank loans",
           "the border incident", "the drone strike", "the food deliveries"]
PLACES = ["in Kharkiv", "in Odesa", "in Warsaw", "in Riga", "in the Donbas", "in Moldova",
          "in Tbilisi", "in Berlin", "in Vilnius", "in Crimea", "at the border", "in Brussels"]
PURPOSES = ["to prolong the war", "to blame Russia", "to enrich officials",
            "to provoke a conflict", "to hide losses", "to win votes", "to weaken Europe",
            "to justify sanctions", "to cover corruption", "to frighten voters"]
TIMES = ["in 2022", "last spring", "in March", "before the vote", "after the summit",
         "in 2023", "this winter", "during the talks"]


def claim_text(rng: random.Random) -> str:
    return (f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
            f"{rng.choice(PLACES)} {rng.choice(TIMES)} {rng.choice(PURPOSES)}")


def catalogue(n: int, seed: int = 5) -> list[NarrativeRecord]:
    rng = random.Random(seed)
    return [NarrativeRecord(f"r{i:06d}", claim_text(rng).capitalize() + ".",
                            phrasings=(claim_text(rng),), rating="false",
                            urls=(f"https://factcheck.example/{i}",), origin="bench")
            for i in range(n)]


def queries(records: Sequence[NarrativeRecord], n: int, seed: int = 6) -> list[str]:
    """Rewordings of random records: words dropped and the order shuffled."""
    rng = random.Random(seed)
    out = []
    for record in rng.sample(list(records), n):
        words = record.claim.rstrip(".").split()
        kept = [w for w in words if rng.random() > 0.2]
        rng.shuffle(kept)
        out.append("Reports say " + " ".join(kept))
    return out


class HashingEncoder:
    """Texts to unit vectors: the sum of a fixed random direction per stem."""

    name = "hashing-bench"
    dimension = 384

    def __init__(self) -> None:
        self._cache: dict[str, np.ndarray] = {}

    def _direction(self, term: str) -> np.ndarray:
        vector = self._cache.get(term)
        if vector is None:
            seed = int.from_bytes(term.encode("utf-8")[:8].ljust(8, b"\0"), "little")
            vector = np.random.default_rng(seed ^ len(term)).standard_normal(
                self.dimension).astype(np.float32)
            self._cache[term] = vector
        return vector

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for term in terms(text):
                out[row] += self._direction(term)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)


def percentiles(latencies: Sequence[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    def at(q: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)
    return {"p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99),
            "mean_ms": round(1000 * statistics.fmean(ordered), 3)}


def phase_import(n: int) -> dict[str, Any]:
    records = catalogue(n)
    with tempfile.TemporaryDirectory() as folder, open_store(str(Path(folder) / "b.db")) as st:
        matcher = NarrativeMatcher(st)
        started = time.perf_counter()
        summary = matcher.import_records(records)
        seconds = time.perf_counter() - started
        cache = matcher.cache_path
        size = cache.stat().st_size if cache and cache.is_file() else 0
        started = time.perf_counter()
        reopened = NarrativeMatcher(st)
        loaded = len(reopened.index)
        load_seconds = time.perf_counter() - started
    return {"records": summary.added, "seconds": round(seconds, 2),
            "records_per_s": round(summary.added / seconds), "index_cache_mb":
            round(size / 2**20, 1), "cached_index_load_s": round(load_seconds, 2),
            "cached_index_records": loaded}


def timed_search(index: NarrativeIndex, texts: Sequence[str]) -> dict[str, Any]:
    latencies = []
    started = time.perf_counter()
    for text in texts:
        t0 = time.perf_counter()
        index.search(text, top=5)
        latencies.append(time.perf_counter() - t0)
    total = time.perf_counter() - started
    return {"queries": len(texts), "qps": round(len(texts) / total, 1),
            **percentiles(latencies)}


def phase_lexical(n: int, n_queries: int) -> dict[str, Any]:
    records = catalogue(n)
    index = NarrativeIndex()
    started = time.perf_counter()
    index.add(records)
    built = time.perf_counter() - started
    return {"build_s": round(built, 2), **timed_search(index, queries(records, n_queries))}


def phase_vectors(n: int, n_queries: int) -> dict[str, Any]:
    records = catalogue(n)
    encoder = HashingEncoder()
    index = NarrativeIndex(encoder=encoder)
    started = time.perf_counter()
    index.add(records)
    built = time.perf_counter() - started
    texts = queries(records, n_queries)
    assert index.vectors is not None
    index.vectors.scores(encoder.encode(texts[:1])[0])  # make the partition outside timing
    fused = timed_search(index, texts)
    qvecs = encoder.encode(texts)
    partition, brute, found = [], [], 0
    for qvec in qvecs:
        t0 = time.perf_counter()
        approx = index.vectors.scores(qvec)
        top_approx = np.argpartition(-approx, 10)[:10]
        t1 = time.perf_counter()
        exact = index.vectors.exact_scores(qvec)
        top_exact = np.argpartition(-exact, 10)[:10]
        t2 = time.perf_counter()
        partition.append(t1 - t0)
        brute.append(t2 - t1)
        found += len(set(top_approx.tolist()) & set(top_exact.tolist()))
    return {"build_s": round(built, 2), "vectors": len(index.vectors), "fused_search": fused,
            "partition": percentiles(partition), "brute_force": percentiles(brute),
            "brute_over_partition": round(statistics.fmean(brute)
                                          / statistics.fmean(partition), 2),
            "recall_at_10": round(found / (10 * len(qvecs)), 4)}


def phase_model(n_texts: int) -> dict[str, Any]:
    from launderlens.embeddings.encoder import load_encoder

    encoder = load_encoder()
    if encoder is None:
        return {"skipped": "the semantic extra is not installed"}
    texts = queries(catalogue(max(n_texts, 2000)), n_texts)
    encoder.encode(texts[:8])
    started = time.perf_counter()
    encoder.encode(texts)
    seconds = time.perf_counter() - started
    return {"texts": n_texts, "texts_per_s": round(n_texts / seconds, 1),
            "ms_per_text_batched": round(1000 * seconds / n_texts, 2)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--no-model", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    n, q = args.records, args.queries
    result: dict[str, Any] = {
        "records": n,
        "import": in_child(lambda: phase_import(n), "import"),
        "search_bm25": in_child(lambda: phase_lexical(n, q), "bm25"),
        "search_fused": in_child(lambda: phase_vectors(n, q), "vectors"),
    }
    if not args.no_model:
        result["model"] = in_child(lambda: phase_model(1000), "model")
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    imp, lex, vec = result["import"], result["search_bm25"], result["search_fused"]
    print(f"catalogue of {n:,} generated records (two phrasings each)")
    print(f"import into SQLite: {imp['records_per_s']:,} records/s ({imp['seconds']} s), "
          f"peak RSS {imp['peak_rss_mb']} MB; index cache {imp['index_cache_mb']} MB, "
          f"reloaded in {imp['cached_index_load_s']} s")
    print(f"BM25 search: {lex['qps']} queries/s, p50 {lex['p50_ms']} ms, p95 "
          f"{lex['p95_ms']} ms, p99 {lex['p99_ms']} ms (build {lex['build_s']} s, "
          f"peak RSS {lex['peak_rss_mb']} MB)")
    fused = vec["fused_search"]
    print(f"BM25 + vectors: {fused['qps']} queries/s, p50 {fused['p50_ms']} ms, p95 "
          f"{fused['p95_ms']} ms, p99 {fused['p99_ms']} ms (build {vec['build_s']} s, "
          f"peak RSS {vec['peak_rss_mb']} MB)")
    print(f"vector part over {vec['vectors']:,} vectors: partition p50 "
          f"{vec['partition']['p50_ms']} ms vs brute-force cosine p50 "
          f"{vec['brute_force']['p50_ms']} ms: brute/partition = "
          f"{vec['brute_over_partition']}x, recall@10 {vec['recall_at_10']}")
    model = result.get("model")
    if model and "skipped" not in model:
        print(f"MiniLM query encoding: {model['texts_per_s']} texts/s "
              f"({model['ms_per_text_batched']} ms a text, batched)")
    elif model:
        print(f"MiniLM: {model['skipped']}")
    print(f"load (1 min) before/after the search phases: {vec['load_1min']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
