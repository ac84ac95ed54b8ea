"""Stored analyses: an article's analysis (JSON) under the key of what produced it in; the
same payload and its findings, queryable by kind and article, out.

The store does not know how an analysis is made or shaped: :mod:`launderlens.claims.stored`
turns an ``Analysis`` into the JSON payload kept here and computes the parameters key
(launderlens, analyzer class, knowledge-base and model versions, backends, catalogue
revision). A caller with other parameters asks for another key and finds nothing, so a
stale analysis is never read; :meth:`AnalysisMixin.invalidate_analyses` removes old ones.

Findings are kept twice on purpose: inside the payload (what a report reads back) and as
rows of ``findings`` indexed by kind and article (what the inbox filters ask). Both are
written in one transaction, so they never disagree.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, get_args

from ..errors import ConfigError, StoreError
from ..findings import Evidence, Finding, FindingKind
from . import StoreUnavailableError
from .values import text_problem

__all__ = ["KEEP_PER_ARTICLE", "AnalysisMixin", "StoredAnalysis", "StoredFinding",
           "finding_from_json", "finding_to_json"]

log = logging.getLogger(__name__)

_NO_LIMIT = 2**63 - 1
#: Analyses kept per article: several sets of parameters may be in use at once (the web
#: app with embeddings, a command without), but each catalogue import or KB edit makes a
#: new key, and the old ones must not pile up. The oldest beyond this go when one is saved.
KEEP_PER_ARTICLE = 4
_IN_CHUNK = 500
_KINDS: frozenset[str] = frozenset(get_args(FindingKind))
_ANALYSIS_COLUMNS = "article_id, params_key, params, created_at, payload"
# An article's analyses past the newest KEEP_PER_ARTICLE (params: the id twice, the limit).
_OLDER = ("article_id = ? AND params_key NOT IN (SELECT params_key FROM analyses"
          " WHERE article_id = ? ORDER BY created_at DESC, params_key LIMIT ?)")
_FINDING_COLUMNS = ("article_id, params_key, position, kind, severity, sentence, char_start,"
                    " char_end, confidence, technique, residue, message, data")


@dataclass(frozen=True)
class StoredAnalysis:
    """One stored analysis: ``payload`` as it was saved, ``params`` what produced it."""

    article_id: str
    params_key: str
    params: dict[str, Any]
    created: datetime
    payload: dict[str, Any]


@dataclass(frozen=True)
class StoredFinding:
    """A finding of a stored analysis, with the article and key it belongs to."""

    article_id: str
    params_key: str
    position: int
    finding: Finding


def finding_to_json(finding: Finding) -> dict[str, Any]:
    """``finding`` as JSON data that :func:`finding_from_json` reads back equal (unlike
    ``Finding.as_dict``, the confidence is not rounded)."""
    data = finding.as_dict()
    data["confidence"] = finding.confidence
    return data


def finding_from_json(data: Mapping[str, Any]) -> Finding:
    """The finding :func:`finding_to_json` wrote; ValueError when ``data`` is not one."""
    if not isinstance(data, Mapping):
        raise ValueError(f"a stored finding is a JSON object, not {type(data).__name__}")
    try:
        kind = data["kind"]
        if kind not in _KINDS:
            raise ValueError(f"unknown finding kind {kind!r}")
        evidence = tuple(Evidence(kind=e["kind"], text=e["text"], source=e.get("source"),
                                  sentence=e.get("sentence")) for e in data.get("evidence", ()))
        return Finding(kind=kind, severity=data["severity"],
                       confidence=float(data["confidence"]), message=str(data["message"]),
                       sentence=data.get("sentence"), start=data.get("start"),
                       end=data.get("end"), evidence=evidence, residue=data.get("residue"),
                       technique=data.get("technique"))
    except (KeyError, TypeError, AttributeError) as err:
        raise ValueError(f"not a stored finding: {err}") from err


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)


@dataclass(frozen=True)
class _Prepared:
    """An analysis checked and turned into the text and rows the tables keep."""

    article_id: str
    params_key: str
    params: str
    payload: str
    rows: list[tuple[Any, ...]]


def _prepared(article_id: str, params_key: str, params: Mapping[str, Any],
              payload: Mapping[str, Any], findings: Sequence[Finding]) -> _Prepared | None:
    """The analysis as stored text and finding rows; None when it cannot be kept
    faithfully (not JSON, a non-finite confidence, text PostgreSQL refuses)."""
    try:
        payload_text, params_text = _dumps(dict(payload)), _dumps(dict(params))
        rows = [(article_id, params_key, position, f.kind, f.severity, f.sentence,
                 f.start, f.end, f.confidence, f.technique, f.residue, f.message,
                 _dumps(finding_to_json(f))) for position, f in enumerate(findings)]
    except (TypeError, ValueError):
        return None
    if any(not math.isfinite(row[8]) for row in rows):
        return None
    if text_problem(payload_text) or text_problem(params_text) or any(
            text_problem(row[11]) or text_problem(row[12]) for row in rows):
        return None
    return _Prepared(article_id, params_key, params_text, payload_text, rows)


class AnalysisMixin:
    """Analysis methods over the ``analyses`` and ``findings`` tables (migration 6)."""

    if TYPE_CHECKING:  # supplied by SQLStore
        def _transaction(self) -> AbstractContextManager[Any]: ...

        def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...

        def _native(self, sql: str) -> str: ...

        def _insert_rows(self, cur: Any, table: str, columns: str,
                         rows: Sequence[tuple[Any, ...]]) -> None: ...

    def save_analysis(self, article_id: str, params_key: str, params: Mapping[str, Any],
                      payload: Mapping[str, Any], findings: Sequence[Finding]) -> bool:
        """Keep ``payload`` (JSON data) and ``findings`` as the analysis of a stored article
        under ``params_key``, replacing one saved under the same key, in one transaction;
        the article's oldest analyses beyond :data:`KEEP_PER_ARTICLE` go.

        False when the payload cannot be kept faithfully (not JSON, or text PostgreSQL
        refuses); ConfigError when the article is not stored.
        """
        if not params_key:
            raise ConfigError("an analysis needs a non-empty parameters key")
        prepared = _prepared(article_id, params_key, params, payload, findings)
        if prepared is None:
            return False
        with self._transaction() as cur:
            cur.execute(self._native("SELECT 1 FROM articles WHERE id = ?"), (article_id,))
            if cur.fetchone() is None:
                raise ConfigError(f"article {article_id} is not stored; only a stored "
                                  "article's analysis can be saved")
            self._write_analyses(cur, [(prepared, datetime.now(UTC).isoformat())])
        return True

    def save_analyses(self, analyses: Sequence[tuple[str, str, Mapping[str, Any],
                                                     Mapping[str, Any], Sequence[Finding]]]
                      ) -> list[str | None]:
        """:meth:`save_analysis` for many ``(article_id, params_key, params, payload,
        findings)`` at once, in one transaction (a bulk load: the rows go in together, by
        COPY on PostgreSQL); for each, None when saved, else why it was not (an article
        that is not stored, a payload that cannot be kept faithfully, an empty key), and
        the others are saved all the same. When the database refuses the batch (a row it
        cannot take), each analysis is saved in a transaction of its own, so that only
        the ones it refuses are lost, each with the database's reason."""
        outcome: list[str | None] = [None] * len(analyses)
        ready: list[tuple[int, _Prepared]] = []
        for number, (article_id, params_key, params, payload, findings) in enumerate(analyses):
            prepared = _prepared(article_id, params_key, params, payload, findings) \
                if params_key else None
            if prepared is None:
                outcome[number] = "an analysis that cannot be kept faithfully"
            else:
                ready.append((number, prepared))
        if not ready:
            return outcome
        # Each a microsecond after the one before: an article's analyses beyond the limit
        # go in the order saved, as one at a time, not by their keys' order.
        saved_at = datetime.now(UTC)
        stamps = [(saved_at + timedelta(microseconds=n)).isoformat() for n in range(len(ready))]
        try:
            with self._transaction() as cur:
                stored = self._stored_ids(cur, [p.article_id for _, p in ready])
                # The last of one article's analyses under one key replaces the others,
                # as saving them one at a time does.
                last = {(p.article_id, p.params_key): (p, stamp)
                        for (_, p), stamp in zip(ready, stamps, strict=True)
                        if p.article_id in stored}
                self._write_analyses(cur, list(last.values()))
        except StoreUnavailableError:
            raise  # the database's fault, not a row's: each alone would fail the same
        except StoreError as error:
            log.warning("a batch of %d analyses was refused (%s); saving them one by one",
                        len(ready), error)
            return self._save_each(ready, stamps, outcome)
        for number, prepared in ready:
            if prepared.article_id not in stored:
                outcome[number] = f"article {prepared.article_id} is not stored"
        return outcome

    def _save_each(self, ready: list[tuple[int, _Prepared]], stamps: list[str],
                   outcome: list[str | None]) -> list[str | None]:
        for (number, prepared), stamp in zip(ready, stamps, strict=True):
            try:
                with self._transaction() as cur:
                    if not self._stored_ids(cur, [prepared.article_id]):
                        outcome[number] = f"article {prepared.article_id} is not stored"
                        continue
                    self._write_analyses(cur, [(prepared, stamp)])
            except StoreUnavailableError:
                raise
            except StoreError as error:
                outcome[number] = str(error)
        return outcome

    def _stored_ids(self, cur: Any, article_ids: Sequence[str]) -> set[str]:
        ids = list(dict.fromkeys(article_ids))
        stored: set[str] = set()
        for start in range(0, len(ids), _IN_CHUNK):
            part = ids[start:start + _IN_CHUNK]
            cur.execute(self._native(f"SELECT id FROM articles WHERE id IN "
                                     f"({', '.join('?' * len(part))})"), part)
            stored.update(row[0] for row in cur.fetchall())
        return stored

    def _write_analyses(self, cur: Any, analyses: list[tuple[_Prepared, str]]) -> None:
        """Keep analyses (one per article and key), each replacing the article's analysis
        under its key and the oldest beyond :data:`KEEP_PER_ARTICLE` going; a statement per
        step for all of them."""
        if not analyses:
            return
        keys = [(p.article_id, p.params_key) for p, _ in analyses]
        for table in ("findings", "analyses"):
            cur.executemany(self._native(f"DELETE FROM {table} WHERE article_id = ? AND "
                                         "params_key = ?"), keys)
        self._insert_rows(cur, "analyses", _ANALYSIS_COLUMNS,
                          [(p.article_id, p.params_key, p.params, stamp, p.payload)
                           for p, stamp in analyses])
        self._insert_rows(cur, "findings", _FINDING_COLUMNS,
                          [row for p, _ in analyses for row in p.rows])
        articles = list(dict.fromkeys(p.article_id for p, _ in analyses))
        for table in ("findings", "analyses"):  # findings first, as in _delete_analyses
            cur.executemany(self._native(f"DELETE FROM {table} WHERE {_OLDER}"),
                            [(a, a, KEEP_PER_ARTICLE) for a in articles])

    def load_analysis(self, article_id: str, params_key: str) -> StoredAnalysis | None:
        """The analysis saved for ``article_id`` under ``params_key``, or None."""
        rows = self._read("SELECT params, created_at, payload FROM analyses"
                          " WHERE article_id = ? AND params_key = ?", (article_id, params_key))
        if not rows:
            return None
        params, created, payload = rows[0]
        return StoredAnalysis(article_id, params_key, json.loads(params),
                              datetime.fromisoformat(created), json.loads(payload))

    def load_analyses(self, article_ids: Sequence[str], params_key: str
                      ) -> dict[str, StoredAnalysis]:
        """:meth:`load_analysis` for many articles at once; those without one are left out."""
        found: dict[str, StoredAnalysis] = {}
        unique = list(dict.fromkeys(article_ids))
        for start in range(0, len(unique), _IN_CHUNK):
            part = unique[start:start + _IN_CHUNK]
            sql = ("SELECT article_id, params, created_at, payload FROM analyses WHERE "
                   f"params_key = ? AND article_id IN ({', '.join('?' * len(part))})")
            for article_id, params, created, payload in self._read(sql, (params_key, *part)):
                found[article_id] = StoredAnalysis(article_id, params_key, json.loads(params),
                                                   datetime.fromisoformat(created),
                                                   json.loads(payload))
        return found

    def invalidate_analyses(self, *, article_ids: Sequence[str] | None = None,
                            keep_key: str | None = None) -> int:
        """Delete stored analyses (and their findings): of ``article_ids`` only when given,
        all but those under ``keep_key`` when given; how many were deleted."""
        clauses: list[str] = []
        params: list[Any] = []
        if keep_key is not None:
            clauses.append("params_key <> ?")
            params.append(keep_key)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        deleted = 0
        with self._transaction() as cur:
            if article_ids is None:
                deleted += self._delete_analyses(cur, where, params)
            ids = list(dict.fromkeys(article_ids or ()))
            for start in range(0, len(ids), _IN_CHUNK):
                part = ids[start:start + _IN_CHUNK]
                clause = f"article_id IN ({', '.join('?' * len(part))})"
                scoped = f"{where} AND {clause}" if where else f" WHERE {clause}"
                deleted += self._delete_analyses(cur, scoped, [*params, *part])
        return deleted

    def _delete_analyses(self, cur: Any, where: str, params: Sequence[Any]) -> int:
        # findings first: SQLite enforces the cascade only with foreign keys on, which
        # every connection of ours sets, but an explicit delete does not depend on it.
        cur.execute(self._native(f"DELETE FROM findings{where}"), params)
        cur.execute(self._native(f"DELETE FROM analyses{where}"), params)
        return max(0, int(cur.rowcount))

    def count_analyses(self, params_key: str | None = None) -> int:
        """Stored analyses, of one parameters key when given."""
        if params_key is None:
            return int(self._read("SELECT count(*) FROM analyses")[0][0])
        return int(self._read("SELECT count(*) FROM analyses WHERE params_key = ?",
                              (params_key,))[0][0])

    def find_findings(self, *, kind: str | None = None, article_id: str | None = None,
                      params_key: str | None = None, limit: int | None = None
                      ) -> list[StoredFinding]:
        """Stored findings, by article id then position, filtered by ``kind``, article and
        parameters key when given (the ``findings`` indexes serve these filters)."""
        if kind is not None and kind not in _KINDS:
            raise ConfigError(f"unknown finding kind {kind!r}; use one of "
                              f"{', '.join(sorted(_KINDS))}")
        clauses, params = [], []
        for column, value in (("kind", kind), ("article_id", article_id),
                              ("params_key", params_key)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = (f"SELECT article_id, params_key, position, data FROM findings{where}"
               " ORDER BY article_id, params_key, position LIMIT ?")
        rows = self._read(sql, (*params, _NO_LIMIT if limit is None else limit))
        found = []
        for article_id, key, position, data in rows:
            try:  # a database from someone else may hold anything: skip what is not ours
                found.append(StoredFinding(article_id, key, int(position),
                                           finding_from_json(json.loads(data))))
            except ValueError as err:
                log.warning("skipping stored finding %s/%s of %s: %s", key, position,
                            article_id, err)
        return found
