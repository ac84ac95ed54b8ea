"""Quality gate: propaganda techniques must keep naming and placing gold spans of the PTC
train articles, and the shipped cues must keep (nearly) silent on ordinary news.

See ``evals/techniques.py`` for the definitions (the task's partial-overlap span scorer).
About 40 CPU seconds together:

- the shipped cues on all 371 train articles: technique classification of gold spans
  (micro-F1; most spans get the default label, so the cues' own accuracy on the spans they
  name is checked too), and the precision of the findings as spans, unlabelled and
  labelled (recall is low by design: a cue fires only on wording news does not use);
- the shipped cues on ordinary news: no finding on the demo corpus, and a ceiling on
  findings per 1,000 sentences of the ECB+ news documents and on PTC lines without any
  gold span;
- a model trained by 2-fold cross-validation over the first 80 train articles (a subset,
  for time; the full 5-fold figures are in the README): classification micro-F1 and span
  F1, floors;
- with the semantic extra, the cues joined by techniques found by meaning on the first
  articles of the held-out quarter (a subset, for time): they must name more gold spans
  rightly and, with the candidate spans under the finding floor, find more of the gold
  text than all the cues' spans on the same articles, and give no finding by meaning
  alone on ordinary news (the demo corpus).

The cues were chosen with these articles at hand, so their floors guard against a
regression, not an estimate of unseen performance. Floors sit a little below the
measured values (in the comments); raise them on purpose, never lower them to make a
change pass.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

SHIPPED_CLASSIFICATION_FLOOR = 0.34   # measured 0.3615 (Loaded_Language alone: 0.346)
SHIPPED_CUE_ACCURACY_FLOOR = 0.48     # measured 0.532 on the 5.4% of spans a cue names
SHIPPED_SPAN_PRECISION_FLOOR = 0.56   # measured 0.631 (recall 0.019)
SHIPPED_LABELLED_PRECISION_FLOOR = 0.35  # measured 0.395
ECB_PER_1000_CEILING = 1.6            # measured 1.07 (7 findings in 6,523 sentences)
PTC_UNLABELLED_PER_1000_CEILING = 9.0  # measured 7.47 (89 of 11,920 lines)
CV_ARTICLES, CV_FOLDS = 80, 2
CV_CLASSIFICATION_FLOOR = 0.38        # measured 0.4077
CV_SPAN_F1_FLOOR = 0.17               # measured 0.1976
CV_LABELLED_F1_FLOOR = 0.065          # measured 0.0797
SEMANTIC_ARTICLES = 30                # the first 30 articles of the held-out quarter
SEMANTIC_CLASSIFICATION_FLOOR = 0.32  # measured 0.3412 (the cues alone: 0.3294)
SEMANTIC_SPAN_F1_FLOOR = 0.055        # measured 0.0637, candidate spans included
SEMANTIC_DEMO_FINDINGS_CEILING = 0    # measured 0 in 164 sentences


@pytest.fixture(scope="module")
def techniques(load_eval: Callable[[str], ModuleType]) -> ModuleType:
    module = load_eval("techniques")
    if not module.available():
        pytest.skip(f"PTC data not found under {module.PTC} (it lives in ../shared)")
    return module


@pytest.fixture(scope="module")
def shipped(techniques: ModuleType) -> dict[str, Any]:
    result: dict[str, Any] = techniques.shipped_scores(techniques.articles())
    return result


@pytest.mark.slow
def test_shipped_cues_name_gold_spans(shipped: dict[str, Any]) -> None:
    assert shipped["articles"] == 371
    assert shipped["classification_micro_f1"] >= SHIPPED_CLASSIFICATION_FLOOR, shipped
    assert shipped["cue_accuracy"] >= SHIPPED_CUE_ACCURACY_FLOOR, shipped


@pytest.mark.slow
def test_shipped_findings_are_precise_spans(shipped: dict[str, Any]) -> None:
    spans = shipped["span_identification"]
    assert spans["precision"] >= SHIPPED_SPAN_PRECISION_FLOOR, spans
    labelled = shipped["labelled_span_f1"]
    assert labelled["precision"] >= SHIPPED_LABELLED_PRECISION_FLOOR, labelled


@pytest.mark.slow
def test_shipped_cues_keep_quiet_on_ordinary_news(techniques: ModuleType) -> None:
    demo = techniques.false_alarms(techniques.demo_documents())
    assert demo["findings"] == 0, demo["hits"]
    if techniques.ECBPLUS.is_file():
        ecb = techniques.false_alarms(techniques.ecb_documents())
        assert ecb["per_1000_sentences"] <= ECB_PER_1000_CEILING, ecb["hits"]
    lines = techniques.unlabelled_lines(techniques.articles())
    assert lines["per_1000_lines"] <= PTC_UNLABELLED_PER_1000_CEILING, lines


@pytest.mark.slow
def test_trained_model_cross_validated(techniques: ModuleType) -> None:
    pytest.importorskip("sklearn")
    result = techniques.cross_validated(techniques.articles(CV_ARTICLES), CV_FOLDS)
    assert result["classification_micro_f1"] >= CV_CLASSIFICATION_FLOOR, result
    assert result["span_identification"]["f1"] >= CV_SPAN_F1_FLOOR, result
    assert result["labelled_span_f1"]["f1"] >= CV_LABELLED_F1_FLOOR, result


@pytest.mark.slow
def test_embeddings_add_to_the_cues_on_held_out_articles(techniques: ModuleType) -> None:
    semantic = techniques.load_semantic()
    if semantic is None:
        pytest.skip("semantic extra not installed")
    docs = techniques.articles(split="held")[:SEMANTIC_ARTICLES]
    cues = techniques.shipped_scores(docs)
    joined = techniques.semantic_scores(docs, semantic)
    assert joined["classification_micro_f1"] >= SEMANTIC_CLASSIFICATION_FLOOR, joined
    assert joined["classification_micro_f1"] > cues["classification_micro_f1"], (joined, cues)
    spans = joined["span_identification_all_spans"]
    assert spans["f1"] >= SEMANTIC_SPAN_F1_FLOOR, joined
    assert spans["recall"] > cues["span_identification_all_cues"]["recall"], (joined, cues)
    demo = techniques.semantic_false_alarms(techniques.demo_documents(), semantic)
    assert demo["findings"] <= SEMANTIC_DEMO_FINDINGS_CEILING, demo["hits"]
