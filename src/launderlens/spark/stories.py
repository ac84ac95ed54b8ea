"""Scored pairs and article vectors in, stories out.

The strong pairs (score at least the threshold) are split into connected components
(alternating large-star and small-star steps, in rounds that grow with the logarithm of a
component's size); each component is then merged in an executor by :mod:`.merge`, the local
path's group-average merging, and every article outside a strong pair is a story of its own.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from ..rewrites.origin import Doc
from .merge import Member, merge_component, single_story
from .rows import STORY_COLUMNS, ddl, order_key, story_row

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["components", "stories"]

log = logging.getLogger(__name__)

#: A safety net, not a limit in use: a chain of 100,000 articles takes at most 17 rounds
#: in the id orders tried, so reaching this means a fault, and :func:`components` raises
#: rather than split a component silently.
MAX_ROUNDS = 100


def components(strong: DataFrame) -> DataFrame:
    """``(id, component)`` for every article in a strong pair; a component is named by
    its smallest article id.

    Large-star and small-star steps alternate (Kiveris et al., "Connected Components in
    MapReduce and Beyond", SoCC 2014) until each component is a star: its smallest article
    linked to every other one. A step links an article's neighbours straight to the
    smallest id around it, so a chain's distances shrink by a factor each round: the
    rounds grow with the logarithm of its length (proven at most its square), where
    spreading the smallest label one pair a round takes as many rounds as the chain is
    long. Raises RuntimeError past :data:`MAX_ROUNDS`.
    """
    from pyspark.sql import functions as F

    # Each link once, its larger id first; both steps give links in that form.
    near = _neighbours(strong.select(F.greatest("a", "b").alias("hi"),
                                     F.least("a", "b").alias("lo")))
    rounds = 0
    while near.where(~F.col("settled")).limit(1).count():
        if rounds == MAX_ROUNDS:
            raise RuntimeError(f"connected components still moving after {MAX_ROUNDS} "
                               "rounds: stories would be split, so the job stops")
        # Large star: an article's larger neighbours link to the least id around it.
        star = near.select(F.explode(F.filter("near", lambda other: other > F.col("id")))
                           .alias("hi"), F.col("least").alias("lo"))
        # Small star: an article and its smaller neighbours link to the least of those.
        below = star.groupBy("hi").agg(F.collect_set("lo").alias("below"))
        near = _neighbours(below.select(
            F.explode(F.array_union(F.array("hi"), "below")).alias("hi"),
            F.array_min("below").alias("lo")).where(F.col("hi") != F.col("lo")))
        rounds += 1
    log.info("connected components: %d rounds", rounds)
    return near.select("id", F.col("least").alias("component"))


def _neighbours(links: DataFrame) -> DataFrame:
    """Each linked article's neighbours, the least id among them and itself, and whether it
    is settled: the least of its component (only larger neighbours) or a leaf of that one
    (a single, smaller neighbour)."""
    from pyspark.sql import functions as F

    near = links.select(F.col("hi").alias("id"), F.col("lo").alias("other")).unionByName(
        links.select(F.col("lo").alias("id"), F.col("hi").alias("other"))) \
        .groupBy("id").agg(F.collect_set("other").alias("near"))
    smallest = F.array_min("near")
    return near.select(
        "id", "near", F.least("id", smallest).alias("least"),
        ((smallest > F.col("id")) | ((F.size("near") == 1) & (smallest < F.col("id"))))
        .alias("settled")).localCheckpoint()


def _doc(row: Mapping[str, Any]) -> Doc:
    def text(name: str) -> str | None:
        value = row.get(name)
        return value if isinstance(value, str) else None  # pandas: None or NaN

    published = text("published")
    return Doc(str(row["id"]), text("title"), str(row["text"]),
               datetime.fromisoformat(published) if published else None,
               text("outlet"), text("domain"))


def _member(row: Mapping[str, Any]) -> Member:
    """The :class:`~.merge.Member` of a member row: its article's fields and vectors."""

    def values(name: str) -> list[Any]:
        return list(np.asarray(row[name]).tolist())  # Arrow hands an array or a list

    across = values("across_columns")
    return Member(_doc(row), order_key(row["published_ts"], row["id"]),
                  dict(zip(values("word_columns"), row["word_weights"], strict=True)),
                  dict(zip(row["anchor_terms"], row["anchor_weights"], strict=True)),
                  dict(zip(row["anchor_terms"], row["anchor_columns"], strict=True)),
                  row["lang"] if isinstance(row["lang"], str) else None,
                  dict(zip(across, row["across_weights"], strict=True)),
                  dict(zip(across, (int(e) for e in row["across_evidence"]), strict=True)))


def _records(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """The rows of ``frame`` as dicts, read a column at a time (``to_dict("records")``
    reads every cell through pandas' indexing, several times slower)."""
    names = list(frame.columns)
    for values in zip(*(frame[name].tolist() for name in names), strict=True):
        yield dict(zip(names, values, strict=True))


def _story_frame(stories: list[dict[str, object]]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(stories, columns=[name for name, _ in STORY_COLUMNS])


def stories(articles: DataFrame, vectors: DataFrame, scored: DataFrame,
            threshold: float) -> DataFrame:
    """One row per story (see :data:`~launderlens.spark.rows.STORY_COLUMNS`), singletons
    included."""
    from pyspark.sql import functions as F

    strong = scored.where(F.col("score") >= threshold)
    parts = components(strong)
    fields = articles.select("id", "title", "text", "published", "published_ts", "outlet",
                             "domain")
    members = parts.join(fields, "id").join(
        vectors.select("id", "word_columns", "word_weights", "anchor_terms", "anchor_weights",
                       "anchor_columns", "lang", "across_columns", "across_weights",
                       "across_evidence"),
        "id")
    # A component's members and strong pairs travel packed in one row, so that a Python
    # worker merges a batch of components at a time: grouped one component to a pandas
    # call, the calls and their Arrow batches cost more than the merging.
    nodes = members.groupBy("component").agg(
        F.collect_list(F.struct(*[c for c in members.columns if c != "component"]))
        .alias("nodes"))
    links = strong.join(parts.withColumnRenamed("id", "a"), "a").groupBy("component").agg(
        F.collect_list(F.struct("a", "b", "score")).alias("links"))

    def merge(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            yield _story_frame([
                story_row(story)
                for group, pairs in zip(batch["nodes"], batch["links"], strict=True)
                for story in merge_component(
                    [_member(row) for row in group],
                    [(pair["a"], pair["b"], float(pair["score"]))
                     for pair in (pairs if pairs is not None else ())],
                    threshold)])

    # Left, not inner: should a component's name be no pair's first article (labels cut
    # short, which components() raises on rather than returns), its members still come
    # out, each a story of its own, instead of being lost.
    merged = nodes.join(links, "component", "left").mapInPandas(merge, ddl(STORY_COLUMNS))

    def alone(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            yield _story_frame([story_row(single_story(_doc(row)))
                                for row in _records(batch)])

    # A story of one article reads only its id and date: its text is not shuffled.
    singles = fields.select("id", "published", F.lit("").alias("text")) \
        .join(parts, "id", "left_anti").mapInPandas(alone, ddl(STORY_COLUMNS))
    return merged.unionByName(singles)


def story_params(threshold: float) -> dict[str, Any]:
    """What produced the stories, as the store records it beside them."""
    from .candidates import ANCHOR_POSTINGS, BUCKET_CAP, NEIGHBOURS
    from .vectors import LEXICAL, WEIGHTS

    params: dict[str, Any] = json.loads(json.dumps({
        "engine": "spark", "threshold": threshold, "weights": dict(WEIGHTS),
        "neighbours": NEIGHBOURS, "window_seconds": None,
        "candidates": {"top_terms": LEXICAL.top_terms, "postings_span": LEXICAL.postings_span,
                       "minhash_bands": "16x8", "minhash_bucket_cap": BUCKET_CAP,
                       "anchor_postings": ANCHOR_POSTINGS},
        "backends": [LEXICAL.params()],
    }))
    return params
