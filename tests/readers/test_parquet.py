"""The Parquet reader: one article per row, with the JSON reader's field names."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from launderlens.ingest import ingest
from launderlens.ingest.readers import ReadOptions, Source, detect_format, read_source
from launderlens.ingest.readers.jsonl import record_to_article
from launderlens.model import Article, Rejection
from launderlens.store import open_store

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

TEXT = "The minister said on Tuesday that the talks had collapsed after a night of argument."


def write(path: Path, rows: list[dict]) -> Path:
    pd.DataFrame(rows).to_parquet(path, index=False)
    return path


def test_rows_become_the_articles_json_records_would(tmp_path: Path) -> None:
    when = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    rows = [{"text": TEXT, "title": "Talks", "url": "https://www.news.example/a",
             "published": when, "outlet": "News", "tags": ["a", "b"]},
            {"text": TEXT + " Again.", "title": None, "url": None, "published": None,
             "outlet": "Other", "tags": []}]
    path = write(tmp_path / "a.parquet", rows)
    results = list(read_source(Source.from_path(path)))
    assert all(isinstance(r, Article) for r in results)
    first = results[0]
    assert isinstance(first, Article)
    expected = record_to_article({**rows[0], "published": when.isoformat()},
                                 source_format="parquet")
    assert first.id == expected.id and first.published == when
    assert first.domain == "news.example" and first.meta["tags"] == ["a", "b"]
    assert first.source_format == "parquet"


def test_a_bad_row_is_rejected_alone(tmp_path: Path) -> None:
    path = write(tmp_path / "b.parquet", [{"text": TEXT}, {"text": "   "}, {"text": TEXT + "!"}])
    results = list(read_source(Source.from_path(path)))
    assert [type(r) for r in results] == [Article, Rejection, Article]
    rejected = results[1]
    assert isinstance(rejected, Rejection) and rejected.item.endswith("#row2")
    assert "no article text" in rejected.reason


def test_an_oversized_text_is_rejected_by_the_cap(tmp_path: Path) -> None:
    path = write(tmp_path / "c.parquet", [{"text": "word " * 400}, {"text": TEXT}])
    results = list(read_source(Source.from_path(path), ReadOptions(max_article_bytes=1000)))
    assert isinstance(results[0], Rejection) and "limit" in results[0].reason
    assert isinstance(results[1], Article)


def test_detected_by_name_and_by_magic(tmp_path: Path) -> None:
    path = write(tmp_path / "table.parquet", [{"text": TEXT}])
    assert detect_format(Source.from_path(path)) == "parquet"
    unnamed = tmp_path / "table.bin"
    unnamed.write_bytes(path.read_bytes())
    assert detect_format(Source.from_path(unnamed)) == "parquet"


def test_not_parquet_is_one_rejection(tmp_path: Path) -> None:
    path = tmp_path / "fake.parquet"
    path.write_text(json.dumps({"text": TEXT}))
    results = list(read_source(Source.from_path(path), fmt="parquet"))
    assert len(results) == 1 and isinstance(results[0], Rejection)
    assert "Parquet" in results[0].reason


def test_ingest_reads_a_parquet_file_into_the_store(tmp_path: Path) -> None:
    path = write(tmp_path / "d.parquet", [{"text": TEXT, "title": "One"},
                                          {"text": TEXT + " Two.", "title": "Two"}])
    with open_store(str(tmp_path / "db.sqlite")) as store:
        report = ingest([path], store, workers=0)
        assert report.ok and len(report.stored) == 2
        assert {a.title for a in store.iter_articles()} == {"One", "Two"}
