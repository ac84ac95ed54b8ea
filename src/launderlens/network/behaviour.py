"""Stories in (each copy with its outlet, time and added sentences); links between outlets
that behave as one out: co-publication within minutes, and the same ADDED sentences.

An operator publishes its rewrites of one dispatch on all its sites within minutes, and
the prompt that rewrote them inserts the same sentences into every copy. Independent
outlets also cover the same events, sometimes close in time, and syndicated wire copy
repeats whole texts, so:

- co-publication is *strong* only when the pair publishes within the window far more often
  than chance: at least :data:`MIN_COPUBLISHED` stories, and a binomial tail below
  :data:`SIGNIFICANCE` against the base rate of the whole store (the share of all
  outlet pairs' shared stories published that close, networks included, which makes the
  test conservative); *supporting* otherwise. It never links two outlets alone;
- a sentence both copies added to the origin counts only when neither copy is a text
  that another outlet in its story carries nearly whole: outlets carrying one wire copy
  share every sentence, added ones and the wire's recurring boilerplate included, and
  that is syndication, not an operator (recorded as supporting ``same_copy``). Two
  sentences are the same when their words nearly are and their names and figures are:
  "no reaction from the government of X" is not "... of Y".
- independent rewrites of one story now and then word a retold fact alike, and the
  alignment may miss that it is retold; such a collision is a one-off. So shared additions
  in one story are only *supporting*, in two stories *strong*, and in
  :data:`CONCLUSIVE_STORIES` or more *conclusive*: one prompt, dispatch after dispatch.
- a *burst* is :data:`MIN_BURST` or more outlets publishing one story within
  :data:`BURST_MINUTES` of each other, as an operator's sites do when one job posts a
  rewrite to all of them. Newsrooms burst too on breaking news, and a pair that bursts
  together habitually already publishes within the window, which co-publication weighs;
  so a burst is *supporting* only: it says how many sites moved at once, never joins.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from ..outlets.fingerprints import Tier
from .evidence import Link, pair

__all__ = ["BURST_MINUTES", "MIN_BURST", "MIN_COPUBLISHED", "NEAR_IDENTICAL", "StoryCopy",
           "burst_links", "copublication_links", "shared_addition_links"]

#: Stories a pair must publish within the window before co-publication is strong.
MIN_COPUBLISHED = 3
#: Chance, at the store's base rate, of a pair's count within the window being so high.
SIGNIFICANCE = 0.01
#: Word-set Jaccard from which two sentences count as the same sentence.
NEAR_IDENTICAL = 0.7
#: Shortest added sentence compared, in words: short ones ("He denied it.") recur by chance.
MIN_WORDS = 6
#: Share of one copy's sentences found in the other from which both are one text: a
#: syndicated copy keeps nearly all of its wire story, trimmed at most.
SAME_COPY = 0.8
#: Word-set Jaccard of two whole texts below which they cannot be one text (a syndicated
#: copy trimmed to 80% of its sentences keeps far more of its words than this).
_ONE_TEXT_WORDS = 0.5
#: Stories with shared additions from which they are conclusive (two: strong).
CONCLUSIVE_STORIES = 3
#: Outlets publishing one story within this many minutes of each other make a burst...
BURST_MINUTES = 15.0
#: ...when there are at least this many of them.
MIN_BURST = 4

_WORD = re.compile(r"\w+")
#: A name or a figure: a capitalised word after the first, or a word with a digit.
_ANCHOR = re.compile(r"(?<=\s)[^\W\d_][\w'-]*|\w*\d[\w.,]*")


@dataclass(frozen=True, slots=True)
class StoryCopy:
    """One article of a story: its outlet, when it was published, its sentences and which
    of them the alignment against the story's origin found added."""

    story: str
    article: str
    outlet: str
    published: datetime | None
    sentences: tuple[str, ...]
    added: tuple[int, ...]


def _words(text: str) -> frozenset[str]:
    return frozenset(word.casefold() for word in _WORD.findall(text))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _first_minutes(copies: Iterable[StoryCopy]) -> dict[str, dict[str, float]]:
    """Each story's outlets and the minute each first published it (undated: left out)."""
    by_story: dict[str, dict[str, float]] = defaultdict(dict)
    for copy in copies:
        if copy.published is None:
            continue
        minute = copy.published.timestamp() / 60  # floats: the pair loop is the hot spot
        first = by_story[copy.story].get(copy.outlet)
        if first is None or minute < first:
            by_story[copy.story][copy.outlet] = minute
    return by_story


def burst_links(copies: Iterable[StoryCopy], window_minutes: float = BURST_MINUTES,
                min_outlets: int = MIN_BURST) -> Iterator[Link]:
    """Outlet pairs that were part of one burst (the largest group of outlets publishing a
    story within ``window_minutes``, when it has ``min_outlets`` or more)."""
    together: dict[tuple[str, str], set[str]] = defaultdict(set)
    largest: dict[tuple[str, str], int] = defaultdict(int)
    for story, times in sorted(_first_minutes(copies).items()):
        ordered = sorted(times.items(), key=lambda kv: (kv[1], kv[0]))
        best = (0, 0)  # the widest run [start, end) of outlets within the window
        start = 0
        for end in range(len(ordered)):
            while ordered[end][1] - ordered[start][1] > window_minutes:
                start += 1
            if end + 1 - start > best[1] - best[0]:
                best = (start, end + 1)
        burst = sorted(outlet for outlet, _ in ordered[best[0]:best[1]])
        if len(burst) < min_outlets:
            continue
        for i, x in enumerate(burst):
            for y in burst[i + 1:]:
                together[(x, y)].add(story)
                largest[(x, y)] = max(largest[(x, y)], len(burst))
    for (x, y), stories in sorted(together.items()):
        count = len(stories)
        yield Link(x, y, "burst", "supporting",
                   f"published {count} stor{'y' if count == 1 else 'ies'} in the same burst of "
                   f"{min_outlets} or more outlets within {window_minutes:g} minutes (largest: "
                   f"{largest[(x, y)]} outlets)",
                   facts={"stories": count, "largest": largest[(x, y)]})


def copublication_links(copies: Iterable[StoryCopy], window_minutes: float) -> Iterator[Link]:
    """Outlet pairs that publish the same stories within ``window_minutes`` of each other."""
    by_story = _first_minutes(copies)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    lags: dict[tuple[str, str], list[float]] = defaultdict(list)
    for times in by_story.values():
        ordered = sorted(times.items())
        for i, (x, tx) in enumerate(ordered):
            for y, ty in ordered[i + 1:]:
                shared[(x, y)] += 1
                lag = abs(tx - ty)
                if lag <= window_minutes:
                    lags[(x, y)].append(lag)
    total = sum(shared.values())
    base = min(0.99, max(0.01, sum(map(len, lags.values())) / total)) if total else 0.5
    for (x, y), within in sorted(lags.items()):
        both = shared[(x, y)]
        chance = _tail(len(within), both, base)
        habit = len(within) >= MIN_COPUBLISHED and chance < SIGNIFICANCE
        median = statistics.median(within)
        detail = (f"published {len(within)} of the {both} stories both carried within "
                  f"{window_minutes:g} minutes of each other (median lag {median:.0f} min; "
                  f"{base:.0%} of all pairs' shared stories are that close)")
        yield Link(x, y, "co_publication", "strong" if habit else "supporting", detail,
                   facts={"within": len(within), "shared": both, "median_lag": median,
                          "chance": chance})


def _tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X binomial with ``n`` trials of probability ``p``."""
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1))


@dataclass(frozen=True, slots=True)
class _Added:
    copy: StoryCopy
    text: str
    words: frozenset[str]
    anchors: frozenset[str]


def _anchors(text: str) -> frozenset[str]:
    return frozenset(m.group() for m in _ANCHOR.finditer(text)
                     if m.group()[:1].isupper() or any(c.isdigit() for c in m.group()))


def shared_addition_links(copies: Sequence[StoryCopy]) -> Iterator[Link]:
    """Outlet pairs whose copies added near-identical sentences to the origin."""
    words_of = {copy.article: [_words(s) for s in copy.sentences] for copy in copies}
    syndicated = _syndicated(copies, words_of)
    added = [_Added(copy, copy.sentences[j], _words(copy.sentences[j]),
                    _anchors(copy.sentences[j]))
             for copy in copies for j in copy.added if 0 <= j < len(copy.sentences)]
    added = [item for item in added if len(item.words) >= MIN_WORDS]
    stories: dict[tuple[str, str], set[str]] = defaultdict(set)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    same_copy: dict[tuple[str, str], set[str]] = defaultdict(set)
    for x_item, y_item in _near_pairs(added):
        x, y = x_item.copy, y_item.copy
        if x.outlet == y.outlet:
            continue
        key = pair(x.outlet, y.outlet)
        if x.article in syndicated or y.article in syndicated:
            # A text carried whole by several outlets: its sentences, added or not, are
            # the wire's, in this story and whenever the wire repeats its boilerplate.
            if x.story == y.story and _one_text(words_of[x.article], words_of[y.article]):
                same_copy[key].add(x.story)
            continue
        stories[key].update({x.story, y.story})
        if x_item.text not in examples[key] and len(examples[key]) < 3:
            examples[key].append(x_item.text)
    for key in sorted(stories):
        count = len(stories[key])
        quoted = "; ".join(f"\u201c{text[:160]}\u201d" for text in examples[key])
        detail = (f"copies in {count} stor{'y' if count == 1 else 'ies'} added the same "
                  f"sentences to the origin: {quoted}")
        tier: Tier = ("conclusive" if count >= CONCLUSIVE_STORIES else
                      "strong" if count == 2 else "supporting")
        yield Link(*key, "shared_additions", tier, detail,
                   facts={"stories": count, "examples": list(examples[key])})
    for key in sorted(set(same_copy) - set(stories)):
        count = len(same_copy[key])
        yield Link(*key, "same_copy", "supporting",
                   f"carried the same text of {count} stor{'y' if count == 1 else 'ies'} "
                   "(syndication, which independent outlets do too)",
                   facts={"stories": count})


def _syndicated(copies: Sequence[StoryCopy],
                words_of: dict[str, list[frozenset[str]]]) -> set[str]:
    """Articles whose text another article of their story (on another outlet, or the
    origin) carries nearly whole."""
    by_story: dict[str, list[StoryCopy]] = defaultdict(list)
    for copy in copies:
        by_story[copy.story].append(copy)
    found: set[str] = set()
    whole = {article: frozenset().union(*sentences) for article, sentences in words_of.items()}
    for members in by_story.values():
        for i, x in enumerate(members):
            for y in members[i + 1:]:
                # Texts that are one share most of their words: a cheap test first, so a
                # story of many copies is not compared sentence by sentence pair by pair.
                if (x.outlet != y.outlet
                        and _jaccard(whole[x.article], whole[y.article]) >= _ONE_TEXT_WORDS
                        and _one_text(words_of[x.article], words_of[y.article])):
                    found.update({x.article, y.article})
    return found


def _near_pairs(items: Sequence[_Added]) -> Iterator[tuple[_Added, _Added]]:
    """Pairs of items whose word sets are near-identical, found through their rarest words.

    Each sentence is indexed under its three rarest words; two near-identical sentences
    share most words, so they almost always share one of those (a pair that does not is
    missed), and common words never make an all-pairs comparison.
    """
    frequency: dict[str, int] = defaultdict(int)
    for item in items:
        for word in item.words:
            frequency[word] += 1
    index: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for word in sorted(item.words, key=lambda w: (frequency[w], w))[:3]:
            index[word].append(i)
    seen: set[tuple[int, int]] = set()
    for bucket in index.values():
        for n, i in enumerate(bucket):
            for j in bucket[n + 1:]:
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                if (items[i].anchors == items[j].anchors
                        and _jaccard(items[i].words, items[j].words) >= NEAR_IDENTICAL):
                    yield items[i], items[j]


def _one_text(a: list[frozenset[str]], b: list[frozenset[str]]) -> bool:
    """Whether most sentences of the shorter copy reappear near-identically in the other."""
    if not a or not b:
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    found = sum(1 for s in shorter if any(_jaccard(s, t) >= NEAR_IDENTICAL for t in longer))
    return found / len(shorter) >= SAME_COPY
