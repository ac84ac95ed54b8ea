"""A store URL in; a :class:`~launderlens.store.Store` that any thread may call out.

SQLite connections belong to the thread that opened them, and FastAPI runs sync endpoints
and ``run_in_threadpool`` work on a pool of threads. Opening a store per request would
work for a SQLite file, but gives every request its own empty database for ``:memory:``
and a new connection for PostgreSQL. Instead one worker thread opens the store and runs
every call on it: calls are serialised (SQLite serialises writers anyway, and reads take
milliseconds), and iterators are streamed back in batches pulled on that same thread.

Nothing that runs on the worker thread may call back into the proxy: it would wait for
itself. Store methods never do; the guard in :meth:`ThreadBoundStore._call` runs such a
call directly instead of deadlocking.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar, cast

from ..errors import StoreError
from ..store import Store, open_store

__all__ = ["ThreadBoundStore", "open_thread_bound"]

T = TypeVar("T")

#: Items an iterator hands over per trip to the worker thread.
STREAM_BATCH = 256


class ThreadBoundStore:
    """Forwards every attribute of the store opened by ``opener(url)`` to one thread."""

    def __init__(self, url: str, opener: Callable[[str], Store] = open_store) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1,
                                            thread_name_prefix="launderlens-store")
        self._thread = self._executor.submit(threading.current_thread).result()
        try:
            self._store = self._executor.submit(opener, url).result()
        except BaseException:
            self._executor.shutdown(wait=False)
            raise
        self.url = self._store.url
        self._closed = False

    def _call(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if threading.current_thread() is self._thread:
            return func(*args, **kwargs)
        try:
            future = self._executor.submit(func, *args, **kwargs)
        except RuntimeError:  # submitted after shutdown
            raise StoreError("the store is closed") from None
        return future.result()

    def __getattr__(self, name: str) -> Any:
        # Reached only for names this class lacks: the store's methods and properties.
        # A property (``schema_version``) is evaluated on the worker, since it may query.
        if name.startswith("_"):
            raise AttributeError(name)
        value = self._call(getattr, self._store, name)
        if not callable(value):
            return value

        def forward(*args: Any, **kwargs: Any) -> Any:
            result = self._call(value, *args, **kwargs)
            return self._stream(result) if isinstance(result, Iterator) else result

        return forward

    def _stream(self, iterator: Iterator[T]) -> Iterator[T]:
        """``iterator`` (a generator living on the worker) advanced on the worker only."""
        def pull() -> list[T]:
            return list(itertools.islice(iterator, STREAM_BATCH))

        try:
            while batch := self._call(pull):
                yield from batch
        finally:
            close = getattr(iterator, "close", None)
            if close is not None and not self._closed:
                self._call(close)

    def close(self) -> None:
        if self._closed:
            return
        try:
            self._call(self._store.close)
        finally:
            self._closed = True
            self._executor.shutdown(wait=True)

    def __enter__(self) -> ThreadBoundStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ThreadBoundStore({self._store!r})"


def open_thread_bound(url: str, opener: Callable[[str], Store] = open_store) -> Store:
    """The store at ``url`` behind a :class:`ThreadBoundStore`, typed as what it forwards
    to (mypy cannot see attributes served by ``__getattr__``)."""
    return cast(Store, ThreadBoundStore(url, opener))
