"""Readers: turn one collected source (a file's bytes, a fetched page) into Articles.

Every reader has the same shape: ``read(source, options)`` yields an :class:`Article`
for each article it finds and a :class:`Rejection` for each record it cannot use, so
that one broken JSON line or WARC record never stops the rest. A reader raises
:class:`~launderlens.errors.InputError` only when the whole source is unusable.

Readers are chosen by name through :data:`READERS`; :func:`detect_format` picks one
from a file name and the first bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ...errors import ConfigError, InputError, TooLargeError
from ...model import Article, Rejection

__all__ = [
    "READERS",
    "ReadOptions",
    "ReadResult",
    "Reader",
    "Source",
    "detect_format",
    "parse_field_map",
    "read_source",
]

ReadResult = Article | Rejection

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
    from . import feed, html, jsonl, text, warc

    return {
        "text": text.read,
        "html": html.read,
        "json": jsonl.read,
        "feed": feed.read,
        "warc": warc.read,
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
    if sniffed in ("warc", "feed", "html") and by_name in (None, "text", "feed"):
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
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"warc/", b"filedesc://")):
        return "warc"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if start.startswith(b"<?xml") or start.startswith((b"<rss", b"<feed", b"<rdf")):
        return "feed" if any(tag in start for tag in (b"<rss", b"<feed", b"<rdf")) else "html"
    if start.startswith((b"{", b"[")):
        return "json"
    return None


def read_source(source: Source, options: ReadOptions | None = None,
                fmt: str | None = None) -> Iterator[ReadResult]:
    """Read ``source`` with the named reader (or the detected one).

    Never raises for bad input: a source that is unusable as a whole becomes one
    Rejection carrying the reason.
    """
    options = options or ReadOptions()
    reader = READERS[fmt or detect_format(source)]
    try:
        yield from reader(source, options)
    except InputError as err:
        yield Rejection(source.name, str(err))
    except OSError as err:
        yield Rejection(source.name, f"cannot read: {err.strerror or err}")


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
