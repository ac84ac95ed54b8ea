"""English calendar words in, their numbers out: month names and abbreviations -> 1-12,
weekday names -> 0-6 (Monday first).

One home for the calendar vocabulary, so that the time expressions of the claims stage and
the date changes of the rewrite stage read "Sept." and "Thursday" the same way.
"""

from __future__ import annotations

__all__ = ["MONTHS", "MONTH_AND_WEEKDAY_NAMES", "MONTH_NUMBERS", "WEEKDAYS"]

#: Lower-case full month names, January first.
MONTHS: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july",
                           "august", "september", "october", "november", "december")
_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                  "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

#: Lower-case month names and their abbreviations (without the dot) -> month number.
MONTH_NUMBERS: dict[str, int] = {**{name: number for number, name in enumerate(MONTHS, start=1)},
                                 **_ABBREVIATIONS}

#: Lower-case weekday names in the order of :meth:`datetime.date.weekday` (Monday is 0).
WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday",
                             "saturday", "sunday")

#: Full month and weekday names as written in running text (capitalised): words that are
#: never a person's name.
MONTH_AND_WEEKDAY_NAMES: frozenset[str] = frozenset(
    name.capitalize() for name in (*MONTHS, *WEEKDAYS))
