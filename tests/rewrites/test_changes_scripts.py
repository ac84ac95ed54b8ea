"""Changes between a sentence and its retelling in another script (ru/en, uk/en): a date
that slips is still a date change."""

from __future__ import annotations

import pytest

from launderlens.rewrites.spellings import spelled_alike

from .conftest import fragments


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Договор о поставках удобрений подписали в 2019 году.",
     "The fertiliser supply treaty was signed in 2021.", ("2019", "2021")),
    ("Глава МИД Сергей Лавров посетил Белград в 2022 году.",
     "Foreign Minister Sergei Lavrov visited Belgrade in 2023.", ("2022", "2023")),
    ("Українські сапери розмінували міст у 2022 році.",
     "Ukrainian sappers cleared the bridge of mines in 2020.", ("2022", "2020")),
    ("Шойгу открыл новый полигон 15 марта 2023 года.",
     "Shoigu opened a new firing range on March 15, 2021.", ("2023", "March 15, 2021")),
])
def test_a_year_that_slips_across_scripts_is_a_date_change(a: str, b: str,
                                                             expected: tuple[str, str]) -> None:
    assert fragments(a, b, "date", certain=True) == [expected]


@pytest.mark.parametrize(("a", "b"), [
    ("Договор о поставках удобрений подписали в 2019 году.",
     "The fertiliser supply treaty was signed in 2019."),
    ("Шойгу открыл новый полигон 15 марта 2023 года.",
     "Shoigu opened a new firing range on March 15, 2023."),
    # sharing only a year, two sentences in two scripts may be paired on the date alone
    ("Профсоюзы возобновили переговоры в 2020 году, впервые с 2018 года.",
     "The truce in the valley, agreed in 2016, collapsed in 2020."),
])
def test_faithful_dates_and_a_shared_year_alone_raise_nothing(a: str, b: str) -> None:
    assert fragments(a, b, "date") == []


@pytest.mark.parametrize(("x", "y", "alike"), [
    ("Лавровым", "Lavrov", True), ("Зеленський", "Zelensky", True), ("Шойгу", "Shoigu", True),
    ("Лавров", "Shoigu", False), ("Мелоні", "Macron", False),
])
def test_spelled_alike(x: str, y: str, alike: bool) -> None:
    assert spelled_alike(x, y) is alike
