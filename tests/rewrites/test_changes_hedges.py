"""Whether a dropped hedge is certain when the copy keeps some other hedge, a condition or
an infinitive: only one that qualifies the same verb hides the drop (fictional sentences
written for these tests)."""

from __future__ import annotations

import pytest

from .conftest import fragments


def _certain_hedges(a: str, b: str) -> list[tuple[str, str]]:
    return fragments(a, b, "hedge", certain=True)


@pytest.mark.parametrize(("a", "b"), [
    # an infinitive the copy asserts
    ("The levy could fund the ferry, the council found.",
     "The levy was proven to fund the ferry, the council found."),
    ("The mill might close in winter.", "The mill is due to close in winter."),
    # a condition after the head, and a hedge on a verb of the copy's own
    ("The filter may remove lead, engineers said.",
     "The filter removes lead, engineers said, whether the pipes are old or new."),
    ("The port may raise fees in June.",
     "The port will raise fees in June, and it could lower them in autumn."),
])
def test_a_hedge_kept_on_another_verb_hides_no_dropped_hedge(a: str, b: str) -> None:
    assert _certain_hedges(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("The levy could fund the ferry.",
     "The council hoped the levy would help it to fund the ferry."),
    ("The filter may remove lead.", "Whether the filter removes lead is being tested."),
    ("The filter may remove lead, engineers said.", "The filter removes lead, probably."),
])
def test_a_hedge_or_condition_on_the_same_verb_keeps_it_open(a: str, b: str) -> None:
    assert _certain_hedges(a, b) == []


def test_a_copy_that_names_the_hedged_event_as_a_noun_states_no_fact() -> None:
    a = ("Ruiz goes to a camp upon his June release, although it is likely he could be "
         "released earlier than June.")
    b = ("Ruiz goes to a camp upon his release in June, and there is a chance that he could "
         "be sent home even earlier.")
    assert _certain_hedges(a, b) == []
