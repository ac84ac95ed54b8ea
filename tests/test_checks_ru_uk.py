"""Office and dated checks on Russian and Ukrainian text (claims/checks/offices.py,
dated_events.py, periods.py; kb/names.py folding; languages/titles.py qualifiers): a
sentence naming a former office holder as current raises the finding its English form
raises, in any grammatical case; correct statements, and titles qualified as former, then,
deputy or elect, raise none; a weekday that does not fall on its Russian or Ukrainian date
is found, and so are a war "in its seventh year" and "three years after" an event the
knowledge base dates.

Every sentence is written for this test; the publication date is the reference date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from launderlens.claims.checks import temporal_findings
from launderlens.findings import Finding
from launderlens.ingest.segment import segment
from launderlens.kb import KnowledgeBase, load_default
from launderlens.kb.model import office_phrases
from launderlens.kb.names import fold
from launderlens.model import Article

PUBLISHED = date(2025, 9, 4)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_default()


def findings(text: str, kb: KnowledgeBase, language: str) -> list[Finding]:
    article = Article.create(text, published=datetime.combine(PUBLISHED, time(12), UTC),
                             language=language)
    return [f for f in temporal_findings(article, segment(article), kb=kb)
            if f.kind in ("office_mismatch", "temporal_inconsistency")]


# (English sentence, its Russian or Ukrainian form, language): each names a former holder
# as current on 4 September 2025.
SLIPS = [
    ("President of Ukraine Petro Poroshenko said the talks would go on.",
     "Президент Украины Пётр Порошенко заявил, что переговоры продолжатся.", "ru"),
    ("A meeting with Ukrainian President Petro Poroshenko took place in Kyiv.",
     "Встреча с президентом Украины Петром Порошенко прошла в Киеве.", "ru"),
    ("Italian Prime Minister Mario Draghi met the ambassador.",
     "Премьер-министр Италии Марио Драги встретился с послом.", "ru"),
    ("German Chancellor Angela Merkel arrived in Moscow.",
     "Канцлер Германии Ангела Меркель прибыла в Москву.", "ru"),
    ("US Secretary of State Antony Blinken arrived in Kyiv.",
     "Госсекретарь США Энтони Блинкен прибыл в Киев.", "ru"),
    ("Ukrainian Foreign Minister Dmytro Kuleba held talks.",
     "Глава МИД Украины Дмитрий Кулеба провёл переговоры.", "ru"),
    ("Ukrainian Prime Minister Denys Shmyhal announced new steps.",
     "Прем'єр-міністр України Денис Шмигаль заявив про нові кроки.", "uk"),
    ("President of Ukraine Petro Poroshenko announced new steps.",
     "Президент України Петро Порошенко заявив про нові кроки.", "uk"),
    ("Former Ukrainian President Volodymyr Zelensky spoke in Kyiv.",
     "Бывший президент Украины Владимир Зеленский выступил в Киеве.", "ru"),
]

# (English sentence, its Russian or Ukrainian form, language): a war "in its seventh year"
# on 4 September 2025 (the fourth year of the full-scale invasion, the twelfth since 2014).
PERIOD_SLIPS = [
    ("The war in Ukraine enters its seventh year.",
     "Война на Украине вступила в седьмой год.", "ru"),
    ("In the seventh year of the war, Ukraine's economy is collapsing.",
     "На седьмом году войны экономика Украины рушится.", "ru"),
    ("The war in Ukraine is in its seventh year.",
     "Війна в Україні триває вже сьомий рік.", "uk"),
]

# (English sentence, its Russian or Ukrainian form, language): a count "after" an event that
# does not fit on 4 September 2025; the message quotes the count as written.
AFTER_SLIPS = [
    ("Three years after the annexation of Crimea, the peninsula remains cut off.",
     "Спустя три года после аннексии Крыма полуостров по-прежнему отрезан от мира.", "ru"),
    ("Two years after the start of the full-scale invasion, Ukraine's economy still holds.",
     "Спустя два года после начала СВО экономика Украины по-прежнему держится.", "ru"),
    ("Two years after the start of the full-scale invasion, Ukraine's economy still holds.",
     "Через два роки після початку повномасштабного вторгнення економіка України досі "
     "тримається.", "uk"),
]

# Correct on 4 September 2025, or a title that claims no current holder.
CORRECT = [
    ("Президент Украины Владимир Зеленский заявил журналистам о переговорах.", "ru"),
    ("Российский президент Владимир Путин провёл совещание.", "ru"),
    ("Глава МИД России Сергей Лавров провёл переговоры.", "ru"),
    ("Госсекретарь США Марко Рубио прибыл в Киев.", "ru"),
    ("Канцлер ФРГ Фридрих Мерц прибыл в Берлин.", "ru"),
    ("Бывший президент Украины Пётр Порошенко заявил, что переговоры продолжатся.", "ru"),
    ("Встреча с бывшим президентом Украины Петром Порошенко прошла в Киеве.", "ru"),
    ("Экс-премьер Италии Марио Драги выступил на конференции.", "ru"),
    ("Тогдашний президент Украины Пётр Порошенко подписал указ в 2015 году.", "ru"),
    ("Вице-премьер Украины Денис Шмыгаль выступил.", "ru"),
    ("Колишній президент України Петро Порошенко заявив про нові кроки.", "uk"),
    ("Прем'єр-міністр України Юлія Свириденко заявила про нові кроки.", "uk"),
    ("Президент України Володимир Зеленський провів нараду.", "uk"),
    ("Война на Украине идёт уже четвёртый год.", "ru"),
    ("Війна в Україні вступила у четвертий рік.", "uk"),
    ("Это был второй день переговоров в Москве.", "ru"),
    ("Через три роки після початку повномасштабного вторгнення економіка України досі "
     "тримається.", "uk"),
    ("Спустя три года после аннексии Крыма власти открыли мост.", "ru"),  # a past clause
]


@pytest.mark.parametrize(("english", "translated", "language"), SLIPS,
                         ids=[s[1][:40] for s in SLIPS])
def test_a_slip_raises_the_finding_its_english_form_raises(
        english: str, translated: str, language: str, kb: KnowledgeBase) -> None:
    expected = [(f.kind, f.message) for f in findings(english, kb, "en")]
    found = [(f.kind, f.message) for f in findings(translated, kb, language)]
    assert expected and expected[0][0] == "office_mismatch"
    assert found == expected


@pytest.mark.parametrize(("english", "translated", "language"), PERIOD_SLIPS,
                         ids=[s[1][:40] for s in PERIOD_SLIPS])
def test_a_war_in_the_wrong_year_is_found_as_in_english(
        english: str, translated: str, language: str, kb: KnowledgeBase) -> None:
    expected = [f.message for f in findings(english, kb, "en")]
    found = [f.message for f in findings(translated, kb, language)]
    assert expected and "24 February 2022" in expected[0]
    assert found == expected


@pytest.mark.parametrize(("english", "translated", "language"), AFTER_SLIPS,
                         ids=[s[1][:40] for s in AFTER_SLIPS])
def test_a_count_after_an_event_is_judged_as_in_english(
        english: str, translated: str, language: str, kb: KnowledgeBase) -> None:
    expected = [f.message for f in findings(english, kb, "en")]
    found = [f.message for f in findings(translated, kb, language)]
    assert expected and len(found) == 1
    assert found[0].split("' counts from", 1)[1] == expected[0].split("' counts from", 1)[1]


@pytest.mark.parametrize(("text", "language"), CORRECT, ids=[c[0][:40] for c in CORRECT])
def test_a_correct_or_qualified_title_raises_nothing(text: str, language: str,
                                                     kb: KnowledgeBase) -> None:
    assert findings(text, kb, language) == []


@pytest.mark.parametrize(("text", "language", "slip"), [
    ("Встреча состоялась в пятницу, 3 сентября 2025 года.", "ru", True),
    ("Встреча состоялась в среду, 3 сентября 2025 года.", "ru", False),
    ("Зустріч відбулася у п'ятницю, 3 вересня 2025 року.", "uk", True),
    ("Зустріч відбулася у середу, 3 вересня 2025 року.", "uk", False),
])
def test_a_weekday_off_its_date_is_found(text: str, language: str, slip: bool,
                                         kb: KnowledgeBase) -> None:
    found = findings(text, kb, language)
    assert [f.message for f in found] == (
        ["3 September 2025 was a Wednesday, not a Friday."] if slip else [])


def test_fold_meets_every_case_and_both_spellings() -> None:
    assert fold("Президента России Владимира Путина") == fold("президент Россия Владимир Путин")
    assert fold("Зеленский") == fold("Зеленський") == fold("Зеленского") == fold("Зеленським")
    assert fold("Італії") == fold("Італія") == fold("Італією")
    for phrase in ("министра иностранных дел", "Сергея Лаврова", "прем'єр-міністра України",
                   "Италии", "бывшего"):
        assert fold(fold(phrase)) == fold(phrase)
    assert fold("Лавров") != fold("Лукашенко")
    assert fold("Viktor ORBÁN") == "viktor orban"  # Latin text folds as before


def test_cyrillic_titles_pair_only_with_cyrillic_names(kb: KnowledgeBase) -> None:
    office = kb.offices["ua.president"]
    phrases = office_phrases(office, kb.jurisdictions["UA"])
    assert fold("президент Украины") in phrases and fold("український президент") in phrases
    assert "president of ukraine" in phrases and "ukrainian president" in phrases
    assert not any("президент" in p and "ukrain" in p for p in phrases)
    assert not any("president" in p and "укр" in p for p in phrases)
