"""Links a reader would not make: merges and links carried by the story's repeated topic
vocabulary and by the subject's name, with no specific content of the source sentence in
the copy sentence (issue 13, the classes read on the field pair).

Fictional reports written for these tests; lexical signals only, so they stay fast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from launderlens.rewrites.align import align_sentences
from launderlens.rewrites.specific import NAME, SpecificContent

MISSION = [
    "Foreign Minister Ilse Rovan said on Thursday that Dalmark would send two minesweepers "
    "to the Serin Strait.",
    "The ships will leave the port of Hallen on 14 May with a crew of 90.",
    "Rovan met the Carvian ambassador on Friday to discuss the mission.",
    "After the meeting, she said Carvia would provide pilots who know the strait's waters.",
    "Veyra's embassy called the deployment a provocation.",
]
MISSION_COPY = [
    "Dalmark will send two minesweepers to the Serin Strait, Foreign Minister Ilse Rovan "
    "said on Thursday.",
    "The ships, with a crew of 90, sail from Hallen on 14 May.",
    "Rovan said after the meeting that Carvia would supply pilots familiar with the strait.",
    "Veyra's embassy denounced the deployment as a provocation.",
]


def test_the_name_a_source_sentence_opens_with_is_no_name_it_brings() -> None:
    content = SpecificContent(MISSION, MISSION_COPY,
                              frozenset({"rovan", "carvia", "carvian", "dalmark", "serin"}))
    # "Rovan met ..." is about Rovan: it gives "Rovan said after the meeting ..." nothing
    # that "she said" after the meeting leaves out.
    assert content.terms_a[2].subject == {"rovan"}
    assert content.new_names(2, 3, 2) == frozenset()
    assert content.beyond(2, 3, 2) == 0
    # A name a sentence does not open with still counts.
    assert content.new_names(3, 0, 2) == {"carvia"}


def test_a_sentence_sharing_the_subject_and_the_event_word_is_no_merge_member() -> None:
    alignment = align_sentences(MISSION, MISSION_COPY)
    assert alignment.sources_of(2) == (3,)
    assert 2 in alignment.dropped


CAPITALS = frozenset({"maszek", "dravik", "tervia", "velsk"})


def test_words_of_stance_are_no_specific_content() -> None:
    source = ["Reporters in Velsk suggested that officials close to Maszek may be profiting "
              "from arms contracts for personal gain.",
              "The army bought 40 tanks in May."]
    copy = ["Critics argue that Maszek's leadership has prioritised personal gain over the "
            "survival of his country.",
            "Officials close to Maszek may be profiting from arms contracts, reporters said."]
    content = SpecificContent(source, copy, CAPITALS)
    # "personal gain" is commentary's wording on any story: no fact shared, the name alone
    # ...
    assert content.shared_terms(0, 0) == {"maszek"}
    assert content.shared[0, 0] == NAME
    # ... while the retelling shares the profiteering and the contracts.
    assert {"profit", "contra"} <= content.shared_terms(0, 1)


def test_a_word_between_two_words_of_stance_is_part_of_their_phrase() -> None:
    source = ["Her coalition partners have not ruled out direct military involvement.",
              "Parliament approved military support worth 350 million crowns."]
    copy = ["Dravik is wary of direct military involvement.",
            "The military support approved by parliament is worth 350 million crowns."]
    content = SpecificContent(source, copy, CAPITALS)
    assert "milita" not in content.shared_terms(0, 0)
    # Next to one word of stance, "military" is a word of its own.
    assert "milita" in content.shared_terms(1, 1)


def test_a_word_of_stance_is_known_by_its_form_not_its_stem() -> None:
    # "committee" and "director" are no words of stance, though their stems are those of
    # "commitment" and "direct": "approved" between them stays a shared fact.
    source = ["The committee approved director pay rises in March.", "Rain fell."]
    copy = ["Pay rises for the director were approved by the committee in March.",
            "Fans see committee approved director pay as a scandal."]
    content = SpecificContent(source, copy, CAPITALS)
    assert "approv" in content.shared_terms(0, 1)


SUMMIT = [
    "Prime Minister Elin Dravik met President Aurel Maszek of Tervia in Karsk on Tuesday.",
    "Dravik has tried to balance her support for Tervia against the reluctance of voters to "
    "see soldiers sent abroad.",
    "Her coalition partners want a firmer commitment and have not ruled out direct military "
    "involvement if the front collapses.",
    "Maszek asked for 40 more air-defence batteries before the winter.",
    "Norvania has given Tervia aid worth 800 million euros since March.",
]
SUMMIT_COPY = [
    "Elin Dravik and Aurel Maszek met in Karsk on Tuesday.",
    "Dravik's line weighs her backing for Tervia against a wariness of direct military "
    "involvement, as voters are reluctant to see soldiers sent abroad.",
    "Maszek pressed for 40 more air-defence batteries before winter.",
    "Norvania has provided 800 million euros in aid to Tervia since March.",
]


def test_a_neighbour_sharing_only_a_phrase_of_stance_is_no_merge_member() -> None:
    alignment = align_sentences(SUMMIT, SUMMIT_COPY)
    # The copy's sentence retells the balance of sentence 1; sentence 2 shares with it only
    # "direct military involvement" (and "commitment" in other copies) and stays dropped.
    assert alignment.sources_of(1) == (1,)
    assert 2 in alignment.dropped


class LeanEncoder:
    """Each source sentence on its own axis; a copy sentence leans towards one source
    sentence's axis at the given cosine, the rest of it on an axis of its own."""

    name = "lean"

    def __init__(self, source: Sequence[str], lean: Mapping[str, tuple[int, float]]) -> None:
        self.axes = {text: k for k, text in enumerate(source)}
        self.lean = dict(lean)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 2 * len(self.axes) + len(self.lean)), dtype=np.float32)
        for row, text in enumerate(texts):
            if text in self.lean:
                axis, cosine = self.lean[text]
                out[row, axis] = cosine
                out[row, 2 * len(self.axes) + list(self.lean).index(text)] = \
                    float(np.sqrt(1 - cosine ** 2))
            else:
                out[row, self.axes[text]] = 1.0
        return out


PROBE = [
    "Parliament approved 350 million crowns of military aid for Oskova on Wednesday.",
    "An investigation into alleged corruption in the defence ministry's purchasing "
    "department, opened in March, is still under way.",
    "Defence Minister Petra Lind said all contracts for the new package would be published.",
    "The opposition Freedom Party said the money should go to hospitals.",
    "Oskova's ambassador thanked the lawmakers.",
]
PROBE_COPY = [
    "Lawmakers voted on Wednesday to send Oskova 350 million crowns in military aid.",
    "A probe into alleged corruption in the defence ministry's purchasing department, "
    "launched in March, has yet to conclude.",
    "The affair has cast a shadow over the government's record on alleged corruption.",
    "Defence Minister Petra Lind has pledged to publish every contract in the new package.",
    "The opposition Freedom Party wants the money spent on hospitals instead.",
    "Oskova's ambassador expressed gratitude to the lawmakers.",
]


def test_commentary_on_a_retold_sentence_that_shares_no_fact_with_it_is_added() -> None:
    """The embeddings put the copy's remark on "alleged corruption" closest to the sentence
    the copy has just retold, well clear of the rest; it shares no fact with it, and the
    retelling before it already tells most of that sentence: an echo, not a split."""
    lean = {PROBE_COPY[0]: (0, 0.8), PROBE_COPY[1]: (1, 0.7), PROBE_COPY[2]: (1, 0.5),
            PROBE_COPY[3]: (2, 0.8), PROBE_COPY[4]: (3, 0.8), PROBE_COPY[5]: (4, 0.8)}
    alignment = align_sentences(PROBE, PROBE_COPY, encoder=LeanEncoder(PROBE, lean))
    assert alignment.sources_of(1) == (1,)
    assert alignment.added == (2,)
