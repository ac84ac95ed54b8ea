"""The top-term blocking's meetings, counted in the window where they happen.

A top-term posting list is read in windows of ``span`` articles (publication order); an
article meets every article of its term's window and of the window before, and the
candidates it keeps are the 40 it overlaps most: the summed weight products of the top
terms the two share within a window (:class:`~..rewrites.similarity.postings.TopTermPostings`
on one machine).

Summing those products across terms after a shuffle costs a row for every (article,
term, neighbour) meeting: up to 12 x 2 x 256 an article once the windows fill, so the
rows an article costs grow with the corpus. Here each window's group instead receives its
members' whole top-term lists, so a pair's overlap over all its terms is computed where
the pair meets, once: in the group of the smallest term they share within a window (the
pair's other groups skip it). Each querying article lets at most its ``keep`` best of a
batch of groups leave: what an article costs is bounded by its 12 terms, whatever the
corpus size.

Pure numpy and pandas: the Spark plumbing is in :mod:`.candidates`.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
import scipy.sparse as sp

# A (term, window) column is named as on one machine.
from ..rewrites.similarity.postings import WINDOW_BITS

__all__ = ["MEETING_SCHEMA", "meet_in_windows", "window_meetings"]

#: What meeting gives back.
MEETING_SCHEMA = "a string, b string, overlap double"
# Pairs whose products are computed at once (bounds the temporaries to some 100 MB).
_PAIRS_AT_ONCE = 200_000


def meet_in_windows(batches: Iterator[pd.DataFrame], keep: int) -> Iterator[pd.DataFrame]:
    """:func:`window_meetings` over a partition's batches sorted by ``(term, key)``; a
    group cut by a batch's end is carried into the next batch whole."""
    carry: pd.DataFrame | None = None
    for batch in batches:
        if carry is not None and len(carry):
            batch = pd.concat([carry, batch], ignore_index=True)
        if not len(batch):
            continue
        terms, keys = batch["term"].to_numpy(), batch["key"].to_numpy()
        last = (terms == terms[-1]) & (keys == keys[-1])
        cut = int(np.argmax(last))  # the last group is a run at the end
        carry = batch.iloc[cut:]
        if cut:
            yield window_meetings(batch.iloc[:cut], keep)
    if carry is not None and len(carry):
        yield window_meetings(carry, keep)


def window_meetings(members: pd.DataFrame, keep: int) -> pd.DataFrame:
    """``(a, b, overlap)``: for each article ``a`` querying some of these groups, the
    ``keep`` others it overlaps most in them (greater overlap first, then smaller ``b``),
    among the pairs whose smallest shared top term within a window is their group's.

    ``members`` holds whole groups sorted by ``(term, key)``: a group is the articles
    whose ``term`` posting is in window ``key`` (``query`` true: they read the group) and
    those in window ``key - 1`` (``query`` false: read only); every member carries its
    top-term list (``terms``, ``windows``, ``weights``, the term's window for each)."""
    n = len(members)
    ids = members["id"].to_numpy(dtype=object)
    lengths = np.fromiter((len(x) for x in members["terms"]), dtype=np.int64, count=n)
    if n < 2 or not lengths.sum():
        return _empty()
    owner = np.repeat(np.arange(n), lengths)
    term = np.concatenate(members["terms"].to_numpy()).astype(np.int64)
    window = np.concatenate(members["windows"].to_numpy()).astype(np.int64)
    # The weights are floats: each product is rounded to a float and the products are
    # summed in double, as Spark sums wa * wb over float columns, so ties break alike.
    weight = np.concatenate(members["weights"].to_numpy()).astype(np.float32)
    # A member is read at its own window of each term; a querying member reads its own
    # window and the one before: a term adds to a pair's overlap at most once.
    own = term << WINDOW_BITS | window
    earlier = window > 0
    read = np.r_[own, own[earlier] - 1]
    columns, at = np.unique(np.r_[own, read], return_inverse=True)  # in term order
    held = sp.csr_matrix((weight, (owner, at[: len(own)])), shape=(n, len(columns)))
    reading = sp.csr_matrix((np.r_[weight, weight[earlier]],
                             (np.r_[owner, owner[earlier]], at[len(own):])),
                            shape=(n, len(columns)))
    column_term = columns >> WINDOW_BITS

    group_term = members["term"].to_numpy().astype(np.int64)
    group_key = members["key"].to_numpy().astype(np.int64)
    starts = np.flatnonzero(np.r_[True, (np.diff(group_term) != 0) | (np.diff(group_key) != 0)])
    sizes = np.diff(np.r_[starts, n])
    group = np.repeat(np.arange(len(starts)), sizes)
    queries = np.flatnonzero(members["query"].to_numpy(dtype=bool))
    # Each querying member against every member of its group.
    span = sizes[group[queries]]
    left = np.repeat(queries, span)
    right = np.repeat(starts[group[queries]], span) + \
        (np.arange(span.sum()) - np.repeat(np.cumsum(span) - span, span))
    other = left != right
    left, right = left[other], right[other]
    if not len(left):  # groups of one only
        return _empty()

    found_left, found_right, found_overlap = [], [], []
    for start in range(0, len(left), _PAIRS_AT_ONCE):
        a, b = left[start : start + _PAIRS_AT_ONCE], right[start : start + _PAIRS_AT_ONCE]
        shared = reading[a].multiply(held[b]).tocsr()
        count = np.diff(shared.indptr)
        met = count > 0
        smallest = np.full(len(a), -1, dtype=np.int64)
        if met.any():
            smallest[met] = column_term[np.minimum.reduceat(shared.indices,
                                                            shared.indptr[:-1][met])]
        mine = met & (smallest == group_term[a])
        found_left.append(a[mine])
        found_right.append(b[mine])
        found_overlap.append(np.asarray(shared.astype(np.float64).sum(axis=1)).ravel()[mine])
    a, b = np.concatenate(found_left), np.concatenate(found_right)
    overlap = np.concatenate(found_overlap)
    if not len(a):
        return _empty()
    # Best first within each querying article (by id: one article queries several groups).
    rank = np.unique(ids, return_inverse=True)[1]
    order = np.lexsort((rank[b], -overlap, rank[a]))
    a, b, overlap = a[order], b[order], overlap[order]
    first = np.flatnonzero(np.r_[True, rank[a][1:] != rank[a][:-1]])
    place = np.arange(len(a)) - np.repeat(first, np.diff(np.r_[first, len(a)]))
    kept = place < keep
    return pd.DataFrame({"a": ids[a[kept]], "b": ids[b[kept]], "overlap": overlap[kept]})


def _empty() -> pd.DataFrame:
    return pd.DataFrame({"a": pd.Series(dtype=object), "b": pd.Series(dtype=object),
                         "overlap": pd.Series(dtype=np.float64)})
