"""The knowledge base's people in; the given names their names and aliases open with out,
folded (:func:`~launderlens.kb.names.fold`), in every script the knowledge base writes them.

A capitalised word before a place's name may be a given name that makes the place a
surname ("Jack London"), or any other word of a title ("Biden Visits Kyiv"): capitals
cannot tell them apart, a list of given names can. The list is the first word of each
name or alias of two words or more, not counting a title ("President Xi", "Sir Keir
Starmer", "король Карл III") and, where a person's surname opens the name ("Xi Jinping",
"Abe Shinzo"), the word after the surname.

The knowledge base's people are politicians: of 74 given names opening a name before
"said", "told" or "wrote" in the ECB+ and PTC news sentences, its list held 10. A
short list of common English given names (:data:`COMMON_GIVEN_NAMES`) is added to it; none
is also a common English word that may stand before a place in a title ("Will", "Mark",
"Grant", "May", "Don", "Bill"). The knowledge base's people still bring a few such words
("Mark" Rutte, "Chuck" Hagel, "Roman" Golovchenko): after one, a place in a title is left
unread ("Ukrainians Mark Kyiv Independence Day").
"""

from __future__ import annotations

import weakref

from .model import KnowledgeBase, Person
from .names import fold

__all__ = ["COMMON_GIVEN_NAMES", "given_names"]

#: Common English given names, folded.
COMMON_GIVEN_NAMES = frozenset({
    "aaron", "adam", "alan", "albert", "alice", "alistair", "andrew", "angela", "ann", "anna",
    "anne", "anthony", "arthur", "barbara", "barry", "benjamin", "betty", "brandon", "brenda",
    "brian", "bruce", "carl", "carolyn", "catherine", "charles", "charlotte", "cheryl",
    "christine", "christopher", "colin", "cynthia", "daniel", "david", "deborah", "dennis",
    "diana", "diane", "donald", "donna", "dorothy", "douglas", "edward", "elizabeth", "emily",
    "emma", "eric", "ethan", "eugene", "evelyn", "gary", "george", "gerald", "gordon",
    "graham", "greg", "gregory", "hannah", "harold", "heather", "helen", "henry", "hillary",
    "hugh", "ian", "isaac", "jack", "jacob", "james", "jane", "janet", "jason", "jeffrey",
    "jennifer", "jeremy", "jerry", "jessica", "jim", "joan", "joe", "john", "jonathan",
    "joseph", "joshua", "judith", "julia", "julie", "karen", "katherine", "kathleen", "keith",
    "kelly", "kenneth", "kevin", "kimberly", "larry", "laura", "lauren", "lawrence", "lee",
    "linda", "lisa", "louis", "margaret", "maria", "marie", "martha", "mary", "matthew",
    "megan", "melissa", "michael", "michelle", "mike", "nancy", "nathan", "neil", "nicholas",
    "nicole", "nigel", "oliver", "pamela", "patricia", "patrick", "paul", "peter", "philip",
    "rachel", "ralph", "raymond", "rebecca", "richard", "robert", "roger", "ronald", "roy",
    "russell", "ruth", "samuel", "sandra", "sarah", "scott", "sean", "sharon", "simon",
    "stephanie", "stephen", "steve", "steven", "susan", "teresa", "terry", "thomas", "tim",
    "timothy", "tom", "tony", "walter", "wayne", "william",
})

# Honorifics and words of a title that a name may open with and that are no office's title
# in the knowledge base ("Emperor Emeritus Akihito").
_HONORIFICS = frozenset({"sir", "dame", "lord", "lady", "baron", "baroness", "mr", "mrs",
                         "ms", "dr", "emeritus"})

_CACHE: weakref.WeakKeyDictionary[KnowledgeBase, frozenset[str]] = \
    weakref.WeakKeyDictionary()


def given_names(kb: KnowledgeBase) -> frozenset[str]:
    """The folded given names of ``kb``'s people and :data:`COMMON_GIVEN_NAMES`, computed
    once per knowledge base."""
    cached = _CACHE.get(kb)
    if cached is None:
        titles = _HONORIFICS | {word for office in kb.offices.values()
                                for title in office.titles for word in fold(title).split()}
        cached = COMMON_GIVEN_NAMES | {name for person in kb.people.values()
                                       for spelling in (person.name, *person.aliases)
                                       if (name := _given(spelling, person, titles))}
        _CACHE[kb] = cached
    return cached


def _given(spelling: str, person: Person, titles: frozenset[str]) -> str | None:
    """The given name ``spelling`` opens with, folded; None when it has none (one word, a
    title and a surname, a surname alone, an initial, a lower-case particle: "von der
    Leyen")."""
    words = spelling.split()
    while words and fold(words[0]) in titles:
        words = words[1:]
    if person.surname and _opens_with_surname(words, person):
        words = words[len(person.surname.split()):]
    elif len(words) < 2:
        return None  # a title and a surname ("Baroness Ashton"), or one name ("Akihito")
    given = fold(words[0]) if words and words[0][:1].isupper() else ""
    return given if len(given) > 1 else None


def _opens_with_surname(words: list[str], person: Person) -> bool:
    """Whether ``words`` open with ``person``'s surname: compared as written in one script,
    and in another script taken to follow the order of the person's name ("Си Цзиньпин"
    as "Xi Jinping")."""
    surname = (person.surname or "").split()
    if _cyrillic(" ".join(words)) != _cyrillic(" ".join(surname)):
        name = person.name.split()
        return _cyrillic(person.name) == _cyrillic(" ".join(surname)) \
            and _opens_with_surname(name, person)
    return [fold(w) for w in words[:len(surname)]] == [fold(w) for w in surname]


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)
