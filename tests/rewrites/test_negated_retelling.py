"""A plain statement retold with "not" after its auxiliary and a verb of the copy's own
choosing, where word positions meet no head word on the other side; and the rewordings
that bring in a "not" of their own and must raise nothing. Fictional sentences written
for these tests.
"""

from __future__ import annotations

import pytest

from launderlens.rewrites.negation import negated_retelling
from launderlens.rewrites.quantities import read_tokens

from .conftest import fragments


def _negations(a: str, b: str) -> list[tuple[str, str]]:
    return fragments(a, b, "negation", certain=True)


@pytest.mark.parametrize(("a", "b"), [
    ("The city council approved a new budget for the harbour on Tuesday.",
     "The city council has not passed a new budget for the harbour."),
    ("The ferry company bought two electric boats from a yard in Bergen.",
     "The ferry company did not purchase two electric boats from the Bergen yard."),
    ("Mayor Dahl is a trained engineer and a former rowing coach.",
     "Mayor Dahl is not a trained engineer and a former rowing coach."),
    # a figure's comma ends the clause before the "not"
    ("Born in 1961, the judge is a keen sailor and a painter of harbours.",
     "Born in 1961, the judge is not a keen sailor and a painter of harbours."),
])
def test_a_plain_statement_retold_with_not_is_a_negation(a: str, b: str) -> None:
    found = _negations(a, b)
    assert len(found) == 1
    source, copy = found[0]
    assert "not" in copy.split() and source in a and copy in b and "not" not in source


def test_the_fragments_run_from_the_clause_to_the_verb() -> None:
    a = "Residents are rallying for the ferry line to Askøy in the town square."
    b = "Residents are not marching for the ferry line to Askøy."
    # the copy's own verb meets nothing: the fragments run on to the next word it shares
    assert _negations(a, b) == [("Residents are rallying for the ferry",
                                 "Residents are not marching for the ferry")]


@pytest.mark.parametrize(("a", "b"), [
    # the source negates already, with a word of negative meaning
    ("The mayor skipped the opening of the new bridge.",
     "The mayor did not attend the opening of the new bridge."),
    ("The minister was unable to visit the flooded valley.",
     "The minister has not visited the flooded valley."),
    ("The club refused to sell the stadium to the city.",
     "The club will not sell the stadium to the city."),
    # a "not" that denies nothing
    ("The firm makes bikes and sells scooters in Oslo.",
     "The firm does not only make bikes but also sells scooters in Oslo."),
    ("The second album sold well in Norway and Denmark.",
     "The second album did not sell as well in Norway and Denmark."),
    # a question states nothing
    ("The council should approve the budget for the harbour.",
     "Should the council not approve the budget for the harbour?"),
    # the negated clause is the copy's own statement
    ("The band played two shows in Oslo last week.",
     "Critics have not warmed to the band's new sound after the Oslo shows."),
    # the source asked for a comment; "has not commented" retells that no answer came
    ("The newspaper reached out to the club for comment on the transfer.",
     "The club has not commented on the transfer."),
    # the copy negates twice: a reworded negation is no flip word counts can prove
    ("The singer said the tour would go ahead in June.",
     "The singer denied that the tour would not go ahead in June."),
])
def test_rewordings_that_bring_in_a_not_are_not_read_as_retold_with_not(a: str, b: str
                                                                         ) -> None:
    assert negated_retelling(a, read_tokens(a), b, read_tokens(b)) == []


def test_a_not_the_copy_leaves_out_is_not_read_this_way() -> None:
    # the source's "can't wait" retold as "is eager": its negation reworded away
    a = "The coach said he can't wait to return to the harbour club in spring."
    b = "The coach is eager to return to the harbour club in spring."
    ta, tb = read_tokens(a), read_tokens(b)
    assert negated_retelling(b, tb, a, ta) == []
    assert negated_retelling(a, ta, b, tb) == []
    assert _negations(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    ("Despite the rumours, the singer bought a house in Malibu last spring.",
     "The rumours have not deterred the singer from buying a Malibu house."),
    ("The ferry sailed through the storm to Askøy on Monday.",
     "The storm has not stopped the ferry sailing to Askøy on Monday."),
])
def test_a_not_on_a_verb_of_keeping_from_states_the_act(a: str, b: str) -> None:
    assert negated_retelling(a, read_tokens(a), b, read_tokens(b)) == []
