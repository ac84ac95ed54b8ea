"""Published fact-checks and narrative lists in, :class:`NarrativeRecord` objects out, with
an :class:`ImportProblem` (where, and why) for every item that cannot become one.

One entry point, :func:`import_records`, reads four formats:

- ``claimreview``: schema.org ClaimReview JSON-LD -- one object, a list, an ``@graph``, a
  feed that nests reviews deeper, or the ``<script type="application/ld+json">`` blocks of
  an HTML page. Objects of other types are skipped; a ClaimReview without
  ``claimReviewed`` is a problem.
- ``factcheck-api``: responses of Google's Fact Check Tools ``claims:search`` -- one page,
  a list of pages, or one page a line (``.jsonl`` files are streamed). One record per
  claim review, because each reviewer rates the claim its own way.
- ``csv`` (``.tsv`` files are tab-separated unless told otherwise) and ``jsonl``, with a
  field map from our field names to the file's columns or keys
  (``"claim=title,id=id,date=date,tags=keywords"``; ``#3`` is the third column, a blank
  header cell takes the one mapped name the header lacks, and a dotted JSON key walks
  into objects). Without a map, CSV columns named like our fields are used and JSONL is
  the project's own format (:meth:`NarrativeRecord.from_dict`).
  List fields split a cell on ``list_separator`` or take a JSON list; dates may be ISO or
  ``dd.mm.yyyy``.

A record with no id gets a stable one: from its review URL (or first URL), else from the
claim and its publisher, so importing the same file twice gives the same ids.
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any, TypeAlias

from ..errors import ConfigError, DecodeError, FormatError, InputError, TooLargeError
from ..ingest.encoding import decode_text
from ..narrative import NarrativeRecord, RecordError, parse_day, record_id

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
#: The record fields a field map may fill; ``date`` is the debunk date, as in the JSONL form.
FIELDS = ("id", "claim", "title", "phrasings", "rating", "summary", "urls", "date",
          "first_seen", "debunked", "language", "tags", "publisher", "claimant", "origin")
#: A JSON document or HTML page is parsed whole, so it is refused above this size.
MAX_DOCUMENT_BYTES = 50 * 2**20
#: One JSONL or CSV line; a longer one becomes a problem and the file goes on.
MAX_LINE_BYTES = 2**20

Source: TypeAlias = str | os.PathLike[str] | IO[str] | IO[bytes]

_LIST_FIELDS = frozenset({"urls", "tags", "phrasings"})
_DATE_FIELDS = frozenset({"date", "first_seen", "debunked"})
_SCHEMA_PREFIXES = ("http://schema.org/", "https://schema.org/", "schema:")
# Far deeper than any real feed (DataFeed > dataFeedElement > item > ClaimReview), and
# well inside Python's recursion limit whatever nesting a hostile document has.
_MAX_DEPTH = 32
_DOTTED_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_LOOSE_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SKIP_CHUNK = 2**20


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """An input item that did not become a record: where it is ("row 5, line 6",
    "script 2, object 1", "line 12") and why."""

    position: str
    reason: str

    def __str__(self) -> str:
        return f"{self.position}: {self.reason}"


ImportItem: TypeAlias = NarrativeRecord | ImportProblem


@dataclass(frozen=True, slots=True)
class _Options:
    field_map: dict[str, str] | None
    list_separator: str
    delimiter: str
    name: str


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
    return _checked_field_map(mapping)


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
                   else _checked_field_map(field_map))
    if not list_separator:
        raise ConfigError("list_separator must be at least one character, e.g. ';' or '+'")
    if delimiter is not None and len(delimiter) != 1:
        raise ConfigError(f"delimiter must be one character such as ',' or '\\t', "
                          f"not {delimiter!r}")
    if isinstance(source, str | os.PathLike) and not Path(source).is_file():
        raise ConfigError(f"no such file: {os.fspath(source)}")
    name = _source_name(source)
    tabbed = name.lower().endswith((".tsv", ".tab"))
    options = _Options(mapping, list_separator, delimiter or ("\t" if tabbed else ","), name)
    label = origin or (f"{fmt}:{name}" if fmt in ("csv", "jsonl") and name else fmt)
    return _counted(_items(source, fmt, options), label)


def _checked_field_map(mapping: Mapping[str, str]) -> dict[str, str]:
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


def _items(source: Source, fmt: str, options: _Options) -> Iterator[ImportItem]:
    if fmt == "csv":
        with _opened(source) as stream:
            yield from _csv_items(_Lines(stream), options)
    elif fmt == "jsonl" or (fmt == "factcheck-api"
                            and options.name.lower().endswith((".jsonl", ".ndjson"))):
        reader = _jsonl_items if fmt == "jsonl" else _factcheck_lines
        with _opened(source) as stream:
            yield from reader(_Lines(stream), options)
    else:
        try:
            text = _read_document(source)
        except InputError as error:
            yield ImportProblem("document", str(error))
            return
        parse = _claimreview_items if fmt == "claimreview" else _factcheck_items
        yield from parse(text, options)


# -- reading -------------------------------------------------------------------------------

@contextmanager
def _opened(source: Source) -> Iterator[IO[Any]]:
    """The stream to read; a file we open we also close, a caller's stream stays open."""
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as stream:
            yield stream
    else:
        yield source


def _read_document(source: Source) -> str:
    with _opened(source) as stream:
        data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise TooLargeError(f"over the {_mb(MAX_DOCUMENT_BYTES)} limit for one document; "
                            "split it, or save API pages one per line in a .jsonl file")
    return data if isinstance(data, str) else decode_text(data)


class _Lines:
    """The lines of a stream as text, for csv.reader and the JSONL loop.

    A line over :data:`MAX_LINE_BYTES`, or bytes that are not text, comes back as an empty
    line with ``problem`` set, so the caller can report that one item and go on.
    ``readline`` with a size never holds more than the cap of one line in memory.
    """

    def __init__(self, stream: IO[Any], cap: int = MAX_LINE_BYTES) -> None:
        self._stream = stream
        self._cap = cap
        self.number = 0
        self.problem: str | None = None

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._stream.readline(self._cap + 1)
        if not line:
            raise StopIteration
        self.number += 1
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > self._cap and not line.endswith(newline):
            while (rest := self._stream.readline(_SKIP_CHUNK)) and not rest.endswith(newline):
                pass
            self.problem = f"over the {_mb(self._cap)} limit for one line"
            return "\n"
        if isinstance(line, str):
            return line.removeprefix("\ufeff") if self.number == 1 else line
        try:
            text: str = line.decode("utf-8")
        except UnicodeDecodeError:
            # Old exports are cp1252 or KOI8-R throughout; deciding per line keeps one bad
            # line from dragging the whole file into the wrong encoding.
            try:
                text = decode_text(line)
            except DecodeError as error:
                self.problem = str(error)
                return "\n"
        return text.removeprefix("\ufeff") if self.number == 1 else text


class _JSONError(FormatError):
    def __init__(self, reason: str, *, more_follows: bool = False) -> None:
        super().__init__(reason)
        self.more_follows = more_follows


def _parse_json(text: str) -> Any:
    try:
        # strict=False: raw newlines inside strings are common in hand-written JSON-LD.
        return json.loads(text, strict=False)
    except json.JSONDecodeError as error:
        raise _JSONError(f"invalid JSON: {error.msg} at line {error.lineno} column "
                         f"{error.colno}", more_follows=error.msg == "Extra data") from None
    except RecursionError:
        raise _JSONError("invalid JSON: nested too deeply") from None


def _attempt(position: str, build: Callable[..., NarrativeRecord], *args: Any) -> ImportItem:
    try:
        return build(*args)
    except RecordError as error:
        return ImportProblem(position, str(error))


# -- ClaimReview ---------------------------------------------------------------------------

def _claimreview_items(text: str, options: _Options) -> Iterator[ImportItem]:
    if text.lstrip().startswith(("{", "[")):
        yield from _json_ld_items(text, None)
        return
    page = _LdJsonScripts()
    page.feed(text)
    page.close()
    if not page.blocks:
        log.info("%s: no application/ld+json script on the page", options.name or "page")
    for number, block in enumerate(page.blocks, 1):
        if block is None:
            yield ImportProblem(f"script {number}", "not closed before the end of the page")
        else:
            yield from _json_ld_items(_unwrap_script(block), f"script {number}")


def _json_ld_items(text: str, block: str | None) -> Iterator[ImportItem]:
    try:
        document = _parse_json(text)
    except FormatError as error:
        yield ImportProblem(block or "document", str(error))
        return
    for index, node in enumerate(_top_objects(document), 1):
        reviews = list(_reviews_in(node, 0))
        for number, review in enumerate(reviews, 1):
            where = f"object {index}" + (f", review {number}" if len(reviews) > 1 else "")
            yield _attempt(f"{block}, {where}" if block else where, _from_claim_review, review)


class _LdJsonScripts(HTMLParser):
    """The text of each ``<script type="application/ld+json">`` on a page, in order; None
    for one the page never closes. html.parser reads script bodies as raw text up to
    ``</script>``, as browsers do, so markup inside a JSON string cannot open a block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str | None] = []
        self._parts: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._parts = []

    def handle_data(self, data: str) -> None:
        if self._parts is not None:
            self._parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._parts is not None:
            self.blocks.append("".join(self._parts))
            self._parts = None

    def close(self) -> None:
        super().close()
        if self._parts is not None:
            self.blocks.append(None)
            self._parts = None


def _unwrap_script(text: str) -> str:
    """Script text without the comment or CDATA wrapper older pages put around it."""
    text = text.strip()
    for opener, closer in (("<!--", "-->"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>")):
        if text.startswith(opener) and text.endswith(closer):
            text = text[len(opener):-len(closer)].strip()
    return text


def _top_objects(document: Any) -> list[Any]:
    if isinstance(document, Mapping) and "@graph" in document:
        document = document["@graph"]
    return document if isinstance(document, list) else [document]


def _reviews_in(node: Any, depth: int) -> Iterator[Mapping[str, Any]]:
    """ClaimReview objects in ``node`` or nested in it (a feed item, a page's
    ``mainEntity``), in document order; everything else is passed over."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(node, Mapping):
        if _is_claim_review(node):
            yield node
            return
        for key, value in node.items():
            if key != "@context":
                yield from _reviews_in(value, depth + 1)
    elif isinstance(node, list):
        for item in node:
            yield from _reviews_in(item, depth + 1)


def _is_claim_review(node: Mapping[str, Any]) -> bool:
    kinds = node.get("@type")
    for kind in kinds if isinstance(kinds, list) else [kinds]:
        if isinstance(kind, str) and _local_name(kind).lower() == "claimreview":
            return True
    return False


def _local_name(name: str) -> str:
    for prefix in _SCHEMA_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _from_claim_review(review: Mapping[str, Any]) -> NarrativeRecord:
    claim = _ld_text(_get(review, "claimReviewed"))
    if not claim:
        raise RecordError("a ClaimReview without 'claimReviewed' text")
    item = _first_mapping(_get(review, "itemReviewed"))
    publisher = _ld_name(_get(review, "author")) or _ld_name(_get(review, "publisher"))
    url = _ld_text(_get(review, "url"))
    return NarrativeRecord.from_dict({
        "id": record_id(url) if url else record_id(claim, publisher),
        "claim": claim,
        "title": _ld_text(_get(review, "name")) or _ld_text(_get(review, "headline")),
        "summary": _ld_text(_get(review, "description")),
        "rating": _rating(_get(review, "reviewRating")),
        "urls": [url] if url else [],
        "debunked": _day(_ld_text(_get(review, "datePublished")), "datePublished"),
        "first_seen": _first_seen(item),
        "language": _language(_get(review, "inLanguage")),
        "publisher": publisher,
        "claimant": _ld_name(_get(item, "author")),
    })


def _get(node: Any, key: str) -> Any:
    """``node[key]``, also when written with a schema.org prefix or IRI."""
    if not isinstance(node, Mapping):
        return None
    for name in (key, *(prefix + key for prefix in _SCHEMA_PREFIXES)):
        if name in node:
            return node[name]
    return None


def _ld_text(value: Any) -> str | None:
    """Text from a JSON-LD value: a string, a number, ``{"@value": ...}``, or the first of
    a list of those. Entities are decoded: CMS plugins often write ``&quot;`` into JSON."""
    if isinstance(value, list):
        value = next((item for item in value if item is not None), None)
    if isinstance(value, Mapping):
        value = value.get("@value")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}"
    if not isinstance(value, str):
        return None
    return " ".join(html.unescape(value).split()) or None


def _ld_name(value: Any) -> str | None:
    """The name of a Person or Organization (or a list of them, or a bare string)."""
    if isinstance(value, list):
        return next((name for name in map(_ld_name, value[:20]) if name), None)
    if isinstance(value, Mapping):
        return _ld_text(_get(value, "name"))
    return _ld_text(value)


def _mappings(value: Any) -> list[Mapping[str, Any]]:
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, Mapping)]


def _first_mapping(value: Any) -> Mapping[str, Any] | None:
    return next(iter(_mappings(value)), None)


def _rating(value: Any) -> str | None:
    """The rating's own words ("False", "Misleading") when it has them, else "2/5"."""
    rating = _first_mapping(value)
    if rating is None:
        return _ld_text(value)
    named = _ld_text(_get(rating, "alternateName")) or _ld_text(_get(rating, "name"))
    if named:
        return named
    score, best = _ld_text(_get(rating, "ratingValue")), _ld_text(_get(rating, "bestRating"))
    return f"{score}/{best}" if score and best else score


def _language(value: Any) -> str | None:
    """``inLanguage`` as given: a code, or a Language object (its code when it has one)."""
    language = _first_mapping(value)
    if language is None:
        return _ld_text(value)
    return _ld_text(_get(language, "alternateName")) or _ld_text(_get(language, "name"))


def _first_seen(item: Mapping[str, Any] | None) -> date | None:
    """The earliest date the reviewed claim is known to have appeared."""
    if item is None:
        return None
    days = [_day(_ld_text(_get(item, "datePublished")), "itemReviewed.datePublished")]
    for key in ("firstAppearance", "appearance"):
        for work in _mappings(_get(item, key))[:100]:
            days.append(_day(_ld_text(_get(work, "datePublished")), f"{key}.datePublished"))
    return min((day for day in days if day), default=None)


# -- Fact Check Tools API ------------------------------------------------------------------

def _factcheck_items(text: str, options: _Options) -> Iterator[ImportItem]:
    try:
        document = _parse_json(text)
    except _JSONError as error:
        if error.more_follows:  # one page a line, in a file not named .jsonl
            yield from _factcheck_lines(_Lines(io.StringIO(text)), options)
        else:
            yield ImportProblem("document", str(error))
        return
    if isinstance(document, list):
        for number, page in enumerate(document, 1):
            yield from _factcheck_page(page, f"page {number}")
    else:
        yield from _factcheck_page(document, None)


def _factcheck_lines(lines: _Lines, options: _Options) -> Iterator[ImportItem]:
    for line in lines:
        where = f"line {lines.number}"
        if lines.problem:
            yield ImportProblem(where, lines.problem)
            lines.problem = None
        elif line.strip():
            try:
                yield from _factcheck_page(_parse_json(line), where)
            except FormatError as error:
                yield ImportProblem(where, str(error))


def _factcheck_page(page: Any, where: str | None) -> Iterator[ImportItem]:
    claims = page.get("claims", []) if isinstance(page, Mapping) else None
    # A search with no results is {}; anything else without "claims" is the wrong file.
    if not isinstance(claims, list) or (page and not {"claims", "nextPageToken"} & set(page)):
        yield ImportProblem(where or "document",
                            "not a claims:search response (no 'claims' list)")
        return
    for number, claim in enumerate(claims, 1):
        at = f"{where}, claim {number}" if where else f"claim {number}"
        reviews = claim.get("claimReview") if isinstance(claim, Mapping) else None
        if not isinstance(reviews, list) or not reviews:
            yield ImportProblem(at, "no claimReview: nothing says what a fact-checker found")
            continue
        for index, review in enumerate(reviews, 1):
            yield _attempt(f"{at}, review {index}" if len(reviews) > 1 else at,
                           _from_api_review, claim, review)


def _from_api_review(claim: Mapping[str, Any], review: Any) -> NarrativeRecord:
    if not isinstance(review, Mapping):
        raise RecordError("a claimReview entry is a JSON object")
    text = _plain(claim.get("text"))
    source = review.get("publisher")
    publisher = (_plain(source.get("name")) or _plain(source.get("site"))
                 if isinstance(source, Mapping) else None)
    url = _plain(review.get("url"))
    return NarrativeRecord.from_dict({
        "id": record_id(url) if url else record_id(text, publisher),
        "claim": claim.get("text"),
        "claimant": claim.get("claimant"),
        "first_seen": _day(claim.get("claimDate"), "claimDate"),
        "rating": review.get("textualRating"),
        "publisher": publisher,
        "debunked": _day(review.get("reviewDate"), "reviewDate"),
        "urls": [url] if url else [],
        "title": review.get("title"),
        "language": review.get("languageCode"),
    })


def _plain(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


# -- CSV and JSONL -------------------------------------------------------------------------

def _csv_items(lines: _Lines, options: _Options) -> Iterator[ImportItem]:
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


def _columns(names: list[str], options: _Options) -> dict[str, int]:
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
              options: _Options) -> ImportItem:
    if any(cell.strip() for cell in row[width:]):
        # More cells than the header has is almost always a stray quote or delimiter
        # that shifted the values; importing it would put text in the wrong fields.
        return ImportProblem(where, f"{len(row)} cells where the header has {width}")
    values = {field: row[index] if index < len(row) else None
              for field, index in columns.items()}
    return _attempt(where, _from_fields, values, options.list_separator)


def _jsonl_items(lines: _Lines, options: _Options) -> Iterator[ImportItem]:
    for line in lines:
        where = f"line {lines.number}"
        if lines.problem:
            yield ImportProblem(where, lines.problem)
            lines.problem = None
            continue
        if not line.strip():
            continue
        try:
            value = _parse_json(line)
        except FormatError as error:
            yield ImportProblem(where, str(error))
            continue
        if not isinstance(value, Mapping):
            yield ImportProblem(where, f"a JSON {type(value).__name__}, not an object")
        elif options.field_map is None:
            yield _attempt(where, NarrativeRecord.from_dict, value)
        else:
            values = {field: _lookup(value, key) for field, key in options.field_map.items()}
            yield _attempt(where, _from_fields, values, options.list_separator)


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
        data[field] = _day(data[field], field)
    if data.get("id") is None or (isinstance(data["id"], str) and not data["id"].strip()):
        urls = data.get("urls") or []
        first_url = _plain(urls[0]) if isinstance(urls, list) and urls else None
        data["id"] = (record_id(first_url) if first_url
                      else record_id(_plain(data.get("claim")), _plain(data.get("publisher"))))
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


def _day(value: Any, name: str) -> date | None:
    """A date from ISO text, ``dd.mm.yyyy`` (EUvsDisinfo extracts), or an ISO date with
    single-digit parts; RecordError names the field otherwise."""
    if not isinstance(value, str):
        return parse_day(value, name)
    text = value.strip()
    if dotted := _DOTTED_DAY.fullmatch(text):
        return _calendar_day(dotted.group(3), dotted.group(2), dotted.group(1), name, text)
    try:
        return parse_day(text, name)
    except RecordError:
        loose = _LOOSE_ISO_DAY.match(text)
        if loose is None:
            raise
        return _calendar_day(loose.group(1), loose.group(2), loose.group(3), name, text)


def _calendar_day(year: str, month: str, day: str, name: str, text: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise RecordError(f"field {name!r} is {text[:40]!r}, not a calendar day") from None


def _mb(size: int) -> str:
    return f"{size / 2**20:g} MB"
