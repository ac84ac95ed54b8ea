"""Text in; propaganda-technique spans out, from the shipped cues (:mod:`.cues`) or from a
model a user trained (:mod:`.model`).

A :class:`TechniqueSpan` is a character span of the text with one technique label and a
confidence. The cue detector runs every cue over the text (capped at :data:`MAX_CHARS`),
lowers the confidence of a match inside quotation marks (the technique is then the
speaker's, which a report should not pin on the outlet) and merges overlapping matches of
one technique into one span. :data:`FINDING_MIN_CONFIDENCE` is the floor below which a
span is kept out of findings.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...findings import Technique
from .cues import CUES, Cue

__all__ = ["FINDING_MIN_CONFIDENCE", "MAX_CHARS", "QUOTED_FACTOR", "TechniqueSpan",
           "cue_spans", "in_quotes"]

#: Only this much of an article is read: a longer text is a dump whose cost must stay
#: bounded.
MAX_CHARS = 200_000
#: A technique inside quotation marks belongs to whoever is quoted.
QUOTED_FACTOR = 0.8
#: Spans under this confidence are not findings (evaluations still see them).
FINDING_MIN_CONFIDENCE = 0.45


@dataclass(frozen=True, slots=True)
class TechniqueSpan:
    """``technique`` found at characters ``start:end``; ``source`` names the cue or model
    that found it, ``why`` says what marks the technique there."""

    technique: Technique
    start: int
    end: int
    confidence: float
    source: str
    why: str
    quoted: bool = False


def in_quotes(text: str, offset: int) -> bool:
    """Whether ``offset`` falls inside double quotation marks on its line (straight
    quotes counted by parity, curly ones by balance)."""
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def cue_spans(text: str, cues: tuple[Cue, ...] = CUES) -> list[TechniqueSpan]:
    """Every cue's matches in ``text``, one span per technique where matches overlap,
    sorted by position."""
    text = text[:MAX_CHARS]
    found: list[TechniqueSpan] = []
    for cue in cues:
        for match in cue.regex.finditer(text):
            start, end = _trimmed(text, match.start(), match.end())
            if end <= start:
                continue
            quoted = in_quotes(text, start)
            confidence = cue.confidence * (QUOTED_FACTOR if quoted else 1.0)
            found.append(TechniqueSpan(cue.technique, start, end, round(confidence, 3),
                                       cue.name, cue.why, quoted))
    return merge_overlaps(found)


def merge_overlaps(spans: list[TechniqueSpan]) -> list[TechniqueSpan]:
    """Overlapping spans of one technique become one, named by the most confident."""
    spans = sorted(spans, key=lambda s: (s.technique, s.start, -s.end))
    merged: list[TechniqueSpan] = []
    for span in spans:
        last = merged[-1] if merged else None
        if last is not None and last.technique == span.technique and span.start < last.end:
            best = span if span.confidence > last.confidence else last
            merged[-1] = TechniqueSpan(last.technique, last.start, max(last.end, span.end),
                                       best.confidence, best.source, best.why,
                                       last.quoted and span.quoted)
        else:
            merged.append(span)
    return sorted(merged, key=lambda s: (s.start, s.end, s.technique))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without blanks and leading punctuation a pattern took at its ends."""
    while start < end and (text[start].isspace() or text[start] in ".!?\"“"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
