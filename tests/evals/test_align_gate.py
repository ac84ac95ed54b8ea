"""Quality gate: sentence alignment on LLMFake must not fall below the pinned floors.

For each split and mode: the ROC-AUC of the added-or-changed fraction, and of the added
rate alone, for paraphrases against free rewrites and against open-ended generations
(floors), and the mean rate of added sentences in paraphrases (a ceiling: a paraphrase
adds next to nothing). See
``evals/align_llmfake.py`` for the definitions. ``dev`` is GossipCop, on which the
thresholds of ``launderlens.rewrites.align`` were tuned; ``held_out`` is CoAID, not looked at
while tuning them.

The lexical gates align all the generations (about 15 CPU seconds). The semantic ones,
whose cost is encoding, align a fixed sample of source articles (the same sample in every
generation group, chosen by the evaluation's seed) to keep the gate to a few minutes.
Floors sit a little below the values measured on the same articles when they were pinned
(in the comments); raise them on purpose when alignment improves, never lower them to make
a change pass. Full-data figures come from ``python evals/align_llmfake.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from launderlens.rewrites.similarity import semantic_available

# Source articles sampled per split (None: all), each aligned against three generations.
# Encoding dominates the semantic runs, so they take what a few minutes allow: all of
# CoAID's short articles (86), and 80 of GossipCop's 231.
SAMPLE: dict[tuple[str, str], int | None] = {
    ("lexical", "gossipcop"): None, ("lexical", "coaid"): None,
    ("semantic", "gossipcop"): 80, ("semantic", "coaid"): None,
}

# (mode, split) -> floors of the ROC-AUCs against the paraphrases, of the added-or-changed
# fraction ("auc_*") and of the added rate alone ("added_auc_*"), and the ceiling of the
# paraphrases' mean added rate. The added-or-changed fraction separates paraphrases from
# rewrites barely better than chance (see the evaluation's docstring); its floors guard
# against it getting worse, not a claim that it works.
FLOORS: dict[tuple[str, str], dict[str, float]] = {
    ("lexical", "gossipcop"): {
        "auc_rewrite": 0.65, "auc_open_ended": 0.96,              # measured 0.677, 0.990
        "added_auc_rewrite": 0.71, "added_auc_open_ended": 0.97,  # measured 0.726, 0.991
        "paraphrase_added_max": 0.07},                            # measured 0.055
    ("lexical", "coaid"): {
        "auc_rewrite": 0.58, "auc_open_ended": 0.89,              # measured 0.619, 0.917
        "added_auc_rewrite": 0.60, "added_auc_open_ended": 0.97,  # measured 0.636, 0.996
        "paraphrase_added_max": 0.07},                            # measured 0.057
    ("semantic", "gossipcop"): {                                  # on the 80-article sample
        "auc_rewrite": 0.55, "auc_open_ended": 0.96,              # measured 0.575, 0.982
        "added_auc_rewrite": 0.61, "added_auc_open_ended": 0.97,  # measured 0.630, 0.984
        "paraphrase_added_max": 0.06},                            # measured 0.047
    ("semantic", "coaid"): {
        "auc_rewrite": 0.55, "auc_open_ended": 0.88,              # measured 0.578, 0.900
        "added_auc_rewrite": 0.58, "added_auc_open_ended": 0.97,  # measured 0.602, 0.988
        "paraphrase_added_max": 0.10},                            # measured 0.095
}
# Raised with the specific-content rule and adjacent merges (issue 13, third round): a link
# now needs a figure, a date, a quoted or rare word in common, so paraphrases' added rates
# did not rise (they fell: lexical GossipCop 0.060 -> 0.055, semantic 0.051 -> 0.047) while
# the added-or-changed AUCs against open-ended generations rose (semantic CoAID 0.853 ->
# 0.900).
# Lowered on purpose with the verdict rewrite (issue 13), and only these three, each below the
# floor the previous aligner had pinned: semantic added_auc_rewrite (GossipCop 0.71 -> 0.64,
# CoAID 0.61 -> 0.58) and CoAID's semantic paraphrase_added_max (0.06 -> 0.11). The aligner
# now links a freer rewrite's bent sentences as retellings (their verdict is the change
# detectors' business), so rewrites add fewer sentences than before; and it no longer
# pairs an LLM paraphrase's own chatter with the nearest source sentence: of the 27
# sentences it calls added in CoAID paraphrases, read one by one, about 20 are the model's
# own ("As a journalist, my paraphrase of the given passage would be:", apologies,
# rephrased cookie banners, sentences with no source). The added-or-changed AUCs now count
# the verdicts (certain changes) instead of "partial" pairs, and rose. The lexical
# added-or-changed floors were raised with the role, polarity, cause and hedge readings
# (GossipCop 0.671 -> 0.679, CoAID 0.578 -> 0.608): paraphrases raise fewer false changes.
# Lowered on purpose once more, semantic GossipCop added_auc_rewrite 0.64 -> 0.60 (measured
# 0.660 -> 0.617): the gap filler and the clear-best-match margin (issue 13, second round)
# link 21 more rewrite sentences on the 80-article sample and no paraphrase sentence (the
# paraphrases' added rate stays 0.051); of 12 of them read one by one, 11 retell their
# source sentence ("There are ways to disappear, like, fairly easily" -> "There are indeed
# methods of dissipating into anonymity"). Rewrites add fewer sentences because fewer of
# their bent sentences are wrongly called added.




@pytest.fixture(scope="module")
def llmfake(load_eval: Callable[[str], ModuleType]) -> ModuleType:
    module = load_eval("align_llmfake")
    if not module.available():
        pytest.skip(f"LLMFake data not found under {module.DATA} (it lives in ../shared)")
    return module


def _check(llmfake: ModuleType, mode: str, split: str) -> None:
    encoder = None
    if mode == "semantic":
        from launderlens.embeddings.encoder import load_encoder

        encoder = load_encoder(required=True)
    result: dict[str, Any] = llmfake.evaluate(split, encoder, limit=SAMPLE[(mode, split)])
    floors = FLOORS[(mode, split)]
    measured = {
        "auc_rewrite": result["auc"]["paraphrase_vs_rewrite"],
        "auc_open_ended": result["auc"]["paraphrase_vs_open_ended"],
        "added_auc_rewrite": result["auc_added_only"]["paraphrase_vs_rewrite"],
        "added_auc_open_ended": result["auc_added_only"]["paraphrase_vs_open_ended"],
    }
    below = {name: value for name, value in measured.items() if value < floors[name]}
    assert not below, (mode, split, below, result)
    added_rate = result["groups"]["paraphrase"]["added_rate"]
    assert added_rate <= floors["paraphrase_added_max"], (mode, split, added_rate, result)


@pytest.mark.slow
@pytest.mark.parametrize("split", ["coaid", "gossipcop"], ids=["held_out", "dev"])
def test_lexical_alignment_holds_its_floors(llmfake: ModuleType, split: str) -> None:
    _check(llmfake, "lexical", split)


@pytest.mark.slow
@pytest.mark.skipif(not semantic_available(), reason="semantic backend not installed")
@pytest.mark.parametrize("split", ["coaid", "gossipcop"], ids=["held_out", "dev"])
def test_semantic_alignment_holds_its_floors(llmfake: ModuleType, split: str) -> None:
    _check(llmfake, "semantic", split)


def test_added_or_changed_fraction_counts_asserted_additions_and_certain_changes(
        load_eval: Callable[[str], ModuleType]) -> None:
    from launderlens.rewrites.align import AlignedPair, SentenceAlignment

    a = ["The ferry sank on Monday.", "It carried 40 cars.", "The crew was rescued."]
    b = ["The ferry sank on Monday.", "It carried", "90 cars.", "Nobody knows why.",
         "Divers searched the bay."]
    alignment = SentenceAlignment(
        pairs=(AlignedPair((0,), (0,), "copied", 1.0),
               AlignedPair((1,), (1, 2), "partial", 0.6),
               AlignedPair((2,), (4,), "partial", 0.55)),
        added=(3,), dropped=(), method="lexical", unsure=())
    # The figure changed in the split pair (both members count); the partial pair without a
    # change does not; the one addition is asserted.
    assert load_eval("align_llmfake").pair_scores(alignment, a, b) == (0.2, 0.6)
    unsure = SentenceAlignment(alignment.pairs, added=(3,), dropped=(), method="lexical",
                               unsure=(3,))
    assert load_eval("align_llmfake").pair_scores(unsure, a, b) == (0.0, 0.4)
