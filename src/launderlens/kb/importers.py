"""Grow the knowledge base: Wikidata entity JSON or CSV in, :class:`Records` and the
problems met out, and :func:`write_user_kb` to save them as a user KB file.

Importers never drop a row silently: whatever they cannot turn into a record (a position
with no office id, a date known only to the year, a row with a bad field) comes back in
``problems`` with the reason, and the rest is imported.

CSV columns (first row is the header; several values in one cell are separated by ``|``):

- terms: ``office, person, person_name, aliases, start, end, acting, designated, note,
  source`` -- ``office``, ``start`` and ``source`` are required, and ``person`` (an id
  already in the KB) or ``person_name`` (a new person; the id is made from the name);
- events: ``id, name, date, end, kind, precision, aliases, place, note, source``;
- outlets: ``id, name, aliases, domains, country, owner, state_affiliation, note, source``.

Dates are ISO (YYYY-MM-DD); ``acting`` is true/false.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from .load import KnowledgeBaseError, parse_document
from .model import OfficeTerm, Person, Records, Source
from .names import fold

__all__ = [
    "WIKIDATA_POSITIONS",
    "ImportResult",
    "import_csv",
    "import_wikidata",
    "records_to_document",
    "write_user_kb",
]

#: Wikidata position items (P39 values) mapped to KB office ids. Only ids checked against
#: public Wikidata queries are here; pass ``positions=`` for any other office.
WIKIDATA_POSITIONS: Mapping[str, str] = {
    "Q11696": "us.president",        # President of the United States
    "Q14211": "gb.prime_minister",   # Prime Minister of the United Kingdom
    "Q218295": "ru.president",       # President of Russia
}

_DAY_PRECISION = 11  # Wikidata time precision: 9 year, 10 month, 11 day
_CSV_KINDS = {
    "terms": {"office", "start"},
    "events": {"date", "kind"},
    "outlets": {"state_affiliation"},
}
_LIST_COLUMNS = {"aliases", "domains", "source"}


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an importer produced, and one line per thing it could not import."""

    records: Records
    problems: tuple[str, ...]


def import_wikidata(data: str | os.PathLike[str] | Mapping[str, Any],
                    positions: Mapping[str, str] | None = None, *,
                    languages: Iterable[str] = ("en",)) -> ImportResult:
    """People and their P39 (position held) terms from Wikidata entity JSON.

    ``data`` is a path to a ``wbgetentities`` / ``Special:EntityData`` JSON file, the JSON
    text, or the parsed document. Each P39 statement whose position is in ``positions``
    (added to :data:`WIKIDATA_POSITIONS`) becomes a term, dated by its P580 (start time)
    and P582 (end time) qualifiers; the source is the person's Wikidata page. Labels in
    ``languages`` give the name (first language) and aliases.
    """
    mapping = {**WIKIDATA_POSITIONS, **(positions or {})}
    languages = tuple(languages)
    document = _json_document(data)
    entities = document.get("entities", document) if isinstance(document, Mapping) else None
    if not isinstance(entities, Mapping):
        raise ConfigError("not Wikidata entity JSON: expected {\"entities\": {\"Q...\": {...}}}")
    people: list[Person] = []
    terms: list[OfficeTerm] = []
    problems: list[str] = []
    used_ids: set[str] = set()
    for qid, entity in entities.items():
        if not isinstance(entity, Mapping) or "missing" in entity:
            problems.append(f"{qid}: no such entity in the data")
            continue
        person = _wikidata_person(str(qid), entity, languages, used_ids)
        if person is None:
            problems.append(f"{qid}: no label in {', '.join(languages)}")
            continue
        people.append(person)
        for statement in entity.get("claims", {}).get("P39", ()):
            term = _wikidata_term(person, statement, mapping, problems)
            if term is not None:
                terms.append(term)
    return ImportResult(Records(people=tuple(people), terms=tuple(terms)), tuple(problems))


def import_csv(path: str | os.PathLike[str], kind: str | None = None) -> ImportResult:
    """Terms, events or outlets from a CSV file (columns in the module docstring).

    ``kind`` ("terms", "events", "outlets") is guessed from the header when not given.
    """
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = {name.strip() for name in reader.fieldnames or ()}
        kind = kind or next((name for name, needed in _CSV_KINDS.items()
                             if needed <= header), None)
        if kind not in _CSV_KINDS:
            raise ConfigError(f"{path}: cannot tell what the CSV holds from its header "
                              f"{sorted(header)}; pass kind= one of {', '.join(_CSV_KINDS)}")
        rows = [({key.strip(): (value or "").strip() for key, value in row.items() if key},
                 reader.line_num) for row in reader]
    people: dict[str, Person] = {}
    found: list[Any] = []
    problems: list[str] = []
    for row, line in rows:
        entry = _csv_entry(kind, row)
        if kind == "terms" and not entry.get("person"):
            problems.append(f"{path}:{line}: needs a person (id) or person_name")
            continue
        try:
            records, _ = parse_document({kind: [entry]}, f"{path}:{line}")
        except KnowledgeBaseError as error:
            problems += [f"{path}:{line}: {problem.message}" for problem in error.problems]
            continue
        found += getattr(records, kind)
        if kind == "terms" and row.get("person_name"):
            person = Person(id=str(entry["person"]), name=row["person_name"],
                            aliases=tuple(_split(row.get("aliases", ""))))
            people.setdefault(person.id, person)
    if kind == "terms":
        records = Records(people=tuple(people.values()), terms=tuple(found))
    else:
        records = Records(**{kind: tuple(found)})
    return ImportResult(records, tuple(problems))


def write_user_kb(records: Records, folder: str | os.PathLike[str], *,
                  name: str = "imported", overwrite: bool = False) -> Path:
    """Save ``records`` as ``folder/name.yaml``, a file :func:`launderlens.kb.load` reads
    as a layer over the default KB. Refuses to replace an existing file unless told to."""
    target = Path(folder) / f"{name}.yaml"
    if target.exists() and not overwrite:
        raise ConfigError(f"{target} exists; pick another name= or pass overwrite=True")
    target.parent.mkdir(parents=True, exist_ok=True)
    header = ("# Written by launderlens.kb.importers.write_user_kb; loaded over the default "
              "knowledge base.\n")
    body = yaml.safe_dump(records_to_document(records), allow_unicode=True, sort_keys=False,
                          width=100)
    target.write_text(header + body, encoding="utf-8")
    return target


def records_to_document(records: Records) -> dict[str, list[dict[str, Any]]]:
    """``records`` as the plain mapping a KB data file holds (empty fields left out)."""
    document: dict[str, list[dict[str, Any]]] = {}
    for kind in ("jurisdictions", "offices", "people", "terms", "events", "outlets"):
        items = getattr(records, kind)
        if items:
            document[kind] = [_plain(item) for item in items]
    return document


def _plain(record: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key in record.__slots__:
        value = getattr(record, key)
        if value in (None, (), False, "") or (key == "precision" and value == "day") or (
                key == "single_holder" and value is True):
            continue
        if key == "sources":
            value = [source.url if source.title is None
                     else {"url": source.url, "title": source.title} for source in value]
        elif isinstance(value, tuple):
            value = list(value)
        result[key] = value
    return result


def _json_document(data: str | os.PathLike[str] | Mapping[str, Any]) -> Any:
    if isinstance(data, Mapping):
        return data
    text = str(data)
    if text.lstrip().startswith("{"):
        return json.loads(text)
    with open(data, encoding="utf-8") as handle:
        return json.load(handle)


def _wikidata_person(qid: str, entity: Mapping[str, Any], languages: tuple[str, ...],
                     used_ids: set[str]) -> Person | None:
    labels = entity.get("labels", {})
    names = [labels[lang]["value"] for lang in languages if lang in labels]
    aliases = [alias["value"] for lang in languages
               for alias in entity.get("aliases", {}).get(lang, ())]
    if not names:
        return None
    person_id = _slug(names[0])
    if person_id in used_ids or not person_id:
        person_id = f"{person_id}-{qid.lower()}".strip("-")
    used_ids.add(person_id)
    others = tuple(dict.fromkeys(name for name in [*names[1:], *aliases] if name != names[0]))
    return Person(id=person_id, name=names[0], aliases=others, wikidata=qid,
                  sources=(Source(f"https://www.wikidata.org/wiki/{qid}"),))


def _wikidata_term(person: Person, statement: Mapping[str, Any], mapping: Mapping[str, str],
                   problems: list[str]) -> OfficeTerm | None:
    where = f"{person.wikidata} ({person.name}) P39"
    snak = statement.get("mainsnak", {})
    value = snak.get("datavalue", {}).get("value", {}) if snak.get("snaktype") == "value" else {}
    position = value.get("id") or (f"Q{value['numeric-id']}" if "numeric-id" in value else None)
    if statement.get("rank") == "deprecated":
        problems.append(f"{where} {position}: deprecated statement, skipped")
        return None
    if position is None:
        problems.append(f"{where}: statement without a position value, skipped")
        return None
    office = mapping.get(position)
    if office is None:
        problems.append(f"{where} {position}: position not mapped to an office id; "
                        f"pass positions={{'{position}': 'xx.office'}} to import it")
        return None
    qualifiers = statement.get("qualifiers", {})
    start = _wikidata_date(qualifiers.get("P580", ()), f"{where} {position} start", problems)
    end = _wikidata_date(qualifiers.get("P582", ()), f"{where} {position} end", problems)
    if not qualifiers.get("P580"):
        problems.append(f"{where} {position}: no start time (P580), skipped")
    if start is None or (qualifiers.get("P582") and end is None):
        return None
    return OfficeTerm(office=office, person=person.id, start=start, end=end,
                      sources=person.sources)


def _wikidata_date(snaks: Iterable[Mapping[str, Any]], where: str,
                   problems: list[str]) -> date | None:
    """The day of the first qualifier snak; a problem is recorded for every None returned
    while a qualifier was present (unknown value, low precision, unreadable)."""
    for snak in snaks:
        value = snak.get("datavalue", {}).get("value", {})
        if snak.get("snaktype") != "value" or "time" not in value:
            problems.append(f"{where}: no known date ({snak.get('snaktype')}), skipped")
            return None
        if value.get("precision", 0) < _DAY_PRECISION:
            problems.append(f"{where}: {value['time']} is not known to the day, skipped")
            return None
        text = str(value["time"])
        try:
            if text.startswith("-"):
                raise ValueError("before the common era")
            return date.fromisoformat(text.lstrip("+")[:10])
        except ValueError as error:
            problems.append(f"{where}: cannot read {text!r} ({error}), skipped")
            return None
    return None


def _csv_entry(kind: str, row: Mapping[str, str]) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    for key, value in row.items():
        if not value or key in ("person_name",):
            continue
        if key in _LIST_COLUMNS:
            entry["sources" if key == "source" else key] = _split(value)
        elif key == "acting":
            entry[key] = value.lower() in ("1", "true", "yes")
        else:
            entry[key] = value
    if kind == "terms":
        if not entry.get("person") and row.get("person_name"):
            entry["person"] = _slug(row["person_name"])
        entry.pop("aliases", None)
    return entry


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _slug(name: str) -> str:
    return fold(name).replace(" ", "-")
