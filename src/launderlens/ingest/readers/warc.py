"""WARC (and ARC) web archives to Articles: one per archived HTML page fetched with 200.

Archives are streamed record by record, gzipped or not. Crawls are often cut short
(a full disk, a killed crawler), so a truncated or corrupt archive yields every record
read before the damage and then one Rejection that says where reading stopped.

:func:`read_records` and :func:`record_payload` are those checks on their own, for
readers of other records of an archive (the site files of :mod:`..captures`).
"""

from __future__ import annotations

import dataclasses
import logging
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import IO, Any, TypeVar

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ...errors import FormatError, InputError, NoArticleError, TooLargeError
from ...model import Article, Rejection
from . import ReadOptions, ReadResult, Source
from .html import article_from_html

__all__ = ["read", "read_records", "read_stream", "record_payload"]

LOGGER = logging.getLogger(__name__)

T = TypeVar("T")

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024
_SIGNATURES = (b"WARC/", b"filedesc://")


class _Damage(Exception):
    """Where and how an archive stops being readable."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind, self.detail = kind, detail

    def reason(self, count: int) -> str:
        if count == 0 and self.kind == "unreadable":
            return f"not a WARC file: {self.detail}"
        return f"{self.kind} WARC after {count} record{'' if count == 1 else 's'}: {self.detail}"


def read(source: Source, options: ReadOptions) -> Iterator[ReadResult]:
    """Yield an Article or a Rejection for every archived HTML page of a WARC file."""
    with source.open() as stream:
        yield from read_stream(stream, source.name, source.size, options)


def read_stream(stream: IO[bytes], name: str, size: int,
                options: ReadOptions) -> Iterator[ReadResult]:
    """:func:`read` over an open, seekable stream of ``size`` bytes (a WARC inside a
    WACZ zip); ``name`` is what rejections call it."""
    def page(record: Any, number: int) -> list[ReadResult]:
        return [_page_result(record, number, name, options)] if _is_html_page(record) else []

    yield from read_records(stream, size, name, page)


def read_records(stream: IO[bytes], size: int, name: str,
                 read: Callable[[Any, int], Iterable[T]]) -> Iterator[T | Rejection]:
    """What ``read(record, number)`` makes of each whole warcio record of the seekable
    ``stream`` of ``size`` bytes (numbered from 1), then a Rejection of ``name`` that says
    where the archive is cut short or corrupt, if it is.

    FormatError (NoArticleError when empty) for a file that does not start like a WARC
    or ARC file, or one damaged before its first record.
    """
    head = stream.read(512)
    stream.seek(0)
    _check_signature(head)
    count = 0
    try:
        for record in _checked_records(stream, size, head.startswith(b"\x1f\x8b")):
            count += 1
            yield from read(record, count)
    except _Damage as damage:
        if count == 0:
            raise FormatError(damage.reason(count)) from None
        yield Rejection(name, damage.reason(count))


def _check_signature(head: bytes) -> None:
    """Refuse a file that does not start like a WARC or ARC file.

    warcio takes almost any line of text for an ARC record header, so a stray text file
    would otherwise read as an archive with nothing in it.
    """
    if not head:
        raise NoArticleError("empty file")
    start = head
    if head.startswith(b"\x1f\x8b"):
        try:
            start = zlib.decompressobj(31).decompress(head)
        except zlib.error as err:
            raise FormatError(f"not a WARC file: gzip data that does not decompress ({err})") \
                from None
    if not start.lstrip(b"\r\n").startswith(_SIGNATURES):
        shown = start[:20].decode("ascii", "backslashreplace")
        raise FormatError(f"not a WARC file: it starts with {shown!r}, not 'WARC/'")


def _checked_records(stream: IO[bytes], size: int, gzipped: bool) -> Iterator[Any]:
    """warcio's records, raising _Damage where the archive is cut short or corrupt.

    warcio stops quietly at the end of the data and reads on after a record whose
    length is wrong, so damage is found by checking each record once warcio has moved
    past it: did it get all the bytes its header promised, did a record boundary follow.
    """
    # arc2warc: the older ARC format comes out as WARC response records.
    records = ArchiveIterator(stream, arc2warc=True)
    previous, warnings = None, 0
    while True:
        record = _next_record(records, stream, first=previous is None)
        if previous is not None and getattr(previous.raw_stream, "limit", 0) > 0:
            raise _Damage("truncated", f"the last record is missing "
                                       f"{previous.raw_stream.limit} bytes")
        if records.err_count > warnings:
            raise _Damage("corrupt", f"no record boundary at byte {records.offset}: "
                                     "a record's Content-Length is wrong")
        if record is None:
            break
        if not _complete_header(record):
            kind = "truncated" if _at_end(stream) else "corrupt"
            raise _Damage(kind, f"no complete WARC record header at byte {records.offset}")
        yield record
        previous, warnings = record, records.err_count
    if records.offset < size:
        raise _Damage("truncated", f"{size - records.offset} bytes at byte {records.offset} "
                                   "do not form a complete record")
    if gzipped and previous is not None:
        start = records.get_record_offset()
        if not _gzip_member_complete(stream, start):
            raise _Damage("truncated", f"the gzip member at byte {start} has no end")


def _gzip_member_complete(stream: IO[bytes], start: int) -> bool:
    """Whether the gzip member at ``start`` ends properly.

    warcio reads a member cut inside its checksum trailer without complaint; only the
    last member can be cut, so only it is decompressed a second time.
    """
    stream.seek(start)
    inflater = zlib.decompressobj(31)
    try:
        while not inflater.eof:
            chunk = stream.read(_CHUNK)
            if not chunk:
                return False
            inflater.decompress(chunk, _CHUNK)
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, _CHUNK)
    except zlib.error:
        return False
    return True


def _complete_header(record: Any) -> bool:
    """Whether warcio parsed a whole header: it also yields one cut inside a header line."""
    if not record.rec_type:
        return False
    if record.format != "warc":
        return True
    length = record.rec_headers.get_header("Content-Length") or ""
    return length.strip().isdigit()


def _next_record(records: Any, stream: IO[bytes], *, first: bool) -> Any:
    try:
        return next(records, None)
    except ArchiveLoadFailed as err:  # data that is no WARC record where one should be
        raise _Damage("unreadable" if first else "corrupt",
                      f"no WARC record at byte {records.offset}: {_describe(err)}") from None
    except Exception as err:  # warcio's parser fails in many ways on damaged input
        if _at_end(stream):
            raise _Damage("truncated", f"the record at byte {records.offset} is "
                                       "incomplete") from None
        raise _Damage("corrupt", f"cannot parse the record at byte {records.offset}: "
                                 f"{_describe(err)}") from None


def _at_end(stream: IO[bytes]) -> bool:
    """Whether the parser has used up the file: damage there is a cut, not corruption."""
    return not stream.read(1)


def _is_html_page(record: Any) -> bool:
    """A response record holding an HTML page served with status 200."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    return _content_type(record).split(";", 1)[0].strip().lower() in _HTML_TYPES


def _content_type(record: Any) -> str:
    return str(record.http_headers.get_header("Content-Type") or "")


def _page_result(record: Any, number: int, name: str, options: ReadOptions) -> ReadResult:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    item = uri or f"{name}#{number}"
    limit = options.max_article_bytes
    try:
        payload = record_payload(record, limit)
    except TooLargeError:
        return Rejection(item, f"page over the {limit / 2**20:.1f} MB limit for a single "
                               "article")
    except InputError as err:
        return Rejection(item, str(err))
    try:
        article = article_from_html(payload, url=uri, name=item,
                                    content_type=_content_type(record), source_format="warc",
                                    headers=_http_headers(record))
    except InputError as err:
        return Rejection(item, str(err))
    return _with_archive_meta(article, record, number)


def record_payload(record: Any, limit: int) -> bytes:
    """The payload of ``record`` (HTTP transfer and content encodings undone), read to the
    record's end: TooLargeError past ``limit`` bytes, FormatError when it cannot be
    decoded or the file ends before the record does."""
    try:
        reader = record.content_stream()
        payload: bytes = reader.read(limit + 1)
        if len(payload) > limit:
            raise TooLargeError(f"over the {limit / 2**20:.1f} MB limit")
        missing = _drain(record.raw_stream)
    except (zlib.error, OSError, ValueError) as err:
        raise FormatError(f"unreadable record in the archive: {_describe(err)}") from None
    if missing:
        # A payload cut in half would read as a shorter, different one: refuse it.
        raise FormatError(f"record cut short: {missing} bytes missing at the end of the file")
    if payload and not _decoded_whole(reader):  # an empty body has nothing to decode
        encoding = record.http_headers.get_header("Content-Encoding")
        raise FormatError(f"unreadable record in the archive: its {encoding} body breaks off "
                          "before the end of its compressed data")
    return payload


def _decoded_whole(reader: Any) -> bool:
    """Whether the content decoder, if any, reached the end of its compressed data.

    warcio reads a body as plain when its first block does not decompress (a server that
    mislabels it), but when a later block fails it writes the error to stderr and returns
    what came before, which would pass for a shorter body.
    """
    decompressor = getattr(reader, "decompressor", None)
    if decompressor is None:
        return True
    if hasattr(decompressor, "is_finished"):  # brotli
        return bool(decompressor.is_finished())
    return bool(getattr(decompressor, "eof", True))


def _http_headers(record: Any) -> dict[str, str]:
    """The archived HTTP response headers (their first 100), for the page's fingerprints."""
    pairs = getattr(record.http_headers, "headers", None) or []
    return {str(name): str(value) for name, value in list(pairs)[:100]}


def _drain(raw_stream: Any) -> int:
    """Read the rest of a record; the number of bytes its length promised but the file lacks."""
    while raw_stream.read(_CHUNK):
        pass
    return int(getattr(raw_stream, "limit", 0))


def _with_archive_meta(article: Article, record: Any, number: int) -> Article:
    """Add where the page sits in the archive; date it by the capture if the page does not."""
    warc_date = record.rec_headers.get_header("WARC-Date")
    meta: dict[str, Any] = {"warc_record": number, "warc_date": warc_date,
                            "warc_record_id": record.rec_headers.get_header("WARC-Record-ID")}
    if article.published is None:
        captured = _parse_warc_date(warc_date)
        if captured is not None:
            # The capture time is only an upper bound on publication; meta says which
            # date this is so that origin ranking can weigh it accordingly.
            article = dataclasses.replace(article, published=captured)
            meta["published_from"] = "warc-date"
    return article.with_meta(**{k: v for k, v in meta.items() if v is not None})


def _parse_warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        LOGGER.debug("unparseable WARC-Date %r", value)
        return None


def _describe(err: BaseException) -> str:
    text = " ".join(str(err).split())
    return text[:120] or type(err).__name__
