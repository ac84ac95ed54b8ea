"""Input paths in, Parquet tables and a filled store out: the whole batch pipeline on Spark.

read ─► segment ─► vectorise ─► candidates ─► score ─► stories ─► align copies ─► analyse
                                                                  │
                   Parquet: articles, sentences, pairs, stories, alignments, findings,
                   rejections ─► store (``--db``): articles, sentences, stories

The store gets what the local ``ingest`` and ``cluster`` would have put there (same article
ids, same stories), so ``serve`` and every CLI command read the result. Alignments and
findings stay in Parquet; the store keeps no table for them, and ``story`` and ``analyze``
recompute them on demand as they do after a local run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..model import Rejection, Sentence
from .rows import article_from_row, story_from_row

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from ..store import Store

__all__ = ["TABLES", "JobResult", "load_store", "run_job"]

log = logging.getLogger(__name__)

TABLES = ("articles", "sentences", "pairs", "stories", "alignments", "findings", "rejections")
#: Articles handed to the store per transaction while loading.
LOAD_BATCH = 500


@dataclass
class JobResult:
    """What a run produced: row counts per table, seconds per stage, the tables' folder."""

    output: Path
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    loaded: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"output": str(self.output), "counts": self.counts,
                "seconds": {k: round(v, 2) for k, v in self.seconds.items()},
                "loaded": self.loaded}


def run_job(spark: SparkSession, inputs: Sequence[str | Path], output: str | Path, *,
            db: str | None = None, semantic: bool = False, analyse: bool = True,
            align: bool = True, threshold: float | None = None, fmt: str | None = None,
            blocking: tuple[str, ...] | None = None,
            progress: Callable[[str], None] | None = None) -> JobResult:
    """Run every stage over ``inputs``, write the tables under ``output`` (one Parquet
    folder each) and, with ``db``, load articles, sentences and stories into that store.

    ``blocking`` names the candidate blockings (:data:`.candidates.BLOCKINGS`, all by
    default; ``("top_terms",)`` is the local path's candidate set)."""
    from .candidates import BLOCKINGS, candidate_pairs, score_pairs, vectorise_articles
    from .read import read_articles, segment
    from .stories import stories as build_stories
    from .vectors import THRESHOLD

    if semantic:
        raise ConfigError("the Spark job scores words and anchors; sentence embeddings "
                          "(--semantic) run only on the local path for now: use --no-semantic")
    threshold = THRESHOLD if threshold is None else threshold
    say = progress or (lambda stage: None)
    result = JobResult(Path(output))
    clock = time.perf_counter()

    def done(stage: str, frame: DataFrame | None = None) -> DataFrame | None:
        nonlocal clock
        if frame is not None:
            frame.write.mode("overwrite").parquet(str(Path(output) / stage))
            result.counts[stage] = frame.sparkSession.read.parquet(
                str(Path(output) / stage)).count()
        now = time.perf_counter()
        result.seconds[stage] = now - clock
        clock = now
        say(stage)
        return frame

    articles, rejections = read_articles(spark, inputs, fmt)
    done("articles", articles)
    articles = spark.read.parquet(str(Path(output) / "articles"))
    done("rejections", rejections)
    done("sentences", segment(articles))
    sentences = spark.read.parquet(str(Path(output) / "sentences"))
    vectors = vectorise_articles(articles).persist()
    scored = score_pairs(candidate_pairs(vectors, blocking or BLOCKINGS), vectors)
    done("pairs", scored.withColumn("strong", scored.score >= threshold))
    scored = spark.read.parquet(str(Path(output) / "pairs"))
    done("stories", build_stories(articles, vectors, scored, threshold))
    vectors.unpersist()
    stories = spark.read.parquet(str(Path(output) / "stories"))
    if align:
        from .analysis import align_copies

        done("alignments", align_copies(stories, articles, sentences))
    if analyse:
        from .analysis import analyze_articles

        done("findings", analyze_articles(articles, sentences))
    if db is not None:
        from ..store import open_store

        with open_store(db) as store:
            result.loaded = load_store(spark, Path(output), store, threshold)
        done("load")
    return result


def load_store(spark: SparkSession, tables: Path, store: Store, threshold: float
               ) -> dict[str, int]:
    """Add the tables' articles (with their sentences) and rejections to ``store`` and make
    its stories the tables' stories; how many of each were written."""
    from pyspark.sql import functions as F

    from .stories import story_params

    articles = spark.read.parquet(str(tables / "articles"))
    sentences = spark.read.parquet(str(tables / "sentences")).groupBy("article_id").agg(
        F.collect_list(F.struct("idx", "start", "end")).alias("spans"))
    joined = articles.join(sentences.withColumnRenamed("article_id", "id"), "id", "left") \
        .orderBy("id")
    stored = duplicates = 0
    batch: list[tuple[Any, list[Sentence]]] = []

    def flush() -> None:
        nonlocal stored, duplicates
        if batch:
            added = store.add_articles(batch)
            stored += len(added.stored)
            duplicates += len(added.duplicates)
            batch.clear()

    for row in joined.toLocalIterator():
        record = row.asDict()
        article = article_from_row(record)
        spans = sorted((s["idx"], s["start"], s["end"]) for s in record.get("spans") or [])
        batch.append((article, [Sentence(article.id, i, a, b, article.text[a:b])
                                for i, a, b in spans]))
        if len(batch) >= LOAD_BATCH:
            flush()
    flush()
    rejections = [Rejection(r["item"], r["reason"])
                  for r in spark.read.parquet(str(tables / "rejections")).toLocalIterator()]
    if rejections:
        store.add_rejections(rejections)
    stories = [story_from_row(r.asDict())
               for r in spark.read.parquet(str(tables / "stories")).toLocalIterator()]
    stories.sort(key=lambda s: (-len(s.members), s.id))
    store.replace_stories(stories, story_params(threshold))
    return {"articles": stored, "duplicates": duplicates, "rejections": len(rejections),
            "stories": len(stories)}
