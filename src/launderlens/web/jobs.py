"""Long work in (a function to run); a job with an unguessable id, its state and its result
out, kept in memory for a page that refreshes until the job is done.

Fetching a URL or analysing a long text takes longer than a page should hang. The page
submits the work here and redirects to the job's page, which reloads itself with
``<meta http-equiv="refresh">`` (no JavaScript) until the job is done. Jobs live in this
process only: a restart forgets them, which is acceptable for results that can be asked
for again. The table keeps at most ``keep`` jobs, dropping the oldest finished first.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import LaunderlensError
from .errors import ApiError

__all__ = ["Job", "JobState", "JobTable"]

log = logging.getLogger(__name__)

JobState = Literal["queued", "running", "done", "failed"]


@dataclass
class Job:
    """One piece of background work. ``error`` is a message for the person who asked;
    an unexpected failure is logged with its traceback and reported in general terms."""

    id: str
    label: str
    state: JobState = "queued"
    result: Any = None
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None

    @property
    def done(self) -> bool:
        return self.state in ("done", "failed")

    @property
    def elapsed(self) -> float:
        return (self.finished or time.time()) - self.created


class JobTable:
    """Runs jobs on ``workers`` threads and remembers the last ``keep`` of them."""

    def __init__(self, *, workers: int = 2, keep: int = 200) -> None:
        self.keep = keep
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=workers,
                                            thread_name_prefix="launderlens-job")

    def submit(self, label: str, work: Callable[[], Any]) -> Job:
        job = Job(id=secrets.token_urlsafe(16), label=label)
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        self._executor.submit(self._run, job, work)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def __len__(self) -> int:
        with self._lock:
            return len(self._jobs)

    def _run(self, job: Job, work: Callable[[], Any]) -> None:
        job.state = "running"
        try:
            job.result = work()
            job.state = "done"
        except ApiError as err:
            job.error = err.message
            job.state = "failed"
        except LaunderlensError as err:
            job.error = str(err)
            job.state = "failed"
        except Exception:
            log.exception("background job %s (%s) failed", job.id, job.label)
            job.error = "the work failed unexpectedly; the server log has the details"
            job.state = "failed"
        finally:
            job.finished = time.time()

    def _forget_old(self) -> None:
        # Finished jobs go first; running ones are dropped only when every kept job runs,
        # and then their result is simply not found later.
        excess = len(self._jobs) - self.keep
        if excess <= 0:
            return
        finished = [key for key, job in self._jobs.items() if job.done][:excess]
        for key in finished:
            del self._jobs[key]
        while len(self._jobs) > self.keep:
            self._jobs.popitem(last=False)

    def close(self) -> None:
        # Running jobs are not waited for: they only compute a result nobody will read.
        self._executor.shutdown(wait=False, cancel_futures=True)
