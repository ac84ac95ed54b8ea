"""SemEval-2022 Task 8 article pairs in; how well the lexical same-story similarity follows
the annotators' Overall score out, for all pairs, pairs in one language, English pairs and
pairs across languages.

The pairs (title and head of two news articles, Overall 1 = very similar ... 4 = very
dissimilar) are read from ``<repo root>/../shared/data/semeval2022t8-sample`` and never
copied into the repository. All texts are indexed by the ``lexical`` backend, as
``cluster`` indexes a corpus, and each pair is scored with
:meth:`LexicalBackend.similarity`; the Pearson correlation is taken against ``-Overall``
so that higher is better. ``--limit N`` keeps the first N pairs of each language pair, so
that a gate runs on a fixed, mixed subset. ``--no-crosslingual`` scores words only.

    python evals/semeval_t8.py [--json] [--limit N] [--no-crosslingual]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from launderlens.rewrites.similarity.lexical import LexicalBackend

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "semeval2022t8-sample"
PAIRS = DATA / "data" / "training_set.csv"


def load_pairs(limit: int | None = None) -> list[dict[str, str]]:
    """The labelled pairs, or up to ``limit`` per language pair in file order."""
    csv.field_size_limit(10_000_000)
    taken: dict[str, int] = defaultdict(int)
    pairs = []
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = f"{row['lang1']}-{row['lang2']}"
            if limit is not None and taken[key] >= limit:
                continue
            if not row.get("Overall"):
                continue
            taken[key] += 1
            pairs.append(row)
    return pairs


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def evaluate(pairs: list[dict[str, str]], crosslingual: bool = True) -> dict[str, Any]:
    texts = [p["text1"] for p in pairs] + [p["text2"] for p in pairs]
    started = time.perf_counter()
    backend = (LexicalBackend() if crosslingual else LexicalBackend(crosslingual=False))
    backend.fit(texts)
    rows = np.arange(len(pairs))
    scores = backend.similarity(rows, rows + len(pairs))
    seconds = time.perf_counter() - started
    target = -np.array([float(p["Overall"]) for p in pairs])
    same = np.array([p["lang1"] == p["lang2"] for p in pairs])
    english = np.array([p["lang1"] == p["lang2"] == "en" for p in pairs])
    groups = {"all": np.ones(len(pairs), dtype=bool), "same_language": same,
              "english": english, "cross_lingual": ~same}
    out: dict[str, Any] = {"pairs": len(pairs), "seconds": round(seconds, 2),
                           "crosslingual": crosslingual}
    for name, mask in groups.items():
        out[name] = {"pairs": int(mask.sum()),
                     "pearson": round(pearson(scores[mask], target[mask]), 4)}
    by_pair: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(pairs):
        by_pair[f"{p['lang1']}-{p['lang2']}"].append(i)
    out["by_language_pair"] = {
        key: round(pearson(scores[idx], target[idx]), 4) for key, idx in sorted(by_pair.items())}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--limit", type=int, default=None, help="pairs per language pair")
    parser.add_argument("--no-crosslingual", action="store_true",
                        help="words only (the scores before cross-lingual anchors)")
    args = parser.parse_args(argv)
    if not PAIRS.exists():
        print(f"SemEval-2022 Task 8 pairs not found at {PAIRS}", file=sys.stderr)
        return 2
    kwargs = {} if not args.no_crosslingual else {"crosslingual": False}
    result = evaluate(load_pairs(args.limit), **kwargs)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for name in ("all", "same_language", "english", "cross_lingual"):
            print(f"{name:14s} pairs {result[name]['pairs']:5d}  "
                  f"pearson {result[name]['pearson']:.3f}")
        print("by language pair:", result["by_language_pair"])
        print(f"{result['pairs']} pairs in {result['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
