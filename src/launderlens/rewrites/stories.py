"""The store's articles in, its stories out; and one story in, what each copy did to it.

:func:`cluster_store` groups every stored article into stories with
:class:`~launderlens.rewrites.cluster.StoryIndex` and saves them (replacing the previous ones).
:func:`story_view` reads one saved story back: its members in publication order, and for
each copy its alignment against the origin: what it added, dropped and changed. With the
embedding model installed, sentence vectors are cached in the store, so clustering and
comparing the same articles again does not embed them again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from ..embeddings.cache import CachedEncoder
from ..embeddings.encoder import load_encoder
from ..errors import ConfigError
from ..model import Article, Story
from ..store import Store
from .cluster import StoryIndex
from .compare import Comparer, Comparison
from .origin import SkeletonSentence, story_skeleton
from .similarity import semantic_available

__all__ = ["MemberView", "StoryView", "cluster_store", "story_view"]

Progress = Callable[[str, int, int], None]


def cluster_store(store: Store, *, semantic: bool | None = None, threshold: float | None = None,
                  window: timedelta | None = None, progress: Progress | None = None
                  ) -> list[Story]:
    """Cluster every stored article, save the stories in the store and return them.

    ``semantic`` True requires the embedding model, False never uses it, None uses it when
    installed. ``threshold`` and ``window`` are :class:`StoryIndex`'s.
    """
    use_semantic = semantic_available() if semantic is None else semantic
    if use_semantic and not semantic_available():
        raise ConfigError("the semantic backend is not installed: "
                          "pip install 'launderlens[semantic]'")
    backends: tuple[str, ...] = ("lexical", "semantic") if use_semantic else ("lexical",)
    params: dict[str, dict[str, Any]] = {}
    if use_semantic:
        encoder = load_encoder(required=True)
        assert encoder is not None
        params["semantic"] = {"encoder": CachedEncoder(encoder, store)}
    index = StoryIndex(backends=backends, threshold=threshold, window=window,
                       backend_params=params)
    index.fit(store.iter_articles(), progress)
    stories = index.stories_
    store.replace_stories(stories, index.params())
    return stories


@dataclass(frozen=True, slots=True)
class MemberView:
    """One member of a story: the origin (``comparison`` None) or a copy compared with it."""

    article: Article
    is_origin: bool
    comparison: Comparison | None

    def as_dict(self) -> dict[str, Any]:
        a = self.article
        out: dict[str, Any] = {
            "id": a.id, "title": a.title, "outlet": a.outlet or a.domain, "url": a.url,
            "published": a.published.isoformat() if a.published else None,
            "role": "origin" if self.is_origin else "copy",
        }
        c = self.comparison
        if c is not None:
            out["similarity_to_origin"] = round(c.similarity, 4)
            unsure = set(c.unsure_added)
            out["added"] = [{"index": j, "text": c.b_sentences[j].text,
                             "certain": j not in unsure} for j in c.alignment.added]
            out["dropped"] = [{"index": i, "text": c.a_sentences[i].text}
                              for i in c.alignment.dropped]
            out["changes"] = [{"origin_sentence": ch.a, "sentence": ch.b, "kind": ch.kind,
                               "origin_text": ch.a_text, "text": ch.b_text}
                              for ch in c.changes]
            out["verdicts"] = [{**v.as_dict(), "text": c.b_sentences[v.b].text}
                               for v in c.verdicts]
            out["manipulation"] = c.manipulation.as_dict()
        return out


@dataclass(frozen=True, slots=True)
class StoryView:
    """A saved story with its members read from the store and compared with its origin."""

    story: Story
    members: tuple[MemberView, ...]
    skeleton: tuple[SkeletonSentence, ...]
    missing: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        s = self.story
        return {
            "id": s.id, "origin": s.origin, "origin_reason": s.origin_reason,
            "origin_evidence": s.origin_evidence,
            "first_published": s.first_published.isoformat() if s.first_published else None,
            "key_terms": list(s.key_terms),
            "members": [m.as_dict() for m in self.members],
            "skeleton": [{"index": k.index, "text": k.text, "copies_retelling": k.support,
                          "copies": k.copies} for k in self.skeleton],
            "missing_articles": list(self.missing),
        }


def story_view(store: Store, story: Story, comparer: Comparer) -> StoryView:
    """Read ``story``'s members and compare each copy with the origin.

    Members deleted from the store since clustering are listed in ``missing``.
    """
    articles: dict[str, Article] = {}
    for member in story.members:
        article = store.get_article(member)
        if article is not None:
            articles[member] = article
    missing = tuple(m for m in story.members if m not in articles)
    origin = articles.get(story.origin)
    origin_sentences = store.sentences(origin.id) if origin else []
    views = []
    for member in story.members:
        article = articles.get(member)
        if article is None:
            continue
        if origin is None or member == story.origin:
            views.append(MemberView(article, member == story.origin, None))
            continue
        comparison = comparer.compare(origin, article, a_sentences=origin_sentences,
                                      b_sentences=store.sentences(member))
        views.append(MemberView(article, False, comparison))
    skeleton: list[SkeletonSentence] = []
    if origin is not None and len(articles) > 1:
        skeleton = story_skeleton(story, articles)
    return StoryView(story, tuple(views), tuple(skeleton), missing)
