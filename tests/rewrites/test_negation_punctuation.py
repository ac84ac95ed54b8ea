"""Negations that punctuation and typing decide: a contraction typed without its apostrophe
("dont") negates as "don't" does; "not X, but Y" across a comma is a negation where "not one
but two" is none; a negation and a word that undoes it are one only inside a clause
("cannot detect, unlike the sequel"); "nor" goes on with the negation before it (fictional
sentences written for these tests)."""

from __future__ import annotations

import pytest

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
])
def test_the_same_negation_punctuated_or_typed_otherwise_is_no_change(a: str, b: str) -> None:
    assert _negations(a, b) == []
    assert _negations(b, a) == []


@pytest.mark.parametrize(("a", "b"), [
    ('"I know the owners of the mill well," Kowal said.',
     '"I dont know the owners of the mill well," Kowal said.'),
    ("The levy was waived, and the mill paid the rest, its lawyer said.",
     "The levy was not waived, but the mill paid the rest, its lawyer said."),
])
def test_a_negation_so_punctuated_or_typed_still_flips(a: str, b: str) -> None:
    assert _negations(a, b) != []
