"""Stories and articles in, what each copy did to its origin and each article's analysis
and findings out: the local path's :class:`~launderlens.rewrites.compare.Comparer` and
:class:`~launderlens.claims.analyze.Analyzer` run in executors, one loaded per task.

The alignments and findings tables keep the full JSON the CLI prints (``compare --json``,
a finding's ``as_dict``) in ``data`` beside the columns a query filters on. The analyses
table keeps each article's stored-analysis payload under the key a local
:class:`~launderlens.claims.stored.StoredAnalyzer` would give it: with a store, the
analyzer is the one ``report`` and ``serve`` build without embeddings (the knowledge
base, technique cues, known narratives from the store's catalogue), so the loaded
analyses are read back there instead of computed again. An article whose analysis fails
keeps the error in its payload's place and the batch goes on, as ``Analyzer`` does stage
by stage; like locally, such an analysis is not stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..model import Article, Sentence
from .rows import article_from_row

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["ALIGNMENT_SCHEMA", "ANALYSIS_SCHEMA", "FINDING_SCHEMA", "align_copies",
           "analyse_articles", "analyze_articles", "findings_of", "with_spans"]

ALIGNMENT_SCHEMA = ("story_id string, origin string, copy string, similarity double, "
                    "added int, dropped int, changes int, manipulation double, "
                    "error string, data string")
_FINDING_FIELDS = ("position int, kind string, severity string, confidence double, "
                   "sentence int, start int, `end` int, message string, data string")
FINDING_SCHEMA = f"article_id string, {_FINDING_FIELDS}"
#: One row per article: the stored-analysis key and parameters (JSON), the payload
#: (JSON; null when a stage failed), the errors, and the findings.
ANALYSIS_SCHEMA = ("article_id string, params_key string, params string, payload string, "
                   "errors array<string>, findings array<struct<"
                   + _FINDING_FIELDS.replace(" ", ":").replace(",:", ", ") + ">>")


def _sentences(article: Article, spans: Any) -> list[Sentence]:
    """The article's stored spans as Sentences (ordered by index)."""
    if spans is None:
        return []
    ordered = sorted((int(s["idx"]), int(s["start"]), int(s["end"])) for s in spans)
    return [Sentence(article.id, i, a, b, article.text[a:b]) for i, a, b in ordered]


def with_spans(articles: DataFrame, sentences: DataFrame) -> DataFrame:
    """``articles`` with a ``spans`` column: each article's sentence spans (``idx``,
    ``start``, ``end``), grouped once for every step that reads them."""
    from pyspark.sql import functions as F

    spans = sentences.groupBy("article_id").agg(
        F.collect_list(F.struct("idx", "start", "end")).alias("spans"))
    return articles.join(spans.withColumnRenamed("article_id", "id"), "id", "left")


def _spanned(articles: DataFrame, sentences: DataFrame | None) -> DataFrame:
    if sentences is not None:
        return with_spans(articles, sentences)
    if "spans" not in articles.columns:
        raise ValueError("articles need a spans column (with_spans) when no sentences "
                         "are given")
    return articles


def align_copies(stories: DataFrame, articles: DataFrame,
                 sentences: DataFrame | None = None) -> DataFrame:
    """One row per copy of every story of several articles, aligned onto its origin;
    ``articles`` carry their spans (:func:`with_spans`) unless ``sentences`` are given."""
    from pyspark.sql import functions as F

    full = _spanned(articles, sentences)
    pairs = stories.where(F.col("size") > 1).select(
        F.col("id").alias("story_id"), "origin", F.explode("members").alias("copy")) \
        .where(F.col("copy") != F.col("origin"))
    columns = [c for c in full.columns]
    origin = full.select(*[F.col(c).alias(f"o_{c}") for c in columns])
    copy = full.select(*[F.col(c).alias(f"c_{c}") for c in columns])
    joined = pairs.join(origin, pairs.origin == origin.o_id) \
        .join(copy, pairs.copy == copy.c_id)

    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        import pandas as pd

        from ..rewrites.compare import Comparer

        comparer = Comparer(semantic=False)
        for batch in batches:
            rows = []
            for record in batch.to_dict("records"):
                a = article_from_row({c: record[f"o_{c}"] for c in columns})
                b = article_from_row({c: record[f"c_{c}"] for c in columns})
                row: dict[str, Any] = {"story_id": record["story_id"], "origin": a.id,
                                       "copy": b.id}
                try:
                    found = comparer.compare(a, b, a_sentences=_sentences(a, record["o_spans"]),
                                             b_sentences=_sentences(b, record["c_spans"]))
                except Exception as error:  # one pair must not sink the batch
                    row["error"] = f"{type(error).__name__}: {error}"
                else:
                    row.update(similarity=found.similarity, added=len(found.alignment.added),
                               dropped=len(found.alignment.dropped),
                               changes=len(found.changes),
                               manipulation=found.manipulation.score,
                               data=json.dumps(found.as_dict(), ensure_ascii=False))
                rows.append(row)
            names = [c.split()[0] for c in ALIGNMENT_SCHEMA.split(", ")]
            # Every cell given (None where a failed pair has no figures), as objects: a
            # column pandas filled with NaN would reach Arrow as floats.
            yield pd.DataFrame([{n: row.get(n) for n in names} for row in rows],
                               columns=names, dtype=object)

    return joined.mapInPandas(run, ALIGNMENT_SCHEMA)


def analyse_articles(articles: DataFrame, sentences: DataFrame | None = None,
                     db: str | None = None) -> DataFrame:
    """One row per article (:data:`ANALYSIS_SCHEMA`); ``articles`` carry their spans
    (:func:`with_spans`) unless ``sentences`` are given. With ``db`` (a store every
    executor can open, whose catalogue holds the starter narratives) known narratives are
    matched against its catalogue and the key is the one ``report`` and ``serve`` use
    without embeddings; without, the analysis is ``Analyzer(semantic=False)``'s."""
    full = _spanned(articles, sentences)

    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        import pandas as pd

        from ..claims.analyze import Analyzer
        from ..claims.stored import StoredAnalyzer, analysis_to_json

        analyzer = Analyzer(semantic=False)
        store = None
        key: str | None = None
        params: str | None = None
        if db is not None:
            from ..narratives import NarrativeMatcher
            from ..store import open_store

            store = open_store(db)
            analyzer.narratives = NarrativeMatcher(store, encoder=None)
            key, described = StoredAnalyzer(analyzer, store).key_and_params()
            params = json.dumps(described, sort_keys=True, default=str)
        try:
            for batch in batches:
                rows = [_analysis_row(analyzer, record, key, params, analysis_to_json)
                        for record in batch.to_dict("records")]
                yield pd.DataFrame(rows, columns=_ANALYSIS_COLUMNS, dtype=object)
        finally:
            if store is not None:
                store.close()

    return full.mapInPandas(run, ANALYSIS_SCHEMA)


_ANALYSIS_COLUMNS = [c.split()[0] for c in ANALYSIS_SCHEMA.split(", ")[:5]] + ["findings"]


def _analysis_row(analyzer: Any, record: dict[str, Any], key: str | None, params: str | None,
                  to_json: Any) -> dict[str, Any]:
    article = article_from_row(record)
    given = _sentences(article, record.get("spans")) or None  # as `analyze` does
    analysis = analyzer.analyze(article, given)
    payload = None
    if not analysis.errors:
        try:
            payload = json.dumps(to_json(analysis), ensure_ascii=False, sort_keys=True,
                                 allow_nan=False)
        except (TypeError, ValueError):  # not JSON-safe: not stored, as locally
            payload = None
    findings = [{"position": position, "kind": f.kind, "severity": f.severity,
                 "confidence": f.confidence, "sentence": f.sentence, "start": f.start,
                 "end": f.end, "message": f.message,
                 "data": json.dumps(f.as_dict(), ensure_ascii=False)}
                for position, f in enumerate(analysis.findings)]
    return {"article_id": article.id, "params_key": key, "params": params,
            "payload": payload, "errors": list(analysis.errors), "findings": findings}


def findings_of(analyses: DataFrame) -> DataFrame:
    """The findings table (:data:`FINDING_SCHEMA`) of an analyses frame."""
    from pyspark.sql import functions as F

    return analyses.select("article_id", F.explode("findings").alias("f")) \
        .select("article_id", "f.*")


def analyze_articles(articles: DataFrame, sentences: DataFrame | None = None) -> DataFrame:
    """One row per finding of every article (``Analyzer(semantic=False)``, the shipped
    knowledge base and technique cues; no narrative catalogue)."""
    return findings_of(analyse_articles(articles, sentences))
