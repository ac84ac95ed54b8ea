"""ECB+ documents in, B-cubed precision, recall and F1 of story clustering out.

ECB+ (Cybulska & Vossen, LREC 2014) groups news documents by the event they report. Each
topic holds two different events of the same kind (two rehab check-ins, two earthquakes),
so a clusterer that groups by subject merges them and loses precision: the gold labels are
``event_cluster``, not ``topic``.

The data is read from ``<repo root>/../shared/data/ecbplus/ecbplus_docs.jsonl``; it is never
copied into the repository. The weights and thresholds in ``launderlens.rewrites.cluster`` were
chosen on topics 1-10 (``dev``); topics 11-20 (``held_out``) were not looked at while
choosing them. Each split is clustered on its own, from a fresh ``StoryIndex`` (its IDF
learned from that split), with no titles or dates, which ECB+ does not carry.

    python evals/cluster_ecbplus.py [--json] [--no-semantic]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from launderlens.rewrites.cluster import StoryIndex
from launderlens.rewrites.similarity import semantic_available

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus"
DOCS = DATA / "ecbplus_docs.jsonl"
SPLITS: Mapping[str, range] = {"dev": range(1, 11), "held_out": range(11, 21)}


def load(path: Path = DOCS) -> list[dict[str, Any]]:
    """The ECB+ documents, one dict per line of the JSONL file."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def bcubed(predicted: Mapping[str, object], gold: Mapping[str, object]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of ``predicted`` against ``gold`` (item -> cluster).

    An item's precision is the share of its predicted cluster that shares its gold cluster;
    recall the share of its gold cluster that shares its predicted one; both averaged over
    items. Computed from cluster-pair counts, so it is linear in the number of items.
    """
    items = list(gold)
    cells = Counter((predicted[i], gold[i]) for i in items)
    sizes_predicted = Counter(predicted[i] for i in items)
    sizes_gold = Counter(gold[i] for i in items)
    precision = sum(n * n / sizes_predicted[p] for (p, _), n in cells.items()) / len(items)
    recall = sum(n * n / sizes_gold[g] for (_, g), n in cells.items()) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def evaluate(docs: Sequence[Mapping[str, Any]], topics: Iterable[int],
             backends: Sequence[str]) -> dict[str, Any]:
    """Cluster the documents of ``topics`` with ``backends``; B-cubed against the events."""
    wanted = set(topics)
    chosen = [d for d in docs if d["topic"] in wanted]
    records = [(d["doc_id"], None, d["text"], None) for d in chosen]
    started = time.perf_counter()
    index = StoryIndex(backends=backends).fit(records)
    seconds = time.perf_counter() - started
    predicted = {article_id: story.id for story in index.stories_ for article_id in story.members}
    gold = {d["doc_id"]: d["event_cluster"] for d in chosen}
    return {**bcubed(predicted, gold), "documents": len(chosen), "events": len(set(gold.values())),
            "stories": len(index.stories_), "seconds": round(seconds, 2), "params": index.params()}


def run(semantic: bool | None = None) -> dict[str, dict[str, Any]]:
    """Scores per configuration and split; ``semantic`` None means: when installed."""
    docs = load()
    configurations = {"lexical": ("lexical",)}
    if semantic or (semantic is None and semantic_available()):
        configurations["lexical+semantic"] = ("lexical", "semantic")
    return {name: {split: evaluate(docs, topics, backends) for split, topics in SPLITS.items()}
            for name, backends in configurations.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--no-semantic", action="store_true", help="lexical backend only")
    args = parser.parse_args(argv)
    if not DOCS.is_file():
        print(f"ECB+ not found at {DOCS}", file=sys.stderr)
        return 2
    results = run(semantic=False if args.no_semantic else None)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'backends':18} {'split':9} {'docs':>5} {'events':>6} {'stories':>7} "
          f"{'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'seconds':>8}")
    for name, splits in results.items():
        for split, r in splits.items():
            print(f"{name:18} {split:9} {r['documents']:>5} {r['events']:>6} "
                  f"{r['stories']:>7} {r['precision']:>6.3f} {r['recall']:>6.3f} "
                  f"{r['f1']:>6.3f} {r['seconds']:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
