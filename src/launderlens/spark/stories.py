"""Scored pairs and article vectors in, stories out.

The strong pairs (score at least the threshold) are split into connected components by
label propagation (each article takes the smallest id among its neighbours' labels until
none changes); each component is then merged in an executor by :mod:`.merge`, the local
path's group-average merging, and every article outside a strong pair is a story of its own.
"""

from __future__ import annotations

import json
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

#: Label propagation stops here even if labels still move (a chain this long is no story).
MAX_ROUNDS = 40


def components(strong: DataFrame) -> DataFrame:
    """``(id, component)`` for every article in a strong pair; a component is named by
    its smallest article id."""
    from pyspark.sql import functions as F

    edges = strong.select("a", "b").unionByName(
        strong.select(F.col("b").alias("a"), F.col("a").alias("b"))).persist()
    labels = edges.groupBy("a").agg(F.least(F.min("b"), F.first("a")).alias("label")) \
        .withColumnRenamed("a", "id").localCheckpoint()
    for _ in range(MAX_ROUNDS):
        spread = edges.join(labels.withColumnRenamed("id", "a"), "a") \
            .groupBy("b").agg(F.min("label").alias("seen")).withColumnRenamed("b", "id")
        # Whether a label moved is read off the new labels themselves: no join with the
        # old ones.
        fresh = labels.join(spread, "id").select(
            "id", F.least("label", "seen").alias("label"),
            (F.col("seen") < F.col("label")).alias("moved")).localCheckpoint()
        labels = fresh.select("id", "label")
        if not fresh.where("moved").limit(1).count():
            break
    edges.unpersist()
    return labels.withColumnRenamed("label", "component")


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

    # Left, not inner: a label no pair starts from (propagation stopped at MAX_ROUNDS)
    # still has members, each then a story of its own.
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
