"""Articles in, scored same-story pairs out, without comparing all pairs.

1. ``vectorise``: document frequencies are counted across the corpus, then each article's
   unit TF-IDF vectors over words and anchors and its index terms are computed in an
   executor (:mod:`.vectors`: the local path's definitions).
2. ``candidate_pairs``: three blockings, unioned —
   - top terms: articles sharing one of their heaviest rare terms, within the same
     postings window (a term's articles in publication order, 256 at a time, each meeting
     its own window and the one before): the local lexical index's blocking exactly; each
     article keeps the 40 others it overlaps most;
   - MinHash LSH: 16 bands of 8 MinHash rows over word 3-shingles (verbatim copies);
   - anchors: articles sharing two rare names or figures.
3. ``score_pairs``: each candidate gets the local path's score; each article keeps its 20
   best (as ``StoryIndex(neighbours=20)``), and a pair stays when either side keeps it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from .rows import order_key
from .vectors import LEXICAL, band_keys, pair_score, term_counts, vectorise

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["candidate_pairs", "score_pairs", "vectorise_articles"]

NEIGHBOURS = 20
#: Candidates each article keeps from the top-term blocking before exact scoring (twice
#: the neighbours, as the local index does).
OVERLAP_KEEP = 2 * NEIGHBOURS
#: An anchor shared by more articles than this blocks nothing (a year, a capital).
ANCHOR_POSTINGS = 64
#: A MinHash bucket larger than this is a template, not a copy family.
BUCKET_CAP = 256

VECTOR_SCHEMA = (
    "id string, undated boolean, ts double, "
    "word_terms array<string>, word_weights array<float>, "
    "anchor_terms array<string>, anchor_weights array<float>, anchor_columns array<int>, "
    "top_terms array<string>, top_weights array<float>, bands array<bigint>"
)


def _terms(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Each article's distinct terms, with where the term first occurs in it."""
    import pandas as pd

    for batch in batches:
        rows: list[tuple[str, bool, float, str, int]] = []
        for ident, title, text, ts in zip(batch["id"], batch["title"], batch["text"],
                                          batch["published_ts"], strict=True):
            undated, stamp, _ = order_key(ts, ident)
            counts = term_counts(title if isinstance(title, str) else None, text)
            rows.extend((term, undated, stamp, ident, at) for at, term in enumerate(counts))
        yield pd.DataFrame(rows, columns=["term", "undated", "ts", "id", "at"])


def vocabulary(articles: DataFrame) -> dict[str, tuple[int, int]]:
    """Each term's document frequency and its column in the local index's vocabulary
    (terms are numbered as they first occur, articles read in index order); the column
    breaks ties between equally weighted key terms as locally."""
    from pyspark.sql import functions as F

    rows = articles.select("id", "title", "text", "published_ts") \
        .mapInPandas(_terms, "term string, undated boolean, ts double, id string, at int") \
        .groupBy("term").agg(F.count("*").alias("df"),
                             F.min(F.struct("undated", "ts", "id", "at")).alias("first")) \
        .collect()
    rows.sort(key=lambda r: tuple(r["first"]))
    return {r["term"]: (int(r["df"]), column) for column, r in enumerate(rows)}


def vectorise_articles(articles: DataFrame) -> DataFrame:
    """One row of vectors per article (see :data:`VECTOR_SCHEMA`)."""
    spark = articles.sparkSession
    documents = articles.count()
    terms = vocabulary(articles)
    frequency = spark.sparkContext.broadcast({t: df for t, (df, _) in terms.items()})
    columns = spark.sparkContext.broadcast({t: column for t, (_, column) in terms.items()})
    del terms

    def build(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        import pandas as pd

        table, column_of = frequency.value, columns.value
        for batch in batches:
            titles = [t if isinstance(t, str) else None for t in batch["title"]]
            texts = list(batch["text"])
            bands = band_keys(texts)
            rows: list[dict[str, Any]] = []
            for ident, title, text, ts, keys in zip(batch["id"], titles, texts,
                                                    batch["published_ts"], bands, strict=True):
                vectors = vectorise(title, text, term_counts(title, text), table, documents,
                                    column_of)
                undated, stamp, _ = order_key(ts, ident)
                rows.append({
                    "id": ident, "undated": undated, "ts": stamp,
                    "word_terms": list(vectors.words), "word_weights":
                        list(vectors.words.values()),
                    "anchor_terms": list(vectors.anchors),
                    "anchor_weights": list(vectors.anchors.values()),
                    "anchor_columns": [column_of[t] for t in vectors.anchors],
                    "top_terms": [t for t, _ in vectors.top_terms],
                    "top_weights": [w for _, w in vectors.top_terms],
                    "bands": [int(k) - (1 << 63) for k in keys],  # signed 64-bit
                })
            yield pd.DataFrame(rows, columns=[c.split()[0] for c in VECTOR_SCHEMA.split(", ")])

    return articles.select("id", "title", "text", "published_ts").mapInPandas(build,
                                                                              VECTOR_SCHEMA)


BLOCKINGS = ("top_terms", "minhash", "anchors")


def candidate_pairs(vectors: DataFrame, blocking: tuple[str, ...] = BLOCKINGS) -> DataFrame:
    """Distinct candidate pairs ``(a, b)`` with ``a < b``, from the ``blocking`` named.

    ``top_terms`` alone is the local path's candidate set; ``minhash`` and ``anchors``
    add pairs it can miss (and so can join stories the local path leaves apart)."""
    unknown = set(blocking) - set(BLOCKINGS)
    if unknown or not blocking:
        raise ConfigError(f"blocking takes some of {list(BLOCKINGS)}; got {list(blocking)}")
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    order = ["undated", "ts", "id"]
    postings = vectors.select(*order, F.posexplode(F.arrays_zip("top_terms", "top_weights"))) \
        .select(*order, F.col("col.top_terms").alias("term"),
                F.col("col.top_weights").alias("weight"))
    by_term = Window.partitionBy("term").orderBy(*order)
    postings = postings.withColumn(
        "window", F.floor((F.row_number().over(by_term) - 1) / LEXICAL.postings_span))
    query = postings.select(F.col("id").alias("a"), "term", F.col("weight").alias("wa"),
                            "window")
    index = postings.select(F.col("id").alias("b"), "term", F.col("weight").alias("wb"),
                            F.col("window").alias("window_b"))
    same = query.join(index, (query.term == index.term) & (query.window == index.window_b))
    before = query.join(index, (query.term == index.term)
                        & (query.window - 1 == index.window_b))
    meet = same.select("a", "b", "wa", "wb").unionByName(before.select("a", "b", "wa", "wb"))
    overlap = meet.where("a != b").groupBy("a", "b").agg(F.sum(F.col("wa") * F.col("wb"))
                                                         .alias("overlap"))
    best = Window.partitionBy("a").orderBy(F.desc("overlap"), "b")
    lexical = overlap.withColumn("rank", F.row_number().over(best)) \
        .where(F.col("rank") <= OVERLAP_KEEP).select("a", "b")

    buckets = vectors.select("id", F.explode("bands").alias("key"))
    verbatim = _within_blocks(buckets, "key", BUCKET_CAP)

    anchors = vectors.select("id", F.explode("anchor_terms").alias("term"))
    shared = _within_blocks(anchors, "term", ANCHOR_POSTINGS, pairs_only=False)
    named = shared.groupBy("a", "b").count().where(F.col("count") >= 2).select("a", "b")

    chosen = {"top_terms": lexical, "minhash": verbatim, "anchors": named}
    both = chosen[blocking[0]]
    for name in blocking[1:]:
        both = both.unionByName(chosen[name])
    return both.select(F.least("a", "b").alias("a"), F.greatest("a", "b").alias("b")) \
        .where("a != b").distinct()


def _within_blocks(members: DataFrame, key: str, cap: int, pairs_only: bool = True
                   ) -> DataFrame:
    """Pairs of ids that share a ``key`` value held by at most ``cap`` ids."""
    from pyspark.sql import functions as F

    sizes = members.groupBy(key).count().where(F.col("count") <= cap).select(key)
    kept = members.join(sizes, key)
    left = kept.select(F.col(key), F.col("id").alias("a"))
    right = kept.select(F.col(key), F.col("id").alias("b"))
    pairs = left.join(right, key).where("a < b")
    return pairs.select("a", "b").distinct() if pairs_only else pairs.select("a", "b")


def _score(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    import pandas as pd

    for batch in batches:
        scores = []
        for wa_t, wa_w, aa_t, aa_w, wb_t, wb_w, ab_t, ab_w in zip(
                batch["wa_t"], batch["wa_w"], batch["aa_t"], batch["aa_w"], batch["wb_t"],
                batch["wb_w"], batch["ab_t"], batch["ab_w"], strict=True):
            scores.append(pair_score(dict(zip(wa_t, wa_w, strict=True)),
                                     dict(zip(aa_t, aa_w, strict=True)),
                                     dict(zip(wb_t, wb_w, strict=True)),
                                     dict(zip(ab_t, ab_w, strict=True))))
        yield pd.DataFrame({"a": batch["a"], "b": batch["b"], "score": scores})


def score_pairs(pairs: DataFrame, vectors: DataFrame) -> DataFrame:
    """``(a, b, score)`` for the pairs each article keeps among its 20 best."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    def side(name: str) -> DataFrame:
        return vectors.select(F.col("id").alias(name),
                              F.col("word_terms").alias(f"w{name}_t"),
                              F.col("word_weights").alias(f"w{name}_w"),
                              F.col("anchor_terms").alias(f"a{name}_t"),
                              F.col("anchor_weights").alias(f"a{name}_w"))

    joined = pairs.join(side("a"), "a").join(side("b"), "b")
    scored = joined.mapInPandas(_score, "a string, b string, score double")
    both = scored.unionByName(scored.select(F.col("b").alias("a"), F.col("a").alias("b"),
                                            "score"))
    best = Window.partitionBy("a").orderBy(F.desc("score"), "b")
    kept = both.withColumn("rank", F.row_number().over(best)).where(F.col("rank") <= NEIGHBOURS)
    return kept.select(F.least("a", "b").alias("a"), F.greatest("a", "b").alias("b"), "score") \
        .distinct()

