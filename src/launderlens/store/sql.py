"""The store logic SQLite and PostgreSQL share: records in, the same records out.

:class:`SQLStore` implements the :class:`~launderlens.store.Store` protocol once, in SQL
both databases accept; a backend subclass supplies the connection, transactions, the
encoding of times and JSON, and its fastest bulk insert. The schema grows by the
numbered migrations of :mod:`.migrations`, applied in one transaction when a store opens.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, ClassVar, Generic, Protocol, Self, TypeVar

from ..errors import ConfigError, SchemaError, StoreError
from ..model import Article, Rejection, Sentence, Story
from . import AddResult, StoreUnavailableError
from .analyses import AnalysisMixin
from .catalogue import CatalogueMixin
from .jobs import JobMixin
from .migrations import SCHEMA_VERSION_TABLE, Migration, load_migrations
from .outlets import OutletMixin
from .search import search_query
from .values import check_sentences, clean_note, restore_offset, split_instant, text_problem
from .watch import WatchMixin

__all__ = ["ARTICLE_COLUMNS", "Cursor", "SQLStore"]

#: Shortest id prefix :meth:`SQLStore.resolve_id` accepts: shorter ones match too much.
MIN_PREFIX = 4

#: Rows per bulk statement inside one ``add_articles`` transaction, so that a very large
#: call does not build one enormous parameter list.
CHUNK = 1000

#: ``LIMIT`` for "no limit", valid in both dialects (SQLite has no ``LIMIT ALL``).
NO_LIMIT = 2**63 - 1

_HEX = frozenset("0123456789abcdef")

#: Keys per ``IN (...)`` list: well under either database's limit on parameters.
_IN_CHUNK = 500

#: Column order of the rows that ``_insert_articles`` receives.
ARTICLE_COLUMNS = (
    "id", "url", "outlet", "outlet_key", "domain", "section", "title", "byline",
    "published", "published_offset", "language", "text", "source_format", "meta",
    "ingested_at",
)

#: Column order that ``_article_from_row`` reads.
_SELECT_ARTICLE = (
    "SELECT id, text, title, url, outlet, domain, section, byline, published,"
    " published_offset, language, source_format, meta FROM articles"
)

_TEXT_FIELDS = ("id", "text", "title", "url", "outlet", "domain", "section", "byline",
                "language", "source_format")


class Cursor(Protocol):
    """The part of a DB-API cursor the shared code uses; sqlite3 and psycopg agree on it."""

    def execute(self, query: Any, params: Any = ..., /) -> Any: ...

    def executemany(self, query: Any, params_seq: Any, /) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """The part of a DB-API connection the shared code uses."""

    def execute(self, query: Any, params: Any = ..., /) -> Any: ...

    def close(self) -> None: ...


CursorT = TypeVar("CursorT", bound=Cursor)


def _chunks(rows: list[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start:start + CHUNK]


class SQLStore(CatalogueMixin, JobMixin, OutletMixin, AnalysisMixin, WatchMixin, ABC,
               Generic[CursorT]):
    """A :class:`~launderlens.store.Store` over a SQL database; see the module docstring."""

    dialect: ClassVar[str]
    url: str
    _conn: Connection
    _db_errors: tuple[type[Exception], ...]
    _schema_version: int = 0

    # -- what a backend supplies ------------------------------------------------------

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[CursorT]:
        """A cursor inside a transaction: committed on exit, rolled back on any error."""

    @abstractmethod
    def _database_failed(self, err: Exception) -> bool:
        """Whether ``err`` (one of ``_db_errors``) says the database could not be used (a
        lost connection, a lock held past the wait, a full disk: StoreUnavailableError),
        not that it refused a statement or a row."""

    @abstractmethod
    def _table_exists(self, name: str) -> bool: ...

    @abstractmethod
    def _encode_time(self, instant: datetime) -> object:
        """A UTC datetime as the database column takes it."""

    @abstractmethod
    def _decode_time(self, value: Any) -> datetime:
        """A time column's value back as an aware datetime."""

    @abstractmethod
    def _insert_articles(self, cur: CursorT, rows: list[tuple[Any, ...]]) -> set[str]:
        """Insert rows (:data:`ARTICLE_COLUMNS` order) unless their id exists; new ids."""

    def _native(self, sql: str) -> str:
        """Shared SQL uses ``?`` placeholders; a backend with another style rewrites them."""
        return sql

    def _insert_rows(self, cur: Any, table: str, columns: str,
                     rows: Sequence[tuple[Any, ...]]) -> None:
        """Many new rows into ``table`` (its name and ``columns`` written here, never taken
        from input; no row may conflict with a stored one): a bulk path a backend may
        replace (PostgreSQL copies)."""
        marks = ", ".join("?" * len(columns.split(",")))
        insert = self._native(f"INSERT INTO {table} ({columns}) VALUES ({marks})")
        for chunk in _chunks(list(rows)):
            cur.executemany(insert, chunk)

    def _decode_meta(self, value: Any) -> dict[str, Any]:
        return dict(json.loads(value))

    def _lock_schema(self, cur: Cursor) -> None:
        """Keep two processes from migrating at once (SQLite's write lock already does)."""

    # -- opening, closing ---------------------------------------------------------------

    @classmethod
    def migrations(cls) -> tuple[Migration, ...]:
        return load_migrations(cls.dialect)

    @property
    def schema_version(self) -> int:
        return self._schema_version

    def _open(self) -> None:
        """Bring the schema up to date; called by a backend once it is connected."""
        try:
            with self._translate_errors():
                self._migrate()
        except BaseException:
            self._conn.close()
            raise

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.url!r})"

    @contextmanager
    def _translate_errors(self) -> Iterator[None]:
        try:
            yield
        except self._db_errors as err:
            kind = StoreUnavailableError if self._database_failed(err) else StoreError
            raise kind(f"database error in {self.url}: {err}") from err

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._translate_errors():
            rows: list[Any] = self._conn.execute(self._native(sql), params).fetchall()
            return rows

    # -- migrations ---------------------------------------------------------------------

    def _migrate(self) -> None:
        known = self.migrations()
        latest = len(known)
        current = self._stored_version()
        self._refuse_newer(current, latest)
        if current < latest:
            with self._transaction() as cur:
                self._lock_schema(cur)
                cur.execute(SCHEMA_VERSION_TABLE)
                current = self._stored_version(cur)  # another process may have migrated
                self._refuse_newer(current, latest)
                for migration in known[current:]:
                    self._apply(cur, migration)
        self._schema_version = latest

    def _stored_version(self, cur: Cursor | None = None) -> int:
        sql = "SELECT max(version) FROM schema_version"
        if cur is not None:
            cur.execute(sql)
            return int(cur.fetchone()[0] or 0)
        if not self._table_exists("schema_version"):
            return 0
        return int(self._read(sql)[0][0] or 0)

    def _refuse_newer(self, current: int, latest: int) -> None:
        if current > latest:
            raise SchemaError(
                f"the database {self.url} has schema version {current}, but this "
                f"launderlens knows versions up to {latest}; upgrade launderlens"
            )

    def _apply(self, cur: Cursor, migration: Migration) -> None:
        for statement in migration.statements:
            cur.execute(statement)
        cur.execute(
            self._native("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)"),
            (migration.version, migration.name, datetime.now(UTC).isoformat()),
        )

    # -- writing ------------------------------------------------------------------------

    def add_articles(
        self, articles: Sequence[tuple[Article, Sequence[Sentence]]]
    ) -> AddResult:
        """See :meth:`Store.add_articles`; all checks run before the transaction starts."""
        articles = list(articles)  # walked twice; a generator would report nothing
        result = AddResult()
        rows, spans = self._prepare(articles, result.rejected)
        new = self._write_articles(rows, spans, result.rejected,
                                   {article.id: article for article, _ in articles})
        seen: set[str] = set()
        for article, _ in articles:  # report in input order; a repeat is a duplicate
            if article.id in new and article.id not in seen:
                result.stored.append(article.id)
            elif article.id in seen or article.id in spans:
                result.duplicates.append(article.id)
            seen.add(article.id)
        return result

    def _prepare(
        self, articles: list[tuple[Article, Sequence[Sentence]]], rejected: list[Rejection]
    ) -> tuple[list[tuple[Any, ...]], dict[str, Sequence[Sentence]]]:
        """Rows and sentences of the first copy of each article that a database can keep.

        The others are appended to ``rejected``, so that one bad article does not cost
        the rest of the call.
        """
        ingested_at = self._encode_time(datetime.now(UTC))
        rows: list[tuple[Any, ...]] = []
        spans: dict[str, Sequence[Sentence]] = {}
        rejected_ids: set[str] = set()
        for article, sentences in articles:
            if article.id in spans or article.id in rejected_ids:
                continue
            check_sentences(article, sentences)
            row = self._article_row(article, ingested_at)
            if isinstance(row, Rejection):
                rejected.append(row)
                rejected_ids.add(article.id)
            else:
                rows.append(row)
                spans[article.id] = sentences
        return rows, spans

    def _article_row(self, article: Article, ingested_at: object) -> tuple[Any, ...] | Rejection:
        """The database row of ``article``, or the Rejection that says why it has none."""
        item = article.url or f"article {article.id}"
        meta = dict(article.meta)
        try:
            meta_json = json.dumps(meta, ensure_ascii=False, sort_keys=True, allow_nan=False)
        except (TypeError, ValueError) as err:
            return Rejection(item, f"cannot be stored: its meta is not JSON ({err})")
        texts = [meta, *(getattr(article, name) for name in _TEXT_FIELDS)]
        if problem := next(filter(None, map(text_problem, texts)), None):
            return Rejection(item, f"cannot be stored: it contains {problem}")
        published, offset = None, None
        if article.published is not None:
            try:
                instant, offset = split_instant(article.published)
            except OverflowError:
                return Rejection(item, f"cannot be stored: published {article.published} "
                                       "is out of range in UTC")
            published = self._encode_time(instant)
        outlet_key = article.outlet.casefold() if article.outlet else None
        return (
            article.id, article.url, article.outlet, outlet_key, article.domain,
            article.section, article.title, article.byline, published, offset,
            article.language, article.text, article.source_format, meta_json, ingested_at,
        )

    def _write_articles(self, rows: list[tuple[Any, ...]], spans: dict[str, Sequence[Sentence]],
                        rejected: list[Rejection], by_id: Mapping[str, Article]) -> set[str]:
        """One transaction: new articles, their sentence spans, their outlets and
        indicators (:mod:`.outlets`), and the rejections."""
        new: set[str] = set()
        if not rows and not rejected:
            return new
        # Id order everywhere: two writers then lock shared ids in the same order and
        # cannot deadlock each other (PostgreSQL), and index inserts are more local.
        rows = sorted(rows, key=lambda row: str(row[0]))
        with self._transaction() as cur:
            for chunk in _chunks(rows):
                new |= self._insert_articles(cur, chunk)
            span_rows = [
                (article_id, s.index, s.start, s.end)
                for article_id, sentences in spans.items() if article_id in new
                for s in sentences
            ]
            self._insert_rows(cur, "sentences", "article_id, idx, char_start, char_end",
                              span_rows)
            self._record_outlets(cur, (by_id[article_id] for article_id in sorted(new)))
            self._insert_rejections(cur, rejected)
        return new

    def add_rejections(self, rejections: Sequence[Rejection]) -> None:
        if rejections:
            with self._transaction() as cur:
                self._insert_rejections(cur, rejections)

    def _insert_rejections(self, cur: Cursor, rejections: Sequence[Rejection]) -> None:
        if not rejections:
            return
        rows = [
            (clean_note(r.item), clean_note(r.reason), self._encode_time(split_instant(r.at)[0]))
            for r in rejections
        ]
        sql = "INSERT INTO rejections (item, reason, at) VALUES (?, ?, ?)"
        cur.executemany(self._native(sql), rows)

    # -- reading ------------------------------------------------------------------------

    def _article_from_row(self, row: Sequence[Any]) -> Article:
        (id_, text, title, url, outlet, domain, section, byline, published, offset,
         language, source_format, meta) = row
        if published is not None:
            published = restore_offset(self._decode_time(published), offset)
        return Article(
            id=id_, text=text, title=title, url=url, outlet=outlet, domain=domain,
            section=section, byline=byline, published=published, language=language,
            source_format=source_format, meta=MappingProxyType(self._decode_meta(meta)),
        )

    def get_article(self, article_id: str) -> Article | None:
        rows = self._read(f"{_SELECT_ARTICLE} WHERE id = ?", (article_id,))
        return self._article_from_row(rows[0]) if rows else None

    def resolve_id(self, prefix: str) -> str:
        """See :meth:`Store.resolve_id`; a range query, so the primary key index serves it."""
        key = prefix.strip().lower()
        if len(key) < MIN_PREFIX:
            raise ConfigError(f"an id prefix needs at least {MIN_PREFIX} characters: {prefix!r}")
        if not set(key) <= _HEX:
            raise KeyError(prefix)
        # Every id that starts with key sorts between key and key + "g" ("g" follows "f").
        sql = "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 5"
        matches = [row[0] for row in self._read(sql, (key, key + "g"))]
        if not matches:
            raise KeyError(prefix)
        if len(matches) > 1:
            shown = ", ".join(matches[:4]) + (", ..." if len(matches) > 4 else "")
            raise ConfigError(f"id prefix {prefix!r} matches several articles: {shown}")
        return str(matches[0])

    def list_articles(
        self,
        *,
        outlet: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = None,
        offset: int = 0,
        search: str | None = None,
    ) -> list[Article]:
        """See :meth:`Store.list_articles`; ``search`` goes through the dialect's
        full-text index (FTS5 in SQLite, a GIN tsvector index in PostgreSQL)."""
        if (limit is not None and limit < 0) or offset < 0:
            raise ConfigError(f"limit and offset must be 0 or more, not {limit} and {offset}")
        clauses: list[str] = []
        params: list[Any] = []
        if search is not None:
            query = search_query(self.dialect, search)
            if query is None:
                return []
            clauses.append(query[0])
            params.append(query[1])
        if outlet:
            clauses.append("(outlet_key = ? OR domain = ?)")
            params += [outlet.strip().casefold(), outlet.strip().lower().removeprefix("www.")]
        if since is not None:
            clauses.append("published >= ?")
            params.append(self._encode_time(split_instant(since)[0]))
        if until is not None:
            clauses.append("published < ?")
            params.append(self._encode_time(split_instant(until)[0]))
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = (f"{_SELECT_ARTICLE}{where}"
               " ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?")
        params += [NO_LIMIT if limit is None else limit, offset]
        return [self._article_from_row(row) for row in self._read(sql, params)]

    def search_articles(self, words: str, *, limit: int | None = None,
                        offset: int = 0) -> list[Article]:
        """See :meth:`Store.search_articles`."""
        return self.list_articles(search=words, limit=limit, offset=offset)

    def iter_articles(self, batch_size: int = 500) -> Iterator[Article]:
        """See :meth:`Store.iter_articles`: pages by id, so no cursor stays open between."""
        if batch_size < 1:
            raise ConfigError(f"batch_size must be 1 or more, not {batch_size}")
        sql = f"{_SELECT_ARTICLE} WHERE id > ? ORDER BY id LIMIT ?"
        last = ""
        while rows := self._read(sql, (last, batch_size)):
            yield from (self._article_from_row(row) for row in rows)
            last = rows[-1][0]

    def sentences(self, article_id: str) -> list[Sentence]:
        """The article's sentences in order, their text sliced from the article text."""
        texts = self._read("SELECT text FROM articles WHERE id = ?", (article_id,))
        if not texts:
            return []
        text = texts[0][0]
        sql = ("SELECT idx, char_start, char_end FROM sentences"
               " WHERE article_id = ? ORDER BY idx")
        return [
            Sentence(article_id, index, start, end, text[start:end])
            for index, start, end in self._read(sql, (article_id,))
        ]

    def rejections(self, limit: int | None = None) -> list[Rejection]:
        sql = "SELECT item, reason, at FROM rejections ORDER BY at DESC, id DESC LIMIT ?"
        rows = self._read(sql, (NO_LIMIT if limit is None else limit,))
        return [Rejection(item, reason, self._decode_time(at)) for item, reason, at in rows]

    def count_articles(self) -> int:
        return int(self._read("SELECT count(*) FROM articles")[0][0])

    # -- sentence embeddings ------------------------------------------------------------

    def get_embeddings(self, model: str, keys: Sequence[str]) -> dict[str, bytes]:
        """The cached vectors of ``model`` for those of ``keys`` it has."""
        found: dict[str, bytes] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), _IN_CHUNK):
            part = unique[start:start + _IN_CHUNK]
            marks = ", ".join("?" * len(part))
            sql = ("SELECT text_key, vector FROM embeddings"
                   f" WHERE model = ? AND text_key IN ({marks})")
            found.update((key, bytes(vector)) for key, vector in self._read(sql, (model, *part)))
        return found

    def put_embeddings(self, model: str, items: Sequence[tuple[str, bytes]]) -> None:
        """Cache ``(key, vector)`` pairs of ``model``; keys already cached are kept."""
        if not items:
            return
        sql = ("INSERT INTO embeddings (model, text_key, vector) VALUES (?, ?, ?)"
               " ON CONFLICT DO NOTHING")
        rows = [(model, key, vector) for key, vector in items]
        with self._transaction() as cur:
            for chunk in _chunks(rows):
                cur.executemany(self._native(sql), chunk)

    # -- stories --------------------------------------------------------------------------

    def replace_stories(self, stories: Sequence[Story], params: Mapping[str, Any]) -> None:
        """Make ``stories`` the store's stories, in one transaction (the old ones go)."""
        with self._transaction() as cur:
            cur.execute("DELETE FROM story_members")
            cur.execute("DELETE FROM stories")
            self._insert_stories(cur, stories, params)

    def _insert_stories(self, cur: Any, stories: Sequence[Story],
                        params: Mapping[str, Any]) -> None:
        """Insert ``stories`` and their members (none of their ids stored) with ``params``."""
        at = datetime.now(UTC).isoformat()
        settings = json.dumps(dict(params), sort_keys=True, default=str)
        story_rows = [(s.id, len(s.members), _iso(s.first_published),
                       json.dumps(s.as_dict(), sort_keys=True), settings, at) for s in stories]
        member_rows = [(s.id, member, position)
                       for s in stories for position, member in enumerate(s.members)]
        self._insert_rows(cur, "stories",
                          "id, size, first_published, data, params, clustered_at", story_rows)
        self._insert_rows(cur, "story_members", "story_id, article_id, position", member_rows)

    def list_stories(self, *, min_size: int = 1, limit: int | None = None) -> list[Story]:
        """Stories of at least ``min_size`` articles, largest first, then earliest."""
        sql = ("SELECT data FROM stories WHERE size >= ?"
               " ORDER BY size DESC, first_published, id LIMIT ?")
        rows = self._read(sql, (min_size, NO_LIMIT if limit is None else limit))
        return [Story.from_dict(json.loads(row[0])) for row in rows]

    def get_story(self, ref: str) -> Story | None:
        """The story with id ``ref`` (or a unique id prefix of 4+ characters), or the story
        that holds the article with that id or prefix; None when there is none."""
        key = ref.strip().lower()
        if len(key) < MIN_PREFIX or not set(key) <= _HEX:
            return None
        rows = self._read("SELECT data FROM stories WHERE id >= ? AND id < ? LIMIT 2",
                          (key, key + "g"))
        if not rows:
            sql = ("SELECT DISTINCT s.data FROM story_members m JOIN stories s"
                   " ON s.id = m.story_id WHERE m.article_id >= ? AND m.article_id < ? LIMIT 2")
            rows = self._read(sql, (key, key + "g"))
        if len(rows) > 1:
            raise ConfigError(f"{ref!r} matches several stories; give more of the id")
        return Story.from_dict(json.loads(rows[0][0])) if rows else None

    def count_stories(self) -> int:
        return int(self._read("SELECT count(*) FROM stories")[0][0])


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None
