"""The dated knowledge base: immutable records in, lookups by name, phrase, date and domain out.

Records (:class:`Person`, :class:`Office`, :class:`OfficeTerm`, :class:`Event`,
:class:`Outlet`, each fact with its :class:`Source`) are built by :mod:`launderlens.kb.load`
from data files; :class:`KnowledgeBase` indexes them for the checks.

Dates and what they promise:

- a term holds from ``start`` to ``end``, both days included; on a handover day the outgoing
  and the incoming holder are both returned, because articles use either;
- ``end`` None means "in office on ``as_of``": for a later date the KB does not know, and
  :meth:`KnowledgeBase.holders` leaves such terms out (check :meth:`KnowledgeBase.knows`
  before reading an empty answer as "nobody");
- a gap between two terms (an acting holder the KB does not record) is "not recorded",
  not "vacant": a check must not report a mismatch there;
- ``designated`` (optional) is the day the holder was formally appointed before taking
  office; between it and ``start`` calling them by the title is common, not a slip.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from ..errors import ConfigError
from ..model import domain_of
from .names import fold, fold_phrase, name_keys, surname_key

__all__ = [
    "PRECISIONS",
    "ROLES",
    "STATE_AFFILIATIONS",
    "Event",
    "Jurisdiction",
    "KnowledgeBase",
    "Office",
    "OfficeTerm",
    "Outlet",
    "Person",
    "Records",
    "Source",
]

#: How an outlet relates to a state. ``state_media``: owned, funded or controlled by a
#: government or ruling party with no working guarantee of editorial independence; its
#: dispatches carry that state's line. ``public_service``: publicly owned or funded, with
#: editorial independence guaranteed by charter or statute (BBC, Deutsche Welle, AFP).
#: ``independent``: privately, cooperatively or non-profit owned, not state-controlled.
STATE_AFFILIATIONS = ("state_media", "public_service", "independent")

#: What an office is, for checks that ask "who led X": an office may have several.
ROLES = ("head_of_state", "head_of_government", "foreign_minister", "organisation_head")

_Date = date

#: How precisely an event's date is known; the date then holds the first day of the period.
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True, slots=True)
class Source:
    """A public page that states the fact."""

    url: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """A country (ISO 3166 alpha-2 code) or an organisation (``EU``, ``NATO``).

    ``adjectives`` are the words articles put before a title ("Polish", "U.S.").
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Office:
    """A position with holders over time, e.g. ``pl.president``.

    ``titles`` are the role words ("president", "prime minister"); with the jurisdiction's
    names and adjectives they make the phrases an article uses ("Polish president",
    "President of Poland"). ``phrases`` adds any others verbatim.
    """

    id: str
    jurisdiction: str
    label: str
    roles: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    single_holder: bool = True


@dataclass(frozen=True, slots=True)
class Person:
    """A person and the spellings articles use; ``surname`` only where it is not the last
    word of the name (Chinese names)."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    surname: str | None = None
    wikidata: str | None = None
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    """``person`` held ``office`` from ``start`` to ``end`` (None: still on ``as_of``)."""

    office: str
    person: str
    start: date
    end: date | None
    sources: tuple[Source, ...]
    acting: bool = False
    designated: date | None = None
    note: str | None = None

    @property
    def id(self) -> str:
        """``office/person/start``: unique, and what a user KB repeats to correct a term."""
        return f"{self.office}/{self.person}/{self.start.isoformat()}"

    def covers(self, on: date, as_of: date) -> bool:
        """Whether the term is known to include ``on``."""
        if on < self.start:
            return False
        last = self.end if self.end is not None else as_of
        return on <= last


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event; ``end`` for events over several days (a summit)."""

    id: str
    name: str
    date: date
    kind: str
    sources: tuple[Source, ...]
    end: _Date | None = None  # the field `date` hides the type inside this class
    precision: str = "day"
    aliases: tuple[str, ...] = ()
    place: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet with its owner and relation to a state (:data:`STATE_AFFILIATIONS`)."""

    id: str
    name: str
    country: str
    state_affiliation: str
    owner: str
    sources: tuple[Source, ...]
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Records:
    """Records of every kind, as read from data files or produced by an importer."""

    jurisdictions: tuple[Jurisdiction, ...] = ()
    offices: tuple[Office, ...] = ()
    people: tuple[Person, ...] = ()
    terms: tuple[OfficeTerm, ...] = ()
    events: tuple[Event, ...] = ()
    outlets: tuple[Outlet, ...] = ()

    def __len__(self) -> int:
        return sum(len(group) for group in (self.jurisdictions, self.offices, self.people,
                                            self.terms, self.events, self.outlets))


@dataclass(frozen=True, slots=True)
class _Index:
    people_by_key: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    people_by_surname: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    offices_by_phrase: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    events_by_key: Mapping[str, str] = field(default_factory=dict)
    outlets_by_key: Mapping[str, str] = field(default_factory=dict)
    outlets_by_domain: Mapping[str, str] = field(default_factory=dict)


class KnowledgeBase:
    """Validated records with lookups; build it with :func:`launderlens.kb.load`.

    ``version`` identifies the data (a hash of the files read) for report provenance.
    """

    def __init__(self, records: Records, as_of: date, *, version: str = "",
                 files: Iterable[str] = ()) -> None:
        self.as_of = as_of
        self.version = version
        self.files = tuple(files)
        self.jurisdictions = {item.id: item for item in records.jurisdictions}
        self.offices = {item.id: item for item in records.offices}
        self.people = {item.id: item for item in records.people}
        self.events = {item.id: item for item in records.events}
        self.outlets = {item.id: item for item in records.outlets}
        self.terms = tuple(sorted(records.terms, key=lambda term: (term.office, term.start)))
        self._terms_by_office: dict[str, list[OfficeTerm]] = defaultdict(list)
        self._terms_by_person: dict[str, list[OfficeTerm]] = defaultdict(list)
        for term in self.terms:
            self._terms_by_office[term.office].append(term)
            self._terms_by_person[term.person].append(term)
        # each office's ended terms by end (stable: the knowledge base's order among
        # equal days), for :meth:`gap_neighbours`
        self._ended: dict[str, list[OfficeTerm]] = {
            office: sorted((t for t in terms if t.end is not None), key=_end)
            for office, terms in self._terms_by_office.items()}
        self._index = _build_index(self)

    def __repr__(self) -> str:
        return (f"KnowledgeBase(as_of={self.as_of}, people={len(self.people)}, "
                f"terms={len(self.terms)}, events={len(self.events)}, "
                f"outlets={len(self.outlets)})")

    def knows(self, on: date) -> bool:
        """Whether ``on`` is within the verified period (on or before ``as_of``)."""
        return on <= self.as_of

    def person(self, person_id: str) -> Person:
        """The person with this id (KeyError when there is none)."""
        return self.people[person_id]

    def holders(self, office_id: str, on: date, *,
                include_designated: bool = False) -> list[OfficeTerm]:
        """The terms of ``office_id`` that include ``on``, earliest start first.

        Two terms on a handover day; none in a gap the KB does not record; and, for a
        date after ``as_of``, only terms that had ended by then cover it. With
        ``include_designated``, also a holder appointed but not yet in office on ``on``.
        Raises ConfigError for an unknown office id.
        """
        if office_id not in self.offices:
            known = ", ".join(sorted(self.offices))
            raise ConfigError(f"unknown office {office_id!r}; known offices: {known}")
        found = []
        for term in self._terms_by_office.get(office_id, ()):
            if term.end is None and on > self.as_of:
                continue
            appointed = term.designated is not None and term.designated <= on < term.start
            if term.covers(on, self.as_of) or (include_designated and appointed):
                found.append(term)
        return found

    def gap_neighbours(self, office_id: str, on: date) -> tuple[OfficeTerm, OfficeTerm] | None:
        """The term of ``office_id`` that ended last before ``on`` (of those that ended on
        that day, the first recorded) and the one that started first after it, or None
        where either is missing; a look-up of two bisects."""
        terms, ended = self._terms_by_office.get(office_id, []), self._ended.get(office_id, [])
        after = bisect.bisect_right(terms, on, key=_start)
        before = bisect.bisect_left(ended, on, key=_end)  # the terms that ended before ``on``
        if after == len(terms) or not before:
            return None
        latest = ended[bisect.bisect_left(ended, _end(ended[before - 1]), key=_end)]
        return latest, terms[after]

    def terms_of(self, name: str) -> list[OfficeTerm]:
        """Every term of the person ``name`` names (see :meth:`find_person`), by start."""
        person = self.find_person(name)
        if person is None:
            return []
        return sorted(self._terms_by_person.get(person.id, ()), key=lambda term: term.start)

    def find_person(self, name: str) -> Person | None:
        """The person ``name`` (an id, full name, alias or unique surname) refers to.

        Case, diacritics and transliteration endings do not matter ("zelensky",
        "Zelenskyy", "Vladimir Zelensky"). A surname alone answers only when one person
        has it; an ambiguous or unknown name gives None.
        """
        if name in self.people:
            return self.people[name]
        for key in name_keys(name):
            matches = self._index.people_by_key.get(key, ())
            if len(matches) == 1:
                return self.people[matches[0]]
            if matches:
                return None
        words = fold(name).split()
        if len(words) == 1:
            matches = self._index.people_by_surname.get(surname_key(words[0]), ())
            if len(matches) == 1:
                return self.people[matches[0]]
        return None

    def office_for_phrase(self, phrase: str) -> str | None:
        """The office id a phrase such as "Polish president" or "Chancellor of Germany"
        names, or None when it names none (or more than one)."""
        matches = self._index.offices_by_phrase.get(fold_phrase(phrase), ())
        return matches[0] if len(matches) == 1 else None

    def office_phrases(self) -> dict[str, tuple[str, ...]]:
        """Every folded phrase and the office ids it names (for validation and listing)."""
        return dict(self._index.offices_by_phrase)

    def event(self, id_or_alias: str) -> Event | None:
        """The event with this id, name or alias (case- and accent-insensitive)."""
        if id_or_alias in self.events:
            return self.events[id_or_alias]
        event_id = self._index.events_by_key.get(fold_phrase(id_or_alias))
        return self.events[event_id] if event_id else None

    def outlet_for(self, name_or_domain: str) -> Outlet | None:
        """The outlet named, or the one owning the host of a domain or URL.

        A subdomain belongs to its parent ("francais.rt.com" is RT); names and aliases
        compare folded ("ria novosti").
        """
        text = name_or_domain.strip()
        if text in self.outlets:
            return self.outlets[text]
        outlet_id = self._index.outlets_by_key.get(fold_phrase(text))
        if outlet_id is None and " " not in text and "." in text:
            host = domain_of(text if "//" in text else f"//{text}")
            while host and outlet_id is None:
                outlet_id = self._index.outlets_by_domain.get(host)
                host = host.partition(".")[2] if "." in host else ""
        return self.outlets[outlet_id] if outlet_id else None


def _start(term: OfficeTerm) -> date:
    return term.start


def _end(term: OfficeTerm) -> date:
    return term.end or term.start


def office_phrases(office: Office, jurisdiction: Jurisdiction | None) -> list[str]:
    """The folded phrases that name ``office``: its own, plus titles x country names.

    Latin-script titles combine with Latin-script names ("President of Poland", "Poland's
    president", "Polish president"); Cyrillic titles with Cyrillic names in the Russian and
    Ukrainian order, the country after the title ("президент Польши") or its adjective
    before ("польский президент"): folding drops the case endings, so one phrase serves
    every case.
    """
    phrases = [office.label, *office.phrases]
    if jurisdiction is not None:
        names = [jurisdiction.name, *jurisdiction.aliases]
        for title in office.titles:
            if _is_cyrillic(title):
                phrases += [f"{title} {name}" for name in names if _is_cyrillic(name)]
                phrases += [f"{adjective} {title}" for adjective in jurisdiction.adjectives
                            if _is_cyrillic(adjective)]
                continue
            names_here = [name for name in names if not _is_cyrillic(name)]
            phrases += [f"{title} of {name}" for name in names_here]
            phrases += [f"{name}'s {title}" for name in names_here]
            phrases += [f"{adjective} {title}" for adjective in jurisdiction.adjectives
                        if not _is_cyrillic(adjective)]
    return list(dict.fromkeys(fold_phrase(phrase) for phrase in phrases))


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def _build_index(kb: KnowledgeBase) -> _Index:
    by_key: dict[str, list[str]] = defaultdict(list)
    by_surname: dict[str, list[str]] = defaultdict(list)
    for person in kb.people.values():
        for spelling in (person.name, *person.aliases):
            for key in name_keys(spelling):
                _add(by_key, key, person.id)
            words = fold(spelling).split()
            if len(words) == 1 or (len(words) > 1 and person.surname is None):
                _add(by_surname, surname_key(words[-1]), person.id)
        if person.surname:
            _add(by_surname, surname_key(person.surname), person.id)
    by_phrase: dict[str, list[str]] = defaultdict(list)
    for office in kb.offices.values():
        for phrase in office_phrases(office, kb.jurisdictions.get(office.jurisdiction)):
            _add(by_phrase, phrase, office.id)
    events = {fold_phrase(text): event.id for event in kb.events.values()
              for text in (event.id, event.name, *event.aliases)}
    outlets = {fold_phrase(text): outlet.id for outlet in kb.outlets.values()
               for text in (outlet.id, outlet.name, *outlet.aliases)}
    domains = {domain.lower(): outlet.id for outlet in kb.outlets.values()
               for domain in outlet.domains}
    return _Index(
        people_by_key={key: tuple(ids) for key, ids in by_key.items()},
        people_by_surname={key: tuple(ids) for key, ids in by_surname.items()},
        offices_by_phrase={key: tuple(ids) for key, ids in by_phrase.items()},
        events_by_key=events, outlets_by_key=outlets, outlets_by_domain=domains,
    )


def _add(index: dict[str, list[str]], key: str, value: str) -> None:
    if key and value not in index[key]:
        index[key].append(value)
