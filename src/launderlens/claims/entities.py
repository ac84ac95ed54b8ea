"""Named things in a sentence: text and the knowledge base in, spans of people, offices,
organisations, places and dated events out; and people named with a title ("Polish
President Andrzej Duda") with the office the title names.

Everything is found against the KB and a small gazetteer written here, never a model:

- people by the KB's names and aliases ("Vladimir Zelensky"), a single-word alias
  ("Zelensky"), or a surname alone when the article names that person in full elsewhere
  (:func:`article_people`) or a title stands before it ("President Trump");
- offices by the KB's phrases ("German Chancellor", "President of Poland", "Poland's
  president"), matched on folded words so that "U.S. President" and "US president" agree;
- places by the KB's jurisdictions (names, aliases, adjectives) plus their capitals, a
  few regions and other countries articles on the war name (:data:`CAPITALS`,
  :data:`REGIONS`, :data:`COUNTRIES`);
- organisations by a short list (:data:`ORGANISATIONS`) plus the KB's outlets;
- events by the KB's event names and aliases ("the Alaska summit").

A titled person is a title right before the name ("Italian Prime Minister Giorgia
Meloni", "the President of Poland, Andrzej Duda"), after it as an apposition ("Andrzej
Duda, the Polish president,"), or "Poland, whose president Andrzej Duda". A bare title
("Prime Minister Giorgia Meloni") names the office of that title in the countries where
the KB has the person in office at some time (``inferred``). Spans are offsets into the
text given.

The module stays whole (about 660 lines) on purpose: people, titles and the other kinds
all read the same per-KB index and the same token runs, so a split per kind would pass
those private structures between modules and save no reader a jump.
"""

from __future__ import annotations

import calendar
import functools
import re
import weakref
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal, NamedTuple

from ..kb import KnowledgeBase, Person
from ..kb.names import fold, fold_phrase, surname_key
from ..kb.seats import CAPITALS, COUNTRIES, ORGANISATIONS
from ..languages.places import CYRILLIC_PLACES
from ..languages.titles import TITLE_QUALIFIERS

__all__ = [
    "CAPITALS",
    "COUNTRIES",
    "ORGANISATIONS",
    "QUALIFIERS",
    "REGIONS",
    "Entity",
    "EntityKind",
    "TitledPerson",
    "article_people",
    "entities",
    "events",
    "offices",
    "organisations",
    "people",
    "place_name",
    "places",
    "titled_people",
]

EntityKind = Literal["person", "office", "organisation", "place", "event"]

#: Regions articles on the war name without their country.
REGIONS: dict[str, str] = {
    "Crimea": "UA", "Donbas": "UA", "Donbass": "UA", "Donetsk": "UA", "Luhansk": "UA",
    "Kherson": "UA", "Zaporizhzhia": "UA", "Kharkiv": "UA", "Odesa": "UA", "Odessa": "UA",
    "Kursk": "RU", "Siberia": "RU",
}
#: Words before a title that change what it claims: a former holder, a holder at the time
#: of the event told, or no holder at all (a deputy, someone not yet in office).
QUALIFIERS: dict[str, str] = {
    "former": "former", "ex": "former", "late": "former", "erstwhile": "former",
    "then": "then", "as": "then", "acting": "acting", "interim": "acting", "caretaker": "acting",
    "outgoing": "outgoing", "incoming": "incoming", "future": "incoming", "elect": "incoming",
    "designate": "incoming", "vice": "other", "deputy": "other", "assistant": "other",
    "first": "other", "under": "other", "would": "other", "presumptive": "incoming",
}
# Tokens are folded words: the Russian and Ukrainian qualifiers join in folded form.
_QUALIFIER_KEYS = {**{fold(word): kind for word, kind in TITLE_QUALIFIERS.items()}, **QUALIFIERS}
_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "del", "la", "le", "bin",
                        "al", "dos", "das", "du"})
_WORD = re.compile(r"\w+(?:[.'’-]\w+)*\.?")


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing at ``start:end``; ``id`` is the KB person, office or event id, the
    jurisdiction code of a place, or the key of an organisation."""

    kind: EntityKind
    text: str
    start: int
    end: int
    id: str | None = None


@dataclass(frozen=True, slots=True)
class TitledPerson:
    """A person named with a title: ``person`` (KB id) at ``name_start:name_end``, the
    title as written, and ``offices``, the office ids the title can mean (one, unless the
    title was bare and the person's countries left several). ``start:end`` covers title
    and name; ``qualifier`` is one of :data:`QUALIFIERS`' values or None; ``inferred``
    says the office came from a bare title and the person's own record."""

    person: str
    offices: tuple[str, ...]
    title: str
    start: int
    end: int
    name_start: int
    name_end: int
    qualifier: str | None = None
    inferred: bool = False


class _Token(NamedTuple):  # a tuple: sentences make thousands, and tuples are cheap to build
    word: str  # folded
    start: int
    end: int


@dataclass(frozen=True)
class _Phrases:
    """Folded phrases -> value, with the lengths (in words) of the phrases each first word
    starts, longest first: a lookup tries only lengths that can match."""

    values: Mapping[str, str | None]
    lengths: Mapping[str, tuple[int, ...]]

    @classmethod
    def of(cls, values: Mapping[str, str | None]) -> _Phrases:
        lengths: dict[str, set[int]] = defaultdict(set)
        for phrase in values:
            words = phrase.split()
            if words:
                lengths[words[0]].add(len(words))
        return cls(dict(values), {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()})


@dataclass(frozen=True)
class _Index:
    single_names: Mapping[str, str]  # a one-word name or alias, folded -> person id
    name_starts: frozenset[str]  # folded first words of every name and alias
    surnames: frozenset[str]  # surname keys of every person
    title_words: frozenset[str]  # folded titles ("president", "prime minister")
    office_phrases: _Phrases
    events: _Phrases  # folded name or alias -> event id
    organisations: _Phrases  # folded -> key
    places: re.Pattern[str]
    place_ids: Mapping[str, str]
    # Names already looked up in the KB: every article asks for the same few people.
    found_people: dict[str, Person | None] = field(default_factory=dict)


_INDEXES: weakref.WeakKeyDictionary[KnowledgeBase, _Index] = weakref.WeakKeyDictionary()


def _index(kb: KnowledgeBase) -> _Index:
    cached = _INDEXES.get(kb)
    if cached is not None:
        return cached
    singles: dict[str, set[str]] = defaultdict(set)
    starts, surnames = set(), set()
    for person in kb.people.values():
        for spelling in (person.name, *person.aliases):
            words = fold(spelling).split()
            if len(words) == 1:
                singles[surname_key(spelling)].add(person.id)
            if words:
                starts.add(words[0])
                surnames.add(surname_key(words[-1]))
        if person.surname:
            surnames.add(surname_key(person.surname))
    titles = {fold_phrase(title) for office in kb.offices.values() for title in office.titles}
    phrases = {phrase: None for phrase in kb.office_phrases()}
    events: dict[str, str | None] = {
        fold_phrase(text): event.id for event in kb.events.values()
        for text in (event.name, *event.aliases) if len(fold_phrase(text)) > 3}
    organisations: dict[str, str | None] = {
        fold_phrase(name): key for name, key in ORGANISATIONS.items()}
    for outlet in kb.outlets.values():
        for name in (outlet.name, *outlet.aliases):
            organisations.setdefault(fold_phrase(name), outlet.id)
    place_ids: dict[str, str] = {**CAPITALS, **REGIONS, **COUNTRIES, **CYRILLIC_PLACES}
    for jurisdiction in kb.jurisdictions.values():
        if len(jurisdiction.id) == 2:  # countries; EU and NATO are organisations
            for name in (jurisdiction.name, *jurisdiction.aliases, *jurisdiction.adjectives):
                place_ids.setdefault(name, jurisdiction.id)
    built = _Index({key: next(iter(ids)) for key, ids in singles.items() if len(ids) == 1},
                   frozenset(starts), frozenset(surnames), frozenset(titles),
                   _Phrases.of(phrases), _Phrases.of(events), _Phrases.of(organisations),
                   _names_pattern(place_ids), place_ids)
    _INDEXES[kb] = built
    return built


def _names_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Any of ``names`` as a whole word, the longest first where two start at one place.

    The names are grouped by their first letter, with the word boundary before the name
    tested after that letter: a pattern that opens on a letter lets ``re`` skip at once
    every position where no name begins, a scan many times faster on a long article.
    """
    by_first: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names, key=len, reverse=True):
        by_first[name[0]].append(name)
    groups = [re.escape(first) + r"(?<![\w.].)(?:" + "|".join(re.escape(n[1:]) for n in group)
              + ")" for first, group in by_first.items()]
    return re.compile(r"(?:" + "|".join(groups) + r")(?![\w]|\.\w)")


# Folding is the costly part of matching and the same words recur in every article.
_fold_word = functools.lru_cache(maxsize=1 << 16)(fold)
_surname_key = functools.lru_cache(maxsize=1 << 16)(surname_key)
_MAX_FOUND_PEOPLE = 1 << 16


def known_person(kb: KnowledgeBase, name: str) -> Person | None:
    """``kb.find_person(name)``, remembered for the life of ``kb`` (up to 65,536 names)."""
    found = _index(kb).found_people
    if name not in found:
        if len(found) >= _MAX_FOUND_PEOPLE:
            found.clear()
        found[name] = kb.find_person(name)
    return found[name]


@functools.lru_cache(maxsize=256)  # a sentence is tokenised by several lookups in a row
def _tokens(text: str) -> tuple[_Token, ...]:
    """Folded words with the span of the word they come from ("Poland's" -> poland, s)."""
    tokens = []
    for match in _WORD.finditer(text):
        raw = match.group(0)
        start, end = match.span()
        possessive = raw.endswith(("'s", "’s"))
        for word in _folded_words(raw[:-2] if possessive else raw):
            tokens.append(_Token(word, start, end))
        if possessive:
            tokens.append(_Token("s", start, end))
    return tuple(tokens)


@functools.lru_cache(maxsize=1 << 16)
def _folded_words(word: str) -> tuple[str, ...]:
    return tuple(_fold_word(word).split())


@functools.lru_cache(maxsize=256)
def _words_of(text: str) -> frozenset[str]:
    """The folded words of :func:`_tokens` without their spans: cheap to make, and enough
    to tell that a sentence names none of a table's phrases."""
    words: set[str] = set()
    for raw in _WORD.findall(text):
        possessive = raw.endswith(("'s", "’s"))
        words.update(_folded_words(raw[:-2] if possessive else raw))
        if possessive:
            words.add("s")
    return frozenset(words)


def _phrase_matches(text: str, table: _Phrases, kind: EntityKind) -> list[Entity]:
    """Non-overlapping runs of folded words that are phrases of ``table`` (longest first)."""
    if table.lengths.keys().isdisjoint(_words_of(text)):
        return []  # no word of the text starts a phrase
    tokens = _tokens(text)
    found, k = [], 0
    while k < len(tokens):
        for length in table.lengths.get(tokens[k].word, ()):
            run = tokens[k:k + length]
            phrase = " ".join(token.word for token in run)
            if len(run) == length and phrase in table.values and _contiguous(text, run):
                start, end = run[0].start, _end_without_possessive(text, run[-1])
                found.append(Entity(kind, text[start:end], start, end, table.values[phrase]))
                k += length
                break
        else:
            k += 1
    return found


def _contiguous(text: str, run: Sequence[_Token]) -> bool:
    return all(not text[a.end:b.start].strip() for a, b in pairwise(run) if a.end <= b.start)


def _end_without_possessive(text: str, token: _Token) -> int:
    raw = text[token.start:token.end]
    match = re.search(r"['’]s?$|\.$", raw) if token.word != "s" else None
    if match and not re.fullmatch(r"(?:\w\.)+", raw):
        return token.start + match.start()
    return token.end


def offices(text: str, kb: KnowledgeBase) -> list[Entity]:
    """Phrases naming a KB office ("German Chancellor", "President of Poland"); ``id`` is
    the office id."""
    found = _phrase_matches(text, _index(kb).office_phrases, "office")
    return [Entity("office", e.text, e.start, e.end, kb.office_for_phrase(e.text))
            for e in found if kb.office_for_phrase(e.text)]


def events(text: str, kb: KnowledgeBase) -> list[Entity]:
    """Mentions of KB events by name or alias ("the Alaska summit"); ``id`` is the event id."""
    return _phrase_matches(text, _index(kb).events, "event")


def organisations(text: str, kb: KnowledgeBase) -> list[Entity]:
    """Organisations of :data:`ORGANISATIONS` and the KB's outlets ("NATO", "TASS")."""
    found = _phrase_matches(text, _index(kb).organisations, "organisation")
    # Abbreviations count only as written in capitals: "un" or "sco" in lower case is a word.
    return [e for e in found if not (len(e.text) <= 5 and e.text.lower() == e.text)]


def places(text: str, kb: KnowledgeBase) -> list[Entity]:
    """Countries, demonyms, capitals and regions; ``id`` is the jurisdiction code."""
    index = _index(kb)
    return [Entity("place", m.group(0), m.start(), m.end(), index.place_ids[m.group(0)])
            for m in index.places.finditer(text)]


def place_name(kb: KnowledgeBase, code: str) -> str:
    """The name of the country or organisation ``code`` ("FI" -> "Finland")."""
    if code in kb.jurisdictions:
        return kb.jurisdictions[code].name
    return next((name for name, found in COUNTRIES.items() if found == code), code)


# --- people -----------------------------------------------------------------------------------

_Word = tuple[str, int, int]  # a word without its possessive, its start and end
# What a name token may end in besides the name: a possessive, an apostrophe, a full stop.
_TAILS = ("'s", "’s", "'", "’", ".", ",")
# A particle as a token may read, with its tail ("de", "de.", "de's").
_PARTICLE_TOKENS = frozenset(particle + tail for particle in _PARTICLES
                             for tail in ("", *_TAILS))


def _is_initial(raw: str) -> bool:
    """An initial: "J." in "John F. Kennedy"."""
    return len(raw) == 2 and raw[1] == "." and "A" <= raw[0] <= "Z"


def _without_tail(raw: str) -> str:
    """``raw`` without one of _TAILS at its end ("Duda's" -> "Duda", "U.S." -> "U.S")."""
    if raw.endswith(("'s", "’s")):
        return raw[:-2]
    return raw[:-1] if raw[-1] in "'’.," else raw


def _is_run_gap(gap: str) -> bool:
    """Whether two words with ``gap`` between them may be one name: spaces and tabs, and a
    line break at most."""
    return gap == " " or (not gap.strip(" \t\n") and gap.count("\n") <= 1)


# A word is a run of [\w'’.-] characters from its first letter to its end. These are the
# words that may be part of a name, found without stepping through the others (most words
# begin in lower-case ASCII and are no particle).
_NAME_CANDIDATE = re.compile(
    r"(?<![\w'’.-])[\d_'’.-]*(?P<word>(?![a-z])[^\W\d_][\w'’.-]*"
    rf"|(?:{'|'.join(sorted(_PARTICLES))})(?:'s|’s|'|’|\.)?(?![\w'’.-]))")


def _name_runs(text: str) -> list[tuple[_Word, ...]]:
    """Runs of capitalised words (with name particles inside: "Ursula von der Leyen"); a
    comma, a possessive or a full stop after a long word ends a run.

    A word not capitalised ends the run before it: _is_run_gap refuses the gap across it
    (it holds letters), and the lower-case words of _NAME_CANDIDATE end it explicitly.
    """
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    last_end = -1
    for match in _NAME_CANDIDATE.finditer(text):
        raw, start = match.group("word"), match.start("word")
        if not raw[0].isupper() and raw not in _PARTICLE_TOKENS:
            if current:  # a lower-case word beyond ASCII ("élite")
                runs.append(current)
                current = []
            continue
        word = raw if _is_initial(raw) else _without_tail(raw)
        capital = word[0].isupper()
        particle = word in _PARTICLES
        joined = last_end >= 0 and _is_run_gap(text[last_end:start])
        if (capital or particle) and joined and current:
            current.append((word, start, start + len(word)))
        else:
            if current:
                runs.append(current)
            current = [(word, start, start + len(word))] if capital or particle else []
        last_end = match.end()
        if raw.endswith((",", "'s", "’s", "'", "’")) or (raw.endswith(".") and len(word) > 2):
            runs.append(current)
            current, last_end = [], -1
    if current:
        runs.append(current)
    out = []
    for run in runs:
        while run and run[-1][0] in _PARTICLES:
            run = run[:-1]
        if run:
            out.append(tuple(run))
    return out


def article_people(text: str, kb: KnowledgeBase) -> dict[str, str]:
    """Surname key -> person id for each person the text names in full (or by a one-word
    alias): who a surname alone means in this article. A surname two people share is
    left out."""
    seen: dict[str, set[str]] = defaultdict(set)
    for entity in people(text, kb, context={}):
        person = kb.people[entity.id or ""]
        for spelling in (person.name, *person.aliases, person.surname or ""):
            words = spelling.split()
            if words:
                seen[surname_key(person.surname or words[-1])].add(person.id)
    return {key: next(iter(ids)) for key, ids in seen.items() if len(ids) == 1}


def people(text: str, kb: KnowledgeBase, *,
           context: Mapping[str, str] | None = None) -> list[Entity]:
    """People the KB knows, named in ``text``; ``id`` is the person id.

    ``context`` (from :func:`article_people`) lets a surname alone stand for the person
    the article named in full; without it a surname counts only after a title.
    """
    index = _index(kb)
    context = context or {}
    found: list[Entity] = []
    for words in _name_runs(text):
        k = 0
        while k < len(words):
            match = _person_at(text, words, k, kb, index, context)
            if match is None:
                k += 1
                continue
            length, person_id = match
            # An alias that carries a title ("Queen Elizabeth II", "President Xi") is a name:
            # the span keeps the title, so it is not read as a claim about an office.
            start, end = words[k][1], words[k + length - 1][2]
            found.append(Entity("person", text[start:end], start, end, person_id))
            k += length
    return found


def _person_at(text: str, words: tuple[_Word, ...], k: int, kb: KnowledgeBase,
               index: _Index, context: Mapping[str, str]) -> tuple[int, str] | None:
    word = words[k][0]
    first = _folded_words(word)[:1]
    if first and first[0] in index.name_starts:
        for length in range(min(4, len(words) - k), 1, -1):
            person = known_person(kb, " ".join(w for w, _, _ in words[k:k + length]))
            if person is not None:
                return length, person.id
    key = _surname_key(word)
    if key in index.single_names:
        return 1, index.single_names[key]
    if key in context and len(word) > 1 and not _reads_as_month(text, words[k]):
        return 1, context[key]
    before = text[max(0, words[k][1] - 40):words[k][1]]
    if key in index.surnames and _ends_with_title(before, index):
        person = known_person(kb, word)
        if person is not None:
            return 1, person.id
    return None


_MONTH_NAMES = frozenset(calendar.month_name[1:])


def _reads_as_month(text: str, word: _Word) -> bool:
    """Whether a surname that is also a month ("May") is the month here ("in May 2019")."""
    if word[0] not in _MONTH_NAMES:
        return False
    before = text[max(0, word[1] - 12):word[1]].lower().split()
    after = text[word[2]:word[2] + 6].strip()
    return after[:1].isdigit() or (bool(before) and before[-1] in {
        "in", "since", "by", "until", "of", "during", "from", "last", "this", "next", "early",
        "late", "mid", "through", "before", "after"})


def _ends_with_title(before: str, index: _Index) -> bool:
    folded = fold(before).split()
    return any(" ".join(folded[-n:]) in index.title_words for n in (1, 2, 3) if len(folded) >= n)


# --- titles -----------------------------------------------------------------------------------

def titled_people(text: str, kb: KnowledgeBase, *, context: Mapping[str, str] | None = None,
                  found_people: Sequence[Entity] | None = None) -> list[TitledPerson]:
    """People named with a title in ``text`` and the office(s) the title names;
    ``found_people`` saves finding the people again when :func:`people` already did."""
    persons = found_people if found_people is not None else people(text, kb, context=context)
    if not persons:
        return []
    index = _index(kb)
    tokens = _tokens(text)
    found = []
    for person in persons:
        titled = (_whose_title(text, person, kb)
                  or _title_before(text, tokens, person, kb, index)
                  or _title_after(text, person, kb))
        if titled is not None:
            found.append(titled)
    return found


def _title_before(text: str, tokens: Sequence[_Token], person: Entity, kb: KnowledgeBase,
                  index: _Index) -> TitledPerson | None:
    k = next((i for i, token in enumerate(tokens) if token.start >= person.start), len(tokens))
    gap = text[tokens[k - 1].end:person.start] if k else ""
    if not k or gap.strip() not in ("", ","):
        return None
    for length in range(min(8, k), 0, -1):
        run = tokens[k - length:k]
        if not _contiguous(text, run):
            continue
        phrase = " ".join(token.word for token in run)
        office = kb.office_for_phrase(phrase) if phrase in index.office_phrases.values else None
        bare = phrase in index.title_words and gap.strip() == ""
        if office is None and not bare:
            continue
        offices_meant = (office,) if office else _offices_for_title(kb, phrase, person.id or "")
        if not offices_meant:
            return None
        qualifier = _QUALIFIER_KEYS.get(tokens[k - length - 1].word) if k - length > 0 else None
        if (qualifier is None and k - length > 0 and tokens[k - length - 1].word == "s"
                and gap.strip() == ""):
            return None  # "Trump's Secretary of State Marco Rubio" names Rubio's office
        start = tokens[k - length - 1].start if qualifier else run[0].start
        return TitledPerson(person.id or "", offices_meant, text[run[0].start:run[-1].end],
                            start, person.end, person.start, person.end, qualifier,
                            inferred=office is None)
    return None


_WHOSE = re.compile(r"(?P<place>[A-Z][\w.'’ -]*?),\s+whose\s+(?P<title>[A-Za-z -]+?)\s+$")


def _whose_title(text: str, person: Entity, kb: KnowledgeBase) -> TitledPerson | None:
    match = _WHOSE.search(text[max(0, person.start - 80):person.start])
    if match is None:
        return None
    where = places(match.group("place"), kb)
    if not where:
        return None
    jurisdiction = kb.jurisdictions.get(where[-1].id or "")
    if jurisdiction is None:
        return None
    office = kb.office_for_phrase(f"{match.group('title')} of {jurisdiction.name}")
    if office is None:
        return None
    offset = max(0, person.start - 80)
    return TitledPerson(person.id or "", (office,), match.group("title"), offset + match.start(),
                        person.end, person.start, person.end)


_APPOSITION = re.compile(r",\s+(?:(?:the|a)\s+)?(?:(?P<qual>former|then|outgoing|incoming|acting|"
                         r"late)[- ])?(?P<phrase>[\w.'’ -]{3,80})")


def _title_after(text: str, person: Entity, kb: KnowledgeBase) -> TitledPerson | None:
    match = _APPOSITION.match(text, person.end)
    if match is None:
        return None
    words = list(re.finditer(r"[\w.'’-]+", match.group("phrase")))
    base = match.start("phrase")
    for count in range(min(8, len(words)), 0, -1):
        end = base + words[count - 1].end()
        phrase = text[base:end]
        following = text[end:end + 2]
        if re.match(r"['’]s|\w", following):
            continue
        office = kb.office_for_phrase(phrase)
        if office is not None:
            qualifier = QUALIFIERS.get(match.group("qual") or "")
            return TitledPerson(person.id or "", (office,), phrase, person.start, end,
                                person.start, person.end, qualifier)
    return None


def _offices_for_title(kb: KnowledgeBase, title: str, person_id: str) -> tuple[str, ...]:
    """The offices a bare title can mean for this person: offices with that title in the
    countries where the KB has them in office, and offices they held whose names use it."""
    held = {term.office for term in kb.terms if term.person == person_id}
    if not held:
        return ()
    places_held = {kb.offices[office].jurisdiction for office in held}
    meant = []
    for office in kb.offices.values():
        titles = {fold_phrase(t) for t in office.titles}
        named = title in titles or (
            office.id in held
            and any(f" {title} " in f" {fold_phrase(p)} " for p in (office.label, *office.phrases)))
        if named and (office.jurisdiction in places_held or office.id in held):
            meant.append(office.id)
    return tuple(sorted(meant))


def entities(text: str, kb: KnowledgeBase, *,
             context: Mapping[str, str] | None = None) -> list[Entity]:
    """People, offices, organisations, places and events in ``text``, by start; a thing
    inside a longer one ("Polish" in "Polish President") is left out."""
    found = [*people(text, kb, context=context), *offices(text, kb), *events(text, kb),
             *organisations(text, kb), *places(text, kb)]
    return _outermost(found)


def _outermost(found: Iterable[Entity]) -> list[Entity]:
    ordered = sorted(found, key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[Entity] = []
    for entity in ordered:
        if kept and entity.start >= kept[-1].start and entity.end <= kept[-1].end:
            continue
        kept.append(entity)
    return kept
