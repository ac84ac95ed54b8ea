"""Verdicts on copy sentences and the copy's manipulation score, on hand-made alignments.

The sentences are fictional; the alignments are built by hand so that each test reads one
rule of ``rewrites.verdicts`` and nothing of the aligner.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from launderlens.rewrites.align import AlignedPair, SentenceAlignment
from launderlens.rewrites.changes import Change
from launderlens.rewrites.omissions import CopyEvidence
from launderlens.rewrites.verdicts import (
    BOUNDED_PER_SENTENCE,
    MANIPULATION_BIAS,
    MANIPULATION_FEATURES,
    MANIPULATION_WEIGHTS,
    READING_ALONE,
    WEAK_READINGS,
    SentenceVerdict,
    Verdict,
    copy_manipulation,
    manipulation_features,
    manipulation_logit,
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


def test_a_sure_change_is_shown_before_a_weak_reading_the_score_bounds() -> None:
    # "widened" weighs more than some sure change in the fit, but the score caps a weak
    # reading below that change's weight; the sentences shown as driving the score must
    # follow the score.
    cap = float(np.log(READING_ALONE / (1 - READING_ALONE))) - MANIPULATION_BIAS
    kinds = [k for k in ("number", "date", "name", "negation", "attribution")
             if cap < MANIPULATION_WEIGHTS[f"changed_{k}"] < MANIPULATION_WEIGHTS["widened"]]
    assert kinds, "no sure change weighs between the cap and widened"
    change = Change(2, 2, kinds[0], "Ida Lorne", "Ada Lorne", True)
    verdicts = [_verdict(0), _verdict(1), _verdict(2, "changed", changes=(change,))]
    widened = _readings(frozenset(), frozenset({"widened"}), frozenset())
    assert copy_manipulation(verdicts, widened).drivers[0] == 2


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


def _readings(*tags: frozenset[str]) -> CopyEvidence:
    return CopyEvidence(sentences=tags)


def test_one_weak_reading_in_one_sentence_leaves_a_copy_below_even_odds() -> None:
    faithful = [_verdict(j) for j in range(4)]
    for reading in ("blurred", "vague_sourced", "new_time", "new_context", "firmed", "widened"):
        once = _readings(frozenset({reading}), frozenset(), frozenset(), frozenset())
        assert copy_manipulation(faithful, once).score <= READING_ALONE, reading
        # Still evidence: it ranks the copy above one with no reading at all.
        assert copy_manipulation(faithful, once).score > copy_manipulation(faithful).score


def test_a_weak_reading_in_several_sentences_is_bounded_per_sentence() -> None:
    faithful = [_verdict(j) for j in range(4)]
    for reading in ("blurred", "vague_sourced", "new_time", "new_context", "firmed", "widened"):
        assert reading in BOUNDED_PER_SENTENCE
        once = _readings(frozenset({reading}), frozenset(), frozenset(), frozenset())
        twice = _readings(frozenset({reading}), frozenset({reading}), frozenset(), frozenset())
        gain = (copy_manipulation(faithful, twice).score
                - copy_manipulation(faithful, once).score)
        assert gain > 0.05, reading
    # A retelling that spells out names brings in new names in many sentences at once.
    assert "retold_new_facts" not in BOUNDED_PER_SENTENCE
    spelled = [dataclasses.replace(v, new_facts=("ida",)) for v in faithful]
    assert copy_manipulation(spelled).score <= READING_ALONE
    lost = CopyEvidence(sentences=(frozenset(),) * 4, lost_figures=(0, 1, 2, 3),
                        lost_qualifiers=(0, 1))
    assert copy_manipulation(faithful, lost).score < 0.5


def test_a_weak_reading_with_other_evidence_passes_even_odds() -> None:
    faithful = [_verdict(j) for j in range(4)]
    widened = _readings(frozenset({"widened"}), frozenset(), frozenset(), frozenset())
    both = _readings(frozenset({"widened"}), frozenset({"firmed"}), frozenset(), frozenset())
    assert copy_manipulation(faithful, both).score > 0.5
    claim = dataclasses.replace(_verdict(3, "added", check_worthy=True), new_facts=("dral",))
    assert copy_manipulation([*faithful[:3], claim], widened).score > 0.5
    # A stronger reading still ranks higher: the bound is smooth, not a clip.
    blurred = _readings(frozenset({"blurred"}), frozenset(), frozenset(), frozenset())
    assert copy_manipulation(faithful, widened).score > copy_manipulation(faithful, blurred).score


def test_the_logit_bounds_weak_readings_only() -> None:
    features = [0.0] * len(MANIPULATION_FEATURES)
    date = MANIPULATION_FEATURES.index("changed_date")
    features[date] = 1.0
    # A sure change is a finding with both spans, not a weak reading: it is not bounded.
    assert "changed_date" not in WEAK_READINGS
    assert manipulation_logit(features) == pytest.approx(
        MANIPULATION_BIAS + MANIPULATION_WEIGHTS["changed_date"])


POOL_ORIGIN = ("The town of Kessel will open its public pools for free on weekday mornings in "
               "three of its nine neighbourhoods this summer, the council said on Monday. "
               "The council set aside 40,000 euros for the extra lifeguards the mornings need. "
               "Deputy mayor Anke Roos said the pools had been empty before noon for years. "
               "Attendance will be counted each week and reported to the council in October.")
POOL_COPY = ("On Monday the Kessel council said the town's public pools would be free on weekday "
             "mornings this summer. It has reserved 40,000 euros to pay for the additional "
             "lifeguards the mornings require. According to deputy mayor Anke Roos, the pools "
             "had stood empty before noon for years. Weekly attendance will be counted, with a "
             "report going to the council in October.")


def test_a_copy_whose_only_slip_is_one_widened_claim_stays_below_even_odds() -> None:
    from launderlens.model import Article
    from launderlens.rewrites.compare import Comparer

    comparer = Comparer(semantic=False)
    origin = Article.create(POOL_ORIGIN)
    alone = comparer.compare(origin, Article.create(POOL_COPY))
    fired = {n for n, v in zip(MANIPULATION_FEATURES,
                               manipulation_features(alone.verdicts, alone.evidence),
                               strict=True) if v}
    assert fired == {"widened"}
    assert 0.3 < alone.manipulation.score < 0.5
    # The same slip with an added accusation that names a person of its own passes 0.5.
    accused = comparer.compare(origin, Article.create(
        POOL_COPY + " Council member Piet Dral admitted that 200,000 euros from the pool "
        "budget had gone to a sports club owned by his brother."))
    assert accused.manipulation.score > 0.5
