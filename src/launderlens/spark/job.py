"""Input paths in, Parquet tables and a filled store out: the whole batch pipeline on Spark.

read ─► segment ─► vectorise ─► candidates ─► score ─► stories ─► align copies ─► analyse
                                                                  │
           Parquet: articles, sentences, pairs, stories, alignments, analyses, findings,
           rejections ─► store (``--db``): articles, sentences, stories, analyses, findings

The store gets what the local ``ingest`` and ``cluster`` would have put there (same article
ids, same stories, the local score's cross-language anchor term included), and each
article's analysis with its findings under the key a local
:class:`~launderlens.claims.stored.StoredAnalyzer` gives it (the analyzer ``report`` and
``serve`` build without embeddings), so those read the analyses instead of computing them
again. Alignments stay in Parquet; ``story`` recomputes them on demand as after a local run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, StoreError
from ..model import Rejection, Sentence
from .rows import article_from_row, story_from_row

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from ..store import AddResult, Store

__all__ = ["TABLES", "JobResult", "load_store", "run_job"]

log = logging.getLogger(__name__)

TABLES = ("articles", "sentences", "pairs", "stories", "alignments", "analyses", "findings",
          "rejections")
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
    folder each) and, with ``db``, load articles, sentences, stories and analyses into
    that store.

    ``blocking`` names the candidate blockings (:data:`.candidates.BLOCKINGS`, all by
    default; ``("top_terms",)`` is the local path's candidate set)."""
    from .analysis import align_copies, analyse_articles, findings_of, with_spans
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

    def done(stage: str, frame: DataFrame | None = None) -> None:
        nonlocal clock
        if frame is not None:
            frame.write.mode("overwrite").parquet(str(Path(output) / stage))
            result.counts[stage] = frame.sparkSession.read.parquet(
                str(Path(output) / stage)).count()
        now = time.perf_counter()
        result.seconds[stage] = now - clock
        clock = now
        say(stage)

    def table(name: str) -> DataFrame:
        return spark.read.parquet(str(Path(output) / name))

    articles, rejections = read_articles(spark, inputs, fmt)
    done("articles", articles)
    articles = table("articles")
    done("rejections", rejections)
    done("sentences", segment(articles))
    sentences = table("sentences")
    vectors = vectorise_articles(articles)
    done("vectors")
    candidates = candidate_pairs(vectors, blocking or BLOCKINGS).persist()
    result.counts["candidates"] = candidates.count()
    done("candidates")
    scored = score_pairs(candidates, vectors)
    done("pairs", scored.withColumn("strong", scored.score >= threshold))
    candidates.unpersist()
    done("stories", build_stories(articles, vectors, table("pairs"), threshold))
    vectors.unpersist()
    # Spans grouped once for alignment, analysis and the store.
    full = with_spans(articles, sentences).persist()
    if align:
        done("alignments", align_copies(table("stories"), full))
    store = None
    if db is not None:
        from ..narratives import ensure_starter
        from ..store import open_store

        store = open_store(db)
        ensure_starter(store)  # the catalogue the analyses' narratives are matched against
    try:
        if analyse:
            analyses = analyse_articles(full, db=db).persist()
            done("findings", findings_of(analyses))
            done("analyses", analyses.drop("findings"))
            analyses.unpersist()
        if store is not None:
            result.loaded = load_store(spark, Path(output), store, threshold, articles=full,
                                       analyses=analyse)
            done("load")
    finally:
        full.unpersist()
        if store is not None:
            store.close()
    return result


def load_store(spark: SparkSession, tables: Path, store: Store, threshold: float, *,
               articles: DataFrame | None = None, analyses: bool = True) -> dict[str, int]:
    """Add the tables' articles (with their sentences) and rejections to ``store``, make
    its stories the tables' stories, and save each analysis that has a key and a payload
    (a run with ``db``) as the store's analysis of its article; how many of each were
    written (``analyses=False`` leaves an analyses table alone: one from an earlier run).
    ``articles`` with their spans (:func:`.analysis.with_spans`) save grouping
    the sentences table again."""
    from .analysis import with_spans
    from .stories import story_params

    if articles is None:
        articles = with_spans(spark.read.parquet(str(tables / "articles")),
                              spark.read.parquet(str(tables / "sentences")))
    stored = duplicates = refused = 0
    batch: list[tuple[Any, list[Sentence]]] = []

    def flush() -> None:
        nonlocal stored, duplicates, refused
        if batch:
            added, lost = add_batch(store, batch)
            stored += len(added.stored)
            duplicates += len(added.duplicates)
            refused += lost
            batch.clear()

    for row in articles.orderBy("id").toLocalIterator():
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
    return {"articles": stored, "duplicates": duplicates, "refused": refused,
            "rejections": len(rejections),
            "stories": len(stories),
            "analyses": _load_analyses(spark, tables, store) if analyses else 0}


def add_batch(store: Store, batch: Sequence[tuple[Any, Sequence[Sentence]]]
              ) -> tuple[AddResult, int]:
    """Add a batch of articles with their sentences in one transaction; when the database
    refuses it (a row it cannot take that no check before foresaw), add them one to a
    transaction, so that only the refused ones are lost (logged). The stored articles'
    result and how many the database refused."""
    from ..store import AddResult, StoreUnavailableError

    try:
        return store.add_articles(batch), 0
    except StoreUnavailableError:
        raise  # the database's fault, not a row's: each alone would fail the same
    except StoreError as error:
        log.warning("a batch of %d articles was refused (%s); adding them one by one",
                    len(batch), error)
    result, refused = AddResult(), 0
    for item in batch:
        try:
            added = store.add_articles([item])
        except StoreUnavailableError:
            raise
        except StoreError as error:
            log.warning("article %s not stored: %s", item[0].id, error)
            refused += 1
            continue
        result.stored += added.stored
        result.duplicates += added.duplicates
        result.rejected += added.rejected
    return result, refused


def _load_analyses(spark: SparkSession, tables: Path, store: Store) -> int:
    """Save the analyses table's payloads with their findings, :data:`LOAD_BATCH` to a
    transaction; how many were saved."""
    import json

    from ..store.analyses import finding_from_json

    if not (tables / "analyses").exists():
        return 0
    rows = spark.read.parquet(str(tables / "analyses")) \
        .where("params_key IS NOT NULL AND payload IS NOT NULL") \
        .select("article_id", "params_key", "params", "payload")
    saved = 0
    batch: list[tuple[str, str, dict[str, Any], dict[str, Any], list[Any]]] = []

    def flush() -> int:
        try:
            outcome = store.save_analyses(batch)
        except StoreError as error:  # a busy store: these go, the next `report` redoes them
            log.warning("%d analyses not stored: %s", len(batch), error)
            outcome = [str(error)] * len(batch)
        for (article_id, *_), why in zip(batch, outcome, strict=True):
            if why is not None:
                log.warning("analysis of %s not stored: %s", article_id, why)
        batch.clear()
        return sum(why is None for why in outcome)

    for row in rows.toLocalIterator():
        payload = json.loads(row["payload"])
        try:
            findings = [finding_from_json(f) for f in payload.get("findings", [])]
        except ValueError as error:  # the next `report` analyses it again
            log.warning("analysis of %s not stored: %s", row["article_id"], error)
            continue
        batch.append((row["article_id"], row["params_key"], json.loads(row["params"]),
                      payload, findings))
        if len(batch) >= LOAD_BATCH:
            saved += flush()
    if batch:
        saved += flush()
    return saved
