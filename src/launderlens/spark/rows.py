"""Articles, sentences and stories in, flat rows out (and back): the one shape a batch
engine's tables (Spark DataFrames, Parquet files) hold them in.

Pure Python, no engine imports: executors, the Parquet export and the store loader all
call these, so that an article read in an executor is, field for field and id for id, the
article the local path stores. ``published`` travels as ISO 8601 text (its UTC offset
kept) beside ``published_ts``, seconds since the epoch, which orders rows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ..model import Article, Story

__all__ = ["ARTICLE_COLUMNS", "SENTENCE_COLUMNS", "STORY_COLUMNS", "article_from_row",
           "article_row", "order_key", "story_from_row",
           "story_row"]

#: Column names and Spark SQL types of the articles table.
ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"), ("url", "string"), ("outlet", "string"), ("domain", "string"),
    ("section", "string"), ("title", "string"), ("byline", "string"),
    ("published", "string"), ("published_ts", "double"), ("language", "string"),
    ("text", "string"), ("source_format", "string"), ("meta", "string"),
)
SENTENCE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "string"), ("idx", "int"), ("start", "int"), ("end", "int"),
)
STORY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"), ("size", "int"), ("origin", "string"), ("origin_reason", "string"),
    ("members", "array<string>"), ("first_published", "string"), ("data", "string"),
)


def ddl(columns: tuple[tuple[str, str], ...]) -> str:
    """A Spark DDL schema string for ``columns`` (names quoted: ``end`` is a keyword)."""
    return ", ".join(f"`{name}` {kind}" for name, kind in columns)


def article_row(article: Article) -> dict[str, Any]:
    """The articles-table row of ``article``."""
    published = article.published
    return {
        "id": article.id, "url": article.url, "outlet": article.outlet,
        "domain": article.domain, "section": article.section, "title": article.title,
        "byline": article.byline,
        "published": published.isoformat() if published else None,
        "published_ts": published.timestamp() if published else None,
        "language": article.language, "text": article.text,
        "source_format": article.source_format,
        "meta": json.dumps(dict(article.meta), ensure_ascii=False, sort_keys=True),
    }


def article_from_row(row: Mapping[str, Any]) -> Article:
    """The Article a row holds (the plain constructor: the id was derived when read)."""
    published = row.get("published")
    meta = row.get("meta")
    return Article(
        id=str(row["id"]), text=str(row["text"]), title=_text(row.get("title")),
        url=_text(row.get("url")), outlet=_text(row.get("outlet")),
        domain=_text(row.get("domain")), section=_text(row.get("section")),
        byline=_text(row.get("byline")),
        published=datetime.fromisoformat(published) if isinstance(published, str) else None,
        language=_text(row.get("language")),
        source_format=str(row.get("source_format") or "text"),
        meta=json.loads(meta) if isinstance(meta, str) and meta else {},
    )


def _text(value: Any) -> str | None:
    # pandas hands missing strings over as None or NaN (a float)
    return value if isinstance(value, str) else None


def order_key(published_ts: float | None, article_id: str) -> tuple[bool, float, str]:
    """The local path's index order: dated articles by time, then undated; ties by id
    (the store hands articles over in id order and the sort is stable)."""
    undated = published_ts is None or published_ts != published_ts  # NaN from pandas
    return (undated, 0.0 if undated else float(published_ts or 0.0), article_id)


def story_row(story: Story) -> dict[str, Any]:
    return {
        "id": story.id, "size": len(story.members), "origin": story.origin,
        "origin_reason": story.origin_reason, "members": list(story.members),
        "first_published": story.first_published.isoformat() if story.first_published
        else None,
        "data": json.dumps(story.as_dict(), ensure_ascii=False, sort_keys=True),
    }


def story_from_row(row: Mapping[str, Any]) -> Story:
    return Story.from_dict(json.loads(str(row["data"])))
