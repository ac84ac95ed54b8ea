"""number_value: the value of one lower-case token, and None for what only parses as one;
count_value: the same, with "one" a count."""

from __future__ import annotations

import pytest

from launderlens.languages.numbers import count_value, number_value


@pytest.mark.parametrize(("word", "value"), [
    ("1,200", 1200.0), ("$3.5", 3.5), ("40%", 40.0), ("thirty-two", 32.0), ("third", 3.0),
    ("twenty-one", 21.0), ("ninety-one", 91.0),
])
def test_figures_and_number_words_have_their_value(word: str, value: float) -> None:
    assert number_value(word) == value


@pytest.mark.parametrize("word", ["nan", "inf", "infinity", "-inf", "one", "goldin", "one-two"])
def test_names_that_float_reads_are_no_numbers(word: str) -> None:
    # float() takes "nan" and "infinity" ("Nan Goldin", "Infinity Ward")
    assert number_value(word) is None


@pytest.mark.parametrize(("word", "value"), [
    ("one", 1.0), ("twenty-one", 21.0), ("seven", 7.0), ("2.5", 2.5), ("one-two", None),
    ("someone", None),
])
def test_a_count_reads_one_as_a_number_and_the_rest_as_number_value(
        word: str, value: float | None) -> None:
    assert count_value(word) == value
