"""One watch cycle: poll the sources, ingest what is new, add it to the story index, analyse
it, and raise the alerts (stored, then handed to each sink)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import LaunderlensError
from ..ingest import IngestReport, ingest
from ..model import Article
from ..rewrites.incremental import IndexCache, cluster_incremental
from ..store import Store
from ..store.watch import AlertRecord
from .alerts import copy_alerts, narrative_alerts, network_alerts
from .poll import Poller, PollResult

if TYPE_CHECKING:
    from ..claims.analyze import Analyzer

__all__ = ["CycleReport", "WatchOptions", "run_cycle"]

log = logging.getLogger(__name__)

Sink = Callable[[Sequence[AlertRecord]], None]
_NETWORKS_STATE = "networks"


@dataclass(frozen=True)
class WatchOptions:
    """What to watch and how. ``stories``: story or member id prefixes whose new copies
    alert (empty: every story). ``networks``: rebuild the outlet graph each cycle for
    ``network_join`` alerts (it aligns every story's copies: costly on a large store).
    ``lock_wait``: seconds a cycle waits for another writer of the story index folder
    (None: the index store's default)."""

    sources: tuple[str, ...]
    allow_private: bool = False
    min_delay: float = 1.0
    max_pages: int = 50
    timeout: float = 20.0
    stories: tuple[str, ...] = ()
    index_dir: Path | None = None
    semantic: bool | None = False
    threshold: float | None = None
    window: timedelta | None = None
    analyze: bool = True
    max_analyze: int = 200
    networks: bool = False
    lock_wait: float | None = None


@dataclass
class CycleReport:
    """What one cycle did; ``alerts`` are the new ones (a repeat is not raised twice)."""

    polls: list[PollResult]
    ingest: IngestReport
    clustering: str | None = None
    alerts: list[AlertRecord] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"sources": [{"url": p.url, "status": p.status, "kind": p.kind,
                             "ingest": len(p.sources), "waiting": p.waiting,
                             "error": p.error, "page_errors": p.page_errors}
                            for p in self.polls],
                "stored": list(self.ingest.stored), "rejected": len(self.ingest.rejected),
                "clustering": self.clustering, "alerts": [a.as_dict() for a in self.alerts],
                "errors": list(self.errors)}


def run_cycle(store: Store, options: WatchOptions, *, analyzer: Analyzer | None = None,
              sinks: Sequence[Sink] = (), poller: Poller | None = None,
              index_cache: IndexCache | None = None) -> CycleReport:
    """Poll every source once and act on what is new; one failing source, article, or
    sink never stops the others. Give the same ``index_cache`` to every cycle of a watch:
    the story index then stays in memory between cycles instead of being read again."""
    poller = poller or Poller(store, allow_private=options.allow_private,
                              min_delay=options.min_delay, max_pages=options.max_pages,
                              timeout=options.timeout)
    polls = [poller.poll(url) for url in options.sources]
    sources = [source for poll in polls for source in poll.sources]
    report = ingest(sources, store, workers=0) if sources else IngestReport()
    cycle = CycleReport(polls, report)
    new = list(report.stored)
    if not new:
        return cycle
    # Another watch or `cluster --incremental` on the index folder makes this wait, and
    # fail with IndexBusyError past the writer lock's wait (the articles stay stored, and
    # the next cycle adds them).
    result = cluster_incremental(store, index_dir=options.index_dir,
                                 semantic=options.semantic, threshold=options.threshold,
                                 window=options.window, cache=index_cache,
                                 lock_wait=options.lock_wait)
    cycle.clustering = f"{result.mode}: {result.reason}"
    # The clustering read the new articles already (unless it clustered everything).
    articles = {i: a for i in new
                if (a := result.articles.get(i) or store.get_article(i)) is not None}
    alerts = copy_alerts(new, result.story_of, articles, options.stories)
    if options.analyze and analyzer is not None:
        alerts += _analyse(store, analyzer, [articles[i] for i in new if i in articles]
                           [: options.max_analyze], result.story_of, cycle.errors)
    if options.networks:
        alerts += _networks(store, cycle.errors)
    cycle.alerts = store.add_alerts(alerts)
    for sink in sinks:
        try:
            sink(cycle.alerts)
        except (OSError, LaunderlensError) as error:
            cycle.errors.append(f"alert sink: {error}")
    return cycle


def _analyse(store: Store, analyzer: Analyzer, articles: Sequence[Article],
             story_of: Callable[[str], Any], errors: list[str]) -> list[AlertRecord]:
    from ..claims.stored import StoredAnalyzer

    stored = StoredAnalyzer(analyzer, store)
    out: list[AlertRecord] = []
    for article in articles:
        try:
            analysis = stored.analyze(article)
        except Exception as error:  # one article's analysis never stops the cycle
            errors.append(f"analysis of {article.id}: {type(error).__name__}: {error}")
            continue
        out += narrative_alerts(article, analysis.findings, story_of(article.id))
    return out


def _networks(store: Store, errors: list[str]) -> list[AlertRecord]:
    from ..network import build_network

    try:
        graph = build_network(store)
    except Exception as error:  # the networks are an extra: the other alerts stand
        errors.append(f"networks: {type(error).__name__}: {error}")
        return []
    now = [{"id": n["id"], "outlets": [o["key"] for o in n["outlets"]]}
           for n in graph.as_dict()["networks"]]
    before = store.get_watch_state(_NETWORKS_STATE)
    store.set_watch_state(_NETWORKS_STATE, [sorted(n["outlets"]) for n in now])
    return network_alerts(before, now)
