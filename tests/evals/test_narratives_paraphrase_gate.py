"""Quality gate of narrative matching on paraphrases (``evals/narratives_paraphrase.py``):
recall on the *held* part of the paraphrase sets, which took no part in choosing the dense
boost and threshold of the calibration, and no finding on the demo corpus's unrelated
articles or a slice of ECB+ news.

To stay near a minute of embedding on two cores, the catalogues are cut to the records the
cases retell and 200 others drawn at random, 150 generated paraphrases are drawn (67 of
them held) and 20 ECB+ articles are read; ``python evals/narratives_paraphrase.py --part
held`` runs the full sets.
Floors sit a little below the scores measured when they were pinned (in the comments);
raise them on purpose when matching improves, never lower them to make a change pass.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest

from launderlens.rewrites.similarity import semantic_available

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not semantic_available(),
                                 reason="semantic backend not installed")]

GENERATED = 150
DISTRACTORS = 200
ECBPLUS_ARTICLES = 20
# Measured with the settings above (held parts only; shares of the cases). The calibration
# before the dense boost made 29 of the 45 starter paraphrases findings, 65 of the 67
# generated ones, 8 of the 20 hand-written ones.
STARTER_AT_1 = 0.84        # measured 40 of 45 (.889)
STARTER_MATCHED = 0.69     # measured 33 of 45 (.733)
GENERATED_AT_1 = 0.95      # measured 67 of 67
GENERATED_MATCHED = 0.94   # measured 66 of 67 (.985)
HAND_TOP_5 = 16            # measured 18 of 20 (9 of them findings)


@pytest.fixture(scope="module")
def paraphrases(load_eval: Callable[[str], ModuleType]) -> ModuleType:
    return load_eval("narratives_paraphrase")


def test_held_paraphrases_are_found_and_reach_the_threshold(paraphrases: ModuleType) -> None:
    result = paraphrases.evaluate(part="held", count=GENERATED, distractors=DISTRACTORS)
    sets = result["sets"]
    starter = sets["starter/held"]
    assert starter["at_1"] / starter["cases"] >= STARTER_AT_1, sets
    assert starter["matched"] / starter["cases"] >= STARTER_MATCHED, sets
    if not paraphrases.available():
        return  # the EUvsDisinfo sets need ../shared
    generated, hand = sets["generated/held"], sets["hand/held"]
    assert generated["at_1"] / generated["cases"] >= GENERATED_AT_1, sets
    assert generated["matched"] / generated["cases"] >= GENERATED_MATCHED, sets
    assert hand["top_5"] >= HAND_TOP_5, sets


def test_no_finding_on_unrelated_news(paraphrases: ModuleType) -> None:
    result = paraphrases.false_alarms(limit=ECBPLUS_ARTICLES, catalogues=("starter",))
    assert result["documents"] >= 2 and result["sentences"] > 0
    assert result["starter"]["findings"] == 0, result["starter"]["examples"]
