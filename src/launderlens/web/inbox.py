"""Filters in (outlet, dates, finding kind, search words); the recent articles and the
stories the inbox shows out, ranked by the severity of their findings.

Ranking needs every candidate analysed, so the inbox looks at a window of the most recent
articles (``Settings.inbox_window``) and the largest stories, not the whole store; the
analyses are stored, so only new articles cost anything on the next visit. Search words
go through the store's full-text index (every word required, lowered, not stemmed), so
the window is the most recent articles that hold them; a story matches when one of its
members holds them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from ..findings import Finding
from ..model import Article, Story
from ..store.search import INDEXED_CHARS, search_words
from ..store.watch import AlertRecord
from .services import Services

__all__ = ["ArticleRow", "InboxFilters", "Severity", "StoryRow", "article_rows", "inbox",
           "outlet_page"]

#: Rows shown in each list.
SHOWN = 50


@dataclass(frozen=True)
class Severity:
    """Findings counted by severity, and their kinds."""

    high: int = 0
    medium: int = 0
    low: int = 0
    kinds: frozenset[str] = frozenset()

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Severity:
        found = list(findings)
        return cls(sum(f.severity == "high" for f in found),
                   sum(f.severity == "medium" for f in found),
                   sum(f.severity == "low" for f in found), frozenset(f.kind for f in found))

    def __add__(self, other: Severity) -> Severity:
        return Severity(self.high + other.high, self.medium + other.medium,
                        self.low + other.low, self.kinds | other.kinds)

    @property
    def rank(self) -> tuple[int, int, int]:
        return (self.high, self.medium, self.low)

    def __getitem__(self, name: str) -> int:  # templates read counts by severity name
        return {"high": self.high, "medium": self.medium, "low": self.low}[name]


@dataclass(frozen=True)
class InboxFilters:
    outlet: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    kind: str | None = None
    q: str | None = None

    @property
    def active(self) -> bool:
        return any((self.outlet, self.since, self.until, self.kind, self.q))


@dataclass(frozen=True)
class ArticleRow:
    article: Article
    severity: Severity


@dataclass(frozen=True)
class StoryRow:
    story: Story
    origin: Article | None
    outlets: tuple[str, ...]
    severity: Severity


def _when(article: Article) -> float:
    return article.published.timestamp() if article.published else float("-inf")


def _mentions(article: Article, words: str) -> bool:
    """Whether ``article`` holds every search word, read as the store's index reads them."""
    wanted = search_words(words)
    if not wanted:
        return False
    held = set(search_words(f"{article.title or ''} {article.text[:INDEXED_CHARS]}",
                            limit=None))
    return all(word in held for word in wanted)


def _outlet_is(article: Article, outlet: str) -> bool:
    name = outlet.casefold()
    return name in ((article.outlet or "").casefold(), (article.domain or "").casefold())


def article_rows(services: Services, articles: Iterable[Article],
                 kind: str | None = None) -> list[ArticleRow]:
    """``articles`` with their severity, worst first then newest; with ``kind``, only
    those with a finding of that kind."""
    rows = [ArticleRow(a, Severity.of(services.analyze(a).findings)) for a in articles]
    if kind:
        rows = [r for r in rows if kind in r.severity.kinds]
    rows.sort(key=lambda r: (r.severity.rank, _when(r.article)), reverse=True)
    return rows


def _story_row(services: Services, story: Story) -> tuple[StoryRow, list[Article]]:
    members = [a for a in (services.store.get_article(m) for m in story.members)
               if a is not None]
    severity = sum((Severity.of(services.analyze(a).findings) for a in members), Severity())
    origin = next((a for a in members if a.id == story.origin), None)
    outlets = tuple(dict.fromkeys(a.outlet or a.domain or "unknown" for a in members))
    return StoryRow(story, origin, outlets, severity), members


def _story_matches(story: Story, members: Sequence[Article], filters: InboxFilters) -> bool:
    if filters.outlet and not any(_outlet_is(a, filters.outlet) for a in members):
        return False
    if filters.q and not any(_mentions(a, filters.q) for a in members):
        return False
    first = story.first_published
    if (filters.since or filters.until) and first is None:
        return False
    if filters.since and first is not None and first < filters.since:
        return False
    return not (filters.until and first is not None and first >= filters.until)


def story_rows(services: Services, stories: Iterable[Story], filters: InboxFilters
               ) -> list[StoryRow]:
    rows = []
    for story in stories:
        row, members = _story_row(services, story)
        if not _story_matches(story, members, filters):
            continue
        if filters.kind and filters.kind not in row.severity.kinds:
            continue
        rows.append(row)
    rows.sort(key=lambda r: (r.severity.rank, r.story.last_published.timestamp()
                             if r.story.last_published else float("-inf")), reverse=True)
    return rows


def inbox(services: Services, filters: InboxFilters) -> tuple[list[ArticleRow], list[StoryRow]]:
    """The articles and stories the inbox shows for ``filters``."""
    store = services.store
    window = services.settings.inbox_window
    recent = store.list_articles(outlet=filters.outlet, since=filters.since,
                                 until=filters.until, limit=window, search=filters.q or None)
    articles = article_rows(services, recent, filters.kind)[:SHOWN]
    stories = story_rows(services, store.list_stories(min_size=2, limit=SHOWN), filters)
    return articles, stories


def outlet_page(services: Services, outlet: str) -> tuple[list[ArticleRow], list[StoryRow]]:
    """An outlet's recent articles, and the stories (of two or more articles) it took part
    in, among the largest stories."""
    store = services.store
    mine = store.list_articles(outlet=outlet, limit=services.settings.inbox_window)
    ids = {a.id for a in mine}
    stories = [s for s in store.list_stories(min_size=2, limit=500)
               if ids.intersection(s.members)]
    return article_rows(services, mine), story_rows(services, stories, InboxFilters())


# -- alerts raised by `launderlens watch` ------------------------------------------------

#: Alerts listed above the stories.
ALERTS_SHOWN = 20


def recent_alerts(services: Services, limit: int = ALERTS_SHOWN) -> list[AlertRecord]:
    """The newest alerts ``watch`` stored (new copies, known narratives, network joins)."""
    return services.store.list_alerts(limit=limit)
