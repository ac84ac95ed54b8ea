"""SQLite store: one file (or ``:memory:``) holding articles, sentence spans and rejections.

The default backend, with nothing to install or run. The file is in WAL mode so that
readers (the web app, a second CLI) do not wait for an ingest, and each ``add_articles``
call is one transaction: an interrupted ingest keeps every call that had returned and
nothing of the one it was in. A store object belongs to the thread that opened it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .sql import ARTICLE_COLUMNS, SQLStore

__all__ = ["MEMORY", "SQLiteStore", "sqlite_path"]

MEMORY = ":memory:"

#: How long a writer waits for another process's transaction before giving up. Ingest
#: transactions take well under a second, so waiting this long means something is stuck.
BUSY_TIMEOUT_S = 30.0

#: SQLite's primary result codes that say the database could not be used (another
#: writer's lock held past the wait, a full disk, an I/O error, a damaged or unreadable
#: file), not that a statement or a row was refused. SQLITE_ERROR is not among them:
#: that OperationalError also says "too many SQL variables" for a batch whose rows each
#: go in alone (and a value too big for one row is SQLITE_TOOBIG, a DataError).
_UNAVAILABLE_CODES = frozenset({
    sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_NOMEM, sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_PROTOCOL, sqlite3.SQLITE_NOTADB,
})

_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)})"
    f" VALUES ({', '.join(['?'] * len(ARTICLE_COLUMNS))}) ON CONFLICT (id) DO NOTHING"
)


def sqlite_path(url: str) -> str:
    """The file path (or ``:memory:``) named by a plain path or a ``sqlite://`` URL.

    As in SQLAlchemy, ``sqlite:///`` is followed by the path: ``sqlite:///data/x.db`` is
    relative, ``sqlite:////srv/x.db`` absolute, and a bare ``sqlite://`` is in memory.
    """
    if url.startswith("sqlite://"):
        url = url.removeprefix("sqlite://").removeprefix("/")
        if not url:
            return MEMORY
    if url == MEMORY:
        return MEMORY
    return str(Path(url).expanduser())


def sqlite_file(url: str) -> Path | None:
    """The database file a store URL names, or None for an in-memory SQLite database or
    another kind of store (files that belong with a database go beside this one)."""
    if "://" in url and not url.startswith("sqlite://"):
        return None
    path = sqlite_path(url)
    return None if path == MEMORY else Path(path)


class SQLiteStore(SQLStore[sqlite3.Cursor]):
    """A store in a SQLite file; ``url`` is a path, ``sqlite:///PATH`` or ``:memory:``.

    Times are kept as fixed-width UTC text (see the migration file) and come back as
    aware datetimes with the UTC offset they were stored with.
    """

    dialect = "sqlite"

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = sqlite_path(url)
        self._db_errors = (sqlite3.Error,)
        self._db = _connect(self.path)
        self._conn = self._db
        self._open()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        # BEGIN IMMEDIATE takes the write lock up front: two writers wait for each other
        # (busy timeout) instead of one failing when it first writes.
        with self._translate_errors():
            cur = self._db.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                yield cur
                cur.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
            finally:
                cur.close()

    def _database_failed(self, err: Exception) -> bool:
        code = getattr(err, "sqlite_errorcode", None)  # an extended code: primary & 0xFF
        return isinstance(err, sqlite3.InterfaceError) or (
            code is not None and code & 0xFF in _UNAVAILABLE_CODES)

    def _table_exists(self, name: str) -> bool:
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
        return bool(self._read(sql, (name,)))

    def _encode_time(self, instant: datetime) -> str:
        return instant.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"

    def _decode_time(self, value: Any) -> datetime:
        return datetime.fromisoformat(value)

    def _insert_articles(self, cur: sqlite3.Cursor, rows: list[tuple[Any, ...]]) -> set[str]:
        # One statement per row so that rowcount says which ids were new; the write lock
        # is ours for the whole transaction, so nothing can change in between.
        new: set[str] = set()
        for row in rows:
            if cur.execute(_INSERT_ARTICLE, row).rowcount == 1:
                new.add(row[0])
        return new


def _connect(path: str) -> sqlite3.Connection:
    """Open ``path`` (creating its folder) with the settings every connection needs."""
    db = None
    try:
        if path != MEMORY:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: the module must not open transactions behind our back;
        # _transaction issues BEGIN and COMMIT itself.
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        db.execute("PRAGMA foreign_keys = ON")
        if path != MEMORY:
            db.execute("PRAGMA journal_mode = WAL")
        return db
    except (OSError, sqlite3.Error) as err:
        if db is not None:
            db.close()
        raise StoreError(f"cannot open the SQLite database {path}: {err}") from err
