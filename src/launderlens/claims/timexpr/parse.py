"""Finding time expressions: a sentence in, :class:`~.model.TimeExpression` records with
character spans into it out (the patterns are :mod:`.rules`).
"""

from __future__ import annotations

import calendar
import re

from ...languages.calendar import (
    MONTH_NUMBERS,
    SLAVIC_MONTH_NUMBERS,
    SLAVIC_NUMBERS,
    SLAVIC_ORDINAL_STEMS,
    SLAVIC_PERIOD_UNITS,
    SLAVIC_UNITS,
    SLAVIC_WEEKDAY_NUMBERS,
    WEEKDAYS,
)
from ...languages.casefold import fold_case
from .model import SEASONS, VAGUE_COUNTS, TimeExpression, TimexKind, Unit
from .rules import FOLDED_TRIGGERS, NUMBERS, ORDINALS, RULES, SLAVIC_RELATIONS, TEXT_TRIGGERS

__all__ = ["time_expressions"]


def time_expressions(text: str) -> list[TimeExpression]:
    """Every time expression in ``text``, in order, without overlaps (the longest match of
    two overlapping ones is kept); spans are offsets into ``text``."""
    found: list[TimeExpression] = []
    folded = fold_case(text)
    in_text = {trigger for trigger in TEXT_TRIGGERS if trigger in text}
    in_folded = {trigger for trigger in FOLDED_TRIGGERS if trigger in folded}
    tried: set[int] = set()
    for trigger in in_text:
        tried |= TEXT_TRIGGERS[trigger]
    for trigger in in_folded:
        tried |= FOLDED_TRIGGERS[trigger]
    for number in sorted(tried):  # in rule order: it settles ties between overlaps
        rule = RULES[number]
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
    if match.groupdict().get("sord"):
        verb = _group(match, "sverb")
        return TimeExpression(*base, amount=SLAVIC_ORDINAL_STEMS[(_group(match, "sord") or "")],
                              unit=SLAVIC_PERIOD_UNITS[(_group(match, "sunit") or "")],  # type: ignore[arg-type]
                              verb=verb)
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
        relation = SLAVIC_RELATIONS[(_group(match, "srel") or _group(match, "srel2") or "")
                                     .lower()]
        return TimeExpression(*base, amount=amount, unit=unit,  # type: ignore[arg-type]
                              relation=relation)
    year = _int(_group(match, "year"))
    month_text = (_group(match, "month") or "").lower()
    month = SLAVIC_MONTH_NUMBERS.get(month_text) if month_text else None
    day = _int(_group(match, "day"))
    if month is not None and day is not None and day > calendar.monthrange(year or 2000, month)[1]:
        return None
    weekday = SLAVIC_WEEKDAY_NUMBERS.get((_group(match, "sweekday") or "").lower())
    return TimeExpression(*base, year=year, month=month, day=day, weekday=weekday)


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
    if month is not None or weekday is not None or what in SEASONS:
        return TimeExpression(*base, month=month, weekday=weekday,
                              relation=relation, qualifier=qualifier,
                              season=what if what in SEASONS else None)
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
    return NUMBERS.get(text)


def _ordinal(text: str | None) -> int | None:
    if not text:
        return None
    text = text.lower()
    if text[0].isdigit():
        return int(re.sub(r"[^\d]", "", text))
    return ORDINALS.get(text)


