"""A web archive (WARC, gzipped or not) in; the site files it captured beside the pages out:
each site's ``ads.txt`` accounts and its ``/favicon.ico`` bytes, as indicators of the
outlet of that host.

Article pages are read by the WARC reader at ingest; the files a crawler fetched for the
site as a whole (``/ads.txt``, the icon a browser asks for) are not articles, so they are
read here, and ``launderlens outlets import CAPTURE --format warc`` stores them. Each
finding names the captured URL it came from. Only responses served with status 200 are
read. The archive and each record pass the WARC reader's checks: a record over
:data:`MAX_SITE_FILE_BYTES`, one cut short or whose encoding cannot be undone, an
``ads.txt`` that is not text, becomes a Rejection naming its URL and the rest goes on; a
damaged archive yields what was read before the damage, then a Rejection that says where
reading stopped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import urlsplit

from ..errors import InputError, TooLargeError
from ..model import Rejection
from ..outlets.fingerprints import ads_txt_accounts, favicon_hash
from .encoding import decode_text
from .readers.warc import read_records, record_payload

__all__ = ["MAX_SITE_FILE_BYTES", "CapturedIndicator", "read_captured_site_files"]

#: Bytes read of one ads.txt or icon; a larger record is rejected.
MAX_SITE_FILE_BYTES = 1 * 2**20
_ICON_TYPES = ("image/x-icon", "image/vnd.microsoft.icon", "image/png", "image/svg+xml",
               "image/gif", "image/jpeg", "image/webp")
_NAMES = {"ads_txt": "ads.txt", "favicon": "icon"}


@dataclass(frozen=True, slots=True)
class CapturedIndicator:
    """One indicator of the site at ``host``, read from the file captured at ``url``."""

    host: str
    kind: str
    value: str
    url: str


def read_captured_site_files(stream: IO[bytes], name: str = "capture"
                             ) -> Iterator[CapturedIndicator | Rejection]:
    """The ads.txt accounts and favicon hashes of every site the seekable ``stream``
    captured, and a Rejection for each record (or the rest of the archive) that could not
    be read. FormatError when the file is no WARC at all; ``name`` is what a rejection of
    the whole archive calls it."""
    size = stream.seek(0, 2)
    stream.seek(0)
    yield from read_records(stream, size, name, _site_files)


def _site_files(record: Any, number: int) -> list[CapturedIndicator | Rejection]:
    try:
        return list(_record(record))
    except InputError as err:  # raised only once the record's URL named a site file
        return [Rejection(str(record.rec_headers.get_header("WARC-Target-URI")), str(err))]


def _record(record: Any) -> Iterator[CapturedIndicator]:
    if record.rec_type != "response" or record.http_headers is None:
        return
    if record.http_headers.get_statuscode() != "200":
        return
    url = str(record.rec_headers.get_header("WARC-Target-URI") or "")
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:
        return
    host = (hostname or "").lower().removeprefix("www.")
    path = parts.path.lower()
    kind = "ads_txt" if path == "/ads.txt" else "favicon" if _is_icon(record, path) else None
    if not host or kind is None:
        return
    try:
        payload = record_payload(record, MAX_SITE_FILE_BYTES)
    except TooLargeError as err:
        raise TooLargeError(f"{_NAMES[kind]} {err} for a site file") from None
    if not payload:
        return
    if kind == "favicon":
        yield CapturedIndicator(host, kind, favicon_hash(payload), url)
        return
    for account in ads_txt_accounts(decode_text(payload)):
        yield CapturedIndicator(host, kind, account, url)


def _is_icon(record: Any, path: str) -> bool:
    kind = str(record.http_headers.get_header("Content-Type") or "").split(";")[0].strip()
    return path.endswith("/favicon.ico") or (kind.lower() in _ICON_TYPES and "icon" in path)
