"""Development corruptions in, the weights of the copy-level manipulation score out.

The manipulation score (:mod:`launderlens.rewrites.verdicts`) is a logistic model over what
a copy's verdicts say (:func:`launderlens.rewrites.verdicts.manipulation_features`). This
script fits it on the GossipCop part of the corruption set of ``evals/align_verdicts.py``
only (clean LLM paraphrases against copies with one planted change), with both classes
weighted equally, so that 0.5 means even odds; CoAID and SheepDog, the evaluation parts,
are never read here. It prints the fitted weights to pin in ``verdicts.py`` and the ROC-AUC
on the development part itself (the evaluation figures come from ``align_verdicts.py``)::

    python evals/fit_manipulation.py [--limit N] [--semantic]
"""

from __future__ import annotations

import argparse
import random
import sys

import numpy as np

from launderlens.rewrites.verdicts import MANIPULATION_FEATURES, manipulation_features

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import align_verdicts


def collect(limit: int | None, semantic: bool) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels (1: corrupted) of the development copies."""
    comparer = align_verdicts.make_comparer(semantic)
    copies = align_verdicts.load_copies("gossipcop")
    rows, labels = [], []
    for copy in align_verdicts._sample(copies, limit, align_verdicts.SEED):
        rng = random.Random(f"{align_verdicts.SEED}:{copy.key}")
        others = [c.copy for c in rng.sample(copies, min(4, len(copies)))
                  if c.key != copy.key][:3]
        original = align_verdicts.Article.create(copy.original)
        variants = [(copy.copy, 0)] + [
            (p.sentences, 1) for p in align_verdicts.corruptions.corrupt(
                copy.copy, copy.key, align_verdicts.SEED, others)]
        for sentences, label in variants:
            result = comparer.compare(original, align_verdicts._article(sentences))
            rows.append(manipulation_features(result.verdicts))
            labels.append(label)
    return np.asarray(rows, dtype=float), np.asarray(labels)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--semantic", action="store_true")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation")
    args = parser.parse_args(argv)
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    features, labels = collect(args.limit, args.semantic)
    model = LogisticRegression(C=args.c, class_weight="balanced", max_iter=2000)
    model.fit(features, labels)
    print(f"copies: {len(labels)} ({int(labels.sum())} corrupted)")
    print(f"dev ROC-AUC: {roc_auc_score(labels, model.predict_proba(features)[:, 1]):.3f}")
    print(f"BIAS = {model.intercept_[0]:.3f}")
    for name, weight in zip(MANIPULATION_FEATURES, model.coef_[0], strict=True):
        print(f"    {name!r}: {weight:.3f},")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
