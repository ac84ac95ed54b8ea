"""Name folding for knowledge-base lookups: a raw name or phrase in, a comparison key out.

Articles spell one person many ways ("Zelenskyy", "Zelensky", "Zelenskiy", "Orban" for
"Orbán"), so every lookup compares folded keys, never the raw text: case, diacritics,
punctuation and the usual transliteration endings of Slavic surnames are folded away.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..languages.words import fold_cyrillic

__all__ = ["fold", "fold_phrase", "name_keys", "surname_key"]

# Letters that Unicode decomposition leaves alone but a reader treats as their base letter.
_LETTERS = str.maketrans({
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i", "æ": "ae",
    "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss", "þ": "th", "ð": "d",
})
_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc`´]")
_NON_WORD = re.compile(r"[^\w']+")
# Romanisations of one Cyrillic ending: -ий / -ий / -ій come out as -iy, -yy, -yi, -ij, -ii.
_SLAVIC_ENDING = re.compile(r"(?:iy|yy|yi|ij|ii|yj)$")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+(?:'[\u0400-\u04ff]+)*")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``text`` in lower case without diacritics or punctuation, words split by one space.

    >>> fold("  Viktor  ORBÁN ")
    'viktor orban'
    >>> fold("Jean-Claude Juncker")
    'jean claude juncker'

    Russian and Ukrainian words also lose their inflection ending, so that a name or title
    in any grammatical case meets the KB's spelling:

    >>> fold("Президента России Владимира Путина")
    'президент росс владимир путин'
    """
    text = _APOSTROPHES.sub("'", text).translate(_LETTERS)
    if not text.isascii():
        text = _CYRILLIC_WORD.sub(lambda m: fold_cyrillic(m.group(0).replace("'", "")), text)
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    bare = bare.replace(".", "").replace("'", "")
    return " ".join(_NON_WORD.sub(" ", bare).split())


def fold_phrase(text: str) -> str:
    """``text`` folded like :func:`fold`, with a possessive "'s" kept as " s" and a leading
    "the" dropped, so that "the U.S. President" and "US president" compare equal."""
    text = _APOSTROPHES.sub("'", text).replace("'s ", " s ")
    folded = fold(text)
    return folded.removeprefix("the ")


def surname_key(token: str) -> str:
    """A folded surname with its transliteration ending normalised ("zelenskyy" -> "zelensky")."""
    return _surname_ending(fold(token).replace(" ", ""))


def _surname_ending(folded: str) -> str:
    """An already folded surname with its transliteration ending normalised (folding
    again is not a no-op for every Cyrillic word)."""
    if len(folded) > 4 and _SLAVIC_ENDING.search(folded):
        return _SLAVIC_ENDING.sub("y", folded)
    return folded


def name_keys(name: str) -> tuple[str, ...]:
    """The keys under which a full name is indexed and looked up.

    The folded name itself, the same without one-letter initials ("Donald J. Trump"), and
    both with the last word's transliteration ending normalised.
    """
    folded = fold(name)
    words = folded.split()
    without_initials = " ".join(word for word in words if len(word) > 1)
    keys = []
    for candidate in (folded, without_initials):
        parts = candidate.split()
        if not parts:
            continue
        keys.append(candidate)
        keys.append(" ".join([*parts[:-1], _surname_ending(parts[-1])]))
    return tuple(dict.fromkeys(keys))
