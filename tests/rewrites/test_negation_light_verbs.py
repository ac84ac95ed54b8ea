"""Negations where the act is a light verb's noun on one side and a verb on the other ("did
not make any complaints" against "complained"), or an irregular verb in two forms ("did not
pay" against "paid"); and "have" of possession, which states no act ("has many photographs"
is no photographing). Fictional sentences written for these tests.
"""

from __future__ import annotations

import pytest

from .conftest import fragments


def _negations(a: str, b: str) -> list[tuple[str, str]]:
    return fragments(a, b, "negation", certain=True)


_FLIPS = [
    ("The tenants did not make any complaints about the heating in the hall.",
     "The tenants complained about the heating in the hall."),
    ("The tenants did not make any complaints about the heating in the hall.",
     "The tenants made complaints about the heating in the hall."),
    ("The firm did not pay the contractors for the bridge repairs.",
     "The firm paid the contractors for the bridge repairs."),
    ("The firm did not pay the contractors for the bridge repairs.",
     "The firm made payments to the contractors for the bridge repairs."),
    ("The firm did not make any payments to the contractors for the bridge repairs.",
     "The firm paid the contractors for the bridge repairs."),
    ("The firm made no payments to the contractors for the bridge repairs.",
     "The firm paid the contractors for the bridge repairs."),
    ("The council did not hold talks with the drivers' union before the strike.",
     "The council held talks with the drivers' union before the strike."),
    ("The rowers never filed a complaint about the lake's new jetty.",
     "The rowers filed complaints about the lake's new jetty."),
]


@pytest.mark.parametrize(("a", "b"), _FLIPS)
def test_an_act_negated_in_one_form_and_stated_in_another_is_a_change_both_ways(
        a: str, b: str) -> None:
    assert _negations(a, b)
    assert _negations(b, a)


@pytest.mark.parametrize(("a", "b"), [
    # the same negation in other words
    ("The tenants did not make any complaints about the heating in the hall.",
     "The tenants made no complaints about the heating in the hall."),
    ("The firm did not pay the contractors for the bridge repairs.",
     "The firm made no payments to the contractors for the bridge repairs."),
    # one light verb with two nouns states two acts
    ("The mayor did not make any changes to the harbour plan.",
     "The mayor made several comments on the harbour plan."),
    ("The firm did not pay the contractors for the bridge repairs.",
     "The firm made plans with the contractors for the bridge repairs."),
    # a light verb's noun, or an irregular verb's form, against a word that states no act
    ("The coach didn't make the trip to the final in Porto.",
     "The coach rested before his trip to the final in Porto."),
    ("The rival firm did not leave the left wing of the building.",
     "The rival firm occupied the left wing of the building."),
])
def test_the_same_negation_or_another_act_is_no_change(a: str, b: str) -> None:
    assert _negations(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    ("The museum did not photograph the ruins after the flood.",
     "The museum has many photographs of the ruins after the flood."),
    ("The pair have not been pictured together since the spring.",
     "Fans have many pictures of the pair together since the spring."),
    ("The archive did not record the speeches at the rally.",
     "The archive has some recordings of the speeches at the rally."),
    ("The school has no pictures of the old mill by the weir.",
     "The school pictured the old mill by the weir."),
])
def test_a_thing_had_is_no_act_done(a: str, b: str) -> None:
    assert _negations(a, b) == []
    assert _negations(b, a) == []


@pytest.mark.parametrize(("a", "b"), [
    ("The couple has three children and a dog.", "The couple does not have children."),
    ("The museum photographed the ruins after the flood.",
     "The museum did not photograph the ruins after the flood."),
])
def test_a_possession_or_an_act_flipped_in_one_form_is_still_a_change(a: str, b: str) -> None:
    assert _negations(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("The parade did not take place in the old square this year.",
     "The statue was placed in the old square this year."),
    ("The officer did not take charge of the fraud case.",
     "The officer charged the suspect in the fraud case."),
    ("The statue was not placed in the old square this year.",
     "The parade took place in the old square this year."),
])
def test_a_light_verb_idiom_names_another_act_than_its_noun_verb(a: str, b: str) -> None:
    assert _negations(a, b) == []
    assert _negations(b, a) == []


def test_a_light_verb_idiom_negated_against_the_same_idiom_is_a_change() -> None:
    assert _negations("The parade did not take place in the old square this year.",
                      "The parade took place in the old square this year.")


@pytest.mark.parametrize(("a", "b"), [
    # the noun's act ("statements": stating) against a noun or an adjective after "was",
    # "is" or "had", which is no finite verb there
    ("The agency did not make any statements about the border fees.",
     "The agency said it was state policy to charge the border fees."),
    ("The ministry has not made statements on the fishing levy.",
     "The ministry said the fishing levy is state law."),
    ("The club did not make any statements on the striker's transfer.",
     "The club said the striker's transfer had state backing."),
    # an irregular verb's base form after "was" is no act either
    ("The firm did not make any payments to the cleaners on Friday.",
     "The firm said it was pay policy for the cleaners on Friday."),
])
def test_a_base_form_after_be_or_have_states_no_act(a: str, b: str) -> None:
    assert _negations(a, b) == []
    assert _negations(b, a) == []


@pytest.mark.parametrize(("a", "b"), [
    ("The agency did not make any statements about the border fees.",
     "The agency stated its view on the border fees."),
    ("The agency did not make any statements about the border fees.",
     "The view on the border fees was stated by the agency."),
    ("The firm did not make any payments to the cleaners on Friday.",
     "The cleaners were paid by the firm on Friday."),
    # a past form that is the base form: "cut" after "was" or "has" is the cutting
    ("The council did not make any cuts to the library budget.",
     "The library budget was cut by the council."),
    ("The council has not made any cuts to the library budget.",
     "The council has cut the library budget."),
    ("The club did not make any bids for the harbour striker.",
     "The harbour striker was bid for by the club."),
])
def test_a_participle_after_be_still_states_the_act(a: str, b: str) -> None:
    assert _negations(a, b)
    assert _negations(b, a)
