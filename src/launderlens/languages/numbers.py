"""English number words in, their values out: "thirty-two" -> 32, "seventh" -> 7, "1,340" ->
1340, and the scale words that multiply a figure ("2.7 billion").

One home for the number vocabulary, so that alignment (which pairs "32 countries" with
"thirty-two nations") and change detection (which reads "2.7 billion" against "1.5 billion")
read figures the same way.
"""

from __future__ import annotations

import functools
import math

__all__ = ["ORDINALS", "SCALES", "count_value", "number_value"]


def _words(text: str) -> list[str]:
    return text.split()


_SMALL = dict(zip(_words(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"), range(2, 20), strict=True))
_TENS = dict(zip(_words("twenty thirty forty fifty sixty seventy eighty ninety"),
                 range(20, 100, 10), strict=True))
#: Ordinals read as figures. "first" and "second" are left out: far more often a figure of
#: speech ("at first") or a unit of time than a count.
ORDINALS = dict(zip(
    _words("third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"),
    range(3, 13), strict=True))
#: Words that multiply the figure before them.
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


@functools.lru_cache(maxsize=65536)
def number_value(word: str) -> float | None:
    """The value of one lower-case token: digits (with thousands commas, a decimal point,
    a currency sign or a per cent sign), a number word ("one" excepted: mostly a pronoun;
    :func:`count_value` reads it where only a count can stand),
    a hyphenated one ("thirty-two") or an ordinal from "third" on; None otherwise."""
    digits = word.strip("$€£%").replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        pass
    else:
        # float() also takes "nan", "inf" and "infinity": names ("Nan Goldin", "Infinity
        # Ward"), never figures, and NaN equals nothing, not even itself
        return value if math.isfinite(value) else None
    parts = word.split("-")
    # "one" counts after a tens word only: "twenty-one", where "one-two" is a pass
    if all(p in _SMALL or p in _TENS or (p == "one" and n and parts[n - 1] in _TENS)
           for n, p in enumerate(parts)):
        return float(sum(_SMALL.get(p, 0) + _TENS.get(p, 0) + (p == "one") for p in parts))
    return float(ORDINALS[word]) if word in ORDINALS else None


def count_value(word: str) -> float | None:
    """:func:`number_value` for a word that stands where only a count can, so that "one"
    is 1 there and no pronoun: before a scale word ("one million"), after "and" in a count
    ("a hundred and one"), before a half ("one and a half", "one-and-a-half-hour") or a
    fraction's denominator ("one-third")."""
    return 1.0 if word == "one" else number_value(word)
