"""Articles in, the local score's cross-language part out: each article's sure language
and, when the corpus holds two languages or more, its unit TF-IDF vector of script-neutral
anchors (names by phonetic key, figures, dates), and the pairs across languages that share
rare ones.

These are :class:`~launderlens.rewrites.similarity.crosslingual.CrossLingualAnchors`'
definitions, spelled for a batch at a time with the corpus statistics computed in the
JVM: the language is ``sure_language`` of the index text (the stored language when there
is one), the anchors are ``crosslingual_anchors`` of its head, IDF is
``log((1 + n) / (1 + df)) + 1`` in float32 over every article, and only a pair of two
identified, different languages gets the anchor cosine, in the story score only where what
the pair shares lets it count (``story_joins``: each column carries its
``story_evidence``). A corpus in one language computes no anchors at all, as locally.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..languages.detect import LanguageText
from ..languages.translit import crosslingual_anchors
from ..rewrites.similarity.crosslingual import (
    ANCHOR_CHARS,
    MAX_ANCHOR_POSTINGS,
    story_evidence,
    sure_language,
)
from ..rewrites.similarity.lexical import smoothed_idf
from .rows import order_key
from .vectors import LEXICAL, index_text, unit_weights

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["ACROSS_SCHEMA", "across_pairs", "across_vectors", "language_of_row",
           "shared_evidence"]

#: Candidates each article keeps among the articles in other languages (the local
#: index's ``neighbours``).
KEEP = 20
#: ``across_evidence``: the
#: :func:`~launderlens.rewrites.similarity.crosslingual.story_evidence` of each of
#: ``across_columns``.
ACROSS_SCHEMA = ("id string, across_columns array<int>, across_weights array<float>, "
                 "across_evidence array<tinyint>")


def language_of_row(title: Any, text: str, language: Any) -> str | None:
    """The sure language of an article's index text, as the local index reads it."""
    body = index_text(title if isinstance(title, str) else None, text)
    stored = language if isinstance(language, str) and language else None
    return sure_language(LanguageText(body, stored) if stored else body)


def _keys(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    import pandas as pd

    for batch in batches:
        rows = []
        for ident, title, text, ts in batch.itertuples(index=False):
            undated, stamp, _ = order_key(ts, ident)
            body = index_text(title if isinstance(title, str) else None, str(text))
            rows.append((ident, undated, stamp, crosslingual_anchors(body[:ANCHOR_CHARS])))
        yield pd.DataFrame(rows, columns=["id", "undated", "ts", "terms"])


def _unit(batches: Iterator[pd.DataFrame], documents: int) -> Iterator[pd.DataFrame]:
    import pandas as pd

    for batch in batches:
        columns_out, weights_out, evidence_out = [], [], []
        for entries in batch["stats"]:
            stats = sorted((int(e["column"]), int(e["df"]), int(e["evidence"]))
                           for e in entries) if entries is not None else []
            columns = np.array([c for c, _, _ in stats], dtype=np.int32)
            df = np.array([d for _, d, _ in stats], dtype=np.float64)
            columns_out.append(columns.tolist())
            weights_out.append(unit_weights(smoothed_idf(df, documents)).tolist())
            evidence_out.append([evidence for _, _, evidence in stats])
        yield pd.DataFrame({"id": batch["id"], "across_columns": columns_out,
                            "across_weights": weights_out, "across_evidence": evidence_out})


def _term_evidence(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The vocabulary's terms with the ``story_evidence`` of each, read once per term."""
    for batch in batches:
        yield batch.assign(evidence=np.fromiter(
            (story_evidence(term) for term in batch["term"]), dtype=np.int8,
            count=len(batch)))


def shared_evidence(columns: Sequence[Sequence[int]], evidence: Sequence[Sequence[int]],
                    other_columns: Sequence[Sequence[int]]) -> np.ndarray:
    """What the anchors each pair of anchor rows shares weigh, summed (for
    :func:`~launderlens.rewrites.similarity.crosslingual.story_joins`): the first row of
    each pair given by its ``columns`` and their ``evidence``, the second by its columns."""
    shared = np.zeros(len(columns), dtype=np.int64)
    for at, (mine, weights, theirs) in enumerate(zip(columns, evidence, other_columns,
                                                     strict=True)):
        other = {int(column) for column in theirs}
        shared[at] = sum(int(weight) for column, weight in zip(mine, weights, strict=True)
                         if int(column) in other)
    return shared


def across_vectors(articles: DataFrame, languages: DataFrame) -> DataFrame | None:
    """:data:`ACROSS_SCHEMA` rows for every article when ``languages`` (``id, lang``)
    holds two identified languages or more; None otherwise (no pair crosses, and the
    anchors are not read)."""
    from pyspark.sql import functions as F

    from .candidates import vocabulary

    if languages.where(F.col("lang").isNotNull()).select("lang").distinct().limit(2) \
            .count() < 2:
        return None
    keys = articles.select("id", "title", "text", "published_ts").mapInPandas(
        _keys, "id string, undated boolean, ts double, terms array<string>").persist()
    documents = keys.count()
    terms = vocabulary(keys)
    weighed = terms.mapInPandas(_term_evidence,
                                "term string, df bigint, column int, evidence tinyint")
    rows = keys.select("id", F.explode("terms").alias("term"))
    stats = rows.join(weighed, "term").groupBy("id").agg(
        F.collect_list(F.struct("column", "df", "evidence")).alias("stats"))
    every = keys.select("id").join(stats, "id", "left")
    out = every.mapInPandas(lambda b: _unit(b, documents), ACROSS_SCHEMA).persist()
    out.count()
    keys.unpersist()
    terms.unpersist()
    return out


def across_pairs(vectors: DataFrame) -> DataFrame:
    """``(a, b)``: for each article, up to :data:`KEEP` articles in another identified
    language sharing rare anchors, those it overlaps most (``CrossLingualAnchors.
    neighbours``); empty when the vectors carry no anchors."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    if not vectors.where(F.size("across_columns") > 0).limit(1).count():
        return vectors.sparkSession.createDataFrame([], "a string, b string")
    documents = vectors.count()
    cap = max(2.0, min(MAX_ANCHOR_POSTINGS, LEXICAL.max_df * documents))
    members = vectors.where(F.col("lang").isNotNull()).select(
        "id", "lang", F.explode(F.arrays_zip("across_columns", "across_weights")).alias("x")) \
        .select("id", "lang", F.col("x.across_columns").alias("key"),
                F.col("x.across_weights").alias("w"))
    # The cap counts every article holding the anchor, whatever its language.
    every = vectors.select(F.explode("across_columns").alias("key"))
    rare = every.groupBy("key").count().where(F.col("count") <= cap).select("key")
    kept = members.join(rare, "key")
    left = kept.select("key", F.col("id").alias("a"), F.col("lang").alias("la"),
                       F.col("w").alias("wa"))
    right = kept.select("key", F.col("id").alias("b"), F.col("lang").alias("lb"),
                        F.col("w").alias("wb"))
    overlap = left.join(right, "key").where("la != lb") \
        .groupBy("a", "b").agg(F.sum(F.col("wa") * F.col("wb")).alias("overlap"))
    best = Window.partitionBy("a").orderBy(F.desc("overlap"), "b")
    return overlap.withColumn("rank", F.row_number().over(best)) \
        .where(F.col("rank") <= KEEP).select("a", "b")
