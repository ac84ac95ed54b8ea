"""CSV (and TSV) rows and JSONL objects in, records out, through a field map from our
field names to the file's columns or keys.

A map reads ``"claim=title,id=id,date=date,tags=keywords"``; ``#3`` is the third column, a
blank header cell takes the one mapped name the header lacks, and a dotted JSON key walks
into objects. Without a map, CSV columns named like our fields are used and JSONL is the
project's own format (:meth:`NarrativeRecord.from_dict`). List fields split a cell on the
list separator or take a JSON list; dates may be ISO or ``dd.mm.yyyy``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from typing import Any

from ...errors import ConfigError, FormatError
from ...narrative import NarrativeRecord, record_id
from .base import ImportItem, ImportProblem, Lines, Options, attempt, parse_json, plain, to_day

__all__ = ["FIELDS", "checked_field_map", "csv_items", "jsonl_items", "parse_field_map"]

#: The record fields a field map may fill; ``date`` is the debunk date, as in the JSONL form.
FIELDS = ("id", "claim", "title", "phrasings", "rating", "summary", "urls", "date",
          "first_seen", "debunked", "language", "tags", "publisher", "claimant", "origin")
_LIST_FIELDS = frozenset({"urls", "tags", "phrasings"})
_DATE_FIELDS = frozenset({"date", "first_seen", "debunked"})


def parse_field_map(text: str) -> dict[str, str]:
    """``"claim=title,id=id,tags=keywords"`` as ``{"claim": "title", ...}``: our field on
    the left, the file's column (or JSON key) on the right."""
    mapping: dict[str, str] = {}
    for entry in filter(None, (part.strip() for part in text.split(","))):
        field, equals, column = (part.strip() for part in entry.partition("="))
        if not equals or not field or not column:
            raise ConfigError(f"field map entry {entry!r} is not field=column "
                              "(e.g. claim=title)")
        if field in mapping:
            raise ConfigError(f"field {field!r} is mapped twice in the field map")
        mapping[field] = column
    return checked_field_map(mapping)


def checked_field_map(mapping: Mapping[str, str]) -> dict[str, str]:
    """``mapping`` when every field is known and the claim is mapped; ConfigError otherwise."""
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise ConfigError(f"unknown field(s) {', '.join(map(repr, unknown))} in the field "
                          f"map; fields are: {', '.join(FIELDS)}")
    if "date" in mapping and "debunked" in mapping:
        raise ConfigError("'date' and 'debunked' are the same field; map only one of them")
    if "claim" not in mapping:
        raise ConfigError("the field map must name the column that holds the claim "
                          "(claim=<column>)")
    if not all(isinstance(column, str) and column.strip() for column in mapping.values()):
        raise ConfigError("every field in the field map needs a column name")
    return dict(mapping)


def csv_items(lines: Lines, options: Options) -> Iterator[ImportItem]:
    """The records of a CSV file, one per row; a bad row is one problem."""
    reader = csv.reader(lines, delimiter=options.delimiter)
    try:
        header = next(reader, None)
    except csv.Error as error:
        header, lines.problem = None, f"unreadable header: {error}"
    if lines.problem or header is None:
        yield ImportProblem("line 1", lines.problem or "empty file: no header row")
        return
    columns = _columns([cell.strip() for cell in header], options)
    number = 0
    while True:
        lines.problem, start = None, lines.number + 1
        try:
            row: list[str] | None = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            row, lines.problem = None, f"unreadable CSV: {error}"
        if row is not None and not lines.problem and not any(cell.strip() for cell in row):
            continue
        number += 1
        where = f"row {number}, line {start}"
        if lines.problem or row is None:
            yield ImportProblem(where, lines.problem or "unreadable row")
        else:
            yield _row_item(row, columns, len(header), where, options)


def _columns(names: list[str], options: Options) -> dict[str, int]:
    """Which column fills which field; ConfigError when the file lacks a mapped column."""
    source = options.name or "the file"
    if options.field_map is None:
        lowered = {name.lower(): index for index, name in enumerate(names)}
        found = {field: lowered[field] for field in FIELDS if field in lowered}
        if "claim" not in found:
            raise ConfigError(f"{source} has no 'claim' column (columns: {_describe(names)}); "
                              "pass a field map such as claim=<column>")
        return found
    columns = {field: _find_column(column, names)
               for field, column in options.field_map.items()}
    unknown = {options.field_map[field] for field, index in columns.items() if index is None}
    blank = [index for index, name in enumerate(names) if not name]
    # pandas writes its index column with a blank header (CLEF's verified_claims.tsv); a
    # map naming exactly one column the header lacks means the one blank column.
    spare = blank[0] if len(blank) == 1 and len(unknown) == 1 else None
    resolved: dict[str, int] = {}
    for field, index in columns.items():
        chosen = spare if index is None else index
        if chosen is None:
            raise ConfigError(f"{source} has no column {options.field_map[field]!r}; its "
                              f"columns are {_describe(names)}")
        resolved[field] = chosen
    return resolved


def _find_column(column: str, names: list[str]) -> int | None:
    """The column's index by its name (exact, then ignoring case) or its place ("#3")."""
    if column.startswith("#") and column[1:].isdigit() and 0 < int(column[1:]) <= len(names):
        return int(column[1:]) - 1
    if column in names:
        return names.index(column)
    folded = [name.casefold() for name in names]
    return folded.index(column.casefold()) if column.casefold() in folded else None


def _describe(names: list[str]) -> str:
    return ", ".join(repr(name) if name else f"#{index} (unnamed)"
                     for index, name in enumerate(names, 1))


def _row_item(row: list[str], columns: Mapping[str, int], width: int, where: str,
              options: Options) -> ImportItem:
    if any(cell.strip() for cell in row[width:]):
        # More cells than the header has is almost always a stray quote or delimiter
        # that shifted the values; importing it would put text in the wrong fields.
        return ImportProblem(where, f"{len(row)} cells where the header has {width}")
    values = {field: row[index] if index < len(row) else None
              for field, index in columns.items()}
    return attempt(where, _from_fields, values, options.list_separator)


def jsonl_items(lines: Lines, options: Options) -> Iterator[ImportItem]:
    """The records of a JSONL file, one per line; a bad line is one problem."""
    for line in lines:
        where = f"line {lines.number}"
        if lines.problem:
            yield ImportProblem(where, lines.problem)
            lines.problem = None
            continue
        if not line.strip():
            continue
        try:
            value = parse_json(line)
        except FormatError as error:
            yield ImportProblem(where, str(error))
            continue
        if not isinstance(value, Mapping):
            yield ImportProblem(where, f"a JSON {type(value).__name__}, not an object")
        elif options.field_map is None:
            yield attempt(where, NarrativeRecord.from_dict, value)
        else:
            values = {field: _lookup(value, key) for field, key in options.field_map.items()}
            yield attempt(where, _from_fields, values, options.list_separator)


def _lookup(record: Mapping[str, Any], key: str) -> Any:
    """``record[key]``; a dotted key ("publisher.name") walks into objects."""
    if key in record:
        return record[key]
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _from_fields(values: Mapping[str, Any], separator: str) -> NarrativeRecord:
    """A record from field values read out of a row or object by a field map."""
    data = dict(values)
    for field in _LIST_FIELDS & data.keys():
        data[field] = _as_list(data[field], separator)
    for field in _DATE_FIELDS & data.keys():
        data[field] = to_day(data[field], field)
    if data.get("id") is None or (isinstance(data["id"], str) and not data["id"].strip()):
        urls = data.get("urls") or []
        first_url = plain(urls[0]) if isinstance(urls, list) and urls else None
        data["id"] = (record_id(first_url) if first_url
                      else record_id(plain(data.get("claim")), plain(data.get("publisher"))))
    return NarrativeRecord.from_dict(data)


def _as_list(value: Any, separator: str) -> Any:
    """A cell as a list: a JSON list as written, else the text split on ``separator``."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith("["):
        try:
            parsed = json.loads(text)
        except (ValueError, RecursionError):
            parsed = None
        if isinstance(parsed, list):
            return parsed
    return [part.strip() for part in text.split(separator) if part.strip()]
