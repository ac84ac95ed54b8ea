"""A cause swapped or brought in against the same cause in other words: a marker traded for
another, a cause the source states with "given", "during", "under orders from" or "by being
made to", a vague or pointing-back cause, one moved from another sentence (fictional
sentences written for these tests)."""

from __future__ import annotations

import pytest

from launderlens.rewrites.align import align_sentences
from launderlens.rewrites.changes import alignment_changes

from .conftest import fragments


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Prices rose because of the poor harvest.", "Prices rose because of the new tax.",
     ("because of the poor harvest", "because of the new tax")),
    ("Given the drought, the council banned garden sprinklers.",
     "Because of a dispute with the water company, the council banned garden sprinklers.",
     ("Given the drought", "Because of a dispute with the water company")),
    ("The singer skipped the gala for personal reasons.",
     "The singer skipped the gala because of a feud with the host.",
     ("reasons", "because of a feud with the host")),
])
def test_a_cause_in_place_of_another_is_a_change(a: str, b: str,
                                                 expected: tuple[str, str]) -> None:
    assert fragments(a, b, "cause", certain=True) == [expected]


@pytest.mark.parametrize(("a", "b"), [
    ("The match was called off due to the storm.",
     "The match was called off because of the storm."),
    ("The orchestra cancelled its tour during the flu outbreak.",
     "The orchestra cancelled its tour due to the ongoing flu epidemic."),
    ("Given his long feud with Coach Marrin, the striker refused to play.",
     "Due to his bitter quarrel with Coach Marrin, the striker declined to play."),
    ("Under orders from Gov. Ada Hale, the park stayed shut.",
     "As a result of a directive issued by Governor Ada Hale, the park remained shut."),
    ("The nurses feel punished by being made to work every weekend.",
     "The nurses feel punished due to the obligation to work each weekend."),
    ("Part of the delay is down to the budget and to how slowly Parliament moves.",
     "The delay can be attributed to the sluggish pace of Parliament."),
    ("Flights were cut because of covid-19.", "Flights were cut due to the impact of COVID-19."),
])
def test_the_sources_cause_in_other_words_is_no_change(a: str, b: str) -> None:
    assert fragments(a, b, "cause") == []


def test_one_new_word_in_place_of_a_cause_is_a_change_to_check() -> None:
    a = "The match was called off because of the storm."
    b = "The match was called off because of the strike."
    assert fragments(a, b, "cause") == [("because of the storm", "because of the strike")]
    assert fragments(a, b, "cause", certain=True) == []


@pytest.mark.parametrize(("a", "b"), [
    ("The game was postponed because of the rain.",
     "The game was postponed due to the downpour."),
    ("The factory closed as a result of the strike.",
     "The factory closed because of the walkout."),
    ("He resigned because of ill health.", "He resigned due to illness."),
])
def test_a_synonym_for_the_sources_cause_is_no_certain_change(a: str, b: str) -> None:
    assert fragments(a, b, "cause", certain=True) == []
    assert not any(_certain_causes([a], [b]))


@pytest.mark.parametrize(("a", "b"), [
    ("The singer skipped the awards gala.",
     "The singer skipped the awards gala due to personal reasons."),
    ("Neighbours say the landlord ignored the leaks for months.",
     "The tenants left because of this alleged neglect, neighbours say."),
])
def test_a_cause_that_names_nothing_new_is_no_change(a: str, b: str) -> None:
    assert fragments(a, b, "cause") == []


def test_a_cause_that_points_back_in_place_of_a_stated_one_is_a_change() -> None:
    a = "The tenants left because of the rent rise."
    b = "The tenants left because of this alleged neglect."
    assert fragments(a, b, "cause", certain=True) == [
        ("because of the rent rise", "because of this alleged neglect")]


def test_a_cause_brought_in_is_still_a_change() -> None:
    assert fragments("The school shut on Monday.",
                     "The school shut on Monday because of a gas leak.", "cause",
                     certain=True) == [("", "because of a gas leak")]


def test_a_cause_in_place_of_a_time_needs_two_new_words() -> None:
    # "after" and "during" are too often only a time that a copy retells as a cause
    assert fragments("The road closed during the festival.",
                     "The road closed because of a landslide.", "cause") == []
    assert fragments("The mayor resigned after the audit.",
                     "The mayor resigned because of a bribery scandal.", "cause",
                     certain=True) == [("after the audit", "because of a bribery scandal")]


def _certain_causes(a: list[str], b: list[str]) -> list[bool]:
    alignment = align_sentences(a, b)
    return [c.certain for c in alignment_changes(alignment, a, b) if c.kind == "cause"]


def _causes(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    alignment = align_sentences(a, b)
    return [(c.a_text, c.b_text) for c in alignment_changes(alignment, a, b)
            if c.kind == "cause"]


def test_a_cause_moved_from_another_sentence_with_its_names_is_no_change() -> None:
    a = ["Dana Voss said she voted for the senator at the Harbour Party Congress.",
         "She had warmed to him for reaching out to dock workers at the Harbour Party Congress."]
    b = ["Dana Voss said she voted for the senator due to his outreach towards dock "
         "labourers during the Harbour Party Congress."]
    assert _causes(a, b) == []


def test_a_cause_new_to_the_whole_source_is_a_change() -> None:
    a = ["Dana Voss said she voted for the senator at the Harbour Party Congress.",
         "She had warmed to him over the summer."]
    b = ["Dana Voss said she voted for the senator due to his secret payments to her "
         "brother during the Harbour Party Congress."]
    assert _causes(a, b) != []
