"""Figures written in forms other than plain digits and scale words: a fraction in one
character ("2½"), a decimal comma ("1,2 million"), a scale leading a hyphenated word ("1.5
billion-pound"), a plural scale ("1.1 millions"), and digits run into capitals that name a
standard, a chip or a virus ("W3C", "S3C2440", "H1N1") rather than count anything
(fictional sentences written for these tests)."""

from __future__ import annotations

import pytest

from launderlens.rewrites.quantities import read_figures, word_stem

from .conftest import fragments


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The jug holds 2½ litres of cider.", 2.5, "litres"),
    ("The jug holds 2 ½ litres of cider.", 2.5, "litres"),
    ("The board counted 1,2 million visitors.", 1.2e6, "visitors"),
    ("The board counted 3,45 billion crowns.", 3.45e9, "crowns"),
    ("The mill posted a 1.5 billion-pound loss.", 1.5e9, "pound"),
    ("Velm joined the 77 million-member league.", 77e6, "member"),
    ("The survey found 1.1 millions voters undecided.", 1.1e6, "voters"),
])
def test_a_figure_written_in_another_form_reads_its_value(
        text: str, value: float, unit: str) -> None:
    assert [(f.value, f.unit) for f in read_figures(text)] == [(value, word_stem(unit))]


@pytest.mark.parametrize("text", [
    "The grid follows the W3C guidance on forms.",
    "The S3C2440 chip powers the kiosk.",
    "The clinic tracked H1N1 cases.",
    "The band sold MP3 files at the gate.",
])
def test_digits_run_into_capitals_are_a_name_not_a_figure(text: str) -> None:
    assert read_figures(text) == []


@pytest.mark.parametrize(("text", "value"), [
    ("The bidder offered $US13.15 a share.", 13.15),
    ("The bidder offered NZ75c a share.", 75.0),
    ("The estate was worth R300 million.", 300e6),
    ("The stall charges Rs500 a day.", 500.0),
])
def test_digits_after_a_currency_code_stay_a_sum(text: str, value: float) -> None:
    assert [f.value for f in read_figures(text)] == [value]


@pytest.mark.parametrize(("a", "b"), [
    ("The jug holds 2 ½ litres of cider, the brewer said.",
     "The jug holds 2.5 litres of cider, the brewer said."),
    ("The board says 1.2 million visitors came to the fair at Velm.",
     "The board says 1,2 million visitors came to the fair at Velm."),
    ("The mill wrote down 1.5 billion pounds of assets last spring.",
     "The mill wrote down 1.5 billion-pound assets last spring."),
    ("Velm belongs to the 77 million-member league of towns.",
     "Velm belongs to the league of towns, which has 77 million members."),
    ("Of the 1.1 million voters polled in Velm, most were undecided.",
     "Of 1.1 millions voters polled in Velm, most were undecided."),
    ("The kiosk follows the guidance on forms, the council said.",
     "The kiosk follows the W3C guidance on forms, the council said."),
])
def test_the_same_figure_in_another_form_is_no_change(a: str, b: str) -> None:
    assert fragments(a, b, "number") == []
    assert fragments(b, a, "number") == []


@pytest.mark.parametrize(("a", "b"), [
    ("The jug holds 2 ½ litres of cider, the brewer said.",
     "The jug holds 3.5 litres of cider, the brewer said."),
    ("The board says 1,2 million visitors came to the fair at Velm.",
     "The board says 1.8 million visitors came to the fair at Velm."),
    ("The mill wrote down a 1.5 billion-pound stake last spring.",
     "The mill wrote down a 2.5 billion-pound stake last spring."),
    ("The bidder offered $US13.15 a share for the mill.",
     "The bidder offered $US15.15 a share for the mill."),
])
def test_another_figure_in_the_same_form_is_still_a_change(a: str, b: str) -> None:
    assert fragments(a, b, "number", certain=True) != []


@pytest.mark.parametrize(("a", "b"), [
    ("The mill sold two million-dollar presses to a buyer in Velm.",
     "The mill sold two presses worth a million dollars each to a buyer in Velm."),
    ("The mill sold 3 billion-dollar stakes to buyers in Velm.",
     "The mill sold 3 stakes worth a billion dollars each to buyers in Velm."),
])
def test_a_count_under_ten_before_a_scale_compound_counts_things(a: str, b: str) -> None:
    assert fragments(a, b, "number") == []


@pytest.mark.parametrize(("a", "b"), [
    ("The mill in Velm turned a profit in Q3, its owner said.",
     "The mill in Velm turned a profit in Q4, its owner said."),
    ("Kowal met the G7 envoys at the port of Velm.",
     "Kowal met the G8 envoys at the port of Velm."),
    ("Ducks at the Velm farm carried the H1N1 strain.",
     "Ducks at the Velm farm carried the H5N1 strain."),
])
def test_a_code_whose_digits_change_is_a_change(a: str, b: str) -> None:
    assert fragments(a, b, "number", certain=True) != []


@pytest.mark.parametrize(("a", "b"), [
    ("The mill in Velm turned a profit in Q3, its owner said.",
     "The mill in Velm turned a profit in the third quarter, its owner said."),
    ("The mill in Velm turned a profit in Q3 and Q4, its owner said.",
     "The mill in Velm turned a profit in Q4, its owner said."),
])
def test_a_code_written_out_or_one_of_two_left_is_no_change(a: str, b: str) -> None:
    assert fragments(a, b, "number") == []


def test_a_code_that_holds_a_year_is_left_to_the_dates() -> None:
    a = "The mill in Velm turned a profit in FY2019, its owner said."
    b = "The mill in Velm turned a profit in FY2020, its owner said."
    assert fragments(a, b, "number") == []
    assert fragments(a, b, "date") != []
