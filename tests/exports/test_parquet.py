"""Parquet export: the store's articles, stories, pairs and findings as DataFrames and
files, read back by pandas and by the Parquet reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from launderlens.claims.analyze import Analyzer
from launderlens.cli.report import export
from launderlens.ingest import ingest
from launderlens.store import open_store

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")


def test_dataframes_hold_the_store(demo_db: str) -> None:
    from launderlens.exports.parquet import to_dataframes

    with open_store(demo_db) as store:
        tables = to_dataframes(store, Analyzer(semantic=False))
        articles = list(store.iter_articles())
        stories = store.list_stories(min_size=2)
    assert set(tables) == {"articles", "stories", "pairs", "findings"}
    assert sorted(tables["articles"]["id"]) == sorted(a.id for a in articles)
    assert len(tables["stories"]) == len(stories) >= 1
    story = stories[0]
    row = tables["stories"].set_index("id").loc[story.id]
    assert list(row["members"]) == list(story.members) and row["origin"] == story.origin
    pairs = tables["pairs"][tables["pairs"]["story_id"] == story.id]
    assert sorted(pairs["copy"]) == sorted(m for m in story.members if m != story.origin)
    findings = tables["findings"]
    assert len(findings) > 0 and set(findings["article_id"]) <= {a.id for a in articles}
    first = json.loads(findings["data"].iloc[0])
    assert first["kind"] == findings["kind"].iloc[0]


def test_cli_writes_tables_that_ingest_reads_back(demo_db: str, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    result = CliRunner().invoke(export, ["--format", "parquet", "-o", str(out), "--db", demo_db,
                                         "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["format"] == "parquet"
    for name in ("articles", "stories", "pairs", "findings"):
        assert (out / f"{name}.parquet").exists()
    with open_store(demo_db) as store:
        original = {a.id: a for a in store.iter_articles()}
    with open_store(str(tmp_path / "again.db")) as again:
        report = ingest([out / "articles.parquet"], again, workers=0)
        assert report.ok
        back = {a.id: a for a in again.iter_articles()}
    assert back.keys() == original.keys()
    some = next(iter(original))
    assert back[some].text == original[some].text
    assert back[some].published == original[some].published


def test_parquet_needs_a_folder() -> None:
    result = CliRunner().invoke(export, ["--format", "parquet", "--db", ":memory:"])
    assert result.exit_code == 2 and "-o FOLDER" in result.output
