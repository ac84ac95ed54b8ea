"""The outlets' part of the SQL stores: articles in (as they are stored), outlet records and
their infrastructure indicators out.

Kept apart from :mod:`.sql` like the catalogue and the jobs. ``_record_outlets`` runs inside
the transaction that stores new articles, so an outlet's counts and dates never disagree
with its articles; the indicators come from each article's ``meta["fingerprints"]``
(written by the HTML and WARC readers) and only known kinds with capped values are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..model import Article
from ..outlets import outlet_key
from ..outlets.fingerprints import clean_fingerprints
from ..outlets.importers import KnownOutlet
from .values import split_instant

__all__ = ["OutletMixin", "OutletRecord"]

_COLUMNS = ("key, name, language, first_seen, last_seen, articles, affiliation,"
            " affiliation_source")

_UPSERT = (
    "INSERT INTO outlets (key, name, language, first_seen, last_seen, articles)"
    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
    " name = COALESCE(outlets.name, excluded.name),"
    " language = COALESCE(outlets.language, excluded.language),"
    " first_seen = CASE WHEN outlets.first_seen IS NULL OR excluded.first_seen"
    " < outlets.first_seen THEN excluded.first_seen ELSE outlets.first_seen END,"
    " last_seen = CASE WHEN outlets.last_seen IS NULL OR excluded.last_seen"
    " > outlets.last_seen THEN excluded.last_seen ELSE outlets.last_seen END,"
    " articles = outlets.articles + excluded.articles"
)


@dataclass(frozen=True)
class OutletRecord:
    """One outlet as stored: ``key`` is its domain (or ``name:`` and its name)."""

    key: str
    name: str | None
    domains: tuple[str, ...]
    language: str | None
    first_seen: datetime | None
    last_seen: datetime | None
    articles: int
    affiliation: str | None = None
    affiliation_source: str | None = None

    @property
    def label(self) -> str:
        """What a person calls it: its name, else its key."""
        return self.name or self.key

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "name": self.name, "domains": list(self.domains),
            "language": self.language,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "articles": self.articles, "affiliation": self.affiliation,
            "affiliation_source": self.affiliation_source,
        }


@dataclass
class _Tally:
    name: str | None = None
    language: str | None = None
    first: datetime | None = None
    last: datetime | None = None
    articles: int = 0
    domains: set[str] = field(default_factory=set)

    def add(self, article: Article) -> None:
        self.name = self.name or article.outlet
        self.language = self.language or article.language
        self.articles += 1
        if article.domain:
            self.domains.add(article.domain)
        when = article.published
        if when is not None:
            self.first = when if self.first is None or when < self.first else self.first
            self.last = when if self.last is None or when > self.last else self.last


class OutletMixin:
    """Outlet methods over the ``outlets``, ``outlet_domains`` and ``outlet_indicators``
    tables (migration 5)."""

    if TYPE_CHECKING:  # supplied by SQLStore
        def _transaction(self) -> AbstractContextManager[Any]: ...

        def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...

        def _native(self, sql: str) -> str: ...

        def _encode_time(self, instant: datetime) -> object: ...

        def _decode_time(self, value: Any) -> datetime: ...

    def _record_outlets(self, cur: Any, articles: Iterable[Article]) -> None:
        """Count newly stored ``articles`` into their outlets and keep their indicators."""
        tallies: dict[str, _Tally] = {}
        indicator_rows: list[tuple[str, str, str, str]] = []
        for article in articles:
            key = outlet_key(article.domain, article.outlet)
            if key is None:
                continue
            tallies.setdefault(key, _Tally()).add(article)
            for kind, values in clean_fingerprints(article.meta.get("fingerprints")).items():
                indicator_rows += [(article.id, key, kind, value) for value in values]
        if not tallies:
            return
        rows = [(key, t.name, t.language, self._utc(t.first), self._utc(t.last), t.articles)
                for key, t in sorted(tallies.items())]
        cur.executemany(self._native(_UPSERT), rows)
        domains = [(key, domain) for key, t in sorted(tallies.items())
                   for domain in sorted(t.domains)]
        if domains:
            cur.executemany(self._native("INSERT INTO outlet_domains (outlet_key, domain)"
                                         " VALUES (?, ?) ON CONFLICT DO NOTHING"), domains)
        if indicator_rows:
            cur.executemany(self._native(
                "INSERT INTO outlet_indicators (article_id, outlet_key, kind, value)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"), indicator_rows)

    def _utc(self, when: datetime | None) -> object:
        return None if when is None else self._encode_time(split_instant(when)[0])

    def list_outlets(self, *, limit: int | None = None) -> list[OutletRecord]:
        """Every outlet, the most prolific first, then by key."""
        sql = f"SELECT {_COLUMNS} FROM outlets ORDER BY articles DESC, key"
        params: tuple[Any, ...] = ()
        if limit is not None:
            sql, params = sql + " LIMIT ?", (max(0, limit),)
        return self._records(self._read(sql, params))

    def get_outlet(self, ref: str) -> OutletRecord | None:
        """The outlet with key, domain or (case-insensitively) name ``ref``."""
        text = ref.strip()
        key = outlet_key(text if "." in text and " " not in text else None, text) or ""
        rows = self._read(f"SELECT {_COLUMNS} FROM outlets WHERE key = ? OR key = ? OR key IN"
                          " (SELECT outlet_key FROM outlet_domains WHERE domain = ?)",
                          (text, key, key))
        if not rows:
            rows = [row for row in self._read(f"SELECT {_COLUMNS} FROM outlets")
                    if row[1] and row[1].casefold() == text.casefold()]
        found = self._records(rows[:1])
        return found[0] if found else None

    def outlet_indicators(self, key: str | None = None) -> list[tuple[str, str, str, int]]:
        """``(outlet key, kind, value, articles)``: each value an outlet's pages showed, with
        how many of its articles showed it; of the outlet ``key`` only, when given."""
        where, params = ("WHERE outlet_key = ? ", (key,)) if key is not None else ("", ())
        rows = self._read("SELECT outlet_key, kind, value, count(*) FROM outlet_indicators "
                          f"{where}GROUP BY outlet_key, kind, value "
                          "ORDER BY outlet_key, kind, value", params)
        return [(str(k), str(kind), str(value), int(n)) for k, kind, value, n in rows]

    def import_outlets(self, outlets: Sequence[KnownOutlet]) -> int:
        """Add or update outlets from a list of known ones: each keyed by its domain,
        affiliation and source set from the list, a stored name kept, and its looked-up
        DNS, WHOIS and certificate values added to its indicators; how many."""
        if not outlets:
            return 0
        rows = [(o.domain, o.name, o.affiliation, o.source) for o in outlets]
        with self._transaction() as cur:
            cur.executemany(self._native(
                "INSERT INTO outlets (key, name, affiliation, affiliation_source)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
                " name = COALESCE(outlets.name, excluded.name),"
                " affiliation = excluded.affiliation,"
                " affiliation_source = excluded.affiliation_source"), rows)
            cur.executemany(self._native("INSERT INTO outlet_domains (outlet_key, domain)"
                                         " VALUES (?, ?) ON CONFLICT DO NOTHING"),
                            [(o.domain, o.domain) for o in outlets])
            # Imported values are kept like a page's, under a row id naming the import.
            looked_up = [(f"import:{o.domain}", o.domain, kind, value)
                         for o in outlets for kind, value in o.indicators]
            if looked_up:
                cur.executemany(self._native(
                    "INSERT INTO outlet_indicators (article_id, outlet_key, kind, value)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"), looked_up)
        return len(rows)

    def set_outlet_affiliation(self, key: str, affiliation: str | None,
                               source: str | None) -> None:
        """Record what an outlet is affiliated with and the public source that says so."""
        with self._transaction() as cur:
            cur.execute(self._native("UPDATE outlets SET affiliation = ?, affiliation_source = ?"
                                     " WHERE key = ?"), (affiliation, source, key))

    def _records(self, rows: Sequence[Any]) -> list[OutletRecord]:
        if not rows:
            return []
        keys = [row[0] for row in rows]
        domains: dict[str, list[str]] = {}
        for start in range(0, len(keys), 500):
            part = keys[start:start + 500]
            marks = ", ".join("?" * len(part))
            for key, domain in self._read("SELECT outlet_key, domain FROM outlet_domains"
                                          f" WHERE outlet_key IN ({marks}) ORDER BY domain", part):
                domains.setdefault(key, []).append(domain)
        decode = self._decode_time
        return [OutletRecord(key=row[0], name=row[1], domains=tuple(domains.get(row[0], ())),
                             language=row[2],
                             first_seen=None if row[3] is None else decode(row[3]),
                             last_seen=None if row[4] is None else decode(row[4]),
                             articles=int(row[5]), affiliation=row[6],
                             affiliation_source=row[7]) for row in rows]
