"""A sentence in, the quantities it states out: its tokens and figures (value, unit, the
slot word before them); and the changes of figures between two retellings of one statement
("2.7 billion" against "1.5 billion", "48 hours" is "two days").

Split from :mod:`.changes`, which reads the other kinds of fact (names, roles, negation,
hedges, sources) over the same tokens; calendar dates are read by :mod:`.dates`.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from ..languages import calendar
from ..languages.calendar import MONTH_NUMBERS
from ..languages.numbers import ORDINALS, count_value, number_value
from .clock import CLOCK, CLOCK_UNITS, read_clock, readings, same_time
from .number_words import (
    COUNT_SCALES,
    DOZENS,
    ROUGH,
    ROUGHLY,
    and_a_half,
    figure_value,
    read_count,
)

__all__ = ["ARTICLES", "FUNCTION_WORDS", "WEEKDAYS", "Figure", "Token", "Values", "derived",
           "fraction_words", "is_month", "is_year", "number_changes", "pair_up", "plural_like",
           "read_figures", "read_shares", "read_tokens", "same_value", "text_span", "word_before",
           "word_stem", "wordlist", "wordset", "year_like", "year_starts", "year_token"]

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    norm: str
    start: int
    end: int


def wordlist(words: str) -> list[str]:
    return words.split()


def wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: The articles, which open a noun phrase ("the Inland Empire") and name nothing.
ARTICLES = wordset("the a an")
_TOKEN = re.compile(r"[$€£]?\d[\d,]*(?:\.\d+)?%?|[^\W\d_]+(?:['’.-][^\W\d_]+)*'?")
FUNCTION_WORDS = wordset("""
a an the of to in on at for by with from and or but as that this these those is are was
were be been being has have had do does did will would shall should its it his her their
our they he she we i you who which what there than then so such into over about
""")


@lru_cache(maxsize=1024)
def read_tokens(text: str) -> tuple[Token, ...]:
    out = []
    for match in _TOKEN.finditer(text):
        raw = match.group().rstrip("'")
        norm = raw.lower().replace("’", "'").removesuffix("'s").rstrip(",")
        norm = _APOSTROPHE_DROPPED.get(norm, norm)
        out.append(Token(raw, norm, match.start(), match.start() + len(raw)))
    return tuple(out)


#: Negated contractions typed without their apostrophe, as copied and re-typed text often
#: has them ("I dont know"), read as the contraction; "cant" and "wont" are words of their
#: own and stay.
_APOSTROPHE_DROPPED = {word.replace("'", ""): word for word in wordlist("""
don't doesn't didn't isn't aren't wasn't weren't haven't hasn't hadn't couldn't shouldn't
wouldn't mustn't needn't ain't
""")}


def word_stem(word: str) -> str:
    # Crude on purpose: it joins "deploy"/"deploys"/"deployed", all the head-word
    # checks below need; a final "e" goes too, so that "reduce" meets "reduces".
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)][:6].removesuffix("e")
    return word[:6].removesuffix("e") if len(word) > 3 else word


def text_span(text: str, tokens: Sequence[Token], first: int, last: int) -> str:
    first, last = max(0, first), min(len(tokens) - 1, last)
    return text[tokens[first].start:tokens[last].end] if first <= last else ""


# --- numbers -------------------------------------------------------------------------

WEEKDAYS = frozenset(calendar.WEEKDAYS)


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    unit: str
    text: str
    before: str = ""  # the content word just before it: the slot when the unit is not
    # Whether the number is written in digits, a currency sign or not ("$5", "€2.7", "12%"),
    # rather than in words ("five", "a dozen"): words rephrase, digits state.
    digits: bool = False
    definite: bool = False  # "the two" of "the two friends": a set named before, in words
    ordinal: bool = False  # "third" of "their third child": a rank, not a count
    # The values a rough count in words may stand for ("a few hundred": 200 to 600, "three
    # dozen": 31 to 41, "more than a dozen": 11 on); None for a count it states.
    span: tuple[float, float] | None = None
    # Whether ``value`` is a guess at a count its words leave open ("a few hundred": 300),
    # where "a thousand" and "two dozen" name theirs.
    guessed: bool = False

    def covers(self, value: float) -> bool:
        """Whether this rough count may stand for ``value``."""
        return self.span is not None and self.span[0] <= value <= self.span[1]


def is_month(tokens: Sequence[Token], k: int) -> bool:
    token = tokens[k]
    if token.norm.rstrip(".") not in MONTH_NUMBERS or not token.text[0].isupper():
        return False
    # "May" is a month only before a day or a year; otherwise it is the modal verb.
    following = tokens[k + 1].norm if k + 1 < len(tokens) else ""
    return token.norm != "may" or following.isdigit()


def year_token(token: Token) -> bool:
    """Whether a token is written as a year: four digits from 1800 to 2100, no separator
    ("2,019 firms" counts firms)."""
    return token.norm.isdigit() and len(token.norm) == 4 and year_like(int(token.norm))


def plural_like(word: str) -> bool:
    """Whether a word reads as a plural noun by its ending: "households", not "press",
    "bonus" or "crisis"."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def year_like(value: float) -> bool:
    """Whether a value could be a year, 1800 to 2100."""
    return 1800 <= value <= 2100 and value == int(value)


def is_year(tokens: Sequence[Token], k: int) -> bool:
    """Whether token ``k`` states a year: written as one, and not counting the things a
    plural noun after it names ("2000 households", "about 1900 people" count; "in 2019",
    "the 2019 elections", "its 2020 budget" are years)."""
    if not year_token(tokens[k]):
        return False
    if k + 1 == len(tokens) or tokens[k + 1].start == tokens[k].end:
        return True  # "the 1990s", "in 2019."
    following = tokens[k + 1].text
    counts = following.islower() and following not in FUNCTION_WORDS \
        and (plural_like(following) or following == "people") \
        and not tokens[k].text.endswith(",")
    before = tokens[k - 1].norm if k else ""
    if counts and before in _PREPOSITIONS:
        return False  # "a survey of 2000 households", "among 1800 voters" count
    return not counts or before in _BEFORE_YEARS | FUNCTION_WORDS - _BEFORE_COUNTS


#: Words before a year ("since 2019", "its 2020 budget", "of March 2019") besides the
#: function words, and the function words that come before a count ("about 2000 people").
_BEFORE_YEARS = frozenset({"since", "until", "till", "during", "before", "after", "between",
                           "through", "my", "your", "mid", "early", "late", "fiscal"})
_BEFORE_COUNTS = frozenset({"about", "over", "than"})
#: Prepositions that take a count rather than a year: before a plural noun the figure
#: counts it ("of 2000 households"), where after a determiner it names the year's things
#: ("the 2019 elections") and after "in" it may date a verb ("in 1973 stands out").
_PREPOSITIONS = frozenset({"of", "among"})


def year_starts(text: str) -> frozenset[int]:
    """Where the years of ``text`` start (see :func:`is_year`)."""
    tokens = read_tokens(text)
    return frozenset(t.start for k, t in enumerate(tokens) if is_year(tokens, k))


#: Denominators of a fraction written in words ("two thirds", "three quarters").
_FRACTIONS = wordset("halves thirds quarters fourths fifths sixths sevenths eighths ninths "
                     "tenths")


def _in_fraction(tokens: Sequence[Token], k: int) -> bool:
    """Whether token ``k`` is part of a fraction in words: "a fifth of", "two thirds". A
    rewrite turns "a fifth of its 4,200 jobs" into "840 jobs" and "63.4 percent" into
    "close to two thirds": the share is a rounding, and neither word a count of its own."""
    norm = tokens[k].norm
    following = tokens[k + 1].norm if k + 1 < len(tokens) else ""
    if _hyphenated_share(norm) is not None:
        return True  # "a two-thirds majority"
    if norm in ORDINALS and k and tokens[k - 1].norm in ("a", "one", "every", "each"):
        return following == "of" or not following
    if following in _COUNTED:
        # "three quarters of the vote" is a share; "three quarters in a row" counts them.
        after = tokens[k + 2].norm if k + 2 < len(tokens) else ""
        return after in ("of", "") or not after.isalnum()
    return following in _FRACTIONS


#: Denominators that also name things counted whole: fiscal quarters, halves of a match.
_COUNTED = wordset("quarters halves")


def fraction_words(text: str) -> frozenset[int]:
    """Where the number words of ``text``'s fractions start ("fifth" in "a fifth of", "two"
    in "two thirds"): they state a share, not a count."""
    tokens = read_tokens(text)
    return frozenset(t.start for k, t in enumerate(tokens)
                     if t.norm[:1].isalpha() and _in_fraction(tokens, k))


def read_figures(text: str) -> list[Figure]:
    """Quantities of a text (years and days of the month are dates, not figures; fractions
    in words are shares, not figures)."""
    tokens, out, k = read_tokens(text), [], 0
    while k < len(tokens):
        clock = read_clock(text, tokens, k)
        if clock is not None:  # "2:40 a.m.", "0240 GMT": a time of day, in minutes
            out.append(Figure(clock.minutes, clock.unit, text_span(text, tokens, k, clock.end),
                              word_before(tokens, k), digits=True, span=clock.span))
            k = clock.end + 1
            continue
        (value, inner, rank), last = figure_value(text, tokens, k)
        spread, first = None, k
        following = tokens[k + 1].norm if k + 1 < len(tokens) else ""
        if value is None and (following in COUNT_SCALES or and_a_half(text, tokens, k + 1)):
            value = count_value(tokens[k].norm)  # "one million", "one and a half"
        if value is None and tokens[k].norm in ROUGH and following in COUNT_SCALES:
            value, *spread = ROUGH[tokens[k].norm]
            if tokens[k].norm == "a":  # "half a dozen" is six, "a quarter of a million"
                value, first = _share_before(tokens, k)
        in_date = (k > 0 and is_month(tokens, k - 1)) or (
            k + 1 < len(tokens) and is_month(tokens, k + 1) and tokens[k].norm.isdigit())
        if value is None or is_year(tokens, k) or in_date or _in_fraction(tokens, k) or \
                _in_name(text, tokens[k]):
            k += 1
            continue
        # a rank, or digits with the word run into them, is a count no words add to
        value, end, added = (value, last, False) if rank or last > k else \
            read_count(text, tokens, k, value)
        if added:
            spread = None  # "a hundred and fifty" names its count
        elif not spread and any(t.norm == "dozen" for t in tokens[k + 1:end + 1]):
            spread = list(DOZENS)
        after = end + 1 + (end + 1 < len(tokens) and tokens[end + 1].norm in ROUGHLY)
        unit_at = None if (after == len(tokens) or tokens[after].norm in FUNCTION_WORDS
                           or "%" in tokens[k].norm) else after
        inner = inner if end == last else ""
        unit = "%" if "%" in tokens[k].norm else word_stem(inner) if inner else (
            word_stem(tokens[unit_at].norm) if unit_at is not None else "")
        # "5 percent", "5 per cent"; "$168,000 per year" is a rate, no share
        per_cent = unit == "per" and after + 1 < len(tokens) and tokens[after + 1].norm == "cent"
        unit = "%" if unit == "percen" or per_cent else unit
        digits = tokens[k].norm.lstrip("$€£")[:1].isdigit()
        span = None
        if spread:
            side = _bound(tokens, first)
            span = (0.0 if side < 0 else value * spread[0],
                    math.inf if side > 0 else value * spread[1])
        out.append(Figure(value, unit, text_span(text, tokens, first, unit_at or end),
                           word_before(tokens, first), digits,
                           not digits and k > 0 and tokens[k - 1].norm in _DEFINITE,
                           rank or tokens[k].norm in ORDINALS, span,
                           tokens[k].norm in ROUGH and tokens[k].norm != "a" and not added))
        k = end + 1
    return out


def _share_before(tokens: Sequence[Token], k: int) -> tuple[float | None, int]:
    """The share that the words before an "a" at ``k`` take of the count after it (0.5 for
    "half a million", 0.75 for "three quarters of a million", 1 for none; None for a
    fraction whose count cannot be read), and where those words start."""
    at = k - 1
    before = tokens[at].norm if k else ""
    if before == "of" and k >= 2 and tokens[k - 2].norm in _DENOMINATORS:
        at -= 1
        before = tokens[at].norm
    elif before != "half":
        return 1.0, k
    if not before.endswith("s"):  # "half a", "a quarter of a"
        first = at - 1 if at and tokens[at - 1].norm in ("a", "one") else at
        return 1 / _DENOMINATORS[before], first
    count = number_value(tokens[at - 1].norm) if at else None
    return (None if count is None else count / _DENOMINATORS[before]), at - 1


def _bound(tokens: Sequence[Token], k: int) -> int:
    """1 where the words before ``k`` make the count a floor ("more than a dozen", "over a
    thousand"), -1 where they make it a ceiling ("fewer than a dozen", "up to a thousand"),
    else 0: "more than a million" retells 1.2 million, "fewer than a dozen" eight."""
    before = "".join(f" {t.norm}" for t in tokens[max(0, k - 2):k])
    if before.endswith(_FLOORS):
        return 1
    return -1 if before.endswith(_CEILINGS) else 0


_FLOORS = tuple(f" {w}" for w in ("more than", "over", "above", "at least", "upwards of",
                                   "excess of", "exceeding"))
_CEILINGS = tuple(f" {w}" for w in ("fewer than", "less than", "under", "below", "up to",
                                     "at most"))


#: Before a number in words, the words that make it the size of a set the text has named
#: ("the two", "these three"), not a count it states.
_DEFINITE = wordset("the these those")


def _in_name(text: str, token: Token) -> bool:
    """Whether a number is part of a name, not a quantity: glued to a word before it by a
    hyphen ("COVID-19", "F-16", "G-20") or run into capitals ("MP3", "W3C", "S3C2440"),
    unless they name a currency ("$US13.15", "R300", "NZ75c") and no capital follows the
    digits. A small letter before digits may be a currency's too ("Rs500"), and is left to
    stand."""
    start = token.start
    if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
        return True
    if not (start and token.text[:1].isdigit() and text[start - 1].isupper()):
        return False
    if token.end < len(text) and text[token.end].isupper():
        return True  # "W3C", "H1N1"
    run = start - 1
    while run and text[run - 1].isalnum():
        run -= 1
    if run and text[run - 1] in "$€£":
        return False  # "$US13.15"
    return text[run:start] not in _CURRENCY_CODES


#: Currencies' codes that may run into the digits of a sum: "R300" (rand), "NZ75c".
_CURRENCY_CODES = frozenset({"A", "AU", "C", "CA", "CHF", "EUR", "GBP", "HK", "INR", "NZ",
                             "R", "RUB", "S", "SG", "UAH", "US", "USD"})


def same_value(x: float, y: float) -> bool:
    # "nearly 40" for 39 is a rounding, not a change of figure.
    return abs(x - y) <= 0.03 * max(abs(x), abs(y))


class Values:
    """Figures' values, to ask whether any is :func:`same_value` as a value by bisection
    rather than by a comparison with each (a long text states thousands of figures)."""

    __slots__ = ("_sorted",)

    def __init__(self, values: Iterable[float]) -> None:
        self._sorted = sorted(v for v in values if math.isfinite(v))

    def holds(self, x: float) -> bool:
        if not math.isfinite(x):
            return False
        # Every value within 3% of x lies in this range (a little wider than it need be).
        lo, hi = sorted((x * 0.96, x / 0.96))
        values = self._sorted
        return any(same_value(x, values[k])
                   for k in range(bisect_left(values, lo), bisect_right(values, hi)))


# Units of time in hours, so that "48 hours" and "two days" are one duration.
_HOURS = {word_stem(form): hours for word, hours in (
    ("minute", 1 / 60), ("hour", 1.0), ("day", 24.0), ("week", 168.0), ("fortnight", 336.0),
    ("month", 730.0), ("year", 8760.0), ("decade", 87600.0)) for form in (word, f"{word}s")}


def _slot_unit(figure: Figure) -> str:
    """The unit a figure's slot is told by: one for every time of day."""
    return CLOCK if figure.unit in CLOCK_UNITS else figure.unit


def _same_figure(x: Figure, y: Figure) -> bool:
    # A rough count that may stand for the other figure retells it, if vaguely (a reading
    # of its own: :mod:`.omissions`); one that cannot is another figure.
    if x.unit in CLOCK_UNITS and y.unit in CLOCK_UNITS:  # times of day: to the minute
        return same_time(x.unit, x.value, y.unit, y.value) or any(
            x.covers(v) for v in readings(x.unit, y.unit, y.value)) or any(
            y.covers(v) for v in readings(y.unit, x.unit, x.value))
    if same_value(x.value, y.value) or x.covers(y.value) or y.covers(x.value):
        return True
    hours_x, hours_y = _HOURS.get(x.unit), _HOURS.get(y.unit)
    return hours_x is not None and hours_y is not None and same_value(
        x.value * hours_x, y.value * hours_y)


#: Denominators of the shares read in words: "a fifth", "two thirds", "three quarters".
_DENOMINATORS = {**{f"{word}s": d for word, d in ORDINALS.items()}, **ORDINALS,
                 "half": 2, "halves": 2, "quarter": 4, "quarters": 4}


def read_shares(text: str, figures: Sequence[Figure] | None = None) -> list[float]:
    """The shares a sentence states: fractions in words ("a fifth of", "two thirds",
    "half") and percentages ("20%", "20 percent") as parts of one; ``figures`` are the
    sentence's own when already read."""
    figures = read_figures(text) if figures is None else figures
    return [f.value / 100 for f in figures if f.unit == "%"] + \
        [share.value for share in _word_shares(text)]


@dataclass(frozen=True, slots=True)
class _Share:
    """A fraction in words: its share, its text, and the stem of the first content word
    after it, what it is a share of ("council" of "two thirds of the council")."""

    value: float
    text: str
    of: str


def _word_shares(text: str) -> list[_Share]:
    """The fractions in words of a sentence ("a fifth of", "two thirds", "two-thirds",
    "half the")."""
    tokens = read_tokens(text)
    out = []
    for k, token in enumerate(tokens):
        denominator = _DENOMINATORS.get(token.norm)
        share = _hyphenated_share(token.norm)
        if share is not None:
            out.append(_Share(share, token.text, _share_of(tokens, k)))  # "two-thirds"
        if denominator is None:
            continue
        before = tokens[k - 1].norm if k else ""
        after = tokens[k + 1].norm if k + 1 < len(tokens) else ""
        if token.norm.endswith("s"):  # "two thirds", "three quarters of"
            count = number_value(before) if k and _in_fraction(tokens, k - 1) else None
            if count:
                out.append(_Share(count / denominator, text_span(text, tokens, k - 1, k),
                                  _share_of(tokens, k)))
        elif after in ("of", "the") and (before in ("a", "an", "one") or token.norm == "half"):
            # "a fifth of", "a quarter of", "half the"
            first = k - (before in ("a", "an", "one"))
            out.append(_Share(1 / denominator, text_span(text, tokens, first, k),
                              _share_of(tokens, k)))
    return out


def _share_of(tokens: Sequence[Token], k: int) -> str:
    """The stem of the first content word after the fraction that ends at ``k``."""
    return next((word_stem(t.norm) for t in tokens[k + 1:] if t.norm not in FUNCTION_WORDS),
                "")


def _hyphenated_share(norm: str) -> float | None:
    """The share that a fraction written as one hyphenated word names ("two-thirds" 2/3,
    "one-third" 1/3, "three-quarters" 3/4); None for other words, ranks among them
    ("twenty-fifth" is no 20/5, "third-quarter" no 3/4)."""
    count, _, denominator = norm.partition("-")
    value = count_value(count) if denominator in _DENOMINATORS and count not in ORDINALS \
        else None
    if value is None or not 0 < value < _DENOMINATORS[denominator]:
        return None
    return value / _DENOMINATORS[denominator]


def derived(value: float, figures: Sequence[Figure], shares: Sequence[float]) -> bool:
    """Whether ``value`` is a share of one of ``figures`` ("a fifth of 4,200" is 840): a
    rewrite that works the figure out states what its source does."""
    return any(same_value(value, x.value * share) for x in figures for share in shares
               if 0 < share < 1)


def number_changes(a: str, b: str) -> list[tuple[str, str]]:
    fa, fb = read_figures(a), read_figures(b)
    left = [x for x in fa if not any(_same_figure(x, y) for y in fb)]
    right = [y for y in fb if not any(_same_figure(x, y) for x in fa)]
    shares = [*read_shares(a, fa), *read_shares(b, fb)]
    if shares and right:
        worked = [y for y in right if derived(y.value, fa, shares)]
        right = [y for y in right if y not in worked]
        left = [x for x in left if not any(derived(y.value, [x], shares) for y in worked)]
    def same_slot(x: Figure, y: Figure) -> bool:
        return (_slot_unit(x) == _slot_unit(y) and bool(x.unit)) or (
            bool(x.before) and x.before == y.before)

    def same_set(x: Figure, y: Figure) -> bool:
        # "the two" against "the three" (were arrested): one set, sized on both sides
        return same_slot(x, y) or (x.definite and y.definite and x.unit == y.unit)

    # "the two" (friends, leaders) sizes a set named before: it pairs only in its own slot,
    # or with the size the other side gives that set
    left = [x for x in left if not x.definite or any(same_set(x, y) for y in right)]
    right = [y for y in right if not y.definite or any(same_set(x, y) for x in left)]
    # A rank is compared with a rank only: "their third child" retells "two kids and
    # another on the way", where "third" against "fourth" is a change; and a time of day
    # with a time only.
    def kind(f: Figure) -> tuple[bool, bool]:
        return f.ordinal, f.unit in CLOCK_UNITS

    kinds = sorted({kind(f) for f in (*left, *right)})
    return [pair for k in kinds for pair in pair_up(
        [x for x in left if kind(x) == k], [y for y in right if kind(y) == k],
        same_slot, lambda f: f.text)] + _share_changes(a, b, fa, fb) + _code_changes(a, b)


def _code_changes(a: str, b: str) -> list[tuple[str, str]]:
    """Codes of capitals and digits, names rather than counts (:func:`_in_name`), that
    differ in their digits alone: "Q3" against "Q4" names another quarter, "G7" against
    "G8" another group, "H5N1" against "H1N1" another virus. Each side holds one code of
    that shape, and neither the other's."""
    ca, cb = _codes(a), _codes(b)
    return [(min(ca[shape]), min(cb[shape])) for shape in sorted(ca.keys() & cb.keys())
            if len(ca[shape]) == len(cb[shape]) == 1 and ca[shape] != cb[shape]]


def _codes(text: str) -> dict[str, set[str]]:
    """The codes of ``text`` by their shape, digits standing for any ("Q#", "H#N#")."""
    out: dict[str, set[str]] = {}
    for match in _CODE.finditer(text):
        code = match.group()
        letters = _LEADING_CAPITALS.match(code)
        if letters and code[letters.end():].isdigit() and letters.group() in _CURRENCY_CODES:
            continue  # "R300", "US13": a sum, read as a figure
        if any(map(year_token, read_tokens(code))):
            continue  # "FY2019": a year, which :mod:`.dates` compares
        out.setdefault(re.sub(r"\d+", "#", code), set()).add(code)
    return out


#: Capitals run into digits, as a word of its own: "Q3", "G7", "H1N1", "S3C2440".
_CODE = re.compile(r"(?<![\w$€£.-])[A-Z]+\d[A-Z\d]*(?![\w-])")
_LEADING_CAPITALS = re.compile(r"[A-Z]+")


def _share_changes(a: str, b: str, fa: Sequence[Figure], fb: Sequence[Figure]
                   ) -> list[tuple[str, str]]:
    """Fractions in words of one thing that differ ("a two-thirds majority" against "a
    three-quarters majority"; "a third of a centime" is no "three quarters of a percent");
    ``fa`` and ``fb`` are the sides' figures. A fraction is compared with a fraction only,
    as a rewrite rounds a percentage into one ("63.4 percent" is "close to two thirds"),
    and is no change where the other side may state it in any shape
    (:func:`_shares_loosely`); one inside a figure ("a quarter of a million") is compared
    as the figure."""
    wa = [x for x in _word_shares(a) if not any(x.text in f.text for f in fa)]
    wb = [y for y in _word_shares(b) if not any(y.text in f.text for f in fb)]
    if not (wa and wb):
        return []
    loose_a, loose_b = _shares_loosely(a, fa), _shares_loosely(b, fb)
    left = [x for x in wa if not any(same_value(x.value, y) for y in loose_b)]
    right = [y for y in wb if not any(same_value(x, y.value) for x in loose_a)]
    return pair_up(left, right, lambda x, y: x.of == y.of, lambda share: share.text,
                    in_order=False)


def _shares_loosely(text: str, figures: Sequence[Figure]) -> list[float]:
    """The shares of :func:`read_shares`, and every share a fraction word may state
    without the words around it that :func:`read_shares` asks for ("half backed it", "a
    third opposed"): a share to excuse a fraction of the other side, never to claim one."""
    tokens = read_tokens(text)
    out = read_shares(text, figures)
    for k, token in enumerate(tokens):
        denominator = _DENOMINATORS.get(token.norm)
        if denominator is not None:
            count = count_value(tokens[k - 1].norm) if k else None
            out.append((count or 1) / denominator)
    return out


def word_before(tokens: Sequence[Token], k: int) -> str:
    """The stem of the nearest content word in the two tokens before ``k``."""
    for p in (k - 1, k - 2):
        if p >= 0 and tokens[p].norm not in FUNCTION_WORDS and not tokens[p].norm[:1].isdigit():
            return word_stem(tokens[p].norm)
    return ""


def pair_up(left: list[_T], right: list[_T], same_slot: Callable[[_T, _T], bool],
             text_of: Callable[[_T], str], *, in_order: bool = True
             ) -> list[tuple[str, str]]:
    """Pair what only a has with what only b has: by slot; then, when as many are left on
    each side and ``in_order`` allows, in order ("by seven votes to two" against "split
    five to four")."""
    pairs = []
    right = list(right)
    unpaired = []
    for x in left:
        matches = [y for y in right if same_slot(x, y)]
        if matches:
            right.remove(y := matches[0])
            pairs.append((text_of(x), text_of(y)))
        else:
            unpaired.append(x)
    if in_order and unpaired and len(unpaired) == len(right):
        pairs += [(text_of(x), text_of(y)) for x, y in zip(unpaired, right, strict=True)]
    return pairs
