"""Long work in (a function to run); a job with an unguessable id, its state and its result
out, kept in the store for a page that refreshes until the job is done.

Fetching a URL or analysing a long text takes longer than a page should hang. The page
submits the work here and redirects to the job's page, which reloads itself with
``<meta http-equiv="refresh">`` (no JavaScript) until the job is done. Jobs are rows of the
store's ``jobs`` table (state, result or error, times), so a restarted server still answers
a finished job's page; a job that was queued or running when the server stopped is marked
failed when the next one starts, since nothing will ever finish it. One server runs the
jobs of a database (a second one starting would fail the first one's running jobs). The
table keeps the ``keep`` most recent finished jobs.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..errors import LaunderlensError
from ..store import Store
from ..store.jobs import JobRecord, JobState
from .errors import ApiError

__all__ = ["INTERRUPTED", "Job", "JobState", "JobTable"]

log = logging.getLogger(__name__)

#: Why a job that was queued or running when the server stopped has failed.
INTERRUPTED = "interrupted by a restart of the server; submit it again"

Job = JobRecord


class JobTable:
    """Runs jobs on ``workers`` threads and keeps them, with their results, in ``store``."""

    def __init__(self, store: Store, *, workers: int = 2, keep: int = 200) -> None:
        self.store = store
        self.keep = keep
        failed = store.fail_unfinished_jobs(INTERRUPTED)
        if failed:
            log.warning("%d background jobs were cut off by a restart and are marked failed",
                        failed)
        self._executor = ThreadPoolExecutor(max_workers=workers,
                                            thread_name_prefix="launderlens-job")

    def submit(self, label: str, work: Callable[[], Any]) -> Job:
        job = self.store.add_job(secrets.token_urlsafe(16), label)
        self.store.forget_jobs(self.keep)
        self._executor.submit(self._run, job.id, label, work)
        return job

    def get(self, job_id: str) -> Job | None:
        return self.store.get_job(job_id)

    def _run(self, job_id: str, label: str, work: Callable[[], Any]) -> None:
        try:
            self.store.update_job(job_id, "running")
            result = work()
        except ApiError as err:
            self._finish(job_id, "failed", error=err.message)
        except LaunderlensError as err:
            self._finish(job_id, "failed", error=str(err))
        except Exception:
            log.exception("background job %s (%s) failed", job_id, label)
            self._finish(job_id, "failed",
                         error="the work failed unexpectedly; the server log has the details")
        else:
            self._finish(job_id, "done", result=result)

    def _finish(self, job_id: str, state: JobState, *, result: Any = None,
                error: str | None = None) -> None:
        try:
            self.store.update_job(job_id, state, result=result, error=error)
        except Exception:  # a closed store at shutdown: the next start marks it failed
            log.exception("could not record the end of background job %s", job_id)

    def close(self) -> None:
        # Running jobs are not waited for: the next start marks them failed.
        self._executor.shutdown(wait=False, cancel_futures=True)
