"""Case-folded text for fast word-list matching: text in, a lower-case copy of the same
length out, and patterns compiled to match that copy as their ``re.IGNORECASE`` form
matches the original.

Why: the analysis stages test every sentence against dozens of word lists ("rose|fell|
doubled...", "corruption|siphoned|..."). Python's ``re`` runs an alternation with
IGNORECASE three to four times slower than the same alternation in lower case without it,
because it cannot skip a branch on its first letter. Folding a sentence once and matching
lower-case patterns against the fold gives the same matches at the same offsets, faster.

The fold is :meth:`str.lower` with three characters fixed first, so that it agrees with
how ``re.IGNORECASE`` compares characters: ``İ`` (whose full lower case is two characters,
which would shift offsets), and the dotless ``ı`` and long ``ſ``, which IGNORECASE treats as
``i`` and ``s``. ``tests/test_textfeatures.py`` checks the agreement over every code point.
"""

from __future__ import annotations

import re

__all__ = ["caseless", "fold_case"]

_FIXES = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def fold_case(text: str) -> str:
    """``text`` in lower case, one character for one, as ``re.IGNORECASE`` compares it."""
    return text.translate(_FIXES).lower() if not text.isascii() else text.lower()


def caseless(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled to search :func:`fold_case` text: a match there is exactly a
    match of ``re.compile(pattern, re.IGNORECASE)`` in the original, at the same offsets.

    ``pattern`` must be written in lower case (escapes such as ``\\b`` or ``\\W`` aside) and
    must not switch case sensitivity inline; ValueError otherwise.
    """
    # Escapes (\b, \W) and group syntax ("(?P<name>") are not letters to match.
    literal = re.sub(r"\\.|\(\?P[<=]", "", pattern)
    # Non-ASCII cased letters are refused too: the fold is only proven for ASCII patterns.
    cased = any(ch.isupper() or (not ch.isascii() and ch.lower() != ch.upper())
                for ch in literal)
    if cased or "(?i" in pattern or "(?-i" in pattern:
        raise ValueError(f"a caseless pattern must be plain lower case: {pattern[:60]!r}")
    return re.compile(pattern)
