"""The narrative catalogue's part of the SQL stores: records in, records and revisions out.

Kept apart from :mod:`.sql` because it is its own concern (the articles never join it);
:class:`~launderlens.store.sql.SQLStore` inherits it, so both dialects get the same code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..narrative import NarrativeRecord, RecordError

__all__ = ["CatalogueMixin", "CatalogueWrite"]

_NO_LIMIT = 2**63 - 1
_IN_CHUNK = 500


@dataclass
class CatalogueWrite:
    """What :meth:`CatalogueMixin.upsert_narratives` did with each record id."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def written(self) -> int:
        return len(self.added) + len(self.updated)


def _content_hash(data: str) -> str:
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def _decode(data: str) -> NarrativeRecord:
    return NarrativeRecord.from_dict(json.loads(data))


class CatalogueMixin:
    """Catalogue methods over the ``narratives`` table (migration 3)."""

    if TYPE_CHECKING:  # supplied by SQLStore
        def _transaction(self) -> AbstractContextManager[Any]: ...

        def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...

        def _native(self, sql: str) -> str: ...

    def _lock_catalogue(self, cur: Any) -> None:
        """Serialise catalogue writers so revisions never repeat (SQLite's write lock does)."""

    def upsert_narratives(self, records: Sequence[NarrativeRecord]) -> CatalogueWrite:
        """Add new records and update changed ones, by id, in one transaction.

        A record equal to the stored one is left alone (its revision does not move), so
        re-importing a catalogue costs the index nothing. When one call holds an id twice,
        the last one wins.
        """
        latest: dict[str, tuple[NarrativeRecord, str]] = {}
        for record in records:
            data = json.dumps(record.as_dict(), sort_keys=True, ensure_ascii=False)
            latest[record.id] = (record, data)
        result = CatalogueWrite()
        if not latest:
            return result
        now = datetime.now(UTC).isoformat()
        with self._transaction() as cur:
            self._lock_catalogue(cur)
            stored = self._stored_hashes(cur, list(latest))
            cur.execute("SELECT coalesce(max(revision), 0) FROM narratives")
            revision = int(cur.fetchone()[0])
            inserts, updates = [], []
            for record_id, (record, data) in latest.items():
                digest = _content_hash(data)
                if stored.get(record_id) == digest:
                    result.unchanged.append(record_id)
                    continue
                revision += 1
                row = (record.claim, record.origin, record.language, data, digest, revision, now)
                if record_id in stored:
                    updates.append((*row, record_id))
                    result.updated.append(record_id)
                else:
                    inserts.append((record_id, *row))
                    result.added.append(record_id)
            if inserts:
                cur.executemany(self._native(
                    "INSERT INTO narratives (id, claim, origin, language, data, content_hash,"
                    " revision, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"), inserts)
            if updates:
                cur.executemany(self._native(
                    "UPDATE narratives SET claim = ?, origin = ?, language = ?, data = ?,"
                    " content_hash = ?, revision = ?, imported_at = ? WHERE id = ?"), updates)
        return result

    def _stored_hashes(self, cur: Any, ids: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for start in range(0, len(ids), _IN_CHUNK):
            part = ids[start:start + _IN_CHUNK]
            marks = ", ".join("?" * len(part))
            cur.execute(self._native(
                f"SELECT id, content_hash FROM narratives WHERE id IN ({marks})"), part)
            found.update((row[0], row[1]) for row in cur.fetchall())
        return found

    def get_narrative(self, record_id: str) -> NarrativeRecord | None:
        rows = self._read("SELECT data FROM narratives WHERE id = ?", (record_id,))
        return _decode(rows[0][0]) if rows else None

    def get_narratives(self, ids: Sequence[str]) -> dict[str, NarrativeRecord]:
        """The stored records among ``ids``, by id."""
        found: dict[str, NarrativeRecord] = {}
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), _IN_CHUNK):
            part = unique[start:start + _IN_CHUNK]
            marks = ", ".join("?" * len(part))
            for (data,) in self._read(f"SELECT data FROM narratives WHERE id IN ({marks})",
                                      part):
                record = _decode(data)
                found[record.id] = record
        return found

    def list_narratives(self, *, origin: str | None = None, limit: int | None = None,
                        offset: int = 0) -> list[NarrativeRecord]:
        """Records in id order; ``origin`` keeps those from one source (``starter``,
        ``claimreview``, ``csv:posts.csv``...) or, ending in ``*``, a prefix of it."""
        where, params = "", []
        if origin:
            if origin.endswith("*"):
                where, params = " WHERE origin >= ? AND origin < ?", [
                    origin[:-1], origin[:-1] + "\U0010ffff"]
            else:
                where, params = " WHERE origin = ?", [origin]
        if offset < 0:
            raise ConfigError("offset must be 0 or more")
        sql = f"SELECT data FROM narratives{where} ORDER BY id LIMIT ? OFFSET ?"
        rows = self._read(sql, (*params, _NO_LIMIT if limit is None else limit, offset))
        return [_decode(row[0]) for row in rows]

    def iter_narratives(self, *, after_revision: int = 0, batch_size: int = 2000
                        ) -> Iterator[tuple[int, NarrativeRecord]]:
        """``(revision, record)`` of every record written after ``after_revision``, in
        revision order, a batch at a time."""
        last = after_revision
        while True:
            rows = self._read("SELECT revision, data FROM narratives WHERE revision > ?"
                              " ORDER BY revision LIMIT ?", (last, batch_size))
            for revision, data in rows:
                try:
                    yield int(revision), _decode(data)
                except RecordError:  # written by a newer launderlens with stricter rules
                    continue
            if len(rows) < batch_size:
                return
            last = int(rows[-1][0])

    def count_narratives(self) -> int:
        return int(self._read("SELECT count(*) FROM narratives")[0][0])

    def narratives_revision(self) -> int:
        """The largest revision written: it changes whenever the catalogue does."""
        return int(self._read("SELECT coalesce(max(revision), 0) FROM narratives")[0][0])
