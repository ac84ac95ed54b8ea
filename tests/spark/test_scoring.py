"""Scored candidate pairs on Spark keep what the local index keeps: each article's 20
candidates of highest lexical similarity, whatever their whole score."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from launderlens.rewrites.similarity import Neighbours, restrict_rows, top_k_per_row
from launderlens.spark.vectors import THRESHOLD, pair_scores, sparse_rows

pytestmark = pytest.mark.spark

VECTOR_COLUMNS = ("id string, word_columns array<int>, word_weights array<float>, "
                  "anchor_columns array<int>, anchor_weights array<float>, "
                  "across_columns array<int>, across_weights array<float>, "
                  "across_evidence array<tinyint>, lang string")


def _row(ident: str, words: dict[int, float], anchors: dict[int, float] | None = None
         ) -> tuple[Any, ...]:
    anchors = anchors or {}
    return (ident, list(words), list(words.values()), list(anchors), list(anchors.values()),
            [], [], [], "en")


def _crowded_pair() -> list[tuple[Any, ...]]:
    """``x`` and ``y`` share every anchor and few words; each has more than 20 other
    candidates with more words in common, which share no anchor with it."""
    def unit(shared: int, cosine: float, own: int) -> dict[int, float]:
        return {shared: cosine, own: math.sqrt(1 - cosine * cosine)}

    rows = [_row("x", {0: 1.0}, {900: 1.0}),
            _row("y", unit(0, 0.2, 1), {900: 1.0})]
    rows += [_row(f"z{i:02}", unit(0, 0.5 + 0.01 * i, 100 + i)) for i in range(21)]
    # y's own word column is 1, at 0.98 of its length
    rows += [_row(f"w{i:02}", unit(1, 0.5 + 0.01 * i, 300 + i)) for i in range(20)]
    return rows


def test_each_article_keeps_its_twenty_lexically_closest_candidates(spark: Any) -> None:
    from launderlens.spark.candidates import score_pairs

    rows = _crowded_pair()
    vectors = spark.createDataFrame(rows, VECTOR_COLUMNS)
    ids = [r[0] for r in rows]
    candidates = [("x", "y")] + [("x", f"z{i:02}") for i in range(21)] + \
        [(f"w{i:02}", "y") for i in range(20)]
    scored = {(r["a"], r["b"]): r["score"] for r in score_pairs(
        spark.createDataFrame(candidates, "a string, b string"), vectors).collect()}

    # The local index's rule, from the library's own functions over word cosines.
    words = {r[0]: dict(zip(r[1], r[2], strict=True)) for r in rows}
    left = np.array([ids.index(a) for a, _ in candidates])
    right = np.array([ids.index(b) for _, b in candidates])
    cosine = np.array([sum(w * words[b].get(c, 0.0) for c, w in words[a].items())
                       for a, b in candidates], dtype=np.float32)
    kept = top_k_per_row(restrict_rows(Neighbours(left, right, cosine), None), 20)
    expected = {tuple(sorted((ids[a], ids[b]))) for a, b in zip(kept.left, kept.right,
                                                                 strict=True)}
    assert ("x", "y") not in expected  # neither keeps the other among its 20 closest
    # ... though ranked by the whole score each would: a strong pair on its anchors
    x, y = rows[0], rows[1]
    _, whole = pair_scores(sparse_rows([x[1], y[1]], [x[2], y[2]]),
                           sparse_rows([x[3], y[3]], [x[4], y[4]]), np.array([0]),
                           np.array([1]))
    assert whole[0] >= THRESHOLD
    assert set(scored) == expected
