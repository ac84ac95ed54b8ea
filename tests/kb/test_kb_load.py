"""The loader's validation: every kind of bad input is reported with its file, entry and
problem, and a user KB layer is merged over the default."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from launderlens.errors import ConfigError
from launderlens.kb import KnowledgeBaseError, load

BASE = """
meta: {as_of: 2025-12-31}
jurisdictions:
  - {id: XX, name: Freedonia, adjectives: [Freedonian]}
offices:
  - {id: xx.president, jurisdiction: XX, label: President of Freedonia, titles: [president]}
people:
  - {id: rufus, name: Rufus T. Firefly}
  - {id: trentino, name: Ambassador Trentino}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, terms: str) -> str:
    write(tmp_path, "base.yaml", BASE)
    write(tmp_path, "terms.yaml", terms)
    with pytest.raises(KnowledgeBaseError) as caught:
        load([tmp_path], include_default=False)
    assert caught.value.problems
    return str(caught.value)


def test_a_small_valid_kb(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    write(tmp_path, "terms.yaml", """
        terms:
          - {office: xx.president, person: rufus, start: 1933-11-17, end: 1940-01-01,
             source: "https://example.org/duck-soup"}
          - {office: xx.president, person: trentino, start: 1940-01-01,
             source: "https://example.org/duck-soup"}
        """)
    kb = load([tmp_path], include_default=False)
    assert [t.person for t in kb.holders("xx.president", date(1940, 1, 1))] == [
        "rufus", "trentino"]
    assert kb.office_for_phrase("Freedonian president") == "xx.president"
    assert kb.find_person("Firefly") is not None


def test_missing_source(tmp_path: Path) -> None:
    message = problems_of(tmp_path, """
        terms:
          - {office: xx.president, person: rufus, start: 1933-11-17}
        """)
    assert "terms.yaml" in message and "rufus" in message and "missing source" in message


def test_source_that_is_not_a_url(tmp_path: Path) -> None:
    message = problems_of(tmp_path, """
        terms:
          - {office: xx.president, person: rufus, start: 1933-11-17, source: a film}
        """)
    assert "not an http(s) URL" in message


def test_end_before_start(tmp_path: Path) -> None:
    message = problems_of(tmp_path, """
        terms:
          - {office: xx.president, person: rufus, start: 1933-11-17, end: 1933-01-01,
             source: "https://example.org/a"}
        """)
    assert "end 1933-01-01 is before start 1933-11-17" in message


def test_overlapping_terms_in_a_single_holder_office(tmp_path: Path) -> None:
    message = problems_of(tmp_path, """
        terms:
          - {office: xx.president, person: rufus, start: 1933-11-17, end: 1940-06-01,
             source: "https://example.org/a"}
          - {office: xx.president, person: trentino, start: 1940-01-01,
             source: "https://example.org/a"}
        """)
    assert "overlaps rufus's term" in message and "trentino" in message


def test_an_open_term_followed_by_another_overlaps(tmp_path: Path) -> None:
    message = problems_of(tmp_path, """
        terms:
          - {office: xx.president, person: rufus, start: 1933-11-17, source: "https://e.org/a"}
          - {office: xx.president, person: trentino, start: 1940-01-01, source: "https://e.org/a"}
        """)
    assert "overlaps" in message


def test_unknown_office_and_person(tmp_path: Path) -> None:
    message = problems_of(tmp_path, """
        terms:
          - {office: xx.king, person: groucho, start: 1933-11-17, source: "https://e.org/a"}
        """)
    assert "unknown office id 'xx.king'" in message and "xx.president" in message
    assert "unknown person id 'groucho'" in message


def test_duplicate_ids(tmp_path: Path) -> None:
    message = problems_of(tmp_path, """
        people:
          - {id: rufus, name: Someone Else}
        """)
    assert "duplicate id 'rufus'" in message and "base.yaml" in message


@pytest.mark.parametrize(("value", "expected"), [
    ("17 November 1933", "is not an ISO date"),
    ("1933/11/17", "is not an ISO date"),
    ('"1933-02-30"', "is not a real date"),
    ("1933-11-17T10:00:00", "has a time of day"),
])
def test_dates_not_iso(tmp_path: Path, value: str, expected: str) -> None:
    message = problems_of(tmp_path, f"""
        terms:
          - {{office: xx.president, person: rufus, start: {value}, source: "https://e.org/a"}}
        """)
    assert expected in message


def test_impossible_unquoted_date_names_the_file(tmp_path: Path) -> None:
    message = problems_of(tmp_path, """
        terms:
          - {office: xx.president, person: rufus, start: 1933-02-30, source: "https://e.org/a"}
        """)
    assert "terms.yaml" in message and "impossible date" in message


def test_dates_after_as_of(tmp_path: Path) -> None:
    message = problems_of(tmp_path, """
        terms:
          - {office: xx.president, person: rufus, start: 2030-01-01, source: "https://e.org/a"}
        """)
    assert "after as_of 2025-12-31" in message


def test_unknown_fields_and_keys_list_the_allowed_ones(tmp_path: Path) -> None:
    message = problems_of(tmp_path, """
        terms:
          - {office: xx.president, person: rufus, start: 1933-11-17, edn: 1940-01-01,
             source: "https://e.org/a"}
        presidents: []
        """)
    assert "unknown field(s) edn" in message and "allowed:" in message
    assert "unknown top-level key" in message


def test_bad_vocabulary(tmp_path: Path) -> None:
    message = problems_of(tmp_path, """
        outlets:
          - {id: fg, name: Freedonia Gazette, country: XX, owner: the state,
             state_affiliation: propaganda, source: "https://e.org/a"}
        """)
    assert "state_affiliation 'propaganda' unknown" in message and "state_media" in message


def test_the_error_is_a_config_error(tmp_path: Path) -> None:
    assert issubclass(KnowledgeBaseError, ConfigError)
    with pytest.raises(KnowledgeBaseError, match="no such file"):
        load([tmp_path / "missing"], include_default=False)


def test_a_user_layer_extends_and_corrects_the_default(tmp_path: Path) -> None:
    write(tmp_path, "mine.yaml", """
        people:
          - {id: jane-doe, name: Jane Doe}
        offices:
          - {id: ee.foreign_minister, jurisdiction: EE, roles: [foreign_minister],
             label: Minister of Foreign Affairs of Estonia, titles: [foreign minister]}
        terms:
          - {office: ee.foreign_minister, person: jane-doe, start: 2024-01-01,
             source: "https://example.org/fm"}
          - {office: pl.president, person: karol-nawrocki, start: 2025-08-06,
             source: "https://example.org/corrected", note: corrected by the user}
        """)
    kb = load([tmp_path])
    assert kb.office_for_phrase("Estonian foreign minister") == "ee.foreign_minister"
    (term,) = kb.holders("pl.president", date(2025, 10, 14))
    assert term.note == "corrected by the user"
    assert str(tmp_path / "mine.yaml") in kb.files
