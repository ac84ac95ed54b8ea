"""The network stage: the store's outlets, indicators and stories in; the outlets that act
as one operation out, each network with the evidence that joins it.

::

    from launderlens.network import build_network
    graph = build_network(store)          # after ingest and `cluster`
    graph.as_dict()["networks"]           # [{"id", "score", "outlets", "evidence", ...}]

Evidence comes from infrastructure (:mod:`.evidence`: the indicators the readers kept)
and behaviour (:mod:`.behaviour`: co-publication, shared added sentences and bursts, read
from the stories and each copy's alignment against its origin); :mod:`.graph` scores the edges
and finds the communities.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..outlets import outlet_key
from ..store import Store
from .behaviour import StoryCopy, burst_links, copublication_links, shared_addition_links
from .evidence import Link, infrastructure_links
from .graph import DEFAULT_MIN_SCORE, NetworkGraph, OutletNetwork, OutletRef, build_graph

if TYPE_CHECKING:
    from ..kb.model import KnowledgeBase
    from ..rewrites.compare import Comparer

__all__ = ["DEFAULT_MIN_SCORE", "DEFAULT_WINDOW_MINUTES", "Link", "NetworkGraph",
           "OutletNetwork", "OutletRef", "StoryCopy", "build_network", "record_affiliations",
           "story_copies"]

LOGGER = logging.getLogger(__name__)

#: Minutes within which two outlets' copies of a story count as published together.
DEFAULT_WINDOW_MINUTES = 60.0

Progress = Callable[[str, int, int], None]


def story_copies(store: Store, comparer: Comparer, *, progress: Progress | None = None,
                 failures: list[str] | None = None) -> Iterator[StoryCopy]:
    """Every article of every stored story of two or more, with the sentences its
    alignment against the story's origin found added (none for the origin itself).

    A copy whose alignment fails keeps its place (it still co-publishes) without added
    sentences, and its id goes to ``failures``."""
    stories = store.list_stories(min_size=2)
    for done, story in enumerate(stories, 1):
        origin = store.get_article(story.origin)
        if origin is None:
            continue
        origin_sentences = store.sentences(origin.id)
        for member in story.members:
            article = origin if member == origin.id else store.get_article(member)
            if article is None:
                continue
            key = outlet_key(article.domain, article.outlet)
            if key is None:
                continue
            sentences = store.sentences(article.id)
            added: tuple[int, ...] = ()
            if article.id != origin.id:
                try:
                    result = comparer.compare(origin, article, a_sentences=origin_sentences,
                                              b_sentences=sentences)
                except Exception as err:  # one copy that fails costs its additions only
                    LOGGER.warning("story %s: cannot align %s on its origin: %s: %s",
                                   story.id, article.id, type(err).__name__, err)
                    if failures is not None:
                        failures.append(article.id)
                else:
                    unsure = set(result.alignment.unsure)
                    added = tuple(j for j in result.alignment.added if j not in unsure)
            yield StoryCopy(story.id, article.id, key, article.published,
                            tuple(s.text for s in sentences), added)
        if progress is not None:
            progress("comparing copies", done, len(stories))


def record_affiliations(store: Store, kb: KnowledgeBase) -> int:
    """Give each stored outlet without an affiliation that the knowledge base's registry
    knows (by domain, else by name) its state affiliation and the public source that states
    it; how many changed. An affiliation imported from a list is kept."""
    changed = 0
    for record in store.list_outlets():
        if record.affiliation is not None:
            continue
        known = next(filter(None, (kb.outlet_for(d) for d in record.domains)), None)
        if known is None and record.name:
            known = kb.outlet_for(record.name)
        if known is None:
            continue
        source = known.sources[0].url if known.sources else None
        store.set_outlet_affiliation(record.key, known.state_affiliation, source)
        changed += 1
    return changed


def build_network(store: Store, *, comparer: Comparer | None = None,
                  window_minutes: float = DEFAULT_WINDOW_MINUTES,
                  min_score: float = DEFAULT_MIN_SCORE,
                  progress: Progress | None = None) -> NetworkGraph:
    """The outlet graph of everything in ``store`` (run ``cluster`` first for behaviour).

    ``comparer`` aligns each copy onto its story's origin (default: a lexical one, which
    needs no model).
    """
    if comparer is None:
        from ..rewrites.compare import Comparer

        comparer = Comparer(semantic=False)
    failures: list[str] = []
    copies = list(story_copies(store, comparer, progress=progress, failures=failures))
    links = itertools.chain(infrastructure_links(store.outlet_indicators()),
                            copublication_links(copies, window_minutes),
                            shared_addition_links(copies), burst_links(copies))
    outlets = {o.key: OutletRef(o.key, o.label, o.domains) for o in store.list_outlets()}
    params = {"window_minutes": window_minutes, "comparer": comparer.method,
              "stories": len({c.story for c in copies}), "unaligned_copies": failures}
    return build_graph(links, outlets, min_score=min_score, params=params)
