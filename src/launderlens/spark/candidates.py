"""Articles in, scored same-story pairs out, without comparing all pairs.

1. ``vectorise``: each text is read in one pass, a batch at a time (``tokenise``: one
   tokenisation gives the term counts and the word 3-shingles, whose MinHash band keys
   are computed for the whole batch at once; anchor terms; the sure language;
   persisted); the vocabulary (document frequencies and the local index's column
   numbers) is computed in the JVM and broadcast up to :data:`BROADCAST_TERMS` terms,
   joined to each article's terms above; then each article's unit TF-IDF vectors over
   words and anchors and its index terms are computed in an executor (:mod:`.vectors`:
   the local path's definitions), and, for a corpus in two languages or more, its
   cross-language anchor vector (:mod:`.crosslingual`).
2. ``candidate_pairs``: three blockings, unioned —
   - top terms: articles sharing one of their heaviest rare terms, within the same
     postings window (a term's articles in publication order, 256 at a time, each meeting
     its own window and the one before): the local lexical index's blocking exactly; each
     article keeps the 40 others it overlaps most, counted in the windows' groups
     (:mod:`.meetings`: rows bounded per article, not growing with the corpus), with the
     local index's candidates across languages (articles in another language sharing
     rare script-neutral anchors, 20 each);
   - MinHash LSH: 16 bands of 8 MinHash rows over word 3-shingles (verbatim copies);
   - anchors: articles sharing two rare names or figures.
3. ``score_pairs``: each candidate gets the local path's score (its cross-language term
   included), a batch of pairs at a time (sparse matrices and the library's
   ``rowwise_dot``); each article keeps its 20 best by lexical similarity (as
   ``StoryIndex(neighbours=20)``), and a pair stays when either side keeps it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ConfigError
from ..rewrites.similarity.crosslingual import story_joins
from ..rewrites.similarity.lexical import tokenize
from .crosslingual import across_pairs, across_vectors, language_of_row, shared_evidence
from .meetings import MEETING_SCHEMA, meet_in_windows
from .rows import order_key
from .vectors import (
    LEXICAL,
    WordHashes,
    named_terms,
    pair_scores,
    sparse_rows,
    term_counts,
    vectorise,
    word_band_keys,
)

if TYPE_CHECKING:
    import pandas as pd
    import scipy.sparse as sp
    from pyspark.sql import DataFrame

__all__ = ["candidate_pairs", "score_pairs", "tokenise_articles", "vectorise_articles"]

NEIGHBOURS = 20
#: Candidates each article keeps from the top-term blocking before exact scoring (twice
#: the neighbours, as the local index does).
OVERLAP_KEEP = 2 * NEIGHBOURS
#: An anchor shared by more articles than this blocks nothing (a year, a capital).
ANCHOR_POSTINGS = 64
#: A MinHash bucket larger than this is a template, not a copy family.
BUCKET_CAP = 256
#: Up to this many distinct terms the vocabulary is broadcast to the executors; above,
#: each article's terms are joined to it (a broadcast table must fit every executor).
BROADCAST_TERMS = 1_000_000

#: What reading an article's text once gives: its distinct terms in order of first
#: occurrence with their counts, its anchor terms, its MinHash band keys.
TOKEN_SCHEMA = ("id string, undated boolean, ts double, terms array<string>, "
                "counts array<int>, named array<string>, bands array<bigint>, lang string")
#: Words are vocabulary columns (in the order of their terms, as the local merge sums
#: them); anchors keep their terms too, which name a story's key terms.
VECTOR_SCHEMA = (
    "id string, undated boolean, ts double, "
    "word_columns array<int>, word_weights array<float>, "
    "anchor_terms array<string>, anchor_weights array<float>, anchor_columns array<int>, "
    "top_columns array<int>, top_weights array<float>, bands array<bigint>, lang string"
)


def _names(schema: str) -> list[str]:
    return [column.split()[0] for column in schema.split(", ")]


def _tokenise(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    import pandas as pd

    hashes = WordHashes()  # one per partition: a word is hashed once however often met
    for batch in batches:
        texts = [str(t) for t in batch["text"]]
        # Read once: the index text's words are the title's then the text's (a token
        # never spans the newline between them), and the shingles are the text's.
        words = [tokenize(text) for text in texts]
        bands = word_band_keys(words, hashes)
        rows: list[tuple[Any, ...]] = []
        for ident, title, text, own, ts, keys, language in zip(
                batch["id"], batch["title"], texts, words, batch["published_ts"], bands,
                batch["language"], strict=True):
            undated, stamp, _ = order_key(ts, ident)
            counts = term_counts(title if isinstance(title, str) else None, text, own)
            rows.append((ident, undated, stamp, list(counts), list(counts.values()),
                         named_terms(text, counts),
                         [int(k) - (1 << 63) for k in keys],  # signed 64-bit
                         language_of_row(title, text, language)))
        yield pd.DataFrame(rows, columns=_names(TOKEN_SCHEMA))


def tokenise_articles(articles: DataFrame) -> DataFrame:
    """One row per article (:data:`TOKEN_SCHEMA`): the only pass that reads the texts."""
    return articles.select("id", "title", "text", "published_ts", "language").mapInPandas(
        _tokenise, TOKEN_SCHEMA)


def vocabulary(tokens: DataFrame) -> DataFrame:
    """``(term, df, column)``: each term's document frequency and its column in the local
    index's vocabulary (terms are numbered as they first occur, articles read in index
    order); the column breaks ties between equally weighted key terms as locally. Computed
    in the JVM: only one count per partition of the sorted terms reaches the driver."""
    from pyspark.sql import functions as F

    first = tokens.select("undated", "ts", "id", F.posexplode("terms").alias("at", "term")) \
        .groupBy("term").agg(F.count("*").alias("df"),
                             F.min(F.struct("undated", "ts", "id", "at")).alias("first"))
    # A global sort, then consecutive numbers: each partition's rows start after the
    # rows of the partitions before it.
    # (monotonically_increasing_id: the partition number above bit 33, the row's place
    # in its partition below.)
    mark = F.monotonically_increasing_id()
    ordered = first.orderBy("first").select(
        "term", "df", F.shiftright(mark, 33).cast("int").alias("part"),
        mark.bitwiseAND((1 << 33) - 1).alias("at")).persist()
    sizes = sorted((int(r["part"]), int(r["n"])) for r in ordered.groupBy("part").agg(
        F.count("*").alias("n")).collect())
    offsets, total = [], 0
    for part, size in sizes:
        offsets.append((part, total))
        total += size
    spark = tokens.sparkSession
    starts = spark.createDataFrame(offsets or [(0, 0)], "part int, offset bigint")
    numbered = ordered.join(F.broadcast(starts), "part").select(
        "term", "df", (F.col("offset") + F.col("at")).cast("int").alias("column"))
    result = numbered.localCheckpoint()
    ordered.unpersist()
    return result


def vectorise_articles(articles: DataFrame, broadcast_terms: int | None = None
                       ) -> DataFrame:
    """One row of vectors per article (see :data:`VECTOR_SCHEMA`), persisted: call
    ``unpersist()`` on it when done.

    The vocabulary (:func:`vocabulary`) stays a DataFrame: up to ``broadcast_terms``
    terms (:data:`BROADCAST_TERMS` by default) it is sent to the executors whole, above
    that each article's term rows are joined to it, so no table of every term has to fit
    one process."""
    tokens = tokenise_articles(articles).persist()
    documents = tokens.count()
    from pyspark.sql import functions as F

    terms = vocabulary(tokens)
    bound = BROADCAST_TERMS if broadcast_terms is None else broadcast_terms
    if terms.count() <= bound:
        words = _broadcast_vectors(tokens, terms, documents)
    else:
        words = _joined_vectors(tokens, terms, documents)
    words = words.persist()
    words.count()
    tokens.unpersist()
    terms.unpersist()
    across = across_vectors(articles, words.select("id", "lang"))
    if across is None:  # one language: no anchors across languages
        vectors = words.withColumn("across_columns", F.array().cast("array<int>")) \
            .withColumn("across_weights", F.array().cast("array<float>")) \
            .withColumn("across_evidence", F.array().cast("array<tinyint>"))
    else:
        vectors = words.join(across, "id")
    vectors = vectors.persist()
    vectors.count()
    words.unpersist()
    if across is not None:
        across.unpersist()
    return vectors


def _vector_row(ident: Any, undated: Any, ts: Any, counts: dict[str, int], named: Any,
                frequency: Any, column_of: Any, documents: int, bands: Any, lang: Any
                ) -> tuple[Any, ...]:
    vectors = vectorise(counts, named, frequency, documents, column_of)
    return (ident, undated, ts, [column_of[t] for t in vectors.words],
            list(vectors.words.values()), list(vectors.anchors),
            list(vectors.anchors.values()), [column_of[t] for t in vectors.anchors],
            [column_of[t] for t, _ in vectors.top_terms], [w for _, w in vectors.top_terms],
            bands, lang)


def _broadcast_vectors(tokens: DataFrame, terms: DataFrame, documents: int) -> DataFrame:
    """Vectors with the whole vocabulary in every executor (a small corpus)."""
    spark = tokens.sparkSession
    frequency: dict[str, int] = {}
    columns: dict[str, int] = {}
    for row in terms.toLocalIterator():
        frequency[row["term"]] = int(row["df"])
        columns[row["term"]] = int(row["column"])
    shared = spark.sparkContext.broadcast((frequency, columns))
    del frequency, columns

    def build(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        import pandas as pd

        table, column_of = shared.value
        for batch in batches:
            rows = [_vector_row(ident, undated, ts, dict(zip(terms, counts.tolist(),
                                                             strict=True)),
                                named, table, column_of, documents, bands, lang)
                    for ident, undated, ts, terms, counts, named, bands, lang
                    in batch.itertuples(index=False)]
            yield pd.DataFrame(rows, columns=_names(VECTOR_SCHEMA))

    return tokens.mapInPandas(build, VECTOR_SCHEMA)


def _joined_vectors(tokens: DataFrame, terms: DataFrame, documents: int) -> DataFrame:
    """Vectors with each article's terms joined to their statistics (a large corpus)."""
    from pyspark.sql import functions as F

    rows = tokens.select("id", F.explode(F.arrays_zip("terms", "counts")).alias("t")) \
        .select("id", F.col("t.terms").alias("term"), F.col("t.counts").alias("count"))
    stats = rows.join(terms, "term").groupBy("id").agg(
        F.collect_list(F.struct("term", "count", "df", "column")).alias("stats"))
    joined = tokens.select("id", "undated", "ts", "named", "bands", "lang") \
        .join(stats, "id", "left")

    def build(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        import pandas as pd

        for batch in batches:
            rows = []
            for ident, undated, ts, named, bands, lang, stats in batch.itertuples(
                    index=False):
                entries = [] if stats is None else list(stats)
                counts = {e["term"]: int(e["count"]) for e in entries}
                frequency = {e["term"]: int(e["df"]) for e in entries}
                column_of = {e["term"]: int(e["column"]) for e in entries}
                rows.append(_vector_row(ident, undated, ts, counts, named, frequency,
                                        column_of, documents, bands, lang))
            yield pd.DataFrame(rows, columns=_names(VECTOR_SCHEMA))

    return joined.mapInPandas(build, VECTOR_SCHEMA)


BLOCKINGS = ("top_terms", "minhash", "anchors")


def candidate_pairs(vectors: DataFrame, blocking: tuple[str, ...] = BLOCKINGS) -> DataFrame:
    """Distinct candidate pairs ``(a, b)`` with ``a < b``, from the ``blocking`` named.

    ``top_terms`` alone is the local path's candidate set; ``minhash`` and ``anchors``
    add pairs it can miss (and so can join stories the local path leaves apart)."""
    unknown = set(blocking) - set(BLOCKINGS)
    if unknown or not blocking:
        raise ConfigError(f"blocking takes some of {list(BLOCKINGS)}; got {list(blocking)}")
    from pyspark.sql import functions as F

    lexical = top_term_pairs(vectors)

    buckets = vectors.select("id", F.explode("bands").alias("key"))
    verbatim = _within_blocks(buckets, "key", BUCKET_CAP)

    anchors = vectors.select("id", F.explode("anchor_columns").alias("term"))
    shared = _within_blocks(anchors, "term", ANCHOR_POSTINGS, pairs_only=False)
    named = shared.groupBy("a", "b").count().where(F.col("count") >= 2).select("a", "b")

    # The local lexical index's candidates include those across languages (none for a
    # corpus in one language).
    lexical = lexical.unionByName(across_pairs(vectors))
    chosen = {"top_terms": lexical, "minhash": verbatim, "anchors": named}
    both = chosen[blocking[0]]
    for name in blocking[1:]:
        both = both.unionByName(chosen[name])
    return both.select(F.least("a", "b").alias("a"), F.greatest("a", "b").alias("b")) \
        .where("a != b").distinct()


def top_term_pairs(vectors: DataFrame, span: int = LEXICAL.postings_span) -> DataFrame:
    """``(a, b)``: each article's :data:`OVERLAP_KEEP` others of greatest top-term
    overlap, as the local lexical index's postings find them (windows of ``span``).

    A term's postings are numbered in publication order into windows; every article's
    top-term list (terms held by one article dropped) goes, once for each of its terms,
    to the partition of the term, where the term's windows are met in order, each reading
    the one before (:mod:`.meetings`: the pairs are counted in the groups); each article
    keeps its best."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    # Each article numbered in the order of its id (a sort, then increasing numbers: the
    # partitions follow the sort), so that the meetings' rows, up to OVERLAP_KEEP an
    # article for each batch of groups it queries, carry two numbers instead of two ids.
    tops = vectors.select("undated", "ts", "id", "top_columns", "top_weights") \
        .orderBy("id").withColumn("n", F.monotonically_increasing_id()).localCheckpoint()
    order = ["undated", "ts", "n"]
    postings = tops.select(*order, F.posexplode(F.arrays_zip("top_columns",
                                                                "top_weights"))) \
        .select(*order, F.col("col.top_columns").alias("term"),
                F.col("col.top_weights").alias("weight"))
    by_term = Window.partitionBy("term")
    postings = postings \
        .withColumn("window", F.floor((F.row_number().over(by_term.orderBy(*order)) - 1)
                                      / span).cast("int")) \
        .withColumn("held", F.count("*").over(by_term)).where("held > 1")
    lists = postings.groupBy("n").agg(F.collect_list(F.struct("term", "window", "weight"))
                                       .alias("posts"))
    # One row a posting, carrying its article's lists; a term's windows in one partition,
    # in order, where each window's group reads the one before it.
    members = lists.select("n", "posts", F.explode("posts").alias("p")) \
        .select(F.col("p.term").alias("term"), F.col("p.window").alias("key"),
                F.col("n").alias("id"),
                F.col("posts.term").alias("terms"), F.col("posts.window").alias("windows"),
                F.col("posts.weight").alias("weights")) \
        .repartition("term").sortWithinPartitions("term", "key")
    overlap = members.mapInPandas(partial(meet_in_windows, keep=OVERLAP_KEEP), MEETING_SCHEMA)
    best = Window.partitionBy("a").orderBy(F.desc("overlap"), "b")
    kept = overlap.withColumn("rank", F.row_number().over(best)) \
        .where(F.col("rank") <= OVERLAP_KEEP)
    names = tops.select("n", "id")
    return kept.join(names.withColumnsRenamed({"n": "a", "id": "a_id"}), "a") \
        .join(names.withColumnsRenamed({"n": "b", "id": "b_id"}), "b") \
        .select(F.col("a_id").alias("a"), F.col("b_id").alias("b"))


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
    """In an executor: a batch of joined pairs scored at once, as two sparse matrices."""
    import pandas as pd

    for batch in batches:
        n = len(batch)
        if not n:
            continue
        words = sparse_rows([*batch["wa_c"], *batch["wb_c"]], [*batch["wa_w"], *batch["wb_w"]])
        anchors = sparse_rows([*batch["aa_c"], *batch["ab_c"]],
                              [*batch["aa_w"], *batch["ab_w"]])
        crosses = np.fromiter((isinstance(x, str) and isinstance(y, str) and x != y
                               for x, y in zip(batch["la"], batch["lb"], strict=True)),
                              dtype=bool, count=n)
        left = np.arange(n, dtype=np.int64)
        across: sp.csr_matrix | None = None
        joins: np.ndarray | None = None
        if crosses.any():  # only crossing pairs read their anchors: the others keep False
            across = sparse_rows([*batch["xa_c"], *batch["xb_c"]],
                                 [*batch["xa_w"], *batch["xb_w"]])
            at = np.flatnonzero(crosses)
            joins = np.zeros(n, dtype=bool)
            joins[at] = story_joins(shared_evidence(*(batch[name].iloc[at]
                                                      for name in ("xa_c", "xa_e", "xb_c"))))
        similarity, scores = pair_scores(words, anchors, left, left + n, across, crosses,
                                         joins)
        yield pd.DataFrame({"a": batch["a"], "b": batch["b"],
                            "score": scores.astype(np.float64),
                            "similarity": similarity.astype(np.float64)})


def score_pairs(pairs: DataFrame, vectors: DataFrame) -> DataFrame:
    """``(a, b, score)`` for the pairs each article keeps among its 20 best by lexical
    similarity, as the local index ranks its candidates (ranked by the whole score, an
    article keeps pairs the local path drops: strong on their anchors alone, and on
    generated corpora nearly all between different stories); each pair is scored once,
    in batches."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    def side(name: str) -> DataFrame:
        return vectors.select(F.col("id").alias(name),
                              F.col("word_columns").alias(f"w{name}_c"),
                              F.col("word_weights").alias(f"w{name}_w"),
                              F.col("anchor_columns").alias(f"a{name}_c"),
                              F.col("anchor_weights").alias(f"a{name}_w"),
                              F.col("across_columns").alias(f"x{name}_c"),
                              F.col("across_weights").alias(f"x{name}_w"),
                              F.col("across_evidence").alias(f"x{name}_e"),
                              F.col("lang").alias(f"l{name}"))

    joined = pairs.join(side("a"), "a").join(side("b"), "b")
    scored = joined.mapInPandas(_score, "a string, b string, score double, "
                                        "similarity double")
    # Both directions from one projection of the scored rows: a union of two would
    # score every pair twice.
    both = scored.select(F.explode(F.array(
        F.struct("a", "b", "score", "similarity"),
        F.struct(F.col("b").alias("a"), F.col("a").alias("b"), "score", "similarity")))
        .alias("p")).select("p.*")
    best = Window.partitionBy("a").orderBy(F.desc("similarity"), "b")
    kept = both.withColumn("rank", F.row_number().over(best)).where(F.col("rank") <= NEIGHBOURS)
    return kept.select(F.least("a", "b").alias("a"), F.greatest("a", "b").alias("b"), "score") \
        .distinct()
