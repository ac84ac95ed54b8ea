"""The watch part of the SQL stores: per-source poll state, the items each source listed,
small values one cycle leaves for the next, and alerts (migration 7).

Kept apart from :mod:`.sql` like the jobs and the catalogue: ``watch`` writes these tables,
the web inbox reads the alerts, and no other table joins them. Times are ISO 8601 UTC text
in both dialects, which sorts in time order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal, get_args

from ..errors import ConfigError
from ..model import Story

__all__ = ["ALERT_KINDS", "AlertKind", "AlertRecord", "WatchMixin", "WatchSource"]

AlertKind = Literal["new_copy", "known_narrative", "network_join"]
ALERT_KINDS: tuple[str, ...] = get_args(AlertKind)
_ALERT_COLUMNS = "id, kind, article_id, story_id, subject, message, data, created_at"
_SOURCE_COLUMNS = "url, kind, etag, last_modified, polled_at, status, error, failures"
#: Items per statement when asking which of a source's items were seen.
_IN_CHUNK = 500


@dataclass(frozen=True)
class AlertRecord:
    """Something a watch cycle found. ``id`` is a hash of kind, article and subject, so the
    same finding raised twice is stored once; ``data`` is the alert as JSON data."""

    kind: AlertKind
    message: str
    article_id: str | None = None
    story_id: str | None = None
    subject: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    created: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def id(self) -> str:
        key = "\x00".join([self.kind, self.article_id or "", self.subject or ""])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "message": self.message,
                "article_id": self.article_id, "story_id": self.story_id,
                "subject": self.subject, "created": self.created.isoformat(), **self.data}


@dataclass(frozen=True)
class WatchSource:
    """What the last poll of one URL left: its validators for the next conditional GET."""

    url: str
    kind: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    polled: datetime | None = None
    status: str | None = None
    error: str | None = None
    failures: int = 0


def _now() -> str:
    return datetime.now(UTC).isoformat()


class WatchMixin:
    """Watch methods over the tables of migration 7."""

    if TYPE_CHECKING:  # supplied by SQLStore
        def _transaction(self) -> AbstractContextManager[Any]: ...

        def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...

        def _native(self, sql: str) -> str: ...

        def _insert_stories(self, cur: Any, stories: Sequence[Story],
                            params: Mapping[str, Any]) -> None: ...

    def get_watch_source(self, url: str) -> WatchSource | None:
        rows = self._read(f"SELECT {_SOURCE_COLUMNS} FROM watch_sources WHERE url = ?", (url,))
        if not rows:
            return None
        row = rows[0]
        return WatchSource(row[0], row[1], row[2], row[3],
                           datetime.fromisoformat(row[4]) if row[4] else None, row[5], row[6],
                           int(row[7]))

    def list_watch_sources(self) -> list[WatchSource]:
        urls = [row[0] for row in self._read("SELECT url FROM watch_sources ORDER BY url")]
        return [s for s in map(self.get_watch_source, urls) if s is not None]

    def save_watch_source(self, source: WatchSource) -> None:
        """Insert or replace the poll state of ``source.url``."""
        polled = source.polled.isoformat() if source.polled else None
        values = (source.url, source.kind, source.etag, source.last_modified, polled,
                  source.status, source.error, source.failures)
        with self._transaction() as cur:
            cur.execute(self._native("DELETE FROM watch_sources WHERE url = ?"), (source.url,))
            cur.execute(self._native(f"INSERT INTO watch_sources ({_SOURCE_COLUMNS}) VALUES "
                                     "(?, ?, ?, ?, ?, ?, ?, ?)"), values)

    def seen_items(self, source_url: str, items: Sequence[str]) -> set[str]:
        """Which of ``items`` the source has listed before."""
        seen: set[str] = set()
        for start in range(0, len(items), _IN_CHUNK):
            chunk = list(items[start:start + _IN_CHUNK])
            marks = ", ".join("?" * len(chunk))
            rows = self._read(f"SELECT item_url FROM watch_seen WHERE source_url = ? AND "
                              f"item_url IN ({marks})", (source_url, *chunk))
            seen.update(row[0] for row in rows)
        return seen

    def mark_seen(self, source_url: str, items: Sequence[str]) -> None:
        new = sorted(set(items) - self.seen_items(source_url, items))
        if not new:
            return
        now = _now()
        with self._transaction() as cur:
            cur.executemany(self._native("INSERT INTO watch_seen (source_url, item_url, "
                                         "seen_at) VALUES (?, ?, ?)"),
                            [(source_url, item, now) for item in new])

    def get_watch_state(self, name: str) -> Any:
        """The JSON value stored under ``name``, or None."""
        rows = self._read("SELECT value FROM watch_state WHERE name = ?", (name,))
        return json.loads(rows[0][0]) if rows else None

    def set_watch_state(self, name: str, value: Any) -> None:
        data = json.dumps(value, ensure_ascii=False, sort_keys=True)
        with self._transaction() as cur:
            cur.execute(self._native("DELETE FROM watch_state WHERE name = ?"), (name,))
            cur.execute(self._native("INSERT INTO watch_state (name, value, updated_at) "
                                     "VALUES (?, ?, ?)"), (name, data, _now()))

    def add_alerts(self, alerts: Sequence[AlertRecord]) -> list[AlertRecord]:
        """Store ``alerts`` in one transaction; the ones that were new (an alert with the
        same id already stored is left as it was)."""
        new: list[AlertRecord] = []
        with self._transaction() as cur:
            for alert in alerts:
                if alert.kind not in ALERT_KINDS:
                    raise ConfigError(f"unknown alert kind {alert.kind!r}; use one of "
                                      f"{', '.join(ALERT_KINDS)}")
                cur.execute(self._native("SELECT 1 FROM alerts WHERE id = ?"), (alert.id,))
                if cur.fetchone() is not None or any(a.id == alert.id for a in new):
                    continue
                cur.execute(self._native(f"INSERT INTO alerts ({_ALERT_COLUMNS}) VALUES "
                                         "(?, ?, ?, ?, ?, ?, ?, ?)"),
                            (alert.id, alert.kind, alert.article_id, alert.story_id,
                             alert.subject, alert.message,
                             json.dumps(alert.data, ensure_ascii=False, default=str),
                             alert.created.isoformat()))
                new.append(alert)
        return new

    def list_alerts(self, *, kind: str | None = None, limit: int = 50) -> list[AlertRecord]:
        """Alerts newest first, of one ``kind`` when given."""
        where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
        rows = self._read(f"SELECT {_ALERT_COLUMNS} FROM alerts {where} "
                          "ORDER BY created_at DESC, id LIMIT ?", (*params, max(0, limit)))
        return [AlertRecord(kind=row[1], article_id=row[2], story_id=row[3], subject=row[4],
                            message=row[5], data=json.loads(row[6]),
                            created=datetime.fromisoformat(row[7])) for row in rows]

    def replace_stories_of(self, article_ids: Sequence[str], stories: Sequence[Story],
                           params: Mapping[str, Any]) -> None:
        """Delete the stories holding any of ``article_ids`` and store ``stories`` (which
        must hold every one of those articles), in one transaction: an incremental
        clustering rewrites only the stories it changed."""
        with self._transaction() as cur:
            ids = list(dict.fromkeys(article_ids))
            gone: set[str] = {story.id for story in stories}  # an unchanged id is written anew
            for start in range(0, len(ids), _IN_CHUNK):
                chunk = ids[start:start + _IN_CHUNK]
                marks = ", ".join("?" * len(chunk))
                cur.execute(self._native(f"SELECT DISTINCT story_id FROM story_members "
                                         f"WHERE article_id IN ({marks})"), chunk)
                gone.update(row[0] for row in cur.fetchall())
            doomed = sorted(gone)
            for start in range(0, len(doomed), _IN_CHUNK):
                chunk = doomed[start:start + _IN_CHUNK]
                marks = ", ".join("?" * len(chunk))
                cur.execute(self._native(f"DELETE FROM story_members WHERE story_id IN "
                                         f"({marks})"), chunk)
                cur.execute(self._native(f"DELETE FROM stories WHERE id IN ({marks})"), chunk)
            self._insert_stories(cur, stories, params)

    def count_stories_unlike(self, marker: str) -> int:
        """How many stored stories were written with parameters that do not hold
        ``marker`` (the JSON text of one key and value)."""
        rows = self._read("SELECT count(*) FROM stories WHERE params NOT LIKE ? ESCAPE '!'",
                          ("%" + marker.replace("!", "!!").replace("%", "!%")
                           .replace("_", "!_") + "%",))
        return int(rows[0][0])

    def article_ids(self) -> list[str]:
        """Every stored article id, in id order (without reading the articles)."""
        return [row[0] for row in self._read("SELECT id FROM articles ORDER BY id")]
