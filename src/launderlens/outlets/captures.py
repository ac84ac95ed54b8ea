"""A web archive (WARC, gzipped or not) in; the site files it captured beside the pages out:
each site's ``ads.txt`` accounts and its ``/favicon.ico`` bytes, as indicators of the
outlet of that host.

Article pages are read by the WARC reader at ingest; the files a crawler fetched for the
site as a whole (``/ads.txt``, the icon a browser asks for) are not articles, so they are
read here, and ``launderlens outlets import CAPTURE --format warc`` stores them. Each
finding names the captured URL it came from. Only responses served with status 200 are
read; a record is capped, and a damaged archive yields what was read before the damage.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import urlsplit

from .fingerprints import ads_txt_accounts, favicon_hash

__all__ = ["MAX_SITE_FILE_BYTES", "CapturedIndicator", "read_captured_site_files"]

#: Bytes read of one ads.txt or icon; larger records are skipped.
MAX_SITE_FILE_BYTES = 1 * 2**20
_ICON_TYPES = ("image/x-icon", "image/vnd.microsoft.icon", "image/png", "image/svg+xml",
               "image/gif", "image/jpeg", "image/webp")


@dataclass(frozen=True, slots=True)
class CapturedIndicator:
    """One indicator of the site at ``host``, read from the file captured at ``url``."""

    host: str
    kind: str
    value: str
    url: str


def read_captured_site_files(stream: IO[bytes]) -> Iterator[CapturedIndicator]:
    """The ads.txt accounts and favicon hashes of every site the archive captured."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for record in ArchiveIterator(stream):
            try:
                found = list(_record(record))
            except (OSError, ValueError, EOFError, zlib.error):
                continue  # one unreadable record costs its own indicators
            yield from found
    except (ArchiveLoadFailed, OSError, ValueError, EOFError, zlib.error):
        return  # a damaged archive: what was read before the damage stands


def _record(record: Any) -> Iterator[CapturedIndicator]:
    if record.rec_type != "response" or record.http_headers is None:
        return
    if record.http_headers.get_statuscode() != "200":
        return
    url = str(record.rec_headers.get_header("WARC-Target-URI") or "")
    try:
        parts = urlsplit(url)
    except ValueError:
        return
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.lower()
    kind = "ads_txt" if path == "/ads.txt" else "favicon" if _is_icon(record, path) else None
    if not host or kind is None:
        return
    payload = record.content_stream().read(MAX_SITE_FILE_BYTES + 1)
    if not payload or len(payload) > MAX_SITE_FILE_BYTES:
        return
    if kind == "favicon":
        yield CapturedIndicator(host, kind, favicon_hash(payload), url)
        return
    for account in ads_txt_accounts(payload.decode("utf-8", "replace")):
        yield CapturedIndicator(host, kind, account, url)


def _is_icon(record: Any, path: str) -> bool:
    kind = str(record.http_headers.get_header("Content-Type") or "").split(";")[0].strip()
    return path.endswith("/favicon.ico") or (kind.lower() in _ICON_TYPES and "icon" in path)
