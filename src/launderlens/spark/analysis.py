"""Stories and articles in, what each copy did to its origin and each article's findings
out: the local path's :class:`~launderlens.rewrites.compare.Comparer` and
:class:`~launderlens.claims.analyze.Analyzer` run in executors, one loaded per task.

Both tables keep the full JSON the CLI prints (``compare --json``, a finding's ``as_dict``)
in ``data`` beside the columns a query filters on. An article whose analysis fails keeps
the error in ``errors`` and the batch goes on, as ``Analyzer`` does stage by stage.
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

__all__ = ["ALIGNMENT_SCHEMA", "FINDING_SCHEMA", "align_copies", "analyze_articles"]

ALIGNMENT_SCHEMA = ("story_id string, origin string, copy string, similarity double, "
                    "added int, dropped int, changes int, manipulation double, "
                    "error string, data string")
FINDING_SCHEMA = ("article_id string, position int, kind string, severity string, "
                  "confidence double, sentence int, start int, `end` int, message string, "
                  "data string")


def _sentences(article: Article, spans: Any) -> list[Sentence]:
    """The article's stored spans as Sentences (ordered by index)."""
    if spans is None:
        return []
    ordered = sorted((int(s["idx"]), int(s["start"]), int(s["end"])) for s in spans)
    return [Sentence(article.id, i, a, b, article.text[a:b]) for i, a, b in ordered]


def _with_spans(articles: DataFrame, sentences: DataFrame) -> DataFrame:
    from pyspark.sql import functions as F

    spans = sentences.groupBy("article_id").agg(
        F.collect_list(F.struct("idx", "start", "end")).alias("spans"))
    return articles.join(spans.withColumnRenamed("article_id", "id"), "id", "left")


def align_copies(stories: DataFrame, articles: DataFrame, sentences: DataFrame) -> DataFrame:
    """One row per copy of every story of several articles, aligned onto its origin."""
    from pyspark.sql import functions as F

    full = _with_spans(articles, sentences)
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


def analyze_articles(articles: DataFrame, sentences: DataFrame) -> DataFrame:
    """One row per finding of every article (``Analyzer(semantic=False)``, the shipped
    knowledge base and technique cues; no narrative catalogue)."""
    full = _with_spans(articles, sentences)
    columns = [c.split()[0].strip("`") for c in FINDING_SCHEMA.split(", ")]

    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        import pandas as pd

        from ..claims.analyze import Analyzer

        analyzer = Analyzer(semantic=False)
        for batch in batches:
            rows = []
            for record in batch.to_dict("records"):
                article = article_from_row(record)
                spans = record.get("spans")
                given = _sentences(article, spans) or None  # as `analyze` does
                analysis = analyzer.analyze(article, given)
                for position, finding in enumerate(analysis.findings):
                    rows.append({"article_id": article.id, "position": position,
                                 "kind": finding.kind, "severity": finding.severity,
                                 "confidence": finding.confidence,
                                 "sentence": finding.sentence, "start": finding.start,
                                 "end": finding.end, "message": finding.message,
                                 "data": json.dumps(finding.as_dict(), ensure_ascii=False)})
            # object columns: a missing offset stays None (pandas' nullable integers reach
            # Arrow as chunked arrays, which the conversion refuses)
            yield pd.DataFrame(rows, columns=columns, dtype=object)

    return full.mapInPandas(run, FINDING_SCHEMA)
