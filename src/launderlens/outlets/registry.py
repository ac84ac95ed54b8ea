"""A list of debunked disinformation cases in; a sourced registry of the outlets that
carried them out: each outlet's domain with the public case pages that name it.

The registry is built at run time from the user's own copy of a source (nothing of it
ships with launderlens): today the EUvsDisinfo case list as scraped by the cknabs/EUvsDisinfo
project (``posts.csv``: ``date, id, title, countries, keywords, languages, outlets``, the
id being the case's page on euvsdisinfo.eu and the outlets ``+``-joined). An outlet
enters the registry only when the case list names it by its domain ("news-front.info"):
a name alone ("Sputnik Poland") cannot be matched to a site honestly. Platforms and link
shorteners that host everyone (YouTube, Facebook, bit.ly, ...) are left out, since a case
on one says nothing about the platform. Each entry keeps its case count, first and last
case dates and a few case URLs as its sources; :meth:`RegistryEntry.known` makes it an
importable :class:`~launderlens.outlets.importers.KnownOutlet`, and :func:`unaffiliated`
picks those whose stored outlet has no affiliation yet (what ``--apply`` records).

EUvsDisinfo is a project of the EEAS East StratCom Task Force; check its terms of reuse
before publishing what you derive from it, and cite it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from .importers import KnownOutlet

__all__ = ["PLATFORMS", "RegistryEntry", "StoredOutlet", "euvsdisinfo_registry", "unaffiliated"]

#: Hosts on which anyone publishes: a case there names a page, not the host's operator.
PLATFORMS = frozenset({
    "youtube.com", "youtu.be", "facebook.com", "fb.com", "twitter.com", "x.com", "t.me",
    "telegram.org", "telegram.me", "vk.com", "ok.ru", "instagram.com", "tiktok.com",
    "bit.ly", "goo.gl", "tinyurl.com", "ow.ly", "livejournal.com", "blogspot.com",
    "wordpress.com", "medium.com", "rutube.ru", "dzen.ru", "zen.yandex.ru", "yandex.ru",
    "google.com", "reddit.com", "odysee.com", "bitchute.com", "rumble.com", "linkedin.com",
    "archive.org", "archive.ph", "archive.is", "web.archive.org", "substack.com",
    "mail.ru", "my.mail.ru", "pinterest.com", "tumblr.com", "weibo.com", "gab.com",
})
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
                     r"[a-z]{2,24})/?(?:\s+-\s+.*)?$", re.IGNORECASE)
_CASE = re.compile(r"^https://(?:www\.)?euvsdisinfo\.eu/report/[\w%./-]{1,300}$")
#: Case URLs kept per outlet as its sources.
MAX_SOURCES = 5
MAX_ROWS = 500_000
#: A case list's fields are a title, a link, a few names: a longer one is a broken row. The
#: csv module's own limit cannot be relied on, since another reader in the process may
#: have raised it (ingest's CSV reader does, to the article cap).
MAX_FIELD = 65_536


@dataclass
class RegistryEntry:
    """One outlet named by its domain in the cases, with the cases that name it."""

    domain: str
    cases: int = 0
    first_case: date | None = None
    last_case: date | None = None
    languages: set[str] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)

    @property
    def affiliation(self) -> str:
        return (f"named in {self.cases} EUvsDisinfo disinformation case"
                f"{'' if self.cases == 1 else 's'}")

    def known(self) -> KnownOutlet:
        """The entry as an outlet to import, sourced by its first case page."""
        return KnownOutlet(self.domain, None, self.affiliation, self.sources[0])

    def as_dict(self) -> dict[str, Any]:
        return {"domain": self.domain, "affiliation": self.affiliation,
                "source": self.sources[0], "sources": list(self.sources),
                "cases": self.cases, "languages": sorted(self.languages),
                "first_case": self.first_case.isoformat() if self.first_case else None,
                "last_case": self.last_case.isoformat() if self.last_case else None}


class StoredOutlet(Protocol):
    """What :func:`unaffiliated` reads of a stored outlet (a store's ``OutletRecord``)."""

    @property
    def key(self) -> str: ...
    @property
    def name(self) -> str | None: ...
    @property
    def domains(self) -> tuple[str, ...]: ...
    @property
    def affiliation(self) -> str | None: ...


def unaffiliated(entries: Sequence[RegistryEntry], stored: Iterable[StoredOutlet]
                 ) -> list[KnownOutlet]:
    """The entries whose outlet is among ``stored`` (a store's whole ``list_outlets()``)
    with no affiliation, as outlets to import; one listing instead of a lookup per entry.

    An entry finds its outlet as ``Store.get_outlet`` finds a domain: by key, else by
    one of the outlet's domains, else by a name equal to the domain.
    """
    by_key: dict[str, StoredOutlet] = {}
    by_domain: dict[str, StoredOutlet] = {}
    by_name: dict[str, StoredOutlet] = {}
    for outlet in stored:
        by_key[outlet.key] = outlet
        for domain in outlet.domains:
            by_domain.setdefault(domain, outlet)
        if outlet.name:
            by_name.setdefault(outlet.name.casefold(), outlet)
    fresh = []
    for entry in entries:
        found = (by_key.get(entry.domain) or by_domain.get(entry.domain)
                 or by_name.get(entry.domain.casefold()))
        if found is not None and found.affiliation is None:
            fresh.append(entry.known())
    return fresh


def _domain(outlet: str) -> str | None:
    match = _DOMAIN.match(outlet.strip())
    if match is None:
        return None
    host = match.group(1).lower().rstrip(".")
    if any(host == p or host.endswith("." + p) for p in PLATFORMS):
        return None
    return host


def euvsdisinfo_registry(text: str | Iterable[str]) -> tuple[list[RegistryEntry], dict[str, int]]:
    """The registry of the case list ``text`` (``posts.csv``), the most-cited first, and
    counts of what was read and left out."""
    lines = io.StringIO(text) if isinstance(text, str) else text
    reader = csv.DictReader(lines)
    missing = {"date", "id", "outlets"} - set(reader.fieldnames or ())
    if missing:
        raise ValueError(f"not an EUvsDisinfo case list: no {', '.join(sorted(missing))} column")
    found: dict[str, RegistryEntry] = {}
    counts = {"cases": 0, "unsourced_cases": 0, "named_outlets": 0, "platforms_or_names": 0,
              "bad_rows": 0}
    for row in _rows(reader, counts):
        counts["cases"] += 1
        url = (row.get("id") or "").strip()
        if not _CASE.match(url):
            counts["unsourced_cases"] += 1
            continue
        when = _date(row.get("date") or "")
        for outlet in {o.strip() for o in (row.get("outlets") or "").split("+")} - {""}:
            counts["named_outlets"] += 1
            domain = _domain(outlet[:300])
            if domain is None:
                counts["platforms_or_names"] += 1
                continue
            entry = found.setdefault(domain, RegistryEntry(domain))
            entry.cases += 1
            if when is not None:
                entry.first_case = min(filter(None, (entry.first_case, when)))
                entry.last_case = max(filter(None, (entry.last_case, when)))
            entry.languages |= {x.strip() for x in (row.get("languages") or "").split("+")
                                if x.strip()}
            if len(entry.sources) < MAX_SOURCES and url not in entry.sources:
                entry.sources.append(url)
    entries = sorted(found.values(), key=lambda e: (-e.cases, e.domain))
    return entries, counts


def _rows(reader: csv.DictReader[str], counts: dict[str, int]) -> Iterator[dict[str, Any]]:
    """The reader's rows, at most :data:`MAX_ROWS`; a row the csv module cannot read (a
    field over its size limit, or over :data:`MAX_FIELD`) is counted and skipped."""
    for _ in range(MAX_ROWS):
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            counts["bad_rows"] += 1
            continue
        if any(isinstance(v, str) and len(v) > MAX_FIELD for v in row.values()):
            counts["bad_rows"] += 1
            continue
        yield {k: v for k, v in row.items() if isinstance(k, str)}


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
