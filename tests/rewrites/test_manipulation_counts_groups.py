"""Counts told roughly in words, groups told without the word that limits them, and things
called sources (rewrites/quantities.py, rewrites/omissions.py; issue 13's manipulation
score). All sentences are invented."""

from __future__ import annotations

import math

import pytest

from launderlens.rewrites.changes import pair_changes
from launderlens.rewrites.compare import Comparer, Comparison
from launderlens.rewrites.omissions import _hearsay
from launderlens.rewrites.quantities import read_figures

_PLAIN = "The ferry company added extra sailings on Sunday."


def _compare(copy: str, origin: str) -> Comparison:
    return Comparer(semantic=False).compare_texts(origin, copy)


def _first(copy: str, source: str) -> frozenset[str]:
    """The readings of the copy's first sentence, each text followed by a plain one."""
    return _compare(f"{copy}\n\n{_PLAIN}", f"{source}\n\n{_PLAIN}").evidence.sentences[0]


@pytest.mark.parametrize(("text", "value", "span"), [
    ("About three dozen cabins were damaged.", 36.0, (30.6, 41.4)),
    ("A few hundred fans waited outside.", 300.0, (200.0, 600.0)),
    ("Several thousand seats were sold.", 5000.0, (3000.0, 9000.0)),
    ("Nearly a thousand people signed.", 1000.0, (850.0, 1150.0)),
    ("More than a dozen boats sank.", 12.0, (10.2, math.inf)),
    ("Fewer than a dozen boats sank.", 12.0, (0.0, 13.8)),
    ("Half a dozen boats sank.", 6.0, (5.1, 6.9)),
    ("Three quarters of a million people signed.", 750000.0, (637500.0, 862500.0)),
    ("More than half a million people signed.", 500000.0, (425000.0, math.inf)),
    ("It holds 37 cabins.", 37.0, None),
])
def test_a_rough_count_in_words_reads_its_value_and_what_it_may_stand_for(
        text: str, value: float, span: tuple[float, float] | None) -> None:
    figure, = read_figures(text)
    assert figure.value == pytest.approx(value)
    assert figure.span == (None if span is None else pytest.approx(span))


@pytest.mark.parametrize(("source", "copy"), [
    ("The gale damaged 37 cabins at the campsite.",
     "The gale damaged about three dozen cabins at the campsite."),
    ("The gale damaged 320 cabins at the campsite.",
     "The gale damaged a few hundred cabins at the campsite."),
    ("The gale damaged 960 cabins at the campsite.",
     "The gale damaged nearly a thousand cabins at the campsite."),
])
def test_a_rough_count_that_may_stand_for_the_figure_is_blurred_not_changed(
        source: str, copy: str) -> None:
    assert [c for c in pair_changes(source, copy) if c.kind == "number"] == []
    assert "blurred" in _first(copy, source)


@pytest.mark.parametrize(("source", "copy"), [
    ("The gale damaged 12 cabins at the campsite.",
     "The gale damaged a dozen cabins at the campsite."),
    ("The gale damaged 24 cabins at the campsite.",
     "The gale damaged two dozen cabins at the campsite."),
    ("The gale damaged 1,000 cabins at the campsite.",
     "The gale damaged a thousand cabins at the campsite."),
    ("The gale damaged six cabins at the campsite.",
     "The gale damaged half a dozen cabins at the campsite."),
    ("The gale damaged 500,000 cabins at the campsite.",
     "The gale damaged half a million cabins at the campsite."),
    ("The gale damaged 250,000 cabins at the campsite.",
     "The gale damaged a quarter of a million cabins at the campsite."),
])
def test_a_count_that_words_name_exactly_is_neither_blurred_nor_changed(
        source: str, copy: str) -> None:
    assert [c for c in pair_changes(source, copy) if c.kind == "number"] == []
    assert "blurred" not in _first(copy, source)


@pytest.mark.parametrize(("source", "copy"), [
    ("The storm cut power to 1.2 million homes in the region.",
     "The storm cut power to more than a million homes in the region."),
    ("The storm cut power to 1,400 homes in the region.",
     "The storm cut power to over a thousand homes in the region."),
    ("The storm cut power to 15 homes in the region.",
     "The storm cut power to more than a dozen homes in the region."),
    ("The storm cut power to 8 homes in the region.",
     "The storm cut power to fewer than a dozen homes in the region."),
    ("The storm cut power to 600 homes in the region.",
     "The storm cut power to up to a thousand homes in the region."),
])
def test_a_rough_count_given_as_a_floor_or_a_ceiling_is_no_number_change(
        source: str, copy: str) -> None:
    assert [c for c in pair_changes(source, copy) if c.kind == "number"] == []


@pytest.mark.parametrize(("source", "copy"), [
    ("The gale damaged 80 cabins at the campsite.",
     "The gale damaged about three dozen cabins at the campsite."),
    ("The gale damaged 95 cabins at the campsite.",
     "The gale damaged nearly a thousand cabins at the campsite."),
    # a floor the figure lies below, a ceiling it lies above
    ("The gale damaged 12 cabins at the campsite.",
     "The gale damaged more than a thousand cabins at the campsite."),
    ("The gale damaged 30 cabins at the campsite.",
     "The gale damaged fewer than a dozen cabins at the campsite."),
])
def test_a_rough_count_that_cannot_stand_for_the_figure_is_a_number_change(
        source: str, copy: str) -> None:
    assert [c.kind for c in pair_changes(source, copy) if c.certain] == ["number"]


def test_a_count_in_words_told_as_a_vague_quantity_of_the_same_things_is_blurred() -> None:
    source = "Five climbers are still stranded on the ridge."
    assert "blurred" in _first("A number of climbers are still stranded on the ridge.", source)
    assert "blurred" not in _first("Five climbers are still stranded on the ridge.", source)
    # a vague word about something else blurs no count
    assert "blurred" not in _first(
        "Five climbers, some of them injured, are still stranded on the ridge.", source)


@pytest.mark.parametrize("copy", [
    "Shop owners said the new parking fees would drive customers away.",
    "Many shop owners said the new parking fees would drive customers away.",
    "Most shop owners have argued the new parking fees would drive customers away.",
])
def test_a_group_told_without_the_word_that_limits_it_is_widened(copy: str) -> None:
    source = "Some shop owners said the new parking fees would drive customers away."
    assert "widened" in _first(copy, source)
    source = "Some of the town's shop owners said the new parking fees would drive customers away."
    assert "widened" in _first(copy, source)


@pytest.mark.parametrize(("source", "copy"), [
    ("Some shop owners said the new parking fees would drive customers away.",
     "Several shop owners said the new parking fees would drive customers away."),
    ("A few shop owners said the new parking fees would drive customers away.",
     "Three shop owners said the new parking fees would drive customers away."),
    # a group only counted or acted on, not voicing a view: rewordings drop "some" freely
    ("Some shop owners were given parking permits.",
     "Shop owners were given parking permits."),
    ("Some shop owners said the new parking fees would drive customers away.",
     "Some of the town's shop owners said the new parking fees would drive customers away."),
    ("Some shop owners said the new parking fees would drive customers away.",
     "Other shop owners said the new parking fees would drive customers away."),
    ("Some shop owners said the new parking fees would drive customers away.",
     "Not all shop owners said the new parking fees would drive customers away."),
    # the source gives the whole group's view itself
    ("Some shop owners backed the new parking fees, but most shop owners said they would "
     "drive customers away.",
     "Most shop owners said the new parking fees would drive customers away, though some "
     "backed them."),
    # a view voiced by another group: the limited one is not named voicing it
    ("Some shop owners said the new parking fees would drive customers away.",
     "Councillors said the new parking fees would drive away the shop owners' customers."),
])
def test_a_group_still_limited_or_voicing_nothing_is_not_widened(source: str,
                                                                  copy: str) -> None:
    assert "widened" not in _first(copy, source)


@pytest.mark.parametrize("text", [
    "The island now draws most of its power from renewable energy sources.",
    "Villages without water sources were supplied by tanker.",
])
def test_sources_that_are_things_are_no_hearsay(text: str) -> None:
    assert not _hearsay(text)


def test_sources_that_tell_are_still_hearsay() -> None:
    assert _hearsay("Sources at the port said the ferry had been late all week.")
    assert _hearsay("Energy prices will rise, sources said.")
    assert _hearsay("Two different sources told the paper the ferry had been late.")
    assert _hearsay("Multiple sources told the paper the ferry had been late.")
