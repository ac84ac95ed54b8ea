"""The plain-text reader: front matter, the scraped outlet header, encodings, bad files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from launderlens.errors import DecodeError, FormatError, NoArticleError, TooLargeError
from launderlens.ingest.readers import ReadOptions, Source, read_source
from launderlens.ingest.readers.text import read
from launderlens.ingest.segment import segment
from launderlens.model import Article, Rejection

FIELD = Path(__file__).resolve().parents[2].parent / "shared" / "field"


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def read_one(path: Path, options: ReadOptions | None = None) -> Article:
    results = list(read(Source.from_path(path), options or ReadOptions()))
    assert len(results) == 1
    article = results[0]
    assert isinstance(article, Article)
    return article


# --- front matter ------------------------------------------------------------------------

FRONT_MATTER = """---
outlet: Harbour Gazette
url: https://www.harbourgazette.example/news/ferries
published: "2025-10-15T08:30:00+02:00"
title: Ferry fares to rise in spring
author: [Ada Lind, Tom Hale]
section: Local
language: en
desk: transport
tags: [ferries, fares]
---
The port authority approved higher ferry fares on Tuesday.
Fares rise by a tenth in March, the U.S.
Envoy to the ferry board said.
"""


def test_front_matter_fills_the_article(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "a.txt", FRONT_MATTER))
    assert article.outlet == "Harbour Gazette"
    assert article.url == "https://www.harbourgazette.example/news/ferries"
    assert article.domain == "harbourgazette.example"
    assert article.published == datetime(2025, 10, 15, 8, 30, tzinfo=timezone(timedelta(hours=2)))
    assert article.title == "Ferry fares to rise in spring"
    assert article.byline == "Ada Lind, Tom Hale"
    assert article.section == "Local"
    assert article.language == "en"
    assert article.source_format == "text"
    assert article.meta["desk"] == "transport"
    assert article.meta["tags"] == ["ferries", "fares"]
    assert article.meta["text_layout"] == "front matter"
    assert article.text == (
        "The port authority approved higher ferry fares on Tuesday.\n"
        "Fares rise by a tenth in March, the U.S. Envoy to the ferry board said."
    )
    assert [s.text[:9] for s in segment(article)] == ["The port ", "Fares ris"]


def test_date_only_is_midnight_utc_and_says_so(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt",
                 "---\npublished: 2025-10-15\ndomain: Gazette.example\n---\nFares rose.\n")
    article = read_one(path)
    assert article.published == datetime(2025, 10, 15, tzinfo=UTC)
    assert article.meta["published_precision"] == "date"
    assert article.domain == "gazette.example"


def test_date_only_string_is_midnight_utc(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\npublished: '2025-10-15'\n---\nFares rose.\n")
    article = read_one(path)
    assert article.published == datetime(2025, 10, 15, tzinfo=UTC)
    assert article.meta["published_precision"] == "date"


def test_naive_time_is_taken_as_utc(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "a.txt",
                             "---\npublished: 2025-10-15 08:30:00\n---\nFares rose.\n"))
    assert article.published == datetime(2025, 10, 15, 8, 30, tzinfo=UTC)
    assert article.meta["published_timezone_assumed"] == "UTC"


def test_unreadable_date_keeps_the_article(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\npublished: last Tuesday\n---\nFares rose.\n")
    article = read_one(path)
    assert article.published is None
    assert article.meta["published_raw"] == "last Tuesday"
    assert article.meta["published_error"]


def test_an_impossible_front_matter_date_is_dropped_and_the_article_kept(
        tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "a.txt", "---\npublished: 2025-13-45\n---\nFares rose.\n"))
    assert article.published is None and article.text == "Fares rose."
    assert article.meta["published_raw"] == "2025-13-45"
    assert article.meta["published_error"]


def test_dates_in_meta_become_iso_strings(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "a.txt", "---\nupdated: 2025-10-16\n---\nFares rose.\n"))
    assert article.meta["updated"] == "2025-10-16"


def test_empty_front_matter(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "a.txt", "---\n---\nFares rose.\n"))
    assert article.text == "Fares rose." and article.title is None


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("title: [unclosed\n", "not valid YAML"),
        ("title: one\n  bad: indent\n", "not valid YAML"),
        ("- a list\n- not a mapping\n", "must be a mapping"),
        ("just a string\n", "must be a mapping"),
    ],
)
def test_bad_front_matter_is_a_format_error(tmp_path: Path, front: str, message: str) -> None:
    path = write(tmp_path / "a.txt", f"---\n{front}---\nFares rose.\n")
    with pytest.raises(FormatError, match=message):
        read_one(path)


def test_unclosed_front_matter_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no closing"):
        read_one(write(tmp_path / "a.txt", "---\ntitle: Fares\nFares rose.\n"))


def test_front_matter_without_body_has_no_article(tmp_path: Path) -> None:
    with pytest.raises(NoArticleError, match="front matter"):
        read_one(write(tmp_path / "a.txt", "---\ntitle: Fares\n---\n\n  \n"))


# --- layouts without front matter --------------------------------------------------------

SCRAPED = """Springfield Herald, KSPH
World News

Harbour Town Votes to Keep Its Ferries

The council voted on Tuesday to keep both ferries in service.

The vote followed a long debate, in which the U.S.

Envoy to the regional board spoke.
"""


def test_scraped_outlet_header(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "a.txt", SCRAPED))
    assert article.outlet == "Springfield Herald, KSPH"
    assert article.domain is None
    assert article.section == "World News"
    assert article.title == "Harbour Town Votes to Keep Its Ferries"
    assert article.meta["text_layout"] == "outlet header"
    assert article.text == (
        "The council voted on Tuesday to keep both ferries in service.\n\n"
        "The vote followed a long debate, in which the U.S. Envoy to the regional board spoke."
    )


@pytest.mark.parametrize(
    "text",
    [
        # a sentence where the outlet line should be
        "The council met on Tuesday.\nWorld News\n\nHarbour Votes\n\nThe council voted.\n",
        # no blank line after the section line
        "Springfield Herald\nWorld News\nHarbour Votes\n\nThe council voted.\n",
        # a title that is a sentence
        "Springfield Herald\nWorld News\n\nThe council voted.\n\nIt was close.\n",
    ],
)
def test_header_is_detected_conservatively(tmp_path: Path, text: str) -> None:
    article = read_one(write(tmp_path / "a.txt", text))
    assert article.outlet is None and article.section is None


def test_title_line(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "a.txt",
                             "Harbour Town keeps its ferries\n\nThe council voted on Tuesday.\n"))
    assert article.title == "Harbour Town keeps its ferries"
    assert article.text == "The council voted on Tuesday."
    assert article.meta["text_layout"] == "title line"


@pytest.mark.parametrize(
    "text",
    [
        "The council voted on Tuesday.\n\nIt was close.\n",
        "Delegates included the U.S.\n\nEnvoy to the board, who spoke first.\n",
        "The ministers met in the\n\nlate afternoon.\n",
        "Short\n\nThe council voted.\n",
    ],
)
def test_plain_text_is_all_body(tmp_path: Path, text: str) -> None:
    article = read_one(write(tmp_path / "a.txt", text))
    assert article.title is None
    assert article.meta["text_layout"] == "plain"


def test_crlf_is_normalised(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Fares rose.\r\nFerries ran late.\r\n\r\nIt rained.\r\n")
    article = read_one(path)
    assert article.text == "Fares rose.\nFerries ran late.\n\nIt rained."


def test_source_url_is_used(tmp_path: Path) -> None:
    source = Source.from_bytes("page", b"Fares rose.", url="https://news.example/a")
    [article] = list(read(source, ReadOptions()))
    assert isinstance(article, Article)
    assert article.url == "https://news.example/a" and article.domain == "news.example"


# --- encodings and bad files -------------------------------------------------------------

def test_cp1252_file(tmp_path: Path) -> None:
    text = "Café owners in Zürich said the café’s prices rose – again.\n"
    article = read_one(write(tmp_path / "a.txt", text.encode("cp1252")))
    assert article.text == text.strip()


def test_koi8_r_file(tmp_path: Path) -> None:
    text = ("Городской совет проголосовал во вторник за сохранение обоих паромов. "
            "Решение было принято после долгих споров, сообщили чиновники. "
            "Цены на билеты вырастут весной.\n")
    article = read_one(write(tmp_path / "a.txt", text.encode("koi8_r")))
    assert article.text == text.strip()
    assert len(segment(article)) == 3


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  \r\n"])
def test_empty_file_has_no_article(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(NoArticleError, match="empty"):
        read_one(write(tmp_path / "a.txt", data))


def test_binary_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DecodeError, match="binary"):
        read_one(write(tmp_path / "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)))


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TooLargeError):
        read_one(write(tmp_path / "a.txt", "Fares rose. " * 10), ReadOptions(max_article_bytes=50))


def test_read_source_turns_a_bad_file_into_a_rejection(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.txt", b"")
    [result] = list(read_source(Source.from_path(path), fmt="text"))
    assert isinstance(result, Rejection)
    assert result.item == str(path) and "empty" in result.reason


# --- the real field articles -------------------------------------------------------------

def _field_article(prefix: str) -> Article:
    if not FIELD.is_dir():
        pytest.skip(f"field articles not found at {FIELD} (they live outside the repository)")
    paths = sorted(FIELD.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"no {prefix}_*.txt in {FIELD}")
    return read_one(paths[0])


def test_field_article_with_outlet_header() -> None:
    article = _field_article("000")
    assert article.outlet == "Miami News, KMIA"
    assert article.section == "World News"
    assert article.title is not None and article.title.startswith("Italy Refuses Troop")
    sentences = segment(article)
    assert 12 <= len(sentences) <= 25
    assert not any(s.text.startswith("President Donald Trump") for s in sentences)
    assert any("U.S. President Donald" in s.text for s in sentences)
    assert all(s.text[-1] in ".!?\"'”’" for s in sentences)


def test_field_article_one_sentence_per_line() -> None:
    article = _field_article("001")
    assert article.title is None and article.outlet is None
    sentences = segment(article)
    assert 18 <= len(sentences) <= 30
    assert not any(s.text.startswith("President Donald Trump") for s in sentences)
    assert not any(s.text == "U.S." for s in sentences)
    assert all(s.text[-1] in ".!?\"'”’" for s in sentences)
