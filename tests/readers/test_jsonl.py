"""The JSON reader: JSON Lines streamed record by record, JSON documents read whole."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from launderlens.errors import DecodeError, FormatError, NoArticleError, TooLargeError
from launderlens.ingest.readers import ReadOptions, ReadResult, Source, read_source
from launderlens.ingest.readers.jsonl import read, record_to_article
from launderlens.model import Article, Rejection

TEXT = "The minister said on Tuesday that the talks had collapsed."


def write_lines(path: Path, lines: list[str | bytes]) -> Path:
    path.write_bytes(b"\n".join(line if isinstance(line, bytes) else line.encode()
                                for line in lines) + b"\n")
    return path


def read_all(path: Path, **options: Any) -> list[ReadResult]:
    return list(read(Source.from_path(path), ReadOptions(**options)))


def articles(results: list[ReadResult]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def rejections(results: list[ReadResult]) -> list[Rejection]:
    return [r for r in results if isinstance(r, Rejection)]


def test_json_lines_give_one_article_per_line(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "a.jsonl", [
        json.dumps({"text": TEXT, "title": "Talks", "url": "https://www.news.example/a",
                    "outlet": "News", "author": "Jane Doe", "published": "2025-09-03T10:00:00Z",
                    "language": "en", "section": "World"}),
        "",
        json.dumps({"text": "Second article text.", "byline": "John Roe"}),
    ])
    first, second = read_all(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.text, first.title, first.outlet, first.byline, first.section) == \
        (TEXT, "Talks", "News", "Jane Doe", "World")
    assert first.url == "https://www.news.example/a" and first.domain == "news.example"
    assert first.published == datetime(2025, 9, 3, 10, tzinfo=UTC)
    assert first.language == "en" and first.source_format == "json"
    assert second.byline == "John Roe"


def test_broken_lines_are_rejected_and_the_rest_go_on(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "mixed.jsonl", [
        json.dumps({"text": "one"}),
        '{"text": "two" "title": "x"}',
        '["a", "list"]',
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 42}),
        json.dumps({"text": "seven"}),
    ])
    results = read_all(path)
    assert [a.text for a in articles(results)] == ["one", "seven"]
    assert [(r.item, r.reason) for r in rejections(results)] == [
        (f"{path}:2", "line 2: invalid JSON: Expecting ',' delimiter at column 16"),
        (f"{path}:3", "line 3: a JSON list, not an object"),
        (f"{path}:4", "line 4: no article text: field 'text' is missing"),
        (f"{path}:5", "line 5: no article text: field 'text' is empty"),
        (f"{path}:6", "line 6: no article text: field 'text' is a number"),
    ]


def test_field_map_names_fields_with_dotted_paths_and_keeps_the_rest_in_meta() -> None:
    record = {
        "content": {"body": TEXT, "headline": "Talks"},
        "writer": ["Jane Doe", "John Roe"],
        "ts": 1756893600,
        "guid": "abc-1",
        "shares": 12,
        "meta": {"collector": "crawl-7"},
    }
    article = record_to_article(record, {"text": "content.body", "title": "content.headline",
                                         "author": "writer", "published": "ts", "id": "guid"})
    assert article.text == TEXT and article.title == "Talks"
    assert article.byline == "Jane Doe, John Roe"
    assert article.published == datetime(2025, 9, 3, 10, tzinfo=UTC)
    assert dict(article.meta) == {"collector": "crawl-7", "id": "abc-1", "shares": 12}


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-09-03T12:00:00+02:00", datetime(2025, 9, 3, 12, tzinfo=timezone(timedelta(hours=2)))),
    ("2025-09-03", datetime(2025, 9, 3, tzinfo=UTC)),
    (1756893600, datetime(2025, 9, 3, 10, tzinfo=UTC)),
    (1756893600000, datetime(2025, 9, 3, 10, tzinfo=UTC)),
    (1756893600.5, datetime(2025, 9, 3, 10, 0, 0, 500000, tzinfo=UTC)),
    ("Wed, 03 Sep 2025 10:00:00 GMT", datetime(2025, 9, 3, 10, tzinfo=UTC)),
])
def test_published_takes_iso_strings_and_unix_times(value: Any, expected: datetime) -> None:
    assert record_to_article({"text": TEXT, "published": value}).published == expected


@pytest.mark.parametrize("value", ["last Tuesday", True, [2025], 1e30])
def test_an_unreadable_date_is_kept_in_meta_not_fatal(value: Any) -> None:
    article = record_to_article({"text": TEXT, "published": value})
    assert article.published is None
    assert article.meta["published_raw"] == value
    assert article.meta["published_error"]


@pytest.mark.parametrize(("author", "byline"), [
    ({"@type": "Person", "name": "Jane Doe"}, "Jane Doe"),
    ([{"name": "Jane Doe"}, {"name": "John Roe"}], "Jane Doe, John Roe"),
    (["Jane Doe", None, 7], "Jane Doe, 7"),
    ({"id": 3}, None),
])
def test_authors_as_schema_org_objects_give_their_names(author: Any, byline: str | None) -> None:
    assert record_to_article({"text": TEXT, "author": author}).byline == byline


def test_a_json_document_with_one_pretty_printed_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"text": TEXT, "title": "Talks"}, indent=2), encoding="utf-8")
    [article] = read_all(path)
    assert isinstance(article, Article) and article.title == "Talks"


def test_a_single_object_without_text_is_rejected_by_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"body": TEXT}, indent=2))
    [rejected] = read_all(path)
    assert isinstance(rejected, Rejection) and rejected.item == str(path)
    assert rejected.reason == "no article text: field 'text' is missing"
    [article] = read_all(path, field_map={"text": "body"})
    assert isinstance(article, Article) and article.text == TEXT


def test_a_json_list_with_a_non_object_rejects_only_that_item(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": "one"}, "stray string", {"text": "three"}]))
    results = read_all(path)
    assert [a.text for a in articles(results)] == ["one", "three"]
    [rejected] = rejections(results)
    assert rejected.item == f"{path}[1]"
    assert rejected.reason == "item 1: a JSON string, not an object"


def test_an_api_export_wrapping_its_articles_is_unwrapped(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"status": "ok", "articles": [
        {"content": "one", "headline": "A"}, {"content": "two", "headline": "B"}]}))
    results = read_all(path, field_map={"text": "content", "title": "headline"})
    assert [(a.text, a.title) for a in articles(results)] == [("one", "A"), ("two", "B")]


def test_json_lines_saved_as_json_are_streamed(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "really-lines.json",
                       [json.dumps({"text": "one"}), "{oops", json.dumps({"text": "three"})])
    results = read_all(path)
    assert [a.text for a in articles(results)] == ["one", "three"]
    assert rejections(results)[0].item == f"{path}:2"


@pytest.mark.parametrize(("content", "error", "message"), [
    ('{"text": "x",\n "title": }', FormatError, "invalid JSON: Expecting value at line 2"),
    ('"just a string"', FormatError, "a JSON string, not an object or a list of objects"),
    ("", NoArticleError, "empty file"),
])
def test_an_unusable_json_document_is_an_error(tmp_path: Path, content: str,
                                               error: type[Exception], message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(error, match=message):
        read_all(path)


def test_read_source_reports_a_broken_document_as_one_rejection(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[{"text": "a"},')
    [rejected] = list(read_source(Source.from_path(path)))
    assert isinstance(rejected, Rejection) and rejected.item == str(path)
    assert rejected.reason.startswith("invalid JSON: Expecting value at line 1")


def test_lines_in_legacy_encodings_are_decoded_line_by_line(tmp_path: Path) -> None:
    french = "Le ministre a déclaré mardi que les négociations avaient échoué à Genève."
    russian = "Министр заявил во вторник, что переговоры сорвались после встреч в Женеве."
    path = write_lines(tmp_path / "legacy.jsonl", [
        json.dumps({"text": "plain utf-8 ✓"}, ensure_ascii=False).encode(),
        json.dumps({"text": french}, ensure_ascii=False).encode("cp1252"),
        json.dumps({"text": russian}, ensure_ascii=False).encode("koi8_r"),
    ])
    assert [a.text for a in articles(read_all(path))] == ["plain utf-8 ✓", french, russian]


def test_a_byte_order_mark_on_the_first_line_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": "one"}).encode() + b"\n")
    assert [a.text for a in articles(read_all(path))] == ["one"]


def test_a_line_over_the_cap_is_rejected_without_reading_it_whole(tmp_path: Path) -> None:
    huge = json.dumps({"text": "word " * 50_000})
    path = write_lines(tmp_path / "huge.jsonl",
                       [json.dumps({"text": "one"}), huge, json.dumps({"text": "three"})])
    results = read_all(path, max_article_bytes=10_000)
    assert [a.text for a in articles(results)] == ["one", "three"]
    [rejected] = rejections(results)
    assert rejected.item == f"{path}:2" and "over the" in rejected.reason


def test_json_lines_named_json_with_a_huge_first_line_still_stream(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "lines.json", [json.dumps({"text": "x" * 5000}),
                                                 json.dumps({"text": "two"})])
    results = read_all(path, max_article_bytes=1000)
    assert [a.text for a in articles(results)] == ["two"]
    assert rejections(results)[0].item == f"{path}:1"


def test_a_json_lines_file_larger_than_any_cap_streams(tmp_path: Path) -> None:
    # 400 lines of ~1 KB against a 1 KB-per-article cap: as a document it would be refused.
    line = json.dumps({"text": "x" * 900})
    path = write_lines(tmp_path / "many.jsonl", [line] * 400)
    assert len(articles(read_all(path, max_article_bytes=1024))) == 400
    document = tmp_path / "many.json"
    document.write_text("[" + ",".join([line] * 400) + "]")
    with pytest.raises(TooLargeError, match="write it as JSON Lines"):
        read_all(document, max_article_bytes=1024)


def test_deeply_nested_json_is_rejected_not_a_crash(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "deep.jsonl", ["[" * 100_000 + "]" * 100_000,
                                                 json.dumps({"text": "fine"})])
    results = read_all(path)
    assert [a.text for a in articles(results)] == ["fine"]
    assert "nested too deeply" in rejections(results)[0].reason


def test_binary_data_is_refused_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b"\x00\x01\x02" * 1000)
    with pytest.raises(DecodeError, match="binary data"):
        read_all(path)


def test_a_utf16_document_is_read(tmp_path: Path) -> None:
    path = tmp_path / "wide.json"
    path.write_bytes(json.dumps([{"text": "one"}, {"text": "two"}]).encode("utf-16"))
    assert [a.text for a in articles(read_all(path))] == ["one", "two"]
