"""Lists of known outlets (CSV or JSON Lines) in; checked :class:`KnownOutlet` records and
the problems of the rows that were not out.

Researchers publish the domains of the networks they expose (the Pravda network, CopyCop,
Doppelganger clones) with the report that names them. A row needs a ``domain`` and the
public ``source`` (an http(s) link) that says what it is; ``name`` and ``affiliation`` (a
few words: "Portal Kombat network", "state_media") are optional. DNS, WHOIS and
certificate data a user has looked up may come in the same rows: ``ip``, ``nameserver``,
``registrant`` and ``certificate`` (several values separated by ``;`` in CSV, or a list
in JSON Lines); they become the outlet's indicators, with the tiers of
:data:`~launderlens.outlets.fingerprints.KINDS`. A registrant that is a privacy service's
placeholder is dropped: thousands of unrelated domains share it. Every field is capped;
a bad row is a problem with its line number and the rest are read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..model import domain_of

__all__ = ["FORMATS", "KnownOutlet", "read_known_outlets"]

FORMATS = ("csv", "jsonl")
MAX_FIELD = 300
_HOST = re.compile(r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}")


#: Imported columns that are infrastructure indicators, and values per column kept.
INDICATOR_FIELDS = ("ip", "nameserver", "registrant", "certificate")
MAX_VALUES = 20
_PLACEHOLDER = re.compile(r"redacted|privacy|proxy|withheld|not disclosed|data protected",
                          re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class KnownOutlet:
    """One outlet from an imported list: its domain, what it is and who says so, and the
    infrastructure values looked up for it as ``(kind, value)``."""

    domain: str
    name: str | None
    affiliation: str | None
    source: str
    indicators: tuple[tuple[str, str], ...] = ()


def read_known_outlets(text: str, fmt: str) -> tuple[list[KnownOutlet], list[tuple[int, str]]]:
    """The records of ``text`` in format ``fmt`` and ``(line, reason)`` for each bad row."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    records: list[KnownOutlet] = []
    problems: list[tuple[int, str]] = []
    for line, row in (_csv_rows(text) if fmt == "csv" else _jsonl_rows(text)):
        if isinstance(row, str):
            problems.append((line, row))
            continue
        try:
            records.append(_record(row))
        except ValueError as err:
            problems.append((line, str(err)))
    return records, problems


def _csv_rows(text: str) -> Iterator[tuple[int, Mapping[str, Any] | str]]:
    reader = csv.DictReader(io.StringIO(text))
    for row in reader:
        yield reader.line_num, {str(k).strip().lower(): v for k, v in row.items() if k}


def _jsonl_rows(text: str) -> Iterator[tuple[int, Mapping[str, Any] | str]]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            yield number, f"not JSON: {err.msg}"
            continue
        yield number, item if isinstance(item, dict) else "a line must be a JSON object"


def _field(row: Mapping[str, Any], name: str) -> str | None:
    value = row.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text")
    value = " ".join(value.split())
    if len(value) > MAX_FIELD:
        raise ValueError(f"{name} is over {MAX_FIELD} characters")
    return value or None


def _record(row: Mapping[str, Any]) -> KnownOutlet:
    raw = _field(row, "domain")
    domain = domain_of(raw if raw and "//" in raw else f"//{raw}") if raw else None
    if not domain or not _HOST.fullmatch(domain):
        raise ValueError(f"no valid domain ({raw!r})")
    source = _field(row, "source")
    if not source or not source.lower().startswith(("https://", "http://")):
        raise ValueError("no public source: give an http(s) link that says what this outlet is")
    return KnownOutlet(domain, _field(row, "name"), _field(row, "affiliation"), source,
                       _indicators(row))


def _indicators(row: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for kind in INDICATOR_FIELDS:
        raw = row.get(kind)
        if raw is None or raw == "":
            continue
        if isinstance(raw, str):
            values = raw.split(";")
        elif isinstance(raw, list) and all(isinstance(v, str) for v in raw):
            values = raw
        else:
            raise ValueError(f"{kind} must be text or a list of texts")
        kept = {" ".join(v.split()).lower() for v in values[:MAX_VALUES]} - {""}
        if any(len(v) > MAX_FIELD for v in kept):
            raise ValueError(f"a {kind} value is over {MAX_FIELD} characters")
        if kind == "registrant":
            kept = {v for v in kept if not _PLACEHOLDER.search(v)}
        found += [(kind, v) for v in sorted(kept)]
    return tuple(found)
