"""Full dates and datelines: the month of a full date is compared, a dateline is not read
as a retold date, and two sentences that share only their dates are no retelling."""

from __future__ import annotations

import pytest

from launderlens.rewrites.align import align_sentences
from launderlens.rewrites.changes import alignment_changes
from launderlens.rewrites.dates import without_dateline

from .conftest import fragments


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("The ferry line reopened on 3 May 2020 after a long refit.",
     "The ferry line reopened on 3 June 2020 after a long refit.",
     ("3 May 2020", "3 June 2020")),
    ("Voters in the valley go to the polls on March 12, 2024, the board said.",
     "Voters in the valley go to the polls on April 12, 2024, the board said.",
     ("March 12, 2024,", "April 12, 2024,")),
    ("The lease on the grain store was signed on January 5.",
     "The lease on the grain store was signed on February 5.",
     ("January 5", "February 5")),
])
def test_the_month_of_a_full_date_is_compared(a: str, b: str,
                                               expected: tuple[str, str]) -> None:
    assert fragments(a, b, "date", certain=True) == [expected]


@pytest.mark.parametrize(("a", "b"), [
    ("The ferry line reopened on 3 May 2020 after a long refit.",
     "After a long refit the ferry line opened again on May 3, 2020."),
    ("The count, first set for 3 May 2020, was moved to 3 June 2020.",
     "The count was pushed back from 3 May to 3 June 2020."),
    # a dateline is when the dispatch was filed, not a date the story retells
    ("OSLO, May 3 (Reuters) - The mint kept its coin output at 40 tonnes.",
     "OSLO, June 4 (Reuters) - The mint held coin output at 40 tonnes."),
    ("BERLIN, 12 March 2021 /dpa/ - Tram staff walked out for two days.",
     "BERLIN, 14 April 2021 /dpa/ - Tram crews went on a two-day strike."),
    # sharing nothing but a date, two sentences retell no one event
    ("Talks between the unions resumed on 3 May 2020.",
     "The truce in the valley collapsed on 3 June 2020."),
    # nor do two that share only a verb of reporting
    ("Exports of oats rose by a tenth on 3 May 2020, the ministry said.",
     "A ferry ran aground in the fjord on 3 June 2020, police said."),
])
def test_faithful_dates_and_other_days_datelines_raise_nothing(a: str, b: str) -> None:
    assert fragments(a, b, "date") == []


def test_a_date_after_the_dateline_is_still_compared() -> None:
    a = "OSLO, May 3 (Reuters) - The ferry firm said on May 2 it would cut winter routes."
    b = "OSLO, May 3 (Reuters) - The ferry firm said on June 2 it would cut winter routes."
    assert fragments(a, b, "date", certain=True) == [("May 2", "June 2")]


@pytest.mark.parametrize(("text", "rest"), [
    ("MOSCOW, May 3 (Reuters) - The bank held rates.", "The bank held rates."),
    ("HELSINKI, October 14. /TASS/. Finland said no.", "Finland said no."),
    ("BERLIN, 12 March 2021 /dpa/ - Staff walked out.", "Staff walked out."),
    ("KYIV, June 9 (2020) \u2014 Troops moved.", "Troops moved."),
    ("MOSCOW, May 3, 2020.", ""),
    # no dateline: a sentence opening, a word that is no month, no place in capitals
    ("US, May 3 marks the day.", "US, May 3 marks the day."),
    ("IRAN, may be next.", "IRAN, may be next."),
    ("Moscow, May 3 (Reuters) - The bank", "Moscow, May 3 (Reuters) - The bank"),
])
def test_without_dateline(text: str, rest: str) -> None:
    assert without_dateline(text) == rest


def test_two_articles_filed_on_different_days_keep_their_datelines_apart() -> None:
    a = ["MOSCOW, May 3 (Reuters) - Grain exports rose by a tenth in April, the ministry said.",
         "Wheat made up most of the shipments."]
    b = ["MOSCOW, June 9 (Reuters) - Grain exports rose by a tenth in April, said the ministry.",
         "Most of the shipments were wheat."]
    changes = alignment_changes(align_sentences(a, b), a, b)
    assert [c for c in changes if c.kind == "date"] == []
