"""MRPC sentence pairs labelled paraphrase in (read through ``evals/paraphrase_mrpc.py``);
per kind of change, how many certain changes :mod:`launderlens.rewrites.changes` raises out.

The annotators called these pairs paraphrases, but MRPC's pairs are two news sentences on
one event, and many differ in a real figure, day or name: a count here is a count of
candidates, not of errors. Read what a kind raises with ``--show KIND`` before calling a
change false. The pairs were read while the detectors were mended (the train split is
development data); alignment is lexical.

    python evals/mrpc_changes.py [--json] [--limit N] [--show KIND]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from launderlens.rewrites.align import align_sentences
from launderlens.rewrites.changes import alignment_changes

sys.path.insert(0, str(Path(__file__).resolve().parent))
import paraphrase_mrpc


def evaluate(split: str, limit: int | None, show: str | None = None) -> dict[str, Any]:
    """Certain changes per kind over the pairs of ``split`` labelled paraphrase."""
    changes: Counter[str] = Counter()
    pairs = [p for p in paraphrase_mrpc.sample(paraphrase_mrpc.load(split), limit)
             if p.paraphrase]
    for pair in pairs:
        a, b = [pair.first], [pair.second]
        for change in alignment_changes(align_sentences(a, b), a, b):
            if not change.certain:
                continue
            changes[change.kind] += 1
            if change.kind == show:
                print(f"--- {change.a_text!r} -> {change.b_text!r}\n  a: {pair.first}\n"
                      f"  b: {pair.second}")
    return {"pairs": len(pairs), "certain_changes": dict(sorted(changes.items())),
            "total": sum(changes.values())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--limit", type=int, metavar="N", help="N pairs per split")
    parser.add_argument("--show", metavar="KIND", help="print every certain change of KIND")
    args = parser.parse_args(argv)
    splits = paraphrase_mrpc.available_splits()
    if not splits:
        print(f"MRPC not found under {paraphrase_mrpc.DATA}", file=sys.stderr)
        return 2
    results = {split: evaluate(split, args.limit, args.show) for split in splits}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for split, r in results.items():
        print(f"{split}: {r['pairs']} paraphrase pairs; certain changes per kind: "
              f"{r['certain_changes']} ({r['total']} in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
