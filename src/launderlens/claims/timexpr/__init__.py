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

The package: :mod:`.model` (the records and the tables of units and vague counts),
:mod:`.rules` (the patterns, English, Russian and Ukrainian), :mod:`.parse` (finding
expressions) and :mod:`.resolve` (placing them on the calendar).
"""


from __future__ import annotations

from .model import (
    UNIT_DAYS,
    VAGUE_COUNTS,
    DateRange,
    Reference,
    ReferenceSource,
    TimeExpression,
    TimexKind,
    Unit,
    format_day,
)
from .parse import time_expressions
from .resolve import count_bounds, gap_bounds, reference_date, resolve

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
    "format_day",
    "gap_bounds",
    "reference_date",
    "resolve",
    "time_expressions",
]
