"""Sentences and spans in; propaganda techniques by meaning out, from a sentence encoder
(:mod:`launderlens.embeddings`) and the prototypes written here (:mod:`.prototypes`).

A text's similarity to a technique is its cosine to the nearest of that technique's
prototypes. Two uses, both beside the cues, never instead of them:

- :meth:`SemanticTechniques.sentence_spans`: a sentence at least :data:`CANDIDATE_SIMILARITY`
  close to a technique, and closer to it than to every example of neutral reporting, is a
  candidate span of that technique; its confidence is the similarity less
  :data:`CONFIDENCE_OFFSET`, so only sentences at or above :data:`FINDING_SIMILARITY`
  reach the finding floor. A sentence that a cue of the same technique already marks adds
  nothing (the cue's span is the one to quote).
- :meth:`SemanticTechniques.classify`: the technique of a span no cue names. A span as
  long as a clause (:data:`CLAUSE_CHARS`) is given the nearest technique that works at the
  level of a clause (doubt, fear, oversimplification, ...; loaded words and labels are
  short), a shorter one the nearest technique when at least :data:`CLASSIFY_SIMILARITY`
  close.

The thresholds were chosen on three quarters of the PTC train articles and checked on the
quarter kept out (``python evals/techniques.py --semantic``); the figures are in the README.
Zero-shot prototypes are a weak signal: most of what they add to span identification is
recall at a precision near the cues' own, and few sentences pass the finding threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np

from ...embeddings.encoder import VectorEncoder
from ...findings import Technique
from .detect import QUOTED_FACTOR, TechniqueSpan, in_quotes
from .prototypes import NEUTRAL, PROTOTYPES

__all__ = ["CANDIDATE_SIMILARITY", "CLASSIFY_SIMILARITY", "CLAUSE_CHARS",
           "CONFIDENCE_OFFSET", "FINDING_SIMILARITY", "SemanticTechniques"]

#: A sentence this close to a technique's prototypes is a candidate span.
CANDIDATE_SIMILARITY: Final = 0.5
#: Confidence of a sentence span = similarity - this (0.6 reaches the finding floor 0.45).
CONFIDENCE_OFFSET: Final = 0.15
FINDING_SIMILARITY: Final = 0.6
#: The highest confidence a sentence span gets from its meaning alone.
MAX_CONFIDENCE: Final = 0.7
#: A span no cue names is given the nearest technique at this similarity.
CLASSIFY_SIMILARITY: Final = 0.4
#: A span at least this long (characters) is named among the clause-level techniques.
CLAUSE_CHARS: Final = 60
#: Techniques carried by a word or a short phrase, not by what a clause says.
WORD_LEVEL: Final[frozenset[Technique]] = frozenset({"Loaded_Language",
                                                     "Name_Calling,Labeling"})
#: The default label of a span nothing names (the corpus's most frequent technique).
FALLBACK: Final[Technique] = "Loaded_Language"
#: Longer sentences are cut before they are embedded (the encoder reads ~256 tokens).
MAX_SENTENCE_CHARS: Final = 1_000
#: At most this many sentences of one text are embedded.
MAX_SENTENCES: Final = 2_000


class SemanticTechniques:
    """The prototypes embedded once with ``encoder``; scores texts against them."""

    def __init__(self, encoder: VectorEncoder) -> None:
        self.encoder = encoder
        self.name: str = getattr(encoder, "name", "embeddings")
        self.labels: tuple[Technique, ...] = tuple(PROTOTYPES)
        phrases = [p for label in self.labels for p in PROTOTYPES[label]]
        self._owner = np.repeat(np.arange(len(self.labels)),
                                [len(PROTOTYPES[label]) for label in self.labels])
        self._prototypes = encoder.encode(phrases)
        self._neutral = encoder.encode(list(NEUTRAL))
        self._clause = np.array([label not in WORD_LEVEL for label in self.labels])

    def similarities(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per text, its similarity to each technique (rows × :attr:`labels`) and to
        neutral reporting (one value per text)."""
        if not texts:
            return np.zeros((0, len(self.labels))), np.zeros(0)
        vectors = self.encoder.encode([t[:MAX_SENTENCE_CHARS] for t in texts])
        cosines = vectors @ self._prototypes.T
        per_label = np.full((len(texts), len(self.labels)), -1.0)
        for column in range(len(self.labels)):
            per_label[:, column] = cosines[:, self._owner == column].max(axis=1)
        return per_label, (vectors @ self._neutral.T).max(axis=1)

    def classify(self, texts: Sequence[str]) -> list[tuple[Technique, float]]:
        """The technique of each span text by meaning (see the module docstring), with
        its similarity; :data:`FALLBACK` with 0 when none is close enough."""
        per_label, _ = self.similarities(texts)
        named: list[tuple[Technique, float]] = []
        for text, row in zip(texts, per_label, strict=True):
            if len(text) >= CLAUSE_CHARS:
                column = int(np.argmax(np.where(self._clause, row, -np.inf)))
                named.append((self.labels[column], float(row[column])))
            elif row.max() >= CLASSIFY_SIMILARITY:
                column = int(np.argmax(row))
                named.append((self.labels[column], float(row[column])))
            else:
                named.append((FALLBACK, 0.0))
        return named

    def sentence_spans(self, text: str, sentences: Sequence[tuple[int, int]],
                       cues: Sequence[TechniqueSpan] = ()) -> list[TechniqueSpan]:
        """Candidate spans of whole sentences (``sentences`` are offsets into ``text``)
        whose meaning is close to a technique, except where a cue of that technique
        already lies in the sentence."""
        sentences = [(s, e) for s, e in sentences[:MAX_SENTENCES] if e > s]
        per_label, neutral = self.similarities([text[s:e] for s, e in sentences])
        found = []
        for (start, end), row, plain in zip(sentences, per_label, neutral, strict=True):
            column = int(np.argmax(row))
            similarity = float(row[column])
            if similarity < CANDIDATE_SIMILARITY or similarity <= plain:
                continue
            technique = self.labels[column]
            if any(c.technique == technique and c.start < end and start < c.end for c in cues):
                continue
            # a sentence that opens with a quotation mark is someone's words too
            quoted = in_quotes(text, start) or text[start] in "\"“"
            confidence = min(MAX_CONFIDENCE, similarity - CONFIDENCE_OFFSET)
            confidence *= QUOTED_FACTOR if quoted else 1.0
            found.append(TechniqueSpan(
                technique, start, end, round(confidence, 3), f"embeddings:{self.name}",
                f"what the sentence says is close to this project's examples of the "
                f"technique (cosine {similarity:.2f}, nearer than to neutral reporting)",
                quoted))
        return found
