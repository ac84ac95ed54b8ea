"""Published fact-checks and narrative lists in, :class:`NarrativeRecord` objects out, with
an :class:`ImportProblem` (where, and why) for every item that cannot become one.

One entry point, :func:`import_records`, reads four formats, one module each:

- ``claimreview`` (:mod:`.claimreview`): schema.org ClaimReview JSON-LD -- one object, a
  list, an ``@graph``, a feed that nests reviews deeper, or the
  ``<script type="application/ld+json">`` blocks of an HTML page.
- ``factcheck-api`` (:mod:`.factcheck_api`): responses of Google's Fact Check Tools
  ``claims:search`` -- one page, a list of pages, or one page a line (``.jsonl`` files are
  streamed).
- ``csv`` (``.tsv`` files are tab-separated unless told otherwise) and ``jsonl``
  (:mod:`.tabular`), with a field map from our field names to the file's columns or keys
  (``"claim=title,id=id,date=date,tags=keywords"``).

What they share (the problem type, reading under size caps, JSON, dates) is in
:mod:`.base`. A record with no id gets a stable one: from its review URL (or first URL),
else from the claim and its publisher, so importing the same file twice gives the same ids.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from ...errors import ConfigError, InputError
from ...narrative import NarrativeRecord
from .base import (
    MAX_DOCUMENT_BYTES,
    MAX_LINE_BYTES,
    ImportItem,
    ImportProblem,
    Lines,
    Options,
    Source,
    opened,
    read_document,
)
from .claimreview import claimreview_items
from .factcheck_api import factcheck_items, factcheck_lines
from .tabular import FIELDS, checked_field_map, csv_items, jsonl_items, parse_field_map

__all__ = [
    "FIELDS",
    "FORMATS",
    "MAX_DOCUMENT_BYTES",
    "MAX_LINE_BYTES",
    "ImportItem",
    "ImportProblem",
    "import_records",
    "parse_field_map",
]

log = logging.getLogger(__name__)

FORMATS = ("claimreview", "factcheck-api", "csv", "jsonl")


def import_records(source: Source, fmt: str, *,
                   field_map: str | Mapping[str, str] | None = None,
                   list_separator: str = ";", delimiter: str | None = None,
                   origin: str | None = None) -> Iterator[ImportItem]:
    """Every record in ``source`` (a path or an open text or binary stream), and an
    :class:`ImportProblem` for every item that cannot be one; the rest always go on.

    Each record's ``origin`` is ``origin`` when given, else the format ("claimreview",
    "factcheck-api") or the format and file name ("csv:posts.csv"). Arguments are checked
    at once (ConfigError lists what is allowed); a field map naming a column the file
    lacks raises ConfigError when the header is read.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown import format {fmt!r}; formats are: {', '.join(FORMATS)}")
    mapping = None
    if field_map is not None:
        if fmt not in ("csv", "jsonl"):
            raise ConfigError(f"a field map applies to csv and jsonl, not {fmt}")
        mapping = (parse_field_map(field_map) if isinstance(field_map, str)
                   else checked_field_map(field_map))
    if not list_separator:
        raise ConfigError("list_separator must be at least one character, e.g. ';' or '+'")
    if delimiter is not None and len(delimiter) != 1:
        raise ConfigError(f"delimiter must be one character such as ',' or '\\t', "
                          f"not {delimiter!r}")
    if isinstance(source, str | os.PathLike) and not Path(source).is_file():
        raise ConfigError(f"no such file: {os.fspath(source)}")
    name = _source_name(source)
    tabbed = name.lower().endswith((".tsv", ".tab"))
    options = Options(mapping, list_separator, delimiter or ("\t" if tabbed else ","), name)
    label = origin or (f"{fmt}:{name}" if fmt in ("csv", "jsonl") and name else fmt)
    return _counted(_items(source, fmt, options), label)


def _source_name(source: Source) -> str:
    if isinstance(source, str | os.PathLike):
        return Path(source).name
    name = getattr(source, "name", None)
    return Path(name).name if isinstance(name, str) else ""


def _counted(items: Iterator[ImportItem], origin: str) -> Iterator[ImportItem]:
    records = problems = 0
    for item in items:
        if isinstance(item, NarrativeRecord):
            records += 1
            yield item.with_origin(origin)
        else:
            problems += 1
            yield item
    log.info("%s: %d records imported, %d problems", origin, records, problems)


def _items(source: Source, fmt: str, options: Options) -> Iterator[ImportItem]:
    if fmt == "csv":
        with opened(source) as stream:
            yield from csv_items(Lines(stream), options)
    elif fmt == "jsonl" or (fmt == "factcheck-api"
                            and options.name.lower().endswith((".jsonl", ".ndjson"))):
        reader = jsonl_items if fmt == "jsonl" else factcheck_lines
        with opened(source) as stream:
            yield from reader(Lines(stream), options)
    else:
        try:
            text = read_document(source)
        except InputError as error:
            yield ImportProblem("document", str(error))
            return
        parse = claimreview_items if fmt == "claimreview" else factcheck_items
        yield from parse(text, options)
