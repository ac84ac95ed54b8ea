"""Dates and figures read at their own scale: a year inside a decade the other side names, a
date of another event that one side gives relatively, a rank against a count (fictional
sentences written for these tests)."""

from __future__ import annotations

import pytest

from launderlens.rewrites.dates import unread_dates

from .conftest import fragments


@pytest.mark.parametrize(("a", "b"), [
    ("The ferry service started in 1994.", "The ferry service started in the 1990s."),
    ("The orchard was planted in the mid-1960s.", "The orchard was planted in 1966."),
    ("The chapel dates from 1846.", "The chapel dates from the 1800s."),
])
def test_a_year_inside_the_decade_the_other_side_names_is_no_change(a: str, b: str) -> None:
    assert fragments(a, b, "date") == []


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("The ferry service started in the 1990s.", "The ferry service started in the 1970s.",
     ("1990s", "1970s")),
    ("The canal was dug in the 1870s.", "The canal was dug in 1905.", ("1870s", "1905")),
    ("The mine closed in 1988.", "The mine shut its gates in 1993.", ("1988", "1993")),
])
def test_a_year_outside_the_other_sides_decade_is_a_change(a: str, b: str,
                                                            expected: tuple[str, str]) -> None:
    assert fragments(a, b, "date", certain=True) == [expected]


@pytest.mark.parametrize(("a", "b"), [
    # the copy dates the planning, which the source dates by a year cut short
    ("The clinic got its licence in 2016, after planning that began in '06.",
     "Planning for the clinic began in 2006."),
    ("The clinic was licensed in 2016 (planned since 06).", "Its planning has run since 2006."),
    # the source gives the other event's date against the day of writing or another event
    ("The tower, completed in 1931, was hit by lightning last spring.",
     "Lightning struck the tower in 2022, ninety years after it was completed."),
    ("The festival moved to the harbour in 2010, two years after its founding.",
     "The festival was founded in 2008."),
])
def test_a_date_of_another_event_given_relatively_is_not_paired(a: str, b: str) -> None:
    assert fragments(a, b, "date") == []


def test_a_date_in_its_own_slot_is_compared_beside_a_relative_one() -> None:
    a = "The bridge reopened in 2012, two years after the flood."
    b = "The bridge reopened in 2015, two years after the flood."
    assert fragments(a, b, "date", certain=True) == [("2012,", "2015,")]


@pytest.mark.parametrize(("text", "fields"), [
    ("The ward closed three weeks ago.", {"day", "weekday"}),
    ("The ward closed yesterday.", {"day", "weekday"}),
    ("The ward closed last spring.", {"month", "year"}),
    ("The ward closed last month.", {"month"}),
    ("The ward closed a decade earlier.", {"year"}),
    ("It has been planned since 06.", {"year"}),
    ("The ward closed in 2019 after 40 years.", set()),
    ("The last patients left on Monday.", set()),
])
def test_unread_dates(text: str, fields: set[str]) -> None:
    assert unread_dates(text) == fields


@pytest.mark.parametrize(("a", "b", "expected"), [
    # "yesterday" dates a day: it cannot be either side's year
    ("The board, which first drafted the plan in 2019, approved it yesterday.",
     "Yesterday the board approved the plan, first written in 2017.", ("2019,", "2017")),
    ("Councillors said today the quay, dredged in 2016, will close.",
     "The quay, last dredged back in 2014, will close, councillors said today.",
     ("2016,", "2014,")),
])
def test_a_relative_date_of_another_scale_leaves_a_changed_year_paired(
        a: str, b: str, expected: tuple[str, str]) -> None:
    assert fragments(a, b, "date", certain=True) == [expected]


@pytest.mark.parametrize(("a", "b"), [
    # "yesterday" may be the copy's full date, which holds a year
    ("The firm, which opened the mill in 2011, said yesterday it would close it.",
     "On May 3, 2020 the firm said it would close its mill."),
    ("The levy passed in 2018 took effect last year.",
     "Passed by the assembly, the levy has been in force since 2021."),
])
def test_a_relative_date_that_may_be_the_other_side_s_date_is_not_paired(
        a: str, b: str) -> None:
    assert fragments(a, b, "date") == []


def test_a_rank_is_not_compared_with_a_count() -> None:
    a = "She has no time for it, with two young kids and another on the way."
    b = "She is expecting her third child and has no time for it."
    assert fragments(a, b, "number") == []


def test_a_rank_against_another_rank_is_a_change() -> None:
    a = "She is expecting her third child, her publicist said."
    b = "She is expecting her fourth child, her publicist said."
    assert fragments(a, b, "number", certain=True) == [("third child", "fourth child")]
