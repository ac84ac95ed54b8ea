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
they are rare), with figures, months and quoted words counting double, and a shared run of
two content words counting one more: a phrase kept is stronger than two words kept apart.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..languages.calendar import MONTHS
from ..languages.numbers import number_value
from ..languages.words import STOP_WORDS, stem, words

__all__ = ["SpecificContent", "SpecificTerms"]

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


_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{1,80})[\"“”«»]")
_MONTHS = frozenset(MONTHS)
#: Words too general to be evidence of a shared fact, beyond the stop words.
_GENERAL = _wordset("""
said say says saying told also would could may might will one two new year years last next
week weeks month months day days time people country countries government official
officials statement added
""")


@dataclass(frozen=True, slots=True)
class SpecificTerms:
    """One sentence's content stems, in order, and those that are strong evidence."""

    stems: tuple[str, ...]
    strong: frozenset[str]
    names: frozenset[str]
    bigrams: frozenset[tuple[str, str]]

    @classmethod
    def read(cls, text: str, capitalised: frozenset[str] = frozenset()) -> SpecificTerms:
        """``capitalised``: the words the two articles write with a capital inside a
        sentence (names), lower-cased."""
        tokens = [w for w in words(text) if w not in STOP_WORDS and w not in _GENERAL
                  and (len(w) > 2 or w.isdigit())]
        quoted = {stem(w) for match in _QUOTED.finditer(text) for w in words(match.group(1))
                  if w not in STOP_WORDS and len(w) > 2}
        stems = tuple(stem(w) for w in tokens)
        strong = {s for s, w in zip(stems, tokens, strict=True)
                  if w[:1].isdigit() or w in _MONTHS or number_value(w) is not None}
        strong |= quoted & set(stems)
        names = {s for s, w in zip(stems, tokens, strict=True) if w in capitalised}
        return cls(stems, frozenset(strong), frozenset(names - strong),
                   frozenset(itertools.pairwise(stems)))


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
                phrases = len(tb.bigrams & ta.bigrams)
                self.shared[i, j] = sum(_weight(t, ta, tb) for t in own_b & stems_a[i]) \
                    + PHRASE * phrases

    def beyond(self, i: int, first: int, j: int) -> float:
        """The weight of the specific content a_i shares with b_j that a_first does not
        state: what a second source sentence brings to a copy sentence that retells two."""
        ta, tb = self.terms_a[i], self.terms_b[j]
        own = (set(tb.stems) & set(ta.stems) & self.rare) - set(self.terms_a[first].stems)
        return sum(_weight(t, ta, tb) for t in own)


def _weight(term: str, ta: SpecificTerms, tb: SpecificTerms) -> float:
    if term in ta.strong or term in tb.strong:
        return STRONG
    return NAME if term in ta.names or term in tb.names else 1.0
