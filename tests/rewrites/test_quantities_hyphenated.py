"""Number words inside hyphenated compounds: an ordinal in words ("twenty-first-century")
is the rank it names and meets ranks only, in words or in digits ("21st-century"); a
fraction in words ("two-thirds majority") is a share, not a count, and meets the other
side's fractions of the same thing; a scale word inside the compound ("1.5-million-strong",
"ten-million-euro") belongs to the number (fictional sentences written for these tests)."""

from __future__ import annotations

import pytest

from launderlens.rewrites.quantities import read_figures, read_shares

from .conftest import fragments


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Planners praised the twenty-first-century harbour.", 21, "centur"),
    ("Planners praised the harbour of the twenty-first century.", 21, "centur"),
    ("The choir sang at its twenty-fifth anniversary.", 25, "anniv"),
    ("Planners praised the 21st-century harbour.", 21, "centur"),
    ("Planners praised the harbour of the 19th century.", 19, "centur"),
    ("The choir sang at its 25th anniversary.", 25, "anniv"),
    ("The bakery's third-quarter sales fell.", 3, "quart"),
])
def test_an_ordinal_in_a_compound_or_in_digits_is_read_as_its_rank(
        text: str, value: float, unit: str) -> None:
    assert [(f.value, f.unit, f.ordinal) for f in read_figures(text)] == [(value, unit, True)]


@pytest.mark.parametrize(("a", "b"), [
    ("Planners praised the twenty-first-century harbour at Velm.",
     "Planners praised the 21st-century harbour at Velm."),
    ("The choir sang at its twenty-fifth anniversary in the old hall.",
     "The choir sang at its 25th anniversary in the old hall."),
    ("The bakery's 3rd-quarter sales fell by 5 percent.",
     "The bakery's third-quarter sales fell by 5 percent."),
])
def test_an_ordinal_in_words_retelling_the_same_rank_in_digits_is_no_change(
        a: str, b: str) -> None:
    assert fragments(a, b, "number") == []
    assert fragments(b, a, "number") == []


@pytest.mark.parametrize(("a", "b"), [
    ("Planners praised the twenty-first-century harbour at Velm.",
     "Planners praised the 20th-century harbour at Velm."),
    ("The choir sang at its twenty-fifth anniversary in the old hall.",
     "The choir sang at its 30th anniversary in the old hall."),
    ("The bakery's 3rd-quarter sales fell by 5 percent.",
     "The bakery's fourth-quarter sales fell by 5 percent."),
])
def test_an_ordinal_against_another_rank_is_a_change_both_ways(a: str, b: str) -> None:
    assert fragments(a, b, "number")
    assert fragments(b, a, "number")


def test_a_rank_in_words_meets_no_count() -> None:
    # "twenty-second" ranks the stage; the other side counts the riders
    assert fragments("Its twenty-second stage took the riders over the pass.",
                     "Its stage took 30 riders over the pass.", "number") == []


@pytest.mark.parametrize(("text", "share"), [
    ("A two-thirds majority of the council backed the plan.", 2 / 3),
    ("Three-quarters of the staff joined the walkout.", 3 / 4),
    ("The council kept a one-third stake in the ferry.", 1 / 3),
])
def test_a_hyphenated_fraction_in_words_is_a_share_not_a_count(text: str, share: float) -> None:
    assert read_figures(text) == []
    assert read_shares(text) == [pytest.approx(share)]


def test_a_count_worked_out_from_a_hyphenated_fraction_is_no_change() -> None:
    assert fragments("A two-thirds majority of the 90 members backed the plan.",
                     "In all, 60 of the 90 members backed the plan.", "number") == []


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The 1.5-million-strong union called a strike.", 1_500_000, "strong"),
    ("The town opened a ten-million-euro fund for the mill.", 10_000_000, "euro"),
    ("The town opened a 10-million-euro fund for the mill.", 10_000_000, "euro"),
    ("The town opened a one-million-euro fund for the mill.", 1_000_000, "euro"),
    ("Divers found a two-thousand-year-old wreck.", 2000, "year"),
    # the smaller count after the scale, with or without "and"
    ("Divers found a one-hundred-and-fifty-year-old wreck.", 150, "year"),
    ("Divers found a two-thousand-five-hundred-year-old vase.", 2500, "year"),
    ("Divers found a one-hundred-and-one-year-old oar.", 101, "year"),
])
def test_a_scale_word_in_a_compound_belongs_to_its_number(
        text: str, value: float, unit: str) -> None:
    assert [(f.value, f.unit) for f in read_figures(text)] == [(value, unit)]


@pytest.mark.parametrize(("a", "b"), [
    ("The 1.5-million-strong union called a strike over pay.",
     "The union, with 1.5 million members, called a strike over pay."),
    ("The town opened a ten-million-euro fund for the old mill.",
     "The town opened a fund of €10 million for the old mill."),
    ("Divers found a one-hundred-and-fifty-year-old wreck off Velm.",
     "Divers found a 150-year-old wreck off Velm."),
])
def test_a_compound_with_a_scale_retelling_its_figure_is_no_change(a: str, b: str) -> None:
    assert fragments(a, b, "number") == []
    assert fragments(b, a, "number") == []


@pytest.mark.parametrize(("a", "b"), [
    ("The 1.5-million-strong union called a strike over pay.",
     "The union, with 2 million members, called a strike over pay."),
    ("The town opened a ten-million-euro fund for the old mill.",
     "The town opened a fund of €12 million for the old mill."),
])
def test_a_compound_with_a_scale_against_another_figure_is_a_change(a: str, b: str) -> None:
    assert fragments(a, b, "number")
    assert fragments(b, a, "number")


def test_a_rank_before_a_fraction_word_is_no_share() -> None:
    # "third-quarter" dates the results; it is no three quarters of them
    assert read_shares("Third-quarter sales at the bakery fell by 5 percent.") == [0.05]


@pytest.mark.parametrize(("text", "value"), [
    ("Revenue at the brewery fell to $36.9bn last year.", 36.9e9),
    ("Revenue at the brewery fell to 36.9bn euros last year.", 36.9e9),
    ("The brewery asked its lenders for €50m in March.", 50e6),
    ("The brewery paid $950k for the old maltings.", 950e3),
    ("The brewery paid 950k dollars for the old maltings.", 950e3),
    ("The brewery asked its lenders for 50m euros in March.", 50e6),
    # run on into a hyphenated word
    ("The brewery is a $2bn-a-year business.", 2e9),
    ("The town opened a 50m-euro fund for the brewery.", 50e6),
    # without a currency "m" and "k" may be metres or kilometres
    ("The brewery's chimney stands 40m above the river.", 40),
])
def test_an_abbreviated_scale_run_into_digits_belongs_to_the_number(
        text: str, value: float) -> None:
    assert [f.value for f in read_figures(text)] == [pytest.approx(value)]


@pytest.mark.parametrize(("a", "b", "other"), [
    ("Revenue at the brewery fell to $36.9 billion last year.",
     "Revenue at the brewery fell to $36.9bn last year.",
     "Revenue at the brewery fell to $30.9bn last year."),
    ("The brewery is a $2 billion a year business for the town.",
     "The brewery is a $2bn-a-year business for the town.",
     "The brewery is a $3bn-a-year business for the town."),
])
def test_an_abbreviated_scale_retelling_the_figure_is_no_change(a: str, b: str,
                                                                other: str) -> None:
    assert fragments(a, b, "number") == []
    assert fragments(b, a, "number") == []
    assert fragments(a, other, "number")


@pytest.mark.parametrize(("text", "unit", "shares"), [
    ("The post pays $168,000 per year.", "per", []),
    ("The post pays $168K per year.", "per", []),
    ("Rents at the quay rose 5 per cent.", "%", [0.05]),
    ("Rents at the Quay Rose 5 Per Cent", "%", [0.05]),
])
def test_per_is_a_percent_only_before_cent(text: str, unit: str, shares: list[float]) -> None:
    assert [f.unit for f in read_figures(text)] == [unit]
    assert read_shares(text) == shares


def test_an_abbreviated_scale_before_a_currency_retells_the_figure_after_a_sign() -> None:
    a = "The brewery asked its lenders for €50m in March."
    b = "The brewery asked its lenders for 50m euros in March."
    assert fragments(a, b, "number") == []
    assert fragments(b, a, "number") == []
    assert fragments(a, "The brewery asked its lenders for 60m euros in March.", "number")


@pytest.mark.parametrize(("a", "b"), [
    ("A two-thirds majority of the council backed the harbour plan.",
     "A three-quarters majority of the council backed the harbour plan."),
    ("Two-thirds of the council backed the harbour plan.",
     "One-third of the council backed the harbour plan."),
    ("Two thirds of the council backed the harbour plan.",
     "Three quarters of the council backed the harbour plan."),
])
def test_a_fraction_in_words_against_another_fraction_is_a_change(a: str, b: str) -> None:
    assert fragments(a, b, "number")
    assert fragments(b, a, "number")


@pytest.mark.parametrize(("a", "b"), [
    ("Two-thirds of the council backed the harbour plan.",
     "Two thirds of the council backed the harbour plan."),
    # the other side states each fraction, in a shape of its own
    ("Half the council backed the harbour plan, and a third opposed it.",
     "A third of the council opposed the harbour plan, and half backed it."),
    # fractions of two things
    ("The krone rose nearly a third of a cent against the euro.",
     "The krone rose three quarters of a percent against the euro."),
])
def test_a_fraction_in_words_retold_or_of_another_thing_is_no_change(a: str, b: str) -> None:
    assert fragments(a, b, "number") == []
    assert fragments(b, a, "number") == []


def test_a_fraction_inside_a_figure_is_compared_as_the_figure_only() -> None:
    assert len(fragments("A quarter of a million people marched in Velm.",
                         "A third of a million people marched in Velm.", "number")) == 1
