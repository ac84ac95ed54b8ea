"""Verdicts on copy sentences and the copy's manipulation score, on hand-made alignments.

The sentences are fictional; the alignments are built by hand so that each test reads one
rule of ``rewrites.verdicts`` and nothing of the aligner.
"""

from __future__ import annotations

import dataclasses

from launderlens.rewrites.align import AlignedPair, SentenceAlignment
from launderlens.rewrites.changes import Change
from launderlens.rewrites.verdicts import (
    MANIPULATION_FEATURES,
    SentenceVerdict,
    Verdict,
    copy_manipulation,
    manipulation_features,
    sentence_verdicts,
)

SOURCE = ["The river Alder rose by two metres in the town of Merrin on Sunday.",
          "About 300 residents left their homes, the fire service said."]
COPY = ["The Alder rose two metres at Merrin on Sunday, mayor Ida Lorne said.",
        "Some 300 people had to leave their homes, the fire service said.",
        "Critics say the flood defences were never finished."]


def _alignment() -> SentenceAlignment:
    pairs = (AlignedPair((0,), (0,), "paraphrased", 0.95, 0.7),
             AlignedPair((1,), (1,), "paraphrased", 0.9, 0.7))
    return SentenceAlignment(pairs, added=(2,), dropped=(), method="lexical",
                             best=((0, 0.95), (1, 0.9), (1, 0.05)))


def test_a_retold_sentence_keeps_the_names_it_brings_in_as_evidence() -> None:
    facts = [("ida", "lorne"), (), ()]
    verdicts = sentence_verdicts(_alignment(), SOURCE, COPY, [], new_facts=facts,
                                 check_worthy=[False, False, True])
    assert [v.verdict for v in verdicts] == ["supported", "supported", "added"]
    assert verdicts[0].new_facts == ("ida", "lorne")
    assert "ida, lorne" in verdicts[0].reason
    assert verdicts[1].new_facts == () and "never" not in verdicts[1].reason
    features = dict(zip(MANIPULATION_FEATURES, manipulation_features(verdicts), strict=True))
    assert features["retold_new_facts"] > 0
    assert features["added"] > 0 and features["added_claim"] > 0


def _verdict(j: int, verdict: Verdict = "supported", *, check_worthy: bool | None = None,
             changes: tuple[Change, ...] = ()) -> SentenceVerdict:
    return SentenceVerdict(j, verdict, () if verdict == "added" else (j,), 0.9, True, "test",
                           changes, check_worthy=check_worthy)


def test_an_added_claim_weighs_more_than_added_colour_and_both_more_than_none() -> None:
    faithful = [_verdict(0), _verdict(1)]
    colour = [*faithful, _verdict(2, "added", check_worthy=False)]
    claim = [*faithful, _verdict(2, "added", check_worthy=True)]
    scores = [copy_manipulation(v).score for v in (faithful, colour, claim)]
    assert scores[0] < scores[1] < scores[2]
    # A claim that brings in names or figures of its own is where the score is driven from
    # (whether a bare claim weighs enough to drive it is the fitted weights' business).
    named = [*faithful, dataclasses.replace(claim[2], new_facts=("ida", "lorne"))]
    assert copy_manipulation(named).score > scores[2]
    assert copy_manipulation(named).drivers == (2,)


def test_a_sure_changed_date_raises_the_score_and_drives_it() -> None:
    change = Change(1, 1, "date", "2019", "2021", True)
    changed = [_verdict(0), _verdict(1, "changed", changes=(change,))]
    assert copy_manipulation(changed).score > copy_manipulation([_verdict(0), _verdict(1)]).score
    assert copy_manipulation(changed).drivers == (1,)


def test_a_faithful_translation_states_no_new_facts() -> None:
    from launderlens.model import Article
    from launderlens.rewrites.compare import Comparer

    source = Article.create(
        "Министр иностранных дел России Сергей Лавров прибыл в Анкару 4 сентября. "
        "Он проведёт переговоры с турецким коллегой. Встреча продлится два дня.",
        language="ru")
    copy = Article.create(
        "Russian Foreign Minister Sergei Lavrov arrived in Ankara on 4 September. "
        "He will hold talks with his Turkish counterpart. The meeting will last two days.",
        language="en")
    result = Comparer(semantic=False).compare(source, copy)
    # Names are compared as written, so across scripts none may read as new.
    assert all(not v.new_facts for v in result.verdicts)
    assert not any("never does" in v.reason for v in result.verdicts)
