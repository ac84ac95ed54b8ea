"""An aligned pair of sentences in, the changes between them out: a figure, a date or a
name that differs, who did what to whom, a negation, an opposite verb or a hedge added or
removed, a source named in one and vague or missing in the other. Figures and dates are
read by :mod:`.quantities`, names by :mod:`.name_changes`, negations and hedges by
:mod:`.negation`, opposite verbs and causes by :mod:`.polarity`, sources by
:mod:`.sourcing`.

Every detector is conservative on purpose. Two sentences that restate one fact differ in
wording everywhere, so a change is reported only when the same slot holds different
content: the same unit after a different number, the same head word with and without
"not" or "allegedly", the same title before a different name. An omission alone (a date
the copy leaves out) is not a change; the alignment already reports what was dropped.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .align import SentenceAlignment
from .dates import date_changes, without_dateline
from .evidence import place_code
from .name_changes import (
    abbreviates,
    bare_name,
    described,
    fold_accents,
    kin_words,
    misspelt,
    name_changes,
    party_tag,
    personal_words,
    same_across_scripts,
    shouted,
    surname,
)
from .negation import (
    cue_changes,
    hedge_dropped,
    hedge_removed,
    is_hedge,
    negation_changes,
    negation_reworded,
    unreal,
)
from .polarity import cause_certain, cause_changes, cause_is_new, polarity_changes
from .quantities import (
    FUNCTION_WORDS,
    Token,
    Values,
    derived,
    number_changes,
    read_figures,
    read_shares,
    read_tokens,
    same_value,
    word_stem,
    wordset,
)
from .roles import TITLES, Name, read_names, role_changes, sentence_starts
from .sourcing import attribution_certain, attribution_changes
from .spellings import Spellings, other_scripts

__all__ = ["Change", "ChangeKind", "alignment_changes", "pair_changes"]

ChangeKind = Literal["number", "date", "name", "role", "negation", "attribution", "hedge",
                     "cause"]


@dataclass(frozen=True, slots=True)
class Change:
    """What differs between sentence ``a`` of the source and sentence ``b`` of the copy.

    ``a_text`` and ``b_text`` are the differing fragments; a side that has nothing in that
    slot (a hedge or a source the copy removed) has an empty fragment. ``certain`` is False
    for the kinds that faithful paraphrases also produce: a hedge added or dropped, and a
    source dropped or added without vague sourcing taking its place (rewrites drop "the
    actress told the outlet" all the time; "according to the AP" becoming "it was reported"
    is what laundering does).
    """

    a: int
    b: int
    kind: ChangeKind
    a_text: str
    b_text: str
    certain: bool = True


# --- entry points ----------------------------------------------------------------------

_DETECTORS: tuple[tuple[ChangeKind, Callable[[str, str], list[tuple[str, str]]]], ...] = (
    ("number", number_changes),
    ("date", date_changes),
    ("name", name_changes),
    ("negation", negation_changes),
    ("negation", polarity_changes),
    ("role", role_changes),
    ("cause", cause_changes),
    ("attribution", attribution_changes),
    ("hedge", lambda a, b: cue_changes(a, b, is_hedge)),
)


def pair_changes(a_text: str, b_text: str, *, a: int = 0, b: int = 0,
                 on: date | None = None) -> list[Change]:
    """Two sentences (or two groups of sentences read together) in; their changes out,
    labelled with the sentence indices ``a`` and ``b``; ``on`` is the day the source was
    published, when known (who held an office then: :func:`.name_changes.name_changes`).
    A dateline ("MOSCOW, May 3 (Reuters) -") says where and when a dispatch was filed, not
    what it retells: a copy filed elsewhere on another day is no changed place or date."""
    a_text, b_text = without_dateline(a_text), without_dateline(b_text)
    found = [Change(a, b, kind, a_frag, b_frag, _certain(kind, a_frag, b_frag, a_text, b_text))
             for kind, detect in _DETECTORS for a_frag, b_frag in (
                 name_changes(a_text, b_text, on) if detect is name_changes
                 else detect(a_text, b_text))]
    # A hedge dropped together with its source ("the bank said a cut could come" against
    # "a cut will come") turns an attributed possibility into a bare fact: each alone is a
    # common rewording, both together are what laundering does.
    source_dropped = any(c.kind == "attribution" and c.a_text and not c.b_text for c in found)
    dropped_hedges = [source_dropped and c.kind == "hedge"
                      and hedge_dropped(c.a_text, c.b_text, b_text) for c in found]
    if any(dropped_hedges):
        found = [dataclasses.replace(c, certain=True) if c.kind == "attribution" or dropped
                 else c for c, dropped in zip(found, dropped_hedges, strict=True)]
    return found


def _certain(kind: ChangeKind, a_frag: str, b_frag: str, a_text: str, b_text: str) -> bool:
    if kind == "negation":
        # under a possibility or a wish on both sides, what is possible or hoped for is
        # flipped: "visitors may not bring dogs" against "visitors may bring dogs"
        return unreal(a_frag, a_text) == unreal(b_frag, b_text) and \
            not negation_reworded(a_frag, b_frag, a_text, b_text)
    if kind == "hedge":
        return hedge_removed(a_frag, b_frag, b_text)
    if kind == "attribution":
        return attribution_certain(a_frag, b_frag, a_text, b_text)
    if kind == "name":
        return _name_certain(a_frag, b_frag)
    if kind == "cause":
        return cause_certain(b_frag, {word_stem(t.norm) for t in read_tokens(a_text)})
    return True


def _name_certain(a_frag: str, b_frag: str) -> bool:
    """Whether a name change is certain: neither side is capitals for emphasis or a party
    tag ("Houston Democrat" retelling "D-Houston"), nor the other's name misspelt by a
    letter."""
    return not (shouted(a_frag) or shouted(b_frag) or party_tag(a_frag) or party_tag(b_frag)
                or misspelt(a_frag, b_frag))


def alignment_changes(alignment: SentenceAlignment, a: Sequence[str], b: Sequence[str], *,
                      on: date | None = None) -> list[Change]:
    """An alignment and the sentences it aligns in; the changes in every pair out, each
    labelled with the member sentences its fragments come from. ``on`` is the day the
    source was published, when known: who held an office is read for that day."""
    return list(_iter_changes(alignment, a, b, on))


def _iter_changes(alignment: SentenceAlignment, a: Sequence[str], b: Sequence[str],
                  on: date | None) -> Iterator[Change]:
    source_values = Values(f.value for text in a for f in read_figures(text))
    # One pass over the source's tokens for the name prefixes, the stems and the capitals.
    source_tokens = [read_tokens(text) for text in a]
    source_read = [t for tokens in source_tokens for t in tokens]
    source_words = {t.norm[:_NAME_PREFIX] for t in source_read}
    source_stems = {word_stem(t.norm) for t in source_read}
    source_names = _capitalised(source_read)
    source_inner = _capitalised_inside(a, source_tokens)
    copy_names = _capitalised(t for text in b for t in read_tokens(text))
    full_names = [n.core for text in (*a, *b) for n in read_names(text) if len(n.core) > 1]
    spellings = Spellings(a)
    for pair in alignment.pairs:
        a_text = " ".join(a[i] for i in pair.a)
        b_text = " ".join(b[j] for j in pair.b)
        named: set[int] = set()
        for change in pair_changes(a_text, b_text, on=on):
            if change.kind == "cause" and not cause_is_new(change.b_text, source_stems,
                                                           given=change.a_text):
                continue  # a cause the source gives in another sentence: moved, not made up
            if change.kind == "name" and _one_name(change, full_names):
                continue  # "Blake" and "Shelton", where the articles name "Blake Shelton"
            if change.kind == "name" and (_moved(change, source_names, copy_names)
                                          or _misread(change.a_text, a_text)
                                          or _misread(change.b_text, b_text)):
                continue  # told in another sentence of each, or no name at all
            j = _member(pair.b, b, change.b_text)
            named.update([j] if change.kind == "name" else [])
            certain = change.certain and (change.kind != "cause"
                                          or cause_certain(change.b_text, source_stems))
            yield Change(_member(pair.a, a, change.a_text), j, change.kind, change.a_text,
                         change.b_text, certain)
        yield from _new_figures(pair.a, pair.b, a_text, b, source_values)
        yield from _new_names(pair.a, [j for j in pair.b if j not in named], a, b,
                              source_words, spellings, source_inner)


def _one_name(change: Change, full_names: Sequence[frozenset[str]]) -> bool:
    """Whether the two names of a name change are parts of one full name the articles
    state: a first name on one side, the surname on the other."""
    words = {t.norm for t in read_tokens(f"{change.a_text} {change.b_text}")
             if t.text[:1].isupper()}
    return any(all(any(kin_words(w, v) for v in name) for w in words) for name in full_names)


def _misread(fragment: str, sentence: str) -> bool:
    """Whether a name fragment is a misreading of capitals: it starts with a sentence
    opener ("Despite Portia's"), runs over a gap in the layout ("PDT  She"), or is one word
    that owes its capital to a sentence start, a quotation or a tag ("“Embrace",
    "@KeithUrban")."""
    first = fragment.split(" ", 1)[0].lower().rstrip(",")
    if first in _OPENERS or "  " in fragment or "\n" in fragment:
        return True
    if sum(c.isascii() and c.isalpha() for c in fragment) < 2:
        return True  # a unit or an initial alone ("degrees F", "vitamin C")
    return " " not in fragment and _capital_owed(fragment, sentence)


#: What a capitalised word after it may owe its capital to.
_OPENING = "\"“‘'(#@:.!?—–-"


def _capital_owed(word: str, sentence: str) -> bool:
    """Whether ``word`` opens ``sentence``, a quotation or a tag in it."""
    at = sentence.find(word)
    before = sentence[:at].rstrip()
    return at >= 0 and (not before or before[-1] in _OPENING)


def _moved(change: Change, source_names: set[str], copy_names: set[str]) -> bool:
    """Whether the source names the copy's name elsewhere and the copy names the source's:
    two sentences aligned across a reordered list, or a name told in another sentence."""
    old, new = _capitalised(read_tokens(change.a_text)), _capitalised(read_tokens(change.b_text))
    return bool(old) and bool(new) and old <= copy_names and new <= source_names


def _capitalised(tokens: Iterable[Token]) -> set[str]:
    """The capitalised words among ``tokens``, lower-cased and without accents."""
    return {fold_accents(t.norm) for t in tokens if t.text[:1].isupper()}


def _capitalised_inside(texts: Sequence[str], tokens_of: Sequence[Sequence[Token]]
                        ) -> frozenset[str]:
    """The words ``texts`` (read as ``tokens_of``) capitalise inside a sentence,
    lower-cased: names, which may also open a sentence ("Couric spent 15 years", where only
    another sentence writes "Katie Couric"). Function words and adverbs in -ly
    ("Privately" after a quote's opening) are no names."""
    out: set[str] = set()
    for text, tokens in zip(texts, tokens_of, strict=True):
        starts = sentence_starts(text, tokens)
        out.update(t.norm for k, t in enumerate(tokens) if k not in starts
                   and t.text[:1].isupper() and t.norm not in FUNCTION_WORDS
                   and not t.norm.endswith("ly"))
    return frozenset(out)


def _new_figures(group_a: Sequence[int], group_b: Sequence[int], a_text: str,
                 b: Sequence[str], source_values: Values) -> Iterator[Change]:
    """Figures a retold sentence states that the whole source never does: "Jamie Foxx, 52,
    ..." where the source gives no age. A figure changed in its slot is reported by
    :func:`pair_changes`; this finds a figure the copy brought in on its own."""
    in_pair = read_figures(a_text)
    pair_shares = read_shares(a_text, in_pair)
    for j in group_b:
        figures_j = read_figures(b[j])
        for figure in figures_j:
            if not figure.digits:
                continue  # "twelve months" for "a year": words rephrase, digits state
            if in_pair and any(same_value(figure.value, x.value) for x in in_pair):
                continue
            if in_pair and derived(figure.value, in_pair,
                                   [*pair_shares, *read_shares(b[j], figures_j)]):
                continue  # "840" for "a fifth of 4,200": worked out, not brought in
            if not source_values.holds(figure.value):
                changed_in_slot = any(not any(same_value(x.value, y.value)
                                              for y in figures_j) for x in in_pair)
                if not changed_in_slot:
                    yield Change(group_a[0], j, "number", "", figure.text)


#: Name words are compared on their first letters: "Kardashians" is the "Kardashian" of the
#: source, not a new name.
_NAME_PREFIX = 6


def _new_names(group_a: Sequence[int], group_b: Sequence[int], a: Sequence[str],
               b: Sequence[str], source_words: set[str], spellings: Spellings,
               source_inner: frozenset[str] = frozenset()) -> Iterator[Change]:
    """A name that a retold sentence brings in, that the whole source never uses (no word of
    it), in place of the one name its source sentence gave and it no longer does: "split
    from Chloe Kohanski" retelling "split from Brad Pitt", "Ariana posted" retelling "Khloe
    shared". A name brought in beside the source's names is background a rewrite may add,
    a place may be a metonym ("Brussels" for "the Commission"), and a short form of the
    name gone ("Jen" for "Jennifer") is that name: none is reported. A name in another
    script than the source's is compared by its surname's spelling (``spellings``, the
    source's capitalised words): "Sergei Lavrov" retells "Сергей Лавров". A word that opens
    a source sentence is a name there when the source capitalises it inside a sentence
    elsewhere (``source_inner``)."""
    # initials the source writes ("LA", "L.A."), whatever the name reader makes of them
    initials = [w for i in group_a for w in _CAPITALS.findall(a[i])]
    a_names = [n for i in group_a for n in read_names(a[i], source_inner)
               if _nameable(n, a[i], source_inner)]
    group_text = " ".join(a[i] for i in group_a)
    for j in group_b:
        words_j = {fold_accents(t.norm) for t in read_tokens(b[j])}
        names_j = read_names(b[j])
        # one word in another script ("в Женеве") may be any place inflected: not read
        gone = [n for n in a_names if not {fold_accents(w) for w in n.core} & words_j
                and not any(same_across_scripts(n, m) for m in names_j)
                and (_person_like(n) or not other_scripts(n.text, b[j]))]
        if not gone:
            continue
        # Where the source sentence named several the copy no longer does, only a name
        # shaped as a person's is read: it stands for the person nearest its place.
        people = [g for g in gone if personal_words(g, group_text)] if len(gone) > 1 else []
        for name in map(_without_opener, names_j):
            old = gone[0] if len(gone) == 1 else _nearest(people, name, group_text, b[j])
            # an initial the source leaves out ("William H. Rehnquist") brings in no one
            if old is not None and _nameable(name, b[j]) and _unheard(name, source_words) \
                    and not spellings.in_other_script(surname(name)) \
                    and not any(_kin(name, g) for g in gone) \
                    and not any(abbreviates(w, name.text) for w in initials) \
                    and not any(abbreviates(name.text, g.text) or abbreviates(g.text, name.text)
                                for g in gone):
                # one word brought in may be background as well as a swap ("Crosby
                # said", "in Ohio"), and a description or a body ("the Connecticut
                # Democrat", "the Associated Press") may be a detail the copy adds: a
                # change to check; a full name or a title is certain
                yield Change(_member(group_a, a, old.text), j, "name", old.text,
                             name.text, _person_like(name) and not described(name, b[j])
                             and _name_certain(old.text, name.text))
                break


def _nearest(people: Sequence[Name], name: Name, source: str, sentence: str) -> Name | None:
    """Of ``people``, the names shaped as people's (:func:`.name_changes.personal_words`)
    that the source sentence gave and the retelling no longer does, the one ``name`` most
    likely stands for when it is shaped as a person's too: the one whose place in
    ``source`` is nearest to the place of ``name`` in ``sentence`` (as shares of their
    lengths)."""
    if not people or not personal_words(name, sentence):
        return None
    at = sentence.find(name.text) / max(1, len(sentence))
    return min(people, key=lambda g: abs(source.find(g.text) / max(1, len(source)) - at))


#: Initials as a source writes them ("LA", "L.A.", "S&P").
_CAPITALS = re.compile(r"\b[A-Z][A-Z.&]*[A-Z]\b\.?")


def _unheard(name: Name, source_words: set[str]) -> bool:
    """Whether no word of ``name`` is one the source uses (an initial aside)."""
    words = [w for w in name.core if w.isalpha() and len(w) > 1]
    return bool(words) and all(w[:_NAME_PREFIX] not in source_words for w in words)


def _kin(x: Name, y: Name) -> bool:
    """Whether a word of one name is a short form of a word of the other: "Jen" and
    "Jennifer", "Biebs" and "Bieber", "Mexican" and "Mexico"."""
    return any(kin_words(u, v) for u in x.core for v in y.core)


#: Words that open a sentence with a capital and run into the name after them.
_OPENERS = wordset("""
while however meanwhile likewise moreover furthermore also still yet instead then thus hence
although though after before when since despite besides nonetheless nevertheless indeed
""")


def _without_opener(name: Name) -> Name:
    """``name`` without a sentence opener run into it ("Similarly, Kim Kardashian")."""
    first, _, rest = name.text.partition(" ")
    norm = first.lower().rstrip(",")
    if rest and (norm in _OPENERS or norm in FUNCTION_WORDS or norm.endswith("ly")):
        return Name(name.core - {norm}, name.role, rest.lstrip())
    return name


def _nameable(name: Name, sentence: str, known: frozenset[str] = frozenset()) -> bool:
    """A name that may stand for another in a retelling: no place, and not one word whose
    capital only opens a sentence, a quotation or a tag ("“Undoubtedly", "#Thank") or
    spells initials ("DUI"); a word ``known`` as a name (capitalised inside a sentence of
    the article) is one wherever it stands."""
    if not name.core or _is_place(name):
        return False
    word = bare_name(name)
    return len(name.core) > 1 or not (word.isupper() or (
        _capital_owed(name.text, sentence) and word.lower() not in known))


def _person_like(name: Name) -> bool:
    """Two name words or a title ("Chloe Kohanski", "Senator Wells"), and no place."""
    return (len(name.core) > 1 or bool(name.role & TITLES)) and not _is_place(name)


def _is_place(name: Name) -> bool:
    """Whether the tables know ``name``, or a word of it, as a place or a body."""
    text = bare_name(name)
    return place_code(text) is not None or any(
        place_code(word.removesuffix("'s")) for word in text.split())


def _member(group: Sequence[int], sentences: Sequence[str], fragment: str) -> int:
    return next((i for i in group if fragment and fragment in sentences[i]), group[0])
