"""An outcome turned into its opposite and a cause changed or brought in, on fictional
sentences written for these tests; and the rewordings that must not read as either.
"""

from __future__ import annotations

import pytest

from launderlens.rewrites.align import align_sentences
from launderlens.rewrites.changes import alignment_changes
from launderlens.rewrites.polarity import (
    cause_changes,
    implicitly_negative,
    polarity_changes,
)
from launderlens.rewrites.quantities import read_tokens


@pytest.mark.parametrize(("a", "b", "pair"), [
    ("The appeals court upheld the ban on night flights.",
     "The appeals court overturned the ban on night flights.", ("upheld", "overturned")),
    ("The union accepted the company's offer after a vote.",
     "The union turned down the company's offer after a vote.", ("accepted", "turned")),
    ("Exports rose sharply in the first half.", "Exports fell sharply in the first half.",
     ("rose", "fell")),
    # a reaction made up where the source says there was none
    ("The ministry declined to comment on the decision.", "The ministry welcomed the decision.",
     ("declined", "welcomed")),
])
def test_an_opposite_outcome_is_a_change(a: str, b: str, pair: tuple[str, str]) -> None:
    assert polarity_changes(a, b) == [pair]


@pytest.mark.parametrize(("a", "b"), [
    # a negation before the word says what its opposite says
    ("The council did not approve the plan.", "The council rejected the plan."),
    # idioms, not directions
    ("Fans first fell in love with her in 1999.", "She first rose to fame in 1999."),
    # the opposite words stand among different words
    ("Prices rose in the capital.", "The opposition lost a seat on the council."),
])
def test_no_opposite_outcome(a: str, b: str) -> None:
    assert polarity_changes(a, b) == []


def test_implicit_negatives() -> None:
    assert implicitly_negative(read_tokens("The minister refrained from commenting."))
    assert implicitly_negative(read_tokens("The singer was unperturbed by the rumours."))
    assert not implicitly_negative(read_tokens("The union leader spoke at the university."))


@pytest.mark.parametrize(("a", "b", "a_text"), [
    ("The bridge was closed after engineers found cracks in its supports.",
     "The bridge was closed because protesters had threatened to block it.",
     "after engineers found cracks in its supports"),
    ("The school was evacuated on Wednesday.",
     "The school was evacuated on Wednesday because of a bomb threat by a former pupil.", ""),
    ("The dikes failed in three places.",
     "Experts blame the flood on years of neglected maintenance of the dikes.", ""),
])
def test_a_cause_changed_or_brought_in(a: str, b: str, a_text: str) -> None:
    ((source, copy),) = cause_changes(a, b)
    assert source == a_text
    assert copy.startswith(("because", "blame"))


@pytest.mark.parametrize(("a", "b"), [
    ("Heavy rain flooded the main road, so the buses were diverted.",
     "Buses were diverted because the main road was flooded after heavy rain."),
    ("He was asked to leave because his fans were destroying property.",
     "He was asked to leave due to his fans causing damage."),
    # the source's cause retold around the same name
    ("The coach left the club because the Harbour Trust told him to go.",
     "The coach left the club due to mounting pressure from the Harbour Trust."),
])
def test_a_cause_retold_is_no_change(a: str, b: str) -> None:
    assert cause_changes(a, b) == []


def test_a_name_the_source_gives_no_cause_with_is_a_cause_brought_in() -> None:
    assert cause_changes("The coach left the club because of ill health, Harbour Weekly said.",
                         "The coach left due to mounting pressure from Harbour Weekly.")


def test_a_cause_the_source_gives_in_another_sentence_is_no_change() -> None:
    """A rewrite may move the cause into the sentence it retells: it is not made up."""
    a = ["The ferry to the island did not sail on Tuesday.",
         "A storm with gale-force winds hit the coast overnight."]
    b = ["The island ferry stayed in port on Tuesday because of a storm with gale-force winds."]
    changes = alignment_changes(align_sentences(a, b), a, b)
    assert [c for c in changes if c.kind == "cause"] == []
    made_up = ["The island ferry stayed in port on Tuesday because of a strike by its crew."]
    changes = alignment_changes(align_sentences(a, made_up), a, made_up)
    assert [c.kind for c in changes if c.certain] == ["cause"]
