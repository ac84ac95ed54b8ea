"""number_value: the value of one lower-case token, and None for what only parses as one."""

from __future__ import annotations

import pytest

from launderlens.languages.numbers import number_value


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
