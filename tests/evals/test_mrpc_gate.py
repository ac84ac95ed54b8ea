"""Quality gate: the paraphrase decision of sentence alignment on MRPC must not fall below
the pinned accuracy floors.

``train`` (``dev``) was partly looked at while tuning the thresholds of
``launderlens.rewrites.align``, and which part was not recorded; ``test`` (``held_out``) was not,
and this copy of the data leaves it out, so its gate skips unless the file is there. Both
modes decide every pair of a split (about a minute with the encoder, most of it encoding).
Floors sit a little below the accuracy measured when they were pinned (in the comments);
raise them on purpose when alignment improves, never lower them to make a change pass.
Full-data figures come from ``python evals/paraphrase_mrpc.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from launderlens.rewrites.similarity import semantic_available

# (mode, split) -> accuracy floor. The test split has not been measured: its floors are set
# just above its majority baseline (1,147 of 1,725 pairs are paraphrases: 0.665).
FLOORS: dict[tuple[str, str], float] = {
    ("lexical", "train"): 0.69,    # measured 0.709 (all 4,076 pairs; majority 0.675)
    ("semantic", "train"): 0.70,   # measured 0.728 (all 4,076 pairs; majority 0.675)
    ("lexical", "test"): 0.67,
    ("semantic", "test"): 0.67,
}




@pytest.fixture(scope="module")
def mrpc(load_eval: Callable[[str], ModuleType]) -> ModuleType:
    return load_eval("paraphrase_mrpc")


def _check(mrpc: ModuleType, mode: str, split: str) -> None:
    if not mrpc.data_file(split).is_file():
        pytest.skip(f"MRPC {split} not found at {mrpc.data_file(split)} (it lives in ../shared)")
    encoder = None
    if mode == "semantic":
        from launderlens.embeddings.encoder import load_encoder

        encoder = load_encoder(required=True)
    result: dict[str, Any] = mrpc.evaluate(split, encoder)
    assert result["accuracy"] >= FLOORS[(mode, split)], result
    # Deciding by alignment must beat labelling every pair a paraphrase.
    assert result["accuracy"] > result["majority_accuracy"], result


@pytest.mark.slow
@pytest.mark.parametrize("split", ["test", "train"], ids=["held_out", "dev"])
def test_lexical_paraphrase_decision_holds_its_floor(mrpc: ModuleType, split: str) -> None:
    _check(mrpc, "lexical", split)


@pytest.mark.slow
@pytest.mark.skipif(not semantic_available(), reason="semantic backend not installed")
@pytest.mark.parametrize("split", ["test", "train"], ids=["held_out", "dev"])
def test_semantic_paraphrase_decision_holds_its_floor(mrpc: ModuleType, split: str) -> None:
    _check(mrpc, "semantic", split)


def test_scores_match_a_hand_computed_case(load_eval: Callable[[str], ModuleType]) -> None:
    scores = load_eval("paraphrase_mrpc").scores
    gold = [True, True, True, False]
    predicted = [True, True, False, True]
    assert scores(gold, predicted) == {"accuracy": 0.5, "precision": round(2 / 3, 4),
                                       "recall": round(2 / 3, 4), "f1": round(2 / 3, 4)}
