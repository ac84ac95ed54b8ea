"""The batch pipeline on Apache Spark: DataFrames in, DataFrames out, each step calling the
library's own stage functions in executors (a batch engine in the datatrove manner: the
steps are the local path's, only the executor changes).

Notebook use::

    from launderlens.spark import get_session, read_articles, segment, vectorise_articles
    spark = get_session()                       # local[2] unless spark-submit chose
    articles, rejected = read_articles(spark, ["crawl/"])
    vectors = vectorise_articles(articles)
    pairs = score_pairs(candidate_pairs(vectors), vectors)
    stories = build_stories(articles, vectors, pairs, THRESHOLD)

:func:`run_job` runs every step, writes Parquet tables and loads a store; ``launderlens spark
run`` and ``spark-submit launderlens/cli/spark.py`` call it. pyspark, pyarrow and pandas
come with ``pip install 'launderlens[spark]'``; importing this package loads none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .analysis import align_copies, analyze_articles
    from .candidates import candidate_pairs, score_pairs, vectorise_articles
    from .job import JobResult, load_store, run_job
    from .read import read_articles, segment
    from .session import get_session
    from .stories import components
    from .stories import stories as build_stories
    from .vectors import THRESHOLD

__all__ = ["THRESHOLD", "JobResult", "align_copies", "analyze_articles", "build_stories",
           "candidate_pairs", "components", "get_session", "load_store", "read_articles",
           "run_job", "score_pairs", "segment", "vectorise_articles"]

_HOMES = {
    "align_copies": "analysis", "analyze_articles": "analysis",
    "candidate_pairs": "candidates", "score_pairs": "candidates",
    "vectorise_articles": "candidates", "JobResult": "job", "load_store": "job",
    "run_job": "job", "read_articles": "read", "segment": "read", "get_session": "session",
    "components": "stories", "build_stories": "stories", "THRESHOLD": "vectors",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    module = importlib.import_module(f"{__name__}.{home}")
    return getattr(module, "stories" if name == "build_stories" else name)
