"""Text in, its language out: an ISO 639-1 code and a confidence, with py3langid's
naive Bayes model for scripts that several languages share (Latin, Cyrillic, Arabic) and
the script itself where it settles the matter.

Identification reads at most :data:`MAX_CHARS` characters, so a hostile article costs
no more than a long one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

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


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import (  # type: ignore[import-untyped]
        MODEL_FILE,
        LanguageIdentifier,
    )

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# Letter ranges of each script; anything else alphabetic counts as "other".
_SCRIPT_RANGES = {
    "latin": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "cyrillic": "\u0400-\u052f", "greek": "\u0370-\u03ff\u1f00-\u1fff",
    "arabic": "\u0600-\u06ff\u0750-\u077f", "hebrew": "\u05d0-\u05ea",
    "hangul": "\uac00-\ud7af\u1100-\u11ff", "hiragana": "\u3040-\u309f",
    "katakana": "\u30a0-\u30ff", "cjk": "\u4e00-\u9fff\u3400-\u4dbf",
    "devanagari": "\u0900-\u097f", "georgian": "\u10a0-\u10ff", "armenian": "\u0530-\u058f",
    "thai": "\u0e00-\u0e7f",
}
_SCRIPT_PATTERNS = {name: re.compile(f"[{letters}]") for name, letters in _SCRIPT_RANGES.items()}


def script_counts(text: str) -> dict[str, int]:
    """How many letters of ``text`` (its first :data:`MAX_CHARS`) each script has."""
    sample = text[:MAX_CHARS]
    counts = {name: len(pattern.findall(sample)) for name, pattern in _SCRIPT_PATTERNS.items()}
    return {name: count for name, count in counts.items() if count}


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
    language, probability = _identifier().classify(sample)
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
