"""Text in, its language out: an ISO 639-1 code and a confidence, with py3langid's
naive Bayes model for scripts that several languages share (Latin, Cyrillic, Arabic) and
the script itself where it settles the matter.

Identification reads at most :data:`MAX_CHARS` characters, so a hostile article costs
no more than a long one.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .langid_model import identifier

__all__ = ["MAX_CHARS", "Guess", "LanguageText", "detect_language", "dominant_script",
           "language_of", "mixes_scripts"]

#: How much of a text identification reads.
MAX_CHARS = 4000
# Below this many letters a guess is not worth making.
_MIN_LETTERS = 12


class Guess(NamedTuple):
    """A language code (``None`` when unknown) and a probability in [0, 1]."""

    language: str | None
    confidence: float


# Letter ranges of each script (first and last code point); anything else alphabetic
# counts as "other". The ranges do not overlap.
_SCRIPT_RANGES = {
    "latin": ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x24F),
              (0x1E00, 0x1EFF)),
    "cyrillic": ((0x400, 0x52F),), "greek": ((0x370, 0x3FF), (0x1F00, 0x1FFF)),
    "arabic": ((0x600, 0x6FF), (0x750, 0x77F)), "hebrew": ((0x5D0, 0x5EA),),
    "hangul": ((0xAC00, 0xD7AF), (0x1100, 0x11FF)), "hiragana": ((0x3040, 0x309F),),
    "katakana": ((0x30A0, 0x30FF),), "cjk": ((0x4E00, 0x9FFF), (0x3400, 0x4DBF)),
    "devanagari": ((0x900, 0x97F),), "georgian": ((0x10A0, 0x10FF),),
    "armenian": ((0x530, 0x58F),), "thai": ((0xE00, 0xE7F),),
}
_SCRIPTS = tuple(_SCRIPT_RANGES)
# Every range's start and end (exclusive) in order: a code point lies in a range exactly
# when it has an odd number of edges at or below it.
_RANGES = sorted((first, last, _SCRIPTS.index(name))
                 for name, ranges in _SCRIPT_RANGES.items() for first, last in ranges)
_EDGES = np.array([edge for first, last, _ in _RANGES for edge in (first, last + 1)],
                  dtype=np.uint32)
_RANGE_SCRIPT = np.array([script for _, _, script in _RANGES], dtype=np.intp)


def script_counts(text: str) -> dict[str, int]:
    """How many letters of ``text`` (its first :data:`MAX_CHARS`) each script has."""
    points = np.frombuffer(text[:MAX_CHARS].encode("utf-32-le", "surrogatepass"),
                           dtype="<u4")
    edges = np.searchsorted(_EDGES, points, side="right")
    inside = edges[edges % 2 == 1] // 2
    counts = np.bincount(_RANGE_SCRIPT[inside], minlength=len(_SCRIPTS)).tolist()
    return {name: count for name, count in zip(_SCRIPTS, counts, strict=True) if count}


def dominant_script(text: str) -> str | None:
    """The script most letters of ``text`` are written in (``latin``, ``cyrillic``...)."""
    counts = script_counts(text)
    return max(counts, key=counts.__getitem__) if counts else None


def mixes_scripts(text: str, share: float = 0.2) -> bool:
    """Whether a second script holds at least ``share`` of the letters of ``text``."""
    counts = sorted(script_counts(text).values(), reverse=True)
    return len(counts) > 1 and counts[1] >= share * sum(counts)


# Scripts that one language (or one the model names for them) owns.
_SCRIPT_LANGUAGE = {"greek": "el", "hebrew": "he", "hangul": "ko", "hiragana": "ja",
                    "katakana": "ja", "georgian": "ka", "armenian": "hy", "thai": "th"}


def detect_language(text: str) -> Guess:
    """The language of ``text`` and how sure the model is of it."""
    sample = text[:MAX_CHARS]
    counts = script_counts(sample)
    if sum(counts.values()) < _MIN_LETTERS:
        return Guess(None, 0.0)
    script = max(counts, key=counts.__getitem__)
    if script in _SCRIPT_LANGUAGE:
        return Guess(_SCRIPT_LANGUAGE[script], 1.0)
    language, probability = identifier().classify(sample)
    return Guess(str(language), float(probability))


class LanguageText(str):
    """A text that carries the language already identified for it (at ingest), so that
    stages given plain strings (the similarity backends) need not identify it again."""

    __slots__ = ("language",)
    language: str | None

    def __new__(cls, text: str, language: str | None) -> LanguageText:
        made = super().__new__(cls, text)
        made.language = language
        return made


def language_of(text: str, chars: int = MAX_CHARS) -> Guess:
    """The language a :class:`LanguageText` carries (sure), else :func:`detect_language`
    of its first ``chars`` characters."""
    stored = getattr(text, "language", None)
    if isinstance(stored, str) and stored:
        return Guess(stored.split("-")[0].lower(), 1.0)
    return detect_language(text[:chars])
