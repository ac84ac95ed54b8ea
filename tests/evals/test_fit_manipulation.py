"""The fit behind the manipulation score (``evals/fit_manipulation.py``) on small made-up
feature tables: a floored weight stays at or above its floor when the data would drive it to
zero, and the other weights stay at or above zero."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import numpy as np
import pytest


@pytest.fixture(scope="module")
def fit(load_eval: Callable[[str], ModuleType]) -> ModuleType:
    return load_eval("fit_manipulation")


def _table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # Column 0 tells the classes apart; column 1 fires as often on either class, so a free
    # fit gives it nothing; column 2 fires more on the clean copies (a fit would weigh it
    # below zero if it could).
    rng = np.random.default_rng(7)
    labels = np.repeat([0, 1], 200)
    useful = labels * 0.7 + rng.normal(0, 0.3, 400)
    coin = rng.integers(0, 2, 400) * 0.69
    clean_side = (1 - labels) * 0.69 * rng.integers(0, 2, 400)
    features = np.column_stack([useful, coin, clean_side])
    return features, labels, np.full(400, 1 / 400)


def test_a_floored_weight_stays_at_its_floor(fit: ModuleType) -> None:
    features, labels, weights = _table()
    _, free = fit.fit_nonnegative(features, labels, weights, 1.0)
    assert free[1] < 0.2 and free[2] == 0.0 and free[0] > 1.0
    _, floored = fit.fit_nonnegative(features, labels, weights, 1.0,
                                     np.array([0.0, 0.6, 0.0]))
    assert floored[1] >= 0.6 - 1e-9 and floored[2] == 0.0 and floored[0] > 1.0


def test_the_floored_features_are_features_of_the_score(fit: ModuleType) -> None:
    assert set(fit.FLOORED) <= set(fit.MANIPULATION_FEATURES)
