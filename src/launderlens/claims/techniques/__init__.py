"""An article's text and sentences in; ``propaganda_technique`` findings out: spans that
use one of the fourteen techniques of the SemEval-2020 Task 11 scheme (loaded language,
name calling, repetition, doubt, ...), each with the task's label, a confidence and why.

By default the spans come from the shipped cues (:mod:`.cues`): phrases written here that
neutral reporting does not use in its own voice, so that a finding can be quoted. A user
who holds a corpus in the PTC layout trains a model of their own
(``launderlens train techniques PTC_DIR -o model.json``, :mod:`.model`) and passes it to the
analyzer; nothing trained on that corpus ships, since it may not be redistributed. When a
sentence encoder is installed, the cues are joined by sentences whose meaning is close to
prototypes written here (:mod:`.semantic`), the same auto rule as known-narrative matching.

Modules: ``cues`` (the patterns), ``detect`` (spans from cues), ``prototypes`` and
``semantic`` (techniques by meaning, with embeddings), ``features`` and ``model`` (a
trainable tagger and classifier stored as JSON), ``ptc`` (reading the corpus layout).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...findings import Evidence, Finding, Severity, Technique
from ...model import Article, Sentence
from .cues import CUES, TECHNIQUES, Cue
from .detect import FINDING_MIN_CONFIDENCE, MAX_CHARS, TechniqueSpan, cue_spans
from .model import TechniqueModel, load_technique_model, train_technique_model
from .ptc import GoldSpan, LabelledArticle, read_ptc

if TYPE_CHECKING:
    from .semantic import SemanticTechniques

__all__ = ["CUES", "TECHNIQUES", "Cue", "GoldSpan", "LabelledArticle", "TechniqueModel",
           "TechniqueSpan", "classify_span", "find_techniques", "load_technique_model",
           "read_ptc", "technique_findings", "train_technique_model"]

#: What a gold span is called when no cue overlaps it: the technique the task's corpus
#: labels most often, so the untrained guess is the least wrong one.
DEFAULT_TECHNIQUE: Technique = "Loaded_Language"
_EXCERPT_CHARS = 160
_READABLE = {t: t.replace("_", " ").replace(",", ", ").replace("-", " / ")
             for t in TECHNIQUES}
_READABLE["Flag-Waving"] = "flag-waving"
_READABLE["Black-and-White_Fallacy"] = "black-and-white fallacy"


def find_techniques(text: str, model: TechniqueModel | None = None, *,
                    min_confidence: float = 0.0, semantic: SemanticTechniques | None = None,
                    sentences: Sequence[tuple[int, int]] | None = None) -> list[TechniqueSpan]:
    """Technique spans of ``text`` from ``model``, or from the shipped cues without one
    (joined by the sentences ``semantic`` finds, when given: ``sentences`` are their
    offsets, by default the segmenter's), those at or above ``min_confidence``, by
    position."""
    if model is not None:
        spans = model.spans(text)
    else:
        spans = cue_spans(text)
        if semantic is not None:
            if sentences is None:
                from ...ingest.segment import sentence_spans

                sentences = sentence_spans(text[:MAX_CHARS])
            spans += semantic.sentence_spans(
                text, [(s, min(e, MAX_CHARS)) for s, e in sentences if s < MAX_CHARS], spans)
            spans.sort(key=lambda s: (s.start, s.end, s.technique))
    return [s for s in spans if s.confidence >= min_confidence]


def classify_span(text: str, start: int, end: int, spans: Sequence[TechniqueSpan] | None = None,
                  semantic: SemanticTechniques | None = None) -> tuple[Technique, float]:
    """The technique the shipped cues give the span ``start:end`` of ``text``: the most
    confident cue span overlapping at least half of it or lying inside it, else the
    technique ``semantic`` gives it by meaning when given, else :data:`DEFAULT_TECHNIQUE`
    with confidence 0. ``spans`` are ``cue_spans(text)`` when already computed."""
    named = _cue_label(text, start, end, spans)
    if named[1] > 0 or semantic is None:
        return named
    return semantic.classify([text[start:end]])[0]


def _cue_label(text: str, start: int, end: int, spans: Sequence[TechniqueSpan] | None
               ) -> tuple[Technique, float]:
    spans = cue_spans(text) if spans is None else spans
    best: TechniqueSpan | None = None
    for span in spans:
        overlap = min(end, span.end) - max(start, span.start)
        if overlap <= 0:
            continue
        covers = overlap * 2 >= end - start or overlap >= span.end - span.start
        if covers and (best is None or span.confidence > best.confidence):
            best = span
    return (best.technique, best.confidence) if best else (DEFAULT_TECHNIQUE, 0.0)


def technique_findings(article: Article, sentences: Sequence[Sentence],
                       model: TechniqueModel | None = None,
                       semantic: SemanticTechniques | None = None) -> list[Finding]:
    """``propaganda_technique`` findings for ``article``, each placed in its sentence:
    the model's spans when given one, else the shipped cues' (and ``semantic``'s
    sentences, when given) at or above :data:`FINDING_MIN_CONFIDENCE`."""
    floor = 0.0 if model is not None else FINDING_MIN_CONFIDENCE
    starts = [s.start for s in sentences]
    offsets = [(s.start, s.end) for s in sentences] if sentences else None
    findings = []
    for span in find_techniques(article.text, model, min_confidence=floor, semantic=semantic,
                                sentences=offsets):
        index = _sentence_at(sentences, starts, span.start)
        findings.append(_finding(article.text, span, index))
    return findings


def _sentence_at(sentences: Sequence[Sentence], starts: list[int], offset: int) -> int | None:
    if not sentences:
        return None
    at = bisect.bisect_right(starts, offset) - 1
    if at >= 0 and offset < sentences[at].end:
        return sentences[at].index
    return sentences[min(at + 1, len(sentences) - 1)].index


def _finding(text: str, span: TechniqueSpan, sentence: int | None) -> Finding:
    excerpt = " ".join(text[span.start:span.end].split())
    if len(excerpt) > _EXCERPT_CHARS:
        excerpt = excerpt[:_EXCERPT_CHARS - 1] + "…"
    quoted = (" The words stand inside quotation marks, so they may be the speaker's "
              "technique rather than the outlet's; the confidence is lowered."
              if span.quoted else "")
    message = (f"Propaganda technique, {_READABLE[span.technique]}: \u201c{excerpt}\u201d. "
               f"What marks it: {span.why}.{quoted}")
    severity: Severity = "medium" if span.confidence >= 0.7 else "low"
    evidence = (Evidence("sentence", excerpt, None, sentence),
                Evidence("computation", f"technique {span.technique} by {span.source}"))
    return Finding("propaganda_technique", severity, span.confidence, message, sentence,
                   span.start, span.end, evidence, technique=span.technique)
