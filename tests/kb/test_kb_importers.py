"""Importers: Wikidata entity JSON and CSV into records, with every skipped item reported,
and write_user_kb producing a file the loader merges over the default KB."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from launderlens.errors import ConfigError
from launderlens.kb import load
from launderlens.kb.importers import import_csv, import_wikidata, write_user_kb


def time_snak(time: str, precision: int = 11) -> dict[str, Any]:
    return {"snaktype": "value", "property": "P580", "datatype": "time", "datavalue": {
        "type": "time", "value": {"time": time, "timezone": 0, "before": 0, "after": 0,
                                  "precision": precision,
                                  "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}}}


def position(qid: str, start: str | None, end: str | None = None, *, rank: str = "normal",
             start_precision: int = 11) -> dict[str, Any]:
    qualifiers: dict[str, Any] = {}
    if start:
        qualifiers["P580"] = [time_snak(start, start_precision)]
    if end:
        qualifiers["P582"] = [time_snak(end)]
    return {"mainsnak": {"snaktype": "value", "property": "P39", "datavalue": {
        "type": "wikibase-entityid",
        "value": {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}}},
        "type": "statement", "rank": rank, "qualifiers": qualifiers}


# Written by hand in the shape of Special:EntityData/Q....json; the person is fictional.
ENTITIES: dict[str, Any] = {"entities": {
    "Q900001": {
        "type": "item", "id": "Q900001",
        "labels": {"en": {"language": "en", "value": "Marta Kowalczyk"},
                   "pl": {"language": "pl", "value": "Marta Kowalczykówna"}},
        "aliases": {"en": [{"language": "en", "value": "M. Kowalczyk"}]},
        "claims": {"P39": [
            position("Q11696", "+2030-01-20T00:00:00Z", "+2031-01-20T00:00:00Z"),
            position("Q9000099", "+2020-05-01T00:00:00Z"),            # unmapped position
            position("Q14211", "+2019-00-00T00:00:00Z", start_precision=9),  # year only
            position("Q218295", "+2018-05-07T00:00:00Z", rank="deprecated"),
            position("Q900050", "+2021-02-01T00:00:00Z", "+2022-03-04T00:00:00Z"),
        ]},
    },
    "Q900002": {"id": "Q900002", "missing": ""},
}}


def test_import_wikidata_maps_positions_and_reports_the_rest() -> None:
    result = import_wikidata(ENTITIES, positions={"Q900050": "pl.prime_minister"},
                             languages=("en", "pl"))
    (person,) = result.records.people
    assert person.id == "marta-kowalczyk" and person.wikidata == "Q900001"
    assert "Marta Kowalczykówna" in person.aliases and "M. Kowalczyk" in person.aliases
    terms = {term.office: term for term in result.records.terms}
    assert set(terms) == {"us.president", "pl.prime_minister"}
    assert terms["us.president"].start == date(2030, 1, 20)
    assert terms["us.president"].end == date(2031, 1, 20)
    assert terms["pl.prime_minister"].sources[0].url == "https://www.wikidata.org/wiki/Q900001"
    problems = "\n".join(result.problems)
    assert "Q9000099: position not mapped" in problems
    assert "not known to the day" in problems
    assert "deprecated" in problems
    assert "Q900002: no such entity" in problems


def test_import_wikidata_reads_a_file_and_json_text(tmp_path: Path) -> None:
    path = tmp_path / "Q900001.json"
    path.write_text(json.dumps(ENTITIES), encoding="utf-8")
    from_file = import_wikidata(path)
    from_text = import_wikidata(json.dumps(ENTITIES))
    assert from_file.records == from_text.records
    assert [term.office for term in from_file.records.terms] == ["us.president"]


def test_import_wikidata_rejects_other_json() -> None:
    with pytest.raises(ConfigError, match="entities"):
        import_wikidata('{"entities": []}')


def test_import_csv_terms(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_text(
        "office,person,person_name,aliases,start,end,acting,source\n"
        "pl.president,,Jan Testowy,J. Testowy|Jan Testowy-Nowak,2040-01-01,2041-01-01,false,"
        "https://example.org/a\n"
        "pl.president,karol-nawrocki,,,2025-08-06,,,https://example.org/b\n"
        "pl.president,,Bad Date,,6 August 2025,,,https://example.org/c\n"
        "pl.president,,No Source,,2025-08-06,,,\n"
        "pl.president,,,,2025-08-06,,,https://example.org/d\n", encoding="utf-8")
    result = import_csv(path)
    assert [term.person for term in result.records.terms] == ["jan-testowy", "karol-nawrocki"]
    (person,) = result.records.people
    assert person.name == "Jan Testowy" and "J. Testowy" in person.aliases
    problems = "\n".join(result.problems)
    assert "terms.csv:4" in problems and "not an ISO date" in problems
    assert "terms.csv:5" in problems and "missing source" in problems
    assert "terms.csv:6" in problems and "person_name" in problems


def test_import_csv_events_and_outlets(tmp_path: Path) -> None:
    events = tmp_path / "events.csv"
    events.write_text("id,name,date,end,kind,aliases,source\n"
                      "test-summit,Test summit,2024-05-01,2024-05-02,summit,TS|the summit,"
                      "https://example.org/s\n", encoding="utf-8")
    outlets = tmp_path / "outlets.csv"
    outlets.write_text("id,name,domains,country,owner,state_affiliation,source\n"
                       "fg,Freedonia Gazette,gazette.example|fg.example,XX,State,state_media,"
                       "https://example.org/o\n"
                       "bad,Bad Outlet,bad.example,XX,State,propaganda,https://example.org/o\n",
                       encoding="utf-8")
    (event,) = import_csv(events).records.events
    assert event.end == date(2024, 5, 2) and event.aliases == ("TS", "the summit")
    result = import_csv(outlets)
    (outlet,) = result.records.outlets
    assert outlet.domains == ("gazette.example", "fg.example")
    assert "propaganda" in result.problems[0]


def test_import_csv_with_an_unknown_header(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="kind="):
        import_csv(path)


def test_write_user_kb_round_trips_through_load(tmp_path: Path) -> None:
    both = {"Q11696": "xx.president", "Q900050": "xx.president"}
    result = import_wikidata(ENTITIES, positions=both)
    folder = tmp_path / "kb"
    written = write_user_kb(result.records, folder)
    assert written == folder / "imported.yaml"
    with pytest.raises(ConfigError, match="exists"):
        write_user_kb(result.records, folder)
    # The office is the user's own, and the 2030 term needs a later as_of in this layer.
    (folder / "office.yaml").write_text(
        "meta: {as_of: 2031-12-31}\n"
        "jurisdictions: [{id: XX, name: Freedonia, adjectives: [Freedonian]}]\n"
        "offices: [{id: xx.president, jurisdiction: XX, label: President of Freedonia,"
        " titles: [president]}]\n", encoding="utf-8")
    kb = load([folder])
    assert kb.as_of == date(2031, 12, 31)
    person = kb.find_person("Kowalczyk")
    assert person is not None and person.wikidata == "Q900001"
    assert [t.person for t in kb.holders("xx.president", date(2030, 6, 1))] == [
        "marta-kowalczyk"]
    assert [t.start.year for t in kb.terms_of("Marta Kowalczyk")] == [2021, 2030]


def test_written_file_is_validated_on_load(tmp_path: Path) -> None:
    result = import_wikidata(ENTITIES, positions={"Q900050": "pl.prime_minister"})
    write_user_kb(result.records, tmp_path)
    from launderlens.kb import KnowledgeBaseError

    with pytest.raises(KnowledgeBaseError) as caught:
        load([tmp_path])
    message = str(caught.value)
    assert "after as_of" in message  # the 2030 term
    assert "overlaps mateusz-morawiecki's term" in message  # Poland had a prime minister
