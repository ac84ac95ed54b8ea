"""A body retold as a person: one speaker when the person held an office the body houses
on the day the source was published (the knowledge base's dated terms), a change when the
person held it only at another time; without a date, any holder at any time counts.
(Fictional statements about real offices.)"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from launderlens.model import Article
from launderlens.rewrites.changes import pair_changes
from launderlens.rewrites.compare import compare

MID_2022 = date(2022, 6, 1)


def _certain_names(a: str, b: str, on: date | None) -> list[tuple[str, str]]:
    return [(c.a_text, c.b_text) for c in pair_changes(a, b, on=on)
            if c.kind == "name" and c.certain]


@pytest.mark.parametrize(("a", "b", "on"), [
    ("The White House said the salmon tariff would stay.",
     "Joe Biden said the salmon tariff would stay.", MID_2022),
    ("The State Department said the consulate would reopen.",
     "Antony Blinken said the consulate would reopen.", MID_2022),
    ("Downing Street said the ferry deal was signed.",
     "Boris Johnson said the ferry deal was signed.", date(2020, 5, 1)),
    ("The Pentagon said the harbour drills would go ahead.",
     "Lloyd Austin said the harbour drills would go ahead.", MID_2022),
    ("The Kremlin said the rail talks had stalled.",
     "Dmitry Peskov said the rail talks had stalled.", MID_2022),
    ("The White House said the salmon tariff would stay.",
     "Karine Jean-Pierre said the salmon tariff would stay.", MID_2022),
    ("Russia's foreign ministry said the rail talks had stalled.",
     "Maria Zakharova said the rail talks had stalled.", MID_2022),
    # a gap between two recorded terms is unrecorded, not vacant: the holders on either
    # side of it may have held the office then (Esper was acting before his own term)
    ("The Pentagon said the harbour drills would go ahead.",
     "Mark Esper said the harbour drills would go ahead.", date(2019, 7, 1)),
    # a sentence that states another year may retell what was said then
    ("In 2018 the White House said the salmon tariff would stay.",
     "In 2018 Donald Trump said the salmon tariff would stay.", MID_2022),
    ("The White House said in 2018 that the salmon tariff would stay.",
     "Donald Trump said the salmon tariff would stay.", MID_2022),
    # no date: any holder at any time is the body's head, as before
    ("The White House said the salmon tariff would stay.",
     "Barack Obama said the salmon tariff would stay.", None),
    # a date past what the knowledge base records: any holder, as without a date
    ("The White House said the salmon tariff would stay.",
     "Barack Obama said the salmon tariff would stay.", date(2031, 1, 1)),
])
def test_a_body_retold_as_who_spoke_for_it_that_day_is_one_speaker(
        a: str, b: str, on: date | None) -> None:
    assert _certain_names(a, b, on) == []


@pytest.mark.parametrize(("a", "b", "on", "expected"), [
    ("The White House said the salmon tariff would stay.",
     "Donald Trump said the salmon tariff would stay.", MID_2022,
     ("White House", "Donald Trump")),
    ("The State Department said the consulate would reopen.",
     "Mike Pompeo said the consulate would reopen.", MID_2022,
     ("State Department", "Mike Pompeo")),
    ("Downing Street said the ferry deal was signed.",
     "Boris Johnson said the ferry deal was signed.", date(2025, 6, 1),
     ("Downing Street", "Boris Johnson")),
    ("The Pentagon said the harbour drills would go ahead.",
     "Pete Hegseth said the harbour drills would go ahead.", MID_2022,
     ("Pentagon", "Pete Hegseth")),
    # the year the source was published dates nothing else
    ("The White House said in 2022 that the salmon tariff would stay.",
     "Donald Trump said in 2022 that the salmon tariff would stay.", MID_2022,
     ("White House", "Donald Trump")),
    ("The Pentagon said the harbour drills would go ahead.",
     "Antony Blinken said the harbour drills would go ahead.", MID_2022,
     ("Pentagon", "Antony Blinken")),
    # in a gap, only the holders on either side of it may have held the office
    ("The Pentagon said the harbour drills would go ahead.",
     "Lloyd Austin said the harbour drills would go ahead.", date(2019, 7, 1),
     ("Pentagon", "Lloyd Austin")),
    ("The White House said the salmon tariff would stay.",
     "Karoline Leavitt said the salmon tariff would stay.", MID_2022,
     ("White House", "Karoline Leavitt")),
    # the foreign ministry's spokeswoman does not speak for the president's office
    ("The Kremlin said the rail talks had stalled.",
     "Maria Zakharova said the rail talks had stalled.", MID_2022,
     ("Kremlin", "Maria Zakharova")),
])
def test_a_body_retold_as_who_held_its_office_at_another_time_is_a_change(
        a: str, b: str, on: date, expected: tuple[str, str]) -> None:
    assert _certain_names(a, b, on) == [expected]


def test_a_publication_time_is_read_for_its_day() -> None:
    # a caller may pass an article's published datetime as it stands
    assert _certain_names("The White House said the salmon tariff would stay.",
                          "Donald Trump said the salmon tariff would stay.",
                          datetime(2022, 6, 1, 15, 30, tzinfo=UTC)) == [
        ("White House", "Donald Trump")]


def test_compare_reads_office_holders_on_the_source_s_publication_day() -> None:
    source = "The White House said on Monday that the salmon tariff would stay in place."
    copy = "Donald Trump said on Monday that the salmon tariff would stay in place."

    def names(published: datetime | None) -> list[tuple[str, str]]:
        changes = compare(Article.create(source, published=published), Article.create(copy),
                          semantic=False).changes
        return [(c.a_text, c.b_text) for c in changes if c.kind == "name" and c.certain]

    assert names(None) == []
    assert names(datetime(2022, 6, 1, tzinfo=UTC)) == [("White House", "Donald Trump")]
