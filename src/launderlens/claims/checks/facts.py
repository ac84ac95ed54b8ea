"""What the knowledge base dates: a knowledge base and a person or an event in, the days a
fact covers (an event, the start of a term, an election) as a :class:`Fact` out.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from ...findings import Evidence
from ...kb import Event, KnowledgeBase, OfficeTerm
from ...kb.names import fold
from ..timexpr import DateRange, format_day


def event_range(event: Event) -> DateRange:
    if event.precision == "year":
        return DateRange(date(event.date.year, 1, 1), date(event.date.year, 12, 31))
    if event.precision == "month":
        following = date(event.date.year + event.date.month // 12, event.date.month % 12 + 1, 1)
        return DateRange(event.date, following - timedelta(days=1))
    return DateRange(event.date, event.end or event.date)


def event_fact(event: Event) -> Evidence:
    span = event_range(event)
    when = span.describe() if event.precision != "day" or span.start == span.end else (
        f"{format_day(span.start)} to {format_day(span.end)}")
    text = f"{event.name}: {when}." + (f" {event.note}" if event.note else "")
    return Evidence("kb_fact", text, event.sources[0].url if event.sources else None)


def term_fact(kb: KnowledgeBase, term: OfficeTerm) -> Evidence:
    person, office = kb.people[term.person].name, kb.offices[term.office].label
    until = format_day(term.end) if term.end else f"still in office on {format_day(kb.as_of)}"
    acting = " (acting)" if term.acting else ""
    text = f"{person}{acting}, {office}: from {format_day(term.start)} to {until}."
    return Evidence("kb_fact", text, term.sources[0].url if term.sources else None)


def term_range(kb: KnowledgeBase, term: OfficeTerm) -> DateRange:
    return DateRange(term.designated or term.start, term.end or kb.as_of)


class Fact(NamedTuple):
    """A dated KB fact: when, the evidence, and a short label for messages."""

    range: DateRange
    evidence: Evidence
    label: str


def event_as_fact(event: Event) -> Fact:
    span = event_range(event)
    return Fact(span, event_fact(event), f"{span.describe()} ({event.name})")


def _term_start_fact(kb: KnowledgeBase, term: OfficeTerm, start: date | None = None) -> Fact:
    day = start or term.start
    label = (f"{format_day(day)} ({kb.people[term.person].name} took office as "
             f"{kb.offices[term.office].label})")
    return Fact(DateRange(day, term.start), term_fact(kb, term), label)


def person_starts(kb: KnowledgeBase, person_id: str) -> list[Fact]:
    """When the person took office: inaugurations naming them, then term starts."""
    name = fold(kb.people[person_id].name)
    found = [event_as_fact(event) for event in kb.events.values()
             if event.kind == "inauguration" and name in fold(event.name)]
    found += [_term_start_fact(kb, term) for term in kb.terms if term.person == person_id]
    return found  # inaugurations first: a named event is the better evidence


def person_elections(kb: KnowledgeBase, person_id: str) -> list[Fact]:
    """When the person was elected: elections in the country of an office they took within
    400 days after; for an office a parliament fills, the day they took it too."""
    found: list[Fact] = []
    starts = [(term, term.start) for term in kb.terms if term.person == person_id]
    name = fold(kb.people[person_id].name)
    inaugurations = [e for e in kb.events.values()
                     if e.kind == "inauguration" and name in fold(e.name)]
    starts += [(term, event.date) for term in kb.terms if term.person == person_id
               for event in inaugurations if term.start <= event.date <= (term.end or kb.as_of)]
    for term, start in starts:
        office = kb.offices[term.office]
        jurisdiction = kb.jurisdictions.get(office.jurisdiction)
        words = {fold(w) for w in ([jurisdiction.name, *jurisdiction.aliases,
                                    *jurisdiction.adjectives] if jurisdiction else [])}
        popular = False
        for event in kb.events.values():
            name_words = f" {fold(event.name)} "
            if (event.kind == "election" and timedelta(0) <= start - event.date
                    <= timedelta(days=400) and any(f" {w} " in name_words for w in words)):
                found.append(event_as_fact(event))
                popular |= "president" in office.titles and "presidential" in name_words
        if not popular:  # a chancellor or prime minister is elected when parliament votes
            found.append(_term_start_fact(kb, term, term.designated))
    return found
