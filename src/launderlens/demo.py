"""The demo: ingest the bundled corpus (one wire story, its laundered copies, and
unrelated articles) and gather what each stage makes of it.

The corpus lives in ``launderlens/demo_corpus``; its README says which signals each
file carries on purpose. Later stages add their results to :class:`DemoResult`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .ingest import IngestReport, ingest
from .model import Article
from .origin import Story
from .store import Store

if TYPE_CHECKING:
    from .analyze import Analysis
    from .stories import StoryView

__all__ = ["DEMO_DB_NAME", "DemoResult", "demo_corpus", "run_demo"]

#: The demo writes to its own database beside the default one, never into the user's.
DEMO_DB_NAME = "launderlens-demo.db"


@contextmanager
def demo_corpus() -> Iterator[Path]:
    """The folder of demo articles as a real path, for as long as the block runs."""
    with resources.as_file(resources.files("launderlens") / "demo_corpus") as path:
        yield path


@dataclass
class DemoResult:
    ingest: IngestReport
    database: str
    articles: list[Article] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    story: StoryView | None = None
    analyses: list[Analysis] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "stories": [{"id": s.id, "articles": list(s.members), "origin": s.origin,
                         "origin_reason": s.origin_reason} for s in self.stories],
            "story": self.story.as_dict() if self.story else None,
            "analyses": [{"id": a.article.id, "findings": [f.as_dict() for f in a.findings],
                          "check_worthy": sum(c.check_worthy for c in a.claims),
                          "errors": list(a.errors)} for a in self.analyses],
            "ingest": self.ingest.as_dict(),
            "articles": [
                {"id": a.id, "title": a.title, "outlet": a.outlet, "domain": a.domain,
                 "published": a.published.isoformat() if a.published else None,
                 "role": a.meta.get("demo_role")}
                for a in self.articles
            ],
        }


def run_demo(store: Store, *, semantic: bool | None = None) -> DemoResult:
    """Ingest the demo corpus into ``store`` (again: duplicates are harmless), cluster
    it into stories, compare each copy of the largest story with its origin, and analyze
    every article's claims, sourcing and dates."""
    from .analyze import Analyzer
    from .compare import Comparer
    from .stories import cluster_store, story_view

    with demo_corpus() as folder:
        files = sorted(p for p in folder.glob("*.txt"))
        report = ingest(files, store)
    ids = report.stored + report.duplicates
    found = (store.get_article(i) for i in ids)
    articles = sorted((a for a in found if a is not None),
                      key=lambda a: (a.published is None, a.published, a.id))
    stories = cluster_store(store, semantic=semantic)
    view = None
    if stories and len(stories[0].members) > 1:
        view = story_view(store, stories[0], Comparer(semantic=semantic, store=store))
    analyzer = Analyzer(semantic=False)
    analyses = [analyzer.analyze(a, store.sentences(a.id)) for a in articles]
    return DemoResult(ingest=report, database=store.url, articles=articles, stories=stories,
                      story=view, analyses=analyses)
