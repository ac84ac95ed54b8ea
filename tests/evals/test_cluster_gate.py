"""Quality gate: story clustering on ECB+ must not fall below the pinned floors.

Floors sit a little below the scores measured when they were pinned (in the comments);
raise them on purpose when clustering improves, never lower them to make a change pass.
``dev`` is topics 1-10, on which the weights and thresholds were chosen; ``held_out`` is
topics 11-20, which were not looked at while choosing them.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from launderlens.rewrites.similarity import semantic_available

# (backends, split) -> (B-cubed precision floor, B-cubed F1 floor)
FLOORS: dict[tuple[str, str], tuple[float, float]] = {
    ("lexical", "dev"): (0.89, 0.91),                # measured P 0.912, F1 0.933
    ("lexical", "held_out"): (0.93, 0.93),           # measured P 0.956, F1 0.950
    ("lexical+semantic", "dev"): (0.89, 0.90),       # measured P 0.915, F1 0.924
    ("lexical+semantic", "held_out"): (0.93, 0.92),  # measured P 0.956, F1 0.942
}




@pytest.fixture(scope="module")
def ecbplus(load_eval: Callable[[str], ModuleType]) -> ModuleType:
    module = load_eval("cluster_ecbplus")
    if not module.DOCS.is_file():
        pytest.skip(f"ECB+ data not found at {module.DOCS} (it lives in ../shared)")
    return module


def _check(ecbplus: ModuleType, name: str, backends: tuple[str, ...]) -> None:
    docs = ecbplus.load()
    for split, topics in ecbplus.SPLITS.items():
        result: dict[str, Any] = ecbplus.evaluate(docs, topics, backends)
        precision_floor, f1_floor = FLOORS[(name, split)]
        assert result["precision"] >= precision_floor, (name, split, result)
        assert result["f1"] >= f1_floor, (name, split, result)


@pytest.mark.slow
def test_lexical_clustering_holds_its_floors(ecbplus: ModuleType) -> None:
    _check(ecbplus, "lexical", ("lexical",))


@pytest.mark.slow
@pytest.mark.skipif(not semantic_available(), reason="semantic backend not installed")
def test_lexical_and_semantic_clustering_holds_its_floors(ecbplus: ModuleType) -> None:
    _check(ecbplus, "lexical+semantic", ("lexical", "semantic"))


def test_bcubed_matches_a_hand_computed_case(load_eval: Callable[[str], ModuleType]) -> None:
    bcubed = load_eval("cluster_ecbplus").bcubed
    gold = {"a": 1, "b": 1, "c": 2}
    assert bcubed({"a": "x", "b": "x", "c": "x"}, gold) == {
        "precision": round((2 / 3 + 2 / 3 + 1 / 3) / 3, 4), "recall": 1.0,
        "f1": round(2 * (5 / 9) / (5 / 9 + 1), 4)}
    assert bcubed({"a": "x", "b": "y", "c": "z"}, gold)["precision"] == 1.0
