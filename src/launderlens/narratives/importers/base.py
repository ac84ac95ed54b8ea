"""What every import format shares: the problem an item becomes when it cannot be a
record, the reading of documents and lines under their size caps, JSON parsing, and dates.

A document is read whole up to :data:`MAX_DOCUMENT_BYTES`; a line-based file is read one
line at a time (:class:`Lines`), each capped at :data:`MAX_LINE_BYTES`, so one bad line is
one problem and the file goes on.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import IO, Any, TypeAlias

from ...errors import DecodeError, FormatError, TooLargeError
from ...ingest.encoding import decode_text
from ...narrative import NarrativeRecord, RecordError, parse_day

__all__ = ["MAX_DOCUMENT_BYTES", "MAX_LINE_BYTES", "ImportItem", "ImportProblem", "JSONError",
           "Lines", "Options", "Source", "attempt", "mb", "opened", "parse_json", "plain",
           "read_document", "to_day"]

#: A JSON document or HTML page is parsed whole, so it is refused above this size.
MAX_DOCUMENT_BYTES = 50 * 2**20
#: One JSONL or CSV line; a longer one becomes a problem and the file goes on.
MAX_LINE_BYTES = 2**20

Source: TypeAlias = str | os.PathLike[str] | IO[str] | IO[bytes]

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
class Options:
    """How a file is read: its field map, list separator, CSV delimiter and name."""

    field_map: dict[str, str] | None
    list_separator: str
    delimiter: str
    name: str


@contextmanager
def opened(source: Source) -> Iterator[IO[Any]]:
    """The stream to read; a file we open we also close, a caller's stream stays open."""
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as stream:
            yield stream
    else:
        yield source


def read_document(source: Source) -> str:
    with opened(source) as stream:
        data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise TooLargeError(f"over the {mb(MAX_DOCUMENT_BYTES)} limit for one document; "
                            "split it, or save API pages one per line in a .jsonl file")
    return data if isinstance(data, str) else decode_text(data)


class Lines:
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

    def __iter__(self) -> Lines:
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
            self.problem = f"over the {mb(self._cap)} limit for one line"
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


class JSONError(FormatError):
    def __init__(self, reason: str, *, more_follows: bool = False) -> None:
        super().__init__(reason)
        self.more_follows = more_follows


def parse_json(text: str) -> Any:
    try:
        # strict=False: raw newlines inside strings are common in hand-written JSON-LD.
        return json.loads(text, strict=False)
    except json.JSONDecodeError as error:
        raise JSONError(f"invalid JSON: {error.msg} at line {error.lineno} column "
                         f"{error.colno}", more_follows=error.msg == "Extra data") from None
    except RecursionError:
        raise JSONError("invalid JSON: nested too deeply") from None


def attempt(position: str, build: Callable[..., NarrativeRecord], *args: Any) -> ImportItem:
    """``build(*args)``, or the problem it raised as a RecordError, at ``position``."""
    try:
        return build(*args)
    except RecordError as error:
        return ImportProblem(position, str(error))


def plain(value: Any) -> str | None:
    """A string without surrounding space, or None for a blank or a non-string."""
    return (value.strip() or None) if isinstance(value, str) else None


def to_day(value: Any, name: str) -> date | None:
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


def mb(size: int) -> str:
    """A byte size in megabytes, for messages."""
    return f"{size / 2**20:g} MB"
