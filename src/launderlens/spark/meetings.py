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

A posting travels once: the job sorts a term's postings by window in one partition, and
the group of window ``key`` reads the postings of window ``key - 1`` from the group met
just before it (:func:`meet_in_windows`), instead of receiving a second, read-only copy
of each of them.

Pure numpy and pandas: the Spark plumbing is in :mod:`.candidates`.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
import scipy.sparse as sp

# A (term, window) column is named as on one machine.
from ..rewrites.similarity.postings import WINDOW_BITS

__all__ = ["MEETING_SCHEMA", "meet_in_windows", "window_meetings", "with_readers"]

#: What meeting gives back: the job's members are numbered (see
#: :func:`~.candidates.top_term_pairs`); the functions here take any ids that sort.
MEETING_SCHEMA = "a bigint, b bigint, overlap double"
# Pairs whose products are computed at once (bounds the temporaries to some 100 MB).
_PAIRS_AT_ONCE = 200_000


def meet_in_windows(batches: Iterator[pd.DataFrame], keep: int) -> Iterator[pd.DataFrame]:
    """:func:`window_meetings` over a partition's postings sorted by ``(term, key)``, one
    row per article and window of a term (``key``: the window) with the article's lists.

    Each group of window ``key`` queries its own postings and reads those of window
    ``key - 1`` (the group met just before it, kept from the batch before where it ended
    one). A group cut by a batch's end is carried into the next batch whole."""
    carry: pd.DataFrame | None = None
    before: pd.DataFrame | None = None  # the last group met: the next window reads it
    for batch in batches:
        if carry is not None and len(carry):
            batch = pd.concat([carry, batch], ignore_index=True)
        if not len(batch):
            continue
        cut = _last_group(batch)
        carry = batch.iloc[cut:]
        if cut:
            met = batch.iloc[:cut]
            yield window_meetings(with_readers(met, before), keep)
            before = met.iloc[_last_group(met):]
    if carry is not None and len(carry):
        yield window_meetings(with_readers(carry, before), keep)


def with_readers(postings: pd.DataFrame, before: pd.DataFrame | None = None) -> pd.DataFrame:
    """The groups of ``postings`` (whole groups sorted by ``(term, key)``) as
    :func:`window_meetings` reads them: each posting queries its own window's group
    (``query`` true) and is read by the next window's group of its term, where that group
    is among ``postings`` (``query`` false); ``before`` is the group before the first, if
    any."""
    source = postings if before is None else pd.concat([before, postings], ignore_index=True)
    groups = _codes(postings["term"], postings["key"])
    read = np.isin(_codes(source["term"], source["key"] + 1), groups)
    readers = source[read].assign(key=source["key"][read] + 1, query=False)
    members = pd.concat([postings.assign(query=True), readers], ignore_index=True)
    return members.sort_values(["term", "key"], kind="stable", ignore_index=True)


def _codes(term: pd.Series, key: pd.Series) -> np.ndarray:
    codes: np.ndarray = term.to_numpy().astype(np.int64) << 32 | key.to_numpy().astype(np.int64)
    return codes


def _last_group(batch: pd.DataFrame) -> int:
    """Where the batch's last ``(term, key)`` group starts (the last group is a run at the
    end)."""
    terms, keys = batch["term"].to_numpy(), batch["key"].to_numpy()
    return int(np.argmax((terms == terms[-1]) & (keys == keys[-1])))


def window_meetings(members: pd.DataFrame, keep: int) -> pd.DataFrame:
    """``(a, b, overlap)``: for each article ``a`` querying some of these groups, the
    ``keep`` others it overlaps most in them (greater overlap first, then smaller ``b``),
    among the pairs whose smallest shared top term within a window is their group's.

    ``members`` holds whole groups sorted by ``(term, key)``: a group is the articles
    whose ``term`` posting is in window ``key`` (``query`` true: they read the group) and
    those in window ``key - 1`` (``query`` false: read only); every member carries its
    top-term list (``terms``, ``windows``, ``weights``, the term's window for each)."""
    n = len(members)
    ids = members["id"].to_numpy()
    lengths = np.fromiter((len(x) for x in members["terms"]), dtype=np.int64, count=n)
    if n < 2 or not lengths.sum():
        return _empty(ids)
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
        return _empty(ids)

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
        return _empty(ids)
    # Best first within each querying article (by id: one article queries several groups).
    rank = np.unique(ids, return_inverse=True)[1]
    order = np.lexsort((rank[b], -overlap, rank[a]))
    a, b, overlap = a[order], b[order], overlap[order]
    first = np.flatnonzero(np.r_[True, rank[a][1:] != rank[a][:-1]])
    place = np.arange(len(a)) - np.repeat(first, np.diff(np.r_[first, len(a)]))
    kept = place < keep
    return pd.DataFrame({"a": ids[a[kept]], "b": ids[b[kept]], "overlap": overlap[kept]})


def _empty(ids: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"a": pd.Series(dtype=ids.dtype), "b": pd.Series(dtype=ids.dtype),
                         "overlap": pd.Series(dtype=np.float64)})
