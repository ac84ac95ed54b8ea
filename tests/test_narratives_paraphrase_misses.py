"""The paraphrase evaluation names, for each miss, the claim retold and the claim ranked
first, so that a first record stating the same claim in other words (a duplicate in the
catalogue, not an error of the matcher) can be counted apart."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from launderlens.narratives import load_starter

EVAL = Path(__file__).resolve().parents[1] / "evals" / "narratives_paraphrase.py"


class Flat:
    """An encoder that gives every text one vector: ranking is left to BM25."""

    name = "flat"
    dimension = 2

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.tile(np.array([[1.0, 0.0]], dtype=np.float32), (len(texts), 1))


def test_each_miss_shows_the_retold_claim_and_the_first_one() -> None:
    spec = importlib.util.spec_from_file_location("narratives_paraphrase", EVAL)
    assert spec and spec.loader
    paraphrase = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(paraphrase)
    result = paraphrase.evaluate(part="tune", count=3, distractors=3, encoder=Flat())
    claims = {record.id: record.claim for record in load_starter()}
    starter = {text: claims[record] for record, text in paraphrase.STARTER_PARAPHRASES}
    misses = [m for m in result["misses"] if m["set"] == "starter"]
    assert misses  # a flat encoder leaves some paraphrases to BM25 alone, which misses them
    for miss in misses:
        assert miss["retold"] == starter[miss["paraphrase"]]
        assert miss["first"] and miss["first"] != miss["retold"]
