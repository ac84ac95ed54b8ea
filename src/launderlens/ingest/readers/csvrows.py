"""CSV exports (Media Cloud, spreadsheets) to Articles, one row per article.

The first row names the columns; ``ReadOptions.field_map`` says which column holds each
Article field (``text=body,title=headline,published=date,url=link``), as for JSON, and
the other columns are kept in ``meta``. The file is streamed row by row; a row that is
too long, malformed or without text is rejected by its number (the header is row 1, as
a spreadsheet counts) and the rest go on.

Rows are split here, by the quote rule of standard CSV (a line ends a row when it
closes every quote it opened), and each row is then parsed by the csv module: a row
over the cap is skipped without being held, and a bad row cannot swallow the next.
Each line is decoded on its own, as for JSON Lines, so one Latin-1 row among UTF-8
ones is read right and says so in its meta.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO, Any

from ...errors import DecodeError, FormatError, NoArticleError
from ...model import Rejection
from ..encoding import decode_bytes, looks_binary
from . import ReadOptions, ReadResult, Source
from .jsonl import record_to_article

__all__ = ["read"]

_DELIMITERS = ",;\t|"
_QUOTE = ord('"')


def read(source: Source, options: ReadOptions) -> Iterator[ReadResult]:
    """Yield an Article or a Rejection for every row after the header."""
    head = source.head()
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError("a UTF-16 CSV file: save it as UTF-8 (spreadsheets call it "
                          "'CSV UTF-8')")
    if looks_binary(head):
        raise DecodeError("binary data, not CSV (NUL or control bytes near the start)")
    limit = options.max_article_bytes
    _allow_fields_up_to(limit)
    with source.open() as stream:
        rows = _raw_rows(stream, limit)
        names, delimiter = _header(rows, options)
        for number, raw in rows:
            item = f"{source.name}#row{number}"
            if raw is None:
                yield Rejection(item, f"row {number}: over the {limit / 2**20:.1f} MB limit "
                                      "for a single article")
            elif raw.strip(b"\r\n\t ,;|"):
                yield _row_result(raw, number, item, names, delimiter, options)


def _header(rows: Iterator[tuple[int, bytes | None]],
            options: ReadOptions) -> tuple[list[str], str]:
    """The column names and the delimiter, from the first non-blank row."""
    for number, raw in rows:
        if raw is None:
            raise FormatError(f"the header row (row {number}) is over the size limit")
        line = _decode(raw, first=number == 1)[0]
        # The delimiter the header uses most; quoting stays standard (doubled quotes),
        # which csv.Sniffer would guess away on a header without quotes.
        delimiter = max(_DELIMITERS, key=line.count)
        names = [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter), [])]
        if not any(names):
            continue
        text_column = options.field_map.get("text", "text")
        if text_column not in names:
            shown = ", ".join(repr(n) for n in names[:20])
            raise FormatError(f"no column {text_column!r} for the article text (the columns "
                              f"are {shown}); name it with --map text=COLUMN")
        return names, delimiter
    raise NoArticleError("empty file: no CSV header row")


def _row_result(raw: bytes, number: int, item: str, names: list[str], delimiter: str,
                options: ReadOptions) -> ReadResult:
    where = f"row {number}: "
    try:
        text, encoding = _decode(raw, first=False)
        cells = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter,
                                strict=True), [])
    except DecodeError as err:
        return Rejection(item, f"{where}{err}")
    except csv.Error as err:
        return Rejection(item, f"{where}malformed CSV: {err}")
    record: dict[str, Any] = {}
    for name, cell in zip(names, cells, strict=False):
        if name and cell != "" and name not in record:
            record[name] = cell
    if len(cells) > len(names):
        record["extra_cells"] = cells[len(names):]
    try:
        article = record_to_article(record, options.field_map, source_format="csv")
    except FormatError as err:
        return Rejection(item, f"{where}{err}")
    extra: dict[str, Any] = {"csv_row": number}
    if encoding != "utf-8":
        extra["encoding"] = encoding
    return article.with_meta(**extra)


def _decode(raw: bytes, *, first: bool) -> tuple[str, str]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        decoded = decode_bytes(raw)
        return decoded.text, decoded.encoding
    return (text.removeprefix("\ufeff") if first else text), "utf-8"


def _raw_rows(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Row number and bytes of each row, which may span lines inside quotes; None for a
    row over ``limit``, whose bytes are read past and never held."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        parts, size, quotes = [line], len(line), line.count(_QUOTE)
        while size <= limit and line and (quotes % 2 or not line.endswith(b"\n")):
            line = stream.readline(limit + 1)
            size += len(line)
            quotes += line.count(_QUOTE)
            parts.append(line)
        if size > limit:
            _skip_row(stream, quotes, line)
            yield number, None
        else:
            yield number, b"".join(parts)


def _skip_row(stream: IO[bytes], quotes: int, line: bytes) -> None:
    """Read on to the end of a row found too long (its quotes closed, a line's end)."""
    while line and (quotes % 2 or not line.endswith(b"\n")):
        line = stream.readline(64 * 1024)
        quotes += line.count(_QUOTE)


def _allow_fields_up_to(limit: int) -> None:
    """Raise the csv module's field limit (process-wide) to the article cap.

    Its default (128 KB) is below a long article; rows are capped before they reach the
    parser, so a larger limit costs no memory. The limit is only ever raised, so that
    another reader in this process never sees it fall under its feet.
    """
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)
