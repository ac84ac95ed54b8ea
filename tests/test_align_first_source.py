"""Which source sentence a copy sentence retells first, when the copy opens like one source
sentence (the same person as subject, with title and name) and retells the next two: the
one announcing that person's "recent comments about" someone and the one with the quoted
word, whose figures the copy's next sentence retells (a split of it).

Fictional reports written for these tests; lexical signals only, so they stay fast.
"""

from __future__ import annotations

from launderlens.rewrites.align import align_sentences
from launderlens.rewrites.specific import SpecificContent, SpecificTerms

SOURCE = [
    "Environment agency director Lene Sorvik said on Tuesday that the agency would review "
    "the harbour's dredging permit.",
    "Sorvik has been attacked by shipping firms for her remarks about the dredging plan.",
    "She told a regional newspaper the plan was 'reckless' and that the sediment contained "
    "mercury at twice the legal limit.",
    "The shipping firms say the dredging is needed to keep the port open to larger vessels.",
    "The council's finance chair, Emil Rask, said the council would vote on the sale in "
    "November.",
    "Rask faced questions from opposition members about his recent statements on the "
    "buyer.",
    "He had said the buyer, a logistics group from Rotterdam, was 'the only serious bidder' "
    "and had offered 22 percent above the valuation.",
    "The opposition wants an independent valuation before the vote.",
]
COPY = [
    "Lene Sorvik, director of the environment agency, said on Tuesday that the agency would "
    "review the dredging permit.",
    "Environment agency director Lene Sorvik's remarks about the dredging plan, which she "
    "called \"reckless\", have angered shipping firms.",
    "She said the sediment held mercury at twice the legal limit.",
    "Shipping firms insist the dredging is needed to keep the port open to bigger ships.",
    "Emil Rask, the council's finance chair, said the vote on the sale would take place in "
    "November.",
    "Finance chair Emil Rask's recent statements on the buyer, which he described as \"the "
    "only serious bidder\", have been questioned by opposition members.",
    "The Rotterdam logistics group offered 22 percent above the valuation, he said.",
    "The opposition is demanding an independent valuation before the vote.",
]


def test_the_sentence_with_the_quoted_word_joins_the_remarks_it_is_split_from() -> None:
    alignment = align_sentences(SOURCE, COPY)
    # The quoted word's sentence is retold by two copy sentences: the quote in the first,
    # the figures and the mercury in the second; both keep it.
    assert alignment.sources_of(1) == (1, 2)
    assert alignment.sources_of(2) == (2,)
    assert alignment.sources_of(5) == (5, 6)
    assert alignment.sources_of(6) == (6,)


def test_a_source_that_shares_only_the_title_and_name_is_no_source() -> None:
    alignment = align_sentences(SOURCE, COPY)
    # The sentence before the remarks has the same person as subject and shares nothing but
    # "environment agency director Lene" / "finance chair Emil Rask" with the copy sentence.
    assert 0 not in alignment.sources_of(1)
    assert 4 not in alignment.sources_of(5)
    # Copy sentences that retell that sentence itself still link to it.
    assert alignment.sources_of(0) == (0,)
    assert alignment.sources_of(4) == (4,)


def test_the_opening_title_and_name_is_read_only_before_any_punctuation() -> None:
    source = ["Finland joined NATO in April.", "Finance chair Emil Rask met the press."]
    copy = ["The country, admitted to NATO only weeks ago, hosts the summit.",
            "Finance chair Emil Rask's statements drew questions."]
    content = SpecificContent(source, copy, frozenset({"nato", "finland", "emil", "rask"}))
    assert not content.introduces_only(0, 0)     # "The country, admitted to NATO"
    assert content.introduces_only(1, 1)
    assert content.terms_b[1].opening == {"financ", "chair", "emil", "rask"}


def test_a_clause_about_a_person_is_no_title_and_name() -> None:
    # "Audit findings have shown how Lind's ..." opens with a clause whose verb stands
    # between its first words and the name: no designation, so a source sentence sharing
    # "audit findings" with it shares more than the person it is about.
    source = ["Audit findings, including some by reporters who followed Lind for years, "
              "point to a pattern of favours."]
    copy = ["Audit findings have shown how Lind's aides steered public money to friends."]
    content = SpecificContent(source, copy, frozenset({"lind"}))
    assert content.terms_b[0].opening == frozenset()
    assert not content.introduces_only(0, 0)


def test_a_title_holding_of_and_for_still_opens_with_the_name() -> None:
    terms = SpecificTerms.read("Minister of State for the Interior Ana Lind said the border "
                               "would reopen.", frozenset({"state", "interior", "ana", "lind"}))
    assert terms.opening == {"minist", "state", "interi", "ana", "lind"}
