"""Scope widening (rewrites/scope.py): a claim the source limits to a part, told without
the limit. The sentences are invented."""

from __future__ import annotations

import pytest

from launderlens.rewrites.compare import Comparer
from launderlens.rewrites.scope import limits, widened


@pytest.mark.parametrize(("text", "opening"), [
    ("Parking fees will double in two of the town's nine wards.", "two"),
    ("Half of the clinics will close on Sundays.", "half"),
    ("The curfew applies in one district only.", "one"),
    ("Tablets will be handed out in 12 schools.", "12"),
    ("The buses will run at night in a six-month pilot.", "pilot"),
    ("The ferry will stop at Ostby as a one-year trial, the operator said.", "pilot"),
])
def test_a_limit_is_read_by_its_opening_word(text: str, opening: str) -> None:
    assert limits(text) == [opening]


@pytest.mark.parametrize("text", [
    "Some passengers complained about the delays.",   # a quantity word alone limits nothing
    "Many of the traders left early.",
    "The pilot landed the plane safely.",             # an airline pilot is no trial
    "He worked as a pilot for 20 years.",
    "In a trial of 900 adults, the drug lowered blood pressure.",
    "The station will reopen in two weeks.",          # a span of time is no place
    "In 1998 the mill closed.",                       # nor a year
    "It is one of the oldest bridges in the country.",
])
def test_what_limits_nothing_is_no_limit(text: str) -> None:
    assert limits(text) == []


def test_a_retelling_without_the_limit_is_widened() -> None:
    source = "Parking fees will double in two of the town's nine wards from May."
    assert widened(source, ["Parking fees in the town will double from May."])
    assert widened(source, ["Parking fees will double across the town from May."])


@pytest.mark.parametrize("retelling", [
    "From May, parking will cost twice as much in two wards of the town.",
    "Parking fees will double from May in 2 of the nine wards.",
    "In three of the town's wards parking fees will double.",   # a limit of its own
])
def test_a_retelling_that_keeps_a_limit_is_not_widened(retelling: str) -> None:
    source = "Parking fees will double in two of the town's nine wards from May."
    assert not widened(source, [retelling])


def test_a_limit_kept_by_a_second_retelling_is_kept() -> None:
    source = "Buses will run all night in a six-month pilot, the operator said."
    assert widened(source, ["Buses will run all night, the operator said."])
    assert not widened(source, ["Buses will run all night, the operator said.",
                                "It is a test that lasts six months."])


def test_a_copy_that_drops_the_limit_carries_the_reading() -> None:
    origin = ("Parking fees will double in two of the town's nine wards from May, the council "
              "said on Friday.\n\nShop owners said fewer customers would come by car.")
    faithful = ("The council said on Friday that from May parking will cost twice as much in "
                "two of the town's nine wards.\n\nFewer customers would come by car, shop "
                "owners said.")
    wide = ("The council said on Friday that parking fees in the town will double from "
            "May.\n\nFewer customers would come by car, shop owners said.")
    comparer = Comparer(semantic=False)
    assert comparer.compare_texts(origin, faithful).evidence.count("widened") == 0
    comparison = comparer.compare_texts(origin, wide)
    assert "widened" in comparison.evidence.sentences[0]
