"""The store's new articles in, the stories of all of them out, from the story index the last
run saved: ``cluster --incremental`` and each ``watch`` cycle.

:func:`cluster_incremental` loads the saved :class:`~launderlens.rewrites.cluster.StoryIndex`,
adds the stored articles it does not hold yet (``StoryIndex.add``: the stories a
re-cluster of the same rows and candidate pairs gives), saves it and the stories. It
clusters everything from scratch instead, and says why in ``reason``, when it cannot
stand for a re-cluster: no saved index (or one that is damaged or of another format),
other parameters asked for, articles deleted from the store since, or a collection
grown by more than ``refit_growth`` times the articles whose term statistics (IDF) the
index learned: the statistics of a full fit drift as the collection grows, and a fresh
fit learns them again.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

from ..embeddings.cache import CachedEncoder
from ..embeddings.encoder import load_encoder
from ..errors import ConfigError
from ..model import Article, Story
from ..store import Store
from .cluster import StoryIndex
from .index_store import (
    IndexFileError,
    holds,
    index_exists,
    load_index,
    save_index,
    writing,
)
from .similarity import semantic_available

__all__ = ["DEFAULT_REFIT_GROWTH", "IncrementalResult", "IndexCache", "cluster_incremental",
           "default_index_dir"]

log = logging.getLogger(__name__)

#: Re-learn the term statistics once the collection has grown by this share of the
#: articles they were learned from.
DEFAULT_REFIT_GROWTH = 0.5

Progress = Callable[[str, int, int], None]


@dataclass
class IncrementalResult:
    """What :func:`cluster_incremental` did: ``mode`` is ``incremental`` or ``full`` (with
    the ``reason``); ``stories`` the stories it wrote (all of them after a full run, those
    the new articles changed after an incremental one: every story that holds one of
    ``added``); ``earlier`` the ids the index held before. ``index`` is the StoryIndex,
    saved. ``articles``: the new articles it read from the store to add them (none after a
    full run), so that a caller need not read them again."""

    stories: list[Story]
    mode: str
    reason: str
    added: list[str]
    earlier: set[str] = field(default_factory=set)
    index: StoryIndex | None = None
    articles: dict[str, Article] = field(default_factory=dict)

    def story_of(self, article_id: str) -> Story | None:
        return self._story_by_member.get(article_id)

    @cached_property
    def _story_by_member(self) -> dict[str, Story]:
        # a cycle asks once per new article: one pass over the stories, not one per question
        return {member: story for story in reversed(self.stories) for member in story.members}


class IndexCache:
    """The story index a long-running caller (``watch``) keeps between runs: used again
    while its folder still holds what it saved (:func:`index_store.holds`) and the store is
    the same; read from disk when another index has saved there since."""

    def __init__(self) -> None:
        self._kept: tuple[Store, StoryIndex] | None = None

    def take(self, folder: Path, store: Store) -> StoryIndex | None:
        """The kept index if it still stands for ``folder`` (holds tells: the folder it was
        saved to, and nothing saved there since); the cache lets go of it (a run that fails
        half-way must not leave a half-grown index here)."""
        kept, self._kept = self._kept, None
        if kept is None or kept[0] is not store or not holds(folder, kept[1]):
            return None
        return kept[1]

    def put(self, store: Store, index: StoryIndex) -> None:
        index.forget_texts()  # the store has them; a long watch would hold every one
        self._kept = (store, index)


def default_index_dir(store: Store) -> Path:
    """``<database file>.story-index`` beside a SQLite file; ConfigError for other stores
    (give the folder)."""
    path = getattr(store, "path", None)
    if not isinstance(path, str) or path in ("", ":memory:") or path.startswith("file:"):
        raise ConfigError("this store has no file to keep the story index beside: give "
                          "the index folder (--index DIR)")
    return Path(path).with_name(Path(path).name + ".story-index")


def cluster_incremental(store: Store, *, index_dir: str | Path | None = None,
                        semantic: bool | None = None, threshold: float | None = None,
                        window: timedelta | None = None,
                        refit_growth: float = DEFAULT_REFIT_GROWTH,
                        progress: Progress | None = None,
                        cache: IndexCache | None = None,
                        lock_wait: float | None = None) -> IncrementalResult:
    """Add the store's unindexed articles to the saved story index (or cluster everything
    when it cannot: see the module docstring); save the index and the stories. With a
    ``cache``, the index it kept from the last run is used while the folder is unchanged.
    ``lock_wait``: seconds to wait for another writer of the folder before IndexBusyError
    (default :data:`~launderlens.store.index_lock.LOCK_WAIT`)."""
    folder = Path(index_dir) if index_dir is not None else default_index_dir(store)
    backends, backend_params, encoder = _backends(store, semantic)
    wanted = StoryIndex(backends=backends, threshold=threshold, window=window,
                        backend_params=backend_params)
    # One writer per folder from load to save (IndexBusyError past the lock's wait): two
    # runs must not each grow a copy of one index and save over the other.
    with writing(folder, wait=lock_wait):
        return _cluster_held(store, folder, wanted, encoder, refit_growth, progress, cache)


def _cluster_held(store: Store, folder: Path, wanted: StoryIndex, encoder: Any,
                  refit_growth: float, progress: Progress | None,
                  cache: IndexCache | None) -> IncrementalResult:
    """:func:`cluster_incremental`'s load, add and save, run while it holds the
    folder's writer lock."""
    stored = store.article_ids()
    kept = cache.take(folder, store) if cache is not None else None
    index, reason = _usable_index(folder, wanted, encoder, store, stored, refit_growth, kept)
    new_articles: dict[str, Article] = {}
    if index is None:
        index = wanted.fit(store.iter_articles(), progress)
        index.token_ = uuid.uuid4().hex
        mode, added, earlier = "full", list(index.ids_), set()
        stories = index.stories_
        store.replace_stories(stories, _written(index, mode))
    else:
        earlier = set(index.ids_)
        new_articles = _articles(store, [i for i in stored if i not in earlier])
        index.add(new_articles.values(), progress)
        mode, added = "incremental", [i for i in index.ids_ if i not in earlier]
        if store.count_stories_unlike(_token_marker(index)):
            # Another clustering wrote the store's stories since: write all of ours.
            reason += "; the store held stories of another clustering, all are written"
            stories = index.stories_
            store.replace_stories(stories, _written(index, mode))
        else:
            # Only the stories the new articles could change are built and written again.
            stories = index.changed_stories()
            changed = [index.ids_[row] for row in index.changed_rows_.tolist()]
            store.replace_stories_of(changed, stories, _written(index, mode))
    save_index(index, folder)
    index.text_source = index.text_source or _texts(store)
    if cache is not None:
        cache.put(store, index)
    log.info("%s clustering: %d articles added (%s)", mode, len(added), reason)
    return IncrementalResult(stories, mode, reason, added, earlier, index, new_articles)


def _written(index: StoryIndex, mode: str) -> dict[str, Any]:
    """What the stories record as their making: the index's parameters and token."""
    return {**index.params(), "clustering": mode, "index_token": index.token_}


def _token_marker(index: StoryIndex) -> str:
    # The JSON the stores keep the parameters as (sorted keys, default separators).
    return json.dumps({"index_token": index.token_})[1:-1]


def _backends(store: Store, semantic: bool | None
              ) -> tuple[tuple[str, ...], dict[str, dict[str, Any]], Any]:
    use_semantic = semantic_available() if semantic is None else semantic
    if use_semantic and not semantic_available():
        raise ConfigError("the semantic backend is not installed: "
                          "pip install 'launderlens[semantic]'")
    if not use_semantic:
        return ("lexical",), {}, None
    encoder = load_encoder(required=True)
    assert encoder is not None
    cached = CachedEncoder(encoder, store)
    return ("lexical", "semantic"), {"semantic": {"encoder": cached}}, cached


def _usable_index(folder: Path, wanted: StoryIndex, encoder: Any, store: Store,
                  stored: Sequence[str], refit_growth: float, kept: StoryIndex | None
                  ) -> tuple[StoryIndex | None, str]:
    """The saved index (``kept`` when given: the one in memory), or None with the reason
    a full re-cluster is needed instead."""
    if kept is not None:
        index = kept
    elif not index_exists(folder):
        return None, f"no saved story index in {folder}"
    else:
        try:
            index = load_index(folder, encoder=encoder, text_source=_texts(store))
        except IndexFileError as error:
            return None, f"{error}; clustering everything again"
    if _same_params(index) != _same_params(wanted):
        return None, "other clustering parameters than the saved index's"
    present = set(stored)
    if any(i not in present for i in index.ids_):
        return None, "articles were deleted from the store since the index was saved"
    learned = index._lexical().fitted_documents_
    new = len(present) - len(index.ids_)
    if len(index.ids_) + new > (1 + refit_growth) * max(learned, 1):
        return None, (f"the collection has grown past {1 + refit_growth:g} times the "
                      f"{learned} articles whose term statistics the index learned")
    return index, f"{new} new articles added to an index of {len(index.ids_)}"


def _same_params(index: StoryIndex) -> dict[str, Any]:
    return {"backends": list(index.backends), "threshold": index.threshold,
            "weights": dict(index.weights), "neighbours": index.neighbours,
            "window": index.window.total_seconds() if index.window else None}


def _articles(store: Store, ids: Sequence[str]) -> dict[str, Article]:
    found = (store.get_article(i) for i in ids)
    return {a.id: a for a in found if a is not None}


def _texts(store: Store) -> Callable[[Sequence[str]], Mapping[str, str]]:
    def read(ids: Sequence[str]) -> Mapping[str, str]:
        found = (store.get_article(i) for i in ids)
        return {a.id: a.text for a in found if a is not None}
    return read
