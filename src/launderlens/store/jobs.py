"""The background jobs' part of the SQL stores: a job's state, result or error in; the job
as a :class:`JobRecord` out, from any process that opens the same database.

Kept apart from :mod:`.sql` like the catalogue: the web app is its only user and no other
table joins it. Results are kept as JSON, so a job's result must be JSON (the web app's
are report dictionaries). Times are ISO 8601 UTC text in both dialects, which sorts in
time order.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal, get_args

from ..errors import ConfigError

__all__ = ["JobMixin", "JobRecord", "JobState"]

JobState = Literal["queued", "running", "done", "failed"]
_STATES: tuple[str, ...] = get_args(JobState)
_COLUMNS = "id, label, state, result, error, created_at, updated_at"


@dataclass(frozen=True)
class JobRecord:
    """One background job as stored. ``result`` is set when ``state`` is done, ``error``
    (a message for the person who asked) when it failed."""

    id: str
    label: str
    state: JobState
    created: datetime
    updated: datetime
    result: Any = None
    error: str | None = None

    @property
    def done(self) -> bool:
        return self.state in ("done", "failed")

    @property
    def elapsed(self) -> float:
        """Seconds from creation to the end, or to now while it is not done."""
        end = self.updated if self.done else datetime.now(UTC)
        return (end - self.created).total_seconds()


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _record(row: Sequence[Any]) -> JobRecord:
    return JobRecord(id=row[0], label=row[1], state=row[2],
                     result=None if row[3] is None else json.loads(row[3]), error=row[4],
                     created=datetime.fromisoformat(row[5]),
                     updated=datetime.fromisoformat(row[6]))


class JobMixin:
    """Job methods over the ``jobs`` table (migration 4)."""

    if TYPE_CHECKING:  # supplied by SQLStore
        def _transaction(self) -> AbstractContextManager[Any]: ...

        def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...

        def _native(self, sql: str) -> str: ...

    def add_job(self, job_id: str, label: str) -> JobRecord:
        """Record a new job, queued."""
        now = _now()
        with self._transaction() as cur:
            cur.execute(self._native(f"INSERT INTO jobs ({_COLUMNS}) VALUES "
                                     "(?, ?, 'queued', NULL, NULL, ?, ?)"),
                        (job_id, label, now, now))
        found = self.get_job(job_id)
        assert found is not None
        return found

    def update_job(self, job_id: str, state: JobState, *, result: Any = None,
                   error: str | None = None) -> None:
        """Move a job to ``state``, with its result (done) or error (failed)."""
        if state not in _STATES:
            raise ConfigError(f"unknown job state {state!r}; use one of {', '.join(_STATES)}")
        data = None if result is None else json.dumps(result, ensure_ascii=False, default=str)
        with self._transaction() as cur:
            cur.execute(self._native("UPDATE jobs SET state = ?, result = ?, error = ?, "
                                     "updated_at = ? WHERE id = ?"),
                        (state, data, error, _now(), job_id))

    def get_job(self, job_id: str) -> JobRecord | None:
        rows = self._read(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (job_id,))
        return _record(rows[0]) if rows else None

    def fail_unfinished_jobs(self, reason: str) -> int:
        """Mark every queued or running job failed with ``reason``; how many there were.

        For a server starting: the process that ran them is gone, and a job left running
        would keep its page waiting forever.
        """
        with self._transaction() as cur:
            cur.execute(self._native("UPDATE jobs SET state = 'failed', error = ?, "
                                     "updated_at = ? WHERE state IN ('queued', 'running')"),
                        (reason, _now()))
            return max(0, int(cur.rowcount))

    def forget_jobs(self, keep: int) -> int:
        """Delete finished jobs beyond the ``keep`` most recently changed; how many."""
        with self._transaction() as cur:
            cur.execute(self._native(
                "DELETE FROM jobs WHERE state IN ('done', 'failed') AND id NOT IN "
                "(SELECT id FROM jobs ORDER BY updated_at DESC, id LIMIT ?)"), (max(0, keep),))
            return max(0, int(cur.rowcount))
