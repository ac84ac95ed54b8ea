"""A query in; for some of its BM25 terms, the other terms that name the same thing out, so
that a record written with those words still meets the query in them.

A rewrite keeps a claim and changes how it names things. Two readings, each general:

- **a capital or a seat for its country** and back ("Moscow" for Russia's government,
  "the Kremlin" for Russia, "Kyiv" for Ukraine): the knowledge base's jurisdictions (names,
  aliases, adjectives) against the capitals and the state bodies of the entity tables
  (:data:`~launderlens.kb.seats.CAPITALS`, the bodies of
  :data:`~launderlens.kb.seats.ORGANISATIONS`). Two seats of one country are not
  read as each other (the Pentagon is not the Kremlin's counterpart of the White House);
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

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from ..kb import load_default
from ..kb.seats import CAPITALS, ORGANISATIONS
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


def readings(text: str) -> dict[str, frozenset[str]]:
    """Each term of ``text`` (see :func:`~launderlens.narratives.index.terms`) that names
    something also named otherwise, with those other terms (never the term itself)."""
    found: dict[str, set[str]] = defaultdict(set)
    forms = _forms()
    for match in forms.names.finditer(text):
        if not _verb_opening(text, match):
            head, others = forms.by_name[match.group(0)]
            found[head] |= others
    for match in forms.words.finditer(text):
        head, others = forms.by_word[match.group(0).lower()]
        found[head] |= others
    return {head: rest for head, others in found.items() if (rest := frozenset(others - {head}))}


def _verb_opening(text: str, match: re.Match[str]) -> bool:
    """Whether ``match`` opens a sentence and an article or a possessive follows it."""
    before = text[:match.start()].rstrip()
    return (not before or before[-1] in ".!?:;\"\u201c(") \
        and _DETERMINER.match(text, match.end()) is not None


class _Forms:
    """The compiled readings: names matched as written, family words in any case."""

    def __init__(self, by_name: Mapping[str, tuple[str, frozenset[str]]],
                 by_word: Mapping[str, tuple[str, frozenset[str]]]) -> None:
        self.by_name, self.by_word = dict(by_name), dict(by_word)
        self.names = _alternation(self.by_name, re.UNICODE)
        self.words = _alternation(self.by_word, re.IGNORECASE)


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


@functools.cache
def _forms() -> _Forms:
    kb = load_default()
    countries: dict[str, list[str]] = defaultdict(list)
    seats: dict[str, list[str]] = defaultdict(list)
    for place in kb.jurisdictions.values():
        countries[place.id] += [n for n in (place.name, *place.aliases, *place.adjectives)
                                if n.isascii()]
    for name, code in CAPITALS.items():
        seats[code].append(name)
    for name, code in ORGANISATIONS.items():
        country, _, body = code.partition(".")
        if body and country in countries:
            seats[country].append(name)
    by_name: dict[str, tuple[str, frozenset[str]]] = {}
    for code, names in countries.items():
        # a country reads as its seats and a seat as its country, never a seat as another
        for own, other in ((names, seats.get(code, [])), (seats.get(code, []), names)):
            alternatives = _single(other)
            for name in own:
                head = _head(name)
                if head is not None and alternatives:
                    by_name.setdefault(name, (head, alternatives))
    by_word: dict[str, tuple[str, frozenset[str]]] = {}
    for family in FAMILIES:
        for word in family:
            head = _head(word)
            if head is not None:
                by_word[word.lower()] = (head, _single(w for w in family if w != word))
    return _Forms(by_name, by_word)
