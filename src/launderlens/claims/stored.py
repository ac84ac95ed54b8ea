"""An analyzer and a store in; the analysis of a stored article out, read back from the store
when one was saved with the same parameters, computed and saved otherwise.

Every caller that analyses stored articles (``analyze --db``, reports, exports, the web
app) goes through :class:`StoredAnalyzer`, so an article is analysed once per set of
parameters however many pages, reports and exports show it. The parameters
(:meth:`StoredAnalyzer.params`) are what can change an analysis: the launderlens version
and a hash of the analysis code's source, the knowledge base's version and date, the claim
scorer (cues, a model file's content, embeddings), the technique model, and the narrative
matching with the catalogue revision it searched. Any change gives another key, so the
stored analysis is not read and a new one is computed: the store is never asked to judge
staleness.

Only an article the store holds, exactly as given, is read or saved: an article id covers
the outlet, title and text, not the URL or the date, and the date changes the analysis. An
analysis with a failed stage is not saved, so the stage is tried again next time.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import StoreError
from ..findings import Attribution, Claim
from ..model import Article, Sentence
from ..store.analyses import finding_from_json, finding_to_json
from .analyze import Analysis, Analyzer

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["PAYLOAD_FORMAT", "StoredAnalyzer", "analysis_from_json", "analysis_to_json",
           "params_key"]

log = logging.getLogger(__name__)

#: The shape of the stored payload; part of the parameters, so a new shape is a new key.
PAYLOAD_FORMAT = 1

#: What an analysis runs, beside the package top: its source is part of the key.
_ANALYSIS_CODE = ("claims", "kb", "narratives", "languages", "ingest", "embeddings",
                  "findings.py", "model.py", "narrative.py")


@functools.cache
def code_version() -> str:
    """A hash of the analysis code's source (the packages an analysis runs), so that an
    edited stage recomputes even before the version number moves; read once a process."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for name in _ANALYSIS_CODE:
        target = root / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for path in files:
            try:
                data = path.read_bytes()
            except OSError:  # a file gone from an odd install: the name still counts
                data = b""
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + data)
    return digest.hexdigest()[:16]


def params_key(params: Mapping[str, Any]) -> str:
    """A short, stable hash of the parameters (JSON with sorted keys)."""
    text = json.dumps(dict(params), sort_keys=True, default=str, ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:32]


def analysis_to_json(analysis: Analysis) -> dict[str, Any]:
    """``analysis`` as JSON data, without its article (the store has it): read back equal
    by :func:`analysis_from_json` (scores and confidences are not rounded)."""
    return {
        "format": PAYLOAD_FORMAT,
        "sentences": [[s.index, s.start, s.end] for s in analysis.sentences],
        "reference_date": _iso(analysis.reference_date),
        "reference_date_source": analysis.reference_date_source,
        "claims": [[c.sentence, c.score, c.type, c.check_worthy, list(c.features)]
                   for c in analysis.claims],
        "attributions": [a.as_dict() for a in analysis.attributions],
        "findings": [finding_to_json(f) for f in analysis.findings],
        "errors": list(analysis.errors),
        "kb_as_of": _iso(analysis.kb_as_of),
        "timeline": list(analysis.timeline),
        "provenance": [list(pair) for pair in analysis.provenance],
    }


def analysis_from_json(article: Article, data: Mapping[str, Any]) -> Analysis:
    """The analysis :func:`analysis_to_json` wrote for ``article``; ValueError when
    ``data`` is not one (another format, or spans outside the text)."""
    if not isinstance(data, Mapping) or data.get("format") != PAYLOAD_FORMAT:
        shown = data.get("format") if isinstance(data, Mapping) else type(data).__name__
        raise ValueError(f"stored analysis format {shown!r} is not {PAYLOAD_FORMAT}")
    try:
        sentences = tuple(_sentence(article, *span) for span in data["sentences"])
        claims = tuple(Claim(int(s), float(score), kind, bool(worthy), tuple(features))
                       for s, score, kind, worthy, features in data["claims"])
        attributions = tuple(Attribution(**a) for a in data["attributions"])
        return Analysis(
            article=article, sentences=sentences,
            reference_date=_date(data["reference_date"]),
            reference_date_source=str(data["reference_date_source"]), claims=claims,
            attributions=attributions,
            findings=tuple(finding_from_json(f) for f in data["findings"]),
            errors=tuple(data["errors"]), kb_as_of=_date(data["kb_as_of"]),
            timeline=tuple(data["timeline"]),
            provenance=tuple((str(k), v) for k, v in data["provenance"]))
    except (KeyError, TypeError, AttributeError) as err:
        raise ValueError(f"not a stored analysis: {err}") from err


def _sentence(article: Article, index: int, start: int, end: int) -> Sentence:
    if not 0 <= start <= end <= len(article.text):
        raise ValueError(f"sentence {index} at {start}:{end} is outside the article text")
    return Sentence(article.id, int(index), start, end, article.text[start:end])


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


class StoredAnalyzer:
    """:meth:`analyze` a stored article: its stored analysis when the parameters match,
    else ``analyzer``'s, saved for next time (``save=False`` only reads).

    ``computed`` and ``reused`` count what happened, for a command to report.
    """

    def __init__(self, analyzer: Analyzer, store: Store, *, save: bool = True) -> None:
        self.analyzer = analyzer
        self.store = store
        self.save = save
        self.computed = 0
        self.reused = 0
        self._file_hashes: dict[str, str] = {}
        self._model_hash: tuple[object, str | None] = (None, None)
        self._key: tuple[object, tuple[str, dict[str, Any]]] | None = None

    def params(self) -> dict[str, Any]:
        """What an analysis by this analyzer depends on, as JSON data."""
        analyzer = self.analyzer
        found: dict[str, Any] = {
            "format": PAYLOAD_FORMAT, "launderlens": __version__, "code": code_version(),
            # a subclass (a user's own stages) analyses differently from the same options
            "analyzer": f"{type(analyzer).__module__}.{type(analyzer).__qualname__}",
            "kb": {"version": analyzer.kb.version, "as_of": _iso(analyzer.kb.as_of)},
            "backends": analyzer.backends(),
            "claim_model": self._file_hash(analyzer.claim_model),
            "technique_model": self._technique_hash(),
            "narratives": None,
        }
        if analyzer.narratives is not None:
            described = dict(analyzer.narratives.describe())
            described.pop("records", None)  # the revision moves with every change
            found["narratives"] = described
        return found

    def key(self) -> str:
        return self.key_and_params()[0]

    def analyze(self, article: Article, sentences: Sequence[Sentence] | None = None
                ) -> Analysis:
        """The analysis of ``article``, with the store's sentences when ``sentences`` is
        None and the store has its text (as ``launderlens analyze`` reads a stored
        article); read back or saved only when the store holds the article as given."""
        stored = self.store.get_article(article.id)
        if stored is not None and stored == article:
            return self.analyze_stored(article, sentences)
        if sentences is None and stored is not None:  # same id: same text and spans
            sentences = self.store.sentences(article.id) or None
        self.computed += 1
        return self.analyzer.analyze(article, sentences)

    def analyze_stored(self, article: Article, sentences: Sequence[Sentence] | None = None,
                       *, key: tuple[str, dict[str, Any]] | None = None) -> Analysis:
        """:meth:`analyze` for an article the caller read from the store (not checked
        again); ``key`` is ``(params_key(params), params)`` when the caller has it."""
        key_text, params = key or self.key_and_params()
        found = self.store.load_analysis(article.id, key_text)
        if found is not None:
            try:
                analysis = analysis_from_json(article, found.payload)
                self.reused += 1
                return analysis
            except ValueError as err:
                log.warning("stored analysis of %s unreadable, analysing again: %s",
                            article.id, err)
        if sentences is None:
            sentences = self.store.sentences(article.id) or None
        analysis = self.analyzer.analyze(article, sentences)
        self.computed += 1
        if self.save and not analysis.errors:
            self._save(analysis, key_text, params)
        return analysis

    def key_and_params(self) -> tuple[str, dict[str, Any]]:
        """``(key, params)``, made again only when the catalogue (or the matcher) changed:
        describing the catalogue reads the store several times, the revision once."""
        narratives = self.analyzer.narratives
        catalogue: Store | None = getattr(narratives, "store", None)
        # a finder with no catalogue in a store is described afresh each time
        marker: object = (object() if narratives is not None and catalogue is None else
                          (id(narratives), catalogue and catalogue.narratives_revision()))
        if self._key is None or self._key[0] != marker:
            params = self.params()
            self._key = (marker, (params_key(params), params))
        return self._key[1]

    def _save(self, analysis: Analysis, key: str, params: Mapping[str, Any]) -> None:
        try:
            kept = self.store.save_analysis(analysis.article.id, key, params,
                                            analysis_to_json(analysis), analysis.findings)
        except StoreError as err:  # a read-only or busy database costs the cache only
            log.warning("could not store the analysis of %s: %s", analysis.article.id, err)
            return
        if not kept:
            log.info("analysis of %s not stored: not JSON-safe", analysis.article.id)

    def _file_hash(self, path: str | None) -> str | None:
        if path is None:
            return None
        if path not in self._file_hashes:
            try:
                digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:32]
            except OSError:
                digest = f"unreadable:{path}"
            self._file_hashes[path] = digest
        return self._file_hashes[path]


    def _technique_hash(self) -> str | None:
        model = self.analyzer.technique_model
        if model is None:
            return None
        if self._model_hash[0] is not model:
            text = json.dumps(model.as_dict(), sort_keys=True, default=str)
            self._model_hash = (model, hashlib.sha256(text.encode("utf-8")).hexdigest()[:32])
        return self._model_hash[1]
