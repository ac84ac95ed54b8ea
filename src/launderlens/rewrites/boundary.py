"""A region of stories merged again on its own, and the stories around it, in; whether
merging their whole component from single articles could have joined a group of the
region to a group outside it, out (then the region must be widened).

Why a region can be merged alone. A full merge of a component pops, again and again, the
pair of adjacent groups with the best key (highest group-average score, then the lower
labels). Take a set of whole stories of the last merge (the region, with the new
articles) and the stories outside it. The last merge never joined a group inside to one
outside (they ended in different stories), so if the new merge does not either, each side
pops its own pairs in its own order, exactly as merging that side alone would: outside
the region, the joins kept from the last merge (``StoryIndex.history_``); inside, the
joins of merging the region alone. Whether a pair across could ever be popped is then
decided by replaying both sequences together, ordered by their keys as the full merge
would order them, with every pair across the boundary ranked as the full merge ranks it
(its candidate pair's score while both sides are single articles, the group average
after): if some pair across outranks the next join of both sides before it goes stale,
the full merge would have joined them, and the region is widened by the stories around
it. Only stories with a candidate pair into the region can hold such a pair.
"""

from __future__ import annotations

import heapq
import itertools
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from .cluster import StoryIndex

__all__ = ["meets_boundary"]

#: A join or a pair as merging ranks them: (-score, lower label, higher label).
Key = tuple[float, int, int]


def meets_boundary(index: StoryIndex, region: np.ndarray,
                   joins: list[tuple[float, int, int]]) -> np.ndarray | None:
    """The rows of the stories around ``region`` (a mask of whole stories, just merged
    alone with ``joins``: (score, lower, higher) in order) when a pair across could have
    been merged first; None when merging the region alone gave what merging its whole
    component gives."""
    edges = index.edges_
    left_in, right_in = region[edges.left], region[edges.right]
    across = np.flatnonzero(left_in != right_in)
    if not len(across):
        return None
    outside = np.where(left_in[across], edges.right[across], edges.left[across])
    around = np.isin(index.labels_, np.unique(index.labels_[outside]))
    history = index.history_
    kept = around[history.left]
    plans = _plans(history.score[kept], history.left[kept], history.right[kept],
                   index.labels_[history.left[kept]])
    replay = _Replay(index)
    for a, b, score in zip(edges.left[across].tolist(), edges.right[across].tolist(),
                           edges.score[across].tolist(), strict=True):
        replay.link(a, b, score)
    inside = [(-score, low, high) for score, low, high in joins]
    if replay.crosses(inside, plans):
        return around
    return None


def _plans(score: np.ndarray, low: np.ndarray, high: np.ndarray, story: np.ndarray
           ) -> list[list[Key]]:
    """The kept joins of each story, in the order they were made."""
    order = np.argsort(story, kind="stable")
    keys = list(zip((-score[order]).tolist(), low[order].tolist(), high[order].tolist(),
                    strict=True))
    _, starts = np.unique(story[order], return_index=True)
    bounds = np.r_[starts, len(order)].tolist()
    return [keys[a:b] for a, b in itertools.pairwise(bounds)]


class _Replay:
    """Groups on both sides built join by join, and the ranked pairs across."""

    def __init__(self, index: StoryIndex) -> None:
        self.index = index
        self.groups: dict[int, Any] = {}
        self.version: dict[int, int] = {}
        self.across: dict[int, set[int]] = {}
        self.first: dict[tuple[int, int], float] = {}
        self.heap: list[tuple[float, int, int, int, int]] = []
        self.gone: set[int] = set()

    def group(self, label: int) -> Any:
        found = self.groups.get(label)
        if found is None:
            found = self.groups[label] = self.index._group(label, single=True)
        return found

    def link(self, a: int, b: int, score: float) -> None:
        """A candidate pair across, in the order the merge reads them (the first counts)."""
        low, high = min(a, b), max(a, b)
        if (low, high) in self.first:
            return
        self.first[low, high] = score
        self.across.setdefault(low, set()).add(high)
        self.across.setdefault(high, set()).add(low)
        self.push(low, high)

    def push(self, a: int, b: int) -> None:
        low, high = min(a, b), max(a, b)
        single = not self.version.get(low) and not self.version.get(high)
        if single:
            score = self.first[low, high]
        else:
            score = self.index._pair_average(self.group(low), self.group(high))
        index = self.index
        if score >= index.threshold and self.within_window(low, high):
            heapq.heappush(self.heap, (-score, low, high, self.version.get(low, 0),
                                       self.version.get(high, 0)))

    def within_window(self, a: int, b: int) -> bool:
        return self.index._fits_window(self.group(a), self.group(b))

    def join(self, low: int, high: int) -> bool:
        """Join two current groups; False if either is not one (a kept join that does
        not fit: the caller widens the region rather than trust it)."""
        if low in self.gone or high in self.gone:
            return False
        self.gone.add(high)
        self.groups[low] = self.group(low).merged(self.group(high))
        self.groups.pop(high, None)
        self.version[low] = self.version.get(low, 0) + 1
        self.version[high] = self.version.get(high, 0) + 1
        others = self.across.pop(low, set()) | self.across.pop(high, set())
        if others:
            self.across[low] = others
        for other in others:
            links = self.across[other]
            links.discard(high)
            links.add(low)
            self.push(low, other)
        return True

    def crosses(self, inside: list[Key], plans: list[list[Key]]) -> bool:
        """Replay ``inside`` and the stories' ``plans`` in key order; True as soon as a
        pair across would be merged before the next join of either side."""
        heads = [(plan[0], number) for number, plan in enumerate(plans) if plan]
        heapq.heapify(heads)
        position = [0] * len(plans)
        step = 0
        heap, version = self.heap, self.version
        while True:
            while heap and (version.get(heap[0][1], 0) != heap[0][3]
                            or version.get(heap[0][2], 0) != heap[0][4]):
                heapq.heappop(heap)
            following = inside[step] if step < len(inside) else None
            from_plan = bool(heads) and (following is None or heads[0][0] < following)
            if from_plan:
                following = heads[0][0]
            if heap and (following is None or heap[0][:3] < following):
                return True
            if following is None:
                return False
            if from_plan:
                _, number = heapq.heappop(heads)
                position[number] += 1
                if position[number] < len(plans[number]):
                    heapq.heappush(heads, (plans[number][position[number]], number))
            else:
                step += 1
            if not self.join(following[1], following[2]):
                return True
