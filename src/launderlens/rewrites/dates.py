"""A sentence in, the calendar dates it states out (day, month, year, weekday, decade), and
the changes of dates between two retellings of one statement ("September 4" against
"September 5", "in 2019" against "in 2021"), a dispatch's dateline set aside.

Split from :mod:`.quantities`, whose tokens and figure readers it shares.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..languages.calendar import MONTH_NUMBERS, SLAVIC_MONTH_NUMBERS
from ..languages.numbers import number_value
from ..languages.translit import MONTHS, anchor_groups, same_figure
from ..languages.words import STOP_WORDS
from .quantities import (
    FUNCTION_WORDS,
    WEEKDAYS,
    Token,
    is_month,
    is_year,
    pair_up,
    read_tokens,
    text_span,
    word_before,
    word_stem,
    wordset,
    year_like,
    year_token,
)
from .spellings import capitalised_words, other_scripts, spelled_alike

__all__ = ["date_changes", "unread_dates", "without_dateline"]


@dataclass(frozen=True, slots=True)
class _Date:
    month: int | None
    day: int | None
    year: int | None
    weekday: str | None
    text: str
    before: str = ""
    years: int = 1  # how many years ``year`` spans: 10 for "the 1990s", 100 for "the 1800s"


def _same_year(d: _Date, e: _Date) -> bool:
    """Whether two years agree at the coarser one's scale: 1994 lies in "the 1990s"."""
    if d.year is None or e.year is None:
        return d.year == e.year
    return d.year <= e.year < d.year + d.years or e.year <= d.year < e.year + e.years


def _decade(tokens: Sequence[Token], k: int) -> int:
    """How many years the year at ``k`` spans: "1990s" (the year run into an "s") a decade,
    "1800s" a century (or its first decade: read wide, so that no year in either differs)."""
    year = tokens[k]
    glued = k + 1 < len(tokens) and tokens[k + 1].start == year.end \
        and tokens[k + 1].norm == "s"
    if not glued:
        return 1
    return 100 if year.norm.endswith("00") else 10


def _dates(text: str) -> list[_Date]:
    """Calendar dates ("September 4", "4 Sept. 2025"), bare years and weekdays."""
    tokens, out, k = read_tokens(text), [], 0
    while k < len(tokens):
        token = tokens[k]
        if token.norm in WEEKDAYS:
            out.append(_Date(None, None, None, token.norm, token.text, word_before(tokens, k)))
        elif is_month(tokens, k):
            first, day, year, end = k, None, None, k
            if k and _day(tokens[k - 1]):
                first, day = k - 1, _day(tokens[k - 1])
            elif k + 1 < len(tokens) and _day(tokens[k + 1]):
                end, day = k + 1, _day(tokens[k + 1])
            if end + 1 < len(tokens) and year_token(tokens[end + 1]):
                end, year = end + 1, int(tokens[end + 1].norm)
            month = MONTH_NUMBERS[token.norm.rstrip(".")]
            out.append(_Date(month, day, year, None, text_span(text, tokens, first, end),
                             word_before(tokens, first)))
            k = end
        elif is_year(tokens, k) and not (k and is_month(tokens, k - 1)):
            years = _decade(tokens, k)
            out.append(_Date(None, None, int(token.norm), None,
                             token.text + ("s" if years > 1 else ""),
                             word_before(tokens, k), years))
        k += 1
    return out


def _day(token: Token) -> int | None:
    return int(token.norm) if token.norm.isdigit() and 1 <= int(token.norm) <= 31 else None


#: Words that date an event against another or against the day of writing ("last spring",
#: "two years after", "since '06"): a date the reader cannot put beside a calendar date.
_RELATIVE = wordset("yesterday today tonight tomorrow ago")
_RELATIVE_OPENERS = wordset("last next this previous following coming past")
_PERIODS = wordset("""
week weekend month year season spring summer autumn fall winter decade century night morning
evening
""") | WEEKDAYS
_OFFSETS = wordset("after before later earlier prior")
_SINCE = wordset("since until till")


def unread_dates(text: str) -> frozenset[str]:
    """The fields of a calendar date (:class:`_Date`'s day, weekday, month, year) that the
    dates of ``text`` which :func:`_dates` cannot read may stand for: dates relative to the
    day of writing ("yesterday": a day; "last spring": a month or a year; "three weeks ago":
    a day), to another event ("two years after its founding": a year), or a year cut short
    ("since '06"). Empty when ``text`` has none."""
    tokens = read_tokens(text)
    out: set[str] = set()
    for k, token in enumerate(tokens):
        following = tokens[k + 1].norm if k + 1 < len(tokens) else ""
        after = tokens[k + 2].norm if k + 2 < len(tokens) else ""
        if token.norm in _RELATIVE:
            # "three weeks ago" dates at the scale of its unit; "yesterday" a day
            unit = tokens[k - 1].norm if token.norm == "ago" and k else "day"
            out |= _SCALES.get(word_stem(unit), _ANY_FIELD)
        elif token.norm in _RELATIVE_OPENERS and following in _PERIODS:
            out |= _SCALES[word_stem(following)]
        elif word_stem(token.norm) in _SCALES and following in _OFFSETS and k and (
                number_value(tokens[k - 1].norm) is not None or tokens[k - 1].norm in ("a", "an")):
            out |= _SCALES[word_stem(token.norm)]  # "two years after", "a decade earlier"
        elif (token.norm in _SINCE and following.isdigit() and not year_token(tokens[k + 1])) or (
                token.norm.isdigit() and len(token.norm) == 2
                and text[token.start - 1:token.start] in ("'", "\u2019") and not after.isalpha()):
            out.add("year")
    return frozenset(out)


_ANY_FIELD = frozenset({"day", "weekday", "month", "year"})
#: The fields of a calendar date that a period's relative date may stand for: "last week"
#: a day ("on May 3", "on Monday"), "last month" a month, "last spring" a month or a year,
#: "two years after" a year (the fields a full date holds all count).
_SCALES: dict[str, frozenset[str]] = {word_stem(form): fields for words, fields in (
    ("day days week weeks weekend night morning evening", frozenset({"day", "weekday"})),
    (" ".join(WEEKDAYS), frozenset({"day", "weekday"})),
    ("month months", frozenset({"month"})),
    ("season seasons spring summer autumn fall winter", frozenset({"month", "year"})),
    ("year years decade decades century", frozenset({"year"})),
) for form in words.split()}


#: The date of a dateline after the place's name in capitals ("MOSCOW, May 3 (Reuters) -",
#: "HELSINKI, October 14. /TASS/.", "BERLIN, 12 March 2021 /dpa/ -"): a day and a month in
#: either order, a year, an agency's credit, and the dash or full stop that ends it.
_DATELINE = re.compile(
    r"\s*(?:(?P<d1>\d{1,2})\s+)?(?P<month>[^\W\d_]+)\.?(?:\s+(?P<d2>\d{1,2})(?!\d))?"
    r"(?:,?\s+\(?\d{4}\)?)?(?P<end>\s*(?:\([^()]{1,30}\)|/[^/]{1,30}/)?\s*[.:]?\s*"
    r"(?:/[^/]{1,30}/\.?\s*)?(?:[-\u2013\u2014]+\s*)?)")
#: Characters at most in a dateline's place name ("ST. PETERSBURG", "RIO DE JANEIRO").
_DATELINE_PLACE = 40


def without_dateline(text: str) -> str:
    """``text`` from where its dateline ends: a dateline says where and when the dispatch
    was filed, not what it retells, and a copy filed on another day writes another one."""
    place, comma, rest = text.partition(",")
    if not comma or len(place) > _DATELINE_PLACE or not place.strip() or not place.isupper():
        return text
    match = _DATELINE.match(rest)
    month = match.group("month").lower() if match else ""
    if match is None or (month not in MONTH_NUMBERS and month not in SLAVIC_MONTH_NUMBERS) or \
            not (match.group("d1") or match.group("d2")) or not match.group("end").strip():
        return text  # "US, May 3 marks the day" opens a sentence, no dateline
    return rest[match.end():]


def _retold_words(text: str) -> frozenset[str]:
    """The stems of ``text``'s content words other than its dates and figures, and other
    than the verbs of reporting ("the ministry said on 3 May" and "police said on 3 June"
    retell no one event)."""
    return frozenset(word_stem(t.norm) for t in read_tokens(text)
                     if t.norm[:1].isalpha() and t.norm not in FUNCTION_WORDS
                     and t.norm not in STOP_WORDS
                     and t.norm.rstrip(".") not in MONTH_NUMBERS and t.norm not in WEEKDAYS)


def _retold_across_scripts(a: str, b: str) -> bool:
    """Whether two sentences written in two scripts ("в 2019 году", "in 2021"), which share
    no word as written, retell one event: they share a name spelled alike
    (:func:`.spellings.spelled_alike`: "Шойгу" and "Shoigu") or a figure that is no part of
    a date, or no part of their dates either: the aligner then paired them on what they
    say, not on the date. Two that share only parts of their dates (the day and year of
    "3 мая 2020" and "3 June 2020") may have been paired on the date alone."""
    if not other_scripts(a, b):
        return False
    names_a, names_b = _name_words(a), _name_words(b)
    if any(spelled_alike(x, y) for x in names_a for y in names_b):
        return True
    dated_a, figures_a = _date_parts(a)
    dated_b, figures_b = _date_parts(b)
    return bool(figures_a & figures_b) or not dated_a & dated_b


def _name_words(text: str) -> list[str]:
    """The capitalised words of ``text`` that name no month or weekday."""
    return [w for w in capitalised_words(text)
            if w.lower().rstrip(".") not in MONTHS and w.lower() not in WEEKDAYS]


def _date_parts(text: str) -> tuple[set[str], set[str]]:
    """The script-neutral keys of ``text``'s dates with their figures, years among them
    (``date:9-4``, ``num:4``, ``num:2019``), and of its other figures."""
    dated: set[str] = set()
    figures: set[str] = set()
    for group in anchor_groups(text):
        keys = {same_figure(key) for key in group if not key.startswith("name:")}
        if any(key.startswith("date:") for key in keys):
            dated |= keys
            continue
        for key in keys:
            (dated if year_like(float(key.removeprefix("num:"))) else figures).add(key)
    return dated, figures


def date_changes(a: str, b: str) -> list[tuple[str, str]]:
    """Dates of one slot that differ; dates of different slots are paired in order only
    when no date that one side gives relatively may be a date left on the other side.
    Two sentences that share nothing beyond their dates retell no one event: the aligner
    paired them on the date. Across two scripts, where no word is shared as written, what
    they share is read by :func:`_retold_across_scripts`."""
    da, db = _dates(a), _dates(b)
    # a date on one side only pairs with nothing: the rest is read for dates on both sides
    if not (da and db) or (not _retold_words(a) & _retold_words(b)
                           and not _retold_across_scripts(a, b)):
        return []
    unread_a, unread_b = unread_dates(a), unread_dates(b)
    changes = []
    for field in ("day", "month", "year", "weekday"):
        def value(d: _Date, field: str = field) -> object:
            return getattr(d, field)

        def same(d: _Date, e: _Date, field: str = field) -> bool:
            return _same_year(d, e) if field == "year" else value(d) == value(e)

        left = [d for d in da if value(d) is not None and not any(same(d, e) for e in db)]
        right = [e for e in db if value(e) is not None and not any(same(d, e) for d in da)]
        # A day differs only within the same month: "September 4" against "September 5".
        slot: Callable[[_Date, _Date], bool] = (
            (lambda d, e: d.month == e.month) if field == "day" else
            (lambda d, e: bool(d.before) and d.before == e.before))
        # A relative date on one side may be what a date left on the other side states
        # ("yesterday" for "on May 3, 2020", "last year" for "in 2021"): no pairing in order
        # then; a relative date of another scale ("yesterday" beside two different years)
        # leaves it.
        in_order = not (_stands_for(unread_a, right) or _stands_for(unread_b, left))
        changes += [c for c in pair_up(left, right, slot, lambda d: d.text,
                                        in_order=in_order) if c not in changes]
    return changes


def _stands_for(fields: Iterable[str], dates: Sequence[_Date]) -> bool:
    """Whether a relative date that may stand for ``fields`` may be one of ``dates``."""
    return any(getattr(d, field) is not None for field in fields for d in dates)
