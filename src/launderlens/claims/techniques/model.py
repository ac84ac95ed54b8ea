"""Labelled articles in; a trained technique model out, saved as JSON, and its spans.

A :class:`TechniqueModel` has two linear parts over the string features of
:mod:`.features`:

- a *tagger*: a logistic regression that gives each token the probability that it lies
  in a propaganda span; runs of tokens at or above ``threshold`` on one line (bridging a
  single token below it) are the predicted spans;
- a *classifier*: one-vs-rest logistic regressions that name the technique of a span.

It is fitted by :func:`train_technique_model` (scikit-learn, the ``train`` extra) and stored
as a JSON map from feature name to weights, never a pickle: a model file may come from
someone else, and loading a pickle runs whatever code it carries. :func:`load_technique_model`
validates a file and says what is wrong with a bad one. launderlens ships no trained model:
the corpus it would learn from may not be redistributed.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from ...errors import ConfigError
from ...findings import Technique
from .cues import TECHNIQUES
from .detect import MAX_CHARS, TechniqueSpan
from .features import ArticleContext, span_features, token_features
from .ptc import LabelledArticle

__all__ = ["MODEL_FORMAT", "MODEL_VERSION", "TechniqueModel", "load_technique_model",
           "train_technique_model"]

MODEL_FORMAT = "launderlens.technique-model"
MODEL_VERSION = 1
#: A model file larger than this is refused before it is parsed.
MAX_MODEL_BYTES = 200_000_000


@dataclass
class TechniqueModel:
    """A trained tagger and classifier (see the module docstring)."""

    labels: tuple[Technique, ...]
    classifier: dict[str, list[float]]
    class_bias: list[float]
    tagger: dict[str, float]
    tagger_bias: float
    threshold: float = 0.5
    trained: dict[str, Any] = field(default_factory=dict)

    def token_probabilities(self, context: ArticleContext) -> list[float]:
        weights, bias = self.tagger, self.tagger_bias
        return [_sigmoid(bias + sum(weights.get(f, 0.0) for f in token_features(context, i)))
                for i in range(len(context.tokens))]

    def classify(self, context: ArticleContext, start: int, end: int) -> list[float]:
        """The probability of each of ``labels`` for the span ``start:end``."""
        scores = list(self.class_bias)
        for name in span_features(context, start, end):
            row = self.classifier.get(name)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row, strict=True)]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return [e / total for e in exp]

    def predict_label(self, context: ArticleContext, start: int, end: int
                      ) -> tuple[Technique, float]:
        probabilities = self.classify(context, start, end)
        best = max(range(len(probabilities)), key=probabilities.__getitem__)
        return self.labels[best], probabilities[best]

    def spans(self, text: str) -> list[TechniqueSpan]:
        """Predicted technique spans of ``text`` (its first ``MAX_CHARS`` characters)."""
        context = ArticleContext(text[:MAX_CHARS])
        probabilities = self.token_probabilities(context)
        found = []
        for first, last in _runs(context, probabilities, self.threshold):
            start, end = context.tokens[first].start, context.tokens[last].end
            technique, p_label = self.predict_label(context, start, end)
            p_span = sum(probabilities[first:last + 1]) / (last - first + 1)
            found.append(TechniqueSpan(
                technique, start, end, round(p_span * p_label, 3), "trained model",
                f"the trained model's tagger (mean token probability {p_span:.2f}) and "
                f"classifier ({technique} at {p_label:.2f})"))
        return found

    def as_dict(self) -> dict[str, Any]:
        """The JSON document :func:`load_technique_model` reads back."""
        return {"format": MODEL_FORMAT, "version": MODEL_VERSION, "labels": list(self.labels),
                "threshold": self.threshold, "trained": self.trained,
                "classifier": {"bias": self.class_bias, "weights": self.classifier},
                "tagger": {"bias": self.tagger_bias, "weights": self.tagger}}

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.as_dict(), separators=(",", ":")) + "\n",
                              encoding="utf-8")


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def _is_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _runs(context: ArticleContext, probabilities: Sequence[float], threshold: float
          ) -> list[tuple[int, int]]:
    """(first, last) token indices of the runs at or above ``threshold`` on one line; a
    single token below it between two above it joins them; punctuation at a run's ends is
    dropped, and a run without a word is none."""
    tokens, lines = context.tokens, context.token_line
    hot = [p >= threshold for p in probabilities]
    for i in range(1, len(hot) - 1):
        if not hot[i] and hot[i - 1] and hot[i + 1] and lines[i - 1] == lines[i + 1]:
            hot[i] = True
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(hot):
        if not hot[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(hot) and hot[j + 1] and lines[j + 1] == lines[i]:
            j += 1
        first, last = i, j
        while first <= last and not _is_word(tokens[first].text):
            first += 1
        while last >= first and not _is_word(tokens[last].text) and tokens[last].text != '"':
            last -= 1
        if first <= last:
            runs.append((first, last))
        i = j + 1
    return runs


# -- training -------------------------------------------------------------------------------

def train_technique_model(articles: Sequence[LabelledArticle], path: str | Path | None = None,
                          *, c_tagger: float = 0.5, c_classifier: float = 1.0,
                          threshold: float = 0.3, min_count: int = 2,
                          progress: Callable[[str], None] | None = None) -> TechniqueModel:
    """Fit the tagger and the classifier on ``articles`` and, when ``path`` is given, save
    the model there as JSON. ``c_*`` are inverse regularisation strengths; features seen
    fewer than ``min_count`` times are left out. Raises ConfigError without gold spans of
    at least two techniques, or without scikit-learn."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:  # scikit-learn is the train extra's alone
        raise ConfigError("training needs scikit-learn: pip install 'launderlens[train]'"
                          ) from None
    say = progress or (lambda _message: None)
    spans = [(a, s) for a in articles for s in a.spans]
    if len({s.technique for _, s in spans}) < 2:
        raise ConfigError(f"training a technique model needs gold spans of at least two "
                          f"techniques; got {len(spans)} spans")
    contexts = {a.id: ArticleContext(a.text[:MAX_CHARS]) for a in articles}
    say(f"features of {len(articles)} articles")
    token_rows, token_labels = [], []
    for article in articles:
        context = contexts[article.id]
        inside = _inside(context, article)
        for i in range(len(context.tokens)):
            token_rows.append(token_features(context, i))
            token_labels.append(int(inside[i]))
    tagger, tagger_bias = _fit_binary(token_rows, token_labels, c_tagger, min_count,
                                      DictVectorizer, LogisticRegression)
    say(f"tagger fitted on {len(token_rows)} tokens")
    span_rows = [span_features(contexts[a.id], s.start, s.end) for a, s in spans]
    labels = [s.technique for _, s in spans]
    classifier, class_bias, order = _fit_multiclass(span_rows, labels, c_classifier, min_count,
                                                    DictVectorizer, LogisticRegression)
    say(f"classifier fitted on {len(span_rows)} spans")
    model = TechniqueModel(order, classifier, class_bias, tagger, tagger_bias, threshold,
                           {"articles": len(articles), "spans": len(spans),
                            "tokens": len(token_rows), "c_tagger": c_tagger,
                            "c_classifier": c_classifier, "min_count": min_count})
    if path is not None:
        model.save(path)
    return model


def _inside(context: ArticleContext, article: LabelledArticle) -> list[bool]:
    inside = [False] * len(context.tokens)
    starts = [t.start for t in context.tokens]
    for span in article.spans:
        i = max(0, bisect.bisect_right(starts, span.start) - 1)
        while i < len(starts) and starts[i] < span.end:
            if context.tokens[i].end > span.start:
                inside[i] = True
            i += 1
    return inside


def _vectorise(rows: Sequence[Sequence[str]], min_count: int, vectorizer: Any) -> tuple[Any, Any]:
    counts: dict[str, int] = {}
    for row in rows:
        for name in set(row):
            counts[name] = counts.get(name, 0) + 1
    keep = {name for name, n in counts.items() if n >= min_count}
    vec = vectorizer(dtype=float)
    matrix = vec.fit_transform([{n: 1.0 for n in row if n in keep} for row in rows]).tocsr()
    # liblinear takes 32-bit indices only; a corpus this size never needs more
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    return vec, matrix


def _fit_binary(rows: Sequence[Sequence[str]], labels: Sequence[int], c: float,
                min_count: int, vectorizer: Any, regression: Any) -> tuple[dict[str, float], float]:
    vec, matrix = _vectorise(rows, min_count, vectorizer)
    fitted = regression(C=c, solver="liblinear", max_iter=200, random_state=0).fit(matrix, labels)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, fitted.coef_[0], strict=True)
               if abs(w) >= 1e-4}
    return weights, float(fitted.intercept_[0])


def _fit_multiclass(rows: Sequence[Sequence[str]], labels: Sequence[str], c: float,
                    min_count: int, vectorizer: Any, regression: Any
                    ) -> tuple[dict[str, list[float]], list[float], tuple[Technique, ...]]:
    """One-vs-rest logistic regressions (liblinear: faster than a multinomial fit here and
    as accurate in cross-validation); a span's label is the highest score."""
    from sklearn.multiclass import OneVsRestClassifier

    vec, matrix = _vectorise(rows, min_count, vectorizer)
    fitted = OneVsRestClassifier(regression(C=c, solver="liblinear", random_state=0)).fit(
        matrix, labels)
    order = tuple(cast(Technique, str(label)) for label in fitted.classes_)
    if len(order) == 2:  # one estimator for two classes: spell out both sides
        coef = [-fitted.estimators_[0].coef_[0] / 2, fitted.estimators_[0].coef_[0] / 2]
        bias = [-float(fitted.estimators_[0].intercept_[0]) / 2,
                float(fitted.estimators_[0].intercept_[0]) / 2]
    else:
        coef = [e.coef_[0] for e in fitted.estimators_]
        bias = [float(e.intercept_[0]) for e in fitted.estimators_]
    names = vec.get_feature_names_out()
    weights = {}
    for column, name in enumerate(names):
        row = [round(float(w[column]), 4) for w in coef]
        if any(abs(w) >= 1e-4 for w in row):
            weights[str(name)] = row
    return weights, bias, order


# -- loading --------------------------------------------------------------------------------

def load_technique_model(path: str | Path) -> TechniqueModel:
    """The model saved by :func:`train_technique_model` at ``path``. Raises ConfigError,
    saying what is wrong, for a file that is not a valid technique model."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_MODEL_BYTES:
            raise ConfigError(f"{path}: larger than {MAX_MODEL_BYTES} bytes; not a technique "
                              "model")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        if isinstance(error, ConfigError):
            raise
        raise ConfigError(f"cannot read technique model {path}: {error}") from None
    return model_from_dict(data, str(path))


def model_from_dict(data: Any, where: str = "technique model") -> TechniqueModel:
    """A :class:`TechniqueModel` from its JSON form, validated."""
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        raise ConfigError(f"{where} is not a launderlens technique model "
                          f"(format {MODEL_FORMAT!r})")
    if data.get("version") != MODEL_VERSION:
        raise ConfigError(f"{where}: technique model version {data.get('version')!r} is not "
                          f"supported; this launderlens reads version {MODEL_VERSION}")
    try:
        labels = tuple(cast(Technique, x) for x in data["labels"])
        unknown = [x for x in labels if x not in TECHNIQUES]
        if unknown or len(labels) < 2:
            raise ConfigError(f"{where}: labels must be two or more of {', '.join(TECHNIQUES)};"
                              f" unknown: {unknown}")
        classifier = data["classifier"]
        class_bias = _numbers(classifier["bias"], len(labels), "classifier bias")
        rows = {str(k): _numbers(v, len(labels), f"classifier weights of {k!r}")
                for k, v in _mapping(classifier["weights"]).items()}
        tagger = data["tagger"]
        tagger_weights = {str(k): _number(v, f"tagger weight of {k!r}")
                          for k, v in _mapping(tagger["weights"]).items()}
        threshold = _number(data.get("threshold", 0.5), "threshold")
        if not 0.0 < threshold < 1.0:
            raise ValueError("threshold must lie between 0 and 1")
        trained = data.get("trained") or {}
        return TechniqueModel(labels, rows, class_bias, tagger_weights,
                              _number(tagger["bias"], "tagger bias"), threshold,
                              dict(trained) if isinstance(trained, dict) else {})
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, ConfigError):
            raise
        raise ConfigError(f"{where}: malformed technique model ({type(error).__name__}: "
                          f"{error})") from None


def _mapping(value: Any) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("weights must be an object")
    return value


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number")
    return float(value)


def _numbers(values: Any, size: int, what: str) -> list[float]:
    if not isinstance(values, list) or len(values) != size:
        raise ValueError(f"{what} must be a list of {size} numbers")
    return [_number(v, what) for v in values]

