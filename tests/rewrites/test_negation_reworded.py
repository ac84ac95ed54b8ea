"""A negation one side states with "not" and the other carries in words of its own ("no
sign that", "dispelled rumours", "few", "restricted from", "balked at"), or each side in
words of its own ("voted NO" and "voted against"): not a sure change,
since word positions cannot prove which act such a sentence denies; and a "not" planted
beside a sentence's own negations, which stays sure. Fictional sentences written for these
tests.
"""

from __future__ import annotations

import pytest

from .conftest import fragments


def _sure(a: str, b: str) -> list[tuple[str, str]]:
    return fragments(a, b, "negation", certain=True)


def _any(a: str, b: str) -> list[tuple[str, str]]:
    return fragments(a, b, "negation")


@pytest.mark.parametrize(("a", "b"), [
    # the copy's "no" governs the clause the source denies with "not"
    ("The inquiry found no real probe, and the envoy has not drawn any official scrutiny.",
     "The inquiry found no probe, no scandal and no hint at all that the envoy has drawn "
     "official scrutiny."),
    # "very few" against "many do not"
    ("Very few readers take the weekly tabloid seriously these days.",
     "Many readers do not take the weekly tabloid seriously these days."),
    # keeping from, against an obligation not to
    ("The settlement obliged the actress to not publicly date anyone for three years.",
     "The settlement restricted the actress from publicly dating anyone for three years."),
    # refusals in two words
    ("The drummer balked at the idea of signing the contract.",
     "The drummer rejected the idea of signing the contract."),
    # a "no way" told as "won't"
    ("There is no way the presenter is ever being asked back to the show.",
     "The presenter won't be asked back to the show."),
    # each side negates in its own words, beside a negative word both hold
    ("In 2004, Senator Pell voted NO to fund $40 million for unneeded bridges.",
     "In 2004, Senator Pell voted against funding $40 million for unneeded bridges."),
    ("The mayor told supporters: Don't attend the rally on Friday.",
     "The mayor advised supporters against attending the rally on Friday."),
    ("The minister won't rule out new borders for the district.",
     "The minister would not rule out new borders for the district."),
])
def test_a_negation_carried_by_other_words_is_not_sure(a: str, b: str) -> None:
    assert _sure(a, b) == []


def test_a_planted_not_beside_the_sources_own_negation_stays_sure() -> None:
    """The source skipped one event and attended the next; the copy retells the skipping
    with "not" and plants a second "not": it negates once more than the source."""
    a = ("The heiress may have skipped the family photo this winter, but she did attend "
         "her aunt's gala in Harbourton.")
    b = ("The heiress did not take part in the family photo this winter, but she did not "
         "attend her aunt's gala in Harbourton.")
    assert _sure(a, b)


@pytest.mark.parametrize(("a", "b"), [
    # both sides hold "avoid"; only the copy denies it
    ("The mayor avoided the press on Monday.", "The mayor did not avoid the press on Monday."),
    # both hold "unpaid"; only the copy denies the vote
    ("The council approved the unpaid levy on Monday, the clerk said.",
     "The council did not approve the unpaid levy on Monday, the clerk said."),
])
def test_a_not_beside_a_negative_word_both_sides_hold_stays_sure(a: str, b: str) -> None:
    assert _sure(a, b)


@pytest.mark.parametrize("a", [
    # "no doubt" and "a few" negate nothing
    "There is no doubt about it: the coach has built a strong bond with the new striker.",
    "After a few minutes of talks, the coach has built a strong bond with the new striker.",
])
def test_words_that_negate_nothing_leave_a_planted_not_sure(a: str) -> None:
    b = "The coach has not built a strong bond with the new striker."
    assert _sure(a, b)


def test_a_negation_left_unsure_is_still_reported() -> None:
    a = "Very few readers take the weekly tabloid seriously these days."
    b = "Many readers do not take the weekly tabloid seriously these days."
    assert _sure(a, b) == []
    assert _any(a, b)
