"""Hand-written sentence pairs in (``tests/data/alignment/dev_changes.yaml``: a source
sentence, a retelling, and the kinds of change a reader would report); how well the change
detectors of :mod:`launderlens.rewrites.changes` find them out: per kind, the pairs whose
certain changes include it (recall) and the pairs a certain change of that kind was reported
on wrongly (false alarms), and how many faithful rewordings raise any certain change.

These pairs are development data: the detectors were written against them. The checks on
data they were not written against are ``evals/align_verdicts.py`` (held-out written pairs,
the field pair, corruptions of CoAID and SheepDog).

    python evals/align_changes.py [--json] [--verbose]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from launderlens.rewrites.changes import pair_changes

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "alignment" / "dev_changes.yaml"


class ChangePair(NamedTuple):
    a: str
    b: str
    kinds: frozenset[str]


def load(path: Path = DEV) -> list[ChangePair]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [ChangePair(row["a"], row["b"], frozenset(row["kinds"])) for row in data["pairs"]]


def found_kinds(a: str, b: str) -> frozenset[str]:
    """The kinds of the certain changes the detectors report between ``a`` and ``b``."""
    return frozenset(c.kind for c in pair_changes(a, b) if c.certain)


def evaluate(pairs: list[ChangePair], verbose: bool = False) -> dict[str, Any]:
    wanted: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    false: Counter[str] = Counter()
    clean = clean_raised = 0
    for pair in pairs:
        found = found_kinds(pair.a, pair.b)
        for kind in pair.kinds:
            wanted[kind] += 1
            hit[kind] += kind in found
        for kind in found - pair.kinds:
            false[kind] += 1
        if not pair.kinds:
            clean += 1
            clean_raised += bool(found)
        if verbose and found != pair.kinds:
            print(f"want {sorted(pair.kinds)} found {sorted(found)}\n  a: {pair.a}\n  b: {pair.b}")
    return {
        "recall": {k: round(hit[k] / wanted[k], 3) for k in sorted(wanted)},
        "wanted": dict(sorted(wanted.items())),
        "false_alarms": dict(sorted(false.items())),
        "rewordings": clean,
        "rewordings_with_a_change": clean_raised,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--verbose", action="store_true", help="print every pair read wrong")
    args = parser.parse_args(argv)
    result = evaluate(load(), verbose=args.verbose)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for kind, recall in result["recall"].items():
        print(f"{kind:12} found {recall:.3f} of {result['wanted'][kind]}")
    print(f"false alarms by kind: {result['false_alarms']}")
    print(f"faithful rewordings with a certain change: {result['rewordings_with_a_change']} of "
          f"{result['rewordings']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
