"""The SemEval-2022 Task 8 evaluation's own arithmetic (``evals/semeval_t8.py``), on
numbers written here: the precision-first threshold and the least-squares weights."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import numpy as np
import pytest


@pytest.fixture(scope="module")
def semeval(load_eval: Callable[[str], ModuleType]) -> ModuleType:
    return load_eval("semeval_t8")


def test_threshold_keeps_the_most_recall_precision_allows(semeval: ModuleType) -> None:
    scores = np.array([0.875, 0.75, 0.625, 0.5, 0.375, 0.25])
    positive = np.array([True, True, True, False, True, False])
    # Down to 0.375 four of five are right (0.8); down to 0.625 all three are. Thresholds
    # are rounded up to two decimals.
    assert semeval.precision_first_threshold(scores, positive, 0.8) == pytest.approx(0.38)
    assert semeval.precision_first_threshold(scores, positive, 0.9) == pytest.approx(0.63)


def test_threshold_says_so_when_no_cut_is_precise_enough(semeval: ModuleType) -> None:
    scores = np.array([0.9, 0.8, 0.7, 0.6])
    positive = np.array([False, True, False, True])
    assert semeval.precision_first_threshold(scores, positive, 0.9) is None


def test_weights_are_fitted_on_the_masked_pairs_only(semeval: ModuleType) -> None:
    overall = [1.0, 2.0, 3.0, 4.0, 1.0, 4.0]
    pairs = [{"Overall": str(value)} for value in overall]
    target = -np.array(overall)
    first = target * 2.0
    second = np.array([0.3, 0.1, 0.4, 0.2, 9.0, -9.0])  # noise on the masked-out pairs
    mask = np.array([True, True, True, True, False, False])
    weights = semeval.least_squares_weights([first, second], pairs, mask)
    assert weights == pytest.approx([1.0, 0.0], abs=1e-3)


def _judged(overall: list[float], entities: list[float]) -> list[dict[str, str]]:
    """Invented pairs with the columns the residual report reads."""
    return [{"pair_id": f"p{i}", "lang1": "en", "lang2": "de", "Overall": str(o),
             "Geography": "1", "Entities": str(e), "Time": "2", "Narrative": str(o),
             "text1": f"A flood closes bridge {i}", "text2": f"Hochwasser sperrt Brücke {i}"}
            for i, (o, e) in enumerate(zip(overall, entities, strict=True))]


def test_worst_residuals_name_the_pair_off_the_line_first(semeval: ModuleType) -> None:
    overall = [1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0, 4.0, 4.0, 1.0]
    pairs = _judged(overall, overall)
    # On the line -Overall = 3 * score - 4 but for p8, which the score takes for one story,
    # and p9, masked out however far off it lies.
    scores = np.array([1.0, 2 / 3, 1 / 3, 0.0, 1.0, 2 / 3, 1 / 3, 0.0, 1.0, 0.0])
    mask = np.array([True] * 9 + [False])
    worst = semeval.worst_residuals(pairs, scores, mask, 2)
    assert worst[0]["pair_id"] == "p8" and worst[1]["pair_id"] != "p9"
    assert worst[0]["residual"] < 0 and worst[0]["entities"] == 4.0
    assert worst[0]["openings"] == ["A flood closes bridge 8", "Hochwasser sperrt Brücke 8"]
    assert len(semeval.worst_residuals(pairs, scores, mask, 20)) == 9


def test_sub_score_correlations_read_each_annotator_column(semeval: ModuleType) -> None:
    overall = [1.0, 2.0, 3.0, 4.0]
    pairs = _judged(overall, [4.0, 3.0, 2.0, 1.0])
    score = np.array([0.9, 0.6, 0.3, 0.1])
    table = semeval.sub_score_correlations(pairs, {"score": score}, np.ones(4, dtype=bool))
    assert table["overall"]["score"] > 0.9  # alike pairs score high: a positive Pearson
    assert table["entities"]["score"] < -0.9  # the invented entities run the other way
    assert np.isnan(table["geography"]["score"])  # one value throughout: no correlation
