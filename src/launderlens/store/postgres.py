"""PostgreSQL store: the shared store of a team, the web app and the batch jobs.

Takes a ``postgresql://`` URL and gives the same records back as the SQLite store (the
conformance tests hold both to it). psycopg 3 is imported here and nowhere else, so
``import launderlens`` works without it; the URL's password never appears in ``url``,
in messages or in logs.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..errors import StoreError
from .sql import ARTICLE_COLUMNS, Cursor, SQLStore

try:
    import psycopg
    from psycopg import conninfo
except ImportError as err:  # pragma: no cover - depends on what is installed
    raise StoreError(
        "PostgreSQL stores need psycopg 3: pip install 'launderlens[postgres]'"
    ) from err

__all__ = ["PostgresStore", "mask_password"]

#: Seconds to wait for a server that does not answer, unless the URL says otherwise.
CONNECT_TIMEOUT_S = 10

#: Key of the advisory lock held while migrating; any constant shared by all versions.
MIGRATION_LOCK_KEY = int.from_bytes(b"launderl", "big")
CATALOGUE_LOCK_KEY = MIGRATION_LOCK_KEY + 1

#: SQLSTATE classes and codes a server sends when it, not a statement or a row, failed:
#: connection exceptions (08), insufficient resources (53: a full disk, no memory, too
#: many connections), shutdown, crash or a dropped database (57P), a lock not granted
#: within lock_timeout (55P03), system and I/O errors (58). Other operational errors
#: are one statement's or row's, such as program_limit_exceeded (54: an indexed value
#: too large, a text too long for its search words).
_UNAVAILABLE_SQLSTATES = ("08", "53", "57P", "55P03", "58")

_COLUMN_TYPES = {"published": "timestamptz", "published_offset": "integer",
                 "ingested_at": "timestamptz"}


def _insert_articles_sql() -> str:
    """One statement for a whole chunk: each column travels as one array, unnested.

    ``%b`` sends the arrays in binary, which spares psycopg escaping every string in
    Python: it halves the time of this statement.
    """
    columns = ", ".join(ARTICLE_COLUMNS)
    arrays = ", ".join(f"%b::{_COLUMN_TYPES.get(c, 'text')}[]" for c in ARTICLE_COLUMNS)
    values = ", ".join("meta::jsonb" if c == "meta" else c for c in ARTICLE_COLUMNS)
    return (
        f"INSERT INTO articles ({columns}) SELECT {values}"
        f" FROM unnest({arrays}) AS given ({columns})"
        " ON CONFLICT (id) DO NOTHING RETURNING id"
    )


_INSERT_ARTICLES = _insert_articles_sql()

PgCursor = psycopg.Cursor[tuple[Any, ...]]


def mask_password(url: str) -> str:
    """``url`` with any password (in the user part or a query parameter) shown as ``***``."""
    parts = urlsplit(url)
    netloc, query = parts.netloc, parts.query
    if parts.password is not None:
        userinfo, _, hosts = netloc.rpartition("@")
        netloc = f"{userinfo.partition(':')[0]}:***@{hosts}"
    pairs = parse_qsl(query, keep_blank_values=True)
    if any(key == "password" for key, _ in pairs):
        query = urlencode([(k, "***" if k == "password" else v) for k, v in pairs], safe="*")
    return urlunsplit(parts._replace(netloc=netloc, query=query))


class PostgresStore(SQLStore[PgCursor]):
    """A store in a PostgreSQL database (tables go in the connection's search_path).

    ``published`` is a timestamptz beside its original UTC offset; ``meta`` is jsonb.
    """

    dialect = "postgres"

    def __init__(self, url: str) -> None:
        url = url.replace("postgresql+psycopg://", "postgresql://", 1)
        self.url = mask_password(url)
        self._db_errors = (psycopg.Error,)
        self._pg = _connect(url, self.url)
        self._conn = self._pg
        self._open()

    def _native(self, sql: str) -> str:
        return _format_placeholders(sql)

    def _database_failed(self, err: Exception) -> bool:
        # A connection lost on the way is closed by psycopg, whatever error it raised
        # (often one without an SQLSTATE, the server having sent none).
        if isinstance(err, psycopg.InterfaceError) or self._pg.closed:
            return True
        sqlstate = getattr(err, "sqlstate", None) or ""
        return isinstance(err, psycopg.OperationalError) and \
            sqlstate.startswith(_UNAVAILABLE_SQLSTATES)

    @contextmanager
    def _transaction(self) -> Iterator[PgCursor]:
        with self._translate_errors(), self._pg.transaction(), self._pg.cursor() as cur:
            yield cur

    def _lock_schema(self, cur: Cursor) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK_KEY,))

    def _lock_catalogue(self, cur: Any) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (CATALOGUE_LOCK_KEY,))

    def _table_exists(self, name: str) -> bool:
        return bool(self._read("SELECT to_regclass(?) IS NOT NULL", (name,))[0][0])

    def _encode_time(self, instant: datetime) -> datetime:
        return instant

    def _decode_time(self, value: Any) -> datetime:
        instant: datetime = value  # psycopg gives timestamptz in the session's time zone
        return instant.astimezone(UTC)  # and SQLite gives UTC: make both say the same

    def _decode_meta(self, value: Any) -> dict[str, Any]:
        return dict(value)  # psycopg has already parsed the jsonb

    def _insert_articles(self, cur: PgCursor, rows: list[tuple[Any, ...]]) -> set[str]:
        columns = [list(column) for column in zip(*rows, strict=True)]
        cur.execute(_INSERT_ARTICLES, columns)
        return {row[0] for row in cur.fetchall()}

    def _insert_rows(self, cur: PgCursor, table: str, columns: str,
                     rows: Sequence[tuple[Any, ...]]) -> None:
        # COPY: the rows in one stream instead of a statement each (new rows only: the
        # callers delete what they replace first).
        if rows:
            with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)


@functools.cache
def _format_placeholders(sql: str) -> str:
    """Shared SQL's ``?`` placeholders in psycopg's ``%s`` style (``%`` itself escaped)."""
    return sql.replace("%", "%%").replace("?", "%s")


def _connect(url: str, shown_url: str) -> psycopg.Connection[tuple[Any, ...]]:
    """Connect in autocommit mode (transactions are explicit), or say where it failed."""
    try:
        params = conninfo.conninfo_to_dict(url)
    except psycopg.Error:
        # libpq's message may quote the part of the URL it choked on: say nothing more.
        raise StoreError(f"not a valid PostgreSQL URL: {shown_url}") from None
    password = str(params.get("password") or "")
    timeout = params.get("connect_timeout") or CONNECT_TIMEOUT_S
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=timeout)
    except psycopg.Error as err:
        where = "{}:{}/{}".format(
            params.get("host") or "local socket", params.get("port") or 5432,
            params.get("dbname") or params.get("user") or "?",
        )
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        if password:
            reason = reason.replace(password, "***")
        raise StoreError(f"cannot connect to PostgreSQL at {where}: {reason}") from err
