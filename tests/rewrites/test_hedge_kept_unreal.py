"""A hedge the copy drops is no possibility turned into fact when the copy keeps the act
unreal in other words: a conditional modal ("would face" for "could face") or a condition
after it ("faces ten years if convicted"); a plain statement is still one (fictional
sentences written for these tests)."""

from __future__ import annotations

import pytest

from .conftest import fragments


def _hedges(a: str, b: str) -> list[tuple[str, str]]:
    return fragments(a, b, "hedge", certain=True)


@pytest.mark.parametrize(("a", "b"), [
    ("Under the bylaw, a landlord who evicts a tenant could face a fine of 5,000 crowns.",
     "Landlords who evict a tenant would face a fine of 5,000 crowns under the bylaw."),
    ("Prosecutors in Velm said Kowal, if convicted, could face ten years in prison.",
     "Kowal faces ten years in prison if convicted, prosecutors in Velm said."),
    ("Most of the port's records could be released to the public, the mayor said.",
     "Most of the port's records should be released to the public, the mayor said."),
    ("Creditors feared at one point that the mill may default on its loans.",
     "Creditors feared at one point that the mill would default on its loans."),
])
def test_a_copy_that_keeps_the_act_unreal_drops_no_hedge(a: str, b: str) -> None:
    assert _hedges(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    ("Under the bylaw, a landlord who evicts a tenant could face a fine of 5,000 crowns.",
     "Under the bylaw, a landlord who evicts a tenant faces a fine of 5,000 crowns."),
    ("The jeweller allegedly accepted a payment of 30,000 crowns for the ferry.",
     "The jeweller accepted a payment of 30,000 crowns for the ferry."),
])
def test_a_hedge_dropped_for_a_plain_statement_is_still_certain(a: str, b: str) -> None:
    assert _hedges(a, b) != []


@pytest.mark.parametrize(("a", "b"), [
    ("For years Kowal has trained every morning so that he could row in the final.",
     "For years Kowal has trained every morning to row in the final."),
    ("The ferry left early so she might rest before the vote in Velm.",
     "The ferry left early for her to rest before the vote in Velm."),
])
def test_a_modal_of_purpose_is_no_hedge(a: str, b: str) -> None:
    assert fragments(a, b, "hedge") == []


def test_a_modal_of_possibility_after_so_is_still_a_hedge() -> None:
    assert _hedges("Prices fell, so the old mill at Velm may close next spring.",
                   "Prices fell, so the old mill at Velm closes next spring.") != []


@pytest.mark.parametrize(("a", "b"), [
    ("The dam above Velm is cracked, so it could collapse in the spring floods.",
     "The dam above Velm is cracked, so it will collapse in the spring floods."),
    ("The dam above Velm is cracked. So it could collapse in the spring floods.",
     "The dam above Velm is cracked. So it will collapse in the spring floods."),
    ("The dam above Velm is cracked and so it might collapse in the spring floods.",
     "The dam above Velm is cracked and so it collapses in the spring floods."),
])
def test_a_modal_after_a_so_of_consequence_is_still_a_hedge(a: str, b: str) -> None:
    assert _hedges(a, b) != []
