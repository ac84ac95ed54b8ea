"""The lexical inverted index grows with added rows instead of being built per search."""

from __future__ import annotations

import random

import numpy as np
import pytest
import scipy.sparse as sp

from launderlens.rewrites.similarity import Neighbours
from launderlens.rewrites.similarity.lexical import LexicalBackend
from launderlens.rewrites.similarity.postings import _ROW_BITS, TopTermPostings


def _texts(seed: int, size: int) -> list[str]:
    rng = random.Random(seed)
    names = [f"Name{i}" for i in range(40)]
    words = ["harbour", "tanker", "fuel", "council", "vote", "flood", "bridge", "court"]
    return [" ".join(rng.sample(names, 4) + rng.sample(words, 3)) for _ in range(size)]


def _pairs(found: Neighbours) -> list[tuple[int, int, float]]:
    return sorted(zip(found.left.tolist(), found.right.tolist(),
                      np.round(found.score, 5).tolist(), strict=True))


@pytest.mark.parametrize("cuts", [[100], [30, 31, 170], [1, 199]])
def test_postings_grown_in_batches_equal_postings_built_at_once(cuts: list[int]) -> None:
    # max_df 1 and a span above every list: no term turns common as rows come, so the
    # grown lists must be exactly the lists of one build over the same vectors.
    vectors = LexicalBackend().fit(_texts(3, 200)).vectors_
    whole = TopTermPostings(top_terms=4, span=16, max_df=1.0)
    whole.add(vectors)
    grown = TopTermPostings(top_terms=4, span=16, max_df=1.0)
    for start, stop in zip([0, *cuts], [*cuts, 200], strict=True):
        grown.add(vectors[start:stop])
    assert np.array_equal(grown.keys_, whole.keys_)
    assert np.array_equal(grown.weights_, whole.weights_)
    rows = np.arange(150, 200)
    assert _pairs(grown.overlaps(rows, 10, vectors)) == _pairs(whole.overlaps(rows, 10, vectors))


def test_small_adds_leave_the_base_untouched_and_search_as_one_build() -> None:
    # Windows of 8 over 400 rows: many windows straddle the base and the added rows.
    vectors = LexicalBackend().fit(_texts(4, 400)).vectors_
    whole = TopTermPostings(top_terms=4, span=8, max_df=1.0)
    whole.add(vectors)
    grown = TopTermPostings(top_terms=4, span=8, max_df=1.0)
    grown.add(vectors[:390])
    base = grown._base.keys
    for start in (390, 395):
        grown.add(vectors[start:start + 5])
    assert grown._base.keys is base  # the adds' entries wait in the tail, no copy of all
    assert grown.entries == whole.entries
    for rows in (np.arange(400), np.arange(350, 400), np.array([3, 385, 399])):
        assert _pairs(grown.overlaps(rows, 10, vectors)) == \
            _pairs(whole.overlaps(rows, 10, vectors))
    for first in (0, 385, 390, 397):
        since = (whole.keys_ & 0xFFFFFFFF) >= first
        keys, weights = grown.entries_since(first)
        assert np.array_equal(keys, whole.keys_[since])
        assert np.array_equal(weights, whole.weights_[since])
    assert np.array_equal(grown.keys_, whole.keys_)  # and merged when read whole
    assert grown._tail.keys.size == 0


def test_a_row_meets_only_its_window_and_the_one_before() -> None:
    # One shared term, 100 rows, windows of 10: row 55 reads rows 40-59 only.
    vectors = sp.csr_matrix(np.ones((100, 1), dtype=np.float32))
    postings = TopTermPostings(top_terms=1, span=10, max_df=1.0)
    postings.add(vectors[:60])
    postings.add(vectors[60:])
    met = postings.overlaps(np.array([55]), k=100, vectors=vectors)
    assert sorted(met.right.tolist()) == [r for r in range(40, 60) if r != 55]


def test_entries_of_earlier_rows_stay_when_a_term_turns_common() -> None:
    # "common" grows past max(span, max_df * rows) after the first add: the new rows leave
    # it out of their top terms; the rows indexed earlier keep it.
    first = sp.csr_matrix(np.array([[1, 0]] * 4 + [[0, 1]] * 4 + [[0, 0]] * 2,
                                   dtype=np.float32))
    postings = TopTermPostings(top_terms=1, span=2, max_df=0.5)
    postings.add(first)
    assert set((postings.keys_ >> 32).tolist()) == {0, 1}
    before = postings.keys_.copy()
    # A third term joins the vocabulary; term 0 is then in 11 of 20 rows, past 10.
    postings.add(sp.csr_matrix(np.array([[1, 0, 0.5]] * 7 + [[0, 0, 1]] * 3,
                                        dtype=np.float32)))
    new_terms = (postings.keys_ >> 32)[(postings.keys_ & 0xFFFFFFFF) >= 10]
    assert set(new_terms.tolist()) == {2}
    assert set(before.tolist()) <= set(postings.keys_.tolist())


def test_the_saved_lists_must_be_sorted_entries_of_indexed_rows() -> None:
    vectors = sp.csr_matrix(np.ones((4, 2), dtype=np.float32))
    postings = TopTermPostings()
    with pytest.raises(ValueError, match="sorted"):
        postings.restore(np.array([5, 3]), np.ones(2, np.float32), vectors)
    with pytest.raises(ValueError, match="sorted"):
        postings.restore(np.array([1, 9]), np.ones(2, np.float32), vectors)  # row 9 of 4
    with pytest.raises(ValueError, match="sorted"):  # row 9 under the first term only
        postings.restore(np.array([9, 1 << _ROW_BITS]), np.ones(2, np.float32), vectors)
    postings.restore(np.array([0, 3], dtype=np.int64), np.ones(2, np.float32), vectors)
    assert postings.rows_ == 4
