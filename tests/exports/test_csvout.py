"""The findings CSV: one row per finding, read back by the csv module as written, with
every cell a spreadsheet would run as a formula defused."""

from __future__ import annotations

import csv
import io

from launderlens.claims.analyze import Analysis, Analyzer
from launderlens.demo import DemoResult
from launderlens.exports.csvout import COLUMNS, export_csv, write_csv
from launderlens.narratives import NarrativeMatcher
from launderlens.store import Store


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_demo_findings_round_trip(demo_store: tuple[Store, DemoResult]) -> None:
    store, demo = demo_store
    out = io.StringIO(newline="")
    # As `launderlens export` does: the analyzer searches the store's narrative catalogue.
    analyzer = Analyzer(semantic=False, narratives=NarrativeMatcher(store, cache=False))
    result = export_csv(store, analyzer, out)
    rows = read(out.getvalue())
    expected = [(a.article.id, f) for a in sorted(demo.analyses, key=lambda a: a.article.id)
                for f in a.findings]
    assert result.ok and result.articles == len(demo.analyses)
    assert result.exported == len(rows) == len(expected) > 0
    assert list(rows[0]) == list(COLUMNS)
    for row, (article_id, finding) in zip(rows, expected, strict=True):
        assert row["article_id"] == article_id and row["kind"] == finding.kind
        assert float(row["confidence"]) == round(finding.confidence, 3)
        if finding.start is not None:
            assert int(row["start"]) == finding.start and int(row["end"]) == finding.end
            assert row["sentence_text"]


def test_formula_cells_are_defused(hostile: Analysis) -> None:
    out = io.StringIO(newline="")
    assert write_csv([hostile], out) == 3
    rows = read(out.getvalue())
    first = rows[0]
    assert first["outlet"] == "'+Outlet"
    assert first["message"] == "'=1+1 unnamed source"
    assert first["url"] == "javascript:alert(1)"  # text in a cell, not a link or formula
    assert first["evidence"] == "sentence: @evidence (javascript:x)"
    assert rows[2]["message"] == "'-credits state media"
    assert rows[2]["start"] == "" and rows[2]["sentence"] == ""
    assert first["sentence"] == "1" and first["confidence"] == "0.8"  # numbers stay numbers
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value


def test_a_failing_article_is_counted_and_the_rest_exported(
        demo_store: tuple[Store, DemoResult], failing: type) -> None:
    store, demo = demo_store
    victim = demo.analyses[0].article.id
    out = io.StringIO(newline="")
    result = export_csv(store, failing(victim), out)
    assert [line.split(":")[0] for line in result.failed] == [victim]
    assert "RuntimeError: boom" in result.failed[0]
    assert result.articles == len(demo.analyses)
    ids = {row["article_id"] for row in read(out.getvalue())}
    assert victim not in ids and ids
