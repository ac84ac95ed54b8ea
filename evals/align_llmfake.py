"""LLMFake article pairs in, how much of each LLM rewrite sentence alignment explains out:
the rate of added sentences per kind of generation, and how well the share of added or
changed sentences tells a paraphrase from a free rewrite or an open-ended generation.

LLMFake (Chen & Shu, ICLR 2024) had gpt-3.5-turbo turn human-written fake news into new
articles in three ways, one CSV file per way (``*_{group}_generation_processed.csv``):

- ``paraphrase``: the same content in other words, usually condensed; a sound alignment
  finds a counterpart for nearly every generated sentence, so few are ``added``;
- ``rewrite``: a freer retelling, longer than the paraphrase, that adds and bends
  sentences;
- ``open_ended``: a new article grown from the original's opening, most of it invented.

Only rows with ``label`` 1 were generated; the other rows copy the original (or, in 37
GossipCop rows, the full article the truncated original was cut from), so they are left
out. The three files hold the same articles, so the groups are compared on the same
sources. Each original (``news_text``, cut at 4,000 characters) is ``a`` and the generation
(``synthetic_misinformation``) is ``b``; both are split with
:func:`launderlens.ingest.segment.sentence_spans`. GossipCop originals are celebrity stories of
about 19 sentences; CoAID originals are mostly a single sentence (a claim or a headline),
so there a paraphrase is one or two sentences and the groups differ in little but length.

Per generation, with ``m`` the number of sentences of b:

- *added rate*: the share of b's sentences the alignment says the copy added: those with
  no counterpart in a, less the ones it marks ``unsure`` (a weak best match, which reports
  show as "not sure" and never count as added);
- *added-or-changed fraction*: ``(len(added) + changed) / m``, where ``changed`` counts the
  sentences of b that belong to a pair with at least one certain
  :class:`launderlens.rewrites.changes.Change` (every member of such a pair counts; a change
  of a kind that faithful rewordings also show is not certain): the sentences whose verdict
  is added or changed. (Before the verdicts, a pair of relation ``partial``, then a weak
  link, counted as changed too; a weak link is now no link.) It is 0
  for a faithful paraphrase and 1 when nothing of b restates a plainly.

ROC-AUC uses the added-or-changed fraction as the score, paraphrases as the negative
class and rewrites (or open-ended generations) as the positive one: 0.5 is chance, 1
means every rewrite scores above every paraphrase. The same AUCs with the added rate alone
as the score (``auc_added_only``) show what the changes add: paraphrases drop or add
sources and hedges as freely as rewrites do, which is why those changes are not certain.

The data is read from ``<repo root>/../shared/data/llmfake`` and never copied into the
repository. The thresholds of ``rewrites.align`` and ``rewrites.coverage`` were tuned
on the GossipCop part (``dev``); CoAID (``held_out``, health news of a different style) was
not looked at while tuning them.

    python evals/align_llmfake.py [--json] [--limit N] [--no-semantic]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from sklearn.metrics import roc_auc_score

from launderlens.embeddings.cache import CachedEncoder
from launderlens.embeddings.encoder import VectorEncoder, load_encoder
from launderlens.ingest.segment import sentence_spans
from launderlens.rewrites.align import SentenceAlignment, align_sentences
from launderlens.rewrites.changes import alignment_changes
from launderlens.store import open_store

DATA = (Path(__file__).resolve().parents[1].parent / "shared" / "data" / "llmfake"
        / "experiment" / "data" / "chatgpt_3.5_generation")
GROUPS = ("paraphrase", "rewrite", "open_ended")
SPLITS: Mapping[str, str] = {"gossipcop": "dev", "coaid": "held_out"}
SEED = 20240501


class Generation(NamedTuple):
    """One original article and what the model made of it."""

    news_id: str
    original: str
    generated: str


def data_file(split: str, group: str) -> Path:
    """The CSV of one split ("gossipcop", "coaid") and generation group."""
    if split not in SPLITS or group not in GROUPS:
        raise ValueError(f"split must be one of {sorted(SPLITS)} and group one of {GROUPS}; "
                         f"got {split!r}, {group!r}")
    return DATA / split / f"synthetic-gpt-3.5-turbo_{split}_{group}_generation_processed.csv"


def available() -> bool:
    """Whether every file the evaluation reads is here."""
    return all(data_file(s, g).is_file() for s in SPLITS for g in GROUPS)


def load(split: str) -> dict[str, list[Generation]]:
    """The generated rows (``label`` 1) of each group of ``split``, in file order."""
    csv.field_size_limit(1 << 24)
    out = {}
    for group in GROUPS:
        with data_file(split, group).open(encoding="utf-8", newline="") as handle:
            out[group] = [Generation(row["news_id"], row["news_text"],
                                     row["synthetic_misinformation"])
                          for row in csv.DictReader(handle) if row["label"] == "1"]
    return out


def sample(data: Mapping[str, list[Generation]], limit: int | None, seed: int = SEED
           ) -> dict[str, list[Generation]]:
    """The same ``limit`` source articles in every group, chosen by ``seed``."""
    if limit is None:
        return dict(data)
    shared = sorted(set.intersection(*({g.news_id for g in rows} for rows in data.values())))
    chosen = set(random.Random(seed).sample(shared, min(limit, len(shared))))
    return {group: [g for g in rows if g.news_id in chosen] for group, rows in data.items()}


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def pair_scores(alignment: SentenceAlignment, a: Sequence[str], b: Sequence[str]
                ) -> tuple[float, float]:
    """The added rate and the added-or-changed fraction of one alignment (module docstring)."""
    if not b:
        return 0.0, 0.0
    with_change = {(c.a, c.b) for c in alignment_changes(alignment, a, b) if c.certain}
    changed: set[int] = set()
    for pair in alignment.pairs:
        if any((i, j) in with_change for i in pair.a for j in pair.b):
            changed.update(pair.b)
    added = [j for j in alignment.added if j not in alignment.unsure]
    return len(added) / len(b), (len(added) + len(changed)) / len(b)


def _auc(negatives: Sequence[float], positives: Sequence[float]) -> float | None:
    if not negatives or not positives:
        return None
    labels = [0] * len(negatives) + [1] * len(positives)
    return round(float(roc_auc_score(labels, [*negatives, *positives])), 4)


def _summary(rows: Sequence[tuple[float, float, int, int]]) -> dict[str, Any]:
    added = [r[0] for r in rows]
    return {
        "pairs": len(rows),
        "added_rate": round(float(np.mean(added)), 4) if rows else None,
        "share_with_added": round(float(np.mean([r > 0 for r in added])), 4) if rows else None,
        "changed_fraction": round(float(np.mean([r[1] for r in rows])), 4) if rows else None,
        "sentences_a": round(float(np.mean([r[2] for r in rows])), 1) if rows else None,
        "sentences_b": round(float(np.mean([r[3] for r in rows])), 1) if rows else None,
    }


def evaluate(split: str, encoder: VectorEncoder | None, limit: int | None = None, seed: int = SEED,
             progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Align every generation of ``split`` (or ``limit`` sources per group, chosen by
    ``seed``) to its original; the per-group rates and the two ROC-AUCs."""
    data = sample(load(split), limit, seed)
    started = time.perf_counter()
    rows: dict[str, list[tuple[float, float, int, int]]] = {}
    method = "lexical"
    # Each original is aligned against three generations: an in-memory store caches its
    # sentence vectors, the way a real store does for the CLI.
    with open_store(":memory:") as cache:
        cached = None if encoder is None else CachedEncoder(encoder, cache)
        for group, generations in data.items():
            rows[group] = []
            for k, generation in enumerate(generations, 1):
                a, b = sentences(generation.original), sentences(generation.generated)
                alignment = align_sentences(a, b, encoder=cached)
                method = alignment.method
                rows[group].append((*pair_scores(alignment, a, b), len(a), len(b)))
                if progress and (k % 25 == 0 or k == len(generations)):
                    progress(f"{split} {method} {group}: {k}/{len(generations)}")
    changed = {group: [r[1] for r in group_rows] for group, group_rows in rows.items()}
    added = {group: [r[0] for r in group_rows] for group, group_rows in rows.items()}
    return {
        "split": split, "role": SPLITS[split], "method": method,
        "groups": {group: _summary(group_rows) for group, group_rows in rows.items()},
        "auc": {f"paraphrase_vs_{other}": _auc(changed["paraphrase"], changed[other])
                for other in ("rewrite", "open_ended")},
        "auc_added_only": {f"paraphrase_vs_{other}": _auc(added["paraphrase"], added[other])
                           for other in ("rewrite", "open_ended")},
        "seconds": round(time.perf_counter() - started, 1),
    }


def run(semantic: bool | None = None, limit: int | None = None, seed: int = SEED,
        progress: Callable[[str], None] | None = None) -> dict[str, dict[str, Any]]:
    """Results per mode and split; ``semantic`` None means: when installed."""
    encoders: dict[str, VectorEncoder | None] = {"lexical": None}
    if semantic is not False:
        encoder = load_encoder(required=bool(semantic))
        if encoder is not None:
            encoders["semantic"] = encoder
    return {mode: {split: evaluate(split, encoder, limit, seed, progress) for split in SPLITS}
            for mode, encoder in encoders.items()}


def _print_table(results: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> None:
    print(f"{'mode':9} {'split':20} {'group':11} {'pairs':>5} {'sent b':>6} "
          f"{'added':>6} {'>=1 add':>7} {'add|chg':>7} {'AUC vs para':>11} {'(added)':>7}")
    for mode, splits in results.items():
        for split, r in splits.items():
            for group, g in r["groups"].items():
                key = f"paraphrase_vs_{group}"
                auc, auc_added = r["auc"].get(key), r["auc_added_only"].get(key)
                print(f"{mode:9} {split + ' (' + r['role'] + ')':20} {group:11} "
                      f"{g['pairs']:>5} {g['sentences_b']:>6} {g['added_rate']:>6.3f} "
                      f"{g['share_with_added']:>7.3f} {g['changed_fraction']:>7.3f} "
                      f"{'' if auc is None else f'{auc:.3f}':>11} "
                      f"{'' if auc_added is None else f'{auc_added:.3f}':>7}")
    print("added: mean share of b's sentences with no counterpart; >=1 add: share of "
          "generations with an added sentence;\nadd|chg: mean added-or-changed fraction, "
          "the score of the ROC-AUC against the paraphrases ((added): the added rate alone).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--limit", type=int, metavar="N",
                        help="N source articles per split, the same in every group")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the --limit sample")
    parser.add_argument("--no-semantic", action="store_true", help="lexical alignment only")
    args = parser.parse_args(argv)
    if not available():
        print(f"LLMFake not found under {DATA}", file=sys.stderr)
        return 2
    results = run(semantic=False if args.no_semantic else None, limit=args.limit,
                  seed=args.seed, progress=lambda line: print(line, file=sys.stderr))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        _print_table(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
