"""Counts written as compound number words ("a hundred and fifty", "one and a half million",
"three and a half thousand") read as the one value they name, against the same figure in
digits and a changed one; two counts joined by "and" stay two; a number leading a hyphenated
word ("thirty-two-year-old", "two-decade-long") counts the word after it (fictional sentences
written for these tests)."""

from __future__ import annotations

import pytest

from launderlens.rewrites.quantities import read_figures

from .conftest import fragments


@pytest.mark.parametrize(("text", "value"), [
    ("The clinic hired a hundred and fifty nurses.", 150),
    ("The clinic hired two hundred and five nurses.", 205),
    ("The clinic hired one hundred fifty nurses.", 150),
    ("The clinic hired three hundred and twenty-two nurses.", 322),
    ("The clinic hired a hundred and one nurses.", 101),
    ("The festival drew two thousand three hundred visitors.", 2300),
    ("The festival drew a hundred and fifty thousand visitors.", 150_000),
    ("The charity raised a million and a half pounds.", 1_500_000),
    ("The charity raised one and a half million pounds.", 1_500_000),
    ("The charity raised two million and a half pounds.", 2_500_000),
    ("About three and a half thousand runners took part.", 3500),
    ("The works lasted two and a half years.", 2.5),
    ("The charity raised one million pounds.", 1_000_000),
])
def test_a_compound_count_in_words_is_read_as_one_value(text: str, value: float) -> None:
    assert [f.value for f in read_figures(text)] == [value]


@pytest.mark.parametrize(("text", "values"), [
    ("The shop sold two and three bags on each day.", [2, 3]),
    ("Between five and ten people waited outside.", [5, 10]),
    ("Between five hundred and six hundred people waited outside.", [500, 600]),
    ("Between five thousand and six thousand people waited outside.", [5000, 6000]),
    ("Estimates ranged between five thousand and six million.", [5000, 6_000_000]),
    ("The crew of twelve rescued fifty people.", [12, 50]),
])
def test_counts_joined_by_and_without_a_scale_between_them_stay_apart(
        text: str, values: list[float]) -> None:
    assert [f.value for f in read_figures(text)] == values


@pytest.mark.parametrize(("a", "b"), [
    ("The clinic hired 150 nurses this spring.",
     "The clinic hired a hundred and fifty nurses this spring."),
    ("The clinic hired 150 nurses this spring.",
     "The clinic hired one hundred fifty nurses this spring."),
    ("The charity raised 1.5 million pounds for the hospice.",
     "The charity raised a million and a half pounds for the hospice."),
    ("About 3,500 runners took part in the race.",
     "About three and a half thousand runners took part in the race."),
    ("The team scored 25 goals in the season.", "The team scored twenty-five goals in the season."),
    ("The works lasted 30 months in all.", "The works lasted two and a half years in all."),
])
def test_a_compound_count_in_words_retelling_its_figure_is_no_change(a: str, b: str) -> None:
    assert fragments(a, b, "number") == []


@pytest.mark.parametrize(("a", "b"), [
    ("The clinic hired 250 nurses this spring.",
     "The clinic hired a hundred and fifty nurses this spring."),
    ("The clinic hired 150 nurses this spring.",
     "The clinic hired two hundred and fifty nurses this spring."),
    ("The charity raised 2.5 million pounds for the hospice.",
     "The charity raised one and a half million pounds for the hospice."),
    ("The charity raised 2.5 million pounds for the hospice.",
     "The charity raised a million and a half pounds for the hospice."),
    ("About 4,500 runners took part in the race.",
     "About three and a half thousand runners took part in the race."),
])
def test_a_compound_count_in_words_against_another_figure_is_a_change(a: str, b: str) -> None:
    assert fragments(a, b, "number")


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("A thirty-two-year-old driver was fined.", 32, "year"),
    ("Their two-decade-long feud ended in court.", 2, "decad"),
    ("The nine-day strike ended on Friday.", 9, "day"),
    ("The twenty-five-day strike ended on Friday.", 25, "day"),
    ("The team scored twenty-five goals.", 25, "goal"),
])
def test_a_number_leading_a_hyphenated_word_counts_the_word_after_it(
        text: str, value: float, unit: str) -> None:
    assert [(f.value, f.unit) for f in read_figures(text)] == [(value, unit)]


def test_a_duration_in_a_hyphenated_word_is_read_in_its_own_unit() -> None:
    a = "The couple built the label over their almost 20-year marriage."
    assert fragments(a, "The couple built the label over their nearly two-decade-long "
                        "marriage.", "number") == []
    assert fragments(a, "The couple built the label over their nearly three-decade-long "
                        "marriage.", "number")


@pytest.mark.parametrize(("text", "values"), [
    ("The toll rose to a hundred, and ninety people were hurt.", [100, 90]),
    ("Deaths rose to two thousand, ninety of them children.", [2000, 90]),
    ("The fund held a million, and a half of it was spent.", [1_000_000]),
])
def test_a_count_reads_on_through_no_comma(text: str, values: list[float]) -> None:
    assert [f.value for f in read_figures(text)] == values


def test_a_count_in_words_retold_beside_another_after_a_comma_is_no_change() -> None:
    assert fragments("The toll rose to 100, and 90 people were hurt in the crash.",
                     "The toll rose to a hundred, and ninety people were hurt in the crash.",
                     "number") == []


@pytest.mark.parametrize(("text", "unit"), [
    ("The mill ran for forty-odd years.", "year"),
    ("The mill ran for twenty-plus years.", "year"),
])
def test_a_rounding_word_in_a_hyphenated_number_is_no_unit(text: str, unit: str) -> None:
    assert [f.unit for f in read_figures(text)] == [unit]


def test_a_rough_count_of_years_in_one_word_retells_the_decades() -> None:
    assert fragments("The veteran spent forty-odd years at the mill.",
                     "The veteran spent four decades at the mill.", "number") == []


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The clinic hired twenty-one nurses.", 21, "nurs"),
    ("The club signed a twenty-one-year-old striker.", 21, "year"),
    ("The judge handed down a three-and-a-half-year sentence.", 3.5, "year"),
    ("The board held a one-and-a-half-hour meeting.", 1.5, "hour"),
    ("The board held a two-and-a-half-hour meeting.", 2.5, "hour"),
])
def test_a_hyphenated_number_is_read_whole(text: str, value: float, unit: str) -> None:
    assert [(f.value, f.unit) for f in read_figures(text)] == [(value, unit)]


@pytest.mark.parametrize(("a", "b"), [
    ("The club signed a 21-year-old striker in June.",
     "The club signed a twenty-one-year-old striker in June."),
    ("The judge handed down a 3.5-year sentence for the fraud.",
     "The judge handed down a three-and-a-half-year sentence for the fraud."),
    ("The board met for two and a half hours on Monday.",
     "The board held a two-and-a-half-hour meeting on Monday."),
])
def test_a_hyphenated_number_retelling_its_figure_is_no_change(a: str, b: str) -> None:
    assert fragments(a, b, "number") == []


def test_a_dozen_and_a_half_is_eighteen() -> None:
    assert [f.value for f in read_figures("The baker sold a dozen and a half loaves.")] == [18]
    assert fragments("The baker sold 18 loaves at the fair.",
                     "The baker sold a dozen and a half loaves at the fair.", "number") == []
