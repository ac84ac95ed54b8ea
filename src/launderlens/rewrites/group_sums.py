"""A group of articles as the sum of its members' vectors, for group-average merging: the
mean pair score between two groups is the dot product of their sums over the product of
their sizes (:class:`~.cluster.StoryIndex`)."""

from __future__ import annotations

import numpy as np

from .similarity.crosslingual import CrossMembers, sparse_dot, sparse_sum

__all__ = ["GroupSums"]


class GroupSums:
    """A merged group's summed vectors, kept sparse as sorted (indices, values) arrays."""

    __slots__ = ("across", "dense", "indices", "members", "values")

    def __init__(self, indices: np.ndarray, values: np.ndarray, dense: np.ndarray | None,
                 members: list[int], across: CrossMembers | None = None) -> None:
        self.indices, self.values, self.dense, self.members = indices, values, dense, members
        # The members the cross-language anchors read: what pairs in two languages add.
        self.across = across

    def dot(self, other: GroupSums) -> float:
        small, big = (self, other) if len(self.indices) <= len(other.indices) else (other, self)
        total = sparse_dot(small.indices, small.values, big.indices, big.values)
        if self.dense is not None and other.dense is not None:
            total += float(self.dense @ other.dense)
        if self.across is not None and other.across is not None:
            total += self.across.cross_dot(other.across)
        return total

    def merged(self, other: GroupSums) -> GroupSums:
        indices, values = sparse_sum(self.indices, self.values, other.indices, other.values)
        dense = None if self.dense is None or other.dense is None else self.dense + other.dense
        across = None if self.across is None or other.across is None else \
            self.across.merged(other.across)
        return GroupSums(indices, values, dense, self.members + other.members, across)
