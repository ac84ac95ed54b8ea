"""Schema migrations: the numbered ``.sql`` files beside this module, per dialect.

A database records the migrations applied to it in ``schema_version``; opening a store
applies the missing ones in order, in one transaction (see ``SQLStore._migrate``).

To change the schema (a table of sentence embeddings, stories, findings...), add the next
number for every dialect: ``sqlite-0002-embeddings.sql`` and
``postgres-0002-embeddings.sql``, with the same name, and never edit a released file:
databases in the field have already run it. The conformance tests check that every dialect
has the same steps.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

__all__ = ["SCHEMA_VERSION_TABLE", "Migration", "load_migrations", "split_statements"]

#: Created before the first migration, in SQL that every dialect accepts.
SCHEMA_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)"""

_MIGRATION_FILE = re.compile(r"(?P<dialect>[a-z]+)-(?P<version>\d{4})-(?P<name>[a-z0-9-]+)\.sql")
_STATEMENT_END = re.compile(r";[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Migration:
    """One step of the schema: ``statements`` take a database from ``version - 1``."""

    version: int
    name: str
    statements: tuple[str, ...]


def split_statements(script: str) -> tuple[str, ...]:
    """The statements of a migration file, which ends each one with ``;`` at a line end.

    A parser-free split is enough because the files are ours; the rule keeps semicolons
    inside a line (in a string or a comment) from cutting a statement.
    """
    chunks = (chunk.strip() for chunk in _STATEMENT_END.split(script))
    return tuple(chunk for chunk in chunks if _has_code(chunk))


def _has_code(chunk: str) -> bool:
    lines = (line.strip() for line in chunk.splitlines())
    return any(line and not line.startswith("--") for line in lines)


@functools.cache
def load_migrations(dialect: str) -> tuple[Migration, ...]:
    """The migration files of ``dialect`` in version order.

    Versions must run 1, 2, 3... without a gap: a missing file would otherwise leave
    databases at different schemas under the same version number.
    """
    found = []
    for entry in resources.files("launderlens.store").iterdir():
        match = _MIGRATION_FILE.fullmatch(entry.name)
        if match and match["dialect"] == dialect:
            statements = split_statements(entry.read_text(encoding="utf-8"))
            found.append(Migration(int(match["version"]), match["name"], statements))
    found.sort(key=lambda migration: migration.version)
    versions = [migration.version for migration in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"{dialect} migrations are not numbered 1..n: {versions}")
    return tuple(found)
