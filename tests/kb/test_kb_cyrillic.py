"""Names in Cyrillic (kb/data/terms-*.yaml aliases, kb/names.py folding): every person the
knowledge base knows has a Russian spelling, found in the case forms a sentence puts it in,
and a Russian sentence naming a former office holder as current raises the finding its
English form raises. Sentences are written for this test."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

import pytest

from launderlens.claims.checks import temporal_findings
from launderlens.ingest.segment import segment
from launderlens.kb import KnowledgeBase, load_default
from launderlens.model import Article

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_default()


def test_every_person_has_a_cyrillic_name(kb: KnowledgeBase) -> None:
    missing = [p.id for p in kb.people.values()
               if not any(_CYRILLIC.search(alias) for alias in p.aliases)]
    assert missing == []


@pytest.mark.parametrize(("name", "expected"), [
    ("Урсула фон дер Ляйен", "ursula-von-der-leyen"),
    ("Си Цзиньпин", "xi-jinping"),
    ("Сі Цзіньпін", "xi-jinping"),
    ("Франк-Вальтер Штайнмайер", "frank-walter-steinmeier"),
    ("Джон Керри", "john-kerry"),
    ("Матеуша Моравецкого", "mateusz-morawiecki"),
    ("Терезы Мэй", "theresa-may"),
])
def test_cyrillic_names_and_their_case_forms_find_the_person(
        kb: KnowledgeBase, name: str, expected: str) -> None:
    person = kb.find_person(name)
    assert person is not None and person.id == expected


@pytest.mark.parametrize(("english", "russian"), [
    ("British Prime Minister Theresa May said talks would continue.",
     "Премьер-министр Великобритании Тереза Мэй заявила, что переговоры продолжатся."),
    ("US Secretary of State John Kerry arrived in Kyiv.",
     "Госсекретарь США Джон Керри прибыл в Киев."),
])
def test_a_former_holder_named_in_russian_is_found_as_in_english(
        kb: KnowledgeBase, english: str, russian: str) -> None:
    def messages(text: str, language: str) -> list[str]:
        article = Article.create(text, language=language,
                                 published=datetime.combine(date(2025, 9, 4), time(12), UTC))
        return [f.message for f in temporal_findings(article, segment(article), kb=kb)
                if f.kind == "office_mismatch"]

    expected = messages(english, "en")
    assert expected and messages(russian, "ru") == expected
