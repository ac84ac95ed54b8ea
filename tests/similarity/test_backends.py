"""One conformance suite for every similarity backend, then what each one is for.

The semantic backend loads a model (seconds), so its run of the suite is marked slow and
skips where the model is not installed.
"""

from __future__ import annotations

import numpy as np
import pytest

from launderlens.errors import ConfigError
from launderlens.rewrites.similarity import (
    Neighbours,
    SimilarityBackend,
    backend_names,
    default_backend_names,
    get_backend,
    semantic_available,
    top_k_per_row,
)
from launderlens.rewrites.similarity.lexical import LexicalBackend, anchor_terms, tokenize
from launderlens.rewrites.similarity.verbatim import band_pairs, minhash_signatures

BACKENDS = [
    "verbatim",
    "lexical",
    pytest.param("semantic", marks=[
        pytest.mark.slow,
        pytest.mark.skipif(not semantic_available(), reason="semantic backend not installed"),
    ]),
]

HARBOUR = ("The harbour authority of Valletta closed the Grand Harbour to cruise ships on "
           "Monday after a fuel leak from the tanker Oriana Star, the port captain said.")
HARBOUR_COPY = HARBOUR.replace("on Monday", "early on Monday")
ELECTION = ("Voters in the Estonian town of Tartu elected a new mayor, Kadri Saar, who "
            "promised cheaper buses and longer library opening hours.")
RECIPE = "Whisk four eggs with sugar, fold in the flour and bake for thirty minutes at 180 C."
TEXTS = [HARBOUR, ELECTION, RECIPE, HARBOUR_COPY, ""]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> SimilarityBackend:
    return get_backend(request.param).fit(TEXTS)


def test_fit_indexes_every_text(backend: SimilarityBackend) -> None:
    assert backend.size == len(TEXTS)
    assert backend.params()["backend"] == backend.name


def test_a_copy_is_the_nearest_neighbour(backend: SimilarityBackend) -> None:
    found = backend.neighbours(np.array([0]), k=1)
    assert found.left.tolist() == [0] and found.right.tolist() == [3]
    assert found.score[0] > 0.8


def test_neighbours_keep_the_contract(backend: SimilarityBackend) -> None:
    found = backend.neighbours(k=2)
    assert isinstance(found, Neighbours)
    assert len(found.left) == len(found.right) == len(found.score)
    assert not np.any(found.left == found.right)
    assert np.all(np.bincount(found.left) <= 2)
    assert np.all((found.score >= 0) & (found.score <= 1 + 1e-6))
    assert 4 not in found.left  # the empty text has no neighbours


def test_similarity_is_symmetric_and_bounded(backend: SimilarityBackend) -> None:
    left, right = np.array([0, 0, 1, 2]), np.array([3, 1, 2, 0])
    forward, backward = backend.similarity(left, right), backend.similarity(right, left)
    np.testing.assert_allclose(forward, backward, atol=1e-6)
    assert np.all((forward >= 0) & (forward <= 1 + 1e-6))
    assert forward[0] > forward[1]  # the copy scores above an unrelated text


def test_add_indexes_after_what_fit_saw(backend: SimilarityBackend) -> None:
    backend.add([ELECTION.replace("new mayor", "new mayor on Sunday")])
    assert backend.size == len(TEXTS) + 1
    found = backend.neighbours(np.array([len(TEXTS)]), k=1)
    assert found.right.tolist() == [1]


def test_registry_lists_the_backends() -> None:
    assert backend_names() == ["lexical", "semantic", "verbatim"]
    assert default_backend_names()[0] == "lexical"
    assert ("semantic" in default_backend_names()) == semantic_available()


def test_unknown_backend_names_the_valid_ones() -> None:
    with pytest.raises(ConfigError, match="choose one of: lexical, semantic, verbatim"):
        get_backend("fuzzy")


def test_bad_backend_parameters_are_a_config_error() -> None:
    with pytest.raises(ConfigError, match="lexical"):
        get_backend("lexical", shingles=5)


def test_tokens_fold_case_possessives_and_keep_figures() -> None:
    assert tokenize("Italy's 4.2 billion, 1,340 km; U.S. envoy") == [
        "italy", "s", "4.2", "billion", "1,340", "km", "u.s", "envoy"]


def test_anchor_terms_are_names_inside_sentences_and_numbers() -> None:
    text = "The minister met Kaja Kallas in Helsinki. Officials pledged 4.2 billion (Reuters)."
    assert anchor_terms(text) == ["kaja", "kallas", "helsinki", "4.2", "reuters"]


def test_minhash_estimates_jaccard() -> None:
    words = [f"w{i}" for i in range(400)]
    first, second = " ".join(words[:300]), " ".join(words[100:])
    signatures = minhash_signatures([first, second], num_perm=256)
    estimate = float(np.mean(signatures[0] == signatures[1]))
    assert abs(estimate - 198 / 398) < 0.1  # 198 shared 3-shingles of 398


def test_verbatim_does_not_see_a_rewrite() -> None:
    rewrite = ("Cruise liners were barred from Valletta's Grand Harbour on Monday when the "
               "tanker Oriana Star leaked fuel, according to the harbour master.")
    backend = get_backend("verbatim").fit([HARBOUR, rewrite])
    assert backend.similarity(np.array([0]), np.array([1]))[0] < 0.2
    lexical = get_backend("lexical").fit([HARBOUR, rewrite, ELECTION, RECIPE])
    assert lexical.neighbours(np.array([0]), k=1).right.tolist() == [1]


def test_lexical_vocabulary_grows_with_add_and_new_terms_count_as_rare() -> None:
    backend = LexicalBackend().fit([HARBOUR, ELECTION])
    backend.add(["Flooding in Zagreb closed the Zagreb tram network."])
    assert "zagreb" in backend.vocabulary_
    idf = backend.idf()
    assert idf[backend.vocabulary_["zagreb"]] == idf.max()
    assert backend.vectors_.shape == (3, len(backend.vocabulary_))


def test_lexical_postings_windows_bound_the_work_of_a_common_term() -> None:
    # 600 documents share one rare-looking term; with windows of 50 each document meets
    # at most ~100 others through it instead of all 599, and all still find neighbours.
    texts = [f"Karvonen visited site{i} and site{i + 1} today" for i in range(600)]
    backend = LexicalBackend(postings_span=50, max_df=1.0).fit(texts)
    met = backend.postings().overlaps(np.arange(600), k=600, vectors=backend.vectors_)
    assert np.bincount(met.left).max() <= 2 * 50
    assert set(backend.neighbours(k=3).left.tolist()) == set(range(600))


def test_band_pairs_link_a_flood_of_copies_without_all_pairs() -> None:
    keys = np.zeros((1000, 2), dtype=np.uint64)  # every document in one bucket per band
    left, right = band_pairs(keys, np.ones(1000, dtype=bool), max_bucket_span=8)
    assert len(left) <= 1000 * 8
    assert set(left.tolist()) | set(right.tolist()) == set(range(1000))


def test_top_k_per_row_keeps_the_best() -> None:
    pairs = Neighbours(np.array([0, 0, 0, 1]), np.array([1, 2, 3, 0]),
                       np.array([0.1, 0.9, 0.5, 0.3], dtype=np.float32))
    kept = top_k_per_row(pairs, 2)
    pairs_kept = zip(kept.left.tolist(), kept.right.tolist(), strict=True)
    assert sorted(pairs_kept) == [(0, 2), (0, 3), (1, 0)]
