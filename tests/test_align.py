"""Sentence alignment on small hand-written articles: copies, paraphrases, merges and
splits pair up; added, dropped and moved sentences are found; empty inputs are handled.

The sentences are fictional reports written for these tests. The lexical signals are used
throughout so the tests stay fast; an in-memory encoder stands in for MiniLM where the
encoder path matters, and the evaluation gates check the real one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pytest

from launderlens.rewrites.align import PARAPHRASE, AlignedPair, align_sentences

COUNCIL = [
    "The city council of Bergen approved a new budget for public libraries on Tuesday.",
    "The plan adds 4 million kroner for longer opening hours in six branches.",
    "Mayor Ingrid Dahl said the money would come from a delayed parking project.",
    "Opposition members voted against the proposal, calling it rushed.",
    "The libraries will start the new hours in September.",
]


def _links(pairs: Sequence[AlignedPair]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(pair.a, pair.b) for pair in pairs]


class TableEncoder:
    """Unit vectors looked up by sentence: sentences given the same slot have cosine 1,
    all others cosine 0."""

    name = "table"

    def __init__(self, slots: Mapping[str, int]) -> None:
        self.slots = slots

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), max(self.slots.values()) + 1), dtype=np.float32)
        for row, text in enumerate(texts):
            vectors[row, self.slots[text]] = 1.0
        return vectors


def test_a_verbatim_copy_pairs_every_sentence_as_copied() -> None:
    alignment = align_sentences(COUNCIL, list(COUNCIL))
    assert _links(alignment.pairs) == [((k,), (k,)) for k in range(len(COUNCIL))]
    assert {pair.relation for pair in alignment.pairs} == {"copied"}
    assert all(pair.score == 1.0 for pair in alignment.pairs)
    assert alignment.added == alignment.dropped == ()
    assert alignment.added_share == 0.0
    assert alignment.method == "lexical"


def test_paraphrased_sentences_pair_in_order_as_paraphrased() -> None:
    copy = ["On Tuesday, Bergen's city councillors backed a fresh budget for the public "
            "libraries.",
            "Under the plan, six library branches get 4 million kroner to stay open longer."]
    alignment = align_sentences(COUNCIL[:2], copy)
    assert _links(alignment.pairs) == [((0,), (0,)), ((1,), (1,))]
    assert [pair.relation for pair in alignment.pairs] == ["paraphrased", "paraphrased"]
    assert all(PARAPHRASE["lexical"] <= pair.score < 1.0 for pair in alignment.pairs)
    assert alignment.added == alignment.dropped == ()


def test_two_sentences_merged_into_one_form_one_group() -> None:
    copy = ["Six branches will open longer thanks to 4 million kroner that Mayor Ingrid Dahl "
            "plans to take from a postponed parking project."]
    alignment = align_sentences(COUNCIL[1:3], copy)
    assert _links(alignment.pairs) == [((0, 1), (0,))]
    assert alignment.pairs[0].relation == "paraphrased"
    assert alignment.added == alignment.dropped == ()


def test_one_sentence_split_into_two_forms_one_group() -> None:
    source = ["Six branches will open longer thanks to 4 million kroner that Mayor Ingrid "
              "Dahl plans to take from a postponed parking project."]
    alignment = align_sentences(source, COUNCIL[1:3])
    assert _links(alignment.pairs) == [((0,), (0, 1))]
    assert alignment.added == alignment.dropped == ()


def test_a_merge_next_to_a_partial_restatement() -> None:
    source = ["A fire destroyed a warehouse in the port of Gdansk overnight.",
              "Firefighters needed five hours to bring the blaze under control.",
              "Nobody was injured, police said."]
    copy = ["A warehouse in Gdansk's port burned down during the night, and it took "
            "firefighters five hours to control the flames.",
            "Police said no one was hurt."]
    alignment = align_sentences(source, copy)
    assert _links(alignment.pairs) == [((0, 1), (0,)), ((2,), (1,))]
    assert alignment.pairs[0].relation == "paraphrased"
    # "hurt" for "injured" shares no word: the pair holds, but only partly explained.
    assert alignment.pairs[1].relation == "partial"


def test_an_invented_sentence_is_added() -> None:
    invented = ("Critics warned that the libraries had been quietly selling rare manuscripts "
                "to private collectors.")
    copy = [COUNCIL[0], COUNCIL[1], invented, COUNCIL[2]]
    alignment = align_sentences(COUNCIL[:3], copy)
    assert alignment.added == (2,)
    assert _links(alignment.pairs) == [((0,), (0,)), ((1,), (1,)), ((2,), (3,))]
    assert alignment.dropped == ()
    assert alignment.added_share == pytest.approx(0.25)


def test_a_left_out_sentence_is_dropped() -> None:
    copy = [COUNCIL[0], COUNCIL[1], COUNCIL[2], COUNCIL[4]]
    alignment = align_sentences(COUNCIL, copy)
    assert alignment.dropped == (3,)
    assert _links(alignment.pairs) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((4,), (3,))]
    assert alignment.added == ()


@pytest.mark.parametrize("order", [(0, 2, 1, 3, 4), (1, 2, 3, 4, 0), (3, 0, 1, 2, 4)],
                         ids=["swap", "first-to-last", "fourth-to-first"])
def test_reordered_sentences_pair_with_their_originals(order: tuple[int, ...]) -> None:
    alignment = align_sentences(COUNCIL, [COUNCIL[i] for i in order])
    # Pairs come in the order of the copy, each with the sentence it was moved from.
    assert _links(alignment.pairs) == [((i,), (j,)) for j, i in enumerate(order)]
    assert {pair.relation for pair in alignment.pairs} == {"copied"}
    assert alignment.added == alignment.dropped == ()


def test_a_sentence_moved_next_to_a_similar_one_pairs_with_its_original() -> None:
    order = (4, 0, 1, 2, 3)
    alignment = align_sentences(COUNCIL, [COUNCIL[i] for i in order])
    assert _links(alignment.pairs) == [((i,), (j,)) for j, i in enumerate(order)]
    assert alignment.dropped == ()


def test_empty_inputs() -> None:
    only_copy = align_sentences([], COUNCIL[:2])
    assert only_copy.pairs == () and only_copy.added == (0, 1) and only_copy.dropped == ()
    assert only_copy.added_share == 1.0
    only_source = align_sentences(COUNCIL[:2], [])
    assert only_source.pairs == () and only_source.added == () and only_source.dropped == (0, 1)
    assert only_source.added_share == 0.0
    neither = align_sentences([], [])
    assert (neither.pairs, neither.added, neither.dropped) == ((), (), ())
    assert neither.added_share == 0.0


REOPENED = "The bridge reopened to traffic on Monday."
REPAIRED = "Engineers had repaired the cracked pillars over three months."
CROSSING_SINCE_MONDAY = "Cars are again crossing the span since Monday."


def test_an_encoder_pairs_a_rewording_the_words_alone_miss() -> None:
    # Alone, the words share only the weekday. (Between two verbatim neighbours the order
    # of the story is evidence too, and the lexical alignment pairs them as below.)
    lexical = align_sentences([REOPENED], [CROSSING_SINCE_MONDAY])
    assert lexical.added == (0,) and lexical.dropped == (0,)
    source, copy = [REOPENED, REPAIRED], [CROSSING_SINCE_MONDAY, REPAIRED]
    encoder = TableEncoder({REOPENED: 0, CROSSING_SINCE_MONDAY: 0, REPAIRED: 1})
    semantic = align_sentences(source, copy, encoder=encoder)
    assert _links(semantic.pairs) == [((0,), (0,)), ((1,), (1,))]
    assert semantic.added == semantic.dropped == ()
    assert semantic.method == "lexical+table"


def test_an_encoder_pairs_a_rewording_that_shares_no_word() -> None:
    crossing = "Cars are again crossing the span."
    encoder = TableEncoder({REOPENED: 0, crossing: 0, REPAIRED: 1})
    alignment = align_sentences([REOPENED, REPAIRED], [crossing, REPAIRED], encoder=encoder)
    assert alignment.added == ()


# A story retold in order; its third sentence reworded past every shared word.
HARBOUR = [
    "The harbour authority of Tessel closed the northern pier on Monday after a crane fell.",
    "Two dock workers were taken to hospital with minor injuries.",
    "Cargo ships were sent to the southern terminal until further notice.",
    "Engineers from the authority will inspect the remaining cranes this week.",
]
HARBOUR_RETOLD = [
    "Tessel's harbour authority shut the northern pier on Monday when a crane collapsed.",
    "Two dock workers suffered minor injuries and were taken to hospital.",
    "Freighters are being diverted to the other side of the port for the time being.",
    "This week engineers of the authority are to inspect the remaining cranes.",
]


def test_a_reworded_sentence_between_two_sure_links_fills_the_gap() -> None:
    third = HARBOUR[2]
    slots = {t: k for k, t in enumerate(HARBOUR)} | {HARBOUR_RETOLD[2]: 2}
    # The encoder places each retold sentence close to, not on, its source: only the third
    # pair has a margin and nothing else, no shared word.
    encoder = _NearEncoder(slots, {HARBOUR_RETOLD[k]: k for k in (0, 1, 3)}, third)
    alignment = align_sentences(HARBOUR, HARBOUR_RETOLD, encoder=encoder)
    assert _links(alignment.pairs) == [((k,), (k,)) for k in range(4)]
    assert alignment.added == alignment.dropped == ()


def test_an_inserted_sentence_in_the_place_of_a_dropped_one_stays_added() -> None:
    inserted = "Critics say the port has been neglected by the government for years."
    copy = [*HARBOUR_RETOLD[:2], inserted, HARBOUR_RETOLD[3]]
    slots = {t: k for k, t in enumerate(HARBOUR)} | {inserted: 4}
    encoder = _NearEncoder(slots, {HARBOUR_RETOLD[k]: k for k in (0, 1, 3)}, None)
    for alignment in (align_sentences(HARBOUR, copy),
                      align_sentences(HARBOUR, copy, encoder=encoder)):
        assert alignment.added == (2,) and alignment.dropped == (2,)


def test_a_sentence_retold_better_elsewhere_is_no_second_source() -> None:
    # The copy's third sentence names the bridge and the river of the first again; the
    # first is retold, better, by the copy's first sentence: it is no second source.
    source = ["Mayor Ana Ruiz of Velden opened a new bridge over the Ems river on Friday.",
              "The bridge cost 14 million euros and took three years to build, the town said.",
              "Ana Ruiz thanked the engineers and the workers of the Velden building company.",
              "Traffic on the old ferry route is expected to fall by half."]
    copy = ["Velden's new bridge over the Ems river was opened on Friday by Mayor Ana Ruiz.",
            "It cost 14 million euros and took three years to build, the town said.",
            "Ruiz thanked the engineers and the Velden workers who built the bridge over the "
            "Ems.",
            "Half as many cars are expected to use the old ferry route."]
    alignment = align_sentences(source, copy)
    assert _links(alignment.pairs) == [((k,), (k,)) for k in range(4)]


class _NearEncoder:
    """Each text on its own axis, with a retold text leaning towards its source's axis
    (cosine 0.6) and ``gap`` (a source sentence) given a partner at cosine 0.55."""

    name = "near"

    def __init__(self, slots: Mapping[str, int], retold: Mapping[str, int],
                 gap: str | None) -> None:
        self.slots, self.retold, self.gap = dict(slots), dict(retold), gap

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        width = 16
        out = np.zeros((len(texts), width), dtype=np.float32)
        for row, text in enumerate(texts):
            if text in self.retold:
                out[row, self.retold[text]] = 0.6
                out[row, 8 + self.retold[text]] = 0.8
            elif self.gap is not None and text not in HARBOUR and self.slots.get(text) == \
                    self.slots[self.gap]:
                out[row, self.slots[self.gap]] = 0.55
                out[row, 12] = float(np.sqrt(1 - 0.55 ** 2))
            else:
                out[row, self.slots[text]] = 1.0
        return out


def test_a_mutual_best_match_well_clear_of_the_rest_is_linked_out_of_order() -> None:
    # "Washington ... an envoy from its local embassy" shares one word and one place with
    # its source; moved to the end, no order supports it, but each is the other's best
    # match by far.
    source = ["The regional parliament of Tavira approved the new water law on Wednesday.",
              "The United States was represented by a junior diplomat from its embassy.",
              "Farmers will pay a higher fee for irrigation from next spring.",
              "The law was drafted after three dry summers in a row."]
    copy = ["From next spring, farmers face a higher charge for irrigation.",
            "Tavira's regional parliament passed the new water law on Wednesday.",
            "Three dry summers in a row led to the law.",
            "Washington sent nobody more senior than an envoy from its local embassy."]
    alignment = align_sentences(source, copy)
    assert sorted(_links(alignment.pairs)) == [((0,), (1,)), ((1,), (3,)), ((2,), (0,)),
                                               ((3,), (2,))]
    assert alignment.added == alignment.dropped == ()
