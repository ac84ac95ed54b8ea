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
from .model import Article, Story
from .store import Store

if TYPE_CHECKING:
    from .claims.analyze import Analysis
    from .findings import Finding
    from .rewrites.stories import StoryView

__all__ = ["DEMO_DB_NAME", "DEMO_REPORT_NAME", "DemoResult", "demo_corpus", "run_demo"]

#: The demo writes to its own database beside the default one, never into the user's.
DEMO_DB_NAME = "launderlens-demo.db"
#: The HTML report of the demo story, written beside the demo database.
DEMO_REPORT_NAME = "launderlens-demo-story.html"


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
    report_path: Path | None = None
    #: The report's ``network`` section for the demo story: its outlets, any network they
    #: form and the evidence between them (behaviour only: the demo pages are plain text).
    network: dict[str, Any] | None = None

    @property
    def narrative_matches(self) -> list[tuple[Article, Finding]]:
        """Each ``known_narrative`` finding with its article, in publication order."""
        return [(a.article, f) for a in self.analyses for f in a.findings
                if f.kind == "known_narrative"]

    def as_dict(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "stories": [{"id": s.id, "articles": list(s.members), "origin": s.origin,
                         "origin_reason": s.origin_reason} for s in self.stories],
            "story": self.story.as_dict() if self.story else None,
            "analyses": [{"id": a.article.id, "findings": [f.as_dict() for f in a.findings],
                          "check_worthy": sum(c.check_worthy for c in a.claims),
                          "errors": list(a.errors)} for a in self.analyses],
            "known_narratives": [{"id": a.id, "outlet": a.outlet, **f.as_dict()}
                                 for a, f in self.narrative_matches],
            "report": str(self.report_path) if self.report_path else None,
            "network": self.network,
            "ingest": self.ingest.as_dict(),
            "articles": [
                {"id": a.id, "title": a.title, "outlet": a.outlet, "domain": a.domain,
                 "published": a.published.isoformat() if a.published else None,
                 "role": a.meta.get("demo_role")}
                for a in self.articles
            ],
        }


def run_demo(store: Store, *, semantic: bool | None = None,
             report_path: Path | None = None) -> DemoResult:
    """Ingest the demo corpus into ``store`` (again: duplicates are harmless), cluster
    it into stories, compare each copy of the largest story with its origin, analyze
    every article's claims, sourcing, dates and known narratives (against the starter
    catalogue), and write the story's HTML report to ``report_path`` when given."""
    from .claims.analyze import Analyzer
    from .claims.stored import StoredAnalyzer
    from .embeddings.encoder import encoder_for
    from .narratives import NarrativeMatcher
    from .rewrites.compare import Comparer
    from .rewrites.stories import cluster_store, story_view

    with demo_corpus() as folder:
        files = sorted(p for p in folder.glob("*.txt"))
        report = ingest(files, store)
    ids = report.stored + report.duplicates
    found = (store.get_article(i) for i in ids)
    articles = sorted((a for a in found if a is not None),
                      key=lambda a: (a.published is None, a.published, a.id))
    stories = cluster_store(store, semantic=semantic)
    comparer = Comparer(semantic=semantic, store=store)
    view = None
    if stories and len(stories[0].members) > 1:
        view = story_view(store, stories[0], comparer)
    # Techniques follow the rule of every command: the embeddings when installed, unless
    # --no-semantic (claim scores keep the cues they were calibrated on).
    encoder = encoder_for(semantic)
    analyzer = Analyzer(semantic=False, technique_encoder=encoder,
                        narratives=NarrativeMatcher.for_store(store, semantic=semantic))
    # Stored as every stored article's analysis is, so the web app opens on them at once.
    stored_analyses = StoredAnalyzer(analyzer, store)
    analyses = [stored_analyses.analyze(a) for a in articles]
    result = DemoResult(ingest=report, database=store.url, articles=articles,
                        stories=stories, story=view, analyses=analyses)
    graph = None
    if view is not None:
        from .network import build_network
        from .report.network import network_section

        graph = build_network(store, comparer=comparer)
        result.network = network_section(graph, (m.article for m in view.members))
    if view is not None and report_path is not None:
        from .report import build_provenance, render_html, story_report

        by_id = {a.article.id: a for a in analyses}
        built = story_report(view, by_id, provenance=build_provenance(
            analyzer=analyzer, comparer=comparer, store=store,
            catalogue=analyzer.narratives.describe() if analyzer.narratives else None),
            network=graph)
        report_path.write_text(render_html(built), encoding="utf-8")
        result.report_path = report_path
    return result
