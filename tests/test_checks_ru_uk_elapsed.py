"""Russian and Ukrainian counts "after" an event (claims/checks/elapsed.py with
languages/verbs.py): a noun that ends like a past verb ("генерал", "сила", "число",
"сили") no longer silences the clause that tells how things stand now, a count inside the
sentence ("Сегодня, спустя ...", "Полуостров и спустя ...") is read, and a clause in the
past or a sentence dated in the past stays silent.

Every sentence is written for this test; the publication date (4 September 2025) is the
reference date.
"""

from __future__ import annotations

import re

import pytest

from launderlens.kb import KnowledgeBase, load_default
from launderlens.languages.verbs import has_past_verb, is_past_verb

from .test_checks_ru_uk import findings


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_default()


# Three years after the annexation of Crimea (18 March 2014) or two after the full-scale
# invasion (24 February 2022) do not fit 4 September 2025: each is a slip.
SLIPS = [
    ("Спустя три года после аннексии Крыма генерал по-прежнему командует флотом.", "ru"),
    ("Спустя три года после аннексии Крыма сила флота по-прежнему растёт.", "ru"),
    ("Спустя три года после аннексии Крыма число туристов по-прежнему падает.", "ru"),
    ("Спустя три года после аннексии Крыма школа по-прежнему закрыта.", "ru"),
    ("Сегодня, спустя три года после аннексии Крыма, полуостров по-прежнему отрезан.", "ru"),
    ("Полуостров и спустя три года после аннексии Крыма по-прежнему отрезан от мира.", "ru"),
    ("Власти признают, что спустя три года после аннексии Крыма полуостров всё ещё "
     "отрезан.", "ru"),
    ("Сьогодні, через два роки після початку повномасштабного вторгнення, Україна досі "
     "тримається.", "uk"),
    ("Через два роки після початку повномасштабного вторгнення сили України досі "
     "тримаються.", "uk"),
    ("Через три роки після анексії Криму півострів досі відрізаний від світу.", "uk"),
    ("Сейчас известно, что спустя три года после аннексии Крыма полуостров по-прежнему "
     "отрезан.", "ru"),
]

# A clause in the past, a past verb before the count, a year dating the sentence, or a
# count that fits: nothing to find.
SILENT = [
    ("Спустя три года после аннексии Крыма генерал заявил о новых учениях.", "ru"),
    ("Спустя три года после аннексии Крыма полуостров по-прежнему был отрезан.", "ru"),
    ("Министр заявил, что спустя три года после аннексии Крыма полуостров по-прежнему "
     "отрезан.", "ru"),
    ("В 2017 году, спустя три года после аннексии Крыма, полуостров по-прежнему отрезан.",
     "ru"),
    ("Сегодня, спустя три года после начала СВО, экономика Украины по-прежнему держится.",
     "ru"),
    ("Через три роки після початку повномасштабного вторгнення сили України досі "
     "тримаються.", "uk"),
    ("Через три роки після анексії Криму генерал провів навчання.", "uk"),
    # A present word before a "что"/"що" clause tells when it is known, not when the count
    # stands: the clause after the count is in the past.
    ("Сейчас известно, что спустя три года после аннексии Крыма флот был переведён в "
     "Новороссийск.", "ru"),
    ("Сьогодні відомо, що через три роки після анексії Криму Росія відкрила міст.", "uk"),
    # Past verbs with no vowel-л ending: Ukrainian "був" and -ув, Russian "рос".
    ("Через три роки після анексії Криму півострів досі був відрізаний від світу.", "uk"),
    ("Спустя три года после аннексии Крыма туризм по-прежнему рос.", "ru"),
]


@pytest.mark.parametrize(("text", "language"), SLIPS, ids=[s[0][:40] for s in SLIPS])
def test_a_count_after_an_event_that_does_not_fit_is_found(
        text: str, language: str, kb: KnowledgeBase) -> None:
    found = findings(text, kb, language)
    assert len(found) == 1
    assert found[0].kind == "temporal_inconsistency"


@pytest.mark.parametrize(("text", "language"), SILENT, ids=[s[0][:40] for s in SILENT])
def test_a_past_clause_a_dated_sentence_or_a_fitting_count_stays_silent(
        text: str, language: str, kb: KnowledgeBase) -> None:
    assert findings(text, kb, language) == []


PAST_VERBS = ["сказал", "открыла", "заявили", "осталось", "оказался", "был", "пришли",
              "мог", "заявив", "сказав", "провів", "відповів", "хотів", "став", "надіслав",
              "заплатив", "затвердила", "трималися", "був", "загинув", "повернувся", "рос",
              "вырос", "погиб", "вёл", "виріс"]
NOT_PAST = ["генерал", "сила", "число", "школа", "дела", "цели", "обстрел", "Ярослав",
            "років", "днів", "Харків", "Львів", "Київ", "сили", "актив", "ініціатив",
            "состав", "стол", "начала", "или", "земли", "материал", "Вячеслава",
            "канала", "скандала", "трибунала", "справ", "глав", "Михаил", "Павел",
            "вопрос", "запрос", "рост"]


@pytest.mark.parametrize("word", PAST_VERBS)
def test_past_verbs_are_read(word: str) -> None:
    assert is_past_verb(word)


@pytest.mark.parametrize("word", NOT_PAST)
def test_nouns_and_names_with_a_past_ending_are_not(word: str) -> None:
    assert not is_past_verb(word)


def test_a_text_has_a_past_verb_only_where_one_is() -> None:
    assert has_past_verb("Генерал сказал, что сила флота растёт.")
    assert not has_past_verb("Генерал и сила флота растут.")


def test_no_word_of_a_cyrillic_name_the_kb_knows_reads_as_a_past_verb(
        kb: KnowledgeBase) -> None:
    # A name read as a verb silences the clause it opens ("Михаил Мишустин по-прежнему ...").
    words = {w for person in kb.people.values() for alias in person.aliases
             for w in re.findall(r"[\u0400-\u04ff'’ʼ-]+", alias)}
    assert words and sorted(w for w in words if is_past_verb(w)) == []


def test_a_named_person_does_not_silence_a_count_that_does_not_fit(kb: KnowledgeBase) -> None:
    text = ("Спустя три года после аннексии Крыма Урсула фон дер Ляйен по-прежнему "
            "говорит о санкциях.")
    assert [f.kind for f in findings(text, kb, "ru")] == ["temporal_inconsistency"]
