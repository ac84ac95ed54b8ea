"""Readers: turn one collected source (a file's bytes, a fetched page) into Articles.

Every reader has the same shape: ``read(source, options)`` yields an :class:`Article`
for each article it finds and a :class:`Rejection` for each record it cannot use, so
that one broken JSON line or WARC record never stops the rest. A reader raises
:class:`~launderlens.errors.InputError` only when the whole source is unusable.

Readers are chosen by name through :data:`READERS`; :func:`detect_format` picks one
from a file name and the first bytes.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO

from ...errors import ConfigError, InputError, TooLargeError
from ...model import Article, Rejection

__all__ = [
    "READERS",
    "ReadOptions",
    "ReadResult",
    "Reader",
    "Source",
    "checked_published",
    "detect_format",
    "parse_field_map",
    "published_problem",
    "read_source",
]

ReadResult = Article | Rejection

log = logging.getLogger(__name__)

#: A single article (a text file, an HTML page) larger than this is refused: no real
#: article is this long, and parsing such a file would stall the batch.
DEFAULT_MAX_ARTICLE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """Settings shared by the readers.

    ``field_map`` maps Article field names to the names a JSON source uses
    (``{"text": "body", "title": "headline"}``).
    """

    field_map: Mapping[str, str] = field(default_factory=dict)
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
    allow_private: bool = False
    timeout: float = 20.0


@dataclass(frozen=True)
class Source:
    """Something to read: a file on disk, or bytes already in memory (a fetched page).

    ``name`` is what messages and rejections call it; ``url`` is where it was fetched
    from, if it was.
    """

    name: str
    path: Path | None = None
    data: bytes | None = None
    url: str | None = None
    content_type: str | None = None

    @classmethod
    def from_path(cls, path: Path) -> Source:
        return cls(name=str(path), path=path)

    @classmethod
    def from_bytes(cls, name: str, data: bytes, *, url: str | None = None,
                   content_type: str | None = None) -> Source:
        return cls(name=name, data=data, url=url, content_type=content_type)

    @property
    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return self.path.stat().st_size

    def open(self) -> BinaryIO:
        """A binary stream over the source, for readers that stream (JSONL, WARC)."""
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        return self.path.open("rb")

    def head(self, n: int = 2048) -> bytes:
        if self.data is not None:
            return self.data[:n]
        with self.open() as stream:
            return stream.read(n)

    def read_capped(self, limit: int) -> bytes:
        """All the bytes, or TooLargeError when there are more than ``limit``."""
        size = self.size
        if size > limit:
            raise TooLargeError(
                f"{_megabytes(size)} is over the {_megabytes(limit)} limit for a single article "
                "(raise it with --max-bytes if this really is one article)"
            )
        if self.data is not None:
            return self.data
        with self.open() as stream:
            return stream.read(limit + 1)


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


Reader = Callable[[Source, ReadOptions], Iterator[ReadResult]]


def _registry() -> dict[str, Reader]:
    # Imported here so that ``import launderlens`` does not pull in lxml and friends.
    from . import csvrows, feed, html, jsonl, parquet, text, wacz, warc

    return {
        "text": text.read,
        "html": html.read,
        "json": jsonl.read,
        "csv": csvrows.read,
        "feed": feed.read,
        "warc": warc.read,
        "wacz": wacz.read,
        "parquet": parquet.read,
    }


class _Readers(Mapping[str, Reader]):
    """The reader registry, loaded on first use."""

    _loaded: dict[str, Reader] | None = None

    def _get(self) -> dict[str, Reader]:
        if self._loaded is None:
            self._loaded = _registry()
        return self._loaded

    def __getitem__(self, name: str) -> Reader:
        try:
            return self._get()[name]
        except KeyError:
            raise ConfigError(
                f"unknown format {name!r}; choose one of: {', '.join(sorted(self._get()))}"
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


READERS: Mapping[str, Reader] = _Readers()

_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "json", ".ndjson": "json",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".arc": "warc",
    ".csv": "csv", ".tsv": "csv",
    ".wacz": "wacz",
    ".parquet": "parquet",
}


def detect_format(source: Source) -> str:
    """Choose a reader for ``source`` from its name, its content type and first bytes."""
    name = (source.path.name if source.path else source.name).lower()
    for suffix in (".warc.gz", ".arc.gz"):
        if name.endswith(suffix):
            return "warc"
    sniffed = _sniff(source.head(), source.content_type)
    suffix = Path(name.split("?", 1)[0]).suffix
    by_name = _EXTENSIONS.get(suffix)
    # An .xml file that holds an HTML page, or a .txt that holds a WARC, is common
    # enough in collected material that content wins when it is unambiguous.
    if sniffed in ("warc", "wacz", "feed", "html") and by_name in (None, "text", "feed"):
        return sniffed
    return by_name or sniffed or "text"


def _sniff(head: bytes, content_type: str | None) -> str | None:
    if content_type:
        ctype = content_type.split(";", 1)[0].strip().lower()
        if ctype in ("text/html", "application/xhtml+xml"):
            return "html"
        if ctype in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
            return "feed"
        if ctype in ("application/json", "application/x-ndjson", "application/jsonl"):
            return "json"
    if head.startswith(b"\x1f\x8b"):
        return "warc"  # gzip: in collected material this is a compressed WARC
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        return "wacz"  # a zip: in collected material, a web archive (Browsertrix, ArchiveWeb)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"warc/", b"filedesc://")):
        return "warc"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if start.startswith((b"<?xml", b"<!doctype", b"<rss", b"<feed", b"<rdf")):
        root = _xml_root(start)
        if root is None:
            return None  # the prolog (a long DTD) runs past the head: the name decides
        return "feed" if root in (b"rss", b"feed", b"rdf:rdf", b"rdf") else "html"
    if start.startswith((b"{", b"[")):
        return "json"
    return None


_ELEMENT_NAME = re.compile(rb"<([A-Za-z_][\w.:-]*)")


def _xml_root(start: bytes) -> bytes | None:
    """The lower-cased name of the first element after the XML prolog, or None when the
    prolog (declaration, comments, a DOCTYPE with its internal subset) does not end
    within ``start``."""
    position = 0
    doctype = doctype_span(start)
    while True:
        found = start.find(b"<", position)
        if found < 0:
            return None
        if doctype is not None and found == doctype[0]:
            if doctype[1] < 0:
                return None
            position = doctype[1]
            continue
        if start.startswith(b"<?", found) or start.startswith(b"<!--", found):
            close = start.find(b"?>" if start[found + 1] == ord("?") else b"-->", found)
            if close < 0:
                return None
            position = close + 2
            continue
        match = _ELEMENT_NAME.match(start, found)
        return match.group(1).lower() if match else None


def doctype_span(data: bytes) -> tuple[int, int] | None:
    """Where the DOCTYPE declaration before the root element starts and ends (the end
    is -1 when ``data`` stops inside it), or None when there is none.

    The internal subset (``[...]``) is scanned with its quoted strings and comments,
    so a ``>`` or ``]`` inside an entity's value does not end it early.
    """
    begin = data.lower().find(b"<!doctype")
    if begin < 0:
        return None
    root = _ELEMENT_NAME.search(data)
    if root is not None and root.start() < begin:
        return None
    quote, in_subset, index = 0, False, begin + len(b"<!doctype")
    while index < len(data):
        byte = data[index]
        if quote:
            quote = 0 if byte == quote else quote
        elif byte in b"\"'":
            quote = byte
        elif in_subset and data.startswith(b"<!--", index):
            close = data.find(b"-->", index + 4)
            if close < 0:
                break
            index = close + 2
        elif byte == ord("["):
            in_subset = True
        elif byte == ord("]"):
            in_subset = False
        elif byte == ord(">") and not in_subset:
            return begin, index + 1
        index += 1
    return begin, -1


def read_source(source: Source, options: ReadOptions | None = None,
                fmt: str | None = None) -> Iterator[ReadResult]:
    """Read ``source`` with the named reader (or the detected one).

    Never raises for bad input: a source that is unusable as a whole becomes one
    Rejection carrying the reason.
    """
    from ..language import with_language  # identification fills what the reader left

    options = options or ReadOptions()
    reader = READERS[fmt or detect_format(source)]
    try:
        for result in reader(source, options):
            yield with_language(checked_published(result)) if isinstance(result, Article) \
                else result
    except InputError as err:
        yield Rejection(source.name, str(err))
    except OSError as err:
        yield Rejection(source.name, f"cannot read: {err.strerror or err}")


#: Publication dates outside these bounds are dropped as absurd (the article is kept,
#: its date unknown): nothing an analyst collects as news predates 1800, and a date
#: more than two days after reading is a typo or a placeholder ("9999-12-31"), not
#: the time zone or a scheduled post, which stay within a day.
EARLIEST_PUBLISHED = datetime(1800, 1, 1, tzinfo=UTC)
PUBLISHED_FUTURE_SLACK = timedelta(days=2)


def published_problem(published: datetime, now: datetime | None = None) -> str | None:
    """Why ``published`` cannot be a real publication time, or None when it can.

    A naive time is taken as UTC, as :meth:`Article.create` takes it.
    """
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    latest = (now or datetime.now(UTC)) + PUBLISHED_FUTURE_SLACK
    if published < EARLIEST_PUBLISHED:
        return f"before {EARLIEST_PUBLISHED.year}: not a publication date"
    if published > latest:
        return "after the time of reading: not a publication date"
    return None


def checked_published(article: Article) -> Article:
    """``article`` without its publication time when that time is absurd.

    The date is dropped rather than the article rejected: the text is what matters.
    ``meta["published_raw"]`` keeps the value and ``meta["published_error"]`` says why,
    so that a person can fix it.
    """
    if article.published is None:
        return article
    problem = published_problem(article.published)
    if problem is None:
        return article
    raw = article.published.isoformat()
    log.info("dropped the publication date %s of %s: %s", raw, article.id, problem)
    meta = {**article.meta, "published_error": problem}
    meta.setdefault("published_raw", raw)
    return dataclasses.replace(article, published=None, meta=MappingProxyType(meta))


def parse_field_map(spec: str | None) -> dict[str, str]:
    """Parse ``text=body,title=headline`` into ``{"text": "body", "title": "headline"}``."""
    allowed = {"text", "title", "url", "outlet", "domain", "section", "byline", "author",
               "published", "language", "id"}
    result: dict[str, str] = {}
    if not spec:
        return result
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        key, sep, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value:
            raise ConfigError(f"bad mapping {part!r}: write FIELD=NAME, as in text=body")
        if key not in allowed:
            raise ConfigError(
                f"unknown article field {key!r} in mapping; allowed: {', '.join(sorted(allowed))}"
            )
        result[key] = value
    return result
