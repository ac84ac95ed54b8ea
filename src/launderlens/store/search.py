"""Search words in; the SQL condition that finds the articles holding them out, per dialect.

Both dialects read the words the same way: split at anything that is not a letter or a
digit, lowered, not stemmed, every word required. SQLite asks its FTS5 index
(``article_search``, unicode61 tokenizer with diacritics kept); PostgreSQL its GIN index
over ``to_tsvector('simple', ...)`` (migration 6), whose parser reads the query as it read
the texts. Only the first 100,000 characters of a text are indexed in either.

The query never reaches FTS5's own syntax: each word is quoted, so an adversary's ``OR``,
``NEAR`` or ``*`` are words like any other.
"""

from __future__ import annotations

import re

__all__ = ["INDEXED_CHARS", "MAX_QUERY_WORDS", "search_query", "search_words"]

#: How much of each text the full-text indexes hold (the migration files repeat it).
INDEXED_CHARS = 100_000
#: Words of a query beyond this are ignored: each one is another index lookup.
MAX_QUERY_WORDS = 32

_WORD = re.compile(r"[^\W_]+")

#: PostgreSQL uses the expression index only when a query repeats its expression exactly.
_PG_DOCUMENT = ("to_tsvector('simple'::regconfig, lower((coalesce(title, '') || ' ' || "
                f"left(text, {INDEXED_CHARS})) COLLATE \"und-x-icu\"))")


def search_words(words: str, *, limit: int | None = MAX_QUERY_WORDS) -> list[str]:
    """The words a search looks for, lowered (as both indexes lower), in order, once each;
    ``limit`` None reads all of ``words`` (a text, not a query)."""
    if limit is not None:
        words = words[:4000]
    found = list(dict.fromkeys(w.lower() for w in _WORD.findall(words)))
    return found if limit is None else found[:limit]


def search_query(dialect: str, words: str) -> tuple[str, str] | None:
    """``(condition on articles, its one parameter)``, or None when ``words`` holds no
    word to look for."""
    found = search_words(words)
    if not found:
        return None
    if dialect == "postgres":
        return f"{_PG_DOCUMENT} @@ plainto_tsquery('simple'::regconfig, ?)", " ".join(found)
    match = " ".join('"' + w.replace('"', '""') + '"' for w in found)
    return ("id IN (SELECT s.article_id FROM article_search_ids s WHERE s.doc IN"
            " (SELECT rowid FROM article_search WHERE article_search MATCH ?))", match)
