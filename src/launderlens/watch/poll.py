"""Watched URLs in, what is new on them out: the fetched feeds and pages to ingest.

Each source is fetched with a conditional GET (the ETag and Last-Modified of its last
answer, kept in the store): a 304 costs no body and no work. What came back is read by its
kind: a feed is ingested as it is (its entries carry their text), a sitemap lists page
URLs and the ones it never listed before are fetched (at most ``max_pages`` per poll; the
rest wait for the next), and any other page is ingested itself. Requests to one host are
spaced by ``min_delay`` seconds. Every fetch goes through the URL guard of
:mod:`launderlens.ingest.fetch`. A source that fails is recorded with its error and the
next one is polled.
"""

from __future__ import annotations

import html
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

from ..errors import LaunderlensError
from ..ingest.fetch import Fetched, fetch_if_changed
from ..ingest.readers import Source, detect_format
from ..store import Store
from ..store.watch import WatchSource

__all__ = ["HostPacer", "PollResult", "Poller", "sitemap_locations"]

log = logging.getLogger(__name__)

#: Locations read from one sitemap: a hostile one cannot make a poll endless.
MAX_LOCATIONS = 50_000
_LOC = re.compile(rb"<(?:[\w.-]+:)?loc\s*>\s*([^<]{1,2048}?)\s*</(?:[\w.-]+:)?loc\s*>", re.I)
_SITEMAP_ROOT = re.compile(rb"<(?:[\w.-]+:)?(urlset|sitemapindex)[\s>]", re.I)

Fetch = Callable[..., Fetched]


@dataclass
class PollResult:
    """One source's poll: ``status`` is ``ok``, ``not_modified`` or ``error``; ``sources``
    what to ingest; ``waiting`` the new pages left for the next poll."""

    url: str
    status: str
    kind: str | None = None
    sources: list[Source] = field(default_factory=list)
    error: str | None = None
    waiting: int = 0
    page_errors: list[str] = field(default_factory=list)


class HostPacer:
    """Keeps ``min_delay`` seconds between two requests to one host."""

    def __init__(self, min_delay: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.min_delay = max(0.0, min_delay)
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        last = self._last.get(host)
        if last is not None:
            pause = last + self.min_delay - self._clock()
            if pause > 0:
                self._sleep(pause)
        self._last[host] = self._clock()


def sitemap_locations(data: bytes) -> tuple[str, list[str]] | None:
    """``(root, locations)`` of a sitemap (root ``urlset`` or ``sitemapindex``), None if
    ``data`` is not one. Read with a pattern, not an XML parser: no entity is expanded."""
    root = _SITEMAP_ROOT.search(data[:4096])
    if root is None:
        return None
    found = []
    for match in _LOC.finditer(data):
        found.append(html.unescape(match.group(1).decode("utf-8", "replace")).strip())
        if len(found) >= MAX_LOCATIONS:
            break
    return root.group(1).decode().lower(), found


class Poller:
    """Polls sources for :func:`launderlens.watch.run_cycle`; see the module docstring."""

    def __init__(self, store: Store, *, allow_private: bool = False, min_delay: float = 1.0,
                 max_pages: int = 50, timeout: float = 20.0, fetch: Fetch = fetch_if_changed,
                 pacer: HostPacer | None = None) -> None:
        self.store = store
        self.allow_private = allow_private
        self.max_pages = max_pages
        self.timeout = timeout
        self._fetch = fetch
        self.pacer = pacer or HostPacer(min_delay)

    def poll(self, url: str) -> PollResult:
        """Poll one source and record its state; never raises for the source's faults."""
        state = self.store.get_watch_source(url) or WatchSource(url)
        try:
            result = self._poll(state)
        except LaunderlensError as error:
            result = PollResult(url, "error", state.kind, error=str(error))
            self._save(replace(state, polled=datetime.now(UTC), status="error",
                               error=str(error), failures=state.failures + 1))
            log.warning("watch: %s: %s", url, error)
        return result

    def _get(self, url: str, etag: str | None = None, last_modified: str | None = None
             ) -> Fetched:
        self.pacer.wait(url)
        fetched: Fetched = self._fetch(url, etag=etag, last_modified=last_modified,
                                       allow_private=self.allow_private,
                                       timeout=self.timeout)
        return fetched

    def _poll(self, state: WatchSource) -> PollResult:
        fetched = self._get(state.url, state.etag, state.last_modified)
        polled = replace(state, etag=fetched.etag, last_modified=fetched.last_modified,
                         polled=datetime.now(UTC), error=None, failures=0)
        if fetched.source is None:
            self._save(replace(polled, status="not_modified"))
            return PollResult(state.url, "not_modified", state.kind)
        source = fetched.source
        sitemap = sitemap_locations(source.data or b"")
        if sitemap is not None:
            result = self._sitemap(state.url, *sitemap)
        else:
            kind = "feed" if detect_format(source) == "feed" else "page"
            result = PollResult(state.url, "ok", kind, [source])
        self._save(replace(polled, kind=result.kind, status=result.status))
        return result

    def _sitemap(self, url: str, root: str, locations: list[str]) -> PollResult:
        if root == "sitemapindex":  # one level down, within the same page budget
            nested: list[str] = []
            for child in locations[: self.max_pages]:
                try:
                    page = self._get(child).source
                except LaunderlensError as error:
                    log.warning("watch: sitemap %s: %s", child, error)
                    continue
                found = sitemap_locations(page.data or b"") if page else None
                if found is not None and found[0] == "urlset":
                    nested.extend(found[1])
            locations = nested
        unique = list(dict.fromkeys(locations))
        seen = self.store.seen_items(url, unique)
        new = [loc for loc in unique if loc not in seen]
        result = PollResult(url, "ok", "sitemap", waiting=max(0, len(new) - self.max_pages))
        fetched: list[str] = []
        for location in new[: self.max_pages]:
            try:
                page = self._get(location).source
            except LaunderlensError as error:
                result.page_errors.append(f"{location}: {error}")
                fetched.append(location)  # a page that fails is not asked for every poll
                continue
            if page is not None:
                result.sources.append(page)
            fetched.append(location)
        self.store.mark_seen(url, fetched)
        return result

    def _save(self, state: WatchSource) -> None:
        self.store.save_watch_source(state)
