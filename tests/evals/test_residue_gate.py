"""Quality gate: machine-rewrite residue must keep finding planted residue and must keep
(nearly) silent on ordinary articles.

See ``evals/residue.py`` for the definitions. Three checks, about 10 CPU seconds together:

- planted residue in a fixed sample of 300 development articles (each kind planted once in
  each, 1,500 cases): recall per kind and precision, floors;
- every original article of the development sets (1,899: LLMFake GossipCop and CoAID,
  ECB+ topics 1-20, SheepDog PolitiFact), which no model touched: articles with a
  detection per 1,000, a ceiling. The one flagged when the ceiling was pinned is a
  scraped SheepDog article whose source site printed "**ADMITS**" in markdown;
- every LLM output of those sets (2,391): how many carry residue, a floor. When it was
  pinned each hit was read: all 163 flagged outputs hold real residue ("Title:" and
  "Headline:" lines, "[Name]", "[Insert Date]", "Note: This news article is fictional",
  "I'm sorry, but I won't be able to generate that story"), so this floor guards recall
  on residue the templates did not write.

The planted templates and the patterns were written together, so planted recall measures
coverage of the kinds of leftover, not of unseen wording; the LLM-output floor is the
independent check. Floors sit a little below the measured values (in the comments); raise
them on purpose, never lower them to make a change pass.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from types import ModuleType

import pytest

SAMPLE = 300
RECALL_FLOORS = {"prompt": 0.97, "refusal": 0.98, "chatter": 0.97,  # measured 0.997, 1.0, 0.99
                 "placeholder": 0.99, "markup": 0.99}               # measured 1.0, 1.0
PRECISION_FLOOR = 0.99             # measured 1.000
ORIGINALS_PER_1000_CEILING = 1.6   # measured 0.53 (1 of 1,899): at most 3 articles
GENERATIONS_FLAGGED_FLOOR = 150    # measured 163 of 2,391, each read and real


@pytest.fixture(scope="module")
def residue(load_eval: Callable[[str], ModuleType]) -> ModuleType:
    module = load_eval("residue")
    if not module.available():
        pytest.skip(f"development data not found under {module.DATA} (it lives in ../shared)")
    return module


@pytest.mark.slow
def test_planted_residue_is_found(residue: ModuleType) -> None:
    docs = residue.development_articles()
    sample = random.Random(residue.SEED).sample(docs, SAMPLE)
    result = residue.planted_scores(sample, residue.SEED)
    below = {k: v for k, v in result["recall"].items() if v < RECALL_FLOORS[k]}
    assert not below, (below, result["missed_examples"])
    assert result["precision"] >= PRECISION_FLOOR, result
    assert all(v >= 0.99 for v in result["kind_accuracy"].values()), result


@pytest.mark.slow
def test_ordinary_articles_raise_almost_no_alarm(residue: ModuleType) -> None:
    result = residue.alarm_scores(residue.originals())
    assert result["articles"] >= 1800, result["per_source"]
    assert result["per_1000"] <= ORIGINALS_PER_1000_CEILING, result["hits"]


@pytest.mark.slow
def test_real_residue_in_model_output_is_found(residue: ModuleType) -> None:
    result = residue.alarm_scores(residue.generations())
    assert result["flagged"] >= GENERATIONS_FLAGGED_FLOOR, result["per_source"]


def test_planting_puts_the_residue_where_it_says(residue: ModuleType) -> None:
    doc = residue.Doc("test", "1", "The ferry sank on Monday. The crew was rescued. "
                                   "An inquiry opens in May.")
    rng = random.Random(3)
    for kind in residue.KINDS:
        for _ in range(20):
            case = residue.plant(doc, kind, rng)
            planted = case.text[case.start:case.end]
            assert planted and planted.strip() == planted
            # the article's own text is all still there, around the residue
            rest = case.text[:case.start] + case.text[case.end:]
            assert rest.split() == doc.text.split()
