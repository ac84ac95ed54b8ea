"""Placing time expressions on the calendar: an expression and a reference day in, the days
it covers (:func:`resolve`) or the gap it allows (:func:`gap_bounds`) out; and the reference
day of an article (:func:`reference_date`).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta

from ...model import Article, Sentence
from .model import SEASONS, UNIT_DAYS, VAGUE_COUNTS, DateRange, Reference, TimeExpression
from .parse import time_expressions

__all__ = ["count_bounds", "day_span", "gap_bounds", "reference_date", "resolve"]


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
            span = day_span(guess, month, day)
            if span is not None:
                distance = min(abs((span.start - reference).days),
                               abs((span.end - reference).days))
                if span.start <= reference <= span.end:
                    distance = 0
                candidates.append((distance, span))
        return min(candidates, key=lambda item: item[0])[1] if candidates else None
    return day_span(year, month, day)


def day_span(year: int, month: int | None, day: int | None) -> DateRange | None:
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
        return day_span(year, expression.month, None)
    if expression.season is not None:
        first, last = SEASONS[expression.season]
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
        period = day_span(index // 12, index % 12 + 1, None) or DateRange(reference, reference)
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
                span = day_span(expression.year, expression.month, expression.day)
                if span is not None:
                    full.append(span.start)
            else:
                partial.append((expression.month, expression.day))
    if full:
        return Reference(max(full), "latest_in_text")
    if partial and years:
        year = max(years)
        days = [d.start for month, day in partial if (d := day_span(year, month, day)) is not None]
        if days:
            return Reference(max(days), "year_inferred")
    return Reference(None, "unknown")
