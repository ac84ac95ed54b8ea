"""Time expressions in news text: a sentence in, dated spans out; and the reference date an
article's relative expressions are resolved against.

:func:`time_expressions` finds, with character spans into the text it is given:

- ``date``: "September 4, 2025", "4 September", "Thursday, 4 September 2025", "March 2022",
  "early 2023", "2023", "2025-09-04", and a month after a preposition ("in March");
- ``weekday``: "Thursday" on its own;
- ``relative``: "two years ago", "weeks after", "three years on from", "just weeks after",
  "last March",
  "earlier this month", "recently", "yesterday", "shortly after";
- ``ordinal_period``: "enters its seventh year", "in its fourth year", "the 1,000th day",
  "day 1,000", "for the fifth consecutive year";
- ``anniversary``: "the third anniversary";
- ``duration``: "three years", "more than three years", "a three-year", "a decade".

:func:`resolve` turns a date or a relative expression into a :class:`DateRange` against a
reference day; :func:`gap_bounds` says how many days a relative gap ("weeks after") can
plausibly cover; :func:`reference_date` picks the reference day of an article.

How vague words are read (the bounds, in units of the word's unit, are
:data:`VAGUE_COUNTS`): a bare plural ("weeks after", "just weeks ago") covers 1 to 10
weeks, 2 to 21 days, 1 to 24 months or 1 to 100 years; "a few" 2 to 6 units; "several" 3
to 9; "a couple of" 2 to 3; a number ``n`` covers ``0.75 n - 0.5`` to ``1.25 n + 0.5``
units ("two weeks" is 1 to 3 weeks). "more than n" reaches ``3 n + 2``, "nearly n" goes
down to ``n - 1``. So "just weeks after" an event seven months earlier is a slip: more than
ten weeks is no longer "weeks".

The module stays whole (about 630 lines) on purpose: the expression patterns, the resolver
and the reference date share one table of units, vague counts and seasons, and each
expression family is a few lines of pattern plus a branch of :func:`resolve`; split per
family, every part would import the others' private tables and read worse.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, NamedTuple

from ..languages.calendar import (
    MONTH_NUMBERS,
    SLAVIC_MONTH_NUMBERS,
    SLAVIC_NUMBERS,
    SLAVIC_UNITS,
    SLAVIC_WEEKDAY_NUMBERS,
    WEEKDAYS,
)
from ..languages.casefold import caseless, fold_case
from ..model import Article, Sentence

__all__ = [
    "UNIT_DAYS",
    "VAGUE_COUNTS",
    "DateRange",
    "Reference",
    "ReferenceSource",
    "TimeExpression",
    "TimexKind",
    "Unit",
    "count_bounds",
    "gap_bounds",
    "reference_date",
    "resolve",
    "time_expressions",
]

TimexKind = Literal["date", "weekday", "relative", "ordinal_period", "anniversary", "duration"]
Unit = Literal["day", "week", "month", "year"]
#: ``published``: the article's publication date; ``latest_in_text``: the latest full date
#: (day, month, year) written in the text; ``year_inferred``: no full date, so the latest
#: day-and-month date of the text completed with the latest year the text names.
ReferenceSource = Literal["published", "latest_in_text", "year_inferred", "unknown"]

#: Mean length of each unit in days.
UNIT_DAYS: dict[str, float] = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}

#: What a vague count covers, in units: (fewest, most). ``bare`` is a plural alone
#: ("weeks"); its range depends on the unit because "days" and "years" stretch differently.
VAGUE_COUNTS: dict[str, tuple[float, float]] = {
    "bare-day": (2, 21), "bare-week": (1, 10), "bare-month": (1, 24), "bare-year": (1, 100),
    "a few": (2, 6), "few": (2, 6), "several": (3, 9), "a couple of": (2, 3),
    "couple of": (2, 3), "many": (4, 100), "some": (1, 10),
}

_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
            "winter": (12, 2)}
_SMALL = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBERS = {word: k for k, word in enumerate(_SMALL, start=1)}
_NUMBERS.update({word: 20 + 10 * k for k, word in enumerate(_TENS)})
_NUMBERS.update({"a": 1, "an": 1, "a single": 1, "half a": 0})
_ORDINAL_SMALL = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
                  "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
_ORDINAL_TENS = ["twentieth", "thirtieth", "fortieth", "fiftieth"]
_ORDINALS = {word: k for k, word in enumerate(_ORDINAL_SMALL, start=1)}
_ORDINALS.update({word: 20 + 10 * k for k, word in enumerate(_ORDINAL_TENS)})
for _ten, _tens_word in enumerate(_TENS[:4]):
    for _k, _word in enumerate(_ORDINAL_SMALL[:9], start=1):
        _ORDINALS[f"{_tens_word}-{_word}"] = 20 + 10 * _ten + _k
        _ORDINALS[f"{_tens_word} {_word}"] = 20 + 10 * _ten + _k
for _ten, _tens_word in enumerate(_TENS):
    for _k, _word in enumerate(_SMALL[:9], start=1):
        _NUMBERS[f"{_tens_word}-{_word}"] = 20 + 10 * _ten + _k


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_MONTH_WORDS = ("January|February|March|April|May|June|July|August|September|October|November"
                "|December")
_MONTH = rf"(?P<month>{_MONTH_WORDS}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PART = r"(?:(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of)[- ])?"
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_alternation([*_NUMBERS, *VAGUE_COUNTS])})"
_ORDINAL = rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:st|nd|rd|th)|{_alternation(list(_ORDINALS))})"
_UNIT = r"(?P<unit>(?:day|week|month|year|decade)s?)"
_QUALIFIER = (r"(?:(?P<qual>just|only|barely|a mere|mere|some|nearly|almost|about|around|"
              r"roughly|approximately|more than|over|less than|under|fewer than|at least|"
              r"well over|little more than|no more than|barely a|only a)\s+)?")
_END = r"(?![\w-])"

_RELATIVE_PERIOD = (rf"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Cc]oming)\s+(?P<what>week|"
                    rf"month|year|weekend|spring|summer|autumn|fall|winter|{_MONTH_WORDS}|"
                    rf"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w-])")


class _Rule(NamedTuple):
    """A pattern of one kind, and the strings that must occur in a text for it to match:
    most sentences hold no time expression, and a substring test is far cheaper than a scan.

    A ``caseless`` pattern is written in lower case and reads the folded text
    (:func:`launderlens.languages.casefold.fold_case`, faster than IGNORECASE), its triggers too;
    the others read the text as written. One of ``triggers`` must occur, and one of
    ``also`` too when it is given.
    """

    kind: TimexKind
    pattern: re.Pattern[str]
    triggers: frozenset[str]
    caseless: bool = False
    also: frozenset[str] = frozenset()


def _rule(kind: TimexKind, triggers: str, pattern: str, also: str = "") -> _Rule:
    """A rule of a case-sensitive pattern."""
    return _Rule(kind, re.compile(pattern), frozenset(triggers.split()),
                 also=frozenset(also.split()))


def _caseless_rule(kind: TimexKind, triggers: str, pattern: str, also: str = "") -> _Rule:
    return _Rule(kind, caseless(pattern), frozenset(triggers.split()), True,
                 frozenset(also.split()))


# Month names are matched capitalised, so a month pattern needs one of these as written.
_MONTH_TRIGGER = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"
_UNIT_TRIGGER = "day week month year decade"
# Overlapping matches are settled by length (longest wins), then by the order here.
_RULES: tuple[_Rule, ...] = (
    _rule("date", _MONTH_TRIGGER,
          rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?{_END}"),
    _rule("date", _MONTH_TRIGGER,
          rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?!\d)(?:,?\s+{_YEAR})?{_END}(?!,\d)"),
    _rule("date", _MONTH_TRIGGER, rf"\b{_PART}{_MONTH}(?:\s+of)?,?\s+{_YEAR}{_END}"),
    _rule("date", "19 20",
          rf"\b{_YEAR}-(?P<imonth>0[1-9]|1[0-2])-(?P<iday>[0-2]\d|3[01])\b"),
    _rule("date", "19 20",
          rf"(?<![\w$€£.,-]){_PART}{_YEAR}(?![\w%]|[.,]\d|-\d|\s*(?:percent|per cent))"),
    # A month alone only after a preposition: "in March", not "May" the verb.
    _rule("date", _MONTH_TRIGGER,
          rf"\b(?:in|In|since|Since|by|until|of|during|from|through|before|after|early|mid|late|"
          rf"Early|Late|Until|By|From)[ -](?P<body>{_MONTH}){_END}"),
    _rule("weekday", "day", rf"\b{_WEEKDAY}s?\b"),
    _caseless_rule("relative", _UNIT_TRIGGER,
                   rf"\b{_QUALIFIER}(?:(?P<amount>{_NUMBER})\s+)?{_UNIT}\s+"
                   r"(?P<rel>ago|after|before|later|earlier|prior to|on from)\b",
                   also="ago after before later earlier prior from"),
    _caseless_rule("relative", "after before",
                   r"\b(?P<qual>shortly|soon|right|immediately|just|long)\s+"
                   r"(?P<rel>after|before)\b"),
    # [Ll]ast, [Tt]his...: the triggers leave out the first letter, which may be a capital.
    _rule("relative", "ast his ext oming", _RELATIVE_PERIOD),
    _caseless_rule("relative", "earlier later",
                   r"\b(?P<rel>earlier|later)\s+(?:this|in the)\s+(?P<what>week|month|year)\b"),
    _caseless_rule("relative", "recent lately yesterday today tomorrow tonight this",
                   r"\b(?:(?P<rel>recently|lately|yesterday|today|tomorrow|tonight)|"
                   r"in recent (?P<what>days|weeks|months|years)|"
                   r"(?P<rel2>earlier|later) today|this (?:morning|afternoon|evening))\b"),
    _caseless_rule("relative", "past last",
                   rf"\b(?:over|in|during|for)\s+the\s+(?P<rel>past|last)\s+"
                   rf"(?:(?P<amount>{_NUMBER})\s+)?{_UNIT}\b"),
    _caseless_rule("ordinal_period", _UNIT_TRIGGER,
                   rf"\b(?:(?P<verb>enters|entered|entering|enter|is now in|now in|is in|was in|"
                   rf"in|into|marks|marked|marking)\s+)?(?:(?:its|their|the)\s+)"
                   rf"(?P<ord>{_ORDINAL})\s+(?P<cons>consecutive\s+|straight\s+)?{_UNIT}"
                   rf"(?P<run>\s+running|\s+in a row)?{_END}"),
    _caseless_rule("ordinal_period", "day",
                   r"\bday\s+(?P<num>\d{1,3}(?:,\d{3})*|\d+)(?=\s+of\b)"),
    _caseless_rule("anniversary", "anniversar",
                   rf"\b(?:(?:the|its|their)\s+)?(?P<ord>{_ORDINAL})\s+anniversary\b"),
    _caseless_rule("duration", _UNIT_TRIGGER,
                   rf"\b{_QUALIFIER}(?P<amount>{_NUMBER})[- ]{_UNIT}(?:-long|-old)?{_END}"
                   r"(?!\s+(?:ago|after|before|later|earlier|prior)\b)"),
)
# -- Russian and Ukrainian (issue 15): dates, weekdays and counts of units before "назад"
# (ago) or "спустя"/"потому"/"через" (after); case-folded text, Cyrillic month stems as
# triggers. "4 сентября 2025 года", "в марте 2022 года", "в 2023 году", "у вересні",
# "в четверг", "три года назад", "два роки тому", "спустя пять лет".
_SLAVIC_MONTH = rf"(?P<month>{_alternation(sorted(SLAVIC_MONTH_NUMBERS, key=len, reverse=True))})"
_SLAVIC_YEAR = rf"{_YEAR}(?:\s*(?:года|году|год|г\.|року|рік|р\.))?"
_SLAVIC_NUMBER = rf"(?P<amount>\d+|{_alternation(list(SLAVIC_NUMBERS))})"
_SLAVIC_UNIT = rf"(?P<unit>{_alternation(sorted(SLAVIC_UNITS, key=len, reverse=True))})"
_SLAVIC_MONTH_TRIGGER = ("январ феврал март апрел ма июн июл август сентябр октябр ноябр "
                         "декабр січ лют берез квіт трав черв лип серп верес жовт листопад "
                         "груд")


def _slavic_rule(kind: TimexKind, triggers: str, pattern: str) -> _Rule:
    """A rule that reads the folded text with a lower-case Cyrillic pattern (Cyrillic lower
    case is one character for one, so offsets hold; :func:`caseless` proves only ASCII)."""
    return _Rule(kind, re.compile(pattern), frozenset(triggers.split()), True)


_SLAVIC_RULES: tuple[_Rule, ...] = (
    _slavic_rule("date", _SLAVIC_MONTH_TRIGGER,
                   rf"(?<!\w){_DAY}(?:-?го)?\s+{_SLAVIC_MONTH}(?:\s+{_SLAVIC_YEAR})?{_END}"),
    _slavic_rule("date", _SLAVIC_MONTH_TRIGGER,
                   rf"(?<!\w)(?:в|во|у)\s+(?P<body>{_SLAVIC_MONTH}(?:\s+{_SLAVIC_YEAR})?){_END}"),
    _slavic_rule("date", "году року",
                   rf"(?<!\w)(?:в|у)\s+(?P<body>{_YEAR}\s*(?:году|року)){_END}"),
    _slavic_rule("weekday", "в у",
                   r"(?<!\w)(?:в|во|у)\s+(?P<body>(?P<sweekday>"
                   rf"{_alternation(list(SLAVIC_WEEKDAY_NUMBERS))})){_END}"),
    _slavic_rule("relative", "назад тому спустя потому через",
                   rf"(?<!\w){_SLAVIC_NUMBER}\s+{_SLAVIC_UNIT}\s+(?P<srel>назад|тому|спустя|"
                   rf"потому){_END}|(?<!\w)(?P<srel2>спустя|через)\s+"
                   rf"{_SLAVIC_NUMBER.replace('<amount>', '<amount2>')}\s+"
                   rf"{_SLAVIC_UNIT.replace('<unit>', '<unit2>')}{_END}"),
)
_RULES = _RULES + _SLAVIC_RULES
_SLAVIC_RELATIONS = {"назад": "ago", "тому": "ago", "спустя": "after", "потому": "after",
                     "через": "after"}

# Every trigger and "also" word, with the numbers of the rules each trigger lets through.
_TEXT_TRIGGERS: dict[str, set[int]] = {}
_FOLDED_TRIGGERS: dict[str, set[int]] = {}
for _number, _it in enumerate(_RULES):
    _table = _FOLDED_TRIGGERS if _it.caseless else _TEXT_TRIGGERS
    for _word in _it.also:
        _table.setdefault(_word, set())
    for _word in _it.triggers:
        _table.setdefault(_word, set()).add(_number)


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression at ``start:end`` of the text it was found in.

    ``year``/``month``/``day`` for a date (``None`` where not written); ``weekday`` 0-6
    (Monday 0); ``amount`` the count or ordinal ("two", "seventh": 7; ``None`` when vague);
    ``unit``; ``relation`` for relative expressions (``ago``, ``after``, ``before``,
    ``later``, ``earlier``, ``last``, ``this``, ``next``, ``earlier_in`` and ``later_in``
    ("earlier this month"), ``recent``, ``past``, ``today``, ``yesterday``, ``tomorrow``);
    ``qualifier`` ("just", "more than", "early", "a few");
    ``verb`` the verb of an ordinal period ("enters"); ``recurring`` for "fifth
    consecutive year" / "for the fifth year running" (a count of repetitions, not an age).
    """

    kind: TimexKind
    text: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    amount: int | None = None
    unit: Unit | None = None
    relation: str | None = None
    qualifier: str | None = None
    verb: str | None = None
    recurring: bool = False
    season: str | None = None


@dataclass(frozen=True, slots=True)
class DateRange:
    """The days ``start`` to ``end`` (both included) a time expression covers."""

    start: date
    end: date

    def overlaps(self, other: DateRange, slack_days: int = 0) -> bool:
        """Whether the two ranges share a day, each widened by ``slack_days``."""
        slack = timedelta(days=slack_days)
        return self.start - slack <= other.end and other.start - slack <= self.end

    def describe(self) -> str:
        """"4 September 2025", "March 2022", "2023", or "3 March 2025 to 1 May 2025"."""
        if self.start == self.end:
            return format_day(self.start)
        last_of_month = calendar.monthrange(self.end.year, self.end.month)[1]
        if (self.start.day == 1 and self.end.day == last_of_month
                and (self.start.year, self.start.month) == (self.end.year, self.end.month)):
            return f"{calendar.month_name[self.start.month]} {self.start.year}"
        if (self.start.year == self.end.year and (self.start.month, self.start.day) == (1, 1)
                and (self.end.month, self.end.day) == (12, 31)):
            return str(self.start.year)
        return f"{format_day(self.start)} to {format_day(self.end)}"


class Reference(NamedTuple):
    """The day relative expressions are resolved against, and where it came from."""

    date: date | None
    source: ReferenceSource


def format_day(day: date) -> str:
    """``date(2025, 9, 4)`` -> "4 September 2025"."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def time_expressions(text: str) -> list[TimeExpression]:
    """Every time expression in ``text``, in order, without overlaps (the longest match of
    two overlapping ones is kept); spans are offsets into ``text``."""
    found: list[TimeExpression] = []
    folded = fold_case(text)
    in_text = {trigger for trigger in _TEXT_TRIGGERS if trigger in text}
    in_folded = {trigger for trigger in _FOLDED_TRIGGERS if trigger in folded}
    tried: set[int] = set()
    for trigger in in_text:
        tried |= _TEXT_TRIGGERS[trigger]
    for trigger in in_folded:
        tried |= _FOLDED_TRIGGERS[trigger]
    for number in sorted(tried):  # in rule order: it settles ties between overlaps
        rule = _RULES[number]
        if rule.also and rule.also.isdisjoint(in_folded if rule.caseless else in_text):
            continue
        for match in rule.pattern.finditer(folded if rule.caseless else text):
            expression = _build(rule.kind, match, text)
            if expression is not None:
                found.append(expression)
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[TimeExpression] = []
    for expression in sorted(found, key=lambda e: (-(e.end - e.start), e.start)):
        if all(expression.end <= other.start or expression.start >= other.end
               for other in kept):
            kept.append(expression)
    return sorted(kept, key=lambda e: e.start)


_Base = tuple[TimexKind, str, int, int]  # kind, text, start, end


def _group(match: re.Match[str], name: str) -> str | None:
    return match.groupdict().get(name)


def _build(kind: TimexKind, match: re.Match[str], text: str) -> TimeExpression | None:
    """The expression ``match`` found in ``text`` (or in its fold: the expression's text is
    taken from ``text``, and every group the builders read is compared in lower case)."""
    body = "body" if match.groupdict().get("body") else 0  # the span leaves out a preposition
    start, end = match.start(body), match.end(body)
    base: _Base = (kind, text[start:end], start, end)
    if match.groupdict().get("sweekday") or match.groupdict().get("srel") \
            or match.groupdict().get("srel2") or _slavic_month(match):
        return _build_slavic(kind, match, base)
    if kind == "date":
        return _build_date(match, base)
    if kind == "weekday":
        return TimeExpression(*base, weekday=_weekday(_group(match, "weekday")))
    if kind == "relative":
        return _build_relative(match, base)
    if kind in ("ordinal_period", "anniversary"):
        number = _group(match, "num")
        amount = _ordinal(_group(match, "ord")) if number is None else _int(number)
        unit = _unit(_group(match, "unit")) if kind == "ordinal_period" and number is None \
            else ("day" if number is not None else "year")
        verb = _group(match, "verb")
        recurring = bool(_group(match, "cons") or _group(match, "run"))
        return TimeExpression(*base, amount=amount, unit=unit,
                              verb=verb.lower() if verb else None, recurring=recurring)
    amount_text = (_group(match, "amount") or "").lower()
    amount, unit = _count(amount_text), _unit(_group(match, "unit"))
    if amount is None or amount == 0 or amount_text in VAGUE_COUNTS:
        return None  # "several years" is not a duration one can check
    if (_group(match, "unit") or "").lower().startswith("decade"):
        amount, unit = amount * 10, "year"
    qualifier = _group(match, "qual")
    return TimeExpression(*base, amount=amount, unit=unit,
                          qualifier=qualifier.lower() if qualifier else None)


def _slavic_month(match: re.Match[str]) -> bool:
    """Whether ``match`` is a Russian or Ukrainian date: a Cyrillic month, or a year
    "в 2023 году" / "у 2023 році" (a rule with no month group)."""
    groups = match.groupdict()
    month = groups.get("month")
    if month:
        return month.lower() in SLAVIC_MONTH_NUMBERS
    return "month" not in groups and any(word in match.group(0) for word in ("году", "року"))


def _build_slavic(kind: TimexKind, match: re.Match[str], base: _Base
                  ) -> TimeExpression | None:
    """An expression of a Russian or Ukrainian rule (read from the folded text)."""
    if kind == "weekday":
        return TimeExpression(*base, weekday=SLAVIC_WEEKDAY_NUMBERS.get(
            (_group(match, "sweekday") or "").lower()))
    if kind == "relative":
        word = (_group(match, "amount") or _group(match, "amount2") or "").lower()
        amount = int(word) if word.isdigit() else SLAVIC_NUMBERS.get(word)
        unit = SLAVIC_UNITS.get((_group(match, "unit") or _group(match, "unit2") or "").lower())
        relation = _SLAVIC_RELATIONS[(_group(match, "srel") or _group(match, "srel2") or "")
                                     .lower()]
        return TimeExpression(*base, amount=amount, unit=unit,  # type: ignore[arg-type]
                              relation=relation)
    year = _int(_group(match, "year"))
    month_text = (_group(match, "month") or "").lower()
    month = SLAVIC_MONTH_NUMBERS.get(month_text) if month_text else None
    day = _int(_group(match, "day"))
    if month is not None and day is not None and day > calendar.monthrange(year or 2000, month)[1]:
        return None
    return TimeExpression(*base, year=year, month=month, day=day)


def _build_date(match: re.Match[str], base: _Base) -> TimeExpression | None:
    year = _int(_group(match, "year"))
    month_text = _group(match, "month")
    month = (MONTH_NUMBERS.get(month_text.lower().rstrip(".")) if month_text
             else _int(_group(match, "imonth")))
    day = _int(_group(match, "day")) or _int(_group(match, "iday"))
    if month is not None and day is not None:
        last = calendar.monthrange(year or 2000, month)[1]  # 2000: a leap year allows 29 Feb
        if day > last:
            return None
    part = _group(match, "part")
    return TimeExpression(*base, year=year, month=month, day=day,
                          weekday=_weekday(_group(match, "weekday")),
                          qualifier=part.lower() if part else None)


def _build_relative(match: re.Match[str], base: _Base) -> TimeExpression | None:
    relation = (_group(match, "rel") or _group(match, "rel2") or "").lower()
    what = (_group(match, "what") or "").lower()
    text = match.group(0).lower()  # as matched: folded, for a caseless pattern
    qualifier = (_group(match, "qual") or "").lower() or None
    amount_text = (_group(match, "amount") or "").lower()
    unit = _unit(_group(match, "unit"))
    amount = _count(amount_text) if amount_text and amount_text not in VAGUE_COUNTS else None
    unit_text = (_group(match, "unit") or "").lower()
    if unit_text and not unit_text.endswith("s") and not amount_text:
        amount = 1  # "the day after", "a year before" is one unit
    if amount_text in VAGUE_COUNTS:
        qualifier = amount_text if qualifier is None else f"{qualifier} {amount_text}"
    if (_group(match, "unit") or "").lower().startswith("decade"):
        amount, unit = (amount or 1) * 10, "year"
    if relation == "prior to":
        relation = "before"
    elif relation == "on from":  # "three years on from the referendum"
        relation = "after"
    if text.startswith("in recent"):
        relation, unit = "recent", _unit(what)
    elif relation in ("recently", "lately"):
        relation = "recent"
    elif text.endswith("today") or (text.startswith("this ") and not what):
        relation = "today"
    if relation in ("last", "this", "next", "past", "coming", "earlier", "later") and what:
        return _build_named_period(base, text, relation, what, qualifier)
    return TimeExpression(*base, amount=amount, unit=unit,
                          relation=relation, qualifier=qualifier)


def _build_named_period(base: _Base, text: str, relation: str, what: str,
                        qualifier: str | None) -> TimeExpression:
    relation = "next" if relation == "coming" else relation
    if text.startswith(("earlier this", "earlier in the")):
        relation = "earlier_in"
    elif text.startswith(("later this", "later in the")):
        relation = "later_in"
    month = MONTH_NUMBERS.get(what.rstrip("."))
    weekday = _weekday(what)
    if month is not None or weekday is not None or what in _SEASONS:
        return TimeExpression(*base, month=month, weekday=weekday,
                              relation=relation, qualifier=qualifier,
                              season=what if what in _SEASONS else None)
    unit = _unit("week" if what == "weekend" else what)
    return TimeExpression(*base, unit=unit, relation=relation,
                          qualifier=qualifier)


def _int(text: str | None) -> int | None:
    return int(text.replace(",", "")) if text else None


def _weekday(text: str | None) -> int | None:
    if not text:
        return None
    name = text.lower().rstrip("s")
    return WEEKDAYS.index(name) if name in WEEKDAYS else None


def _unit(text: str | None) -> Unit | None:
    if not text:
        return None
    word = text.lower().rstrip("s")
    if word == "decade":
        return "year"
    return word if word in ("day", "week", "month", "year") else None  # type: ignore[return-value]


def _count(text: str) -> int | None:
    text = text.lower()
    if not text:
        return None
    if text[0].isdigit():
        return int(text.replace(",", ""))
    return _NUMBERS.get(text)


def _ordinal(text: str | None) -> int | None:
    if not text:
        return None
    text = text.lower()
    if text[0].isdigit():
        return int(re.sub(r"[^\d]", "", text))
    return _ORDINALS.get(text)


# --- resolution --------------------------------------------------------------------------

def count_bounds(expression: TimeExpression) -> tuple[float, float] | None:
    """How many units a relative or duration expression can plausibly mean: (fewest, most).

    See the module docstring and :data:`VAGUE_COUNTS`; None without a unit.
    """
    unit = expression.unit
    if unit is None:
        return None
    qualifier = expression.qualifier or ""
    vague = next((name for name in sorted(VAGUE_COUNTS, key=len, reverse=True)
                  if not name.startswith("bare") and qualifier.endswith(name)), None)
    if expression.amount is None:
        return VAGUE_COUNTS[vague] if vague else VAGUE_COUNTS[f"bare-{unit}"]
    n = float(expression.amount)
    low, high = 0.75 * n - 0.5, 1.25 * n + 0.5
    if qualifier in ("more than", "over", "well over", "at least", "little more than"):
        low, high = n, 3 * n + 2
    elif qualifier in ("nearly", "almost", "barely", "barely a", "less than", "under",
                       "fewer than", "no more than"):
        low, high = (n - 1, n + 0.1) if qualifier not in ("less than", "under", "fewer than",
                                                            "no more than") else (0, n)
    return max(low, 0.0), high


def gap_bounds(expression: TimeExpression) -> tuple[float, float] | None:
    """The gap in days that "weeks after", "two months before", "shortly after" allows:
    (fewest, most); None for a relation that is not a gap."""
    if expression.relation not in ("after", "before", "later", "earlier", "ago"):
        return None
    if expression.unit is None:
        qualifier = expression.qualifier or ""
        if qualifier in ("shortly", "soon", "right", "immediately", "just"):
            return 0.0, 60.0  # "shortly after": within about two months
        return None
    bounds = count_bounds(expression)
    if bounds is None:
        return None
    days = UNIT_DAYS[expression.unit]
    return bounds[0] * days, bounds[1] * days


def resolve(expression: TimeExpression, reference: date | None) -> DateRange | None:
    """The days ``expression`` covers: a date (its year taken from ``reference`` when not
    written: the year that puts it closest to the reference), or a relative expression
    resolved against ``reference``. None for what has no place on the calendar alone
    (ordinal periods, durations, "weeks after", a bare weekday) or needs a missing
    reference."""
    if expression.kind == "date":
        return _resolve_date(expression, reference)
    if expression.kind != "relative" or reference is None:
        return None
    relation = expression.relation
    if relation == "ago":
        bounds = gap_bounds(expression)
        if bounds is None:
            return None
        return DateRange(reference - timedelta(days=round(bounds[1])),
                         reference - timedelta(days=round(bounds[0])))
    if relation in ("today", "yesterday", "tomorrow"):
        day = reference + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[relation])
        return DateRange(day, day)
    if relation == "recent":
        reach = {"day": 21, "week": 70, "month": 365, "year": 1825}.get(expression.unit or "", 120)
        return DateRange(reference - timedelta(days=reach), reference)
    if relation == "past" and expression.unit is not None:
        units = expression.amount or 1
        return DateRange(reference - timedelta(days=round(units * UNIT_DAYS[expression.unit])),
                         reference)
    if relation in ("last", "this", "next", "earlier_in", "later_in"):
        return _resolve_named_period(expression, reference)
    return None


def _resolve_date(expression: TimeExpression, reference: date | None) -> DateRange | None:
    month, day, year = expression.month, expression.day, expression.year
    if year is None:
        if reference is None or month is None:
            return None
        candidates = []
        for guess in (reference.year - 1, reference.year, reference.year + 1):
            span = _span(guess, month, day)
            if span is not None:
                distance = min(abs((span.start - reference).days),
                               abs((span.end - reference).days))
                if span.start <= reference <= span.end:
                    distance = 0
                candidates.append((distance, span))
        return min(candidates, key=lambda item: item[0])[1] if candidates else None
    return _span(year, month, day)


def _span(year: int, month: int | None, day: int | None) -> DateRange | None:
    if month is None:
        return DateRange(date(year, 1, 1), date(year, 12, 31))
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return DateRange(date(year, month, 1), date(year, month, last))
    if day > last:
        return None
    return DateRange(date(year, month, day), date(year, month, day))


def _resolve_named_period(expression: TimeExpression, reference: date) -> DateRange | None:
    relation = expression.relation
    shift = {"last": -1, "next": 1}.get(relation or "", 0)
    if expression.month is not None:
        year = reference.year + shift
        # "last March" in September is this year's March; "next March" in January too.
        if (relation == "last" and expression.month < reference.month) or (
                relation == "next" and expression.month > reference.month):
            year = reference.year
        return _span(year, expression.month, None)
    if expression.season is not None:
        first, last = _SEASONS[expression.season]
        year = reference.year + shift
        if relation == "last" and last < reference.month and first <= last:
            year = reference.year
        start = date(year, first, 1)
        end_year = year + 1 if last < first else year
        return DateRange(start, date(end_year, last, calendar.monthrange(end_year, last)[1]))
    if expression.weekday is not None:
        back = (reference.weekday() - expression.weekday) % 7 or 7
        if relation == "next":
            ahead = (expression.weekday - reference.weekday()) % 7 or 7
            day = reference + timedelta(days=ahead)
        else:
            day = reference - timedelta(days=back)
        return DateRange(day, day)
    unit = expression.unit
    if unit == "year":
        period = DateRange(date(reference.year + shift, 1, 1), date(reference.year + shift, 12, 31))
    elif unit == "month":
        index = reference.year * 12 + reference.month - 1 + shift
        period = _span(index // 12, index % 12 + 1, None) or DateRange(reference, reference)
    elif unit == "week":
        monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=shift)
        period = DateRange(monday, monday + timedelta(days=6))
    else:
        return None
    if relation == "earlier_in":
        return DateRange(period.start, reference)
    if relation == "later_in":
        return DateRange(reference, period.end)
    return period


# --- the reference date --------------------------------------------------------------------

def reference_date(article: Article, sentences: Sequence[Sentence]) -> Reference:
    """The day an article's relative time is measured from, and its source.

    ``published`` when the article has a publication date; else ``latest_in_text``, the
    latest date written with day, month and year in the sentences; else ``year_inferred``,
    the latest day-and-month date completed with the latest year the text writes; else
    ``(None, "unknown")``.
    """
    if article.published is not None:
        return Reference(article.published.date(), "published")
    full: list[date] = []
    partial: list[tuple[int, int]] = []
    years: list[int] = []
    for sentence in sentences:
        for expression in time_expressions(sentence.text):
            if expression.kind != "date":
                continue
            if expression.year is not None:
                years.append(expression.year)
            if expression.month is None or expression.day is None:
                continue
            if expression.year is not None:
                span = _span(expression.year, expression.month, expression.day)
                if span is not None:
                    full.append(span.start)
            else:
                partial.append((expression.month, expression.day))
    if full:
        return Reference(max(full), "latest_in_text")
    if partial and years:
        year = max(years)
        days = [d.start for month, day in partial if (d := _span(year, month, day)) is not None]
        if days:
            return Reference(max(days), "year_inferred")
    return Reference(None, "unknown")
