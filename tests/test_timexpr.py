"""Time expressions: exact spans, what each one means, and resolution against a reference."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from launderlens.claims.timexpr import (
    DateRange,
    Reference,
    count_bounds,
    gap_bounds,
    reference_date,
    resolve,
    time_expressions,
)
from launderlens.ingest.segment import segment
from launderlens.model import Article

REFERENCE = date(2025, 9, 4)


def found(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every expression, checking that each span is exact."""
    out: list[tuple[str, str]] = []
    for expression in time_expressions(text):
        assert text[expression.start:expression.end] == expression.text
        out.append((expression.kind, expression.text))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It took place on September 4, 2025, at the palace.",
         [("date", "September 4, 2025")]),
        ("They met on 4 September in Paris.", [("date", "4 September")]),
        ("On Thursday, 4 September 2025 the talks began.",
         [("date", "Thursday, 4 September 2025")]),
        ("The evidence came in March 2022.", [("date", "March 2022")]),
        ("Sales fell in 2023 and rose in early 2024.",
         [("date", "2023"), ("date", "early 2024")]),
        ("The file is dated 2025-09-04.", [("date", "2025-09-04")]),
        ("The donor conference took place on 20 May.", [("date", "20 May")]),
        ("Talks resumed in May.", [("date", "May")]),
        ("The minister may travel next week.", [("relative", "next week")]),
        ("Some 2,000 troops and $2025 in cash.", []),
        ("The 1990s were different.", []),
        ("Markets rallied on Monday.", [("weekday", "Monday")]),
        ("held just weeks after the summit", [("relative", "just weeks after")]),
        ("two years ago", [("relative", "two years ago")]),
        ("Three years on from the vote, little has changed.",
         [("relative", "Three years on from")]),
        ("She left last March and came back earlier this month.",
         [("relative", "last March"), ("relative", "earlier this month")]),
        ("The law was passed recently.", [("relative", "recently")]),
        ("only a few weeks ago", [("relative", "only a few weeks ago")]),
        ("Shortly after the vote", [("relative", "Shortly after")]),
        ("the day after the vote", [("relative", "day after")]),
        ("Over the past three years, aid grew.", [("relative", "Over the past three years")]),
        ("As the war enters its seventh year, talks stall.",
         [("ordinal_period", "enters its seventh year")]),
        ("the conflict, now in its fourth year,", [("ordinal_period", "now in its fourth year")]),
        ("the 1,000th day of the war", [("ordinal_period", "the 1,000th day")]),
        ("Day 500 of the invasion", [("ordinal_period", "Day 500")]),
        ("for the fifth consecutive year", [("ordinal_period", "the fifth consecutive year")]),
        ("marking the third anniversary of the invasion",
         [("anniversary", "the third anniversary")]),
        ("after three years of war", [("duration", "three years")]),
        ("more than a decade of conflict", [("duration", "more than a decade")]),
        ("a three-year war", [("duration", "three-year")]),
        ("several years of war", []),
    ],
)
def test_spans_are_exact(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_fields_of_a_full_date_with_weekday() -> None:
    (expression,) = time_expressions("on Thursday, 4 September 2025")
    assert (expression.year, expression.month, expression.day, expression.weekday) == (
        2025, 9, 4, 3)


def test_fields_of_relative_and_ordinal_expressions() -> None:
    weeks, ordinal = time_expressions("just weeks after the vote, as it enters its seventh year")
    assert (weeks.relation, weeks.unit, weeks.amount, weeks.qualifier) == (
        "after", "week", None, "just")
    assert (ordinal.kind, ordinal.amount, ordinal.unit, ordinal.verb, ordinal.recurring) == (
        "ordinal_period", 7, "year", "enters", False)
    (running,) = time_expressions("for the fifth year running")
    assert running.recurring


def test_an_impossible_day_is_not_a_date() -> None:
    assert found("on 31 February 2025") == [("date", "February 2025")]


@pytest.mark.parametrize(
    ("text", "reference", "start", "end"),
    [
        ("September 4, 2025", REFERENCE, date(2025, 9, 4), date(2025, 9, 4)),
        ("March 2022", REFERENCE, date(2022, 3, 1), date(2022, 3, 31)),
        ("2023", REFERENCE, date(2023, 1, 1), date(2023, 12, 31)),
        # a date without a year takes the year that puts it nearest the reference
        ("4 September", REFERENCE, date(2025, 9, 4), date(2025, 9, 4)),
        ("28 December", date(2026, 1, 5), date(2025, 12, 28), date(2025, 12, 28)),
        ("in March", REFERENCE, date(2025, 3, 1), date(2025, 3, 31)),
        ("last March", REFERENCE, date(2025, 3, 1), date(2025, 3, 31)),
        ("last March", date(2025, 2, 10), date(2024, 3, 1), date(2024, 3, 31)),
        ("next March", REFERENCE, date(2026, 3, 1), date(2026, 3, 31)),
        ("last year", REFERENCE, date(2024, 1, 1), date(2024, 12, 31)),
        ("this month", REFERENCE, date(2025, 9, 1), date(2025, 9, 30)),
        ("last month", date(2025, 1, 15), date(2024, 12, 1), date(2024, 12, 31)),
        ("earlier this month", REFERENCE, date(2025, 9, 1), REFERENCE),
        ("later this year", REFERENCE, REFERENCE, date(2025, 12, 31)),
        ("yesterday", REFERENCE, date(2025, 9, 3), date(2025, 9, 3)),
        ("last Monday", REFERENCE, date(2025, 9, 1), date(2025, 9, 1)),
        ("last summer", REFERENCE, date(2025, 6, 1), date(2025, 8, 31)),
        # "two years ago": one to three years back
        ("two years ago", REFERENCE, date(2022, 9, 4), date(2024, 9, 4)),
        # "a few weeks ago": two to six weeks back
        ("a few weeks ago", REFERENCE, date(2025, 7, 24), date(2025, 8, 21)),
        ("recently", REFERENCE, date(2025, 5, 7), REFERENCE),
    ],
)
def test_resolution_against_a_reference(text: str, reference: date, start: date,
                                        end: date) -> None:
    (expression,) = time_expressions(text)
    assert resolve(expression, reference) == DateRange(start, end)


def test_what_cannot_be_resolved() -> None:
    for text in ("4 September", "two years ago", "last March"):
        (expression,) = time_expressions(text)
        assert resolve(expression, None) is None
    for text in ("weeks after", "enters its seventh year", "three years", "Monday"):
        (expression,) = time_expressions(text)
        assert resolve(expression, REFERENCE) is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("weeks after", 7, 70),  # bare "weeks": at most ten weeks
        ("just weeks after", 7, 70),
        ("days after", 2, 21),
        ("a few weeks after", 14, 42),
        ("two weeks after", 7, 21),
        ("months after", 30.44, 730.56),
        ("shortly after", 0, 60),
    ],
)
def test_gap_bounds(text: str, low: float, high: float) -> None:
    (expression,) = time_expressions(text)
    bounds = gap_bounds(expression)
    assert bounds is not None
    assert bounds == pytest.approx((low, high))


def test_count_bounds_of_qualified_numbers() -> None:
    more, nearly = time_expressions("more than three years of it and nearly four years")
    assert count_bounds(more) == (3, 11)
    assert count_bounds(nearly) == (3, 4.1)


def article(text: str, published: datetime | None = None) -> Article:
    return Article.create(text, published=published)


def test_reference_is_the_publication_date() -> None:
    item = article("The meeting took place on 1 May 2024.",
                   datetime(2025, 9, 4, 22, 0, tzinfo=UTC))
    assert reference_date(item, segment(item)) == Reference(date(2025, 9, 4), "published")


def test_reference_is_the_latest_full_date_in_the_text() -> None:
    item = article("Leaders met on September 4, 2025. Trump was sworn in on January 20, 2025. "
                   "A vote follows on 9 October.")
    assert reference_date(item, segment(item)) == (date(2025, 9, 4), "latest_in_text")


def test_reference_with_an_inferred_year() -> None:
    item = article("Trump was reelected in January 2025. The meeting took place on September 4.")
    assert reference_date(item, segment(item)) == (date(2025, 9, 4), "year_inferred")


def test_reference_unknown() -> None:
    item = article("The war goes on. Talks took place in 2023.")
    assert reference_date(item, segment(item)) == (None, "unknown")


def test_describe_a_range() -> None:
    assert DateRange(date(2025, 3, 1), date(2025, 3, 31)).describe() == "March 2025"
    assert DateRange(date(2023, 1, 1), date(2023, 12, 31)).describe() == "2023"
    assert DateRange(date(2025, 9, 4), date(2025, 9, 4)).describe() == "4 September 2025"


def test_letters_ignorecase_folds_are_read_as_their_base_letters() -> None:
    """The patterns match "yearſ" (long s) and "earlıer" (dotless i) as IGNORECASE does,
    and the expression is read from what they matched: a year, "earlier this week"."""
    (ago,) = time_expressions("That was three yearſ ago.")
    assert (ago.kind, ago.text, ago.amount, ago.unit, ago.relation) == (
        "relative", "three yearſ ago", 3, "year", "ago")
    (earlier,) = time_expressions("It happened earlıer this week.")
    assert (earlier.kind, earlier.relation, earlier.unit) == ("relative", "earlier_in", "week")


def test_a_capitalised_relative_period_is_found_without_its_lower_case_trigger() -> None:
    (last,) = time_expressions("Last March the talks failed.")
    assert (last.kind, last.text, last.month, last.relation) == ("relative", "Last March", 3,
                                                                 "last")
