"""Negations on faithful rewordings and on real flips: a noun in -ing after "denied", a
negation through "seem", a negating word that is no "not" ("lacking", "hardly", "avoidance
of", "rather than"), a condition, "not ... until", on fictional sentences written for these
tests.
"""

from __future__ import annotations

import pytest

from .conftest import fragments


def _negations(a: str, b: str) -> list[tuple[str, str]]:
    return fragments(a, b, "negation", certain=True)


@pytest.mark.parametrize(("a", "b"), [
    ("The mayor denied wrongdoing after the audit.",
     "The mayor denied any wrongdoing after the audit."),
    ("The council denied building permits for the tower.",
     "The council refused building permits for the tower."),
    ("The club denied funding for the stadium.",
     "The club refused any funding for the stadium."),
    # a denial on the other side negates the same noun as the "no" does
    ("The senator denied wrongdoing in the land deal.",
     "The senator said there had been no wrongdoing in the land deal."),
])
def test_a_noun_in_ing_after_a_denial_is_no_negated_verb(a: str, b: str) -> None:
    assert _negations(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    ("The firm funded the campaign.", "The firm denied funding the campaign."),
    ("The minister visited the plant.", "The minister denied ever visiting the plant."),
    ("The coach signed the analyst.", "The coach denied knowingly signing the analyst."),
])
def test_a_denied_verb_in_ing_still_negates(a: str, b: str) -> None:
    assert _negations(a, b)


@pytest.mark.parametrize("b", ["The singer showed no interest in the offer.",
                               "The singer was not interested in the offer."])
def test_a_negation_through_seem_reworded_is_no_change(b: str) -> None:
    assert _negations("The singer didn't seem interested in the offer.", b) == []


def test_a_negation_through_seem_planted_is_a_change() -> None:
    assert _negations("The singer seemed interested in the offer.",
                      "The singer did not seem interested in the offer.")


def test_a_negating_word_alone_counts_as_a_negation() -> None:
    """"seemed lacking" negates once, like "hardly spoke": both sides negate twice, and
    the "not" moved before "publicly" is the same "not"; "lack" counted as a "not" that
    undoes itself made the copy negate once and the move a change."""
    a = ("The two envoys have not been seen together in public since the talks, and even "
         "then they hardly spoke.")
    assert _negations(a, "The two envoys have not been publicly seen together since the "
                         "talks, and even then their exchanges seemed lacking.") == []
    assert _negations("The two envoys were seen together in public after the talks.",
                      "The two envoys have not been publicly seen together since the talks.")


@pytest.mark.parametrize(("a", "b"), [
    # a word that negates without "not" before the head on the plain side
    ("She avoids sugar in every recipe, and nothing is baked with butter.",
     "Her avoidance of sugar in every recipe is strict."),
    ("Voters aren't customers, the mayor said.",
     "Voters are citizens rather than customers, the mayor said, and never mere targets."),
    # a condition states nothing
    ("The singer told reporters a reunion wouldn't be happening.",
     "The singer told reporters that if a reunion were happening, he would know."),
    # "not ... until" dates the event
    ("The club did not sign the striker until the window closed in August.",
     "The club signed the striker when the window closed in August."),
    # "nt": a "n't" whose apostrophe the text lost
    ("then you do nt own an island where you can wait out the storm.",
     "Then you don't own an island where you can wait out the storm."),
    # "undoubtedly" states the positive, as "no doubt" does
    ("It was undoubtedly her best season, and there is not a thing she would change about it.",
     "She said it was her best season and she wouldn't change a thing about it."),
])
def test_a_negation_reworded_across_constructions_is_no_change(a: str, b: str) -> None:
    assert _negations(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    ("She avoids sugar in every recipe, and nothing is baked with butter.",
     "Her love of sugar in every recipe is well known."),
    ("The singer told reporters a reunion would be happening.",
     "The singer told reporters a reunion wouldn't be happening."),
    ("The club signed the striker when the window closed in August.",
     "The club did not sign the striker when the window closed in August."),
    ("Instead, the workers got a bonus.",
     "The workers did not get a bonus, and nobody was paid more."),
])
def test_the_same_negations_planted_are_changes(a: str, b: str) -> None:
    assert _negations(a, b)


def test_no_sign_of_negates_the_word_after_it() -> None:
    assert _negations("The outbreak is slowing, officials said.",
                      "The outbreak shows no sign of slowing, officials said.")
    assert _negations("The outbreak shows no sign of slowing, officials said.",
                      "Officials said the outbreak is not slowing.") == []


@pytest.mark.parametrize(("a", "b"), [
    ("The coach sold tickets to the fans.", "The coach denied selling tickets to the fans."),
    ("The plant dumped waste in the river.", "The plant denied dumping waste in the river."),
    ("The clerk shipped crates to the port.", "The clerk denied shipping crates to the port."),
])
def test_a_denied_act_in_ing_that_the_other_side_states_is_a_negation(a: str, b: str) -> None:
    """The -ing word is the verb when the other side states the same act as a finite
    verb, whatever follows it (a plural noun, not only a determiner)."""
    assert _negations(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("The broker denied trading shares before the merger.",
     "The broker denied trading any shares before the merger."),
    ("The clerk stored files but denied hiding evidence.",
     "The clerk stored files, though he denied hiding any evidence."),
])
def test_the_same_denied_act_on_both_sides_is_no_change(a: str, b: str) -> None:
    assert _negations(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    ("If asked, he will resign.", "If asked, he will not resign."),
    ("Unless paid, crews will strike on Monday.", "Unless paid, crews will not strike on Monday."),
])
def test_a_negation_under_a_condition_both_sides_share_is_a_change(a: str, b: str) -> None:
    assert _negations(a, b)


def test_a_condition_only_the_plain_side_carries_still_states_nothing() -> None:
    assert _negations("The coach said the transfer wasn't going ahead.",
                      "The coach said that if the transfer were going ahead, he would know.") == []


def test_a_condition_far_before_the_negation_is_not_shared() -> None:
    assert _negations("If the figures hold, the mayor will survive, but the rumour was never true.",
                      "If the rumour is true, the mayor will survive.") == []


@pytest.mark.parametrize(("a", "b"), [
    ("The envoys talked during the ferry crossing.",
     "The envoys barely talked during the ferry crossing."),
    ("Shoppers scarcely used the new parking deck.", "Shoppers used the new parking deck."),
    ("The guard sleeps on the night shift.", "The guard rarely sleeps on the night shift."),
    ("The board voted to sell the depot.", "The board voted to lease rather than sell the depot."),
    ("The board voted to sell the depot.",
     "The board voted to keep the depot instead of selling it."),
    ("The bakery reopened on Friday.", "The bakery will not reopen until further notice."),
    ("The orchestra did not lack sponsors this winter.",
     "The orchestra lacked sponsors this winter."),
])
def test_a_negation_without_not_planted_on_a_plain_act_is_a_change(a: str, b: str) -> None:
    assert _negations(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("The envoys hardly talked during the ferry crossing.",
     "The envoys barely talked during the ferry crossing."),
    ("The guard hardly ever sleeps on the night shift.",
     "The guard rarely sleeps on the night shift."),
    ("The board voted to lease the depot rather than sell it.",
     "Rather than sell the depot, the board voted to lease it."),
    ("The board voted to keep the depot instead of selling it.",
     "The board voted to keep the depot rather than sell it."),
    ("The bakery will stay shut until further notice.",
     "The bakery remains closed until further notice."),
    ("The bakery did not reopen until Friday.", "The bakery reopened on Friday."),
    ("The orchestra did not lack sponsors this winter.",
     "The orchestra had sponsors this winter."),
    ("There was no lack of sponsors for the orchestra.",
     "There were plenty of sponsors for the orchestra."),
    # an amount or "when" after "barely": only, just
    ("Barely a week after the vote, the treasurer resigned.",
     "A week after the vote, the treasurer resigned."),
    ("The crew had barely docked when the storm broke.",
     "The crew docked just as the storm broke."),
    # "less of it" against "rather than it"; a thing set aside, not an act
    ("He wants to spend more time at home and less time opening shops.",
     "He wants to spend time at home rather than opening shops."),
    ("It was her aunt, rather than her teacher's praise, that drew her to music.",
     "Her teacher praised her playing, and her aunt drew her to music."),
])
def test_the_same_negation_without_not_reworded_is_no_change(a: str, b: str) -> None:
    assert _negations(a, b) == []


def test_a_not_on_a_word_that_negates_is_still_read_against_the_word_alone() -> None:
    assert _negations("The levee did not prevent flooding in the lower town.",
                      "The levee prevented flooding in the lower town.")


def test_an_act_set_aside_with_another_object_is_no_negation_of_the_stated_act() -> None:
    copy = ("Aides say the mayor is upset that Orr dwelt on the harbour plan during meetings "
            "instead of discussing the budget.")
    assert _negations("All he discussed in the meetings was the harbour plan.", copy) == []
    assert _negations("Orr discussed the budget during meetings.", copy)
    # The other side's object is what its act is said of, not a word of another sentence
    # retold with it.
    group = ("The council had asked Orr to defend the budget before the vote. "
             "All he discussed in the meetings was the harbour plan.")
    assert _negations(group, copy) == []


@pytest.mark.parametrize(("a", "b"), [
    # a possibility: the source states no fact the copy could flip (the dropped "may" is a
    # hedge change of its own)
    ("Engineers warned that the new barrier may not stop floods in the lower valley.",
     "Engineers said the new barrier stops floods in the lower valley."),
    # a wish: what the striker hoped for is no fee he was paid
    ("The striker had been hoping for a higher fee from the club.",
     "The striker received a lower fee from the club."),
    # a preference "over" a thing does not have it
    ("By that we mean the chef never has frozen vegetables.",
     "In the kitchen, the chef prefers fresh vegetables over frozen ones."),
    # the head a verb on one side and a noun on the other: not one statement
    ("Neighbours noted that the pair have not been photographed together since May.",
     "Neighbours have asked for more photographs of the pair together since May."),
    ("Neighbours noted that the pair have not been photographed together since May.",
     "Neighbours have posted many photographs of the pair together since May."),
])
def test_a_possibility_a_wish_a_preference_or_a_noun_is_no_sure_negation(a: str, b: str) -> None:
    assert _negations(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    ("Engineers warned that the new barrier does not stop floods in the lower valley.",
     "Engineers said the new barrier stops floods in the lower valley."),
    ("The striker received a higher fee from the club.",
     "The striker received a lower fee from the club."),
    ("By that we mean the chef never has frozen vegetables.",
     "In the kitchen, the chef has frozen vegetables."),
    ("Neighbours noted that the pair have not been photographed together since May.",
     "Neighbours noted that the pair have been photographed together since May."),
    # a possibility in another clause leaves this one's negation a fact
    ("It may rain on Sunday, and the council did not approve the fair.",
     "It may rain on Sunday, and the council approved the fair."),
    # "May" as a month or a name, "Hope" as a name, is no possibility or wish
    ("Councillor Hope Adler did not resign after the vote in the spring.",
     "Councillor Adler resigned after the vote in the spring."),
    ("In May the council did not approve the summer fair.",
     "In May the council approved the summer fair."),
    ("Councillor May did not resign after the vote in the spring.",
     "Councillor May resigned after the vote in the spring."),
    # under the same possibility or wish on both sides, what is allowed or hoped is flipped
    ("Visitors may not bring dogs into the botanical garden.",
     "Visitors may bring dogs into the botanical garden."),
    ("The coach hoped the striker would not leave the club.",
     "The coach hoped the striker would leave the club."),
    # a noun after "no" is the thing negated, against the verb on the other side
    ("Police made no arrests after the match on Saturday.",
     "Police arrested fans after the match on Saturday."),
    ("There were no protests outside the plant on Monday.",
     "Workers protested outside the plant on Monday."),
    # a noun after a light verb ("made many complaints") states the verb itself
    ("The mayor did not complain about the noise from the night market.",
     "The mayor made many complaints about the noise from the night market."),
    ("Reporters did not photograph the cyclist at the charity gala.",
     "Reporters took several photographs of the cyclist at the charity gala."),
    ("The tenants did not complain to the landlord about the broken lift.",
     "The tenants lodged a few complaints with the landlord about the broken lift."),
    # a preference "over" a thing ends with its clause
    ("The baker prefers rye over wheat and does not sell cakes on Sundays.",
     "The baker prefers rye over wheat and sells cakes on Sundays."),
    ("The baker prefers rye over wheat, so she does not sell cakes on Sundays.",
     "The baker prefers rye over wheat, so she sells cakes on Sundays."),
])
def test_a_negation_stated_as_a_fact_is_still_a_sure_change(a: str, b: str) -> None:
    assert _negations(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("The singer said she would never get married again.",
     "The singer spoke of her doubts about getting married again."),
    ("The board did not approve the merger with the bakery.",
     "The board doubted it would approve the merger with the bakery."),
])
def test_an_act_the_other_side_doubts_is_not_stated_plainly(a: str, b: str) -> None:
    assert _negations(a, b) == []
    assert _negations(b, a) == []


@pytest.mark.parametrize(("a", "b"), [
    ("The coach did not sign the striker from the harbour club.",
     "There is no doubt the coach signed the striker from the harbour club."),
    ("The board did not approve the merger with the bakery.",
     "Beyond any doubt the board approved the merger with the bakery."),
    # a doubt that the act is stated in spite of, or that stands in another clause
    ("The board did not approve the merger with the bakery.",
     "Amid doubts the board approved the merger with the bakery."),
    ("The board did not approve the merger with the bakery.",
     "Despite doubts, the board approved the merger with the bakery."),
    ("The board did not approve the merger with the bakery.",
     "Investors had doubts, and the board approved the merger with the bakery."),
])
def test_an_act_stated_beyond_or_despite_a_doubt_is_stated_plainly(a: str, b: str) -> None:
    assert _negations(a, b)
    assert _negations(b, a)
