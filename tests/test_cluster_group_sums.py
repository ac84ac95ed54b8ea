"""Group sums of ``cluster`` across languages: a story restored from disk, summed in one
step, equals its members merged one at a time; the cross dot of two groups reads their
pairs in two languages, in one order whichever group comes first; and a row of no
identified language crosses nothing. The texts are written for these tests, on invented
events."""

from __future__ import annotations

from functools import reduce

import numpy as np
import pytest
import scipy.sparse as sp

from launderlens.languages.detect import LanguageText
from launderlens.rewrites.group_sums import GroupSums
from launderlens.rewrites.similarity.crosslingual import (
    CrossLingualAnchors,
    CrossMembers,
    StoryBlock,
    story_evidence,
)
from launderlens.rewrites.similarity.lexical import block_dot, block_dots

# One flood told in Russian and English (names, a count and a date shared), and a Swahili
# line naming it too: Swahili is a language the anchors do not read.
TOLD = [
    ("ru", "Глава района Денис Орлов сообщил, что 12 марта вода затопила в Ельце 140 домов."),
    ("en", "District head Denis Orlov said water flooded 140 homes in Yelets on 12 March."),
    ("sw", "Mkuu wa wilaya Denis Orlov alisema nyumba 140 za Yelets zilifurika 12 March."),
    ("ru", "Денис Орлов пообещал жителям Ельца 140 лодок и помощь к 12 марта."),
    ("en", "Residents of Yelets thanked Denis Orlov for the 140 boats sent by 12 March."),
    ("en", "A ferry strike in Port Selby left lorries queuing for a whole day."),
    ("ru", "В Калуге открылась выставка старинных часов из частных коллекций."),
]


@pytest.fixture(scope="module")
def anchors() -> CrossLingualAnchors:
    return CrossLingualAnchors().fit([LanguageText(text, lang) for lang, text in TOLD])


def _story_sum(rows: np.ndarray, others: np.ndarray, block: StoryBlock) -> float:
    """An ``excess`` of :class:`CrossMembers`: the story cosine of the pairs across
    languages, summed."""
    crossing, cosine, _ = block
    return float(cosine[crossing].astype(np.float64).sum())


def test_the_story_block_of_two_groups_is_each_pairs_story_parts(
        anchors: CrossLingualAnchors) -> None:
    rows, others = np.array([0, 3, 5]), np.array([1, 2, 4, 6])
    crossing, cosine, counted = anchors.story_block(rows, others)
    left, right = np.repeat(rows, len(others)), np.tile(others, len(rows))
    pair_cosine, pair_counted = anchors.story_parts(left, right)
    assert crossing.ravel().tolist() == anchors.crosses(left, right).tolist()
    assert np.allclose(cosine.ravel(), pair_cosine, atol=1e-6)
    assert counted.ravel().tolist() == pair_counted.tolist()
    # Both Russian reports of the flood meet both English ones; the Swahili line crosses
    # nothing, and the ferry strike and the clock exhibition share nothing.
    assert crossing.sum() == 5 and (cosine > 0.5).sum() == 4


def test_the_cross_dot_of_two_groups_hands_both_groups_rows_lower_first(
        anchors: CrossLingualAnchors) -> None:
    read: list[tuple[list[int], list[int]]] = []

    def excess(rows: np.ndarray, others: np.ndarray, block: StoryBlock) -> float:
        read.append((rows.tolist(), others.tolist()))
        return 0.5

    first = CrossMembers(anchors, np.array([0, 3, 5]), excess)
    second = CrossMembers(anchors, np.array([1, 4, 6]), excess)
    assert second.cross_dot(first) == first.cross_dot(second) == 0.5
    assert read == [([0, 3, 5], [1, 4, 6])] * 2


# Short reports of places and counts, alternately in English and Russian, where the sum
# of the story cosine of two groups' pairs read row by row and read column by column
# differ in the last bit.
COUNTED = [
    "They said Kursk, Lipetsk and 19, 58, 14, 22, 50.", "Сообщили Орлов и 18, 44.",
    "They said Lipetsk, Yelets, Tambov and 36, 29, 53.", "Сообщили Орёл и 42, 23, 41, 25, 45.",
    "They said Orlov, Yelets and 25, 43, 24, 53, 17, 13.",
    "Сообщили Орлов, Тамбов, Елец, Воронеж и 28, 40, 22, 15.",
    "They said Kursk, Tambov and 43, 45.", "Сообщили Тамбов и 44.",
    "They said Kursk, Yelets, Oryol, Orlov and 53, 59, 54, 26, 45, 29.",
    "Сообщили Курск и 36, 51, 17, 24.", "They said Yelets, Oryol and 19, 59, 13, 56, 46, 58.",
    "Сообщили Курск, Тамбов, Воронеж и 18, 52, 58, 57.",
    "They said Oryol, Orlov and 15, 27, 24, 13, 57, 35.",
    "Сообщили Липецк, Орлов, Тамбов, Елец и 34, 52, 25.",
    "They said Orlov, Lipetsk, Oryol, Voronezh and 41, 24, 29, 42, 13.",
    "Сообщили Орлов, Тамбов, Воронеж и 35.",
]


def test_the_cross_dot_of_two_groups_is_summed_in_one_order_whichever_group_asks() -> None:
    anchors = CrossLingualAnchors().fit(
        [LanguageText(text, "ru" if at % 2 else "en") for at, text in enumerate(COUNTED)])
    rows, others = np.array([2, 3, 6, 7, 9, 10, 12, 13]), np.array([0, 1, 4, 5, 8, 11, 14, 15])
    first, second = (CrossMembers(anchors, group, _story_sum) for group in (rows, others))
    # Bit for bit, so that a merge reads the same average whichever group asks.
    assert first.cross_dot(second) == second.cross_dot(first) > 0


def test_a_row_of_no_identified_language_crosses_nothing(anchors: CrossLingualAnchors) -> None:
    assert anchors.languages_[2] is None
    assert anchors.similarity(np.array([2, 2]), np.array([0, 1])).tolist() == [0.0, 0.0]
    unknown = CrossMembers(anchors, np.array([2]), _story_sum)
    assert unknown.cross_dot(CrossMembers(anchors, np.array([0, 1, 3, 4]), _story_sum)) \
        == 0.0
    with_unknown = CrossMembers(anchors, np.array([0, 2]), _story_sum)
    alone = CrossMembers(anchors, np.array([0]), _story_sum)
    english = CrossMembers(anchors, np.array([1]), _story_sum)
    assert with_unknown.cross_dot(english) == alone.cross_dot(english) > 0


def test_a_group_summed_in_one_step_equals_its_members_merged_in_turn(
        anchors: CrossLingualAnchors) -> None:
    rng = np.random.default_rng(15)
    singles = [GroupSums(np.sort(rng.choice(40, size=9, replace=False)), rng.random(9),
                         rng.random(6).astype(np.float32), [row],
                         CrossMembers(anchors, np.array([row]), _story_sum))
               for row in (4, 0, 6, 2, 5, 1, 3)]
    merged = reduce(GroupSums.merged, singles)
    summed = GroupSums.of(singles)
    assert summed.indices.tolist() == merged.indices.tolist()
    assert summed.values.tobytes() == merged.values.tobytes()
    assert summed.dense is not None and merged.dense is not None
    assert summed.dense.tobytes() == merged.dense.tobytes()
    assert summed.members == merged.members
    assert summed.across is not None and merged.across is not None
    assert summed.across.rows.tolist() == merged.across.rows.tolist() == list(range(7))
    assert summed.across.languages == merged.across.languages == {"ru", "en"}


def test_an_add_weighs_the_anchors_it_brings_as_a_fit_does() -> None:
    told = [LanguageText(text, lang) for lang, text in TOLD]
    grown = CrossLingualAnchors().fit(told[:3])
    grown.story_parts(np.array([0]), np.array([1]))  # the weights of the first columns
    grown.add(told[3:])
    fitted = CrossLingualAnchors().fit(told)
    assert list(grown.vocabulary_) == list(fitted.vocabulary_)
    assert grown._evidence_columns().tolist() == fitted._evidence_columns().tolist() == [
        story_evidence(key) for key in fitted.vocabulary_]
    rows, others = np.array([0, 0, 1, 3]), np.array([1, 4, 3, 4])
    # The weights differ (an add keeps the fit's document frequencies); which pairs count
    # does not.
    assert (grown.story_parts(rows, others)[0] > 0).tolist() == \
        (fitted.story_parts(rows, others)[0] > 0).tolist()


def test_the_block_dot_of_two_groups_is_their_rows_sparse_product() -> None:
    matrix = sp.random(30, 80, density=0.08, format="csr", random_state=15, dtype=np.float32)
    matrix = sp.csr_matrix(matrix.multiply(np.r_[np.ones(5), 0, np.ones(24)][:, None]))
    matrix.eliminate_zeros()  # row 5 holds nothing
    for rows, others in (([0, 5, 9], [1, 2]), ([5], [6]), (range(12), range(12, 30))):
        mine, theirs = np.array(rows), np.array(others)
        expected = (matrix[mine] @ matrix[theirs].T).toarray()
        assert np.allclose(block_dot(matrix, mine, theirs), expected, atol=1e-6)


def test_the_block_dots_of_two_values_on_one_structure_are_each_ones_block_dot() -> None:
    matrix = sp.random(30, 80, density=0.08, format="csr", random_state=16, dtype=np.float32)
    doubled = sp.csr_matrix((2 * matrix.data + 1, matrix.indices, matrix.indptr),
                            shape=matrix.shape)
    mine, theirs = np.arange(12), np.arange(12, 30)
    first, second = block_dots(matrix, mine, theirs, [matrix.data, doubled.data])
    # Bit for bit: a merge reads the same averages as when each was read alone.
    assert np.array_equal(first, block_dot(matrix, mine, theirs))
    assert np.array_equal(second, block_dot(doubled, mine, theirs))
    assert second.any()
