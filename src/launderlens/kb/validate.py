"""Checks that need several knowledge-base records at once: references between them,
overlapping terms, dates past ``as_of`` and phrases or domains claimed twice.

Records and where each was defined in; a list of :class:`Problem` out (empty when fine).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .model import Jurisdiction, Office, OfficeTerm, Records, office_phrases

__all__ = ["Problem", "check_records"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data: where it is and what it is."""

    file: str
    entry: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.message}"


def check_records(records: Records, as_of: date,
                  where: Mapping[tuple[str, str], tuple[str, str]]) -> list[Problem]:
    """The problems in ``records`` taken together; ``where`` maps (kind, id) to the
    (file, entry) that defined a record, so each problem names its source."""
    problems: list[Problem] = []

    def problem(kind: str, key: str, message: str) -> None:
        file, entry = where.get((kind, key), ("(merged)", key))
        problems.append(Problem(file, entry, message))

    offices = {office.id: office for office in records.offices}
    people = {person.id for person in records.people}
    jurisdictions = {item.id: item for item in records.jurisdictions}
    for office in records.offices:
        if office.jurisdiction not in jurisdictions:
            problem("offices", office.id, f"unknown jurisdiction {office.jurisdiction!r}")
    for term in records.terms:
        if term.office not in offices:
            problem("terms", term.id, f"unknown office id {term.office!r}; known: "
                                      f"{', '.join(sorted(offices))}")
        if term.person not in people:
            problem("terms", term.id, f"unknown person id {term.person!r}")
        for name, day in (("start", term.start), ("end", term.end)):
            if day is not None and day > as_of:
                problem("terms", term.id, f"{name} {day} is after as_of {as_of}")
    _overlaps(records.terms, offices, problem)
    for event in records.events:
        for day in (event.date, event.end):
            if day is not None and day > as_of:
                problem("events", event.id, f"date {day} is after as_of {as_of}")
    _collisions(records, jurisdictions, problem)
    return problems


def _overlaps(terms: Iterable[OfficeTerm], offices: Mapping[str, Office],
              problem: Callable[[str, str, str], None]) -> None:
    by_office: dict[str, list[OfficeTerm]] = {}
    for term in terms:
        by_office.setdefault(term.office, []).append(term)
    for office_id, office_terms in by_office.items():
        if office_id not in offices or not offices[office_id].single_holder:
            continue
        office_terms.sort(key=lambda term: term.start)
        for before, after in itertools.pairwise(office_terms):
            # Ending and starting on the same day is a handover, not an overlap.
            if before.end is None or before.end > after.start:
                problem("terms", after.id, f"overlaps {before.person}'s term from "
                                           f"{before.start} in single-holder office {office_id}")


def _collisions(records: Records, jurisdictions: Mapping[str, Jurisdiction],
                problem: Callable[[str, str, str], None]) -> None:
    seen: dict[str, str] = {}
    for office in records.offices:
        for phrase in office_phrases(office, jurisdictions.get(office.jurisdiction)):
            other = seen.setdefault(phrase, office.id)
            if other != office.id:
                problem("offices", office.id, f"phrase {phrase!r} also names {other}")
    domains: dict[str, str] = {}
    for outlet in records.outlets:
        for domain in outlet.domains:
            other = domains.setdefault(domain, outlet.id)
            if other != outlet.id:
                problem("outlets", outlet.id, f"domain {domain} also belongs to {other}")

