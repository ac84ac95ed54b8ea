"""JSON and JSON Lines records to Articles, one record per article.

A ``.json`` file holds one object or a list of objects and is read whole (within a
cap); JSON Lines (one object per line) is streamed, so a file of millions of records
never sits in memory. Field names follow the Article's; ``ReadOptions.field_map`` names
the others (``{"text": "body", "title": "content.headline"}``), and fields nobody asked
for are kept in ``meta``. A record holding a lone UTF-16 surrogate (``"\\ud800"``, valid
JSON but no character) is rejected with a reason naming the field, never repaired; the
other records go on.
"""

from __future__ import annotations

import codecs
import email.utils
import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import IO, Any

from ...errors import DecodeError, FormatError, NoArticleError, TooLargeError
from ...model import Article, Rejection
from ..encoding import decode_bytes, decode_text, looks_binary
from . import ReadOptions, ReadResult, Source, published_problem

__all__ = ["read", "record_to_article"]

#: A JSON document holding many articles may be this many times one article's cap.
DOCUMENT_CAP_FACTOR = 4

# Each Article field and the record names tried for it when field_map says nothing.
_DEFAULT_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text",),
    "title": ("title",),
    "url": ("url",),
    "outlet": ("outlet",),
    "domain": ("domain",),
    "section": ("section",),
    "byline": ("byline", "author"),
    "published": ("published",),
    "language": ("language",),
}

# Wrappers that API exports put around their list of records ({"articles": [...]}).
_LIST_KEYS = ("articles", "items", "data", "results", "records")

_CHUNK = 1024 * 1024
# UTF-32-LE's BOM starts with UTF-16-LE's.
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)


def read(source: Source, options: ReadOptions) -> Iterator[ReadResult]:
    """Yield an Article or a Rejection for every record of a JSON or JSON Lines source.

    Bad bytes on one line of JSON Lines (control bytes, a stray encoding) reject that
    line wherever it is, the first line included; a source is refused whole as binary
    only when none of its first lines holds a JSON object.
    """
    head = source.head()
    if head.startswith(_WIDE_BOMS):
        # UTF-16/32 cannot be split on b"\n"; decode_text reads the BOM of a whole document.
        yield from _read_document(source, options)
        return
    first = _first_lines(source, options.max_article_bytes)
    if looks_binary(head) and not any(_is_object_line(line) for line in first):
        raise DecodeError("binary data, not JSON (NUL or control bytes near the start)")
    if _is_json_lines(source.name, first):
        yield from _read_lines(source, options)
    else:
        yield from _read_document(source, options)


#: How many non-blank lines the choice between JSON Lines and a document looks at.
_SNIFFED_LINES = 8


def _first_lines(source: Source, limit: int) -> list[bytes | None]:
    """The first few non-blank lines, stripped; None stands for a line over ``limit``."""
    lines: list[bytes | None] = []
    with source.open() as stream:
        for _, line in _capped_lines(stream, limit):
            stripped = None if line is None else line.strip(b"\xef\xbb\xbf \t\r\n")
            if stripped == b"":
                continue
            lines.append(stripped)
            if len(lines) == _SNIFFED_LINES:
                break
    return lines


def _is_object_line(line: bytes | None) -> bool:
    # A line too long to read counts as an object line: only JSON Lines has those.
    return line is None or (line.startswith(b"{") and line.endswith(b"}"))


def _is_json_lines(name: str, first: list[bytes | None]) -> bool:
    """JSON Lines when named so, or when the lines hold whole objects.

    A pretty-printed object's first line is "{" alone; a JSONL file saved as ``.json``
    — common in scraped collections — is still streamed; a one-line ``.json`` file is a
    document, which may wrap its records (``{"articles": [...]}``). A first line that
    cannot start a JSON document at all (control bytes, a stray word) followed by
    object lines is JSON Lines with one bad line.
    """
    if name.lower().split("?", 1)[0].endswith((".jsonl", ".ndjson")):
        return True
    if not first:
        return False
    if _is_object_line(first[0]):
        return len(first) > 1
    opening = first[0]
    if opening is not None and opening.startswith((b"{", b"[")):
        return False
    return any(_is_object_line(line) for line in first[1:])


def _read_document(source: Source, options: ReadOptions) -> Iterator[ReadResult]:
    limit = options.max_article_bytes * DOCUMENT_CAP_FACTOR
    if source.size > limit:
        raise TooLargeError(
            f"a JSON document of {source.size / 2**20:.1f} MB is over the "
            f"{limit / 2**20:.1f} MB limit; write it as JSON Lines (one article per line) "
            "to stream it"
        )
    text = decode_text(source.read_capped(limit))
    if not text.strip():
        raise NoArticleError("empty file: no JSON in it")
    value = _parse_document(text)
    records, wrapped = _unwrap(value, options.field_map)
    if records is None:
        raise FormatError(f"a JSON {_kind(value)}, not an object or a list of objects")
    for index, record in enumerate(records):
        if wrapped:
            yield _to_result(record, f"{source.name}[{index}]", f"item {index}: ", options)
        else:
            yield _to_result(record, source.name, "", options)


def _parse_document(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise FormatError(
            f"invalid JSON: {err.msg} at line {err.lineno} column {err.colno}") from None
    except RecursionError:
        raise FormatError("invalid JSON: nested too deeply") from None


def _unwrap(value: Any, field_map: Mapping[str, str]) -> tuple[list[Any] | None, bool]:
    """The records of a document, and whether they came from a list."""
    if isinstance(value, list):
        return value, True
    if not isinstance(value, dict):
        return None, False
    if _lookup(value, _names_for("text", field_map), set()) is None:
        for key in _LIST_KEYS:
            if isinstance(value.get(key), list):
                return list(value[key]), True
    return [value], False


def _read_lines(source: Source, options: ReadOptions) -> Iterator[ReadResult]:
    limit = options.max_article_bytes
    with source.open() as stream:
        for number, raw in _capped_lines(stream, limit):
            item = f"{source.name}:{number}"
            if raw is None:
                yield Rejection(item, f"line {number}: over the {limit / 2**20:.1f} MB limit "
                                      "for a single article")
            elif raw.strip():
                yield _line_result(raw, number, item, options)


def _line_result(raw: bytes, number: int, item: str, options: ReadOptions) -> ReadResult:
    where = f"line {number}"
    try:
        line, encoding = _decode_line(raw, first=number == 1)
        record = json.loads(line)
    except DecodeError as err:
        return Rejection(item, f"{where}: {err}")
    except json.JSONDecodeError as err:
        return Rejection(item, f"{where}: invalid JSON: {err.msg} at column {err.colno}")
    except RecursionError:
        return Rejection(item, f"{where}: invalid JSON: nested too deeply")
    result = _to_result(record, item, f"{where}: ", options)
    if encoding != "utf-8" and isinstance(result, Article):
        # Said per record: the lines of one export may come from different systems.
        result = result.with_meta(encoding=encoding)
    return result


def _capped_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Number and bytes of each line; None for a line over ``limit``, which is skipped.

    ``readline`` with a size never holds more than ``limit`` bytes of one line, where
    iterating the file would read a 2 GB single-line file into memory.
    """
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield number, None
        else:
            yield number, line


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _decode_line(raw: bytes, *, first: bool) -> tuple[str, str]:
    """The line as text, and the encoding it was read in."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        # An export from an old CMS is cp1252 or KOI8-R throughout; deciding per line
        # keeps one bad line from dragging the whole file into the wrong encoding.
        decoded = decode_bytes(raw)
        return decoded.text, decoded.encoding
    return (line.removeprefix("\ufeff") if first else line), "utf-8"


def _to_result(record: Any, item: str, where: str, options: ReadOptions) -> ReadResult:
    """An Article, or a Rejection whose reason starts with ``where`` ("line 7: ")."""
    if not isinstance(record, dict):
        return Rejection(item, f"{where}a JSON {_kind(record)}, not an object")
    try:
        return record_to_article(record, options.field_map)
    except FormatError as err:
        return Rejection(item, f"{where}{err}")


def record_to_article(record: Mapping[str, Any], field_map: Mapping[str, str] | None = None,
                      source_format: str = "json") -> Article:
    """Build an Article from one JSON object; FormatError says what is missing or wrong.

    A record holding a lone UTF-16 surrogate anywhere (``"\\ud800"`` is valid JSON but
    no character: it cannot be hashed, stored or shown) is refused with a FormatError
    naming the field, rather than stored with the surrogate replaced: a repaired text
    would be a text the source never published.
    """
    _refuse_lone_surrogates(record)
    field_map = dict(field_map or {})
    if "author" in field_map and "byline" not in field_map:
        field_map["byline"] = field_map.pop("author")
    used: set[str] = set()
    values = {name: _lookup(record, _names_for(name, field_map), used)
              for name in _DEFAULT_NAMES}
    text = values.pop("text")
    if not isinstance(text, str) or not text.strip():
        names = " or ".join(repr(n) for n in _names_for("text", field_map))
        found = "empty" if isinstance(text, str) else "missing" if text is None else \
            f"a {_kind(text)}"
        raise FormatError(f"no article text: field {names} is {found}")
    meta = _meta(record, field_map, used)
    published = _published(values.pop("published"), meta)
    strings = {name: _as_string(value) for name, value in values.items()}
    return Article.create(text.strip(), published=published, source_format=source_format,
                          meta=meta, **strings)


def _refuse_lone_surrogates(value: Any, where: str = "") -> None:
    """Raise FormatError naming the first field (``tags[1]``) that holds a lone surrogate.

    JSON's ``\\u`` escapes can produce a surrogate alone (pairs were already joined
    into one character); UTF-8 encoding fails on nothing else, and in C, which makes it
    the cheapest test.
    """
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as err:
            raise FormatError(
                f"field {where or 'value'!r} holds a lone UTF-16 surrogate "
                f"(\\u{ord(value[err.start]):04x} at character {err.start}), which is not "
                "text; the record is refused (fix the export that wrote it)") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_lone_surrogates(key, where)
            _refuse_lone_surrogates(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_lone_surrogates(item, f"{where}[{index}]")


def _names_for(field: str, field_map: Mapping[str, str]) -> tuple[str, ...]:
    mapped = field_map.get(field)
    return (mapped,) if mapped else _DEFAULT_NAMES[field]


def _lookup(record: Mapping[str, Any], names: tuple[str, ...], used: set[str]) -> Any:
    """The first of ``names`` present in ``record``; a dotted name walks into objects."""
    for name in names:
        if name in record:
            used.add(name)
            return record[name]
        value: Any = record
        for part in name.split("."):
            if not isinstance(value, dict) or part not in value:
                break
            value = value[part]
        else:
            # The whole top-level object is taken as used: copying the rest of it to meta
            # would usually duplicate the article body.
            used.add(name.split(".", 1)[0])
            return value
    return None


def _meta(record: Mapping[str, Any], field_map: Mapping[str, str],
          used: set[str]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    own = record.get("meta")
    if isinstance(own, dict):
        meta.update(own)
        used.add("meta")
    id_name = field_map.get("id")
    if id_name:
        source_id = _lookup(record, (id_name,), used)
        if source_id is not None:
            meta["id"] = source_id
    for key, value in record.items():
        if key not in used:
            meta.setdefault(key, value)
    return meta


def _published(value: Any, meta: dict[str, Any]) -> datetime | None:
    """An ISO 8601 string or a Unix time (seconds or milliseconds) as a datetime.

    A date that does not parse, or parses to an absurd time (year 9999, year 1), is
    kept in meta rather than rejecting the article: the text is what matters, and the
    raw value lets a person fix it.
    """
    if value is None or value == "":
        return None
    try:
        if isinstance(value, bool):
            raise ValueError("a boolean")
        if isinstance(value, int | float):
            seconds = value / 1000 if abs(value) > 1e11 else value
            published = datetime.fromtimestamp(seconds, UTC)
        elif isinstance(value, str):
            published = _parse_date_string(value.strip())
        else:
            raise ValueError(f"a JSON {_kind(value)}")
        problem = published_problem(published)
        if problem is not None:
            raise ValueError(problem)
        return published
    except (ValueError, OverflowError, OSError) as err:
        meta["published_raw"] = value
        meta["published_error"] = str(err)
        return None


def _parse_date_string(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    try:
        # RSS-style dates ("Tue, 02 Sep 2025 10:00:00 GMT") are common in feed exports.
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        raise ValueError(f"not an ISO 8601 or RFC 2822 date: {value!r}") from None


def _as_string(value: Any) -> str | None:
    """A field value as text; schema.org-style ``{"name": ...}`` objects give their name."""
    if isinstance(value, dict):
        value = value.get("name")
    if value is None or isinstance(value, dict | bool):
        return None
    if isinstance(value, list):
        parts = [_as_string(part) for part in value]
        return ", ".join(part for part in parts if part) or None
    return str(value)


def _kind(value: Any) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "boolean",
             int: "number", float: "number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
