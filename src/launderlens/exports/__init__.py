"""Exports: what the store holds in; files for other tools out.

One module per format, each with a pure function over analyses (for the web app and for
tests) and an ``export_*`` function that reads the store, analyses every article and
writes to a text stream:

- :mod:`~launderlens.exports.claimreview`: ClaimReview JSON-LD drafts of flagged claims,
  for fact-checkers to complete and publish;
- :mod:`~launderlens.exports.stix`: a STIX 2.1 bundle (articles, outlets, stories,
  known narratives, DISARM techniques) for OpenCTI, MISP and other CTI platforms;
- :mod:`~launderlens.exports.csvout`: one spreadsheet row per finding.

An article whose analysis fails is counted in :class:`ExportResult` with the reason and
the export goes on: one hostile article must not cost the rest of the file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..claims.analyze import Analysis, Analyzer
    from ..store import Store

__all__ = ["ExportResult", "iter_analyses"]

log = logging.getLogger(__name__)

Progress = Callable[[int], None]


@dataclass
class ExportResult:
    """What an export wrote: ``exported`` records of its format (drafts, STIX objects,
    rows), from ``articles`` articles read; ``failed`` names each item that could not be
    exported, with the reason."""

    format: str
    exported: int = 0
    articles: int = 0
    failed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict[str, Any]:
        return {"format": self.format, "exported": self.exported, "articles": self.articles,
                "failed": list(self.failed)}


def iter_analyses(store: Store, analyzer: Analyzer, result: ExportResult,
                  progress: Progress | None = None) -> Iterator[Analysis]:
    """The analysis of every stored article, in id order (read back from the store when
    these parameters made it, stored when computed); an article that cannot be read or
    analysed is added to ``result.failed`` and skipped."""
    from ..claims.stored import StoredAnalyzer

    analyses = StoredAnalyzer(analyzer, store)
    key = analyses.key_and_params()
    for article in store.iter_articles():
        result.articles += 1
        try:
            analysis = analyses.analyze_stored(article, key=key)
        except Exception as err:  # one hostile article must not end the export
            log.warning("export: analysis of %s failed: %s", article.id, err)
            result.failed.append(f"{article.id}: {type(err).__name__}: {err}")
            continue
        if progress is not None:
            progress(result.articles)
        yield analysis
