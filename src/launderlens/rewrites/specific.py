"""Sentences of a source and a copy in; for every sentence pair, how much *specific* content
they share out: the evidence that tells a retelling from a sentence that is merely on the
same topic.

A rewrite's own commentary ("the meeting also highlighted the mistrust between the two
neighbours", "his leadership remains controversial") names the story's people and uses its
topic words, so it shares words with many source sentences without retelling any. What a
retelling keeps and commentary does not is a specific fact: a figure, a date, a quoted word,
or content words that are rare in both articles. Names and words that recur all over either
article are weak evidence and are not counted.

:class:`SpecificContent` counts, per pair, the shared rare content words (names included when
they are rare), with figures (read by value: "32" and "thirty-two" are one), months and
quoted words (in any quotation marks, single ones included) counting double, and a shared run
of two content words counting one more when one of its words is rare in both articles: a
phrase kept is stronger than two words kept apart, but a collocation of the story's topic
words ("military support" in a story about it) is what commentary reuses. Words of stance,
judgement and abstraction ("approach", "commitment", "evidence", "personal gain") count
nothing, nor does a word both sentences use between two of them ("military" of "wary of
direct military involvement"): commentary on any story's people is made of them. A shared
stem counts only where both sentences write it as forms of one word: the six-letter stem
joins "continued" and "continent".
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..languages.calendar import MONTHS
from ..languages.numbers import number_value
from ..languages.words import STOP_WORDS, stem, words

__all__ = ["SpecificContent", "SpecificTerms", "quoted_spans"]

#: A word is rare in an article when at most this share of its sentences use it (and never
#: fewer than :data:`RARE_FLOOR` sentences count as rare: in a short article two mentions
#: are no repetition).
RARE_SHARE = 0.2
RARE_FLOOR = 2
#: Weight of a shared figure, month or quoted word, of a shared rare name (the people and
#: places of a story are what its commentary repeats), and of a shared two-word phrase.
STRONG = 2.0
NAME = 0.5
PHRASE = 1.0


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]{1,80})[\"“”«»]")
#: A span in single quotes, curly or straight. An apostrophe is no quote: one inside or at
#: the end of a word (don't, Zelensky's, parents' house) cannot open a span, one between two
#: letters does not close it ('won't be moved'), an elided decade ('90s, ‘70s) opens none,
#: and a span of one letter is an elision too (rock 'n' roll).
_SINGLE_QUOTED = re.compile(
    r"(?<![\w'‘’])['‘](?![\d\s'’])((?:[^'‘’\n]|(?<=\w)['’](?=\w)){2,80}?)(?<=\S)['’](?!\w)")
_LEAD = re.compile(r"\W*([A-Z][^\W\d_]*)\s+([A-Z][^\W\d_]*)")
_MONTHS = frozenset(MONTHS)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)+|[^\W\d_]+")
#: Words too general to be evidence of a shared fact, beyond the stop words.
_GENERAL = _wordset("""
said say says saying told also would could may might will one two new year years last next
week weeks month months day days time people country countries government official
officials statement added
""")
#: Words of stance, judgement and abstraction: a rewrite's commentary on any story's people
#: uses them ("wary of direct military involvement", "evidence that the
#: administration ...", "personal gain", "alleged corruption"), and sharing them, even as a
#: phrase, is no evidence that two sentences state the same fact.
_EVALUATIVE = _wordset("""
approach approaches strategy strategies stance stances policy policies position positions
commitment commitments involvement engagement evidence proof administration administrations
leadership leader leaders critic critics criticism criticisms criticised criticized concern
concerns credibility legitimacy reputation image standing interest interests priority
priorities prioritised prioritized support supports supported supporting supporters personal gain
gains direct broader broad wider role roles effort efforts situation issue issues matter
question questions response pressure tension tensions relations relationship trust
mistrust accountability transparency influence stability agenda legacy vision ambition
ambitions corruption alleged allegation allegations handling
""")
#: Marks a word of stance in :attr:`SpecificTerms.stance` (by the word as written: the stem
#: of "commitment" is that of "committee", of "position" that of "positive").
_STANCE_MARK = "~"


def quoted_spans(text: str) -> list[str]:
    """The spans of ``text`` in quotation marks of any style: double, guillemets, single
    (curly or straight; apostrophes are told apart, see :data:`_SINGLE_QUOTED`). A word one
    article quotes in one style and the other in another is the same quoted word."""
    return [m.group(1) for pattern in (_QUOTED, _SINGLE_QUOTED) for m in pattern.finditer(text)]


@dataclass(frozen=True, slots=True)
class SpecificTerms:
    """One sentence's content stems, in order, and those that are strong evidence."""

    stems: tuple[str, ...]
    strong: frozenset[str]
    names: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    #: The title and name the sentence opens with (:func:`_opening_designation`).
    opening: frozenset[str] = frozenset()
    #: The names the sentence opens with as its very first words ("Rovan met ...",
    #: "Prime Minister Henrik Sallo said ..."): the person it is about.
    subject: frozenset[str] = frozenset()
    #: Pairs of adjacent content stems, words of stance (:data:`_EVALUATIVE`) included, of
    #: which one is a word of stance (marked with :data:`_STANCE_MARK`): "direct military",
    #: "military involvement".
    stance: frozenset[tuple[str, str]] = frozenset()
    #: The words as written, one per stem of :attr:`stems`.
    forms: tuple[str, ...] = ()

    @classmethod
    def read(cls, text: str, capitalised: frozenset[str] = frozenset()) -> SpecificTerms:
        """``capitalised``: the words the two articles write with a capital inside a
        sentence (names), lower-cased."""
        # Words of stance are read once with the rest and left out of the facts here.
        with_stance = _content_words(text, stance=True)
        tokens = [w for w in with_stance if w not in _EVALUATIVE]
        quoted = {stem(w) for span in quoted_spans(text) for w in words(span)
                  if w not in STOP_WORDS and len(w) > 2}
        stems = tuple(stem(w) for w in tokens)
        strong = {s for s, w in zip(stems, tokens, strict=True)
                  if w[:1].isdigit() or w in _MONTHS or number_value(w) is not None}
        strong |= quoted & set(stems)
        # A sentence's first word is a name's first part when a name follows it ("Prime
        # Minister Henrik Sallo"); alone, it may be any word.
        lead = _LEAD.match(text)
        opening = {lead.group(1).lower()} if lead and lead.group(2).lower() in capitalised \
            else set()
        names = {s for s, w in zip(stems, tokens, strict=True) if w in capitalised | opening}
        names -= strong
        clause = _CLAUSE.split(text, maxsplit=1)[0]
        return cls(stems, frozenset(strong), frozenset(names),
                   frozenset(itertools.pairwise(stems)),
                   _opening_designation(stems[:len(_content_words(clause))], names,
                                        len(_content_words(_title_phrase(clause)))),
                   frozenset(stem(w) for w in itertools.takewhile(
                       (capitalised | opening).__contains__, words(text))),
                   frozenset(pair for pair in itertools.pairwise(
                       _STANCE_MARK + stem(w) if w in _EVALUATIVE else stem(w)
                       for w in with_stance)
                       if pair[0][:1] == _STANCE_MARK or pair[1][:1] == _STANCE_MARK),
                   tuple(tokens))


def _content_words(text: str, *, stance: bool = False) -> list[str]:
    """The words of ``text`` that can state a fact; with ``stance``, words of stance too."""
    return [w for w in words(_figures_as_words(text))
            if w not in STOP_WORDS and w not in _GENERAL
            and (stance or w not in _EVALUATIVE) and (len(w) > 2 or w.isdigit())]


def _figures_as_words(text: str) -> str:
    """``text`` with each figure written as one word of its value, so that "32" and
    "thirty-two", "900,000" and "900000" are one figure and "4.2" is not the figures 4
    and 2 ("4d2"). The general number words ("one", "two") stay words."""
    def value(match: re.Match[str]) -> str:
        word = match.group()
        lower = word.lower()
        # An ordinal or a fraction ("a third of") is no count: it stays a word.
        ordinal = lower.rstrip("s").endswith(("th", "rd", "nd", "st", "half", "halve", "quarter"))
        number = None if lower in _GENERAL or ordinal else number_value(lower)
        if number is None:
            return word
        return str(int(number)) if number.is_integer() else f"{number:g}".replace(".", "d")
    return _FIGURE.sub(value, text)


def _rare(sentences: Sequence[SpecificTerms]) -> frozenset[str]:
    df = Counter(s for terms in sentences for s in set(terms.stems))
    limit = max(RARE_FLOOR, RARE_SHARE * len(sentences))
    return frozenset(s for s, count in df.items() if count <= limit)


class SpecificContent:
    """The specific content every sentence pair of a source ``a`` and a copy ``b`` shares;
    ``capitalised`` as in :meth:`SpecificTerms.read`."""

    def __init__(self, a: Sequence[str], b: Sequence[str],
                 capitalised: frozenset[str] = frozenset()) -> None:
        self.terms_a = [SpecificTerms.read(t, capitalised) for t in a]
        self.terms_b = [SpecificTerms.read(t, capitalised) for t in b]
        self.rare = _rare(self.terms_a) & _rare(self.terms_b)
        #: [i, j]: the weight of what a_i and b_j share (module docstring).
        self.shared = np.zeros((len(a), len(b)), dtype=np.float32)
        stems_a = [frozenset(t.stems) for t in self.terms_a]
        for j, tb in enumerate(self.terms_b):
            own_b = set(tb.stems) & self.rare
            for i, ta in enumerate(self.terms_a):
                phrases = sum(self._telling(pair, ta, tb) for pair in tb.bigrams & ta.bigrams)
                own = {t for t in own_b & stems_a[i] if _one_word(t, ta, tb)}
                if own:  # what both use in a phrase of stance is no fact
                    own -= _in_stance(ta, tb)
                self.shared[i, j] = sum(_weight(t, ta, tb) for t in own) + PHRASE * phrases

    def _telling(self, pair: tuple[str, str], ta: SpecificTerms, tb: SpecificTerms) -> bool:
        """Whether a shared two-word phrase is evidence: one of its words must be rare in both
        articles, and not both names. A collocation of the story's topic words ("military
        support", "foreign policy" in a story about them) is what commentary reuses, and a
        name of two words ("Piet Varga", "Prime Minister") is one name, already counted."""
        names = ta.names | tb.names
        return any(w in self.rare for w in pair) and not all(w in names for w in pair)

    def beyond(self, i: int, first: int, j: int) -> float:
        """The weight of the specific content a_i shares with b_j that a_first does not
        state: what a second source sentence brings to a copy sentence that retells two. A
        part of a name whose other part a_first states brings nothing: "Tomas" of "Tomas
        Ekdal" when a_first says "Ekdal"; nor does the name a_i opens with (see
        :meth:`new_names`)."""
        ta, tb = self.terms_a[i], self.terms_b[j]
        stated = set(self.terms_a[first].stems)
        own = self.shared_terms(i, j) - stated - _named_along(tb, stated)
        return sum(_weight(t, ta, tb) for t in own - ta.subject)

    def new_names(self, i: int, first: int, j: int) -> frozenset[str]:
        """The names a_i and b_j share that a_first does not state, in whole or in part. The
        name a_i opens with is the person it is about, not a name it brings to b_j: "Rovan
        met the ambassador on Friday" is no second source of "Rovan said after the meeting
        that ...", which retells the "she said" of the sentence after it."""
        ta, tb = self.terms_a[i], self.terms_b[j]
        stated = set(self.terms_a[first].stems)
        return frozenset((ta.names & tb.names) - stated - _named_along(tb, stated)
                         - ta.subject)

    def shared_terms(self, i: int, j: int) -> frozenset[str]:
        """The rare stems a_i and b_j share, but those of a phrase of stance both use
        (:func:`_in_stance`)."""
        ta, tb = self.terms_a[i], self.terms_b[j]
        return frozenset({t for t in set(ta.stems) & set(tb.stems) & self.rare
                          if _one_word(t, ta, tb)} - _in_stance(ta, tb))

    def introduces_only(self, i: int, j: int) -> bool:
        """Whether all a_i and b_j share is the title and name b_j opens with ("Finance chair
        Emil Rask's recent statements ...", "Environment agency director Lene Sorvik's
        remarks ..."): a source sentence with that person as its subject shares them with
        every retelling of what the person did, and retells none of it by that alone."""
        shared = self.shared_terms(i, j)
        # The opening is asked first: most pairs share more than it, and the strong terms
        # read the shared ones again.
        return bool(shared) and shared <= self.terms_b[j].opening \
            and not self.strong_terms(i, j)

    def strong_terms(self, i: int, j: int) -> frozenset[str]:
        """The figures, months and quoted words a_i and b_j share."""
        ta, tb = self.terms_a[i], self.terms_b[j]
        return frozenset(t for t in self.shared_terms(i, j) if t in ta.strong or t in tb.strong)

    def strong_shared(self, i: int, j: int) -> bool:
        """Whether a_i and b_j share a figure, a month or a quoted word."""
        return bool(self.strong_terms(i, j))


#: A sentence opens with a designation when its first name comes within this many content
#: words of its start (a title of up to three words before it).
DESIGNATION_START = 4


#: Where a sentence's opening phrase ends: a designation runs on no punctuation ("The
#: country, admitted to NATO" opens with no name).
_CLAUSE = re.compile(r"[,;:()\[\]—–]")
#: The function words a title and name may hold ("Minister of State for the Interior Ana
#: Lind"); any other ends the opening phrase: "Audit findings have shown how Lind's aides
#: ..." opens with a clause about Lind, not with a designation of her.
_TITLE_LINKS = _wordset("the a an of for and")


def _title_phrase(clause: str) -> str:
    """The opening words of ``clause`` up to the first function word no title holds
    (:data:`_TITLE_LINKS`): the words a designation's title and name may span."""
    return " ".join(itertools.takewhile(lambda w: w not in STOP_WORDS or w in _TITLE_LINKS,
                                        words(clause)))


def _opening_designation(stems: Sequence[str], names: Iterable[str], title: int
                         ) -> frozenset[str]:
    """The content stems of a sentence's opening phrase (``stems``) up to the end of its
    first run of names ("finance chair emil rask"); empty when it does not open with a
    name among its first ``title`` content words (:func:`_title_phrase`)."""
    named = set(names)
    first = next((k for k, s in enumerate(stems[:min(title, DESIGNATION_START)])
                  if s in named), None)
    if first is None:
        return frozenset()
    end = first
    while end + 1 < len(stems) and stems[end + 1] in named:
        end += 1
    return frozenset(stems[:end + 1])


def _in_stance(ta: SpecificTerms, tb: SpecificTerms) -> set[str]:
    """The stems both sentences use between two words of stance: "military" of "direct
    military involvement", "foreign" of "approach to foreign policy" is part of a phrase of
    stance, and no fact; next to one ("personal liberty", "military support") it stays a
    word of its own. Names and figures stay facts."""
    pairs = Counter(s for pair in ta.stance & tb.stance for s in pair if s[:1] != _STANCE_MARK)
    bound = {s for s, count in pairs.items() if count > 1}
    return bound - ta.names - tb.names - ta.strong - tb.strong


def _named_along(terms: SpecificTerms, stated: set[str]) -> set[str]:
    """The names of ``terms`` written next to a name in ``stated`` (runs of names in a row:
    "Prime Minister Henrik Sallo")."""
    out: set[str] = set()
    run: list[str] = []
    for stem_ in (*terms.stems, ""):
        if stem_ in terms.names:
            run.append(stem_)
            continue
        if any(t in stated for t in run):
            out.update(run)
        run = []
    return out


#: The letters of a word its stem keeps (:func:`..languages.words.stem`).
STEM_LENGTH = 6


def _one_word(term: str, ta: SpecificTerms, tb: SpecificTerms) -> bool:
    """Whether the two sentences write stem ``term`` as forms of one word: the truncating
    stemmer joins "continued" and "continent", which part at the letter after the stem,
    while the inflections it is meant to join ("advocated", "advocating") go on alike or
    end there ("govern", "governed")."""
    def letter(word: str) -> str:
        word = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
        return word[STEM_LENGTH:STEM_LENGTH + 1]
    def written(terms: SpecificTerms) -> set[str]:
        return {letter(w) for s, w in zip(terms.stems, terms.forms, strict=True) if s == term}
    written_a, written_b = written(ta), written(tb)
    return "" in written_a or "" in written_b or bool(written_a & written_b)


def _weight(term: str, ta: SpecificTerms, tb: SpecificTerms) -> float:
    if term in ta.strong or term in tb.strong:
        return STRONG
    return NAME if term in ta.names or term in tb.names else 1.0
