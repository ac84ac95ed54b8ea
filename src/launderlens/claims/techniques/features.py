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

from .detect import TechniqueSpan, cue_spans, in_quotes

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
    """What features need from the whole article, computed once: its tokens, word counts,
    the line each token is on, and the shipped cues' spans."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.counts: Counter[str] = Counter(t.lower for t in self.tokens if _WORD.match(t.text))
        self.cues: list[TechniqueSpan] = cue_spans(text)
        self._cue_at: dict[int, set[str]] = {}
        starts = [t.start for t in self.tokens]
        for span in self.cues:
            for i in range(_first_at(starts, span.start), len(self.tokens)):
                if self.tokens[i].start >= span.end:
                    break
                self._cue_at.setdefault(i, set()).add(span.technique)
        self.line_flags: dict[int, tuple[str, ...]] = {}
        self.token_line: list[int] = []
        self.quoted: list[bool] = []
        line_start, seen = -1, 0
        straight = opened = closed = 0  # quotation marks since the line's start
        for token in self.tokens:
            start = text.rfind("\n", 0, token.start) + 1
            if start != line_start:
                line_start, seen = start, start
                straight = opened = closed = 0
                end = text.find("\n", start)
                line = text[start:end if end >= 0 else len(text)]
                self.line_flags[start] = tuple(flag for flag, mark in (("line_q", "?"),
                                                                      ("line_ex", "!"))
                                               if mark in line)
            between = text[seen:token.start]  # counted once: linear in the line
            straight += between.count('"')
            opened += between.count("“")
            closed += between.count("”")
            seen = token.start
            self.token_line.append(line_start)
            self.quoted.append(straight % 2 == 1 or opened > closed)

    def cue_techniques(self, index: int) -> set[str]:
        return self._cue_at.get(index, set())


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
    if phrase:
        features.append(f"rep={_bucket(' '.join(text.lower().split()).count(phrase))}")
    before = tokenize(text[max(0, start - 40):start])
    after = tokenize(text[end:end + 40])
    features.append(f"ctxp={before[-1].lower if before else '<edge>'}")
    features.append(f"ctxn={after[0].lower if after else '<edge>'}")
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    features += [flag for flag, mark in (("line_q", "?"), ("line_ex", "!")) if mark in line]
    if end - start >= 0.8 * max(1, len(line.strip())):
        features.append("whole_line")
    if in_quotes(text, start):
        features.append("quoted")
    if any(w.isupper() and len(w) > 2 for w in text[start:end].split()):
        features.append("caps")
    for span in context.cues:
        if span.start < end and start < span.end:
            features += [f"cue={span.technique}", f"cuename={span.source}"]
    return features
