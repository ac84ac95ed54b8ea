"""WACZ web archives (what Browsertrix and ArchiveWeb.page produce) to Articles: every WARC
inside the zip (``archive/*.warc.gz``) is read by the WARC reader, streamed from the zip.

Nothing is extracted to disk. Entries are still checked as if they were: one whose name
is absolute or climbs out with ``..`` is refused (an honest archiver never writes one),
and the WARCs' total uncompressed size is capped before reading starts, against zip
bombs; the zip module stops each entry at the size it declares.
"""

from __future__ import annotations

import logging
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import PurePosixPath

from ...errors import FormatError, InputError, TooLargeError
from ...model import Article, Rejection
from . import ReadOptions, ReadResult, Source
from .warc import read_stream

__all__ = ["read"]

LOGGER = logging.getLogger(__name__)

#: The WARCs of one WACZ may hold this many times one article's cap, uncompressed.
WACZ_CAP_FACTOR = 100

_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def read(source: Source, options: ReadOptions) -> Iterator[ReadResult]:
    """Yield an Article or a Rejection for every archived page of every WARC inside."""
    with source.open() as raw:
        try:
            archive = zipfile.ZipFile(raw)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as err:
            raise FormatError(f"not a WACZ file: {err}") from None
        with archive:
            warcs = []
            for info in archive.infolist():
                problem = _unsafe(info.filename)
                if problem is not None:
                    yield Rejection(_item(source, info), problem)
                elif not info.is_dir() and info.filename.lower().endswith(_WARC_SUFFIXES):
                    warcs.append(info)
            _check_contents(archive, warcs, options.max_article_bytes * WACZ_CAP_FACTOR)
            for info in warcs:
                yield from _read_entry(archive, info, source, options)


def _unsafe(name: str) -> str | None:
    """Why an entry name would write outside the archive's folder, or None."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or (path.parts and path.parts[0].endswith(":")):
        return "an entry with an absolute path inside the archive; refused"
    if ".." in path.parts:
        return "an entry whose path climbs out with '..'; refused"
    return None


def _check_contents(archive: zipfile.ZipFile, warcs: list[zipfile.ZipInfo],
                    limit: int) -> None:
    if not warcs:
        raise FormatError("not a WACZ file: no archive/*.warc.gz inside the zip")
    if "datapackage.json" not in archive.namelist():
        LOGGER.info("a WACZ without datapackage.json; reading its WARCs anyway")
    total = sum(info.file_size for info in warcs)
    if total > limit:
        raise TooLargeError(
            f"the WARCs inside hold {total / 2**20:.1f} MB uncompressed, over the "
            f"{limit / 2**20:.1f} MB limit for one WACZ ({WACZ_CAP_FACTOR} times --max-bytes)")


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: Source,
                options: ReadOptions) -> Iterator[ReadResult]:
    item = _item(source, info)
    try:
        with archive.open(info) as stream:
            for result in read_stream(stream, item, info.file_size, options):
                yield result.with_meta(wacz_entry=info.filename) \
                    if isinstance(result, Article) else result
    except InputError as err:
        yield Rejection(item, str(err))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
            NotImplementedError) as err:
        # A bad checksum, an encrypted entry or an unsupported compression method.
        yield Rejection(item, f"unreadable entry in the archive: {err}")


def _item(source: Source, info: zipfile.ZipInfo) -> str:
    return f"{source.name}!{info.filename}"
