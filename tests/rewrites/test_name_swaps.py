"""One person or body put in another's place inside a retold sentence: a surname swapped
under the same first name, one word of a body's name swapped under the others, and a full
name brought in where the source named several people the copy no longer names (fictional
sentences written for these tests)."""

from __future__ import annotations

import pytest

from launderlens.rewrites.align import align_sentences
from launderlens.rewrites.changes import alignment_changes

from .conftest import fragments


def _names(a: list[str], b: list[str]) -> list[tuple[str, str, bool]]:
    return [(c.a_text, c.b_text, c.certain)
            for c in alignment_changes(align_sentences(a, b), a, b) if c.kind == "name"]


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Backstage, Corinne Haldane was full of energy for someone six months pregnant.",
     "Corinne Vasquez, though six months pregnant, was full of energy backstage.",
     ("Corinne Haldane", "Corinne Vasquez")),
    ("Dr. Tobias Marchetti told the paper her behaviour was highly suspicious.",
     "Dr. Tobias Okafor said her behaviour was highly suspicious.",
     ("Dr. Tobias Marchetti", "Dr. Tobias Okafor")),
    ("Rosalind J. Pembury says she was hacked and did not write the message.",
     "Rosalind Crewe claims her account was hacked and she did not write the message.",
     ("Rosalind J. Pembury", "Rosalind Crewe")),
])
def test_a_surname_swapped_under_the_same_first_name_is_a_certain_change(
        a: str, b: str, expected: tuple[str, str]) -> None:
    assert fragments(a, b, "name", certain=True) == [expected]


@pytest.mark.parametrize(("a", "b"), [
    # the name told in full, or with a name added after the surname
    ("Corinne Haldane posted a photo of the twins.",
     "Corinne Haldane Brooks shared a picture of the twins."),
    # a surname spelt with or without its marks, or cut short
    ("The revival of Edmund O'Hallor's drama drew seven nominations.",
     "The revival of Edmund OHallors drama drew seven nominations."),
    ("Brenton Street regained its footing yesterday.", "BRENTON St regained its footing today."),
    # a surname of three letters or less may be a short form
    ("Corinne Hal posted a photo of the twins.", "Corinne Haldane shared a photo of the twins."),
])
def test_names_that_share_a_first_word_but_are_no_swapped_person(a: str, b: str) -> None:
    assert fragments(a, b, "name", certain=True) == []


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Senate Democrats stalled the grain bill in Velming on Tuesday.",
     "On Tuesday, Senate Republicans stalled the grain bill in Velming.",
     ("Senate Democrats", "Senate Republicans")),
    ("The Harlow Daily Courier first reported the levy on Friday.",
     "The levy was first reported on Friday by the Harlow Daily Tribune.",
     ("Harlow Daily Courier", "Harlow Daily Tribune")),
    ("The Supreme Court of Velming struck down the levy.",
     "The levy was struck down by the Appeals Court of Velming.",
     ("Supreme Court of Velming", "Appeals Court of Velming")),
    ("The House of Wardens voted in favour of the levy on Sunday.",
     "On Sunday the House of Stewards voted for the levy.",
     ("House of Wardens", "House of Stewards")),
])
def test_one_word_of_a_bodys_name_swapped_is_a_certain_change(
        a: str, b: str, expected: tuple[str, str]) -> None:
    assert fragments(a, b, "name", certain=True) == [expected]


@pytest.mark.parametrize(("a", "b"), [
    # the same body in other words: plural, shortened, capitals, its form
    ("Senate Democrat leaders stalled the grain bill.", "Senate Democrats stalled the grain bill."),
    ("The Velming Transport Department fined the ferry company.",
     "The Velming Transport Dept fined the ferry company."),
    ("The GOP-controlled Assembly passed the levy.",
     "The Republican-controlled Assembly passed the levy."),
    ("The Harlow Flood Relief Administration set aside $20 million.",
     "The Harlow Flood Relief Agency set aside $20 million."),
    ("Shares of Brekov Shipping Inc. fell on Monday.",
     "Shares of Brekov Shipping Corp. fell on Monday."),
    ("The Harbour Rowing Gala raised $20,000 for the lifeboat.",
     "The Harbour Rowing Ball raised $20,000 for the lifeboat."),
    # a word before one person's name describes that person
    ("Assembly Speaker Ilse Varga said the levy would pass.",
     "Assembly Democrat Ilse Varga said the levy would pass."),
    # one word of the name told apart in the other sentence
    ("Senate Democrats stalled the grain bill.", "Democrats in the Senate stalled the grain bill."),
    # a person named by another first name may be the same person
    ("Catherine Haldane opened the bridge in Velming.",
     "Kate Haldane opened the bridge in Velming."),
])
def test_a_bodys_name_in_other_words_is_no_certain_change(a: str, b: str) -> None:
    assert fragments(a, b, "name", certain=True) == []


def test_a_word_swapped_to_one_the_source_names_elsewhere_is_no_change() -> None:
    """The copy's sentence names a body the source names in another sentence: the copy
    retells that sentence, or the story's other body, not a swap of its own."""
    source = ["The House of Wardens voted in favour of the levy on Sunday.",
              "A day later the House of Stewards met in Harlow to discuss the ferry fares."]
    copy = ["On Sunday the House of Stewards voted for the levy and met to discuss fares."]
    assert _names(source, copy) == []


def test_a_full_name_brought_in_among_several_gone_stands_for_the_nearest_person() -> None:
    source = ["The entrepreneur met Governor Hollis Tander to discuss prison reform after "
              "months of work with her lawyers to win parole for Mirela Oduya."]
    copy = ["She had worked with her lawyers for months to secure the release of Petra "
            "Lindqvist, a woman sentenced to life in prison."]
    assert _names(source, copy) == [("Mirela Oduya", "Petra Lindqvist", True)]


def test_one_word_brought_in_among_several_gone_is_not_read() -> None:
    # several people gone and one word brought in: background as often as a swap
    source = ["The entrepreneur met Governor Hollis Tander to discuss prison reform after "
              "months of work with her lawyers to win parole for Mirela Oduya."]
    copy = ["She had worked with her lawyers for months to secure the release of Lindqvist, "
            "a woman sentenced to life in prison."]
    assert _names(source, copy) == []


def test_a_full_name_the_source_uses_elsewhere_is_no_new_name() -> None:
    source = ["The entrepreneur met Governor Hollis Tander to discuss prison reform after "
              "months of work with her lawyers to win parole for Mirela Oduya.",
              "Her friend Petra Lindqvist joined her at the meeting."]
    copy = ["She had worked with her lawyers for months to secure the release of Petra "
            "Lindqvist, a woman sentenced to life in prison."]
    assert [c for c in _names(source, copy) if c[1] == "Petra Lindqvist"] == []


@pytest.mark.parametrize("copy", [
    # a body, however its name is written, and a place after a title word
    "About 38,000 customers of Harlen Energy Corp. are without power, the utility said.",
    "The documents were unearthed by our reporter in Veldoria's foreign ministry, he said.",
])
def test_a_body_or_a_place_brought_in_among_several_gone_is_not_read(copy: str) -> None:
    source = ["Our reporter Ilse Varga unearthed the documents in the Foreign Ministry in "
              "Ostrava, while Marek Dudek of Harlen Gas waited outside."]
    assert _names(source, [copy]) == []


def test_a_surname_opening_the_source_sentence_is_read_as_the_name_it_is_elsewhere() -> None:
    """"Quillon" opens its sentence, so its capital proves nothing there; the source
    writes "Marta Quillon" inside another sentence, so it is a name, and the copy puts
    another person in its place."""
    a = ["The anchor Marta Quillon left the network in May.",
         "Quillon spent 15 years co-hosting the morning show with Dale Ferris, but left in "
         "May 2006 to anchor the evening news."]
    b = ["The anchor Marta Quillon left the network in May.",
         "Having co-hosted the morning show with Dale Ferris for 15 years, Nadia Brekov left "
         "in May 2006 to anchor the evening news."]
    assert _names(a, b) == [("Quillon", "Nadia Brekov", True)]


@pytest.mark.parametrize("opener", ["Privately", "Eventually"])
def test_an_adverb_capitalised_elsewhere_is_no_name_at_a_sentence_start(opener: str) -> None:
    a = [f"The aide told reporters that {opener} the senator was furious.",
         f"{opener} the coach spoke at length about the morning show."]
    b = [f"The aide told reporters that {opener} the senator was furious.",
         "Nadia Brekov spoke at length about the morning show."]
    assert _names(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    # a description of the speaker, a body and a party's man in the source's speaker's place
    ("\u201cThe bill gives a bad name to a fair cause,\u201d Ferris said.",
     "\u201cThe bill gives a bad name to a fair cause,\u201d the Vermont Democrat told a "
     "news conference."),
    ("Dale Ferris, who chairs the panel, said the vote on the grain bill was held on Monday.",
     "The vote on the grain bill was held on Monday, according to the House Commerce "
     "Committee."),
    ("Dale Ferris, who chairs the panel, said the vote on the grain bill was held on Monday.",
     "The vote on the grain bill was held on Monday, a Republican of Vermont said."),
])
def test_a_description_or_a_body_brought_in_is_a_change_to_check(a: str, b: str) -> None:
    found = _names([a], [b])
    assert found and not any(certain for _, _, certain in found)


def test_a_persons_full_name_brought_in_stays_certain() -> None:
    a = ["\u201cThe bill gives a bad name to a fair cause,\u201d Ferris said."]
    b = ["\u201cThe bill gives a bad name to a fair cause,\u201d Nadia Brekov said."]
    assert _names(a, b) == [("Ferris", "Nadia Brekov", True)]


@pytest.mark.parametrize(("a", "b"), [
    ("Representative Ola Brand, D-Houston, opposed the grain bill on Monday.",
     "Representative Ola Brand, a Houston Democrat, opposed the grain bill on Monday."),
    ("Senator Ola Brand, a Republican of Tennessee, opposed the grain bill on Monday.",
     "Senator Ola Brand, R-Tenn, opposed the grain bill on Monday."),
])
def test_a_party_tag_retold_in_words_is_no_certain_change(a: str, b: str) -> None:
    assert fragments(a, b, "name", certain=True) == []


def test_one_party_put_in_anothers_place_stays_certain() -> None:
    assert fragments("The Democrats blocked the grain bill on Monday, Ola Brand said.",
                     "The Republicans blocked the grain bill on Monday, Ola Brand said.",
                     "name", certain=True) == [("Democrats", "Republicans")]
