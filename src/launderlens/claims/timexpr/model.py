"""The records of time expressions: what an expression found in a text holds
(:class:`TimeExpression`), the days it covers (:class:`DateRange`), the reference day of an
article (:class:`Reference`), and the tables of units and vague counts both the parser and
the resolver read.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, NamedTuple

__all__ = ["SEASONS", "UNIT_DAYS", "VAGUE_COUNTS", "DateRange", "Reference", "ReferenceSource",
           "TimeExpression", "TimexKind", "Unit", "format_day"]

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

SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
            "winter": (12, 2)}


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

