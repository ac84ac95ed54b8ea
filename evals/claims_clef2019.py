"""CLEF-2019 CheckThat! task 1 debates in, mean average precision of claim ranking out.

Each debate, speech or press conference is a list of sentences that factcheck.org either
checked (label 1) or not (Atanasova et al., CLEF 2019). ``launderlens.claims.score_claims``
scores every sentence of a debate; the sentences are ranked by score (ties keep transcript
order) and the average precision of the check-worthy label over that ranking is reported
per debate and averaged (MAP, the task's official measure). Beside it stands the MAP a
random ranking is expected to reach: the share of positive sentences, plus a little for
debates with few positives (0.026 for 20 in 1,000), computed exactly.

The data is read from ``<repo root>/../shared/data/checkworthiness/clef2019-t1-debates`` and
never copied into the repository. Only the task's 19 training debates are there; the
test debates, on which the best primary run of 2019 (Copenhagen) reached MAP 0.166, are
not, so that figure is a reference point on other debates, not a comparison. The news
weights of ``claims.checkworthy`` are hand-set; its transcript weights (these debates are
read as transcripts) were set by a coarse search on the 2016 campaign debates and speeches
(``dev``, also read while the cues were written) and on every other 2017-2019 speech and
press conference (six of the eleven in ``held_out``). The five debates no weight was tuned
on are the gate of ``evals/claims_genres.py``, which also ranks the debates through
``analyze`` and scores ClaimBuster and CLEF-2020 tweets.

    python evals/claims_clef2019.py [--json] [--no-semantic]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from launderlens.claims.checkworthy import score_claims
from launderlens.embeddings.encoder import VectorEncoder, load_encoder, semantic_available

DATA = (Path(__file__).resolve().parents[1].parent / "shared" / "data" / "checkworthiness"
        / "clef2019-t1-debates" / "data" / "training")
BEST_2019_TEST_MAP = 0.166  # Copenhagen, primary run, on the 7 test debates (not here)


def split_of(name: str) -> str:
    """``dev`` for the 2016 debates (read while writing the cues), else ``held_out``."""
    return "dev" if name.startswith("2016") else "held_out"


def debates() -> dict[str, list[str]]:
    """Split -> debate file names (without ``.tsv``), sorted."""
    names = sorted(path.stem for path in DATA.glob("*.tsv"))
    return {split: [n for n in names if split_of(n) == split] for split in ("dev", "held_out")}


class Line(NamedTuple):
    """One transcript sentence and whether it was fact-checked."""

    speaker: str
    text: str
    check_worthy: bool


def load(name: str) -> list[Line]:
    """The sentences of debate ``name``: ``line <TAB> speaker <TAB> text <TAB> label``."""
    with (DATA / f"{name}.tsv").open(encoding="utf-8", newline="") as rows:
        return [Line(row[1], row[2], row[3].strip() == "1")
                for row in csv.reader(rows, delimiter="\t", quoting=csv.QUOTE_NONE) if row]


def average_precision(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Average over the positives of the precision at each one's rank, ranking by score
    (highest first; equal scores keep their order). 0 when there is no positive."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    hits, total = 0, 0.0
    for rank, i in enumerate(order, start=1):
        if labels[i]:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def random_average_precision(positives: int, size: int) -> float:
    """The expected average precision of a uniformly random ranking of ``size`` items with
    ``positives`` positives (Bestgen 2015): ((R-1)/(N-1) * (N - H_N) + H_N) / N."""
    if not positives:
        return 0.0
    harmonic = sum(1 / k for k in range(1, size + 1))
    if size == 1:
        return 1.0
    return ((positives - 1) / (size - 1) * (size - harmonic) + harmonic) / size


def evaluate(names: Sequence[str], encoder: VectorEncoder | None = None) -> dict[str, Any]:
    """Rank each debate of ``names``; AP per debate, their mean, and the random baseline."""
    per_debate: dict[str, dict[str, Any]] = {}
    started = time.perf_counter()
    for name in names:
        lines = load(name)
        claims = score_claims([line.text for line in lines], encoder=encoder)
        labels = [line.check_worthy for line in lines]
        positives = sum(labels)
        per_debate[name] = {
            "sentences": len(lines), "positives": positives,
            "ap": round(average_precision([c.score for c in claims], labels), 4),
            "random_ap": round(random_average_precision(positives, len(lines)), 4),
            "flagged": sum(c.check_worthy for c in claims),
            "flagged_positives": sum(c.check_worthy and y for c, y in zip(claims, labels,
                                                                          strict=True)),
        }
    seconds = time.perf_counter() - started
    count = len(per_debate) or 1
    return {
        "map": round(sum(d["ap"] for d in per_debate.values()) / count, 4),
        "random_map": round(sum(d["random_ap"] for d in per_debate.values()) / count, 4),
        "sentences": sum(d["sentences"] for d in per_debate.values()),
        "positives": sum(d["positives"] for d in per_debate.values()),
        "seconds": round(seconds, 2), "debates": per_debate,
    }


def run(semantic: bool | None = None) -> dict[str, dict[str, Any]]:
    """Scores per configuration and split; ``semantic`` None means: when installed."""
    configurations: dict[str, VectorEncoder | None] = {"lexical": None}
    if semantic or (semantic is None and semantic_available()):
        configurations["lexical+semantic"] = load_encoder(required=True)
    splits = debates()
    return {name: {split: evaluate(names, encoder) for split, names in splits.items()}
            for name, encoder in configurations.items()}


def _print(results: Mapping[str, Mapping[str, Any]]) -> None:
    print(f"{'scorer':18} {'split':9} {'debate':26} {'lines':>6} {'pos':>4} {'AP':>6} "
          f"{'random':>7} {'flagged':>8} {'hits':>5}")
    for scorer, splits in results.items():
        for split, r in splits.items():
            for debate, d in r["debates"].items():
                print(f"{scorer:18} {split:9} {debate:26} {d['sentences']:>6} "
                      f"{d['positives']:>4} {d['ap']:>6.3f} {d['random_ap']:>7.3f} "
                      f"{d['flagged']:>8} {d['flagged_positives']:>5}")
    print()
    print(f"{'scorer':18} {'split':9} {'debates':>7} {'lines':>6} {'pos':>5} {'MAP':>6} "
          f"{'random':>7} {'seconds':>8}")
    for scorer, splits in results.items():
        for split, r in splits.items():
            print(f"{scorer:18} {split:9} {len(r['debates']):>7} {r['sentences']:>6} "
                  f"{r['positives']:>5} {r['map']:>6.3f} {r['random_map']:>7.3f} "
                  f"{r['seconds']:>8.1f}")
    print(f"\nFor reference: the best primary run of CLEF-2019 task 1 reached MAP "
          f"{BEST_2019_TEST_MAP} on the task's test debates, which are not these.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--no-semantic", action="store_true", help="lexical cues only")
    args = parser.parse_args(argv)
    if not DATA.is_dir() or not any(DATA.glob("*.tsv")):
        print(f"CLEF-2019 task 1 debates not found at {DATA}", file=sys.stderr)
        return 2
    results = run(semantic=False if args.no_semantic else None)
    if args.json:
        print(json.dumps({"results": results, "best_2019_test_map": BEST_2019_TEST_MAP},
                         indent=2))
    else:
        _print(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
