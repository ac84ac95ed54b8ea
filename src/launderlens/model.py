"""The nouns of launderlens: immutable records that every stage reads and writes.

Articles come out of the readers, Sentences out of the segmenter; later stages add
Story, Alignment, Claim, Attribution, Finding and Report here, so that one module holds
the whole data model. Text positions are character offsets into ``Article.text``;
datetimes are timezone-aware or ``None`` when unknown.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Literal
from urllib.parse import urlsplit

__all__ = [
    "Article",
    "Rejection",
    "Sentence",
    "Story",
    "article_id",
    "domain_of",
    "normalize_for_hash",
]

#: Length of an article id in hex digits (64 bits of SHA-256).
ID_LENGTH = 16


def normalize_for_hash(value: str | None) -> str:
    """Fold the differences that do not make two texts different articles.

    Unicode composition and runs of whitespace change between a page, its feed entry and
    a scraped copy of the same text; they must not change the id.
    """
    if not value:
        return ""
    if not unicodedata.is_normalized("NFC", value):  # a fast check; most text already is
        value = unicodedata.normalize("NFC", value)
    return " ".join(value.split())


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` in lower case without a leading ``www.``, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host.removeprefix("www.")


def article_id(text: str, title: str | None = None, outlet_key: str | None = None) -> str:
    """The stable content-hash id of an article.

    The outlet takes part in the hash because a verbatim copy published by a second
    outlet is a second article: it is evidence of the network, not a duplicate.
    """
    digest = hashlib.sha256()
    for part in (normalize_for_hash(outlet_key).lower(), normalize_for_hash(title),
                 normalize_for_hash(text)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()[:ID_LENGTH]


def _frozen_meta(meta: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    return MappingProxyType(dict(meta or {}))


@dataclass(frozen=True, slots=True, eq=False)
class Article:
    """One published article as collected by an analyst.

    Build it with :meth:`Article.create`, which derives the id, the domain and
    normalises the publication time; the plain constructor trusts its arguments and is
    meant for stores that load what they saved.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    domain: str | None = None
    section: str | None = None
    byline: str | None = None
    published: datetime | None = None
    language: str | None = None
    source_format: str = "text"
    meta: Mapping[str, Any] = field(default_factory=_frozen_meta)

    @classmethod
    def create(
        cls,
        text: str,
        *,
        title: str | None = None,
        url: str | None = None,
        outlet: str | None = None,
        domain: str | None = None,
        section: str | None = None,
        byline: str | None = None,
        published: datetime | None = None,
        language: str | None = None,
        source_format: str = "text",
        meta: Mapping[str, Any] | None = None,
    ) -> Article:
        """Make an Article from reader output: strips fields, derives id and domain.

        A naive ``published`` is taken as UTC (and says so in ``meta``), because a
        comparison between naive and aware datetimes is an error later in the pipeline.
        """
        meta_dict = dict(meta or {})
        if published is not None and published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
            meta_dict.setdefault("published_timezone_assumed", "UTC")
        title = _clean(title)
        outlet = _clean(outlet)
        domain = _clean(domain) or domain_of(url)
        return cls(
            id=article_id(text, title, domain or outlet),
            text=text,
            title=title,
            url=_clean(url),
            outlet=outlet,
            domain=domain.lower() if domain else None,
            section=_clean(section),
            byline=_clean(byline),
            published=published,
            language=_clean(language),
            source_format=source_format,
            meta=_frozen_meta(meta_dict),
        )

    def as_dict(self) -> dict[str, Any]:
        """Every field, JSON-ready: ``published`` as ISO 8601 or None."""
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "domain": self.domain,
            "section": self.section,
            "title": self.title,
            "byline": self.byline,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "source_format": self.source_format,
            "meta": dict(self.meta),
            "text": self.text,
        }

    def with_meta(self, **extra: Any) -> Article:
        """A copy with ``extra`` merged into ``meta`` (the id does not change)."""
        return replace(self, meta=_frozen_meta({**self.meta, **extra}))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Article):
            return NotImplemented
        return _article_fields(self) == _article_fields(other)

    def __hash__(self) -> int:
        return hash(self.id)

    def __reduce__(self) -> tuple[Any, ...]:
        # A mappingproxy cannot be pickled: cross processes with meta as a plain dict.
        fields = _article_fields(self)
        return _rebuild_article, fields


def _rebuild_article(*fields: Any) -> Article:
    names = ("id", "text", "title", "url", "outlet", "domain", "section", "byline",
             "published", "language", "source_format")
    return Article(**dict(zip(names, fields, strict=False)), meta=_frozen_meta(fields[-1]))


def _article_fields(article: Article) -> tuple[Any, ...]:
    return (
        article.id, article.text, article.title, article.url, article.outlet,
        article.domain, article.section, article.byline, article.published,
        article.language, article.source_format, dict(article.meta),
    )


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: ``text == article.text[start:end]``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"index": self.index, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input item that did not become an article, and why.

    ``item`` names the thing a person can go and look at: a path, a URL, ``file:line``
    for a JSON Lines record, ``file#record`` for a WARC record.
    """

    item: str
    reason: str
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def as_dict(self) -> dict[str, str]:
        return {"item": self.item, "reason": self.reason}


OriginReason = Literal["cited", "earliest", "central", "only"]


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that retell one event. ``members`` are article ids in publication order
    (undated last); ``similarity[i]`` is member i's mean score against the others."""

    id: str
    members: tuple[str, ...]
    origin: str
    origin_reason: OriginReason
    origin_evidence: str
    first_published: datetime | None
    last_published: datetime | None
    similarity: tuple[float, ...]
    key_terms: tuple[str, ...]

    @property
    def cohesion(self) -> float:
        """Mean pairwise score between members (0 for a single article)."""
        return sum(self.similarity) / len(self.similarity) if len(self.members) > 1 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "members": list(self.members), "origin": self.origin,
            "origin_reason": self.origin_reason, "origin_evidence": self.origin_evidence,
            "first_published": _iso(self.first_published),
            "last_published": _iso(self.last_published),
            "similarity": [round(s, 4) for s in self.similarity], "cohesion": self.cohesion,
            "key_terms": list(self.key_terms),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Story:
        """The Story that :meth:`as_dict` wrote (a store keeps stories this way)."""
        return cls(
            id=str(data["id"]), members=tuple(data["members"]), origin=str(data["origin"]),
            origin_reason=data["origin_reason"], origin_evidence=str(data["origin_evidence"]),
            first_published=_parse(data.get("first_published")),
            last_published=_parse(data.get("last_published")),
            similarity=tuple(float(x) for x in data["similarity"]),
            key_terms=tuple(data.get("key_terms", ())),
        )


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
