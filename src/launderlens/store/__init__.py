"""Stores: where everything launderlens collects and derives is kept.

Articles, their sentences, rejected items, cached embeddings, stories, the catalogue of
known narratives, the web app's background jobs, and outlets with the infrastructure
indicators of their pages, and the analyses of stored articles with their findings. One
interface, :class:`Store`, with
two implementations chosen by the URL given to :func:`open_store`: SQLite (a file path,
``sqlite:///path`` or ``:memory:``; the default) and PostgreSQL (``postgresql://...``).
Both run the same conformance tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..errors import ConfigError, StoreError
from ..model import Article, Rejection, Sentence

if TYPE_CHECKING:
    from ..findings import Finding
    from ..model import Story
    from ..narrative import NarrativeRecord
    from ..outlets.importers import KnownOutlet
    from .analyses import StoredAnalysis, StoredFinding
    from .catalogue import CatalogueWrite
    from .jobs import JobRecord, JobState
    from .outlets import OutletRecord
    from .watch import AlertRecord, WatchSource

__all__ = ["AddResult", "Store", "StoreUnavailableError", "default_db_url", "open_store"]

ENV_VAR = "LAUNDERLENS_DB"


class StoreUnavailableError(StoreError):
    """The database could not be used (a lost connection, a lock held past the wait, a
    full disk): no fault of the rows written, so a bulk load stops instead of setting
    them aside one by one as refused."""


@dataclass
class AddResult:
    """Which of the articles given to :meth:`Store.add_articles` were new.

    ``rejected`` holds articles no backend can keep faithfully (a NUL character, ``meta``
    that is not JSON); the store has recorded them as rejections in the same transaction,
    and the rest of the call is stored.
    """

    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


@runtime_checkable
class Store(Protocol):
    """What every store backend offers. Writes are transactional per call."""

    url: str

    @property
    def schema_version(self) -> int: ...

    def add_articles(
        self, articles: Sequence[tuple[Article, Sequence[Sentence]]]
    ) -> AddResult:
        """Store each article with its sentences, in one transaction.

        An article whose id is already stored is left as it was and reported as a
        duplicate; so is the second of two equal ids in one call. Sentences must be
        spans of their article's text (ConfigError otherwise); only the spans are kept.
        """
        ...

    def add_rejections(self, rejections: Sequence[Rejection]) -> None:
        """Record items that could not be ingested, with their reasons."""
        ...

    def get_article(self, article_id: str) -> Article | None: ...

    def resolve_id(self, prefix: str) -> str:
        """The full id of the one article whose id starts with ``prefix``.

        Raises KeyError when none matches and ConfigError when several do.
        """
        ...

    def list_articles(
        self,
        *,
        outlet: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = None,
        offset: int = 0,
        search: str | None = None,
    ) -> list[Article]:
        """Articles newest first (unknown dates last); ``outlet`` matches name or domain;
        ``search`` keeps those holding every word of it (see :meth:`search_articles`; no
        word to look for finds nothing).

        ``since`` is inclusive and ``until`` exclusive; a naive bound is taken as UTC.
        ``published`` comes back as the same instant with the UTC offset it was given.
        """
        ...

    def iter_articles(self, batch_size: int = 500) -> Iterator[Article]:
        """Every article, in id order, without loading them all at once."""
        ...

    def search_articles(self, words: str, *, limit: int | None = None,
                        offset: int = 0) -> list[Article]:
        """Articles whose title or text holds every word of ``words`` (lowered, not
        stemmed; see :mod:`launderlens.store.search`), newest first."""
        ...

    def sentences(self, article_id: str) -> list[Sentence]: ...

    def rejections(self, limit: int | None = None) -> list[Rejection]:
        """Recorded rejections, newest first."""
        ...

    def count_articles(self) -> int: ...

    def get_embeddings(self, model: str, keys: Sequence[str]) -> dict[str, bytes]:
        """Cached sentence vectors of ``model`` (float32 bytes) for the keys it has."""
        ...

    def put_embeddings(self, model: str, items: Sequence[tuple[str, bytes]]) -> None:
        """Cache ``(key, vector)`` pairs; a key already cached keeps its vector."""
        ...

    def replace_stories(self, stories: Sequence[Story], params: Mapping[str, Any]) -> None:
        """Make ``stories`` the store's stories in one transaction; ``params`` records
        what produced them."""
        ...

    def list_stories(self, *, min_size: int = 1, limit: int | None = None) -> list[Story]:
        """Stories of at least ``min_size`` articles, largest first."""
        ...

    def get_story(self, ref: str) -> Story | None:
        """A story by id or id prefix, or the story holding an article id or prefix."""
        ...

    def count_stories(self) -> int: ...

    def upsert_narratives(self, records: Sequence[NarrativeRecord]) -> CatalogueWrite:
        """Add new catalogue records and update changed ones, by id, in one transaction;
        a record equal to the stored one is reported unchanged and keeps its revision."""
        ...

    def get_narrative(self, record_id: str) -> NarrativeRecord | None: ...

    def get_narratives(self, ids: Sequence[str]) -> dict[str, NarrativeRecord]: ...

    def list_narratives(self, *, origin: str | None = None, limit: int | None = None,
                        offset: int = 0) -> list[NarrativeRecord]:
        """Records in id order, optionally of one ``origin`` (a trailing ``*`` for a prefix)."""
        ...

    def iter_narratives(self, *, after_revision: int = 0, batch_size: int = 2000
                        ) -> Iterator[tuple[int, NarrativeRecord]]:
        """``(revision, record)`` for records written after ``after_revision``."""
        ...

    def count_narratives(self) -> int: ...

    def narratives_revision(self) -> int:
        """The largest revision in the catalogue; it moves whenever the catalogue changes."""
        ...

    def add_job(self, job_id: str, label: str) -> JobRecord:
        """Record a new background job, queued."""
        ...

    def update_job(self, job_id: str, state: JobState, *, result: Any = None,
                   error: str | None = None) -> None:
        """Move a job to ``state`` with its result (JSON) or error message."""
        ...

    def get_job(self, job_id: str) -> JobRecord | None: ...

    def fail_unfinished_jobs(self, reason: str) -> int:
        """Mark every queued or running job failed with ``reason`` (a server starting:
        whoever ran them is gone); how many there were."""
        ...

    def forget_jobs(self, keep: int) -> int:
        """Delete finished jobs beyond the ``keep`` most recently changed; how many."""
        ...

    def list_outlets(self, *, limit: int | None = None) -> list[OutletRecord]:
        """Every outlet (filled as articles are stored), the most prolific first."""
        ...

    def get_outlet(self, ref: str) -> OutletRecord | None:
        """The outlet with key, domain or (case-insensitively) name ``ref``."""
        ...

    def outlet_indicators(self, key: str | None = None) -> list[tuple[str, str, str, int]]:
        """``(outlet key, kind, value, articles)`` for every infrastructure indicator the
        stored articles' pages showed (see :mod:`launderlens.outlets.fingerprints`), of
        the outlet ``key`` only when given."""
        ...

    def set_outlet_affiliation(self, key: str, affiliation: str | None,
                               source: str | None) -> None:
        """Record an outlet's affiliation and the public source that states it."""
        ...

    def import_outlets(self, outlets: Sequence[KnownOutlet]) -> int:
        """Add or update outlets from a list of known ones (keyed by domain; affiliation
        and source from the list, a stored name kept), in one transaction; how many."""
        ...

    def save_analysis(self, article_id: str, params_key: str, params: Mapping[str, Any],
                      payload: Mapping[str, Any], findings: Sequence[Finding]) -> bool:
        """Keep a stored article's analysis (JSON ``payload``) and its findings under
        ``params_key``, replacing one saved under the same key; False when it cannot be
        kept faithfully (see :mod:`launderlens.store.analyses`)."""
        ...

    def save_analyses(self, analyses: Sequence[tuple[str, str, Mapping[str, Any],
                                                     Mapping[str, Any], Sequence[Finding]]]
                      ) -> list[str | None]:
        """``save_analysis`` for many ``(article_id, params_key, params, payload,
        findings)`` in one transaction (a bulk load); for each, None when saved, else why
        not."""
        ...

    def load_analysis(self, article_id: str, params_key: str) -> StoredAnalysis | None:
        """The analysis saved for ``article_id`` under ``params_key``, or None."""
        ...

    def load_analyses(self, article_ids: Sequence[str], params_key: str
                      ) -> dict[str, StoredAnalysis]: ...

    def invalidate_analyses(self, *, article_ids: Sequence[str] | None = None,
                            keep_key: str | None = None) -> int:
        """Delete stored analyses: of ``article_ids`` when given, all but ``keep_key``'s
        when given; how many."""
        ...

    def count_analyses(self, params_key: str | None = None) -> int: ...

    def find_findings(self, *, kind: str | None = None, article_id: str | None = None,
                      params_key: str | None = None, limit: int | None = None
                      ) -> list[StoredFinding]:
        """Findings of stored analyses, filtered by kind, article and key when given."""
        ...

    # -- watch (migration 7; launderlens.store.watch) --------------------------------

    def get_watch_source(self, url: str) -> WatchSource | None:
        """What the last poll of ``url`` left (validators, status), or None."""
        ...

    def list_watch_sources(self) -> list[WatchSource]: ...

    def save_watch_source(self, source: WatchSource) -> None: ...

    def seen_items(self, source_url: str, items: Sequence[str]) -> set[str]:
        """Which of ``items`` (feed entries, sitemap locations) the source listed before."""
        ...

    def mark_seen(self, source_url: str, items: Sequence[str]) -> None: ...

    def get_watch_state(self, name: str) -> Any:
        """The JSON value a watch cycle stored under ``name``, or None."""
        ...

    def set_watch_state(self, name: str, value: Any) -> None: ...

    def add_alerts(self, alerts: Sequence[AlertRecord]) -> list[AlertRecord]:
        """Store alerts in one transaction; the ones that were not already stored."""
        ...

    def list_alerts(self, *, kind: str | None = None, limit: int = 50) -> list[AlertRecord]:
        """Alerts newest first."""
        ...

    def article_ids(self) -> list[str]:
        """Every stored article id, without reading the articles."""
        ...

    def count_stories_unlike(self, marker: str) -> int:
        """Stored stories whose parameters' JSON does not hold ``marker``."""
        ...

    def replace_stories_of(self, article_ids: Sequence[str], stories: Sequence[Story],
                           params: Mapping[str, Any]) -> None:
        """Delete the stories holding any of ``article_ids`` and store ``stories`` in
        their place, in one transaction (an incremental clustering's changed stories)."""
        ...

    # -- end of watch ------------------------------------------------------------------

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


def default_db_url() -> str:
    """``LAUNDERLENS_DB`` if set, else a SQLite file in the user's data directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    import platformdirs

    return str(Path(platformdirs.user_data_dir("launderlens")) / "launderlens.db")


def open_store(url: str | None = None) -> Store:
    """Open (creating and migrating as needed) the store at ``url``.

    ``url`` is a PostgreSQL URL (``postgresql://`` or ``postgres://``), a SQLite URL
    (``sqlite:///path``), ``:memory:``, or a file path; None means :func:`default_db_url`.
    """
    url = url or default_db_url()
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        from .postgres import PostgresStore

        return PostgresStore(url)
    if "://" in url and not url.startswith("sqlite://"):
        scheme = url.split("://", 1)[0]
        raise ConfigError(
            f"unknown database scheme {scheme!r}; use a file path, sqlite:///PATH, "
            "or postgresql://USER@HOST/DB"
        )
    from .sqlite import SQLiteStore

    return SQLiteStore(url)
