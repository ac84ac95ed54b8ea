"""Specific shared content (figures, dates, quoted and rare words), the evidence that tells a
retelling from a copy's own commentary on the same people, and the merges of adjacent source
sentences it lets the alignment see."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from launderlens.model import Article
from launderlens.rewrites.align import SPECIFIC_MIN
from launderlens.rewrites.compare import Comparer
from launderlens.rewrites.specific import (
    NAME,
    PHRASE,
    STRONG,
    SpecificContent,
    SpecificTerms,
    quoted_spans,
)

GOLD = Path(__file__).parent / "data" / "alignment"

SOURCE = [
    "The mayor of Dunmore, Clara Fenwick, opened the new tram line on Friday.",
    "Fenwick said the line cost 310 million euros, more than planned.",
    "In a radio interview in March, Fenwick called the transport authority \"sluggish\".",
    "Fenwick thanked the workers who built the line.",
    "The trams will run every six minutes.",
]
COPY = [
    "Fenwick's tenure has been marked by bitter disputes in Dunmore.",
    "The project came in at 310 million euros.",
    "Fenwick branded the authority \"sluggish\" on the radio in March.",
]
CAPITALISED = frozenset({"dunmore", "clara", "fenwick"})


def test_a_name_the_whole_story_repeats_is_no_specific_content() -> None:
    content = SpecificContent(SOURCE, COPY, CAPITALISED)
    # The commentary shares Dunmore and Fenwick with the lead, and nothing else.
    assert content.shared[0, 0] < SPECIFIC_MIN
    assert all(content.shared[i, 0] < SPECIFIC_MIN for i in range(len(SOURCE)))


def test_a_figure_a_month_and_a_quoted_word_are_strong_evidence() -> None:
    content = SpecificContent(SOURCE, COPY, CAPITALISED)
    assert content.shared[1, 1] >= STRONG        # "310"
    assert content.shared[2, 2] >= 2 * STRONG    # "March" and "sluggish"
    assert content.shared[1, 2] < SPECIFIC_MIN   # only Fenwick in common


def test_terms_read_names_figures_and_quotes_apart() -> None:
    terms = SpecificTerms.read(
        "In March, Fenwick called twelve trams \"sluggish\".", frozenset({"fenwick"}))
    assert terms.strong == {"march", "12", "sluggi"}   # month, number word (its value), quote
    assert terms.names == {"fenwic"}
    assert "tram" in terms.stems and "tram" not in terms.strong


@pytest.mark.parametrize(("text", "spans"), [
    ("She called him ‘reckless’ on the radio.", ["reckless"]),
    ("She called him 'reckless' on the radio.", ["reckless"]),
    ("He said it 'won't be improved under pressure'.", ["won't be improved under pressure"]),
    ("the \"fake news\" and the 'fake news'", ["fake news", "fake news"]),
    ("Zelensky's aides don't comment on the '90s or the ‘70s.", []),
    ("The miners' union met at his parents' house.", []),
    ("A rock 'n' roll festival ran over budget.", []),
])
def test_quoted_spans_read_every_quotation_mark_and_no_apostrophe(text: str,
                                                                  spans: list[str]) -> None:
    assert quoted_spans(text) == spans


def test_a_word_quoted_in_single_quotes_is_strong_evidence_against_double_quotes() -> None:
    source = ["In an interview she called the chairman ‘reckless’ and left.",
              "The talks resume on Friday."]
    copy = ["She branded the chairman \"reckless\" in an interview.",
            "Talks will go on."]
    content = SpecificContent(source, copy)
    assert "reckle" in content.terms_a[0].strong and "reckle" in content.terms_b[0].strong
    assert content.shared[0, 0] >= STRONG
    # An apostrophe is no quotation: the possessive's word stays an ordinary word.
    assert not SpecificTerms.read("The miners' union said 'no more'.").strong & {"miner"}


def test_figures_are_read_by_value() -> None:
    source = ["Ministers from 32 countries pledged 900,000 euros and 4.2 billion more."]
    copy = ["Thirty-two governments gave 900000 euros and another 4.2 billion."]
    terms_a, terms_b = SpecificTerms.read(source[0]), SpecificTerms.read(copy[0])
    assert {"32", "900000", "4d2"} <= terms_a.strong & terms_b.strong
    assert "000" not in terms_a.stems and "4" not in terms_a.stems
    # A fraction or an ordinal is no count: "a third" does not state the figure 3.
    assert "3" not in SpecificTerms.read("Flows start at a third of the volume.").stems


def test_a_collocation_of_topic_words_and_a_two_word_name_are_no_phrase() -> None:
    source = ["Lumeria approved military support for Oskova on Monday.",
              "Military support has grown since 2022.",
              "Critics say military support is too costly.",
              "Prime Minister Henrik Sallo defended the vote."]
    copy = ["Military support will continue, Lumeria said.",
            "Military support has outpaced any public debate.",
            "Military support is popular.",
            "Prime Minister Henrik Sallo spoke of his recent comments."]
    content = SpecificContent(source, copy, frozenset({"lumeria", "oskova", "minister",
                                                      "henrik", "sallo"}))
    # "military support" recurs in both articles ("support" is a word of stance): the
    # phrase counts nothing.
    assert ("milita", "~suppor") in content.terms_a[1].stance & content.terms_b[1].stance
    assert content.shared[1, 1] < PHRASE
    # "Prime Minister Henrik Sallo" is one name: its rare parts count as names, no phrase.
    assert content.shared[3, 3] == 4 * NAME


def test_a_name_part_the_first_source_states_brings_nothing_beyond_it() -> None:
    source = ["Mayor Tomas Ekdal did not attend the vote.",
              "Ekdal was criticised for his comments about Irene Paasi.",
              "The meeting was held in Vilnius."]
    copy = ["Tomas Ekdal's comments about Irene Paasi drew criticism at the Vilnius meeting."]
    content = SpecificContent(source, copy, frozenset({"tomas", "ekdal", "irene", "paasi",
                                                      "vilnius"}))
    assert content.beyond(0, 1, 0) == 0          # "Tomas" of "Tomas Ekdal"
    assert content.new_names(0, 1, 0) == frozenset()
    assert content.new_names(2, 1, 0) == {"vilniu"}


def test_beyond_counts_only_what_the_first_source_does_not_state() -> None:
    source = ["The board approved the merger on Monday.",
              "The company has lost money since 2019 because of fuel prices.",
              "The unions oppose the merger."]
    copy = ["The board, whose company has lost money since 2019 because of fuel prices, "
            "approved the merger on Monday."]
    content = SpecificContent(source, copy)
    assert content.beyond(1, 0, 0) >= STRONG      # the year (and fuel) only the second states
    assert content.beyond(0, 1, 0) < content.beyond(1, 0, 0)


def _pair(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    data = yaml.safe_load((GOLD / name).read_text(encoding="utf-8"))
    result = Comparer(semantic=False).compare(Article.create(data["origin"]),
                                              Article.create(data["copy"])).as_dict()
    return data, result


@pytest.mark.parametrize("name", ["pair_14_haldane_border.yaml", "pair_15_grell_port.yaml",
                                  "pair_17_korvo_miners.yaml", "pair_18_lumeria_aid.yaml",
                                  "pair_19_brisa_festival.yaml", "pair_22_karsk_summit.yaml",
                                  "pair_24_serin_strait.yaml"])
def test_merged_retellings_link_both_sources_and_commentary_is_added(name: str) -> None:
    data, result = _pair(name)
    links = {(i, j) for pair in result["pairs"] for i in pair["a"] for j in pair["b"]}
    for row in data["gold"]:
        if len(row.get("a", [])) == 2:   # a copy sentence retelling two adjacent sources
            assert {(i, row["b"]) for i in row["a"]} <= links, row
        if row["verdict"] == "added":    # commentary and inserted claims
            assert row["b"] in result["added"], row


@pytest.mark.parametrize("name", ["pair_17_korvo_miners.yaml", "pair_18_lumeria_aid.yaml",
                                  "pair_19_brisa_festival.yaml", "pair_22_karsk_summit.yaml",
                                  "pair_23_ostrel_bribes.yaml", "pair_24_serin_strait.yaml"])
def test_no_link_to_a_neighbour_naming_the_same_people_or_through_a_collocation(
        name: str) -> None:
    """The sentence before a merged pair names the same people and stays dropped; commentary
    that reuses the story's collocation or one common word is no retelling, nor is a
    neighbour that shares with a retelling only a phrase of stance ("direct military
    involvement") a second source of it."""
    data, result = _pair(name)
    links = {(i, j) for pair in result["pairs"] for i in pair["a"] for j in pair["b"]}
    gold = {(i, row["b"]) for row in data["gold"] for i in row.get("a", []) + row.get("ok", [])}
    assert links <= gold, sorted(links - gold)


def test_two_words_the_stem_joins_that_part_right_after_it_are_no_shared_word() -> None:
    # "continued" and "continent" share their first six letters, the stem; "advocated" and
    # "advocating" go on alike, and "govern" ends where its stem does.
    content = SpecificContent(
        ["The envoy sought continued funding and advocated a truce in the land the rebels "
         "governed.",
         "Filler about the harbour.", "More filler about the weather."],
        ["He called the continent's factories slow and kept advocating a truce to govern "
         "the border.", "Other filler on trains.", "Another filler on ferries."])
    assert content.shared_terms(0, 0) == {"advoca", "truce", "govern"}
