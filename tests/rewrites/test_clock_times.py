"""Times of day read as one figure in minutes after midnight, whatever way they are written,
so that the same time written another way is no change and another time is one (fictional
sentences written for these tests)."""

from __future__ import annotations

import pytest

from launderlens.rewrites.clock import CLOCK, CLOCK_HALF_DAY
from launderlens.rewrites.quantities import read_figures

from .conftest import fragments


@pytest.mark.parametrize(("text", "minutes", "unit"), [
    ("The ferry docked at 0240 GMT.", 160, CLOCK),
    ("The ferry docked at 2:40 a.m. GMT.", 160, CLOCK),
    ("The ferry docked at 14:40 local time.", 880, CLOCK),
    ("The ferry docked at 7 p.m. on Sunday.", 1140, CLOCK),
    ("The ferry docked at 8am on Sunday.", 480, CLOCK),
    ("The ferry docked at 7.51pm on Sunday.", 1191, CLOCK),
    ("The ferry docked at 12:01 p.m. on Sunday.", 721, CLOCK),
    ("The ferry docked at 12:30 a.m. on Sunday.", 30, CLOCK),
    ("The ferry docked at 2:40 on Sunday.", 160, CLOCK_HALF_DAY),
])
def test_a_time_of_day_reads_as_minutes_after_midnight(
        text: str, minutes: float, unit: str) -> None:
    assert [(f.value, f.unit) for f in read_figures(text)] == [(minutes, unit)]


@pytest.mark.parametrize("text", [
    "The index rose 7.51 percent in Velm.",
    "The ferry carried 7 cars and 14 vans.",
    "Velm won the match 3-2 at home.",
])
def test_figures_that_are_no_time_stay_counts(text: str) -> None:
    assert all(f.unit not in (CLOCK, CLOCK_HALF_DAY) for f in read_figures(text))


@pytest.mark.parametrize(("a", "b"), [
    ("The ferry from Velm docked safely at 0240 GMT, the port said.",
     "The ferry from Velm docked safely at 2:40 a.m. GMT, the port said."),
    ("The ferry from Velm docked safely at 2:40, the port said.",
     "The ferry from Velm docked safely at 14:40, the port said."),
    ("At about 3 p.m. a neighbour of Kowal called the police in Velm.",
     "At 3:22 p.m. a neighbour of Kowal called the police in Velm."),
    ("The port of Velm closes its gates at 24:00, the harbour master said.",
     "The port of Velm closes its gates at 00:00, the harbour master said."),
    # either half of the day and roughly at once
    ("At about 3:00 a neighbour of Kowal called the police in Velm.",
     "At 3:20 p.m. a neighbour of Kowal called the police in Velm."),
])
def test_the_same_time_written_another_way_is_no_change(a: str, b: str) -> None:
    assert fragments(a, b, "number") == []
    assert fragments(b, a, "number") == []


@pytest.mark.parametrize(("a", "b"), [
    ("Polls in Velm open from 8 a.m. on Monday, the council said.",
     "Polls in Velm open from 7 a.m. on Monday, the council said."),
    ("The ferry from Velm docked safely at 0240 GMT, the port said.",
     "The ferry from Velm docked safely at 0540 GMT, the port said."),
    ("The ferry from Velm docked safely at 2:40 p.m., the port said.",
     "The ferry from Velm docked safely at 2:40 a.m., the port said."),
])
def test_another_time_is_a_change(a: str, b: str) -> None:
    assert fragments(a, b, "number", certain=True) != []


def test_a_time_is_never_paired_with_a_count() -> None:
    a = "The index lost 6.77, or 0.7 percent, to 927.62 at noon in Velm."
    b = "The index lost 6.77, or 0.7 percent, to 927.62 as of 10:33 a.m. in Velm."
    assert all("10:33" not in y or x == "" for x, y in fragments(a, b, "number"))


@pytest.mark.parametrize(("a", "b"), [
    ("The band posted the news at 12:30 p.m. on Sunday, its label said.",
     "The band posted the news at 36:30 p.m. on Sunday, its label said."),
    ("The band posted the news at 3:22 pm on Sunday, its label said.",
     "The band posted the news at 3:66 pm on Sunday, its label said."),
])
def test_a_time_mistyped_out_of_range_is_still_a_change(a: str, b: str) -> None:
    assert fragments(a, b, "number", certain=True) != []


@pytest.mark.parametrize(("a", "b"), [
    ("The court gave Kowal 1500 hours of community service in Velm.",
     "The court gave Kowal 1,200 hours of community service in Velm."),
    ("The crew logged 2000 hours at sea before the ferry was sold.",
     "The crew logged 1,800 hours at sea before the ferry was sold."),
])
def test_four_digits_before_hours_that_count_them_are_no_time(a: str, b: str) -> None:
    assert fragments(a, b, "number") != []


@pytest.mark.parametrize(("text", "minutes"), [
    ("The ferry docked at 1500 hours on Sunday.", 900),
    ("The ferry docked shortly before 0600 hours.", 360),
    ("The ferry docked at 1430 local time.", 870),
])
def test_four_digits_before_hours_after_a_word_of_when_are_a_time(
        text: str, minutes: float) -> None:
    assert [(f.value, f.unit) for f in read_figures(text)] == [(minutes, CLOCK)]
