"""Settings in; the objects one app shares between requests out, and the FastAPI
dependencies that hand them to endpoints.

:class:`Services` holds the store (behind one thread, :mod:`.threadstore`), the analyzer
with the knowledge base and a narrative matcher over the store's catalogue, the comparer,
a memory cache in front of the store's analyses of stored articles
(:mod:`launderlens.claims.stored`), the outlet-network graph, and the table of
background jobs. They are built once per app, on first use or at startup, because loading
the knowledge base, the catalogue index and (optionally) the embedding model costs
seconds.

Endpoints take them through one dependency, :func:`get_services`, which a test can
replace with ``app.dependency_overrides``; or a test passes its own ``builder`` to
:func:`~launderlens.web.create_app`.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from fastapi import Request

from ..claims.analyze import Analysis, Analyzer
from ..claims.stored import StoredAnalyzer
from ..model import Article
from ..rewrites.compare import Comparer
from ..store import Store, default_db_url
from .jobs import JobTable
from .network_view import NetworkCache
from .settings import Settings
from .threadstore import open_thread_bound

if TYPE_CHECKING:
    from ..model import Story
    from ..narratives import NarrativeMatcher
    from ..rewrites.stories import StoryView

K = TypeVar("K")
V = TypeVar("V")

__all__ = ["AnalysisCache", "Services", "ServicesHolder", "build_services", "get_services"]

log = logging.getLogger(__name__)


class LRUCache(Generic[K, V]):
    """At most ``size`` values by key, the least recently used dropped first; thread-safe."""

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


#: Analyses of stored articles by (article id, parameters key of
#: :mod:`launderlens.claims.stored`): the key moves with a catalogue import, so a stale
#: analysis is never served. Behind it, the store keeps analyses across restarts.
AnalysisCache = LRUCache[tuple[str, str], Analysis]
#: Story views by (story id, members, origin): comparing every copy with the origin takes
#: about a second and a half for ten copies, and the same members give the same view.
StoryViewCache = LRUCache[tuple[str, tuple[str, ...], str], "StoryView"]


@dataclass
class Services:
    """What one app shares. ``lock`` guards the analyzer's narrative matcher, whose index
    is updated in place; analyses and catalogue searches take it."""

    settings: Settings
    store: Store
    analyzer: Analyzer
    comparer: Comparer
    jobs: JobTable
    cache: AnalysisCache = field(default_factory=AnalysisCache)
    views: StoryViewCache = field(default_factory=lambda: StoryViewCache(128))
    #: The outlet graph, built again when the store changed (:mod:`.network_view`).
    networks: NetworkCache = field(default_factory=NetworkCache, repr=False)
    lock: threading.RLock = field(default_factory=threading.RLock)
    _stored: StoredAnalyzer | None = field(default=None, repr=False)

    @property
    def matcher(self) -> NarrativeMatcher:
        from ..narratives import NarrativeMatcher

        matcher = self.analyzer.narratives
        assert isinstance(matcher, NarrativeMatcher)
        return matcher

    @property
    def stored_analyses(self) -> StoredAnalyzer:
        """The analyzer behind the store's analyses (one per app, made on first use)."""
        if self._stored is None:
            self._stored = StoredAnalyzer(self.analyzer, self.store)
        return self._stored

    def analyze(self, article: Article) -> Analysis:
        """Analyze ``article`` with its stored sentences when the store has it (as
        ``launderlens analyze`` does): from the memory cache when analysed before, else
        the analysis stored with the same parameters, else computed and stored."""
        found = self.store.get_article(article.id)
        # The id does not cover the URL or the date: a pasted copy of a stored article
        # may differ in those, and is analysed as given (with the stored sentences).
        if found is None or found != article:
            sentences = self.store.sentences(article.id) if found is not None else []
            with self.lock:
                return self.analyzer.analyze(article, sentences or None)
        with self.lock:
            key_and_params = self.stored_analyses.key_and_params()
            key = (article.id, key_and_params[0])
            if (cached := self.cache.get(key)) is not None:
                return cached
            analysis = self.stored_analyses.analyze_stored(article, key=key_and_params)
        self.cache.put(key, analysis)
        return analysis

    def story_view(self, story: Story) -> StoryView:
        """``story``'s members compared with its origin, from the cache when seen before."""
        from ..rewrites.stories import story_view

        key = (story.id, tuple(story.members), story.origin)
        cached = self.views.get(key)
        if cached is None:
            cached = story_view(self.store, story, self.comparer)
            self.views.put(key, cached)
        return cached

    def catalogue(self) -> dict[str, Any]:
        """What a report records of the catalogue its analyses searched."""
        with self.lock:
            return self.matcher.describe()

    def close(self) -> None:
        self.jobs.close()
        self.store.close()


def build_services(settings: Settings) -> Services:
    """Open the store and load what the analyses need; the starter catalogue is put in
    the store (records it holds already cost nothing) and the matcher's index built."""
    from ..kb import load_user_kb
    from ..narratives import NarrativeMatcher, ensure_starter

    store = open_thread_bound(settings.db or default_db_url())
    try:
        ensure_starter(store)
        # Like `launderlens analyze`: known narratives are matched with embeddings whenever
        # installed (semantic None), and so are propaganda techniques; claim scores use them
        # only when asked for (True);
        # the comparer, like `compare`, uses them whenever installed unless told not to.
        # (Sentences in another script than Latin go to the multilingual encoder when
        # that is installed too.)
        matcher = NarrativeMatcher.for_store(store, semantic=settings.semantic, starter=False)
        encoder = matcher.encoder
        analyzer = Analyzer(kb=load_user_kb(settings.kb_dir), semantic=settings.semantic is True,
                            encoder=encoder if settings.semantic is True else None,
                            narratives=matcher, technique_encoder=encoder)
        comparer = Comparer(semantic=settings.semantic, store=store)
        matcher.sync()
    except BaseException:
        store.close()
        raise
    log.info("web services ready: store %s, %d catalogue records, alignment %s",
             "postgresql" if store.url.startswith("postgres") else "sqlite",
             store.count_narratives(), comparer.method)
    return Services(settings=settings, store=store, analyzer=analyzer, comparer=comparer,
                    jobs=JobTable(store, workers=settings.job_workers))


class ServicesHolder:
    """Builds the services on first use, once, whichever request or startup comes first;
    a test may put its own in ``services`` before the app starts."""

    def __init__(self, settings: Settings,
                 builder: Callable[[Settings], Services] = build_services) -> None:
        self.settings = settings
        self.builder = builder
        self.services: Services | None = None
        self._lock = threading.Lock()

    def get(self) -> Services:
        if self.services is None:
            with self._lock:
                if self.services is None:
                    self.services = self.builder(self.settings)
        return self.services

    def close(self) -> None:
        with self._lock:
            if self.services is not None:
                self.services.close()
                self.services = None


# -- dependencies --------------------------------------------------------------------------

def get_services(request: Request) -> Services:
    """The app's shared services; every endpoint takes them through this dependency, so a
    test can put its own in with ``app.dependency_overrides[get_services]``."""
    holder: ServicesHolder = request.app.state.services
    return holder.get()
