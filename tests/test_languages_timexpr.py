"""Russian and Ukrainian time expressions: dates in the cases news writes them, weekdays
after "в"/"у", and counts of units before "назад"/"тому" or after "спустя"/"через",
resolved like their English counterparts; English text reads exactly as before."""

from __future__ import annotations

from datetime import date

import pytest

from launderlens.claims.timexpr import DateRange, resolve, time_expressions

REFERENCE = date(2025, 9, 4)


def _only(text: str, kind: str) -> object:
    found = [e for e in time_expressions(text) if e.kind == kind]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "span", "start", "end"), [
    ("МОСКВА, 4 сентября. /ТАСС/. Переговоры начались.", "4 сентября",
     date(2025, 9, 4), date(2025, 9, 4)),
    ("Это случилось 24 февраля 2022 года.", "24 февраля 2022 года",
     date(2022, 2, 24), date(2022, 2, 24)),
    ("Переговоры прошли в марте 2022 года в Стамбуле.", "марте 2022 года",
     date(2022, 3, 1), date(2022, 3, 31)),
    ("Финляндия вступила в НАТО в 2023 году.", "2023 году",
     date(2023, 1, 1), date(2023, 12, 31)),
    ("Зустріч відбулася 14 жовтня 2025 року в Гельсінкі.", "14 жовтня 2025 року",
     date(2025, 10, 14), date(2025, 10, 14)),
    ("Про це міністр заявив у вересні.", "вересні", date(2025, 9, 1), date(2025, 9, 30)),
])
def test_dates(text: str, span: str, start: date, end: date) -> None:
    found = _only(text, "date")
    assert found.text == span  # type: ignore[attr-defined]
    assert text[found.start:found.end] == span  # type: ignore[attr-defined]
    assert resolve(found, REFERENCE) == DateRange(start, end)  # type: ignore[arg-type]


def test_an_impossible_day_is_no_date() -> None:
    assert not [e for e in time_expressions("Это было 31 февраля.") if e.kind == "date"]


@pytest.mark.parametrize(("text", "weekday"), [
    ("Министр провел в четверг переговоры.", 3),
    ("Міністр заявив у п'ятницю, що переговори тривають.", 4),
    ("Встреча пройдет во вторник.", 1),
])
def test_weekdays(text: str, weekday: int) -> None:
    assert _only(text, "weekday").weekday == weekday  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "amount", "relation"), [
    ("Это произошло три года назад.", 3, "ago"),
    ("Це сталося два роки тому.", 2, "ago"),
    ("Спустя пять лет после аннексии ничего не изменилось.", 5, "after"),
    ("Через 10 лет после распада СССР.", 10, "after"),
])
def test_counts_of_years(text: str, amount: int, relation: str) -> None:
    found = _only(text, "relative")
    assert (found.amount, found.unit, found.relation) == (amount, "year", relation)  # type: ignore[attr-defined]


def test_ago_resolves_like_english() -> None:
    russian = _only("Это случилось два года назад.", "relative")
    english = _only("It happened two years ago.", "relative")
    assert resolve(russian, REFERENCE) == resolve(english, REFERENCE)  # type: ignore[arg-type]


def test_words_that_only_look_like_months_or_weekdays_are_not() -> None:
    # "мая" the month, not "маяк" (a lighthouse); "в среднем" is not "в среду".
    assert not time_expressions("На берегу стоит маяк, в среднем он светит ярко.")
