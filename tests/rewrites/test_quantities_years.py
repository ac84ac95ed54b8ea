"""A year against a count of the same value: "in 2019" states a year, "2,019 firms" and
"2019 firms" count firms, and neither stands for the other in a retelling (fictional
sentences written for these tests)."""

from __future__ import annotations

import pytest

from launderlens.rewrites.align import align_sentences
from launderlens.rewrites.changes import alignment_changes
from launderlens.rewrites.evidence import new_facts
from launderlens.rewrites.quantities import read_figures, year_starts

_MORE = "Most of them said their costs had risen."


@pytest.mark.parametrize(("text", "years", "figures"), [
    ("In 2019 firms closed early.", ["2019"], []),
    ("The survey covered 2019 firms.", [], ["2019 firms"]),
    ("The survey covered 2,019 firms.", [], ["2,019 firms"]),
    ("About 1900 people came to the 2019 festival.", ["2019"], ["1900 people"]),
    ("Since 2001 officials have kept the 1990s rules.", ["2001", "1990"], []),
    ("A poll of 1800 voters in 2019 favoured the plan.", ["2019"], ["1800 voters"]),
    ("Power returned to homes of 2000 families after the 2020 storms.", ["2020"],
     ["2000 families"]),
    ("The final in 1998 stands out among the club's wins.", ["1998"], []),
    ("The band toured in 1984, breaks aside.", ["1984"], []),
])
def test_a_year_is_written_as_one_and_counts_nothing(text: str, years: list[str],
                                                      figures: list[str]) -> None:
    assert sorted(text[s:s + 4] for s in year_starts(text)) == sorted(years)
    assert [f.text for f in read_figures(text)] == figures


def test_a_year_is_new_beside_a_count_of_the_same_value() -> None:
    count = ["The survey covered 2,019 firms across the region.", _MORE]
    year = ["The survey covered firms across the region in 2019.", _MORE]
    assert new_facts(count, year) == [("2019",), ()]
    assert new_facts(year, count) == [("2,019",), ()]


def test_a_count_written_without_its_separator_is_the_same_count() -> None:
    assert new_facts(["The storm cut power to 2,000 households.", _MORE],
                     ["The storm left 2000 households without power.", _MORE]) == [(), ()]


def test_a_count_the_source_states_only_as_a_year_is_a_new_figure() -> None:
    source = ["The survey covered firms across the region in 2019.", _MORE]
    copy = ["The survey covered 2019 firms across the region.", _MORE]
    changes = alignment_changes(align_sentences(source, copy), source, copy)
    assert [(c.kind, c.b_text) for c in changes] == [("number", "2019 firms")]


def test_a_count_after_a_preposition_changed_is_a_number_change() -> None:
    changes = alignment_changes(align_sentences(["A poll of 1800 voters backed the levy.", _MORE],
                                                ["A poll of 2600 voters backed the levy.", _MORE]),
                                ["A poll of 1800 voters backed the levy.", _MORE],
                                ["A poll of 2600 voters backed the levy.", _MORE])
    assert [(c.kind, c.certain) for c in changes] == [("number", True)]
