"""Who did what to whom, read without a parser: reversed roles around a shared act are a
change, the same roles in the other voice or names merely listed are not.

The sentences are fictional reports written for these tests.
"""

from __future__ import annotations

import pytest

from launderlens.rewrites.roles import (
    read_names,
    relative_relations,
    role_changes,
    same_name,
)


def test_names_carry_their_titles_as_roles() -> None:
    (name,) = read_names("The court heard Judge Maria Olsen on Monday.")
    assert name.core == {"maria", "olsen"}
    assert "judge" in name.role


def test_spellings_of_one_name_are_the_same_name() -> None:
    x, y = read_names("He met U.K officials and Beyoncé."), read_names("Staff from the UK saw Bey.")
    assert same_name(x[0], y[0])
    assert same_name(x[1], y[1])


@pytest.mark.parametrize(("a", "b"), [
    ("Vesela congratulated Kroupa on Sunday.", "Kroupa congratulated Vesela on Sunday."),
    ("Anna Holm questioned Erik Dahl for six hours.",
     "Anna Holm was questioned for six hours by Erik Dahl."),
    ("Orvan Steel agreed to buy Kelso Metals.", "Kelso Metals agreed to buy Orvan Steel."),
    # the act in the present, in "-ing" after "be", in its base form after "not"
    ("Vesela criticizes Kroupa in the letter.", "Kroupa criticizes Vesela in the letter."),
    ("Vesela isn't reciprocating Kroupa's gestures.",
     "Kroupa does not reciprocate Vesela's gestures."),
])
def test_reversed_roles_are_a_change(a: str, b: str) -> None:
    (change,) = role_changes(a, b)
    assert "Holm" in change[0] or "Vesela" in change[0] or "Orvan" in change[0]


@pytest.mark.parametrize(("a", "b"), [
    ("Anna Holm met Erik Dahl in Oslo on Monday.", "Erik Dahl met Anna Holm in Oslo on Monday."),
    ("Anna Holm is dating Erik Dahl.", "Erik Dahl has been dating Anna Holm."),
    ("Anna Holm will debate Erik Dahl on Friday.", "Erik Dahl will debate Anna Holm on Friday."),
])
def test_an_act_two_do_together_has_no_reversed_roles(a: str, b: str) -> None:
    assert role_changes(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    # a reduced passive: the estate is managed, the prince manages
    ("Prince Aldo manages the Duchy of Vell on his own.",
     "Duchy of Vell, a private estate managed by Prince Aldo, pays his costs."),
    ("The ring matches the one from Anna Holm, designed by Erik Dahl.",
     "The ring matches the one from Anna Holm, which was also designed by Erik Dahl."),
    # the act is the pronoun's, not the first name's
    ("Anna Holm and Erik Dahl were in town to attend a Vell Couture gala.",
     "At the Vell Couture gala they attended in Ostend, Anna Holm and Erik Dahl met."),
    # a passive without "by": the first name undergoes an act nobody named does
    ("Mr. Dahl is expected to remain with the Holm Foundation.",
     "Holm expects Dahl to continue serving as chair."),
])
def test_a_reduced_passive_a_pronoun_s_act_or_a_passive_without_agent_reverse_no_role(
        a: str, b: str) -> None:
    assert role_changes(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    # the other voice, the same roles
    ("Anna Holm questioned Erik Dahl for six hours.",
     "Erik Dahl was questioned for six hours by Anna Holm."),
    ("Kelso Metals was bought by Orvan Steel on Monday.", "Orvan Steel bought Kelso Metals."),
    # a list, no act between the names
    ("Talks between Anna Holm and Erik Dahl ended.", "Erik Dahl and Anna Holm ended talks."),
    # a relation that is no act ("the frontman of")
    ("She dated The Cab frontman Alex DeLeon.", "She dated Alex DeLeon, the frontman of The Cab."),
    # two people of one family are not one name
    ("Teresa Giudice thanked Joe Giudice's lawyer Mark Ruiz.",
     "Mark Ruiz thanked Joe Giudice for the call."),
    # different acts: "beat" against "lost to" say the same outcome
    ("Lena Marsh beat Petra Vogel in three sets.", "Petra Vogel lost to Lena Marsh in three sets."),
    # a passive that a conjunction opens without an auxiliary
    ("The Harbour Post reached out to Erik Dahl for comment.",
     "Erik Dahl did not comment when reached by The Harbour Post."),
    ("Anna Holm invited Erik Dahl to the hearing.",
     "Erik Dahl only spoke once invited by Anna Holm."),
])
def test_the_same_roles_or_no_act_are_no_change(a: str, b: str) -> None:
    assert role_changes(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    # a subject relative, passive, with no name on either side
    ("The minister, who was questioned by the committee on Tuesday, resigned.",
     "The committee, which was questioned by the minister on Tuesday, resigned."),
    # a subject relative, active
    ("Holm, who sued Dahl last year, lost the case.",
     "Dahl, who sued Holm last year, lost the case."),
    # an object relative against a subject relative
    ("Holm, whom Dahl defeated in 2019, is running again.",
     "Holm, who defeated Dahl in 2019, is running again."),
    ("The insurer, which the bank sued over flood claims, will settle.",
     "The bank, which was sued by the insurer over flood claims, will settle."),
])
def test_roles_reversed_inside_a_relative_clause_are_a_change(a: str, b: str) -> None:
    (change,) = role_changes(a, b)
    assert ", wh" in change[0] and ", wh" in change[1]
    (relation,) = relative_relations(a)
    assert relation.text == change[0]


@pytest.mark.parametrize(("a", "b"), [
    ("Holm, whom Dahl defeated in 2019, is running again.",
     "Holm, who was defeated by Dahl in 2019, is running again."),
    ("The minister, who was questioned by the committee, resigned.",
     "The minister, whom the committee questioned, resigned."),
    # the other actor not read on one side: no reading, no change
    ("The minister, who was questioned by the committee, resigned.",
     "The committee, which was questioned, resigned."),
    # an act between other actors
    ("The minister, who was questioned by the committee, resigned.",
     "The committee, which was questioned by the auditors, resigned."),
])
def test_the_same_roles_in_a_relative_clause_or_one_actor_unread_are_no_change(
        a: str, b: str) -> None:
    assert role_changes(a, b) == []


def test_a_relative_clause_states_who_acts_on_whom() -> None:
    (passive,) = relative_relations("The minister, who was questioned by the committee, left.")
    assert (passive.agent, passive.patient, passive.act) == ({"commit"}, {"minist"}, "questi")
    (object_,) = relative_relations("The company, which Anna Holm founded in 2001, was sold.")
    assert (object_.agent, object_.patient) == ({"anna", "holm"}, {"compan"})
    # no comma before the pronoun, or a verb with no actor after it: nothing read
    assert relative_relations("The man who sued Dahl lost.") == []
    assert relative_relations("The firm, which employed 2,300 people, closed.") == []


def test_a_place_is_no_actor() -> None:
    assert role_changes("France criticised Germany over the tariffs.",
                        "Germany criticised France over the tariffs.") == []


def test_a_sentence_of_hundreds_of_names_is_read_quickly() -> None:
    """Hostile text: the names compared pairwise are capped, so this stays instant."""
    names = " ".join(f"Name{k} Surname{k} met" for k in range(400))
    assert role_changes(names, names) == []
    relatives = ", and ".join("the clerk, who sued the judge" for _ in range(3000))
    assert len(relative_relations(relatives)) == 32
    assert role_changes(relatives, relatives) == []


@pytest.mark.parametrize(("a", "b"), [
    ("She is the daughter of singer Lionel Ash and the sister of designer Nina Ash.",
     "She is the daughter of singer Nina Ash and the sister of designer Lionel Ash."),
    ("Whenever Drew is present, Kira refrains from mentioning her plans.",
     "Whenever Kira is present, Drew refrains from mentioning her plans."),
    ("Sources say Bravo has offered Teresa a special about Joe's trial.",
     "Sources say Joe has offered Teresa a special about Bravo's trial."),
])
def test_two_names_trading_places_between_the_same_words_is_a_role_change(
        a: str, b: str) -> None:
    assert len(role_changes(a, b)) == 1


@pytest.mark.parametrize(("a", "b"), [
    # listed together, names trade places freely
    ("Kira and Drew had been seen together in 2015.",
     "Drew and Kira had been seen together in 2015."),
    # each keeps its own words around it
    ("Whenever Drew is present, Kira refrains from mentioning her plans.",
     "Kira refrains from mentioning her plans whenever Drew is present."),
])
def test_names_that_keep_their_places_or_are_merely_listed_trade_no_role(
        a: str, b: str) -> None:
    assert role_changes(a, b) == []
