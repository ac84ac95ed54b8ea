"""Counts written in words in, their values out: a count that number words build ("a
hundred and fifty", "one and a half million", "two thousand three hundred") read as the one
value it names, and a number that leads a hyphenated word ("thirty-two-year-old",
"ten-million-euro", "twenty-first-century") with the word after it, its unit; with the
tables :mod:`.quantities` reads rough counts by ("a few hundred", "three dozen",
"forty-odd").

Split from :mod:`.quantities`, which finds the figures of a sentence and compares them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..languages.numbers import ORDINALS, SCALES, count_value, number_value

if TYPE_CHECKING:
    from .quantities import Token

__all__ = ["COUNT_SCALES", "DOZENS", "ROUGH", "ROUGHLY", "Leading", "and_a_half",
           "figure_value", "leading_number", "read_count"]

#: Scale words, with "dozen": "three dozen" is 36, told roughly.
COUNT_SCALES = {**SCALES, "dozen": 12.0}
#: Words that count a scale word after them roughly ("a few hundred", "several thousand",
#: "nearly a thousand"): the value read, and the lowest and highest share of it that the
#: words may stand for.
ROUGH = {"a": (1.0, 0.85, 1.15), "few": (3.0, 2 / 3, 2.0), "several": (5.0, 0.6, 1.8)}
#: The share of its value a count of dozens may stand for ("three dozen" for 31 to 41).
DOZENS = (0.85, 1.15)
#: Words after a number that round it, not its unit: "20-plus years", "40-odd people".
ROUGHLY = frozenset({"plus", "odd"})


def read_count(text: str, tokens: Sequence[Token], k: int, value: float
               ) -> tuple[float, int, bool]:
    """The value of the count whose first number, ``value``, stands at ``k``, read on
    through the words that build it; where it ends; and whether words past a number and its
    scales add to it ("two hundred thousand" is scales only; "a hundred and fifty", "one
    hundred fifty", "two thousand three hundred", "one and a half million", "a million and a
    half" add). A number joins only after a scale word and below it, so that "two and
    three", "between five and ten" and "five hundred and six hundred" stay two counts, and
    none joins across a comma ("rose to a hundred, and ninety were hurt")."""
    total, group, end, added = 0.0, value, k, False
    if and_a_half(text, tokens, k + 1):
        group, end, added = group + 0.5, k + 3, True
    scale = 0.0
    while end + 1 < len(tokens):
        size = COUNT_SCALES.get(tokens[end + 1].norm)
        if size is None and end == k and tokens[end + 1].norm.endswith("s"):
            size = SCALES.get(tokens[end + 1].norm[:-1])  # "1.1 millions", as "1.1 million"
        if size is not None:
            if size < 1000:
                group *= size  # "two hundred", "three dozen"
            elif group:
                total, group = total + group * size, 0.0  # "a hundred and fifty thousand"
            else:
                total *= size  # "three thousand million"
            scale, end = size, end + 1
            continue
        if tokens[end].norm not in COUNT_SCALES or not _run_on(text, tokens, end + 1):
            break
        if and_a_half(text, tokens, end + 1):
            return total + group + scale / 2, end + 3, True  # "a million and a half"
        if tokens[end].norm not in SCALES:
            break  # a dozen takes a half ("a dozen and a half"), no count after it
        at = end + 1 + (tokens[end + 1].norm == "and")
        part = _part(tokens, at)
        following = COUNT_SCALES.get(tokens[at + 1].norm, 0.0) if at + 1 < len(tokens) else 0.0
        # a scale after the part may not repeat the last one ("five hundred and six
        # hundred"), and may outgrow it only to take the hundreds before it ("a hundred and
        # fifty thousand", where "five thousand and six million" are two counts)
        if part is None or part >= scale or following == scale or (
                following > scale >= 1000):
            break
        group, end, added = group + part, at, True
    return total + group, end, added


def and_a_half(text: str, tokens: Sequence[Token], k: int) -> bool:
    return [t.norm for t in tokens[k:k + 3]] == ["and", "a", "half"] and _run_on(text, tokens, k)


def _run_on(text: str, tokens: Sequence[Token], k: int) -> bool:
    """Whether only spaces part the word at ``k`` from the one before it: no comma or other
    mark between them ends the count there."""
    return not text[tokens[k - 1].end:tokens[k].start].strip() and \
        not tokens[k - 1].text.endswith(",")


def _part(tokens: Sequence[Token], k: int) -> float | None:
    """The value of a number word at ``k`` that may add to a count before it ("fifty" of
    "a hundred and fifty", "one" of "a hundred and one"); None for digits and ordinals."""
    if k >= len(tokens) or not tokens[k].norm[:1].isalpha() or tokens[k].norm in ORDINALS:
        return None
    return count_value(tokens[k].norm)


def figure_value(text: str, tokens: Sequence[Token], k: int) -> tuple[Leading, int]:
    """The value of the number at ``k``, the unit inside it where it leads a hyphenated word
    ("two-decade-long": 2 and "decade"; "" for a plain number) and whether it is a rank;
    and the token it ends at: digits take the word run into them when it is an ordinal's
    ending or a scale word ("21st-century": the rank 21 and "century"; "1.5-million-strong":
    1,500,000 and "strong"), or a scale's abbreviation ("$36.9bn", "€50m", "50m euros",
    "$2bn-a-year"), or a fraction in one character ("2½", "2 ½"); a scale leading the
    hyphenated word after a space is the number's too ("1.5 billion-pound": 1,500,000,000
    and "pound"), unless the number counts the things it sizes ("two million-dollar
    homes": :func:`_sizes_one`); and a decimal comma before a scale word is a decimal point
    ("1,2 million")."""
    token = tokens[k]
    value = number_value(token.norm)
    if value is None:
        return leading_number(token.norm), k
    if k + 1 == len(tokens):
        return Leading(value), k
    gap = text[token.end:tokens[k + 1].start]
    following = tokens[k + 1].norm
    head = following.split("-")[0]
    if head in SCALES and "-" in following and gap.isspace() and _sizes_one(tokens, k, value):
        # a scale that leads a hyphenated word belongs to the number before it, as the
        # compound's own would: "1.5 billion-pound" is 1,500,000,000 and "pound"
        return leading_number(f"{token.norm}-{following}"), k + 1
    if (gap not in ("", "-") and not gap.isspace()) or not token.norm[-1:].isdigit():
        return Leading(value), k
    fraction = _vulgar_fraction(following)
    if fraction is not None:
        return Leading(value + fraction), k + 1  # "2½", "2 ½": two and a half
    if _DECIMAL_COMMA.fullmatch(token.norm) and head in SCALES:
        # "1,2 million": a comma before fewer than three digits groups no thousands
        return Leading(float(token.norm.lstrip("$€£").replace(",", "."))), k
    if gap not in ("", "-"):
        return Leading(value), k
    if head in _ORDINAL_ENDINGS | SCALES.keys():
        return leading_number(f"{token.norm}-{following}"), k + 1
    # "$2bn-a-year", "a $1.2bn-deal", "a 50m-euro fund": the word run on is the unit
    abbreviation, _, run_on = following.partition("-")
    unit = run_on.split("-")[0]
    after = tokens[k + 2].norm if k + 2 < len(tokens) else ""
    money = token.norm[:1] in "$€£" or after in _CURRENCIES or unit in _CURRENCIES
    scales = _MONEY_SCALES if money else _SCALES_ABBREVIATED
    scale = scales.get(abbreviation) if not gap else None
    if not scale:
        return Leading(value), k
    return Leading(value * scale, "" if unit in ROUGHLY | {"a", "an"} else unit), k + 1


class Leading(NamedTuple):
    """The number that leads a hyphenated compound: its value, its unit (the word after
    it), and whether it is a rank ("twenty-first-century"), not a count."""

    value: float | None
    unit: str = ""
    rank: bool = False


def leading_number(norm: str) -> Leading:
    """The number words (or digits) that lead a hyphenated compound, and the word after
    them, its unit: "thirty-two-year-old" 32 and "year", "two-decade-long" 2 and "decade";
    a half joins it ("two-and-a-half-hour" 2.5 and "hour"), and so does a scale word
    ("ten-million-euro" 10,000,000 and "euro", "1.5-million-strong" 1,500,000 and "strong"),
    with the smaller count after it ("one-hundred-and-fifty-year-old" 150 and "year"); an
    ordinal is a rank ("twenty-first-century" the 21st, "21-st-century" too, as the tokens
    of "21st-century" join, and "third-quarter" the 3rd); a word that rounds the number is
    no unit ("forty-odd" 40 and "", "forty-odd-year" 40 and "year"). A value of None when
    no number leads it."""
    parts = norm.split("-")
    value, n, rank = _leading_value(parts)
    if value is None:
        return Leading(None)
    value, n = _scaled(parts, value, n)
    return Leading(value, next((p for p in parts[n:] if p not in ROUGHLY), ""), rank)


def _scaled(parts: Sequence[str], value: float, n: int) -> tuple[float, int]:
    """The count that ``value``, the number of ``parts[:n]``, leads: times the scale words
    after it, plus the smaller count after them, with or without "and"
    ("two-thousand-five-hundred" 2,500, "one-hundred-and-one" 101); and the part the count
    ends before. A rank after the scale is left alone ("two-hundred-and-third")."""
    scale = 0.0
    while n < len(parts) and parts[n] in SCALES:
        scale = SCALES[parts[n]]
        value, n = value * scale, n + 1
    if not scale:
        return value, n
    at = n + (n < len(parts) and parts[n] == "and")
    rest = parts[at:]
    read = count_value if at > n else number_value  # "one" counts after "and"
    m, more = next(((m, v) for m in range(len(rest), 0, -1)
                    if (v := read("-".join(rest[:m]))) is not None), (0, None))
    rank = any(p in ORDINALS for p in rest[:m]) or (m < len(rest) and rest[m] in _UNIT_RANKS)
    if more is None or more >= scale or rank:
        return value, n
    more, m = _scaled(rest, more, m)
    return (value + more, at + m) if more < scale else (value, n)


def _leading_value(parts: Sequence[str]) -> tuple[float | None, int, bool]:
    """The value of the number that the first of ``parts`` build, how many parts it takes
    and whether it is a rank."""
    first = number_value(parts[0])
    if len(parts) > 1 and first is not None and (
            (parts[0].isalpha() and first in _TENS and parts[1] in _UNIT_RANKS)
            or (parts[0][:1].isdigit() and parts[1] in _ORDINAL_ENDINGS)):
        return first + _UNIT_RANKS.get(parts[1], 0), 2, True  # "twenty-first", "21-st"
    for n in range(len(parts) - 1, 0, -1):
        half = parts[n:n + 3] == ["and", "a", "half"]
        # "one" counts before a half or a scale word: "one-and-a-half-hour", "one-million"
        count = half or parts[n] in SCALES
        value = (count_value if count else number_value)("-".join(parts[:n]))
        if value is not None:
            # an ordinal word leads a rank as its digits do: "third-quarter", "3rd-quarter"
            return (value + 0.5, n + 3, False) if half else (
                value, n, n == 1 and parts[0] in ORDINALS)
    return None, 0, False


#: Scales abbreviated and run into digits: "36.9bn"; for money also "€50m", "$950k" and
#: "50m euros", which otherwise may be metres ("40m") or kilometres ("a 5k run").
_SCALES_ABBREVIATED = {"bn": 1e9}
_MONEY_SCALES = {**_SCALES_ABBREVIATED, "m": 1e6, "k": 1e3}
#: Currencies named after a figure ("50m euros", "950k dollars").
_CURRENCIES = frozenset({"dollar", "dollars", "euro", "euros", "pound", "pounds", "sterling",
                         "yen", "yuan", "franc", "francs", "rouble", "roubles", "ruble",
                         "rubles", "rupee", "rupees"})
#: Digits with a decimal comma, as much of Europe writes them: "1,2", "3,45" (groups of
#: thousands have three digits).
_DECIMAL_COMMA = re.compile(r"[$€£]?\d{1,3},\d{1,2}")


def _sizes_one(tokens: Sequence[Token], k: int, value: float) -> bool:
    """Whether the number at ``k``, before a scale that leads a hyphenated word, is that
    scale's: a fraction ("1.5 billion-pound"), ten or more ("77 million-member"), or after
    an article ("a 5 billion-dollar deal"). A whole count under ten counts the things the
    compound sizes: "two million-dollar homes" are two homes of a million dollars each."""
    return value != int(value) or value >= 10 or (
        k > 0 and tokens[k - 1].norm in ("a", "an", "the"))


def _vulgar_fraction(word: str) -> float | None:
    """The value of a fraction written as one character ("½" 0.5, "¾" 0.75); None for any
    other word."""
    if len(word) != 1:
        return None
    value = unicodedata.numeric(word, None)
    return value if value is not None and 0 < value < 1 else None


#: Endings that make digits a rank: "21st", "2nd", "3rd", "19th".
_ORDINAL_ENDINGS = frozenset({"st", "nd", "rd", "th"})
_TENS = frozenset(float(t) for t in range(20, 100, 10))
#: The ordinals that follow a tens word in a rank ("twenty-first", "thirty-second"): with
#: "first" and "second", which alone are seldom ranks (:data:`ORDINALS`).
_UNIT_RANKS = {"first": 1.0, "second": 2.0,
               **{word: float(value) for word, value in ORDINALS.items() if value < 10}}
