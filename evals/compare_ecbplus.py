"""ECB+ document pairs in; how well ``compare`` tells "the same event" from "another event
of the same kind" out.

ECB+ (Cybulska & Vossen, LREC 2014) groups news documents by the event they report, two
events of one kind per topic (two earthquakes, two rehab check-ins). Every pair of
documents within a topic is a hard case: same vocabulary, and half the time a different
event. For each split, up to ``PAIRS_PER_TOPIC`` pairs per topic (seeded) are compared and
scored with ROC-AUC of ``story_score`` and the accuracy of ``same_story`` against
``event_cluster``; the majority-class accuracy is printed beside it.

``ANCHOR_WEIGHT`` and ``SAME_STORY`` in ``launderlens.rewrites.compare`` were chosen on topics 1-10
(``dev``), lexical mode; topics 11-20 (``held_out``) were not looked at while choosing.
The data is read from ``<repo root>/../shared/data/ecbplus/ecbplus_docs.jsonl`` and never
copied into the repository.

    python evals/compare_ecbplus.py [--json] [--no-semantic] [--pairs-per-topic N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score

from launderlens.rewrites.compare import Comparer
from launderlens.rewrites.similarity import semantic_available
from launderlens.store import open_store

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus"
DOCS = DATA / "ecbplus_docs.jsonl"
SPLITS: Mapping[str, range] = {"dev": range(1, 11), "held_out": range(11, 21)}
PAIRS_PER_TOPIC = 60


def load(path: Path = DOCS) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def topic_pairs(docs: Sequence[Mapping[str, Any]], topics: range, per_topic: int,
                seed: int = 1) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """Up to ``per_topic`` document pairs of each topic, the same ones on every run."""
    rng = random.Random(seed)
    chosen = []
    for topic in topics:
        members = [d for d in docs if d["topic"] == topic]
        pairs = list(itertools.combinations(members, 2))
        rng.shuffle(pairs)
        chosen += pairs[:per_topic]
    return chosen


def evaluate(comparer: Comparer, pairs: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]]
             ) -> dict[str, Any]:
    started = time.perf_counter()
    gold, scores, decided = [], [], []
    for a, b in pairs:
        result = comparer.compare_texts(" ".join(a["sentences"]), " ".join(b["sentences"]))
        gold.append(a["event_cluster"] == b["event_cluster"])
        scores.append(result.story_score)
        decided.append(result.same_story)
    truth, guess = np.array(gold), np.array(decided)
    positives = float(truth.mean())
    return {
        "pairs": len(pairs), "same_event_share": round(positives, 4),
        "auc": round(float(roc_auc_score(truth, scores)), 4),
        "accuracy": round(float((truth == guess).mean()), 4),
        "majority_accuracy": round(max(positives, 1 - positives), 4),
        "seconds": round(time.perf_counter() - started, 1),
    }


def run(semantic: bool | None, per_topic: int) -> dict[str, dict[str, Any]]:
    docs = load()
    modes = {"lexical": False}
    if semantic or (semantic is None and semantic_available()):
        modes["lexical+semantic"] = True
    results: dict[str, dict[str, Any]] = {}
    for name, use in modes.items():
        # A document takes part in many pairs: an in-memory store caches its sentence
        # vectors, the same way a real store does for the CLI.
        with open_store(":memory:") as cache:
            comparer = Comparer(semantic=use, store=cache)
            results[name] = {}
            for split, topics in SPLITS.items():
                print(f"{name} {split} ...", file=sys.stderr)
                results[name][split] = evaluate(comparer, topic_pairs(docs, topics, per_topic))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-semantic", action="store_true")
    parser.add_argument("--pairs-per-topic", type=int, default=PAIRS_PER_TOPIC)
    args = parser.parse_args(argv)
    if not DOCS.is_file():
        print(f"ECB+ not found at {DOCS}", file=sys.stderr)
        return 2
    results = run(False if args.no_semantic else None, args.pairs_per_topic)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'mode':18} {'split':9} {'pairs':>5} {'AUC':>6} {'acc':>6} {'majority':>8}")
    for name, splits in results.items():
        for split, r in splits.items():
            print(f"{name:18} {split:9} {r['pairs']:>5} {r['auc']:>6.3f} {r['accuracy']:>6.3f} "
                  f"{r['majority_accuracy']:>8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
