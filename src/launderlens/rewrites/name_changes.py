"""Two sentences in; the one name that differs in the same role out: "Holm questioned the
minister" against "Dahl questioned the minister", "the Kremlin said" against "the Duma
said". Read by :mod:`.changes` with its other detectors.

Spellings of one name ("U.K"/"UK", "Bey"/"Beyoncé") and two forms of one place (a country,
its adjective, its capital, its bodies: see :func:`.evidence.same_place`) are one name. Two
places or bodies the tables know are compared as places, not by their words: "European
Commission" and "European Parliament" share a word and name two bodies, and so do two
names that differ in one word alone ("Senate Democrats" and "Senate Republicans", "New York
Times" and "New York Post"), unless that word is shortened, capitals or a form of the same
body ("Agency" and "Administration").

A body and a person who heads it or speaks for it are one speaker retold: "the White House
said" and "President Biden said", "the Kremlin said" and "Peskov said", "Russia said" and
"Putin said". The knowledge base's office holders tell who holds what, on the day the source
was published when it is known (else at any date, as in a sentence that states another year;
a day between two recorded terms, which leaves an acting holder unrecorded, allows the holders
on either side); a person it does not know, one of another body, or one who held no such
office that day is still a change.

A name written in another script than the other side's ("Сергей Лавров" against "Sergei
Lavrov") is the same name when the knowledge base finds one person for both (its aliases
are written in both scripts; the whole names, else the surnames), or, when it knows at
most one of them, when the surnames are spelled alike
(:func:`.spellings.spelled_alike`); "Сергей Лавров" against "Sergei Shoigu" is still a
change.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from ..claims.attribution.vocabulary import ORG_WORDS, OUTLET_WORDS
from ..kb import load_default
from ..kb.model import KnowledgeBase, OfficeTerm
from ..kb.seats import ORGANISATIONS, place_forms
from .evidence import place_code, same_place
from .quantities import ARTICLES, is_year, read_tokens, wordset
from .roles import TITLES, Name, read_names, same_name, sentence_starts
from .spellings import other_scripts, spelled_alike

__all__ = ["abbreviates", "bare_name", "described", "fold_accents", "kin_words", "misspelt",
           "name_changes", "party_tag", "personal_words", "same_across_scripts", "shouted",
           "surname"]


def name_changes(a: str, b: str, on: date | None = None) -> list[tuple[str, str]]:
    """The name of ``a`` and the name of ``b`` that stand in one role (a title or a
    neighbouring word in common) where each side names no other name the other lacks;
    ``on``, the day the source was published, says who held an office then (a datetime
    is read for its own day)."""
    if isinstance(on, datetime):
        on = on.date()  # a datetime is a date that cannot be compared with one
    if on is not None and (_other_year(a, on) or _other_year(b, on)):
        on = None  # "In 2018 the White House said" retells no statement of the day published
    words_a = {fold_accents(t.norm) for t in read_tokens(a)}
    words_b = {fold_accents(t.norm) for t in read_tokens(b)}
    names_a, names_b = read_names(a, _known_openers(a)), read_names(b, _known_openers(b))
    left = [n for n in names_a if (not _folded(n) & words_b or _other_place(n, names_b))
            and not any(same_across_scripts(n, m) for m in names_b)]
    right = [n for n in names_b if (not _folded(n) & words_a or _other_place(n, names_a))
             and not any(same_across_scripts(m, n) for m in names_a)]
    # Each side may name others the other lacks (a list retold with one name swapped,
    # a title dropped): the pair in one role is the only one sharing a word of its role,
    # two places or two names of no place ("Foreign Affairs" is no "EU's").
    if len(left) == 1 and len(right) == 1:
        matched = [(left[0], right[0])]
    else:
        matched = [(x, y) for x in left for y in right if x.role & y.role and (
            place_code(bare_name(x)) is None) == (place_code(bare_name(y)) is None)]
    if not matched:
        # each name with its words proper when it is shaped as a person's, read once for
        # both readings below
        side_a = ([(x, personal_words(x, a)) for x in names_a], words_a)
        side_b = ([(y, personal_words(y, b)) for y in names_b], words_b)
        swapped = _surnames_swapped(side_a, side_b) or _word_swapped(side_a, side_b)
        return [(swapped[0][0].text, swapped[0][1].text)] if len(swapped) == 1 else []
    if len(matched) != 1:
        return []
    x, y = matched[0]
    places = place_code(bare_name(x)) is not None and place_code(bare_name(y)) is not None
    if x.role & y.role and not _same_place(x, y) and (places or not same_name(x, y)) \
            and not _heads(x, y, on) and not _heads(y, x, on) \
            and not abbreviates(x.text, y.text) and not abbreviates(y.text, x.text):
        return [(x.text, y.text)]
    return []


#: One sentence for :func:`_surnames_swapped` and :func:`_word_swapped`: its names, each
#: with its :func:`personal_words` (none when it is no person's), and its words.
_Side = tuple[Sequence[tuple[Name, list[str]]], set[str]]


def _surnames_swapped(side_a: _Side, side_b: _Side) -> list[tuple[Name, Name]]:
    """Two names of people that open with the same word and end in surnames each sentence
    lacks: "Corinne Haldane" retold as "Corinne Vasquez", "Dr. Tobias Marchetti" as "Dr.
    Tobias Okafor". The first name they share keeps them out of the names each side lacks,
    so without this one person would stand in for another unread. Only names shaped as a
    person's are read (:func:`personal_words`): "Inland Empire" and "Inland Valley", "Wall
    Street" and "WALL St" are places and bodies the tables may not know."""
    (named_a, words_a), (named_b, words_b) = side_a, side_b
    people_a = [(x, words) for x, words in named_a if words]
    people_b = [(y, words) for y, words in named_b if words]
    return [(x, y) for x, proper_x in people_a for y, proper_y in people_b
            if proper_x[0] == proper_y[0] and proper_x[-1] not in words_b
            and not set(proper_y[1:]) & words_a and not kin_words(*map(_letters, (
                proper_x[-1], proper_y[-1])))]


def _word_swapped(side_a: _Side, side_b: _Side) -> list[tuple[Name, Name]]:
    """Two names of bodies, outlets, parties or places, of two words or more, that differ
    in one word at one place, where each sentence lacks the other's word: "Senate
    Democrats" retold as "Senate Republicans", "New York Times" as "New York Post",
    "Supreme Court" as "Appeals Court". The words they share keep them out of the names each
    side lacks. Names shaped as a person's are left to :func:`_surnames_swapped` (a first
    name retold by another may be one person's: "Kate" and "Catherine"), and a word
    shortened ("Dept", "St"), another form of the other ("Democrat"), capitals that may
    stand for it ("GOP" for "Republican"), or a word of a company's, a body's or an event's
    form ("Inc" for "Corp", "Agency" for "Administration", "Ball" for "Gala") is the same
    name, and a word before a person's name ("House Speaker" and "House Democrat") is no
    body's."""
    (named_a, words_a), (named_b, words_b) = side_a, side_b
    bodies_a = [(x, _proper(x)) for x, person in named_a if not person]
    bodies_b = [(y, _proper(y)) for y, person in named_b if not person]
    out = []
    for x, proper_x in bodies_a:
        folded_x = [fold_accents(w.lower()) for w in proper_x]
        for y, proper_y in bodies_b:
            if len(proper_x) != len(proper_y) or len(proper_x) < 2:
                continue
            folded_y = [fold_accents(w.lower()) for w in proper_y]
            differ = [k for k, (u, v) in enumerate(zip(folded_x, folded_y, strict=True))
                      if u != v]
            if len(differ) != 1:
                continue
            k = differ[0]
            if _person_shaped(proper_x[k + 1:]):
                continue  # "House Speaker Ana Brandt" and "House Democrat Ana Brandt": one person
            u, v = folded_x[k], folded_y[k]
            # capitals alone may stand for the other word ("GOP" for "Republican")
            if u not in words_b and v not in words_a and not kin_words(u, v) \
                    and not _shortened(u, v) and not _shortened(v, u) \
                    and not any({u, v} <= forms for forms in _FORMS) \
                    and not _capitals(proper_x[k]) and not _capitals(proper_y[k]):
                out.append((x, y))
    return out


def _person_shaped(words: Sequence[str]) -> bool:
    """Whether ``words`` (as written) are shaped as a person's name: two or three, none a
    word of bodies or outlets, in capitals alone or a place the tables know, the last of
    four letters or more."""
    return 2 <= len(words) <= 3 and len(words[-1]) >= 4 and not _body_word(words) \
        and place_code(" ".join(words)) is None


def _body_word(words: Iterable[str]) -> bool:
    """Whether any of ``words`` (as written) is in capitals alone, a place the tables know
    or a word that names bodies or outlets ("Corp", "Council", "Times"): no person's name
    holds one."""
    return any((len(w) > 1 and w.isupper()) or place_code(w) is not None
               or w in ORG_WORDS or w in OUTLET_WORDS for w in words)


def _capitals(word: str) -> bool:
    """Whether ``word``, or a part of it between hyphens, is two or more capitals ("GOP",
    "GOP-controlled")."""
    return any(len(part) > 1 and part.isupper() for part in word.split("-"))


def _shortened(short: str, word: str) -> bool:
    """Whether ``short`` is ``word`` shortened: its letters in order, the first one shared
    ("dept" and "department", "st" and "saint", "mt" and "mount")."""
    if len(short) >= len(word) or short[:1] != word[:1]:
        return False
    rest = iter(word)
    return all(c in rest for c in short)


#: Words that give the form of a company, of a public body or of a social event, one often
#: written for another in one name ("Federal Emergency Management Administration" for its
#: Agency, "Met Ball" for "Met Gala").
_FORMS = (wordset("""
inc incorporated corp corporation co company ltd limited llc plc group holdings
"""), wordset("""
administration agency authority bureau department directorate ministry office service
"""), wordset("""
gala ball dinner party ceremony reception celebration
"""))


def personal_words(name: Name, sentence: str) -> list[str]:
    """The words of ``name`` proper, lower-cased without accents, when it is shaped as a
    person's name in ``sentence``: two or three words in a row after any title, none of
    them a place or a body the tables know or a word that names bodies or outlets
    ("Corp", "Council", "Times"), none in capitals alone (an initial aside), the last of
    four letters or more, and no article before it ("the Inland Empire"); else none."""
    text = bare_name(name)
    if _after(name, sentence, ARTICLES):
        return []
    tokens = [t for t in read_tokens(text) if t.text[:1].isalpha()]
    proper = [t for t in tokens if t.norm in name.core]
    if not 2 <= len(proper) <= 3 or tokens[-len(proper):] != proper \
            or len(proper[-1].text) < 4 or place_code(text) is not None \
            or _body_word(t.text for t in tokens):
        return []
    return [fold_accents(t.norm) for t in proper]


def described(name: Name, sentence: str) -> bool:
    """Whether ``name`` in ``sentence`` describes someone or something rather than names a
    person: "the" before it ("the Connecticut Democrat", "the Venango County man", "the
    Associated Press") or a word of a party ("Democrat of Nebraska")."""
    return _after(name, sentence, _THE) or party_tag(name.text) or any(
        t.norm in _AFFILIATIONS for t in read_tokens(bare_name(name)))


def _after(name: Name, sentence: str, words: frozenset[str]) -> bool:
    """Whether one of ``words`` stands right before ``name`` in ``sentence``."""
    before = sentence[:max(0, sentence.find(name.text))].split()
    return bool(before) and before[-1].lower() in words


_THE = frozenset({"the"})


def party_tag(text: str) -> bool:
    """Whether ``text`` holds a party-and-place tag ("D-Neb", "R-Tenn", "D-Houston"), which
    retells a member's party and state, not a name."""
    return bool(_PARTY_TAG.search(text))


_PARTY_TAG = re.compile(r"\b[DRI]-[A-Z][a-z]*\b")


#: Words of a party or a side, which make a name a description.
_AFFILIATIONS = wordset("""
democrat democrats democratic republican republicans conservative conservatives labour tory
tories liberal liberals
""")


def kin_words(u: str, v: str) -> bool:
    """Whether one word is a short form or another spelling of the other: they open with
    the same four letters, or three when one is that short ("Jen" and "Jennifer", "Biebs"
    and "Bieber"; "O'Neill" and "ONeills" once their marks are gone)."""
    n = min(4, len(u), len(v))
    return n >= 3 and u[:n] == v[:n]


def _letters(word: str) -> str:
    """``word`` without its marks ("O'Neill": "ONeill")."""
    return "".join(c for c in word if c.isalpha())


def fold_accents(word: str) -> str:
    """``word`` without its accents: "Jiménez" is the "Jimenez" of a copy typed without
    them."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c))


def misspelt(x: str, y: str) -> bool:
    """Whether the last words of two names of five letters or more differ by one letter
    added, dropped, replaced or two swapped ("Laczynski" and "Lacsynski", "Jeffrey" and
    "Jeffery"): one name misspelt as often as two people, so a change to check, not a
    certain one."""
    u, v = (fold_accents(_last_word(n)).lower() for n in (x, y))
    if u == v or min(len(u), len(v)) < 5 or abs(len(u) - len(v)) > 1:
        return False
    if len(u) != len(v):
        short, long = sorted((u, v), key=len)
        return any(long[:k] + long[k + 1:] == short for k in range(len(long)))
    diffs = [k for k in range(len(u)) if u[k] != v[k]]
    return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                               and u[diffs[0]] == v[diffs[1]] and u[diffs[1]] == v[diffs[0]])


def _last_word(name: str) -> str:
    words = [t.text for t in read_tokens(name.replace("’", "'").removesuffix("'s"))
             if t.text[:1].isalpha()]
    return words[-1] if words else ""


def _folded(name: Name) -> frozenset[str]:
    return frozenset(map(fold_accents, name.core))


def abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` is written in capitals that spell the first letters of the words
    ``name`` opens with, small words ("of", "and") counted or not: "AP" and "Associated
    Press", "DNC" and "Democratic National Committee Chairman", "P&W" and "Pratt & Whitney",
    "S.& P." and "Standard & Poor's", "CHOGM" and "Commonwealth Heads of Government
    Meeting"."""
    letters = "".join(c for c in short.replace("’", "'").removesuffix("'s") if c not in "&. ")
    if not 2 <= len(letters) <= 8 or not letters.isalpha() or not letters.isupper():
        return False
    words = [t.text for t in read_tokens(name) if t.text[:1].isalpha()]
    every = "".join(w[0].upper() for w in words)
    capitals = "".join(w[0] for w in words if w[0].isupper())
    return len(words) > 1 and (every.startswith(letters) or capitals.startswith(letters))


def same_across_scripts(x: Name, y: Name) -> bool:
    """Whether two names written in two scripts name one person or place: by the
    knowledge base when it knows both whole names, or else both surnames (the last words
    of their cores), and otherwise by the surnames' spelling."""
    if not other_scripts(x.text, y.text):
        return False
    proper_x, proper_y = _proper(x), _proper(y)
    if not proper_x or not proper_y:
        return False
    kb = load_default()
    # The whole name first: "Си Цзиньпин" writes the surname first, and its given name
    # is spelled after another system than "Jinping".
    for words_x, words_y in ((proper_x, proper_y), (proper_x[-1:], proper_y[-1:])):
        person_x = kb.find_person(" ".join(words_x))
        person_y = kb.find_person(" ".join(words_y))
        if person_x is not None and person_y is not None:
            return person_x.id == person_y.id
    return spelled_alike(proper_x[-1], proper_y[-1])


def _proper(name: Name) -> list[str]:
    """The words of ``name`` proper (no title), as written and in order."""
    return [t.text for t in read_tokens(bare_name(name)) if t.norm in name.core]


def surname(name: Name) -> str:
    """The last word of ``name`` proper, as written ("" when it has none)."""
    words = _proper(name)
    return words[-1] if words else ""


def bare_name(name: Name) -> str:
    """``name`` as written, without a possessive ending ("Britain's": "Britain")."""
    return name.text.replace("’", "'").removesuffix("'s")


def _same_place(x: Name, y: Name) -> bool:
    """Whether two names name one place in two forms ("Britain's" and "British")."""
    return same_place(bare_name(x), bare_name(y))


def _other_place(name: Name, others: Sequence[Name]) -> bool:
    """Whether ``name`` is a place or body that none of the other side's names names,
    whatever words they share ("European Commission" against "European Parliament")."""
    return place_code(bare_name(name)) is not None and not any(
        _same_place(name, other) for other in others)


def shouted(name: str) -> bool:
    """Whether ``name`` is two or more words in capitals that the tables know as no place and
    no person: capitals for emphasis ("the SAME EXACT PEOPLE") read as a name, though the
    words may be ordinary ones, so a change between them is one to check, not a certain one
    ("IDENTICAL INDIVIDUALS")."""
    words = [t.text for t in read_tokens(name)]
    if len(words) < 2 or not all(len(w) > 1 and w.isalpha() and w.isupper() for w in words):
        return False
    title = " ".join(w.title() for w in words)
    return place_code(title) is None and load_default().find_person(title) is None


def _known_openers(text: str) -> frozenset[str]:
    """The words that open a sentence of ``text``, the first or a later one of a retold
    group, that the tables know as a place or a person ("Putin said", "Kremlin officials
    said"): names, though no other capital repeats them."""
    tokens = read_tokens(text)
    return frozenset(tokens[k].norm for k in sentence_starts(text, tokens)
                     if tokens[k].text[:1].isupper() and _known(tokens[k].text))


def _known(word: str) -> bool:
    return place_code(word) is not None or load_default().find_person(word) is not None


def _other_year(text: str, on: date) -> bool:
    """Whether ``text`` states a year other than that of ``on``: what it retells may then
    have been said in another year, by whoever held the office then."""
    tokens = read_tokens(text)
    return any(is_year(tokens, k) and int(tokens[k].norm) != on.year
               for k in range(len(tokens)))


def _heads(place: Name, person: Name, on: date | None) -> bool:
    """Whether ``person`` held an office that ``place`` speaks for on the day ``on`` (or may
    have: :func:`_may_hold`), or at any date when ``on`` is None or past what the knowledge
    base knows: an office the body houses ("White House": the US president and press
    secretary), or any office of a country or its capital ("Russia", "Moscow": the Russian
    president). A city names no office."""
    name = bare_name(place)
    body, country = ORGANISATIONS.get(name, ""), _countries().get(name)
    if "." not in body and country is None:
        return False
    kb = load_default()
    words = " ".join(w for w in bare_name(person).split()
                     if w.lower().strip(".") not in TITLES | {"of"})
    offices = {term.office for term in kb.terms_of(words)
               if on is None or not kb.knows(on) or _may_hold(kb, term, on)} if words else set()
    if "." in body:
        return bool(offices & _HOUSED.get(body, frozenset()))
    return any(kb.offices[office].jurisdiction == country for office in offices)


def _may_hold(kb: KnowledgeBase, term: OfficeTerm, on: date) -> bool:
    """Whether the holder of ``term`` may have held its office on ``on``: the term covers
    it, or ``on`` falls in a gap between two recorded terms of the office, which the
    knowledge base leaves unrecorded (an acting holder: Mark Esper led the Pentagon for
    weeks before his own term), and ``term`` is one of the two: the one that ended last
    before ``on`` or the one that started first after it."""
    if term.covers(on, kb.as_of):
        return True
    if kb.holders(term.office, on):
        return False
    around = kb.gap_neighbours(term.office, on)
    return around is not None and term in around


@functools.cache
def _countries() -> dict[str, str]:
    """Each name, alias and adjective of a KB jurisdiction, and each capital, to its id:
    the forms of :func:`launderlens.kb.seats.place_forms` that stand for a country."""
    known = {place.id for place in load_default().jurisdictions.values()}
    out = {}
    for name, (code, whole) in place_forms().items():
        country = code.removesuffix(".capital")
        if country in known and (whole or country != code):
            out[name] = country
    return out


#: The knowledge base's offices whose holders a body's name stands for, by the body's code
#: in :data:`launderlens.kb.seats.ORGANISATIONS`.
_HOUSED: dict[str, frozenset[str]] = {
    "US.white_house": frozenset({"us.president", "us.white_house_press_secretary"}),
    "US.state_department": frozenset({"us.secretary_of_state"}),
    "US.pentagon": frozenset({"us.secretary_of_defense"}),
    "RU.kremlin": frozenset({"ru.president", "ru.presidential_press_secretary"}),
    "GB.downing_street": frozenset({"gb.prime_minister"}),
    "FR.elysee": frozenset({"fr.president"}),
    "EU.commission": frozenset({"eu.commission_president"}),
    "EU.council": frozenset({"eu.council_president"}),
}
