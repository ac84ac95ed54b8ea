"""Scope widening (``rewrites.scope``): a claim retold without the limit its source puts on it.

The sentences are fictional and written for these tests.
"""

from __future__ import annotations

import pytest

from launderlens.rewrites.scope import limits, widened

DISTRICTS = "Rents will be capped in two of the city's twelve districts from March."
PILOT = "Pupils at the harbour schools will get free lunches in a one-year pilot."


@pytest.mark.parametrize(("source", "retold"), [
    (DISTRICTS, "Rents will be capped across the city from March."),
    (DISTRICTS, "From March, the city's rents will be capped."),
    (PILOT, "Pupils at the harbour schools will get free lunches."),
    ("The ferry tax applies in one port.", "The ferry tax applies to ports."),
])
def test_a_claim_told_without_its_limit_is_widened(source: str, retold: str) -> None:
    assert widened(source, [retold])


@pytest.mark.parametrize(("source", "retold"), [
    (DISTRICTS, "From March, rents will be capped in two districts of the city."),
    (DISTRICTS, "Rents will be capped in a sixth of the city's districts from March."),
    (DISTRICTS, "From March a pair of the city's districts will see rents capped."),
    (DISTRICTS, "Only a couple of districts will have their rents capped from March."),
    (PILOT, "For a year, as a test, the harbour schools will give pupils free lunches."),
    ("The ferry tax applies in one port.", "The ferry tax covers a single port."),
    ("The ferry tax applies in one port.", "A lone port falls under the ferry tax."),
    ("Half of the nurses voted to strike.", "Fifty percent of the nurses voted to strike."),
    ("Half of the nurses voted to strike.", "50% of nurses backed a strike."),
    ("A minority of the members backed the deal.", "Fewer than half the members backed it."),
    ("Police were armed in five of the city's boroughs.",
     "Police in a handful of the city's boroughs were armed."),
])
def test_a_limit_kept_in_other_words_is_not_widened(source: str, retold: str) -> None:
    assert not widened(source, [retold])


@pytest.mark.parametrize("text", [
    "The reform will be rolled out in three stages.", "The minister spoke in two languages.",
    "The loan is repaid in ten instalments.", "The fire was put out in 40 seconds.",
    "The debt was cleared in one go.",
])
def test_how_a_thing_is_done_is_no_limit(text: str) -> None:
    assert limits(text) == []


def test_a_day_of_the_month_is_no_count_of_a_part() -> None:
    assert limits("The mayor posted a photo on Mar. 14 of the two shaking hands.") == []
    assert limits("Police were armed in 14 of the boroughs.") == ["14"]
