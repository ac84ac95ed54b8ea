"""Analyses in; a CSV file with one row per finding out, for spreadsheets and notebooks.

Columns are :data:`COLUMNS`. Text cells come from articles written by adversaries, and a
spreadsheet evaluates a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
(``=HYPERLINK(...)``, DDE payloads); such cells are written with a leading single quote,
which spreadsheets show as text. Numbers are written as numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from ..report.safety import spreadsheet_cell
from . import ExportResult, Progress, iter_analyses

if TYPE_CHECKING:
    from ..claims.analyze import Analysis, Analyzer
    from ..store import Store

__all__ = ["COLUMNS", "export_csv", "finding_rows", "write_csv"]

COLUMNS = ("article_id", "outlet", "url", "published", "kind", "severity", "confidence",
           "message", "sentence", "sentence_text", "start", "end", "evidence")


def finding_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """One row per finding of ``analysis``, unescaped (``write_csv`` guards the cells)."""
    article = analysis.article
    rows = []
    for finding in analysis.findings:
        sentence = finding.sentence
        text = (analysis.sentences[sentence].text
                if sentence is not None and 0 <= sentence < len(analysis.sentences) else "")
        evidence = " | ".join(
            f"{e.kind}: {e.text}" + (f" ({e.source})" if e.source else "")
            for e in finding.evidence)
        rows.append({
            "article_id": article.id, "outlet": article.outlet or article.domain or "",
            "url": article.url or "",
            "published": article.published.isoformat() if article.published else "",
            "kind": finding.kind, "severity": finding.severity,
            "confidence": round(finding.confidence, 3), "message": finding.message,
            "sentence": "" if sentence is None else sentence, "sentence_text": text,
            "start": "" if finding.start is None else finding.start,
            "end": "" if finding.end is None else finding.end, "evidence": evidence,
        })
    return rows


def write_csv(analyses: Iterable[Analysis], out: TextIO) -> int:
    """Write the header and every finding of ``analyses``; returns the rows written.

    ``out`` should be opened with ``newline=""`` (the csv module writes its own line ends).
    """
    writer = csv.DictWriter(out, fieldnames=COLUMNS, quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    count = 0
    for analysis in analyses:
        for row in finding_rows(analysis):
            writer.writerow({key: spreadsheet_cell(value) for key, value in row.items()})
            count += 1
    return count


def export_csv(store: Store, analyzer: Analyzer, out: TextIO, *,
               progress: Progress | None = None) -> ExportResult:
    """Analyse every stored article and write its findings to ``out`` as CSV."""
    result = ExportResult("csv")
    result.exported = write_csv(iter_analyses(store, analyzer, result, progress), out)
    return result
