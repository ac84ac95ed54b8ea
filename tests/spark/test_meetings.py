"""The top-term windows' meetings counted in their groups equal the overlaps summed over
every (article, term, neighbour) meeting, each article's best kept, on random postings
with small windows (no Spark: the groups are built here as the Spark job builds them)."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from typing import Any

import numpy as np
import pandas as pd
import pytest

from launderlens.spark.meetings import meet_in_windows, window_meetings, with_readers

Postings = dict[str, dict[int, tuple[int, float]]]  # id -> term -> (window, weight)


def _postings(articles: int, terms: int, span: int, seed: int) -> Postings:
    rng = random.Random(seed)
    held: dict[int, list[str]] = defaultdict(list)
    ids = [f"art{rng.randrange(10**6):06d}-{i}" for i in range(articles)]
    chosen = {name: rng.sample(range(terms), rng.randint(1, 6)) for name in ids}
    for name in ids:  # publication order is list order
        for term in chosen[name]:
            held[term].append(name)
    weights = [0.5, 0.25, 0.125, 0.375, 0.75]  # few, exact in float32: ties to break
    return {name: {term: (held[term].index(name) // span, rng.choice(weights))
                   for term in chosen[name]} for name in ids}


def _summed(postings: Postings, keep: int) -> set[tuple[str, str]]:
    """Each article's ``keep`` best by the overlap of every term it meets a neighbour on
    (its own window and the one before), ties to the smaller id."""
    overlap: dict[tuple[str, str], float] = defaultdict(float)
    for a, mine in postings.items():
        for b, theirs in postings.items():
            for term, (window, weight) in mine.items():
                if a != b and term in theirs and theirs[term][0] in (window, window - 1):
                    # float products summed in double, as Spark sums them
                    overlap[a, b] += float(np.float32(weight) * np.float32(theirs[term][1]))
    best: set[tuple[str, str]] = set()
    for a in postings:
        mine = sorted((-score, b) for (x, b), score in overlap.items() if x == a)
        best |= {(a, b) for _, b in mine[:keep]}
    return best


def _members(postings: Postings) -> pd.DataFrame:
    """The postings as the job sends them: a row per article and term (terms held once
    out), each with the article's whole lists, sorted by term and window."""
    counts: dict[int, int] = defaultdict(int)
    for mine in postings.values():
        for term in mine:
            counts[term] += 1
    rows = []
    for name, mine in postings.items():
        kept = {t: v for t, v in mine.items() if counts[t] > 1}
        lists = (np.array(list(kept), dtype=np.int32),
                 np.array([w for w, _ in kept.values()], dtype=np.int32),
                 np.array([x for _, x in kept.values()], dtype=np.float32))
        for term, (window, _) in kept.items():
            rows.append((term, window, name, *lists))
    frame = pd.DataFrame(rows, columns=["term", "key", "id", "terms", "windows", "weights"])
    return frame.sort_values(["term", "key"], kind="stable").reset_index(drop=True)


def _best(found: pd.DataFrame, keep: int) -> set[tuple[str, str]]:
    """Each article's ``keep`` best of what the groups let out, as the job keeps them."""
    best = found.sort_values(["a", "overlap", "b"], ascending=[True, False, True]) \
        .groupby("a").head(keep)
    return set(zip(best["a"], best["b"], strict=True))


@pytest.mark.parametrize("seed", range(6))
def test_group_meetings_keep_what_summed_meetings_keep(seed: int) -> None:
    span, keep = 3, 4
    postings = _postings(articles=60, terms=25, span=span, seed=seed)
    found = window_meetings(with_readers(_members(postings)), keep)
    assert not found.duplicated(["a", "b"]).any()  # a pair is counted in one group only
    assert _best(found, keep) == _summed(postings, keep)


@pytest.mark.parametrize("piece", [1, 7, 40])
def test_a_group_cut_between_batches_is_met_whole(piece: int) -> None:
    span = 3
    postings = _postings(articles=40, terms=10, span=span, seed=11)
    members = _members(postings)
    pieces = [members.iloc[i : i + piece] for i in range(0, len(members), piece)]
    # every pair let out: the pieces meet exactly what the whole does, each window's
    # group reading the window before it even where that ended an earlier batch
    whole = window_meetings(with_readers(members), 1000)
    parts = pd.concat(list(meet_in_windows(iter(pieces), 1000)), ignore_index=True)
    assert sorted(zip(parts["a"], parts["b"], parts["overlap"], strict=True)) == \
        sorted(zip(whole["a"], whole["b"], whole["overlap"], strict=True))
    # each piece's cut keeps enough for every article's best
    parts = pd.concat(list(meet_in_windows(iter(pieces), 2)), ignore_index=True)
    assert len(parts) < len(whole) and _best(parts, 2) == _summed(postings, 2)


def test_a_window_reads_only_the_window_just_before_it_of_its_own_term() -> None:
    lists = (np.array([4, 5], dtype=np.int32), np.array([0, 0], dtype=np.int32),
             np.array([0.5, 0.5], dtype=np.float32))
    rows = [(term, key, name, *lists) for term, key, name in
            ((4, 0, "w0"), (4, 2, "w2"), (5, 3, "v3"), (5, 4, "v4"))]
    members = with_readers(pd.DataFrame(rows, columns=["term", "key", "id", "terms",
                                                       "windows", "weights"]))
    readers = members[~members["query"]]
    # window 2 of term 4 has no window 1 to read; window 4 of term 5 reads window 3
    assert list(zip(readers["term"], readers["key"], readers["id"], strict=True)) == \
        [(5, 4, "v3")]
    assert members["query"].sum() == 4


def test_a_group_of_one_meets_no_one() -> None:
    lists = (np.array([4], dtype=np.int32), np.array([0], dtype=np.int32),
             np.array([0.5], dtype=np.float32))
    alone = pd.DataFrame([(4, 0, True, "only", *lists)],
                         columns=["term", "key", "query", "id", "terms", "windows", "weights"])
    assert window_meetings(alone, 5).empty


@pytest.mark.spark
def test_the_job_s_top_term_pairs_are_the_summed_meetings_best(spark: Any, corpus: Any) -> None:
    from launderlens.spark.candidates import OVERLAP_KEEP, top_term_pairs, vectorise_articles
    from launderlens.spark.rows import article_row

    span = 4  # windows on a small corpus
    rows = [article_row(article) for article in corpus(150, seed=3)]
    vectors = vectorise_articles(spark.createDataFrame(pd.DataFrame(rows))).localCheckpoint()
    read = sorted(vectors.select("undated", "ts", "id", "top_columns", "top_weights").collect(),
                  key=lambda r: (r["undated"], -math.inf if r["ts"] is None else r["ts"], r["id"]))
    held: dict[int, list[str]] = defaultdict(list)
    for row in read:
        for term in row["top_columns"]:
            held[term].append(row["id"])
    postings = {row["id"]: {term: (held[term].index(row["id"]) // span, weight)
                            for term, weight in zip(row["top_columns"], row["top_weights"],
                                                    strict=True)} for row in read}
    found = {(r["a"], r["b"]) for r in top_term_pairs(vectors, span).collect()}
    assert max(w for mine in postings.values() for w, _ in mine.values()) >= 2
    assert found == _summed(postings, OVERLAP_KEEP)


def test_overlaps_are_float_products_summed_in_double_as_the_old_job_summed_them() -> None:
    # The weights are floats and the old job summed float products in double: two
    # neighbours whose exact products differ by less than a float's precision tie, and the
    # smaller id wins; exact products would rank them otherwise.
    low = np.float32(0.7000001)
    high = np.nextafter(low, np.float32(1))
    assert np.float32(0.75) * low == np.float32(0.75) * high
    rows = [(4, 0, True, name, np.array([4], dtype=np.int32), np.array([0], dtype=np.int32),
             np.array([weight], dtype=np.float32))
            for name, weight in (("a", 0.75), ("b0", low), ("b1", high))]
    members = pd.DataFrame(rows, columns=["term", "key", "query", "id", "terms", "windows",
                                          "weights"])
    found = window_meetings(members, 1)
    assert found[found["a"] == "a"][["b", "overlap"]].values.tolist() == \
        [["b0", float(np.float32(0.75) * low)]]


def test_groups_of_one_alone_in_a_batch_meet_no_one() -> None:
    # With windows of one article, a partition may hold only groups of one member.
    rows = [(term, 0, True, name, np.array([term], dtype=np.int32),
             np.array([0], dtype=np.int32), np.array([0.5], dtype=np.float32))
            for term, name in ((4, "x"), (5, "y"))]
    alone = pd.DataFrame(rows, columns=["term", "key", "query", "id", "terms", "windows",
                                        "weights"])
    assert window_meetings(alone, 5).empty
