"""launderlens: expose laundered news.

Find the articles that retell one story, what each copy kept, changed and added, and
the claims, sources and known narratives behind them. The public API is small and
stays importable without the heavy optional dependencies: the names below are loaded
from their stage's package on first use, so ``import launderlens`` stays light.

The package is laid out as the pipeline (``docs/architecture.md`` draws the map): ``ingest``
─► ``rewrites`` (cluster, origin, compare/align) and ``claims`` (analyze) ─► ``report`` and
``exports``; ``store``, ``kb``, ``narratives``, ``embeddings`` and ``languages`` serve them;
``cli`` and ``web`` sit on top and nothing in the library imports them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .model import Article, Rejection, Sentence, Story

__version__ = "0.1.0"

#: Public name -> the module that defines it (imported when the name is first used).
_LAZY = {
    "ingest": "launderlens.ingest",
    "Comparer": "launderlens.rewrites.compare",
    "Comparison": "launderlens.rewrites.compare",
    "compare": "launderlens.rewrites.compare",
    "StoryIndex": "launderlens.rewrites.cluster",
    "cluster": "launderlens.rewrites.cluster",
    "cluster_store": "launderlens.rewrites.stories",
    "story_view": "launderlens.rewrites.stories",
    "align_sentences": "launderlens.rewrites.align",
    "Analyzer": "launderlens.claims.analyze",
    "Analysis": "launderlens.claims.analyze",
    "analyze": "launderlens.claims.analyze",
    "score_claims": "launderlens.claims.checkworthy",
    "NarrativeMatcher": "launderlens.narratives.match",
    "open_store": "launderlens.store",
    "article_report": "launderlens.report",
    "story_report": "launderlens.report",
}

if TYPE_CHECKING:
    from .claims.analyze import Analysis, Analyzer, analyze
    from .claims.checkworthy import score_claims
    from .ingest import ingest
    from .narratives.match import NarrativeMatcher
    from .report import article_report, story_report
    from .rewrites.align import align_sentences
    from .rewrites.cluster import StoryIndex, cluster
    from .rewrites.compare import Comparer, Comparison, compare
    from .rewrites.stories import cluster_store, story_view
    from .store import open_store

__all__ = [
    "Analysis",
    "Analyzer",
    "Article",
    "Comparer",
    "Comparison",
    "NarrativeMatcher",
    "Rejection",
    "Sentence",
    "Story",
    "StoryIndex",
    "__version__",
    "align_sentences",
    "analyze",
    "article_report",
    "cluster",
    "cluster_store",
    "compare",
    "ingest",
    "open_store",
    "score_claims",
    "story_report",
    "story_view",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'launderlens' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
