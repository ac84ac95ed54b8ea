"""Changes between a sentence and its retelling in another script (ru/en, uk/en): a date
that slips is still a date change, a name spelled in Latin letters is the same name, and
a name swapped for another is still a name change."""

from __future__ import annotations

import pytest

from launderlens.rewrites.align import AlignedPair, SentenceAlignment
from launderlens.rewrites.changes import Change, alignment_changes
from launderlens.rewrites.spellings import spelled_alike

from .conftest import fragments


def _paired(a: str, b: str) -> list[Change]:
    """The changes of ``b`` retelling ``a``, the two aligned as one pair."""
    alignment = SentenceAlignment((AlignedPair((0,), (0,), "paraphrased", 0.9),), (), (),
                                  "given")
    return alignment_changes(alignment, [a], [b])


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


def test_a_name_in_latin_letters_in_the_same_slot_is_no_name_change() -> None:
    a = "Сергей Лавров, 74, прибыл в понедельник."
    assert fragments(a, "Sergei Lavrov, 74, arrived on Monday.", "name") == []
    assert fragments(a, "Sergei Shoigu, 74, arrived on Monday.", "name", certain=True) == [
        ("Сергей Лавров", "Sergei Shoigu")]


@pytest.mark.parametrize(("a", "b"), [
    ("Министр иностранных дел Сергей Лавров прибыл в Анкару 4 сентября.",
     "Foreign Minister Sergei Lavrov arrived in Ankara on September 4."),
    ("Владимир Путин подписал указ о призыве в понедельник.",
     "Vladimir Putin signed the conscription decree on Monday."),
    ("Президент Володимир Зеленський виступив у парламенті.",
     "President Volodymyr Zelensky spoke in parliament."),
    ("Посол Анатолий Антонов встретился с сенаторами.",
     "Ambassador Anatoly Antonov met senators."),
    # a name in the instrumental case; a Chinese name the knowledge base spells in both
    ("Госсекретарь Энтони Блинкен встретился с Сергеем Лавровым в Женеве.",
     "Secretary of State Antony Blinken met Sergei Lavrov in Geneva."),
    ("Президент Владимир Путин провел переговоры с Си Цзиньпином в Пекине.",
     "Russian President Vladimir Putin held talks with Xi Jinping in Beijing."),
])
def test_a_name_retold_in_another_script_is_the_same_name(a: str, b: str) -> None:
    assert [c for c in _paired(a, b) if c.kind == "name"] == []


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Сергей Лавров прибыл в Анкару.", "Sergei Shoigu arrived in Ankara.",
     ("Сергей Лавров", "Sergei Shoigu")),
    ("Госсекретарь Энтони Блинкен встретился с Сергеем Лавровым в Женеве.",
     "Secretary of State Antony Blinken met Sergei Shoigu in Geneva.",
     ("Сергеем Лавровым", "Sergei Shoigu")),
    ("Президент Владимир Путин провел переговоры с Си Цзиньпином в Пекине.",
     "Russian President Vladimir Putin held talks with Narendra Modi in Beijing.",
     ("Си Цзиньпином", "Narendra Modi")),
    ("Президент Володимир Зеленський зустрівся з Джорджею Мелоні у Римі.",
     "President Volodymyr Zelensky met Emmanuel Macron in Rome.",
     ("Джорджею Мелоні", "Emmanuel Macron")),
])
def test_a_name_swapped_across_scripts_is_a_certain_name_change(
        a: str, b: str, expected: tuple[str, str]) -> None:
    names = [(c.a_text, c.b_text) for c in _paired(a, b) if c.kind == "name" and c.certain]
    assert names == [expected]


@pytest.mark.parametrize(("x", "y", "alike"), [
    ("Лавровым", "Lavrov", True), ("Зеленський", "Zelensky", True), ("Шойгу", "Shoigu", True),
    ("Лавров", "Shoigu", False), ("Мелоні", "Macron", False),
])
def test_spelled_alike(x: str, y: str, alike: bool) -> None:
    assert spelled_alike(x, y) is alike
