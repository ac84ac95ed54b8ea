"""The knowledge base shipped in the package: it validates, and the lookups checks rely on
give the right answers."""

from __future__ import annotations

from datetime import date

import pytest

from launderlens.errors import ConfigError
from launderlens.kb import STATE_AFFILIATIONS, KnowledgeBase, load, load_default


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_default()


def holder_ids(kb: KnowledgeBase, office: str, on: str) -> list[str]:
    return [term.person for term in kb.holders(office, date.fromisoformat(on))]


def test_shipped_kb_validates_and_is_cached(kb: KnowledgeBase) -> None:
    assert load_default() is kb
    assert kb.as_of == date(2025, 12, 31)
    assert len(kb.version) == 16
    assert len(kb.terms) > 100 and len(kb.events) > 40 and len(kb.outlets) > 20


def test_every_fact_has_a_public_source(kb: KnowledgeBase) -> None:
    records = [*kb.terms, *kb.events.values(), *kb.outlets.values()]
    assert all(record.sources for record in records)
    assert all(source.url.startswith("https://") for record in records
               for source in record.sources)


@pytest.mark.parametrize(("office", "on", "expected"), [
    ("pl.president", "2025-10-14", ["karol-nawrocki"]),
    ("pl.president", "2025-08-01", ["andrzej-duda"]),
    ("pl.president", "2025-08-06", ["andrzej-duda", "karol-nawrocki"]),  # handover day
    ("us.president", "2025-09-04", ["donald-trump"]),
    ("us.president", "2022-02-24", ["joe-biden"]),
    ("de.chancellor", "2025-09-04", ["friedrich-merz"]),
    ("de.chancellor", "2025-05-05", ["olaf-scholz"]),
    ("it.prime_minister", "2025-09-04", ["giorgia-meloni"]),
    ("fr.president", "2025-09-04", ["emmanuel-macron"]),
    ("ua.president", "2025-09-04", ["volodymyr-zelenskyy"]),
    ("gb.monarch", "2023-01-01", ["charles-iii"]),
    ("jp.prime_minister", "2025-09-04", ["shigeru-ishiba"]),
    ("eu.council_president", "2018-06-01", ["donald-tusk"]),
    ("tr.prime_minister", "2020-01-01", []),  # office abolished in 2018
])
def test_holders(kb: KnowledgeBase, office: str, on: str, expected: list[str]) -> None:
    assert holder_ids(kb, office, on) == expected


def test_dates_after_as_of_are_unknown_for_open_terms(kb: KnowledgeBase) -> None:
    later = date(2026, 6, 1)
    assert not kb.knows(later)
    assert kb.holders("hu.prime_minister", later) == []  # open term: unknown, not "nobody"
    assert holder_ids(kb, "pl.president", "2010-12-01") == ["bronislaw-komorowski"]


def test_designated_holder_is_returned_only_on_request(kb: KnowledgeBase) -> None:
    on = date(2025, 9, 1)
    assert kb.holders("lt.prime_minister", on) == []
    designated = kb.holders("lt.prime_minister", on, include_designated=True)
    assert [term.person for term in designated] == ["inga-ruginiene"]


def test_unknown_office_lists_the_known_ones(kb: KnowledgeBase) -> None:
    with pytest.raises(ConfigError, match=r"pl\.president"):
        kb.holders("poland.president", date(2025, 1, 1))


@pytest.mark.parametrize(("name", "expected"), [
    ("Zelensky", "volodymyr-zelenskyy"),
    ("Zelenskyy", "volodymyr-zelenskyy"),
    ("zelenskiy", "volodymyr-zelenskyy"),
    ("Vladimir Zelensky", "volodymyr-zelenskyy"),
    ("Volodymyr Zelenskyi", "volodymyr-zelenskyy"),
    ("VIKTOR ORBAN", "viktor-orban"),
    ("Erdogan", "recep-tayyip-erdogan"),
    ("Donald J. Trump", "donald-trump"),
    ("Lukashenka", "alexander-lukashenko"),
    ("Xi", "xi-jinping"),
    ("von der Leyen", "ursula-von-der-leyen"),
    ("Nawrocki", "karol-nawrocki"),
    ("Li", None),  # Li Keqiang and Li Qiang: ambiguous
    ("Nobody Atall", None),
])
def test_find_person(kb: KnowledgeBase, name: str, expected: str | None) -> None:
    person = kb.find_person(name)
    assert (person.id if person else None) == expected


def test_terms_of_follows_a_career(kb: KnowledgeBase) -> None:
    offices = [(term.office, term.start.year) for term in kb.terms_of("Donald Tusk")]
    assert offices == [("pl.prime_minister", 2007), ("eu.council_president", 2014),
                       ("pl.prime_minister", 2023)]
    assert kb.terms_of("nobody at all") == []


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Polish president", "pl.president"),
    ("President of Poland", "pl.president"),
    ("Poland's president", "pl.president"),
    ("the U.S. President", "us.president"),
    ("German Chancellor", "de.chancellor"),
    ("Chinese premier", "cn.premier"),
    ("British PM", "gb.prime_minister"),
    ("King of Canada", "ca.monarch"),
    ("NATO Secretary-General", "nato.secretary_general"),
    ("European Commission President", "eu.commission_president"),
    ("Ukrainian foreign minister", "ua.foreign_minister"),
    ("Martian president", None),
])
def test_office_for_phrase(kb: KnowledgeBase, phrase: str, expected: str | None) -> None:
    assert kb.office_for_phrase(phrase) == expected


def test_events(kb: KnowledgeBase) -> None:
    invasion = kb.event("full-scale invasion of Ukraine")
    assert invasion is not None and invasion.date == date(2022, 2, 24)
    assert kb.event("russian-full-scale-invasion-of-ukraine") is invasion
    crimea = kb.event("Crimea annexation")
    assert crimea is not None and crimea.date.year == 2014
    finland, sweden = kb.event("finland-joins-nato"), kb.event("Sweden joins NATO")
    assert finland is not None and finland.date == date(2023, 4, 4)
    assert sweden is not None and sweden.date == date(2024, 3, 7)
    inauguration = kb.event("us-inauguration-2025")
    assert inauguration is not None and inauguration.date == date(2025, 1, 20)
    assert kb.event("no such event") is None


def test_invasion_year_count_exposes_the_seventh_year_slip(kb: KnowledgeBase) -> None:
    invasion = kb.event("russian-full-scale-invasion-of-ukraine")
    assert invasion is not None
    meeting = date(2025, 9, 4)
    completed = meeting.year - invasion.date.year - (
        (meeting.month, meeting.day) < (invasion.date.month, invasion.date.day))
    assert completed + 1 == 4  # the fourth year of the full-scale war, not the seventh


@pytest.mark.parametrize(("query", "outlet", "affiliation"), [
    ("tass.com", "tass", "state_media"),
    ("https://www.tass.ru/politika/1", "tass", "state_media"),
    ("francais.rt.com", "rt", "state_media"),
    ("RIA Novosti", "ria-novosti", "state_media"),
    ("en.people.cn", "peoples-daily", "state_media"),
    ("Anadolu Agency", "anadolu", "state_media"),
    ("bbc.co.uk", "bbc", "public_service"),
    ("AP", "associated-press", "independent"),
    ("reuters.com", "reuters", "independent"),
])
def test_outlet_for(kb: KnowledgeBase, query: str, outlet: str, affiliation: str) -> None:
    found = kb.outlet_for(query)
    assert found is not None and found.id == outlet
    assert found.state_affiliation == affiliation in STATE_AFFILIATIONS


def test_outlet_for_unknown_is_none(kb: KnowledgeBase) -> None:
    assert kb.outlet_for("example.org") is None
    assert kb.outlet_for("Riverbend Gazette") is None


def test_load_without_default_needs_data(tmp_path: object) -> None:
    from launderlens.kb import KnowledgeBaseError

    with pytest.raises(KnowledgeBaseError, match="as_of"):
        load((), include_default=False)
