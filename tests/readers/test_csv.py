"""The CSV reader: one article per row under a column map, per-row rejections by number,
rows over the cap skipped without holding them, quoted fields across lines."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from launderlens.errors import FormatError
from launderlens.ingest.readers import ReadOptions, Source, detect_format, parse_field_map
from launderlens.ingest.readers.csvrows import read
from launderlens.model import Article, Rejection

BODY = "The harbour council approved the ferry budget on Monday. The vote was close."
MAP = parse_field_map("text=body,title=headline,published=date,url=link")


def table(rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def results(data: bytes, *, field_map: dict[str, str] | None = None,
            max_bytes: int = 10 * 1024 * 1024) -> list[Article | Rejection]:
    options = ReadOptions(field_map=MAP if field_map is None else field_map,
                          max_article_bytes=max_bytes)
    return list(read(Source.from_bytes("export.csv", data), options))


HEADER = ["stories_id", "headline", "body", "date", "link", "media_name"]


def test_rows_become_articles_under_the_column_map() -> None:
    data = table([HEADER,
                  ["101", "Ferry budget passes", BODY, "2025-10-14 09:30:00",
                   "https://harbour.example/1", "Harbour Gazette"],
                  ["102", "Second story", 'He said "no", twice.\nThen he left.', "",
                   "https://harbour.example/2", ""]])
    first, second = results(data)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == BODY and first.title == "Ferry budget passes"
    assert first.url == "https://harbour.example/1" and first.domain == "harbour.example"
    assert first.published is not None and first.published.hour == 9
    assert first.source_format == "csv"
    assert first.meta["stories_id"] == "101" and first.meta["media_name"] == "Harbour Gazette"
    assert first.meta["csv_row"] == 2
    assert second.text == 'He said "no", twice.\nThen he left.'
    assert second.published is None and "media_name" not in second.meta
    assert second.meta["csv_row"] == 3


def test_bad_rows_are_rejected_by_number_and_the_rest_go_on() -> None:
    data = table([HEADER,
                  ["1", "No body", "", "", "", ""],
                  ["2", "Good", BODY, "9999-12-31", "", ""],
                  ["3", "Also good", BODY + " Again.", "", "", ""]])
    rows = results(data)
    assert isinstance(rows[0], Rejection)
    assert rows[0].item == "export.csv#row2" and rows[0].reason.startswith("row 2: ")
    good = [r for r in rows if isinstance(r, Article)]
    assert [a.meta["csv_row"] for a in good] == [3, 4]
    assert good[0].published is None and good[0].meta["published_raw"] == "9999-12-31"


def test_a_row_over_the_cap_is_rejected_and_the_next_row_is_read() -> None:
    huge = "word " * 600
    data = table([["title", "text"], ["Huge", f'quoted "{huge}"\n{huge}'],
                  ["Small", BODY]])
    rows = results(data, field_map={}, max_bytes=1024)
    assert isinstance(rows[0], Rejection) and "limit" in rows[0].reason
    assert rows[0].item == "export.csv#row2"
    assert isinstance(rows[1], Article) and rows[1].title == "Small"
    assert rows[1].meta["csv_row"] == 3


def test_a_field_longer_than_the_csv_module_default_is_read() -> None:
    long_body = (BODY + " ") * 3000  # about 230 KB, over csv's 128 KB default
    [article] = results(table([["text"], [long_body]]), field_map={})
    assert isinstance(article, Article) and len(article.text) > 200_000


def test_semicolons_tabs_and_a_latin1_row() -> None:
    data = table([["titre", "texte"], ["Un", "Le café du port ouvre à Noël."]],
                 delimiter=";")
    data += "Deux;Der Bürgermeister sprach über die Fähre.\r\n".encode("latin-1")
    first, second = results(data, field_map={"text": "texte", "title": "titre"})
    assert isinstance(first, Article) and first.text == "Le café du port ouvre à Noël."
    assert isinstance(second, Article) and "Bürgermeister" in second.text
    assert second.meta["encoding"] == "cp1252" and "encoding" not in first.meta
    [tabbed] = results(table([["text", "title"], [BODY, "Tabs"]], delimiter="\t"),
                       field_map={})
    assert isinstance(tabbed, Article) and tabbed.title == "Tabs"


def test_a_missing_text_column_is_one_error_naming_the_columns() -> None:
    with pytest.raises(FormatError, match=r"no column 'body'.*'content'"):
        results(table([["content", "headline"], [BODY, "x"]]))


def test_an_unterminated_quote_is_one_rejection() -> None:
    data = table([["text"], [BODY]]) + b'"never closed, ' + b"and more\r\n" * 3
    rows = results(data, field_map={})
    assert isinstance(rows[0], Article)
    assert len(rows) == 2 and isinstance(rows[1], Rejection)


def test_csv_is_chosen_by_name(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(table([["text"], [BODY]]))
    assert detect_format(Source.from_path(path)) == "csv"
