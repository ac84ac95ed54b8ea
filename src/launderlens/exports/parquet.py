"""The store (and the analyses of its articles) in; pandas DataFrames or Parquet files of
articles, stories, pairs and findings out, for notebooks and other tools on one machine.

- ``articles``: every field of every article (``meta`` as JSON text), the columns the
  Spark job writes, so the file reads back with ``launderlens ingest articles.parquet``;
- ``stories``: one row per story of several articles, with members, origin and the reason;
- ``pairs``: one row per copy of each story: the story, its origin, the copy and the
  copy's mean score against the other members;
- ``findings``: one row per finding, the columns of the CSV export plus the finding's
  JSON.

pandas and pyarrow come with ``pip install 'launderlens[parquet]'``; an article whose
analysis fails is counted in the result and the export goes on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from . import ExportResult, Progress, iter_analyses

if TYPE_CHECKING:
    import pandas as pd

    from ..claims.analyze import Analyzer
    from ..store import Store

__all__ = ["TABLES", "export_parquet", "to_dataframes"]

TABLES = ("articles", "stories", "pairs", "findings")


def _pandas() -> Any:
    try:
        import pandas as pd
        import pyarrow  # noqa: F401 - pandas writes Parquet through it
    except ImportError:
        raise ConfigError("Parquet export needs pandas and pyarrow: "
                          "pip install 'launderlens[parquet]'") from None
    return pd


def to_dataframes(store: Store, analyzer: Analyzer | None = None, *,
                  result: ExportResult | None = None, progress: Progress | None = None
                  ) -> dict[str, pd.DataFrame]:
    """The four tables as DataFrames; ``findings`` only with an ``analyzer``."""
    from ..spark.rows import ARTICLE_COLUMNS, article_row
    from .csvout import COLUMNS, finding_rows

    pd = _pandas()
    result = result or ExportResult("parquet")
    articles = pd.DataFrame([article_row(a) for a in store.iter_articles()],
                            columns=[name for name, _ in ARTICLE_COLUMNS])
    stories, pairs = [], []
    for story in store.list_stories(min_size=2):
        stories.append({"id": story.id, "size": len(story.members), "origin": story.origin,
                        "origin_reason": story.origin_reason,
                        "origin_evidence": story.origin_evidence,
                        "members": list(story.members),
                        "first_published": story.first_published,
                        "last_published": story.last_published,
                        "key_terms": list(story.key_terms), "cohesion": story.cohesion})
        for member, score in zip(story.members, story.similarity, strict=True):
            if member != story.origin:
                pairs.append({"story_id": story.id, "origin": story.origin, "copy": member,
                              "score": score})
    tables = {
        "articles": articles,
        "stories": pd.DataFrame(stories, columns=[
            "id", "size", "origin", "origin_reason", "origin_evidence", "members",
            "first_published", "last_published", "key_terms", "cohesion"]),
        "pairs": pd.DataFrame(pairs, columns=["story_id", "origin", "copy", "score"]),
    }
    if analyzer is not None:
        rows = []
        for analysis in iter_analyses(store, analyzer, result, progress):
            for finding, row in zip(analysis.findings, finding_rows(analysis), strict=True):
                rows.append({**row, "data": json.dumps(finding.as_dict(), ensure_ascii=False)})
        findings = pd.DataFrame(rows, columns=[*COLUMNS, "data"])
        for column in ("sentence", "start", "end"):  # "" where the CSV leaves a cell empty
            findings[column] = pd.to_numeric(findings[column], errors="coerce").astype("Int64")
        tables["findings"] = findings
    return tables


def export_parquet(store: Store, analyzer: Analyzer | None, directory: Path, *,
                   progress: Progress | None = None) -> ExportResult:
    """Write ``articles.parquet``, ``stories.parquet``, ``pairs.parquet`` and (with an
    ``analyzer``) ``findings.parquet`` into ``directory``; ``exported`` counts rows."""
    result = ExportResult("parquet")
    tables = to_dataframes(store, analyzer, result=result, progress=progress)
    directory.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_parquet(directory / f"{name}.parquet", index=False)
        result.exported += len(frame)
    return result
