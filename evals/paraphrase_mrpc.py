"""MRPC sentence pairs in, how well sentence alignment decides "paraphrase or not" out:
accuracy, precision, recall and F1 against the human labels, and the majority baseline.

The Microsoft Research Paraphrase Corpus (Dolan & Brockett, 2005) pairs sentences from
news clusters and labels each pair 1 when annotators judged the two sentences to say the
same thing. The alignment decides the same question as it does for a copied article:
``align_sentences([s1], [s2], encoder=...)`` is called a paraphrase when it returns one
pair whose relation is ``copied`` or ``paraphrased``; a ``partial`` pair or no pair at all
is not. Paraphrase is the positive class of precision, recall and F1. The majority
baseline labels every pair with the commoner label (paraphrase, about two thirds).

The data is read from ``<repo root>/../shared/data/mrpc/MSRP_Corpus`` and never copied
into the repository. Part of the train split (4,076 pairs) was looked at while tuning the
thresholds of ``launderlens.rewrites.align`` (``PARAPHRASE`` above all), and which part was not
recorded, so train scores are ``dev`` scores and may be optimistic. The test split (1,725
pairs) is held out: this copy of the data does not include it, and it is evaluated, as
``held_out``, wherever ``msr_paraphrase_test.txt`` is present.

    python evals/paraphrase_mrpc.py [--json] [--limit N] [--no-semantic]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from launderlens.embeddings.encoder import load_encoder
from launderlens.rewrites.align import Encoder, align_sentences

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "mrpc" / "MSRP_Corpus"
# split -> (file, role)
SPLITS: Mapping[str, tuple[str, str]] = {
    "train": ("msr_paraphrase_train_backup.txt", "dev"),
    "test": ("msr_paraphrase_test.txt", "held_out"),
}
SEED = 20240501


class SentencePair(NamedTuple):
    """Two sentences and whether annotators judged them paraphrases."""

    paraphrase: bool
    first: str
    second: str


def data_file(split: str) -> Path:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {sorted(SPLITS)}; got {split!r}")
    return DATA / SPLITS[split][0]


def available_splits() -> list[str]:
    """The splits whose file is here (this copy of the data holds train only)."""
    return [split for split in SPLITS if data_file(split).is_file()]


def load(split: str) -> list[SentencePair]:
    """The pairs of ``split``, in file order."""
    # Sentences hold unbalanced quotation marks, so the TSV is read without quoting.
    with data_file(split).open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        return [SentencePair(row[0] == "1", row[3], row[4]) for row in rows if row]


def sample(pairs: Sequence[SentencePair], limit: int | None, seed: int = SEED
           ) -> list[SentencePair]:
    """``limit`` pairs chosen by ``seed`` (in file order), or all of them."""
    if limit is None or limit >= len(pairs):
        return list(pairs)
    chosen = sorted(random.Random(seed).sample(range(len(pairs)), limit))
    return [pairs[k] for k in chosen]


class CachingEncoder:
    """An encoder primed with every sentence of the split in one batch: encoding the
    pairs one call at a time would spend most of the run on call overhead."""

    def __init__(self, encoder: Encoder) -> None:
        self._encoder = encoder
        self.name = getattr(encoder, "name", type(encoder).__name__)
        self._vectors: dict[str, np.ndarray] = {}

    def prime(self, texts: Sequence[str]) -> None:
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            self._vectors.update(zip(missing, self._encoder.encode(missing), strict=True))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.prime(texts)
        return np.stack([self._vectors[t] for t in texts])


def predict(pair: SentencePair, encoder: Encoder | None) -> tuple[bool, str]:
    """The alignment's decision on one pair, and the relation (or "none") behind it."""
    alignment = align_sentences([pair.first], [pair.second], encoder=encoder)
    relation = alignment.pairs[0].relation if len(alignment.pairs) == 1 else "none"
    return relation in ("copied", "paraphrased"), relation


def scores(gold: Sequence[bool], predicted: Sequence[bool]) -> dict[str, float]:
    """Accuracy, and precision, recall and F1 of the paraphrase class."""
    cells = Counter(zip(gold, predicted, strict=True))
    tp, fp, fn = cells[True, True], cells[False, True], cells[True, False]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = (tp + cells[False, False]) / len(gold) if gold else 0.0
    return {"accuracy": round(accuracy, 4), "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4)}


def evaluate(split: str, encoder: Encoder | None, limit: int | None = None, seed: int = SEED,
             progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Decide every pair of ``split`` (or ``limit`` of them, chosen by ``seed``); the
    scores against the labels, the majority baseline and the relations found."""
    pairs = sample(load(split), limit, seed)
    started = time.perf_counter()
    if encoder is not None:
        cached = CachingEncoder(encoder)
        if progress:
            progress(f"{split}: encoding {2 * len(pairs)} sentences")
        cached.prime([s for p in pairs for s in (p.first, p.second)])
        encoder = cached
    predicted, relations = [], Counter[str]()
    for k, pair in enumerate(pairs, 1):
        decision, relation = predict(pair, encoder)
        predicted.append(decision)
        relations[relation] += 1
        if progress and (k % 1000 == 0 or k == len(pairs)):
            progress(f"{split} {'lexical' if encoder is None else 'semantic'}: {k}/{len(pairs)}")
    gold = [p.paraphrase for p in pairs]
    positives = sum(gold)
    majority = max(positives, len(gold) - positives) / len(gold) if gold else 0.0
    return {"split": split, "role": SPLITS[split][1], "pairs": len(pairs),
            **scores(gold, predicted), "majority_accuracy": round(majority, 4),
            "relations": dict(sorted(relations.items())),
            "seconds": round(time.perf_counter() - started, 1)}


def run(semantic: bool | None = None, limit: int | None = None, seed: int = SEED,
        progress: Callable[[str], None] | None = None) -> dict[str, dict[str, Any]]:
    """Results per mode and available split; ``semantic`` None means: when installed."""
    encoders: dict[str, Encoder | None] = {"lexical": None}
    if semantic is not False:
        encoder = load_encoder(required=bool(semantic))
        if encoder is not None:
            encoders["semantic"] = encoder
    return {mode: {split: evaluate(split, encoder, limit, seed, progress)
                   for split in available_splits()}
            for mode, encoder in encoders.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--limit", type=int, metavar="N", help="N pairs per split")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the --limit sample")
    parser.add_argument("--no-semantic", action="store_true", help="lexical alignment only")
    args = parser.parse_args(argv)
    if not available_splits():
        print(f"MRPC not found under {DATA}", file=sys.stderr)
        return 2
    missing = [split for split in SPLITS if split not in available_splits()]
    if missing:
        print(f"not in this copy of MRPC, so not evaluated: {', '.join(missing)}",
              file=sys.stderr)
    results = run(semantic=False if args.no_semantic else None, limit=args.limit,
                  seed=args.seed, progress=lambda line: print(line, file=sys.stderr))
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'mode':9} {'split':16} {'pairs':>5} {'acc':>6} {'P':>6} {'R':>6} {'F1':>6} "
          f"{'majority':>8}  relations")
    for mode, splits in results.items():
        for split, r in splits.items():
            print(f"{mode:9} {split + ' (' + r['role'] + ')':16} {r['pairs']:>5} "
                  f"{r['accuracy']:>6.3f} {r['precision']:>6.3f} {r['recall']:>6.3f} "
                  f"{r['f1']:>6.3f} {r['majority_accuracy']:>8.3f}  "
                  + " ".join(f"{k}={v}" for k, v in r["relations"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
