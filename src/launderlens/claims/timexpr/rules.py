"""The patterns of time expressions, English first, then Russian and Ukrainian: word
tables in, :data:`RULES` (a compiled pattern per expression family, with the strings that
must occur in a text for it to be tried) out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from ...languages.calendar import (
    SLAVIC_MONTH_NUMBERS,
    SLAVIC_NUMBERS,
    SLAVIC_ORDINAL_STEMS,
    SLAVIC_PERIOD_UNITS,
    SLAVIC_UNITS,
    SLAVIC_WEEKDAY_NUMBERS,
)
from ...languages.casefold import caseless
from .model import VAGUE_COUNTS, TimexKind

__all__ = ["FOLDED_TRIGGERS", "NUMBERS", "ORDINALS", "RULES", "SLAVIC_RELATIONS", "TEXT_TRIGGERS",
           "Rule"]

_SMALL = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBERS = {word: k for k, word in enumerate(_SMALL, start=1)}
NUMBERS.update({word: 20 + 10 * k for k, word in enumerate(_TENS)})
NUMBERS.update({"a": 1, "an": 1, "a single": 1, "half a": 0})
_ORDINAL_SMALL = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
                  "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
_ORDINAL_TENS = ["twentieth", "thirtieth", "fortieth", "fiftieth"]
ORDINALS = {word: k for k, word in enumerate(_ORDINAL_SMALL, start=1)}
ORDINALS.update({word: 20 + 10 * k for k, word in enumerate(_ORDINAL_TENS)})
for _ten, _tens_word in enumerate(_TENS[:4]):
    for _k, _word in enumerate(_ORDINAL_SMALL[:9], start=1):
        ORDINALS[f"{_tens_word}-{_word}"] = 20 + 10 * _ten + _k
        ORDINALS[f"{_tens_word} {_word}"] = 20 + 10 * _ten + _k
for _ten, _tens_word in enumerate(_TENS):
    for _k, _word in enumerate(_SMALL[:9], start=1):
        NUMBERS[f"{_tens_word}-{_word}"] = 20 + 10 * _ten + _k



def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_MONTH_WORDS = ("January|February|March|April|May|June|July|August|September|October|November"
                "|December")
_MONTH = rf"(?P<month>{_MONTH_WORDS}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PART = r"(?:(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of)[- ])?"
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_alternation([*NUMBERS, *VAGUE_COUNTS])})"
_ORDINAL = rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:st|nd|rd|th)|{_alternation(list(ORDINALS))})"
_UNIT = r"(?P<unit>(?:day|week|month|year|decade)s?)"
_QUALIFIER = (r"(?:(?P<qual>just|only|barely|a mere|mere|some|nearly|almost|about|around|"
              r"roughly|approximately|more than|over|less than|under|fewer than|at least|"
              r"well over|little more than|no more than|barely a|only a)\s+)?")
_END = r"(?![\w-])"

_RELATIVE_PERIOD = (rf"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Cc]oming)\s+(?P<what>week|"
                    rf"month|year|weekend|spring|summer|autumn|fall|winter|{_MONTH_WORDS}|"
                    rf"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w-])")


class Rule(NamedTuple):
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


def _rule(kind: TimexKind, triggers: str, pattern: str, also: str = "") -> Rule:
    """A rule of a case-sensitive pattern."""
    return Rule(kind, re.compile(pattern), frozenset(triggers.split()),
                 also=frozenset(also.split()))


def _caseless_rule(kind: TimexKind, triggers: str, pattern: str, also: str = "") -> Rule:
    return Rule(kind, caseless(pattern), frozenset(triggers.split()), True,
                 frozenset(also.split()))


# Month names are matched capitalised, so a month pattern needs one of these as written.
_MONTH_TRIGGER = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"
_UNIT_TRIGGER = "day week month year decade"
# Overlapping matches are settled by length (longest wins), then by the order here.
RULES: tuple[Rule, ...] = (
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
# "в четверг", "в четверг, 4 сентября", "три года назад", "два роки тому", "спустя пять лет".
_SLAVIC_MONTH = rf"(?P<month>{_alternation(sorted(SLAVIC_MONTH_NUMBERS, key=len, reverse=True))})"
_SLAVIC_YEAR = rf"{_YEAR}(?:\s*(?:года|году|год|г\.|року|рік|р\.))?"
_SLAVIC_NUMBER = rf"(?P<amount>\d+|{_alternation(list(SLAVIC_NUMBERS))})"
_SLAVIC_UNIT = rf"(?P<unit>{_alternation(sorted(SLAVIC_UNITS, key=len, reverse=True))})"
_SLAVIC_WEEKDAY = rf"(?P<sweekday>{_alternation(list(SLAVIC_WEEKDAY_NUMBERS))})"
# "вступила в седьмой год", "идёт уже четвёртый год", "на седьмом году", "триває сьомий
# рік": an ordinal stem, an adjective ending, a unit.
_SLAVIC_ORDINAL = (rf"(?P<sord>{_alternation(list(SLAVIC_ORDINAL_STEMS))})"
                   r"(?:ь|і)?(?:ого|ому|ый|ий|ой|ом|ем|им|ій|ім|ая|ую|ое|ее|е|я|ю|а|у)")
_SLAVIC_PERIOD_VERB = (r"(?P<sverb>вступил[аио]?|вступает|вступают|вступит|ид[её]т|пош[её]л|"
                       r"пошла|пошло|триває|тривав|тривала|йде|пішов|пішла|вступила|вступив|"
                       r"вступає)")
_SLAVIC_PERIOD_UNIT = rf"(?P<sunit>{_alternation(list(SLAVIC_PERIOD_UNITS))})"
_SLAVIC_MONTH_TRIGGER = ("январ феврал март апрел ма июн июл август сентябр октябр ноябр "
                         "декабр січ лют берез квіт трав черв лип серп верес жовт листопад "
                         "груд")


def _slavic_rule(kind: TimexKind, triggers: str, pattern: str) -> Rule:
    """A rule that reads the folded text with a lower-case Cyrillic pattern (Cyrillic lower
    case is one character for one, so offsets hold; :func:`caseless` proves only ASCII)."""
    return Rule(kind, re.compile(pattern), frozenset(triggers.split()), True)


_SLAVIC_RULES: tuple[Rule, ...] = (
    _slavic_rule("date", _SLAVIC_MONTH_TRIGGER,
                   rf"(?<!\w)(?:(?:(?:в|во|у)\s+)?{_SLAVIC_WEEKDAY},?\s+)?"
                   rf"{_DAY}(?:-?го)?\s+{_SLAVIC_MONTH}(?:\s+{_SLAVIC_YEAR})?{_END}"),
    _slavic_rule("date", _SLAVIC_MONTH_TRIGGER,
                   rf"(?<!\w)(?:в|во|у)\s+(?P<body>{_SLAVIC_MONTH}(?:\s+{_SLAVIC_YEAR})?){_END}"),
    _slavic_rule("date", "году року",
                   rf"(?<!\w)(?:в|у)\s+(?P<body>{_YEAR}\s*(?:году|року)){_END}"),
    _slavic_rule("weekday", "в у",
                   rf"(?<!\w)(?:в|во|у)\s+(?P<body>{_SLAVIC_WEEKDAY}){_END}"),
    _slavic_rule("ordinal_period", "год году года рік року році месяц місяц день дне дня",
                   rf"(?<!\w)(?:{_SLAVIC_PERIOD_VERB}\s+(?:уже\s+|вже\s+)?"
                   rf"(?:(?:в|во|у)\s+)?)?{_SLAVIC_ORDINAL}\s+{_SLAVIC_PERIOD_UNIT}{_END}"),
    _slavic_rule("relative", "назад тому спустя потому через",
                   rf"(?<!\w){_SLAVIC_NUMBER}\s+{_SLAVIC_UNIT}\s+(?P<srel>назад|тому|спустя|"
                   rf"потому){_END}|(?<!\w)(?P<srel2>спустя|через)\s+"
                   rf"{_SLAVIC_NUMBER.replace('<amount>', '<amount2>')}\s+"
                   rf"{_SLAVIC_UNIT.replace('<unit>', '<unit2>')}{_END}"),
)
RULES = RULES + _SLAVIC_RULES
SLAVIC_RELATIONS = {"назад": "ago", "тому": "ago", "спустя": "after", "потому": "after",
                     "через": "after"}

# Every trigger and "also" word, with the numbers of the rules each trigger lets through.
TEXT_TRIGGERS: dict[str, set[int]] = {}
FOLDED_TRIGGERS: dict[str, set[int]] = {}
for _number, _it in enumerate(RULES):
    _table = FOLDED_TRIGGERS if _it.caseless else TEXT_TRIGGERS
    for _word in _it.also:
        _table.setdefault(_word, set())
    for _word in _it.triggers:
        _table.setdefault(_word, set()).add(_number)
