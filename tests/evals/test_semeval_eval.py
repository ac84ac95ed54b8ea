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
