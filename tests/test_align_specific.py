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
from launderlens.rewrites.specific import STRONG, SpecificContent, SpecificTerms

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
    assert terms.strong == {"march", "twelve", "sluggi"}   # month, number word, quoted word
    assert terms.names == {"fenwic"}
    assert "tram" in terms.stems and "tram" not in terms.strong


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


@pytest.mark.parametrize("name", ["pair_14_haldane_border.yaml", "pair_15_grell_port.yaml"])
def test_merged_retellings_link_both_sources_and_commentary_is_added(name: str) -> None:
    data, result = _pair(name)
    links = {(i, j) for pair in result["pairs"] for i in pair["a"] for j in pair["b"]}
    for row in data["gold"]:
        if len(row.get("a", [])) == 2:   # a copy sentence retelling two adjacent sources
            assert {(i, row["b"]) for i in row["a"]} <= links, row
        if row["verdict"] == "added":    # commentary and inserted claims
            assert row["b"] in result["added"], row
