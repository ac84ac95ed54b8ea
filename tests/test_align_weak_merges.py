"""A copy sentence that folds two adjacent source sentences into one keeps part of each, so
that neither link alone may reach the link threshold; the two read together do. The rule
is checked on the link probabilities a longer article gives such a sentence (each link
weak, a commentary sentence the likelier match of one source sentence by its topic words),
set here on the evidence of short fictional reports written for these tests.
"""

from __future__ import annotations

import numpy as np

from launderlens.rewrites.align import LINK, _sources, _topical, align_sentences
from launderlens.rewrites.evidence import PairEvidence, link_model

SOURCE = [
    "The water board of Kessling approved a rate rise of 9 percent on Thursday.",
    "Board chair Mirela Osk said the rise would pay for new pipes in the old town.",
    "Behind the scenes, however, unease about the board has been growing.",
    "Inspection reports, some of them by auditors who had flagged Osk's alleged favouritism, "
    "describe a chair who may be seeking personal gain from her office.",
    "According to the auditors, Osk diverted millions in water fees through a web of "
    "consultancy firms and stalled repairs to keep budgets opaque.",
    "The board denies any wrongdoing and says the contracts were tendered openly.",
]
COPY = [
    "Kessling's water board voted on Thursday to raise rates by 9 percent.",
    "Chair Mirela Osk said the money would fund new pipes in the old town.",
    "Her remarks sound hollow given the mounting talk of favouritism, including allegations "
    "of waste in the board's budgets.",
    "Inspection reports have detailed how Osk's circle allegedly diverted fees meant for "
    "pipes and pumps to accounts of its own.",
    "Such findings have cast doubt over the board, with critics arguing that Osk's "
    "leadership put personal gain above the town's water.",
    "The board insists the contracts were tendered openly and denies wrongdoing.",
]
MERGE, COMMENTARY = 3, 4


def _weak(first: float, second: float, rival: float = 0.0
          ) -> tuple[PairEvidence, np.ndarray, np.ndarray]:
    """The evidence of the reports, with the merged sentence's links to the inspection
    reports (3) and their allegation (4) set to ``first`` and ``second``, and the commentary
    sentence's link to 3 to ``rival``."""
    evidence = PairEvidence.build(SOURCE, COPY)
    prob, features = link_model(evidence)
    prob[:, MERGE] = np.minimum(prob[:, MERGE], 0.05)
    prob[3, MERGE], prob[4, MERGE] = first, second
    prob[3, COMMENTARY] = max(float(prob[3, COMMENTARY]), rival)
    return evidence, prob, _topical(evidence, prob, features)


def test_two_weak_links_to_adjacent_sentences_that_each_give_content_link_together() -> None:
    evidence, prob, topical = _weak(0.45, 0.2)
    assert max(prob[:, MERGE]) < LINK
    assert _sources(evidence, prob, MERGE, topical) == (3, 4)


def test_a_commentary_that_shares_only_topic_with_a_source_does_not_retell_it() -> None:
    # The commentary is the likelier match of the inspection reports by their words of
    # stance ("personal gain", "leadership"); it tells none of their content, so the merged
    # sentence keeps them.
    evidence, prob, topical = _weak(0.45, 0.2, rival=0.8)
    assert topical[3, COMMENTARY]
    assert _sources(evidence, prob, MERGE, topical) == (3, 4)


def test_two_links_too_weak_together_stay_apart() -> None:
    evidence, prob, topical = _weak(0.3, 0.2)
    assert _sources(evidence, prob, MERGE, topical) == ()


def test_commentary_naming_a_word_of_each_neighbour_stays_added() -> None:
    # "favouritism" of the reports and "budgets" of the allegation: a word of each, and
    # links too weak together.
    assert 2 in align_sentences(SOURCE, COPY).added
