"""Two articles' sentences in, a sentence alignment out: which sentences of the copy
(``b``) restate which sentences of the source (``a``), how closely, and which sentences
the copy added or dropped.

Scores come from :mod:`launderlens.rewrites.coverage`: how much of each sentence the other side
explains, in each direction. The alignment is a monotone dynamic programme, because
rewrites mostly keep the story's order: every sentence placed in a group earns its
coverage minus a threshold, skipping a sentence earns nothing, and a group may grow on one
side into a merge (one sentence of b says what two adjacent ones of a said) or a split.
A sentence joins a group only when it is explained by the group and makes the group
explain the other side better than before, so a merge must beat the 1:1 pair it replaces.
Sentences of b the monotone path leaves out are then paired, out of order, with the one
or two sentences of a that explain them clearly: moved sentences, and summaries that
condense facts from far-apart places. What is left over is ``added``.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from .coverage import CoverageScorer, Encoder, words

__all__ = ["AlignedPair", "Encoder", "Relation", "SentenceAlignment", "align_sentences"]

Relation = Literal["copied", "paraphrased", "partial"]


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """Sentences ``a`` of the source and ``b`` of the copy that say the same thing.

    A side holds several adjacent indices when the copy merged or split sentences (two
    far-apart ones when a summary condensed them). ``score`` is the harmonic mean of the
    share of a's members explained by b and the share of b's explained by a: 1 for a
    verbatim copy, low when either side carries much the other does not.
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    relation: Relation
    score: float


@dataclass(frozen=True, slots=True)
class SentenceAlignment:
    """Pairs in the order of ``b``; sentences of b with no counterpart in a (``added``)
    and of a with none in b (``dropped``). ``method`` names the signals used, so that a
    finding built on the alignment can say how it was produced."""

    pairs: tuple[AlignedPair, ...]
    added: tuple[int, ...]
    dropped: tuple[int, ...]
    method: str

    @property
    def added_share(self) -> float:
        """Share of the copy's sentences that have no counterpart in the source."""
        total = len(self.added) + sum(len(p.b) for p in self.pairs)
        return len(self.added) / total if total else 0.0


# Tuned on the GossipCop part of LLMFake and on part of MRPC train only
# (evals/align_llmfake.py, evals/paraphrase_mrpc.py); CoAID and the rest of MRPC are held out.
THRESHOLD = {"lexical": 0.26, "semantic": 0.26}  # coverage a placed sentence must beat
FLOOR = 0.12          # the most a poorly covered member of a group costs
JOIN_PENALTY = 0.04   # a merge or split must explain this much more than the pair it grows
UNPLACED_MARGIN = 0.06  # out-of-order pairs need this much more coverage
SECOND_SOURCE_GAIN = 0.1  # what a second, far-apart sentence of a must add to explain b_j
PARAPHRASE = {"lexical": 0.5, "semantic": 0.58}  # pair score of a paraphrase
COPIED_RATIO = 0.9    # word-sequence similarity of a verbatim copy


@dataclass(slots=True)
class _Group:
    a: list[int] = field(default_factory=list)
    b: list[int] = field(default_factory=list)


def align_sentences(
    a: Sequence[str], b: Sequence[str], *, encoder: Encoder | None = None
) -> SentenceAlignment:
    """Sentences of a source ``a`` and a copy ``b`` in; the alignment of b onto a out.

    Without ``encoder`` only the lexical signals are used: faster, and blind to
    rewordings that share few words.
    """
    scorer = CoverageScorer(a, b, encoder)
    groups = _monotone_groups(scorer) if a and b else []
    if a:
        _place_leftovers(scorer, groups)
    groups.sort(key=lambda g: (g.b[0], g.a[0]))
    used_a = {i for g in groups for i in g.a}
    used_b = {j for g in groups for j in g.b}
    return SentenceAlignment(
        pairs=tuple(_pair(scorer, group, a, b) for group in groups),
        added=tuple(j for j in range(len(b)) if j not in used_b),
        dropped=tuple(i for i in range(len(a)) if i not in used_a),
        method="lexical" if encoder is None else
        f"lexical+{getattr(encoder, 'name', type(encoder).__name__)}",
    )


def _earned(coverage: np.ndarray, threshold: float) -> list[list[float]]:
    # A poorly covered member costs at most FLOOR, so that a short sentence of b that
    # restates part of a long one of a still pairs (as partial) instead of being added.
    return np.maximum(coverage - threshold, -FLOOR).tolist()  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class _Gains:
    """What placing each sentence earns: as a pair member (``a``, ``b``: [i][j]) and, for
    a join, the gain in explaining the group's single sentence (``merge``: b_j by a_i-1
    and a_i over a_i-1 alone; ``split``: a_i by b_j-1 and b_j over b_j-1 alone)."""

    a: list[list[float]]
    b: list[list[float]]
    merge: list[list[float]]
    split: list[list[float]]


def _gains(scorer: CoverageScorer) -> _Gains:
    tau = THRESHOLD[scorer.mode]
    by_two_a, by_two_b = scorer.adjacent_cover()
    n, m = scorer.cover_b.shape
    earned_b, earned_a = np.maximum(scorer.cover_b - tau, -FLOOR), \
        np.maximum(scorer.cover_a - tau, -FLOOR)
    merge = np.zeros((n, m), dtype=np.float32)
    split = np.zeros((n, m), dtype=np.float32)
    if n > 1:
        merge[1:] = np.maximum(by_two_a - tau, -FLOOR) - earned_b[:-1]
    if m > 1:
        split[:, 1:] = np.maximum(by_two_b - tau, -FLOOR) - earned_a[:, :-1]
    return _Gains(_earned(scorer.cover_a, tau), _earned(scorer.cover_b, tau),
                  np.maximum(merge, 0.0).tolist(), np.maximum(split, 0.0).tolist())


# States of the programme: after a skip, a 1:1 pair, b joining a group, a joining one.
_SKIP, _PAIR, _JOIN_B, _JOIN_A = range(4)


def _monotone_groups(scorer: CoverageScorer) -> list[_Group]:
    """The order-preserving grouping that earns most (see the module docstring)."""
    gains = _gains(scorer)
    n, m = scorer.cover_b.shape
    neg = -math.inf
    score = [[[neg] * (m + 1) for _ in range(n + 1)] for _ in range(4)]
    back = [[[0] * (m + 1) for _ in range(n + 1)] for _ in range(4)]
    # The best state of each cell: skips and new pairs may follow any state.
    top = [[(neg, _SKIP)] * (m + 1) for _ in range(n + 1)]
    score[_SKIP][0][0] = 0.0
    top[0][0] = (0.0, _SKIP)
    for i in range(n + 1):
        for j in range(m + 1):
            if i or j:
                _fill(i, j, gains, score, back, top)
                top[i][j] = max((score[s][i][j], s) for s in range(4))
    return _trace(score, back, n, m)


def _fill(i: int, j: int, gains: _Gains, score: list[list[list[float]]],
          back: list[list[list[int]]], top: list[list[tuple[float, int]]]) -> None:
    """Best score of each state at cell (i, j), where a[:i] and b[:j] are placed."""
    skip_a, skip_b = top[i - 1][j] if i else (-math.inf, 0), top[i][j - 1] if j else None
    score[_SKIP][i][j], back[_SKIP][i][j] = skip_a[0], skip_a[1] + 4  # +4: a was skipped
    if skip_b is not None and skip_b[0] > skip_a[0]:
        score[_SKIP][i][j], back[_SKIP][i][j] = skip_b
    if not (i and j):
        return
    ga, gb = gains.a[i - 1][j - 1], gains.b[i - 1][j - 1]
    value, prev = top[i - 1][j - 1]
    score[_PAIR][i][j], back[_PAIR][i][j] = value + ga + gb, prev
    # The join gain (how much better two adjacent sentences explain the group's single
    # one) counts for the first join only: summed along a chain it would count the same
    # explanation again at every step, and one sentence could swallow a whole passage.
    # Later members must be explained on their own.
    score[_JOIN_B][i][j], back[_JOIN_B][i][j] = max(
        (score[_PAIR][i][j - 1] + gains.split[i - 1][j - 1], _PAIR),
        (score[_JOIN_B][i][j - 1], _JOIN_B))
    score[_JOIN_B][i][j] += gb - JOIN_PENALTY
    score[_JOIN_A][i][j], back[_JOIN_A][i][j] = max(
        (score[_PAIR][i - 1][j] + gains.merge[i - 1][j - 1], _PAIR),
        (score[_JOIN_A][i - 1][j], _JOIN_A))
    score[_JOIN_A][i][j] += ga - JOIN_PENALTY


def _trace(score: list[list[list[float]]], back: list[list[list[int]]],
           n: int, m: int) -> list[_Group]:
    state = max(range(4), key=lambda s: score[s][n][m])
    i, j = n, m
    steps: list[tuple[int, int, int]] = []
    while i or j:
        prev = back[state][i][j]
        steps.append((state, i, j))
        if state == _SKIP:
            i, j = (i - 1, j) if prev >= 4 else (i, j - 1)
        else:
            i, j = i - (state != _JOIN_B), j - (state != _JOIN_A)
        state = prev % 4
    groups: list[_Group] = []
    for state, i, j in reversed(steps):
        if state == _PAIR:
            groups.append(_Group([i - 1], [j - 1]))
        elif state == _JOIN_B:
            groups[-1].b.append(j - 1)
        elif state == _JOIN_A:
            groups[-1].a.append(i - 1)
    return groups


def _place_leftovers(scorer: CoverageScorer, groups: list[_Group]) -> None:
    """Pair each sentence of b that the monotone path left out with the one or two
    sentences of a, anywhere, that clearly explain it."""
    used_b = {j for g in groups for j in g.b}
    needed = THRESHOLD[scorer.mode] + UNPLACED_MARGIN
    for j in range(scorer.cover_b.shape[1]):
        if j not in used_b:
            sources, coverage = scorer.best_sources(j, SECOND_SOURCE_GAIN)
            if coverage >= needed:
                groups.append(_Group(sources, [j]))


def _pair(scorer: CoverageScorer, group: _Group, a: Sequence[str], b: Sequence[str]
          ) -> AlignedPair:
    a_cov, b_cov = scorer.group_cover(group.a, group.b)
    mean_a, mean_b = sum(a_cov) / len(a_cov), sum(b_cov) / len(b_cov)
    score = 2 * mean_a * mean_b / (mean_a + mean_b) if mean_a + mean_b else 0.0
    relation: Relation = "partial"
    if _word_ratio(" ".join(a[i] for i in group.a), " ".join(b[j] for j in group.b)) \
            >= COPIED_RATIO:
        relation, score = "copied", max(score, COPIED_RATIO)
    elif score >= PARAPHRASE[scorer.mode]:
        relation = "paraphrased"
    return AlignedPair(tuple(group.a), tuple(group.b), relation, round(min(1.0, score), 4))


def _word_ratio(left: str, right: str) -> float:
    """Similarity of the two word sequences: 1.0 for the same words in the same order."""
    words_l, words_r = words(left), words(right)
    if not words_l or not words_r:
        return 1.0 if words_l == words_r else 0.0
    if not math.isclose(len(words_l), len(words_r), rel_tol=0.25):
        return 0.0
    return difflib.SequenceMatcher(None, words_l, words_r, autojunk=False).ratio()
