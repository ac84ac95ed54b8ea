"""Figures a faithful retelling restates in other units or words, against the same
figures changed (fictional sentences written for these tests)."""

from __future__ import annotations

import pytest

from .conftest import fragments


def _numbers(a: str, b: str) -> list[tuple[str, str]]:
    return fragments(a, b, "number")


@pytest.mark.parametrize(("a", "b"), [
    ("The bridge opened nearly 20 years later.", "The bridge opened nearly two decades later."),
    ("The hearing lasted 120 minutes.", "The hearing lasted two hours."),
    # "plus" rounds the figure; it is not its unit
    ("Their 20-plus years of marriage outlasted the show.",
     "Their marriage of more than two decades outlasted the show."),
    # "the two" names the pair the story is about, not a count set against "23"
    ("The pair fell out over the divorce, which came when she was just 23.",
     "The two friends fell out over the divorce."),
])
def test_a_figure_restated_in_other_units_or_words_is_no_change(a: str, b: str) -> None:
    assert _numbers(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    ("The bridge opened nearly 20 years later.", "The bridge opened nearly three decades later."),
    ("Their 20-plus years of marriage outlasted the show.",
     "Their 30-plus years of marriage outlasted the show."),
    ("Police said the three victims were taken to hospital.",
     "Police said the four victims were taken to hospital."),
])
def test_the_same_figures_changed_are_changes(a: str, b: str) -> None:
    assert _numbers(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("The two were arrested on Friday.", "The three were arrested on Friday."),
    ("Those three were charged with fraud.", "Those four were charged with fraud."),
])
def test_a_set_sized_in_words_on_both_sides_and_changed_is_a_change(a: str, b: str) -> None:
    """"the two" against "the three" sizes one set differently on each side: no slot to
    pair them in, but a change of the count all the same."""
    assert _numbers(a, b)
