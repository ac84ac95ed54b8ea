"""One connected component of strong candidate pairs in, its stories out.

Group-average merging only ever joins groups that a strong pair (score at least the
threshold) links, so a component of the strong-pair graph can be merged on its own, in an
executor, with the same result as merging the whole corpus at once. This follows
:class:`~launderlens.rewrites.cluster.StoryIndex` step for step: edges are read in order of
their (earlier, later) index rows, the pair of groups with the highest mean pairwise score
merges first (ties to the lower rows), a merge keeps the label of its earlier row and
re-scores the merged group against every group it touches; the story record, its origin
and its mean scores then come from the same :func:`~launderlens.rewrites.origin.build_story`.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from ..model import Story
from ..rewrites.origin import Doc, build_story
from ..rewrites.similarity.crosslingual import story_joins
from .crosslingual import shared_evidence
from .vectors import WEIGHTS, pair_scores, sparse_rows

__all__ = ["Member", "merge_component", "single_story"]

#: How many anchor terms a story lists (``StoryIndex._shared_anchors``).
KEY_TERMS = 8


@dataclass(frozen=True, slots=True)
class Member:
    """An article of a component: what origin reading needs, its index-order key and its
    unit vectors."""

    doc: Doc
    key: tuple[bool, float, str]
    #: Unit TF-IDF weight of each word, by its column in the local vocabulary.
    words: Mapping[int, float]
    anchors: Mapping[str, float]
    #: Each anchor term's column in the local vocabulary (ties between key terms).
    columns: Mapping[str, int]
    #: The sure language, the unit cross-language anchor weights by column and their
    #: ``story_evidence`` by column (:mod:`.crosslingual`; none for a corpus in one
    #: language).
    language: str | None = None
    across: Mapping[int, float] = field(default_factory=dict)
    evidence: Mapping[int, int] = field(default_factory=dict)


def single_story(doc: Doc) -> Story:
    return build_story([doc], [0.0], [])


def merge_component(members: Sequence[Member], edges: Sequence[tuple[str, str, float]],
                    threshold: float) -> list[Story]:
    """The stories of one component; ``edges`` are its strong pairs ``(id, id, score)``."""
    ordered = sorted(members, key=lambda m: m.key)
    row_of = {m.doc.id: row for row, m in enumerate(ordered)}
    scores = _score_matrix(ordered)
    labels = list(range(len(ordered)))
    groups: dict[int, list[int]] = {row: [row] for row in labels}
    adjacent: dict[int, set[int]] = {}
    version: dict[int, int] = {}
    heap: list[tuple[float, int, int, int, int]] = []

    def average(a: int, b: int) -> float:
        return float(scores[np.ix_(groups[a], groups[b])].sum()) / (len(groups[a])
                                                                      * len(groups[b]))

    def push(a: int, b: int, score: float | None = None) -> None:
        score = average(a, b) if score is None else score
        if score >= threshold:
            # One orientation per pair, as StoryIndex pushes: equal scores rank the same
            # whichever side pushed the pair.
            low, high = min(a, b), max(a, b)
            heapq.heappush(heap, (-score, low, high, version.get(low, 0),
                                  version.get(high, 0)))

    pairs = sorted((min(row_of[x], row_of[y]), max(row_of[x], row_of[y]), s)
                   for x, y, s in edges if x in row_of and y in row_of and x != y)
    for a, b, score in pairs:
        if score >= threshold and b not in adjacent.setdefault(a, set()):
            adjacent[a].add(b)
            adjacent.setdefault(b, set()).add(a)
            push(a, b, score)
    while heap:
        _, a, b, version_a, version_b = heapq.heappop(heap)
        if version.get(a, 0) != version_a or version.get(b, 0) != version_b:
            continue
        keep, gone = min(a, b), max(a, b)
        groups[keep] = groups[keep] + groups.pop(gone)
        for row in groups[keep]:
            labels[row] = keep
        version[keep] = version.get(keep, 0) + 1
        version[gone] = version.get(gone, 0) + 1
        around = (adjacent.pop(keep) | adjacent.pop(gone)) - {keep, gone}
        adjacent[keep] = around
        for other in around:
            adjacent[other].discard(gone)
            adjacent[other].add(keep)
            push(keep, other)
    return [_story(ordered, rows, scores) for rows in groups.values()]


def _score_matrix(members: Sequence[Member]) -> np.ndarray:
    """Every pairwise score of the members, as the edges were scored: one dot product of
    the weighted words and anchors, as ``StoryIndex`` sums them, and for a pair of two
    identified, different languages its executor score (:func:`_crossing_scores`)."""
    scale_words, scale_anchors = np.sqrt(WEIGHTS["lexical"]), np.sqrt(WEIGHTS["anchors"])
    anchor_keys: dict[str, int] = {}
    keys, values, lengths = [], [], []
    for member in members:
        # words even, anchors odd: one key space for the two kinds of term
        keys.append(2 * np.fromiter(member.words, np.int64, len(member.words)))
        keys.append(1 + 2 * np.fromiter(
            (anchor_keys.setdefault(term, len(anchor_keys)) for term in member.anchors),
            np.int64, len(member.anchors)))
        values.append(scale_words * np.fromiter(member.words.values(), np.float32,
                                                len(member.words)).astype(np.float64))
        values.append(scale_anchors * np.fromiter(member.anchors.values(), np.float32,
                                                  len(member.anchors)).astype(np.float64))
        lengths.append(len(member.words) + len(member.anchors))
    key = np.concatenate(keys)
    # Columns numbered in order of first appearance: scipy sums each product in column
    # order, so this keeps the order, and the last bits, of the sums StoryIndex compares.
    unique, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    rank = np.empty(len(unique), np.int64)
    rank[np.argsort(first)] = np.arange(len(unique))
    rows = np.repeat(np.arange(len(members)), lengths)
    matrix = sp.csr_matrix((np.concatenate(values), (rows, rank[inverse])),
                           shape=(len(members), len(unique)), dtype=np.float64)
    scores = np.asarray((matrix @ matrix.T).toarray())
    languages = np.array([m.language or "" for m in members], dtype=object)
    known = languages != ""
    crossing = known[:, None] & known[None, :] & (languages[:, None] != languages[None, :])
    left, right = np.nonzero(np.triu(crossing))
    if len(left):
        scores[left, right] = scores[right, left] = _crossing_scores(members, left, right)
    return scores


def _crossing_scores(members: Sequence[Member], left: np.ndarray, right: np.ndarray
                     ) -> np.ndarray:
    """The executor's :func:`~.vectors.pair_scores` of member pairs in two identified,
    different languages: their words and anchors as written count only where the story
    rule lets their cross-language anchors count (``StoryIndex``'s group sums score these
    pairs so too), which no dot product of the members' vectors gives."""
    sides = [members[row] for row in (*left.tolist(), *right.tolist())]
    words = sparse_rows([list(m.words) for m in sides], [list(m.words.values()) for m in sides])
    anchors = sparse_rows([[m.columns[term] for term in m.anchors] for m in sides],
                          [list(m.anchors.values()) for m in sides])
    across = sparse_rows([list(m.across) for m in sides], [list(m.across.values()) for m in sides])
    firsts, seconds = sides[: len(left)], sides[len(left):]
    joins = story_joins(shared_evidence([list(m.across) for m in firsts],
                                        [[m.evidence[c] for c in m.across] for m in firsts],
                                        [list(m.across) for m in seconds]))
    at = np.arange(len(left))
    crosses = np.ones(len(left), dtype=bool)
    return pair_scores(words, anchors, at, at + len(left), across, crosses, joins)[1]


def _story(members: Sequence[Member], rows: list[int], scores: np.ndarray) -> Story:
    rows = sorted(rows)
    docs = [members[r].doc for r in rows]
    if len(rows) == 1:
        return single_story(docs[0])
    block = scores[np.ix_(rows, rows)]
    mean_to_others = (block.sum(axis=1) - np.diag(block)) / (len(rows) - 1)
    return build_story(docs, mean_to_others.tolist(), _shared_anchors(members, rows))


def _shared_anchors(members: Sequence[Member], rows: list[int]) -> list[str]:
    """Anchor terms at least half the members hold (two at least), most common first."""
    counts: dict[str, int] = {}
    weight: dict[str, np.float32] = {}
    column: dict[str, int] = {}
    for row in sorted(rows):
        for term, value in members[row].anchors.items():
            counts[term] = counts.get(term, 0) + 1
            weight[term] = weight.get(term, np.float32(0)) + np.float32(value)
            column[term] = members[row].columns.get(term, 0)
    needed = max(2, (len(rows) + 1) // 2)
    common = [t for t, c in counts.items() if c >= needed]
    common.sort(key=lambda t: (-counts[t], -weight[t], column[t]))
    return common[:KEY_TERMS]
