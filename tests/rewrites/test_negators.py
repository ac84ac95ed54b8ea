"""One list of negators for the negation and polarity readings: a negating pronoun
("nobody", "nowhere") negates as "not" does, in both readings (fictional sentences written
for these tests)."""

from __future__ import annotations

import pytest

from launderlens.rewrites.polarity import NEGATIVE_PRONOUNS, NEGATORS, is_negator

from .conftest import fragments


def test_the_negating_pronouns_are_negators() -> None:
    assert NEGATIVE_PRONOUNS <= NEGATORS
    assert is_negator("nobody") and is_negator("wouldn't") and not is_negator("nothingness")


@pytest.mark.parametrize(("a", "b"), [
    ("Nobody approved the plan, the board said.", "The board rejected the plan, the board said."),
    ("Neither board approved the merger.", "Both boards rejected the merger."),
])
def test_a_negated_outcome_against_its_opposite_is_no_polarity_change(a: str, b: str) -> None:
    assert not fragments(a, b, "negation")


def test_an_outcome_against_its_opposite_is_still_a_change() -> None:
    assert ("approved", "rejected") in fragments(
        "The club approved the budget.", "The club rejected the budget.", "negation",
        certain=True)


def test_a_negating_pronoun_undoes_a_word_that_negates() -> None:
    # "nobody lacked water" states that everyone had it
    assert fragments("Nobody lacked water at the camp.", "Everyone had water at the camp.",
                     "negation") == []


def test_nowhere_negates_what_follows_it() -> None:
    assert fragments("The firm had nowhere to store the grain.",
                     "The firm had space to store the grain.", "negation", certain=True) != []
