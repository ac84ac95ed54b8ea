"""A group of articles as the sum of its members' vectors, for group-average merging: the
mean pair score between two groups is the dot product of their sums, with what their pairs
across languages score beyond it, over the product of their sizes
(:class:`~.cluster.StoryIndex`)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .similarity.crosslingual import CrossMembers, sparse_dot, sparse_sum

__all__ = ["GroupSums"]


class GroupSums:
    """A merged group's summed vectors, kept sparse as sorted (indices, values) arrays."""

    __slots__ = ("across", "dense", "indices", "members", "values")

    def __init__(self, indices: np.ndarray, values: np.ndarray, dense: np.ndarray | None,
                 members: list[int], across: CrossMembers | None = None) -> None:
        self.indices, self.values, self.dense, self.members = indices, values, dense, members
        # The members the cross-language anchors read: what pairs in two languages score
        # beyond the dot product of the sums.
        self.across = across

    @classmethod
    def of(cls, groups: Sequence[GroupSums]) -> GroupSums:
        """The sums of ``groups`` in one step, equal to merging them one at a time in their
        order: each column's values are added in that order (``np.add.at`` adds them one
        after another), where the merges re-sorted the sum once per group."""
        columns, at = np.unique(np.concatenate([g.indices for g in groups]), return_inverse=True)
        values = np.concatenate([g.values for g in groups])
        summed = np.zeros(len(columns), dtype=values.dtype)
        np.add.at(summed, at, values)
        members = [row for g in groups for row in g.members]
        denses = [g.dense for g in groups if g.dense is not None]
        dense = None
        if len(denses) == len(groups):
            dense = denses[0]
            for part in denses[1:]:
                dense = dense + part
        crossing = [g.across for g in groups if g.across is not None]
        across = None if len(crossing) < len(groups) else CrossMembers(
            crossing[0].anchors, np.sort(np.asarray(members, dtype=np.int64)), crossing[0].excess,
            frozenset().union(*(part.languages for part in crossing)))
        return cls(columns, summed, dense, members, across)

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
