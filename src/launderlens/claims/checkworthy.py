"""Check-worthiness: sentences in, one :class:`~launderlens.findings.Claim` per sentence out,
with a score in [0, 1], a claim type and the names of the cues that produced them.

The default scorer is a hand-weighted sum of linguistic cues passed through a logistic
function; nothing in it was learned from a labelled dataset. A sentence is worth checking
when it says something a person could verify or refute: numbers, dates and named people or
places make it concrete; accusation words, vague sourcing and comparisons make it the kind
of statement fact-checkers and laundering operators care about. Questions, greetings and
personal opinion are not checkable. The weights, in logits (0 is even odds):

=================  ======  ==================================================================
cue                weight  why
=================  ======  ==================================================================
(bias)             -2.0    a sentence with no cue is rarely worth checking (score 0.12)
number              1.0    a count or amount other than a year or a day: verifiable as stated
percent, money      0.6    statistics and sums, the commonest checked figures, on top of it
date                0.8    a month, weekday, year or "last week": pins an event down
entity              1.0    capitalised names after the first word; full weight at two
topic               0.6    policy nouns (taxes, jobs, troops, aid); full weight at two
change              0.6    rose, fell, doubled, cut: a claim about a trend
comparison          0.5    "more than", "twice as many", "up from": a checkable relation
superlative         0.4    largest, worst, record, ever
accusation          1.4    corruption, siphoned, embezzled, sabotaged, war crimes, rigged
allegation          0.7    accused, alleged, charged with, investigation
vague_source        0.9    "investigative reports", "critics say", "a leaked document"
reported            0.4    said, told, according to: a statement someone answers for
quote               0.5    quoted speech: checkable against its source (see ``_is_speech``)
scare_quote         0.2    a quoted word or phrase that is not speech, often a loaded label
past                0.2    past tense: narration of what happened
long                0.3    twelve words or more: room for a proposition
future              0.2    will, expected to, next year: a prediction, checkable later
first_person       -0.3    I, me, my: speaker-centred talk
opinion_marker     -0.8    I think, in my view, frankly
evaluative         -0.4    terrible, wonderful, ridiculous: judgement rather than fact
deontic            -0.5    should, must, need to: what ought to be, not what is
hedge              -0.3    maybe, perhaps, might
question           -1.2    a question asserts nothing
courtesy           -2.0    greetings, thanks, stage directions such as (APPLAUSE)
short              -1.2    under five words
action              0.0    voted, signed, banned, funded: what an actor did (speech, posts)
causal              0.0    because of, led to, caused: a claim about a cause
legal               0.0    illegal, unconstitutional, the law: a claim about the law
promise             0.0    "I will", "we're going to", "let me": a promise, not a claim
post_marks          0.0    hashtags, @mentions, links
=================  ======  ==================================================================

The last five, at 0 in news, are the cues that hold across genres; :data:`GENRE_WEIGHTS`
gives ``action``, ``causal`` and ``promise`` and some of the others their weights in
transcripts and posts, the genre being read from the sentences
(:mod:`launderlens.claims.genre`) unless the caller names it. ``legal`` and ``post_marks``
stay at 0 everywhere (the search that set the genre weights found no gain in them); they
are features for the models analysts train with ``launderlens train``.

So a sentence needs two or three independent concrete cues to reach :data:`THRESHOLD` (a
number with two names; two names, a date and a past-tense verb; an accusation behind a
vague source), and one cue alone does not.

When an encoder is given, each sentence is also compared with the exemplars of
:mod:`launderlens.claims.exemplars`: closeness to the claim types over closeness to opinion
and small talk moves the logit by up to about two, and the nearest type may name a sentence
that no word list recognises. A model trained by :func:`train_claim_model` on an analyst's
own labels replaces the hand-set score when passed as ``model``; the type still comes from
the rules, which are described at :func:`claim_type`. ``evals/claims_clef2019.py`` measures
how well the scores rank sentences that fact-checkers chose to check.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..embeddings.encoder import VectorEncoder
from ..errors import ConfigError
from ..findings import Claim, ClaimType
from .cues import MAX_CHARS, cue_values
from .exemplars import EXEMPLARS
from .genre import Genre, detect_genre_of

__all__ = [
    "FEATURES", "GENRE_WEIGHTS", "THRESHOLD", "WEIGHTS", "ClaimModel", "claim_features",
    "claim_type", "embed", "lexical_logit", "load_claim_model", "score_claims",
    "scorer_params", "train_claim_model", "type_similarities",
]

#: A sentence is check-worthy when its score is at least this (even odds). It is the same
#: for every genre: with the genre weights it flags about as many lines as fact-checkers
#: chose in debates (84 for 91 in the gate debates of ``evals/claims_genres.py``) and in
#: tweets (76 for 59), and the threshold of best F1 on the tuning debates and tweets lies
#: within a quarter of a logit of it. ClaimBuster, with 28% check-worthy sentences against
#: 3% in a debate, would want it 1.5 logits lower: the share depends on the sample.
THRESHOLD = 0.5
BIAS = -2.0
WEIGHTS: Mapping[str, float] = {
    "number": 1.0, "percent": 0.6, "money": 0.6, "date": 0.8, "entity": 1.0, "topic": 0.6,
    "change": 0.6, "comparison": 0.5, "superlative": 0.4, "accusation": 1.4,
    "allegation": 0.7, "vague_source": 0.9, "reported": 0.4, "quote": 0.5, "scare_quote": 0.2,
    "past": 0.2, "long": 0.3, "future": 0.2, "first_person": -0.3, "opinion_marker": -0.8,
    "evaluative": -0.4, "deontic": -0.5, "hedge": -0.3, "question": -1.2, "courtesy": -2.0,
    "short": -1.2, "action": 0.0, "causal": 0.0, "legal": 0.0, "promise": 0.0,
    "post_marks": 0.0,
}
#: The lexical cues, in the column order of a trained model.
FEATURES: tuple[str, ...] = tuple(WEIGHTS)
#: The weights that differ by genre (see :mod:`.genre`); the others are WEIGHTS'. They were
#: set by coordinate search in steps of 0.3 from WEIGHTS (no weight fitted freely): the
#: transcript ones on the ``tune`` debates of ``evals/claims_genres.py`` (the 2016 CLEF-2019
#: training debates and every other later one) and the even ``sentence_id`` half of
#: ClaimBuster, the social ones on the CLEF-2020 task 1 training tweets; the other later
#: debates, ClaimBuster's odd half and the CLEF-2020 dev tweets were kept out for the
#: gates. News keeps the hand-set weights, written for news prose.
GENRE_WEIGHTS: Mapping[Genre, Mapping[str, float]] = {
    "news": {},
    # Spoken claims: figures and who did what (votes, causes) are what fact-checkers pick
    # from a debate; names are mostly the people addressed, "we should" and "we're going
    # to" are programme, not record, and a hedge is how speakers soften a real claim.
    "transcript": {
        "number": 1.6, "percent": 0.9, "money": 0.3, "date": 0.5, "entity": 0.1, "change": 0.3,
        "comparison": 0.2, "vague_source": 1.2, "scare_quote": -0.1, "past": 0.5, "long": -0.3,
        "deontic": -0.8, "hedge": 0.3, "action": 0.3, "causal": 0.3, "promise": -0.3,
    },
    # Posts: a checkable post narrates what happened (past tense, a date, a policy subject);
    # the poster's own "I", advice ("you should") and forecasts are not claims, and a bare
    # figure in a post is as often a count of likes or a phone number as a statistic.
    "social": {
        "number": 0.4, "date": 0.5, "topic": 0.9, "change": 0.0, "superlative": 0.1,
        "accusation": 1.1, "scare_quote": -0.1, "past": 0.8, "future": -0.1,
        "first_person": -0.9, "deontic": -0.8, "action": 0.3, "causal": -0.6,
    },
}

# Semantic evidence is (closest claim type) - (closer of opinion and small talk), measured as
# the mean cosine of the 3 nearest exemplars of each type. For MiniLM that difference runs
# from about -0.3 to +0.3 and averages about +0.05 over the sentences of news articles
# (five claim types against two), so it is centred there; a strong resemblance moves the
# logit by about 2, as much as two concrete cues.
SEMANTIC_WEIGHT = 7.0
SEMANTIC_CENTRE = 0.05
# The nearest exemplar type replaces a weak lexical type only when the sentence is close to
# it (MiniLM puts a sentence and an exemplar of the same kind on different subjects at about
# 0.4-0.6) and clearly closer than to any other type; otherwise the resemblance is topical.
SEMANTIC_TYPE_MIN = 0.4
SEMANTIC_TYPE_MARGIN = 0.1
_NEAREST = 3

TYPES: tuple[ClaimType, ...] = ("event", "statistic", "quote", "accusation", "prediction",
                                "opinion", "other")
_CLAIM_TYPES = frozenset({"event", "statistic", "quote", "accusation", "prediction"})
# Types the nearest exemplars may give without a lexical cue: a statistic needs a number and
# a quote its quotation marks, but an accusation or a forecast can be worded any way.
_FREE_TYPES: Mapping[str | None, ClaimType] = {
    t: t for t in ("event", "accusation", "prediction", "opinion", "other")}

# --- lexical cues ---------------------------------------------------------------------

def claim_features(text: str) -> dict[str, float]:
    """The cues of ``text``: feature name -> value in [0, 1], for every name in FEATURES.

    Values are 0 or 1 except ``entity`` and ``topic``, which count up to two matches. The
    cues are found by :func:`launderlens.claims.cues.cue_values`.
    """
    values = cue_values(text)
    return {name: values[name] for name in FEATURES}


def lexical_logit(features: Mapping[str, float], genre: Genre = "news") -> float:
    """The hand-set score of ``features`` before the logistic function, with the weights
    of ``genre``."""
    weights = GENRE_WEIGHTS[genre]
    # Rounded so that cues summing exactly to the threshold do not fall below it by 1e-16.
    return round(BIAS + sum(weights.get(name, WEIGHTS[name]) * value
                            for name, value in features.items()), 9)


def claim_type(features: Mapping[str, float], nearest: str | None = None) -> ClaimType:
    """The type of a sentence with ``features``; ``nearest`` is its nearest exemplar type.

    Strong cues decide first, in this order, because the earlier type is the more useful
    description when several apply: ``other`` for courtesies; ``accusation`` (accusation
    words, or an allegation word with a source); ``quote``; ``prediction`` (future);
    ``statistic`` (a number, percent or sum). Then the nearest exemplar type, if given,
    unless it is ``statistic`` or ``quote``, which need their number or quotation marks;
    then ``opinion`` (opinion marker, deontic, or evaluative words without anything
    concrete), ``event`` (narration or reporting of something concrete); else ``other``.
    """
    def on(name: str) -> bool:
        return features.get(name, 0.0) > 0

    concrete = on("entity") or on("date") or on("number")
    if on("courtesy"):
        return "other"
    if on("accusation") or (on("allegation") and (on("vague_source") or on("reported"))):
        return "accusation"
    if on("quote"):
        return "quote"
    if on("future"):
        return "prediction"
    if on("number") or on("percent") or on("money"):
        return "statistic"
    if nearest in _FREE_TYPES:
        return _FREE_TYPES[nearest]
    if on("opinion_marker") or on("deontic") or (on("evaluative") and not concrete):
        return "opinion"
    if concrete and (on("past") or on("reported") or on("date")):
        return "event"
    return "other"


# --- semantic cues --------------------------------------------------------------------

_EXEMPLAR_CACHE: dict[tuple[str, int], tuple[np.ndarray, np.ndarray]] = {}


def _exemplar_vectors(encoder: VectorEncoder) -> tuple[np.ndarray, np.ndarray]:
    """Exemplar vectors of ``encoder`` and the TYPES index of each, encoded once."""
    key = (encoder.name, encoder.dimension)
    if key not in _EXEMPLAR_CACHE:
        texts = [text for kind in TYPES for text in EXEMPLARS[kind]]
        owners = np.asarray([i for i, kind in enumerate(TYPES) for _ in EXEMPLARS[kind]])
        _EXEMPLAR_CACHE[key] = (np.asarray(encoder.encode(texts), dtype=np.float32), owners)
    return _EXEMPLAR_CACHE[key]


def embed(texts: Sequence[str], encoder: VectorEncoder) -> np.ndarray:
    """Unit vectors of ``texts`` (each read up to MAX_CHARS), one row per text."""
    vectors = encoder.encode([text[:MAX_CHARS] for text in texts]) if texts else None
    if vectors is None:
        return np.zeros((0, encoder.dimension), dtype=np.float32)
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), encoder.dimension)


def type_similarities(vectors: np.ndarray, encoder: VectorEncoder) -> np.ndarray:
    """An array (rows of ``vectors``, len(TYPES)): the mean cosine of each row of ``vectors``
    (from :func:`embed` with ``encoder``) to the three nearest exemplars of each type."""
    exemplars, owners = _exemplar_vectors(encoder)
    cosines = np.asarray(vectors, dtype=np.float32) @ exemplars.T
    out = np.zeros((cosines.shape[0], len(TYPES)), dtype=np.float32)
    for column in range(len(TYPES)):
        block = cosines[:, owners == column]
        out[:, column] = np.sort(block, axis=1)[:, -_NEAREST:].mean(axis=1)
    return out


def _semantic_shift(similarities: np.ndarray) -> float:
    claim = max(float(similarities[i]) for i, t in enumerate(TYPES) if t in _CLAIM_TYPES)
    other = max(float(similarities[i]) for i, t in enumerate(TYPES) if t not in _CLAIM_TYPES)
    return SEMANTIC_WEIGHT * (claim - other - SEMANTIC_CENTRE)


# --- scoring --------------------------------------------------------------------------

def score_claims(sentences: Sequence[str], *, encoder: VectorEncoder | None = None,
                 model: str | Path | ClaimModel | None = None,
                 genre: Genre | None = None) -> list[Claim]:
    """One Claim per sentence, in order; ``Claim.sentence`` is the position in ``sentences``.

    Without ``model`` the score is the hand-set lexical one, shifted by exemplar similarity
    when ``encoder`` is given. With ``model`` (a trained model or the path of its JSON file)
    the score is that model's probability and ``check_worthy`` uses its threshold; a model
    trained with embeddings needs the same ``encoder``. ``features`` lists the cues that
    fired, and ``like:<type>`` for the nearest exemplar type when an encoder is given.
    ``genre`` picks the hand-set weights (:data:`GENRE_WEIGHTS`); by default it is read
    from the sentences themselves (:func:`.genre.detect_genre_of`).
    """
    trained = load_claim_model(model) if isinstance(model, (str, Path)) else model
    if trained is not None and trained.encoder is not None:
        trained.check_encoder(encoder)
    features = [claim_features(text) for text in sentences]
    vectors = similarities = None
    if encoder is not None:
        vectors = embed(sentences, encoder)
        similarities = type_similarities(vectors, encoder)
    if trained is not None:
        scores = trained.predict(features, vectors, similarities)
        threshold = trained.threshold
    else:
        kind = genre if genre is not None else detect_genre_of(sentences)
        logits = [lexical_logit(f, kind) for f in features]
        if similarities is not None:
            logits = [x + _semantic_shift(s) for x, s in zip(logits, similarities, strict=True)]
        scores = [_sigmoid(x) for x in logits]
        threshold = THRESHOLD
    claims = []
    for index, (cues, score) in enumerate(zip(features, scores, strict=True)):
        names = [name for name, value in cues.items() if value > 0]
        nearest = None
        if similarities is not None:
            runner_up, best = np.argsort(similarities[index])[-2:]
            names.append(f"like:{TYPES[best]}")
            closest, second = similarities[index][best], similarities[index][runner_up]
            if closest >= SEMANTIC_TYPE_MIN and closest - second >= SEMANTIC_TYPE_MARGIN:
                nearest = TYPES[best]
        claims.append(Claim(sentence=index, score=float(score), type=claim_type(cues, nearest),
                            check_worthy=score >= threshold, features=tuple(names)))
    return claims


def scorer_params(encoder: VectorEncoder | None = None,
                  model: str | Path | ClaimModel | None = None) -> dict[str, Any]:
    """How :func:`score_claims` scores with these arguments, for a report's provenance."""
    encoder_name = encoder.name if encoder is not None else None
    if model is not None:
        trained = load_claim_model(model) if isinstance(model, (str, Path)) else model
        return {"scorer": "trained", "threshold": trained.threshold, "encoder": encoder_name,
                "trained": dict(trained.trained or {})}
    return {"scorer": "lexical+semantic" if encoder is not None else "lexical",
            "threshold": THRESHOLD, "encoder": encoder_name,
            "exemplars": sum(len(group) for group in EXEMPLARS.values())}


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


# --- user-trained models --------------------------------------------------------------

MODEL_FORMAT = "launderlens.claim-model"
MODEL_VERSION = 1


@dataclass(frozen=True, eq=False)
class ClaimModel:
    """A logistic regression over standardised columns: the lexical FEATURES, then, when
    trained with an encoder, ``like:<type>`` similarities and the embedding itself."""

    columns: tuple[str, ...]
    coef: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray
    encoder: Mapping[str, Any] | None = None
    threshold: float = THRESHOLD
    trained: Mapping[str, Any] | None = None

    def check_encoder(self, encoder: VectorEncoder | None) -> None:
        """Raise ConfigError unless ``encoder`` is the one this model was trained with."""
        if self.encoder is None:
            return
        wanted = f"{self.encoder['name']} ({self.encoder['dimension']} dimensions)"
        if encoder is None:
            raise ConfigError(f"this claim model was trained with embeddings from {wanted}; "
                              "pass that encoder, or retrain without one")
        if (encoder.name, encoder.dimension) != (self.encoder["name"],
                                                 self.encoder["dimension"]):
            raise ConfigError(f"this claim model was trained with embeddings from {wanted}, "
                              f"not {encoder.name} ({encoder.dimension} dimensions)")

    def predict(self, features: Sequence[Mapping[str, float]], vectors: np.ndarray | None = None,
                similarities: np.ndarray | None = None) -> list[float]:
        """Probabilities in [0, 1] for sentences with ``features``; a model trained with an
        encoder also needs their ``vectors`` and ``similarities`` from that encoder."""
        if self.encoder is None:
            vectors = similarities = None
        elif vectors is None or similarities is None:
            raise ConfigError("this claim model needs sentence embeddings; pass the encoder")
        rows = _design(features, vectors, similarities)
        logits = ((rows - self.mean) / self.scale) @ self.coef + self.intercept
        return [_sigmoid(float(x)) for x in logits]

    def as_dict(self) -> dict[str, Any]:
        """The JSON document :func:`load_claim_model` reads back."""
        return {"format": MODEL_FORMAT, "version": MODEL_VERSION, "columns": list(self.columns),
                "coef": self.coef.tolist(), "intercept": self.intercept,
                "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "encoder": dict(self.encoder) if self.encoder else None,
                "threshold": self.threshold, "trained": dict(self.trained or {})}


def _design(features: Sequence[Mapping[str, float]], vectors: np.ndarray | None,
            similarities: np.ndarray | None) -> np.ndarray:
    """The model's input rows: lexical features, then similarities and embeddings if given."""
    parts = [np.asarray([[f[name] for name in FEATURES] for f in features], dtype=np.float64)
             .reshape(len(features), len(FEATURES))]
    if vectors is not None and similarities is not None:
        parts += [np.asarray(similarities, dtype=np.float64),
                  np.asarray(vectors, dtype=np.float64)]
    return np.hstack(parts)


def _columns(encoder: VectorEncoder | None) -> tuple[str, ...]:
    if encoder is None:
        return FEATURES
    return (*FEATURES, *(f"like:{t}" for t in TYPES),
            *(f"embedding:{i}" for i in range(encoder.dimension)))


def train_claim_model(labelled: Iterable[tuple[str, int]], path: str | Path | None = None, *,
                      encoder: VectorEncoder | None = None, c: float = 1.0) -> ClaimModel:
    """Fit a logistic regression on ``(sentence, label)`` pairs (label 1: check-worthy) and,
    when ``path`` is given, save it there as JSON for :func:`load_claim_model`.

    Classes are weighted by their frequency, so a probability of 0.5 means even odds on a
    balanced sample and the saved threshold of 0.5 stays meaningful when positives are rare.
    ``c`` is the inverse regularisation strength. Raises ConfigError without both labels.
    """
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:  # scikit-learn is the train extra's alone
        raise ConfigError("training needs scikit-learn: pip install 'launderlens[train]'") from None

    pairs = [(str(text), int(label)) for text, label in labelled]
    labels = np.asarray([label for _, label in pairs], dtype=np.int64)
    if not set(labels.tolist()) <= {0, 1}:
        raise ConfigError("claim labels must be 0 (not check-worthy) or 1 (check-worthy)")
    if len(set(labels.tolist())) < 2:
        raise ConfigError("training a claim model needs both check-worthy (1) and "
                          f"other (0) sentences; got {len(pairs)} of one label")
    texts = [text for text, _ in pairs]
    vectors = similarities = None
    if encoder is not None:
        vectors = embed(texts, encoder)
        similarities = type_similarities(vectors, encoder)
    rows = _design([claim_features(t) for t in texts], vectors, similarities)
    mean, scale = rows.mean(axis=0), rows.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    regression = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    regression.fit((rows - mean) / scale, labels)
    model = ClaimModel(
        columns=_columns(encoder), coef=np.asarray(regression.coef_[0], dtype=np.float64),
        intercept=float(regression.intercept_[0]), mean=mean, scale=scale,
        encoder={"name": encoder.name, "dimension": encoder.dimension} if encoder else None,
        trained={"examples": len(pairs), "positives": int(labels.sum()), "c": c})
    if path is not None:
        Path(path).write_text(json.dumps(model.as_dict(), indent=1) + "\n", encoding="utf-8")
    return model


def load_claim_model(path: str | Path) -> ClaimModel:
    """The model saved by :func:`train_claim_model` at ``path``.

    Models are JSON, never pickles: a model file may come from someone else, and loading a
    pickle runs whatever code it carries. Raises ConfigError for a file that is not a claim
    model, or one whose lexical columns differ from this version's FEATURES (retrain it).
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigError(f"cannot read claim model {path}: {error}") from None
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        raise ConfigError(f"{path} is not a launderlens claim model (format {MODEL_FORMAT})")
    if data.get("version") != MODEL_VERSION:
        raise ConfigError(f"{path}: claim model version {data.get('version')!r} is not "
                          f"supported; this launderlens reads version {MODEL_VERSION}")
    columns = tuple(data["columns"])
    if columns[:len(FEATURES)] != FEATURES:
        raise ConfigError(f"{path} was trained on other claim features; retrain it")
    arrays = [np.asarray(data[key], dtype=np.float64) for key in ("coef", "mean", "scale")]
    if any(a.shape != (len(columns),) for a in arrays):
        raise ConfigError(f"{path}: coef, mean and scale must each have {len(columns)} values")
    return ClaimModel(columns=columns, coef=arrays[0], intercept=float(data["intercept"]),
                      mean=arrays[1], scale=arrays[2], encoder=data.get("encoder"),
                      threshold=float(data.get("threshold", THRESHOLD)),
                      trained=data.get("trained"))
