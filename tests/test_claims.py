"""Claim scoring on hand-written sentences: each type is recognised, scores stay in [0, 1],
accusations behind vague sourcing outrank small talk, and a model trained on a user's own
labels survives a save and load.

The sentences are fictional, written for these tests. The lexical scorer is used throughout
so the tests stay fast; an in-memory hashing encoder stands in for MiniLM where the encoder
path matters, and one test, skipped without the semantic extra, uses the real model.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from launderlens.claims import cues as claim_cues
from launderlens.claims.checkworthy import (
    FEATURES,
    THRESHOLD,
    WEIGHTS,
    claim_features,
    load_claim_model,
    score_claims,
    scorer_params,
    train_claim_model,
)
from launderlens.claims.cues import _Cue, _opened
from launderlens.claims.exemplars import EXEMPLARS
from launderlens.errors import ConfigError
from launderlens.languages.casefold import fold_case
from launderlens.rewrites.similarity import semantic_available

STATISTIC = "Unemployment in the province rose to 11.4 percent in May, the statistics office said."
ACCUSATION = ("Investigative reports suggest that officials in the governor's office siphoned "
              "$40 million from the flood relief fund.")
QUOTE = "\"We will not sign anything under pressure,\" the trade minister told reporters."
PREDICTION = "Analysts expect the new tariffs to push food prices higher next year."
OPINION = "I think this decision is a terrible mistake."
SMALL_TALK = "Good morning."


class HashingEncoder:
    """Unit bag-of-words vectors by hashing lower-cased words into 64 slots: texts sharing
    words are close, as with a real encoder, and nothing is loaded."""

    name = "hashing-64"
    dimension = 64

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                vectors[row, sum(map(ord, word)) % self.dimension] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


def _one(sentence: str) -> tuple[float, str, bool, tuple[str, ...]]:
    (claim,) = score_claims([sentence])
    return claim.score, claim.type, claim.check_worthy, claim.features


def test_a_statistic_is_check_worthy_and_says_why() -> None:
    score, kind, worthy, features = _one(STATISTIC)
    assert kind == "statistic" and worthy and score >= THRESHOLD
    assert {"number", "percent", "date", "change", "reported"} <= set(features)


def test_an_accusation_behind_vague_sourcing_scores_near_the_top() -> None:
    score, kind, worthy, features = _one(ACCUSATION)
    assert kind == "accusation" and worthy and score > 0.9
    assert {"accusation", "vague_source", "money"} <= set(features)


def test_a_quotation_is_a_quote() -> None:
    _, kind, _, features = _one(QUOTE)
    assert kind == "quote" and "quote" in features and "scare_quote" not in features


def test_a_quoted_label_is_not_a_quote() -> None:
    (claim,) = score_claims(["Delegates of the 'friends of the harbour' met in Tromsø."])
    assert "scare_quote" in claim.features and "quote" not in claim.features
    assert claim.type != "quote"


def test_a_forecast_is_a_prediction() -> None:
    _, kind, _, features = _one(PREDICTION)
    assert kind == "prediction" and "future" in features


def test_an_opinion_is_not_check_worthy() -> None:
    score, kind, worthy, features = _one(OPINION)
    assert kind == "opinion" and not worthy and score < 0.1
    assert {"first_person", "opinion_marker", "evaluative"} <= set(features)


def test_small_talk_is_other_and_scores_lowest() -> None:
    score, kind, worthy, features = _one(SMALL_TALK)
    assert kind == "other" and not worthy and score < 0.05
    assert "courtesy" in features and "evaluative" not in features


def test_a_named_dated_event_is_an_event() -> None:
    (claim,) = score_claims(["Chancellor Anna Berg met the Danish envoy in Oslo on Tuesday."])
    assert claim.type == "event" and {"entity", "date", "past"} <= set(claim.features)


def test_a_year_and_a_day_of_the_month_are_dates_not_numbers() -> None:
    features = claim_features("The summit opened on March 3, 2024 in Lisbon.")
    assert features["date"] == 1.0 and features["number"] == 0.0
    assert claim_features("The fund lost 3,200 jobs in 2024.")["number"] == 1.0


def test_an_accusation_with_a_number_outranks_small_talk_and_opinion() -> None:
    sentences = [SMALL_TALK, OPINION, "Thank you all for coming.", ACCUSATION, STATISTIC]
    claims = score_claims(sentences)
    ranked = [c.sentence for c in sorted(claims, key=lambda c: -c.score)]
    assert ranked[0] == 3 and set(ranked[:2]) == {3, 4}
    assert [c.sentence for c in claims] == list(range(len(sentences)))


@pytest.mark.parametrize("text", [
    "", "   ", "?", "(APPLAUSE)", "x" * 100_000, "Zelensky " * 5_000, "1 2 3 4 5 6 7 8 9",
    "\"\"\"''' «» “”", "Он сказал, что 40% денег украдено.", "corruption " * 300,
])
def test_every_score_is_a_probability(text: str) -> None:
    (claim,) = score_claims([text])
    assert 0.0 <= claim.score <= 1.0
    assert claim.check_worthy == (claim.score >= THRESHOLD)
    assert set(claim.features) <= set(FEATURES)


def test_no_sentences_give_no_claims() -> None:
    assert score_claims([]) == []
    assert score_claims([], encoder=HashingEncoder()) == []


def test_features_cover_every_weight_in_order() -> None:
    assert tuple(claim_features(STATISTIC)) == FEATURES == tuple(WEIGHTS)
    assert all(0.0 <= v <= 1.0 for v in claim_features(ACCUSATION * 3).values())


def test_an_encoder_adds_the_nearest_exemplar_type() -> None:
    claims = score_claims([ACCUSATION, SMALL_TALK], encoder=HashingEncoder())
    for claim in claims:
        assert 0.0 <= claim.score <= 1.0
        assert sum(f.startswith("like:") for f in claim.features) == 1
    assert claims[0].score > claims[1].score
    assert claims[0].type == "accusation" and claims[1].type == "other"


def test_exemplars_are_forty_distinct_sentences_of_each_type() -> None:
    assert set(EXEMPLARS) == {"event", "statistic", "quote", "accusation", "prediction",
                              "opinion", "other"}
    everything = [s for group in EXEMPLARS.values() for s in group]
    # Forty news sentences each; five types add a few spoken and posted ones, so that no
    # type outweighs another by more than a handful.
    assert all(40 <= len(group) <= 50 for group in EXEMPLARS.values())
    assert len(set(everything)) == len(everything)


LABELLED = [
    ("The ministry paid 12 million euros to a firm owned by the minister's brother.", 1),
    ("Exports fell by 8 percent in the first quarter.", 1),
    ("Critics say the mayor embezzled funds meant for schools.", 1),
    ("The army lost 300 vehicles in October, according to the defence ministry.", 1),
    ("Thank you so much for having me.", 0),
    ("Good evening, everybody.", 0),
    ("I think we can all agree on that.", 0),
    ("Let me answer the question.", 0),
]


def test_a_trained_model_survives_save_and_load(tmp_path: Path) -> None:
    path = tmp_path / "claims.json"
    trained = train_claim_model(LABELLED, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["format"] == "launderlens.claim-model" and saved["encoder"] is None
    assert saved["trained"] == {"examples": 8, "positives": 4, "c": 1.0}
    loaded = load_claim_model(path)
    texts = [text for text, _ in LABELLED] + ["Prices rose 5 percent in June.", "Hello there."]
    from_path = score_claims(texts, model=path)
    from_object = score_claims(texts, model=trained)
    assert [c.score for c in from_path] == pytest.approx([c.score for c in from_object])
    assert [c.score for c in score_claims(texts, model=loaded)] == \
        pytest.approx([c.score for c in from_path])
    assert all(0.0 <= c.score <= 1.0 for c in from_path)
    positives = [c.score for c, (_, label) in zip(from_path, LABELLED, strict=False) if label]
    negatives = [c.score for c, (_, label) in zip(from_path, LABELLED, strict=False)
                 if not label]
    assert min(positives) > max(negatives)
    assert from_path[-2].score > from_path[-1].score
    assert [c.type for c in from_path] == [c.type for c in score_claims(texts)]
    assert scorer_params(model=path)["scorer"] == "trained"
    assert scorer_params()["scorer"] == "lexical"


def test_a_model_trained_with_an_encoder_needs_that_encoder(tmp_path: Path) -> None:
    path = tmp_path / "claims.json"
    train_claim_model(LABELLED, path, encoder=HashingEncoder())
    assert json.loads(path.read_text())["encoder"] == {"name": "hashing-64", "dimension": 64}
    claims = score_claims([ACCUSATION, SMALL_TALK], model=path, encoder=HashingEncoder())
    assert claims[0].score > claims[1].score
    with pytest.raises(ConfigError, match="pass that encoder"):
        score_claims([ACCUSATION], model=path)


@pytest.mark.parametrize(("labelled", "message"), [
    ([("A sentence.", 1), ("Another one.", 1)], "both"),
    ([("A sentence.", 1), ("Another one.", 2)], "0 .*or 1"),
    ([], "both"),
])
def test_training_refuses_unusable_labels(labelled: list[tuple[str, int]], message: str,
                                          tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=message):
        train_claim_model(labelled, tmp_path / "m.json")


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"format": "something-else"}',
                                     '{"format": "launderlens.claim-model", "version": 99}'])
def test_loading_refuses_what_is_not_a_claim_model(content: str, tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_claim_model(path)
    with pytest.raises(ConfigError):
        load_claim_model(tmp_path / "missing.json")


@pytest.mark.slow
@pytest.mark.skipif(not semantic_available(), reason="semantic backend not installed")
def test_minilm_finds_an_accusation_no_word_list_names() -> None:
    from launderlens.embeddings.encoder import load_encoder

    encoder = load_encoder(required=True)
    assert encoder is not None
    hidden = "The minister's relatives quietly kept the money meant for the soldiers' boots."
    claims = score_claims([hidden, SMALL_TALK, OPINION], encoder=encoder)
    assert "like:accusation" in claims[0].features and claims[0].type == "accusation"
    assert "like:other" in claims[1].features
    assert claims[0].score > claims[2].score > claims[1].score


# --- the word gates of the cues -----------------------------------------------------------

# Sentences written to meet the cues in their odd forms: phrases, stems, apostrophes,
# hyphens, abbreviations, capitals, words glued to digits.
ODD_FORMS = [
    "Prices went up and then went down; output was wiped out and has gone down since.",
    "Exports shrank, imports are shrinking, and the harvest shrunk by a third.",
    "It is three times as large, twice as costly, and more expensive than planned.",
    "Turnout was up from 2019, compared with the region and down from last year.",
    "It was the all-time high, the most ever, never before seen, a first time for all.",
    "They committed war crimes and crimes against humanity, with mass graves found.",
    "A cover-up, a covered up report, an abuse of power and lies to the court.",
    "The minister lied about the slush funds; officials abused their office.",
    "He was charged with bribery; prosecutors indicted the suspects in the probe.",
    "Sources close to the talks said it; sources familiar with the plan claimed more.",
    "It has been widely reported that the deal collapsed, and it was rumoured too.",
    "Some say the vote was rigged; many believe it; there are reports of fraud.",
    "According to unnamed officials, mounting evidence points to a leaked memo.",
    "She'll sign it and they won't; the vote is due to pass, unlikely to fail.",
    "In the coming weeks the plan is set to change, as scheduled to next spring.",
    "I really think it's wrong; in my view, frankly, it seems to me a good idea.",
    "Good morning, ladies and gentlemen, thank you; God bless; nice to meet you.",
    "(APPLAUSE) [LAUGHTER] Okay, all right, excuse me.",
    "We need to act; it is time for change; they have to pay; you ought to know.",
    "Maybe it appears to work, sort of, kind of, perhaps.",
    "Health care and healthcare, salaries and immigrants, terrorism and factories.",
    "Inflation is 5 per cent, 6 percent, two percentage points; costs 3 dollars, 4 €.",
    "Twenty-five hundred people, dozens more, half of them, a third and a quarter.",
    "On 5 Mayors' day, 12 Marches later, in Sept. and Jan. 2024, last week, 3 years ago.",
    "Yesterday, earlier this month and two weeks ago the Monday meeting was held.",
    "I'm sure I've seen it; my view is mine; me and myself, I'd say, I'll go.",
    "X_corruption, corrupt_officials, 2rose, rose2, ſiphoned, SIPHONED, İllegal aid.",
    "She co-sponsored it, votes against it, took money; we'll see, we're gonna, let's go.",
    "It led to deaths as a result of the law; the Supreme Court found it illegally spread.",
    "RT @someone: see https://example.org #tag",
]


def _cues() -> list[tuple[str, _Cue]]:
    return [(name, value) for name, value in vars(claim_cues).items()
            if isinstance(value, _Cue)]


ODD_CORPUS = [*ODD_FORMS, *(s.upper() for s in ODD_FORMS), *(s.title() for s in ODD_FORMS),
              *(s for group in EXEMPLARS.values() for s in group)]
# These read the text as written; the others read it folded.
CASE_SENSITIVE_CUES = {"_DATE_NAME", "_FIRST_PERSON", "_DAY_OF_MONTH"}


@pytest.mark.parametrize("text", ODD_CORPUS)
def test_a_cue_is_never_gated_off_where_its_pattern_matches(text: str) -> None:
    """The words recorded for each cue are a necessary condition: wherever its pattern
    matches, the sentence has one of them (or a word beginning with one of its stems)."""
    low = fold_case(text)
    opened = _opened(low)
    for name, cue in _cues():
        if cue.pattern.search(text if name in CASE_SENSITIVE_CUES else low):
            assert cue.number in opened, (name, text)


def test_the_odd_forms_meet_every_cue() -> None:
    """So that the test above tries each gate where its pattern matches."""
    for name, cue in _cues():
        assert any(cue.pattern.search(t if name in CASE_SENSITIVE_CUES else fold_case(t))
                   for t in ODD_CORPUS), name
