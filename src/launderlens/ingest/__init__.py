"""Ingest: paths and URLs in, articles with their sentences in the store, rejections kept.

The pipeline is sources → readers → segmenter → store, in batches: each batch is one
transaction, so an interrupted run keeps every batch it committed. A bad item never stops
the run; it becomes a :class:`Rejection` with its reason, reported and recorded in the
store beside the articles.

The package holds each step: ``fetch`` (URLs, under the address guard and size caps),
``readers/`` (one reader per input format, chosen by name), ``encoding`` (bytes to text)
and ``segment`` (text to sentences with exact character spans, which every later stage
reads).
"""

from __future__ import annotations

import errno
import functools
import itertools
import logging
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Rejection, Sentence
from ..store import Store
from .readers import ReadOptions, Source, read_source

__all__ = ["IngestProgress", "IngestReport", "fork_available", "ingest", "is_url",
           "iter_sources"]

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500


@dataclass
class IngestReport:
    """What one ingest run did, item by item."""

    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every item was stored or was already there."""
        return not self.rejected

    def as_dict(self) -> dict[str, Any]:
        return {
            "stored": list(self.stored),
            "duplicates": list(self.duplicates),
            "rejected": [r.as_dict() for r in self.rejected],
        }


@dataclass(frozen=True)
class IngestProgress:
    """Passed to the progress callback after each source is read."""

    sources_done: int
    sources_total: int | None
    current: str
    articles: int
    rejected: int


ProgressCallback = Callable[[IngestProgress], None]


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def iter_sources(
    inputs: Iterable[str | Path | Source], options: ReadOptions
) -> Iterator[Source | Rejection]:
    """Expand paths and URLs into Sources; what cannot be opened becomes a Rejection.

    A Source among the inputs (standard input, spooled by the CLI) is passed through.

    Directories are walked recursively in name order, skipping hidden entries and a
    collection's own README or LICENCE files (they are read when named directly); links
    that lead outside the directory given are not followed, so ingesting a folder of
    collected material never reads files elsewhere on the machine. A link that loops or
    leads nowhere, and anything that is not a regular file (a pipe, a device), is a
    Rejection saying so, and the walk goes on.
    """
    for item in inputs:
        if isinstance(item, Source):
            yield item
            continue
        text = str(item)
        if is_url(text):
            yield _fetch_source(text, options)
            continue
        path = Path(text)
        broken = _broken_link(path)
        if broken is not None:
            yield Rejection(text, broken)
        elif path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield Source.from_path(path)
        elif path.exists():
            yield Rejection(text, "not a regular file or directory")
        else:
            yield Rejection(text, "no such file or directory")


def _fetch_source(url: str, options: ReadOptions) -> Source | Rejection:
    from .fetch import fetch

    try:
        return fetch(url, allow_private=options.allow_private, timeout=options.timeout,
                     max_bytes=options.max_article_bytes)
    except InputError as err:
        return Rejection(url, str(err))


#: Files that describe a collection rather than belong to it. Skipped when walking a
#: directory (a folder of collected articles often carries a README), read when named.
_COLLECTION_DOCS = ("readme", "license", "licence", "copying", "changelog", "notice")


def _skipped_in_walk(name: str) -> bool:
    return name.startswith(".") or name.lower().split(".", 1)[0] in _COLLECTION_DOCS


def _walk(root: Path) -> Iterator[Source | Rejection]:
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if _skipped_in_walk(name):
                log.info("skipped %s: hidden or a collection's documentation", name)
                continue
            path = Path(dirpath) / name
            broken = _broken_link(path)
            if broken is not None:
                yield Rejection(str(path), broken)
            elif path.is_symlink() and not path.resolve().is_relative_to(real_root):
                yield Rejection(str(path), "link to a file outside the given directory; "
                                           "not followed")
            elif path.is_file():
                yield Source.from_path(path)
            else:
                # A FIFO would block the run and a device is no article; say so rather
                # than skip it without a word.
                yield Rejection(str(path), "not a regular file (a pipe, socket or device)")


def _broken_link(path: Path) -> str | None:
    """Why ``path`` is a link that leads nowhere (a loop, a missing target), or None.

    Checked before anything resolves the path: ``Path.resolve`` raises on a loop, and
    a dangling link looks like a missing file, which would hide where it pointed.
    """
    if not path.is_symlink():
        return None
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python before 3.13 reports a loop this way
        return "symbolic link loop; not followed"
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop; not followed"
        target = os.readlink(path)
        return f"dangling symbolic link to {target!r} (no such file); not followed"
    return None


def count_files(inputs: Iterable[str | Path | Source]) -> int | None:
    """How many sources ``inputs`` expand to, for a progress bar; None if unknown."""
    total = 0
    for item in inputs:
        if isinstance(item, Source):
            total += 1
            continue
        text = str(item)
        path = Path(text)
        if not is_url(text) and path.is_dir():
            for _dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                total += sum(1 for n in filenames if not _skipped_in_walk(n))
        else:
            total += 1
    return total


#: Below this many sources a run reads them in this process: starting worker processes
#: (each importing the readers) costs more than it saves on a few files.
PARALLEL_MIN_SOURCES = 200

#: A worker hands sources larger than this back to be streamed here, so that a big
#: JSONL or WARC collection is never held whole in memory to cross between processes.
PARALLEL_MAX_SOURCE_BYTES = 4 * 1024 * 1024

_Read = list[tuple[Article, list[Sentence]] | Rejection]


def default_workers() -> int:
    """Reader processes for a large run: one per CPU this process may use, at most 8.

    The writer is mostly idle while readers extract, so on two quiet cores two readers
    beat one (HTML ingest 1.6x the in-process rate, against about 1.2x expected of one)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 8))


def ingest(
    inputs: Iterable[str | Path | Source],
    store: Store,
    *,
    options: ReadOptions | None = None,
    fmt: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: ProgressCallback | None = None,
    total: int | None = None,
    workers: int | None = None,
) -> IngestReport:
    """Read every input, segment each article and store it; return what happened.

    ``fmt`` forces one reader for every file (default: detected per file). ``total``
    is the number of sources, when known, for the progress callback. ``workers`` is
    how many other processes read and segment (default :func:`default_workers`; 0 reads
    here); this process then only writes, in input order, so the result does not depend
    on the number of workers. Runs with fewer than :data:`PARALLEL_MIN_SOURCES` sources
    are read here.
    """
    options = options or ReadOptions()
    workers = default_workers() if workers is None else max(0, workers)
    report = IngestReport()
    batch = _Batch(store, report)
    sources = iter_sources(inputs, options)
    head = list(itertools.islice(sources, PARALLEL_MIN_SOURCES if workers else 0))
    pool = None
    if (workers and len(head) == PARALLEL_MIN_SOURCES and _worth_a_pool(head)
            and fork_available()):
        pool = _reader_pool(workers)
        reads: Iterator[tuple[Source | Rejection, _Read | None]] = pool.imap(
            functools.partial(_read_one, options=options, fmt=fmt),
            itertools.chain(head, sources), chunksize=8)
    else:
        reads = ((s, None) for s in itertools.chain(head, sources))
    done = 0
    try:
        for source, results in reads:
            name = source.item if isinstance(source, Rejection) else source.name
            for result in _read_here(source, options, fmt) if results is None else results:
                if isinstance(result, Rejection):
                    batch.reject(result)
                else:
                    batch.add(*result)
                if batch.size >= batch_size:
                    batch.flush()
            done += 1
            if progress is not None:
                articles = len(report.stored) + len(report.duplicates) + batch.new_count
                progress(IngestProgress(done, total, name, articles, len(report.rejected)))
    except KeyboardInterrupt:
        # Keep what was read before the interrupt: it is complete, only unsaved.
        if pool is not None:
            pool.terminate()
        batch.flush()
        raise
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    batch.flush()
    return report


#: Sources whose reading is costly enough (page extraction) to pay for crossing processes;
#: plain text and JSON read faster here than their results can be sent back.
_EXTRACTED_SUFFIXES = (".html", ".htm", ".xhtml", ".warc", ".warc.gz", ".arc.gz", ".wacz")


def _worth_a_pool(head: list[Source | Rejection]) -> bool:
    """Whether at least a quarter of the first sources are web pages or archives."""
    pages = sum(1 for s in head if isinstance(s, Source) and (
        s.name.lower().endswith(_EXTRACTED_SUFFIXES)
        or "html" in (s.content_type or "")))
    return pages * 4 >= len(head)


def _read_here(source: Source | Rejection, options: ReadOptions,
               fmt: str | None) -> Iterator[tuple[Article, list[Sentence]] | Rejection]:
    """What one source gives, each article with its sentences, streamed."""
    from .segment import segment

    if isinstance(source, Rejection):
        yield source
        return
    for result in read_source(source, options, fmt):
        yield (result, segment(result)) if isinstance(result, Article) else result


def _read_one(source: Source | Rejection, *, options: ReadOptions,
              fmt: str | None) -> tuple[Source | Rejection, _Read | None]:
    """In a worker: one source read whole, or None to have the caller stream it."""
    if isinstance(source, Source):
        try:
            if source.size > PARALLEL_MAX_SOURCE_BYTES:
                return source, None
        except OSError:
            pass  # reported by the reader, which meets the same error
    return source, list(_read_here(source, options, fmt))


def fork_available() -> bool:
    """Whether this platform can fork worker processes (not on Windows, for one).

    Without fork, parallel work runs in this process: "spawn" would re-import a
    caller's script that has no main guard, and ingest is still correct, only slower.
    """
    return "fork" in mp.get_all_start_methods()


def _reader_pool(workers: int) -> Any:
    """Reader processes forked from this one, so that a caller's script is never
    re-imported (what "spawn" and "forkserver" do to a script without a main guard).

    Workers only read and segment: they take no lock that another thread of this
    process could hold at the fork (logging reinitialises its own locks in a child).
    """
    return mp.get_context("fork").Pool(workers)


class _Batch:
    """Articles and rejections waiting to be written in one transaction."""

    def __init__(self, store: Store, report: IngestReport) -> None:
        self.store = store
        self.report = report
        self.articles: list[tuple[Article, list[Sentence]]] = []
        self.rejections: list[Rejection] = []

    @property
    def size(self) -> int:
        return len(self.articles) + len(self.rejections)

    @property
    def new_count(self) -> int:
        return len(self.articles)

    def add(self, article: Article, sentences: list[Sentence]) -> None:
        self.articles.append((article, sentences))

    def reject(self, rejection: Rejection) -> None:
        log.info("rejected %s: %s", rejection.item, rejection.reason)
        self.rejections.append(rejection)
        self.report.rejected.append(rejection)

    def flush(self) -> None:
        if self.articles:
            result = self.store.add_articles(self.articles)
            self.report.stored.extend(result.stored)
            self.report.duplicates.extend(result.duplicates)
            # Articles the store cannot keep faithfully; it has recorded them already.
            self.report.rejected.extend(result.rejected)
        if self.rejections:
            self.store.add_rejections(self.rejections)
        self.articles = []
        self.rejections = []
