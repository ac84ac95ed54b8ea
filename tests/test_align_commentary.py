"""Links a reader would not make: merges and links carried by the story's repeated topic
vocabulary and by the subject's name, with no specific content of the source sentence in
the copy sentence (issue 13, the classes read on the field pair).

Fictional reports written for these tests; lexical signals only, so they stay fast.
"""

from __future__ import annotations

from launderlens.rewrites.align import align_sentences
from launderlens.rewrites.specific import SpecificContent

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
