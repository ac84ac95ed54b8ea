"""A query in; for some of its BM25 terms, the other terms that name the same thing out, so
that a record written with those words still meets the query in them.

A rewrite keeps a claim and changes how it names things. Two readings, each general:

- **a capital or a seat for its country** and back ("Moscow" for Russia's government,
  "the Kremlin" for Russia, "Kyiv" for Ukraine): the knowledge base's jurisdictions (names,
  aliases, adjectives) against the capitals and the state bodies of the entity tables
  (:data:`~launderlens.kb.seats.CAPITALS`, the bodies of
  :data:`~launderlens.kb.seats.ORGANISATIONS`, through the one table of
  :func:`~launderlens.kb.seats.place_forms`). Two seats of one country are not read as
  each other (the Pentagon is not the Kremlin's counterpart of the White House). A form is
  read only where it stands alone for its place (:func:`_names_the_place`): not inside an
  outlet's name the knowledge base knows ("Russia Today"), nor after a capitalised word
  inside the sentence ("said George Washington") unless that word says where or when in
  a country ("Nazi Germany", "Eastern Ukraine"), nor after a compass point that makes
  another place ("South America", "East Germany"); a capital not after a sentence's
  first word that may open a name ("George Washington crossed"); a country's name or a
  capital not before the head noun of a name ("Moscow State University", "Washington
  Street") nor before a capitalised word other than a title or a state body's word ("the
  Washington Post", but "Ukraine President X", "EU Commission"); a capital not before a
  word that follows a city in the names of the knowledge base's events ("the Minsk
  agreements", "the Vilnius summit"). An adjective before a capitalised word still reads
  ("Russian President X"). In a title, where every word but the function words is
  capitalised, capitals tell nothing: a place there is read unless a head noun of a name
  follows it, or a given name (of the knowledge base's people, or a common English one:
  :func:`~launderlens.kb.given_names.given_names`) stands before it ("Jack London", "by
  David French");
- **word families** a rewrite swaps and the six-letter stem does not join
  (:data:`FAMILIES`).

An office is not read as its holders: a query has no date, so "the Ukrainian president"
would stand for every holder and link a claim about one to a record about another (on the
CLEF-2020 training tweets it cost MAP@5 and gained nothing on reworded claims).

Only the query is read, never the catalogue, so the index and its cache file are as before.
An alternative weighs what the commoner of the two words weighs (the lower IDF,
:meth:`~launderlens.narratives.bm25.BM25.scores`): "Moscow" meeting "Russia" counts as
little as "Russia" does.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from ..kb import KnowledgeBase, load_default
from ..kb.given_names import given_names
from ..kb.names import fold
from ..kb.seats import ORGANISATIONS, place_forms, seat_kind
from ..languages.calendar import MONTH_AND_WEEKDAY_NAMES
from ..languages.words import STOP_WORDS
from .index import terms

__all__ = ["FAMILIES", "readings"]

#: Words of one sense that a rewrite swaps for each other and the stemmer keeps apart: a
#: synonym of a rarer register, or one group or thing written several ways. Kept short, and
#: free of the swaps ``evals/paraphrase_ops.py`` makes (a test checks), so that its set
#: measures the matcher rather than a copy of its own list.
FAMILIES: tuple[tuple[str, ...], ...] = (
    ("thesis", "dissertation"),
    ("Satan", "Lucifer", "devil"),
    ("Islamic State", "ISIS", "ISIL", "Daesh"),
    ("Soviet Union", "USSR"),
    ("coronavirus", "COVID-19", "COVID", "SARS-CoV-2"),
    ("vaccination", "inoculation", "immunisation", "immunization"),
    ("puppet", "vassal", "marionette"),
    ("Holocaust", "Shoah"),
    ("Novichok", "nerve agent"),
    ("gay", "homosexual"),
)

# "US" is the term "us", which a record also writes for the pronoun ("they lied to us"): as
# an alternative it would let any such record stand for "Washington" or "the Pentagon".
_PRONOUN_TERMS = frozenset({"us"})
# A sentence opening with a name's form and then an article or a possessive opens with a
# verb ("Polish the silver"): nothing is named there.
_DETERMINER = re.compile(r"\s+(?:the|a|an|this|that|these|those|my|your|his|her|its|our"
                         r"|their)\b", re.IGNORECASE)
_SENTENCE_END = ".!?:;\"\u201c(\u2026"
# Words after which a country's name stands for the country whatever follows.
_PREPOSITIONS = frozenset({"of", "to", "in", "from", "for", "by", "with", "against", "on",
                           "at", "into", "between", "and"})
# "Trump's America": what a possessive owns is no part of its name.
_POSSESSIVE = ("'s", "\u2019s")
# The word right after a form (only spaces between) and the one right before it.
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'\u2019.-]*)")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'\u2019.-]*)[ \t]+$")
_WORD_CHARACTER = re.compile(r"[\w'\u2019.-]")
# A stretch of text whose capitals are read together ends at final punctuation before a
# space (not a short capitalised abbreviation's point: "Sen. Ann Kowal"), and at a
# semicolon, colon, bar, ellipsis or line break (a dash stays inside a title: "Probe
# Biased \u2013 Foreign Ministry").
_STRETCH_END = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})\.(?:\s|$)"
                          r"|[!?](?:\s|$)|[;:|\n\u2026]")
_LETTER_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
# The words title case may leave in lower case: the function words, not the verbs of
# reporting and the adverbs that the stop words also hold ("Kowal told The Ottawa Press").
_TITLE_LOWER = STOP_WORDS - {"said", "says", "say", "told", "according", "however",
                             "meanwhile"}
# Closed-class words the stop words lack, which open a sentence before a place and start
# no name with it: prepositions, conjunctions, determiners, numbers and adverbs of time
# ("Unlike Washington, ...", "Today Moscow said").
_NO_NAME_WORDS = frozenset({
    "aboard", "across", "along", "amid", "amidst", "among", "amongst", "around", "atop",
    "behind", "beneath", "beside", "besides", "beyond", "despite", "except", "following",
    "inside", "like", "near", "opposite", "outside", "past", "regarding", "since",
    "throughout", "till", "toward", "towards", "underneath", "unlike", "upon", "via",
    "within", "without", "although", "though", "whereas", "unless", "whether", "every",
    "many", "several", "either", "neither", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "today", "yesterday", "tomorrow", "tonight", "now",
    "later", "earlier", "recently", "already", "still", "even", "instead", "thus", "hence",
})
# The head nouns of names that a place opens: a school, a street or a building, a paper, a
# company ("Moscow State University", "Washington Street", "the Kyiv Post"). After a
# country's name or a capital, one of them among the capitalised words that follow makes
# the place part of that name, whatever the words between ("State", a title's word; see
# :func:`_name_noun_follows` for how far it is looked for).
_NAME_NOUNS = frozenset({
    "university", "college", "institute", "academy", "school", "polytechnic",
    "conservatory", "seminary", "lyceum", "street", "avenue", "road", "boulevard", "lane",
    "square", "bridge", "highway", "metro", "airport", "station", "park", "embankment",
    "museum", "gallery", "library", "theatre", "theater", "opera", "ballet", "orchestra",
    "philharmonic", "circus", "zoo", "cathedral", "monastery", "stadium", "arena",
    "hospital", "clinic", "hotel", "centre", "center", "city", "post", "times", "herald",
    "tribune", "journal", "gazette", "chronicle", "telegraph", "courier", "observer",
    "foundation", "airlines", "airways", "club",
})
# Words that with a place's name make the name of another place: a compass point ("South
# America", "East Germany"), and before America a continent's part ("Central America",
# "Latin American"); before any other place "Central" says where in it ("Central Ukraine").
_PLACE_MAKERS = frozenset({"North", "South", "East", "West"})
_AMERICAS_MAKERS = frozenset({"Central", "Latin"})
# Capitalised words that say where or when in a country, or under which regime, and open
# no name: a region ("Eastern Ukraine"; "Far" before a compass point, "Far East Russia")
# and an era or a regime ("Nazi Germany", "Tsarist Russia").
_QUALIFIERS = frozenset({
    "Eastern", "Western", "Northern", "Southern", "Northeastern", "Northwestern",
    "Southeastern", "Southwestern", "Central", "Nazi", "Soviet", "Post-Soviet", "Tsarist",
    "Imperial", "Fascist", "Communist", "Modern", "Medieval", "Occupied", "Wartime",
    "Postwar", "Post-war", "Pre-war", "Interwar",
})

_Kind = Literal["country", "modifier", "seat", "body"]


@dataclass(frozen=True, slots=True)
class _Place:
    """A place form's reading: the term it attaches to, the terms that stand for it, and
    what it is (a country's name, a modifier: its adjective or an organisation's name, a
    capital, a state body)."""

    head: str
    others: frozenset[str]
    kind: _Kind


def readings(text: str) -> dict[str, frozenset[str]]:
    """Each term of ``text`` (see :func:`~launderlens.narratives.index.terms`) that names
    something also named otherwise, with those other terms (never the term itself)."""
    found: dict[str, set[str]] = defaultdict(set)
    forms = _forms()
    outlets = [m.span() for m in forms.outlets.finditer(text)] if forms.outlets else []
    titled = _titled_stretches(text)
    for match in forms.names.finditer(text):
        place = forms.by_name[match.group(0)]
        if not _within(outlets, match.start()) \
                and _names_the_place(text, match, place, forms, _within(titled, match.start())):
            found[place.head] |= place.others
    for match in forms.words.finditer(text):
        head, others = forms.by_word[match.group(0).lower()]
        found[head] |= others
    return {head: rest for head, others in found.items() if (rest := frozenset(others - {head}))}


def _names_the_place(text: str, match: re.Match[str], place: _Place, forms: _Forms,
                     titled: bool) -> bool:
    """Whether the form ``match`` stands alone for its place, rather than inside a longer
    name: "the Washington Post", "Paris Hilton", "George Washington", "South America" and
    "the Minsk agreements" name a paper, two people, a continent and a treaty, not a
    state. ``titled``: the form stands where (nearly) every word is capitalised."""
    if _sentence_start(text, match.start()) and _DETERMINER.match(text, match.end()):
        return False
    after = _NEXT_WORD.match(text, match.end())
    if place.kind == "seat" and after and set(terms(after.group(1))) & forms.event_words:
        return False  # a capital that names what was agreed or met there
    if place.kind in ("country", "seat") and _name_noun_follows(text, match.end(), titled):
        return False  # "Moscow State University", "Washington Street", "Kyiv Post"
    before = _previous_word(text, match.start())
    word = before.group(1) if before else ""
    far = before is not None and word in _PLACE_MAKERS and _previous_is(text, before, "Far")
    makes = word in _PLACE_MAKERS \
        or (word in _AMERICAS_MAKERS and match.group(0).startswith("America"))
    if makes and not far and place.kind != "body":
        return False  # "South America", "East Germany": another place
    if titled:
        # Every word of a title is capitalised, its verbs too ("Biden Visits Kyiv"), and
        # so is the word after: a place is read unless a given name makes it a surname
        # ("Jack London", "by David French").
        return not _given_name(word, forms)
    if before and _sentence_start(text, before.start()):
        # A sentence's first word is capitalised whatever it is. A capital or a city is
        # often a surname ("George Washington", "Jack London"), a country's name hardly
        # ever: a capital stands alone only after a word that can start no name.
        if place.kind == "seat" and word.lower() not in _NO_NAME_WORDS \
                and word.lower() != "the" and _may_open_name(word, forms):
            return False
    elif before and _may_open_name(word, forms) \
            and not (place.kind in ("country", "modifier") and (word in _QUALIFIERS or far)):
        return False  # inside a sentence a capitalised word opens a name: "said George Washington"
    if place.kind == "country" and word in _PREPOSITIONS:
        return True  # "the ambassador to Ukraine Jan Kowal": a name may follow a place
    return not (place.kind in ("country", "seat") and after
                and _continues_name(text, after, forms))


def _may_open_name(word: str, forms: _Forms) -> bool:
    """Whether ``word`` before a form may start a longer name with it: a word that may be
    part of a name (:func:`_name_word`) that names no place itself, owns nothing ("Trump's
    America"), is no compound adjective ("US-backed Kyiv") and no month or weekday ("On
    Monday Moscow said")."""
    return _name_word(word) and word not in MONTH_AND_WEEKDAY_NAMES \
        and not word.endswith((".", *_POSSESSIVE)) \
        and not word.rpartition("-")[2].islower() and not forms.names.fullmatch(word)


def _given_name(word: str, forms: _Forms) -> bool:
    """Whether ``word`` may open a name (:func:`_may_open_name`) and is a given name
    (:attr:`_Forms.given_names`)."""
    return bool(word) and _may_open_name(word, forms) and fold(word) in forms.given_names


def _previous_is(text: str, before: re.Match[str], word: str) -> bool:
    """Whether ``word`` stands right before the word ``before``."""
    earlier = _previous_word(text, before.start())
    return earlier is not None and earlier.group(1) == word


def _name_noun_follows(text: str, at: int, titled: bool) -> bool:
    """Whether a head noun of names (:data:`_NAME_NOUNS`) is among the capitalised words
    right after ``at``: any of the next four of a sentence's run of them, but only the next
    two in a title, where a capitalised word may as well start the next phrase ("Ukraine
    Plans New Airport")."""
    for _ in range(2 if titled else 4):
        after = _NEXT_WORD.match(text, at)
        if after is None:
            return False
        word = after.group(1).rstrip(".").removesuffix("'s").removesuffix("\u2019s")
        # the word opens with a letter, which the stripping above keeps: never empty
        if not _capitalised(word) or word.lower() in STOP_WORDS:
            return False
        if word.lower() in _NAME_NOUNS:
            return True
        at = after.end()
    return False


def _continues_name(text: str, after: re.Match[str], forms: _Forms) -> bool:
    """Whether the word right after a form continues a longer name ("Washington Post"):
    a capitalised word that is no title or state body's word ("Ukraine President X", "EU
    Commissioner X") and names no place itself ("the Russia Ukraine border")."""
    word = after.group(1)
    return _name_word(word) and word.lower() != "the" \
        and not set(terms(word)) & forms.title_terms \
        and not forms.names.match(text, after.start(1))


def _previous_word(text: str, at: int) -> re.Match[str] | None:
    """:data:`_PREVIOUS_WORD` before ``at``, searched from where that word can start
    rather than from the start of the text (once per form, a long text would be read
    again for each)."""
    end = at - 1 if at and text[at - 1] == "\n" else at  # "$" also stands before it
    start = end
    while start and text[start - 1] in " \t":
        start -= 1
    if start == end:  # no space: the form ends a run of joined words ("x'Moscow")
        return None
    while start and _WORD_CHARACTER.match(text, start - 1):
        start -= 1
    return _PREVIOUS_WORD.search(text, start, at)


def _sentence_start(text: str, at: int) -> bool:
    while at and text[at - 1].isspace():
        at -= 1
    return not at or text[at - 1] in _SENTENCE_END


def _capitalised(word: str) -> bool:
    return word[0].isupper()


def _name_word(word: str) -> bool:
    """Whether ``word`` may be part of a name: capitalised, but neither in capitals (an
    acronym, or shouting: "the USA FINALLY acted") nor a capitalised function word of a
    title-cased stretch ("Moves Into White House"); "The" opens names ("The Canadian
    Press")."""
    lower = word.lower()
    return _capitalised(word) and not (len(word) > 1 and word.isupper()) \
        and (lower == "the" or lower not in STOP_WORDS)


def _titled_stretches(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` (clauses, see :data:`_STRETCH_END`) where every word but the
    function words is capitalised, at least three of them: a title, or one quoted in a
    post. Title case leaves function words in lower case (:data:`_TITLE_LOWER`), and
    capitalises the rest whether names or not."""
    spans = []
    start = 0
    for end in (*(m.end() for m in _STRETCH_END.finditer(text)), len(text)):
        content = [w for w in _LETTER_WORD.findall(text, start, end)
                   if w.lower() not in _TITLE_LOWER]
        if len(content) >= 3 and all(map(_capitalised, content)):
            spans.append((start, end))
        start = end
    return spans


def _within(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` lies in one of the ordered, disjoint ``spans``."""
    i = bisect.bisect_right(spans, (at, math.inf)) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


class _Forms:
    """The compiled readings: place forms matched as written with what each reads as,
    family words in any case; and what tells a form inside a longer name (see
    :func:`_names_the_place`)."""

    def __init__(self, by_name: Mapping[str, _Place],
                 by_word: Mapping[str, tuple[str, frozenset[str]]],
                 kb: KnowledgeBase) -> None:
        self.by_name, self.by_word = dict(by_name), dict(by_word)
        #: Given names, folded (the knowledge base's people's and common English ones): in
        #: a title, the word before a place that makes it a surname.
        self.given_names = given_names(kb)
        self.names = _alternation(self.by_name, re.UNICODE)
        self.words = _alternation(self.by_word, re.IGNORECASE)
        #: Outlets of the knowledge base whose names hold a place's form ("Russia Today").
        outlets = [n for outlet in kb.outlets.values() for n in (outlet.name, *outlet.aliases)
                   if self.names.search(n)]
        self.outlets = _alternation(outlets, re.UNICODE) if outlets else None
        #: Words a capitalised word after a place's name may be while the name still stands
        #: for the place: the knowledge base's office titles ("Ukraine President Zelensky")
        #: and the words of the state bodies' names ("Russia State Duma", "Ukraine
        #: Parliament").
        self.title_terms = frozenset(
            term for phrase in (*(t for o in kb.offices.values() for t in o.titles),
                                *(n for n, code in ORGANISATIONS.items()
                                  if seat_kind(code) == "body"))
            if phrase.isascii() for term in terms(phrase))
        #: Terms that follow a city in the names of the knowledge base's events ("Minsk
        #: Protocol", "the Washington summit"): the city names the event there.
        self.event_words = frozenset(
            term for event in kb.events.values() for name in (event.name, *event.aliases)
            for m in self.names.finditer(name) if self.by_name[m.group(0)].kind == "seat"
            if (after := _NEXT_WORD.match(name, m.end()))
            and not self.names.match(name, after.start(1)) for term in terms(after.group(1)))


def _alternation(forms: Iterable[str], flags: int) -> re.Pattern[str]:
    ordered = sorted(forms, key=len, reverse=True)
    return re.compile(r"(?<![\w.-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])",
                      flags)


def _head(form: str) -> str | None:
    """The term a form's reading attaches to: its first stem that is not a number."""
    return next((t for t in terms(form) if not t.isdigit()), None)


def _single(forms: Iterable[str]) -> frozenset[str]:
    """The terms of the forms that are one term: only those can stand for a form in a
    record (a record's "house" is no "White House")."""
    return frozenset(t[0] for t in map(terms, forms) if len(t) == 1) - _PRONOUN_TERMS


def _kind(name: str, code: str, names_country: bool, kb: KnowledgeBase) -> _Kind | None:
    """What a form of :func:`~launderlens.kb.seats.place_forms` is to the readings: a
    country of the knowledge base (its name or adjective), one of its capitals or state
    bodies; None for the rest (other countries, cities)."""
    country = code.partition(".")[0]
    place = kb.jurisdictions.get(country)
    if place is None:
        return None
    if names_country:
        # an adjective, or an organisation's name, stands before what is its own ("Russian
        # President X", "EU Commission"): read whatever capitalised word follows
        return "modifier" if name in place.adjectives or country in ORGANISATIONS.values() \
            else "country"
    kind = seat_kind(code)
    return "seat" if kind == "capital" else "body" if kind == "body" else None


@functools.cache
def _forms() -> _Forms:
    kb = load_default()
    countries: dict[str, list[str]] = defaultdict(list)
    seats: dict[str, list[str]] = defaultdict(list)
    kinds: dict[str, _Kind] = {}
    for name, (code, names_country) in place_forms().items():
        kind = _kind(name, code, names_country, kb)
        if kind is None or (names_country and not name.isascii()):
            continue
        kinds[name] = kind
        (countries if names_country else seats)[code.partition(".")[0]].append(name)
    by_name: dict[str, _Place] = {}
    for code, names in countries.items():
        # a country reads as its seats and a seat as its country, never a seat as another
        for own, other in ((names, seats.get(code, [])), (seats.get(code, []), names)):
            alternatives = _single(other)
            for name in own:
                head = _head(name)
                if head is not None and alternatives:
                    by_name.setdefault(name, _Place(head, alternatives, kinds[name]))
    by_word: dict[str, tuple[str, frozenset[str]]] = {}
    for family in FAMILIES:
        for word in family:
            head = _head(word)
            if head is not None:
                by_word[word.lower()] = (head, _single(w for w in family if w != word))
    return _Forms(by_name, by_word, kb)
