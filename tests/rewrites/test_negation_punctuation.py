"""Negations that punctuation and typing decide: a contraction typed without its apostrophe
("dont") negates as "don't" does; "not X, but Y" across a comma is a negation where "not one
but two" is none; a negation and a word that undoes it are one only inside a clause
("cannot detect, unlike the sequel"); "nor" goes on with the negation before it after
"neither" or where the other side joins the two with "or" (fictional sentences written for
these tests)."""

from __future__ import annotations

import pytest

from launderlens.rewrites.polarity import implicitly_negative
from launderlens.rewrites.quantities import read_tokens

from .conftest import fragments


def _negations(a: str, b: str) -> list[tuple[str, str]]:
    return fragments(a, b, "negation", certain=True)


@pytest.mark.parametrize(("a", "b"), [
    ('"I don\'t know anyone on the board who wants it shut," Kowal said.',
     '"I dont know anyone on the board who wants it shut," Kowal said.'),
    ("The details haven't been settled, a spokesman for the port said.",
     "The details havent been settled, a spokesman for the port said."),
    ("The levy had not been waived, and the mill paid it in full, its lawyer said.",
     "The levy was not waived, but the mill paid it in full, its lawyer said."),
    ("Kowal says that unlike the old ferry, she cannot see any rust on the hull.",
     "Kowal says she cannot see, unlike the old ferry, any rust on the hull."),
    ("The searches have not found the ledgers or any proof of a second account.",
     "The ledgers have not turned up, nor has any proof of a second account."),
    ("Neither the mayor of Velm nor the port council replied to the letter.",
     "The mayor of Velm and the port council did not reply to the letter."),
])
def test_the_same_negation_punctuated_or_typed_otherwise_is_no_change(a: str, b: str) -> None:
    assert _negations(a, b) == []
    assert _negations(b, a) == []


@pytest.mark.parametrize(("a", "b"), [
    ('"I know the owners of the mill well," Kowal said.',
     '"I dont know the owners of the mill well," Kowal said.'),
    ("The levy was waived, and the mill paid the rest, its lawyer said.",
     "The levy was not waived, but the mill paid the rest, its lawyer said."),
    ("Kowal did not attend the meeting in Velm, nor did she send a deputy.",
     "Kowal did not attend the meeting in Velm but did send a deputy."),
])
def test_a_negation_so_punctuated_or_typed_still_flips(a: str, b: str) -> None:
    assert _negations(a, b) != []


@pytest.mark.parametrize(("a", "b"), [
    ("Kowal and Dahl are expecting baby No. 3 this winter, a friend said.",
     "Kowal and Dahl are expecting their third child this winter, a friend said."),
    ("Fans of the show kept watching: is she or isn't she moving to Velm?",
     "Fans of the show kept watching her moving to Velm."),
    ("We're not surprised that the tabloid printed the story about Velm.",
     "It comes as no surprise that the tabloid printed the story about Velm."),
    ("Kowal is not surprised by the rumours about the mill in Velm.",
     "Kowal is far from surprised by the rumours about the mill in Velm."),
    ("The papers printed the word minus the offending syllable.",
     "The papers printed the word, albeit without the offending syllable."),
    ('"It is not a stunt for the cameras," Kowal said of the race.',
     "Kowal dismissed any notion of the race being a stunt for the cameras."),
    ("Kowal did not play competitive college matches in Velm until his final year.",
     "Kowal played competitive college matches in Velm from his final year."),
    ("Dahl said he did no work for the mill until 2019.",
     "Dahl said he worked for the mill from 2019."),
])
def test_a_negation_reworded_or_no_negation_at_all_is_no_flip(a: str, b: str) -> None:
    assert _negations(a, b) == []
    assert _negations(b, a) == []


@pytest.mark.parametrize(("a", "b"), [
    ("Kowal did not sign the lease that runs until 2030, the port said.",
     "Kowal signed the lease that runs until 2030, the port said."),
    ("The mill did not pay the workers who stayed on in Velm until March.",
     "The mill paid the workers who stayed on in Velm until March."),
])
def test_an_until_inside_a_relative_clause_dates_no_negation(a: str, b: str) -> None:
    assert _negations(a, b) != []


def test_a_denial_verb_undone_by_not_is_still_a_flip() -> None:
    assert _negations("The board dismissed the claims about the mill in Velm.",
                      "The board did not dismiss the claims about the mill in Velm.") != []


@pytest.mark.parametrize(("text", "negative"), [
    ("Kowal is far from surprised by the rumours.", True),
    ("The race in Velm is far from over.", True),
    ("The harbour master lives far from the old pier.", False),
    ("The fee, minus the deposit, is due on Monday.", True),
    ("The night fell to minus 5 degrees.", False),
])
def test_far_from_and_minus_negate_only_before_what_they_deny(text: str, negative: bool) -> None:
    assert implicitly_negative(read_tokens(text)) is negative


@pytest.mark.parametrize(("a", "b"), [
    ("The ferry, far from Velming, sailed on Monday.",
     "The ferry, a long way from Velming, did not sail on Monday."),
    ("At minus five, the ferry sailed from Velm.",
     "At five below zero, the ferry did not sail from Velm."),
    ("The coach, dismissed in May, spoke to reporters in Velm.",
     "The coach, fired in May, did not speak to reporters in Velm."),
])
def test_a_place_a_figure_or_a_dismissal_negates_nothing_beside_a_flip(a: str, b: str) -> None:
    # read as negations, "far from Velming", "minus five" and "dismissed in May" matched the
    # "not" the copy added, one negation a side, and hid it
    assert _negations(a, b) != []


@pytest.mark.parametrize(("text", "negative"), [
    ("The harbour master lives far from Velming.", False),
    ("The night fell to minus five degrees.", False),
    ("The coach was dismissed on Monday.", False),
    ("Kowal dismissed it as a stunt for the cameras.", True),
])
def test_far_from_minus_and_dismissed_negate_only_what_they_deny(
        text: str, negative: bool) -> None:
    assert implicitly_negative(read_tokens(text)) is negative
