"""A name retold in another form is no name change: a place and its adjective, a first
name and the surname of one full name (fictional sentences written for these tests)."""

from __future__ import annotations

import pytest

from launderlens.rewrites.align import AlignedPair, SentenceAlignment, align_sentences
from launderlens.rewrites.changes import alignment_changes, pair_changes

from .conftest import fragments


def _names(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    changes = alignment_changes(align_sentences(a, b), a, b)
    return [(c.a_text, c.b_text) for c in changes if c.kind == "name"]


def test_a_place_and_its_adjective_are_one_name() -> None:
    assert [c for c in pair_changes(
        "They will spend the holiday with members of Britain's royal family at the estate.",
        "They will spend the holiday with members of the British royal family at the estate.")
        if c.kind == "name"] == []


def test_a_first_name_and_a_surname_of_one_full_name_are_one_person() -> None:
    source = ["The singer Dana Whitlock toured the coast in May.",
              "Even worse, Dana has been seeking comfort with her former manager!"]
    copy = ["Singer Dana Whitlock toured the coast in May.",
            "To make matters worse, Whitlock has been seeking comfort with her former manager."]
    assert _names(source, copy) == []
    other = [copy[0], "To make matters worse, Harlow has been seeking comfort with her former "
                      "manager."]
    assert _names(source, other) == [("Dana", "Harlow")]



def _place_names(a: str, b: str) -> list[tuple[str, str]]:
    return fragments(a, b, "name")


def test_two_cities_of_one_country_are_two_places() -> None:
    assert _place_names("The rally in Istanbul drew crowds, police said.",
                        "The rally in Ankara drew crowds, police said.") == [("Istanbul", "Ankara")]


@pytest.mark.parametrize("b", ["The rally in Ankara drew crowds, police said.",
                               "The Turkish rally drew crowds, police said."])
def test_a_country_and_its_capital_or_adjective_are_one_place(b: str) -> None:
    assert _place_names("The rally in Turkey drew crowds, police said.", b) == []


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("The Bundestag passed the grain levy after a long night.",
     "The Pentagon passed the grain levy after a long night.", [("Bundestag", "Pentagon")]),
    ("The Kremlin shrugged off the new tariff plan.",
     "The Duma shrugged off the new tariff plan.", [("Kremlin", "Duma")]),
    ("A Russian trawler towed the yacht back to port.",
     "A British trawler towed the yacht back to port.", [("Russian", "British")]),
])
def test_an_opening_article_is_no_name_two_share(a: str, b: str,
                                                 expected: list[tuple[str, str]]) -> None:
    assert fragments(a, b, "name", certain=True) == expected


def test_two_bodies_sharing_a_word_are_two_bodies() -> None:
    assert fragments("The European Council shelved the fishing quota talks.",
                     "The European Parliament shelved the fishing quota talks.",
                     "name", certain=True) == [("European Council", "European Parliament")]


@pytest.mark.parametrize("b", [
    "Moscow shrugged off the new tariff plan, aides said.",
    "Officials in Russia's capital shrugged off the new tariff plan, aides said.",
    "The Russian presidency shrugged off the new tariff plan, aides said.",
])
def test_a_body_named_by_its_seat_or_its_country_is_one_body(b: str) -> None:
    assert fragments("The Kremlin shrugged off the new tariff plan, aides said.", b,
                     "name") == []


def test_a_capital_is_the_seat_of_its_bodies_not_another_city() -> None:
    assert fragments("Aides said the White House welcomed the grain levy.",
                     "Aides said Washington welcomed the grain levy.", "name") == []
    assert fragments("Aides said New York welcomed the grain levy.",
                     "Aides said Washington welcomed the grain levy.",
                     "name") == [("New York", "Washington")]


def test_a_name_made_of_a_body_s_country_is_not_read_as_another_body() -> None:
    # "US Interior Department" is unknown as a whole: which US body it is stays open
    assert fragments("The Pentagon signed the lease for the depot.",
                     "The US Interior Department signed the lease for the depot.",
                     "name") == []


@pytest.mark.parametrize(("a", "b"), [
    ("The White House said on Monday the salmon tariff would stay.",
     "President Biden said on Monday the salmon tariff would stay."),
    ("Downing Street said the ferry contract was signed.",
     "Prime Minister Keir Starmer said the ferry contract was signed."),
    ("Vladimir Putin said the rail link would stay closed.",
     "The Kremlin said the rail link would stay closed."),
    ("Russia said the rail link would stay closed.",
     "Putin said the rail link would stay closed."),
    ("The Kremlin said the rail link would stay closed.",
     "Kremlin spokesman Dmitry Peskov said the rail link would stay closed."),
])
def test_a_body_retold_as_its_own_head_is_one_speaker(a: str, b: str) -> None:
    assert fragments(a, b, "name", certain=True) == []


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("The White House said on Monday the salmon tariff would stay.",
     "Putin said on Monday the salmon tariff would stay.", [("White House", "Putin")]),
    ("The Kremlin said the rail link would stay closed.",
     "President Biden said the rail link would stay closed.",
     [("Kremlin", "President Biden")]),
    ("Downing Street said the ferry contract was signed.",
     "Emmanuel Macron said the ferry contract was signed.",
     [("Downing Street", "Emmanuel Macron")]),
    ("The State Department said the ferry contract was signed.",
     "President Biden said the ferry contract was signed.",
     [("State Department", "President Biden")]),
])
def test_a_body_retold_as_another_body_s_head_is_a_change(
        a: str, b: str, expected: list[tuple[str, str]]) -> None:
    assert fragments(a, b, "name", certain=True) == expected


def test_every_office_a_body_houses_is_in_the_knowledge_base() -> None:
    from launderlens.kb import load_default
    from launderlens.kb.seats import ORGANISATIONS
    from launderlens.rewrites.name_changes import _HOUSED

    assert set(_HOUSED) <= set(ORGANISATIONS.values())
    assert set().union(*_HOUSED.values()) <= set(load_default().offices)


def _certain_names(a: list[str], b: list[str]) -> list[tuple[str, str, bool]]:
    return [(c.a_text, c.b_text, c.certain)
            for c in alignment_changes(align_sentences(a, b), a, b) if c.kind == "name"]


def test_a_phrase_in_capitals_for_emphasis_is_no_certain_name() -> None:
    a = ["The post says the SAME EXACT PEOPLE were at the harbour rally on Friday."]
    b = ["The post claims the IDENTICAL INDIVIDUALS were at the harbour rally on Friday."]
    assert _certain_names(a, b) == [("SAME EXACT PEOPLE", "IDENTICAL INDIVIDUALS", False)]


def test_a_person_brought_in_is_certain_and_in_unknown_capitals_one_to_check() -> None:
    a = ["The post says Dana Voss was at the harbour rally on Friday."]
    b = ["The post claims Tomas Berg was at the harbour rally on Friday."]
    assert _certain_names(a, b) == [("Dana Voss", "Tomas Berg", True)]
    # capitals the tables know as no one may be ordinary words: the change is still raised
    a, b = [a[0].replace("Dana Voss", "DANA VOSS")], [b[0].replace("Tomas Berg", "TOMAS BERG")]
    assert _certain_names(a, b) == [("DANA VOSS", "TOMAS BERG", False)]


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("JOE BIDEN signed the ferry bill.", "DONALD TRUMP signed the ferry bill.",
     [("JOE BIDEN", "DONALD TRUMP")]),
    ("The FBI said the ferry letter was forged.", "The CIA said the ferry letter was forged.",
     [("FBI", "CIA")]),
    ("Dana Voss signed the ferry bill.", "Tomas Berg signed the ferry bill.",
     [("Dana Voss", "Tomas Berg")]),
])
def test_a_name_in_capitals_the_tables_know_or_an_acronym_is_still_certain(
        a: str, b: str, expected: list[tuple[str, str]]) -> None:
    assert fragments(a, b, "name", certain=True) == expected


def test_a_name_swapped_in_a_list_is_a_change_where_the_list_keeps_the_others() -> None:
    source = ["The band toured with Ada Brandt, Mila Voss and Tomas Reyes last spring."]
    copy = ["Last spring the band toured with Ada Brandt, Irma Falk and Tomas Reyes."]
    assert _names(source, copy) == [("Mila Voss", "Irma Falk")]
    kept = ["Last spring the band toured with Ada Brandt, Mila Voss and Tomas Reyes."]
    assert _names(source, kept) == []


def test_one_word_names_swapped_for_a_name_the_source_never_uses_are_a_change() -> None:
    source = ["Ines Harlow hosted the dinner at her ranch.",
              "The guests praised the table, and Ines posted a photo of it."]
    # no word around the name in common: only the name the source never uses tells
    swapped = ["Ines Harlow hosted the dinner at her ranch.",
               "The guests praised the table, and a photo of it was posted by Greta Lund."]
    assert _names(source, swapped) == [("Ines", "Greta Lund")]
    # a short form of the name, or the name's other half, is the same person
    for retold in ("The guests praised the table, and a photo of it was posted by Harlow.",
                   "The guests praised the table, and a photo of it was posted by Ine."):
        assert _names(source, [source[0], retold]) == []


def test_names_each_article_holds_elsewhere_are_moved_not_changed() -> None:
    # two entries of a list aligned across (as a reordered list may be): each name is
    # still in the other article, so neither is reported as put in the other's place
    source = ["Ada Brandt won for the novel, the jury said.",
              "Mila Voss won for the play, the jury said."]
    copy = ["Mila Voss won for the play, the jury said.",
            "Ada Brandt won for the novel, the jury said."]
    crossed = SentenceAlignment(pairs=(AlignedPair((0,), (0,), "paraphrase", 0.9, 0.9),
                                       AlignedPair((1,), (1,), "paraphrase", 0.9, 0.9)),
                                added=(), dropped=(), method="lexical")
    assert [c for c in pair_changes(source[0], copy[0]) if c.kind == "name"]
    assert [c for c in alignment_changes(crossed, source, copy) if c.kind == "name"] == []
    # a name the copy brings in is still a change
    other = ["Irma Falk won for the play, the jury said.", copy[1]]
    assert ("Ada Brandt", "Irma Falk") in [(c.a_text, c.b_text) for c in alignment_changes(
        crossed, source, other) if c.kind == "name"]


@pytest.mark.parametrize("b", [
    "She replied in a post: Embrace the quiet of the hills.",
    "Despite Harlow's doubts, the ranch stayed open.",
    "He wrote: “Absolutely, the ranch stays open.”",
])
def test_a_capital_owed_to_an_opening_is_no_name_brought_in(b: str) -> None:
    a = ["Ines Harlow said the ranch would stay open."]
    assert _names(a, [b]) == []


def test_a_name_the_source_abbreviates_or_a_lone_letter_is_no_name_brought_in() -> None:
    source = ["Once the tour is over, Biebs will fly back to LA to see her."]
    copy = ["Once the tour is over, Dana Voss will fly back to Los Angeles to see her."]
    assert _names(source, copy) == [("Biebs", "Dana Voss")]
    kept = ["Once the tour is over, the singer will fly back to Los Angeles to see her."]
    assert _names(source, kept) == []
    assert _names(["The fever should stay under 103 degrees F, the post said."],
                  ["The post said the fever should stay under 103 degrees Fahrenheit."]) == []


def test_a_place_is_not_swapped_for_a_name_of_no_place_among_several() -> None:
    # several names on each side: "Foreign Affairs" (part of an office) and "EU's" share
    # a word around them, but a place does not stand for a name that is none
    a = ("NATO Secretary General Ada Brandt and EU High Representative for Foreign Affairs "
         "and Security Policy Lena Voss attended, along with Omar Reyes.")
    b = ("Among the guests were NATO chief Ada Brandt, the EU's foreign policy head Lena Voss "
         "and Omar Reyes.")
    assert [c for c in pair_changes(a, b) if c.kind == "name"] == []
