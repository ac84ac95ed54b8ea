"""Text in; the tokens and the feature names a trained technique model reads, out.

Two feature sets, both plain strings so that a model is a JSON map from name to weight:

- :func:`token_features` describe one token for span identification: the word and its
  neighbours, its shape, whether a shipped cue covers it, whether it sits in quotes or in a
  line that asks or exclaims, and how often the article repeats it;
- :func:`span_features` describe a candidate span for technique classification: its words
  and word pairs, its first and last words, its length, the cues it overlaps, the words
  around it and how often the article repeats it (repetition is a technique).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .detect import TechniqueSpan, cue_spans

__all__ = ["ArticleContext", "Token", "span_features", "token_features", "tokenize"]

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_WORD = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    lower: str


def tokenize(text: str) -> list[Token]:
    """Words (with inner apostrophes) and single punctuation marks, with their offsets."""
    return [Token(m.start(), m.end(), m.group(), m.group().lower())
            for m in _TOKEN.finditer(text)]


class ArticleContext:
    """What features need from the whole article, computed once and in linear time (a
    hostile article may be one long line): its tokens, word counts, the line each token is
    on, whether it is quoted, and the shipped cues over each token."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.starts = [t.start for t in self.tokens]
        self.counts: Counter[str] = Counter(t.lower for t in self.tokens if _WORD.match(t.text))
        self.cues: list[TechniqueSpan] = cue_spans(text)
        self._cue_at: dict[int, set[tuple[str, str]]] = {}
        for span in self.cues:
            for i in range(_first_at(self.starts, span.start), len(self.tokens)):
                if self.tokens[i].start >= span.end:
                    break
                if self.tokens[i].end > span.start:
                    self._cue_at.setdefault(i, set()).add((span.technique, span.source))
        self.line_flags: dict[int, tuple[str, ...]] = {}
        self.line_end: dict[int, int] = {}
        self.token_line: list[int] = []
        self.quoted: list[bool] = []
        self._flat: str | None = None
        line_start, seen = -1, 0
        straight = opened = closed = 0  # quotation marks since the line's start
        for token in self.tokens:
            between = text[seen:token.start]  # each character is read once
            newline = between.rfind("\n")
            if line_start < 0 or newline >= 0:
                line_start = seen + newline + 1 if newline >= 0 else 0
                between = between[newline + 1:]
                straight = opened = closed = 0
                self._new_line(line_start)
            straight += between.count('"')
            opened += between.count("“")
            closed += between.count("”")
            seen = token.start
            self.token_line.append(line_start)
            self.quoted.append(straight % 2 == 1 or opened > closed)

    def _new_line(self, start: int) -> None:
        end = self.text.find("\n", start)
        end = end if end >= 0 else len(self.text)
        self.line_end[start] = end
        self.line_flags[start] = tuple(flag for flag, mark in (("line_q", "?"), ("line_ex", "!"))
                                       if self.text.find(mark, start, end) >= 0)

    def cue_techniques(self, index: int) -> set[str]:
        return {technique for technique, _ in self._cue_at.get(index, ())}

    def cues_over(self, first: int, last: int) -> set[tuple[str, str]]:
        """(technique, cue name) of the cues over tokens ``first`` to ``last``."""
        found: set[tuple[str, str]] = set()
        for i in range(first, last + 1):
            found |= self._cue_at.get(i, set())
        return found

    def token_at(self, offset: int) -> int:
        """The index of the token that holds or precedes ``offset`` (0 when none does)."""
        return _first_at(self.starts, offset)

    def flat(self) -> str:
        """The text lowercased with its blanks collapsed, to count a phrase's repeats."""
        if self._flat is None:
            self._flat = " ".join(self.text.lower().split())
        return self._flat


def _first_at(starts: Sequence[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _shape(word: str) -> str:
    if not _WORD.match(word):
        return "punct"
    if word.isdigit():
        return "digit"
    if word.isupper() and len(word) > 1:
        return "upper"
    return "title" if word[:1].isupper() else "lower"


def _bucket(count: int) -> str:
    return "1" if count <= 1 else "2" if count == 2 else "3-4" if count <= 4 else "5+"


def token_features(context: ArticleContext, index: int) -> list[str]:
    """Features of token ``index`` of ``context`` for span identification."""
    tokens = context.tokens
    token = tokens[index]
    line = context.token_line[index]

    def word(at: int) -> str:
        if 0 <= at < len(tokens) and context.token_line[at] == line:
            return tokens[at].lower
        return "<edge>"

    prev, nxt = word(index - 1), word(index + 1)
    features = [f"w={token.lower}", f"p={prev}", f"n={nxt}", f"pp={word(index - 2)}",
                f"nn={word(index + 2)}", f"b={prev}_{token.lower}", f"bn={token.lower}_{nxt}",
                f"shape={_shape(token.text)}", f"suf={token.lower[-3:]}",
                *context.line_flags.get(line, ())]
    if _WORD.match(token.text):
        features.append(f"rep={_bucket(context.counts[token.lower])}")
    if context.quoted[index]:
        features.append("quoted")
    features += [f"cue={t}" for t in sorted(context.cue_techniques(index))]
    return features


_MAX_PHRASE = 120  # longer spans are not counted as repeated phrases


def span_features(context: ArticleContext, start: int, end: int) -> list[str]:
    """Features of the span ``start:end`` of the article for technique classification."""
    text = context.text
    words = [t.lower for t in tokenize(text[start:end])]
    content = [w for w in words if _WORD.match(w)]
    features = [f"w={w}" for w in set(words)]
    features += [f"b={a}_{b}" for a, b in set(itertools.pairwise(words))]
    if content:
        features += [f"first={content[0]}", f"last={content[-1]}"]
    size = len(content)
    features.append("len=" + ("1" if size <= 1 else "2-3" if size <= 3 else "4-7" if size <= 7
                              else "8-15" if size <= 15 else "16+"))
    phrase = " ".join(text[start:end].lower().split())
    if phrase and len(phrase) <= _MAX_PHRASE:
        features.append(f"rep={_bucket(context.flat().count(phrase))}")
    if not context.tokens:
        return features
    first = context.token_at(start)
    if context.tokens[first].end <= start and first + 1 < len(context.tokens):
        first += 1
    last = max(first, context.token_at(max(start, end - 1)))
    tokens = context.tokens
    features.append(f"ctxp={tokens[first - 1].lower if first > 0 else '<edge>'}")
    features.append(f"ctxn={tokens[last + 1].lower if last + 1 < len(tokens) else '<edge>'}")
    line = context.token_line[first]
    features += context.line_flags.get(line, ())
    if end - start >= 0.8 * max(1, context.line_end.get(line, len(text)) - line):
        features.append("whole_line")
    if context.quoted[first]:
        features.append("quoted")
    if any(w.isupper() and len(w) > 2 for w in text[start:end].split()):
        features.append("caps")
    for technique, cue in context.cues_over(first, last):
        features += [f"cue={technique}", f"cuename={cue}"]
    return features
