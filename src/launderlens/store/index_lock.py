"""The writer lock of a story index folder: a folder in, held exclusively for a block out.

One process writes a folder at a time: :func:`writing` holds an exclusive lock on the
folder's lock file (``fcntl.flock``, so the kernel lets go of it when the holder exits or
is killed) and a second writer waits at most :data:`LOCK_WAIT` seconds, then raises
:class:`IndexBusyError` naming the folder. The module needs only the standard library, so
the command line reads :data:`LOCK_WAIT` for its help without loading the index code.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import StoreError

__all__ = ["LOCK_FILE", "LOCK_WAIT", "IndexBusyError", "writing"]

#: The file a writer holds locked (never removed: a new file would be a second lock).
LOCK_FILE = ".writer.lock"
#: How many seconds a second writer waits for the first before giving up.
LOCK_WAIT = 120.0


class IndexBusyError(StoreError):
    """Another process kept the story index folder locked for longer than the wait."""


# The folders this process holds the writer lock of (their lock file's descriptor), and
# one lock per folder for the threads of this process (flock does not tell them apart).
_locked: dict[Path, int] = {}
_threads: dict[Path, threading.RLock] = {}
_guard = threading.Lock()


@contextlib.contextmanager
def writing(folder: str | Path, *, wait: float | None = None) -> Iterator[Path]:
    """Hold ``folder``'s writer lock (created with the folder if need be) for the block:
    waits up to ``wait`` seconds (default :data:`LOCK_WAIT`) for another process or thread
    holding it, then raises IndexBusyError. The thread that holds it may take it again."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    key = target.resolve()
    patience = LOCK_WAIT if wait is None else max(0.0, wait)
    deadline = time.monotonic() + patience
    with _guard:
        local = _threads.setdefault(key, threading.RLock())
    if not local.acquire(timeout=patience):
        raise _busy(key, patience)
    try:
        if key in _locked:  # this thread holds it already
            yield target
            return
        _locked[key] = _flock(key, deadline, patience)
        try:
            yield target
        finally:
            os.close(_locked.pop(key))  # closing the descriptor lets go of the lock
    finally:
        local.release()


def _flock(folder: Path, deadline: float, patience: float) -> int:
    # Not through a link: the holder truncates the file and writes its pid there, and a
    # link planted in the folder would have it overwrite a file of its choosing.
    try:
        handle = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as error:
        raise StoreError(f"cannot open the writer lock {folder / LOCK_FILE}: {error}") from None
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise _busy(folder, patience, _holder(handle)) from None
                time.sleep(min(0.05, left))
        # Who holds it, for the message a waiting writer gives (not read for anything else).
        os.ftruncate(handle, 0)
        os.pwrite(handle, str(os.getpid()).encode("ascii"), 0)
    except BaseException:
        os.close(handle)
        raise
    return handle


def _holder(handle: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        pid = int(os.pread(handle, 20, 0).decode("ascii"))
        return f" (process {pid})"
    return ""


def _busy(folder: Path, patience: float, holder: str = "") -> IndexBusyError:
    return IndexBusyError(f"another writer{holder} holds the story index in {folder}; gave "
                          f"up after waiting {patience:g} s (run one `watch` or "
                          "`cluster --incremental` per index folder at a time)")
