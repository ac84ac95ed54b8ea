"""Real ChatGPT paraphrases in (LLMFake GossipCop and CoAID, read through
``evals/align_llmfake.py``); per kind of change, how many copies the detectors of
:mod:`launderlens.rewrites.changes` raise a certain change on out.

A paraphrase restates its original faithfully, so every certain change counted here is a
false one: the count per kind is the number of copies on which an analyst would quote a
change that is not there. ``--show KIND`` prints each such change with its two sentences,
to read what the detector got wrong. Alignment is lexical unless ``--semantic`` is given.
These copies are development data: the detectors' rewordings were read from them.

    python evals/llmfake_changes.py [--json] [--limit N] [--semantic] [--show KIND]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from launderlens.embeddings.encoder import VectorEncoder, load_encoder
from launderlens.rewrites.align import align_sentences
from launderlens.rewrites.changes import alignment_changes

sys.path.insert(0, str(Path(__file__).resolve().parent))
import align_llmfake


def evaluate(split: str, encoder: VectorEncoder | None, limit: int | None,
             show: str | None = None) -> dict[str, Any]:
    """Copies of ``split``'s paraphrases with a certain change, per kind."""
    copies: Counter[str] = Counter()
    read = 0
    for generation in align_llmfake.sample(align_llmfake.load(split), limit)["paraphrase"]:
        if not generation.generated.strip() or generation.generated == generation.original:
            continue
        read += 1
        a = align_llmfake.sentences(generation.original)
        b = align_llmfake.sentences(generation.generated)
        changes = [c for c in alignment_changes(align_sentences(a, b, encoder=encoder), a, b)
                   if c.certain]
        copies.update({c.kind for c in changes})
        for c in changes:
            if c.kind == show:
                print(f"--- {split} {generation.news_id}: {c.a_text!r} -> {c.b_text!r}\n"
                      f"  a: {a[c.a]}\n  b: {b[c.b]}")
    return {"copies": read, "with_a_change": dict(sorted(copies.items()))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--limit", type=int, metavar="N", help="N source articles per split")
    parser.add_argument("--semantic", action="store_true", help="align with the encoder")
    parser.add_argument("--show", metavar="KIND", help="print every certain change of KIND")
    args = parser.parse_args(argv)
    if not align_llmfake.available():
        print(f"LLMFake not found under {align_llmfake.DATA}", file=sys.stderr)
        return 2
    encoder = load_encoder(required=True) if args.semantic else None
    results = {split: evaluate(split, encoder, args.limit, args.show)
               for split in align_llmfake.SPLITS}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for split, r in results.items():
        print(f"{split}: {r['copies']} paraphrases; copies with a certain change per kind: "
              f"{r['with_a_change']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
