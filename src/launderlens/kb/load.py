"""Read knowledge-base data files (YAML or JSON) into a validated :class:`KnowledgeBase`.

A KB is one or more *layers*: the data shipped in ``launderlens/kb/data`` first, then each
user file or folder given to :func:`load`. A record in a later layer replaces the record
with the same id in an earlier one (a term's id is ``office/person/start``), so a user KB
corrects or extends the default without copying it. A file holds any of the top-level
keys in :data:`TOP_LEVEL_KEYS`; ``meta.as_of`` is the last day the data was verified
through (a user layer sets it only if it vouches for everything up to that day).

Every problem found is collected and raised together as one :class:`KnowledgeBaseError`
naming the file, the entry and what is wrong.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..errors import ConfigError
from .model import (
    PRECISIONS,
    ROLES,
    STATE_AFFILIATIONS,
    Event,
    Jurisdiction,
    KnowledgeBase,
    Office,
    OfficeTerm,
    Outlet,
    Person,
    Records,
    Source,
)
from .validate import Problem, check_records

__all__ = [
    "DATA_SUFFIXES",
    "TOP_LEVEL_KEYS",
    "KnowledgeBaseError",
    "Problem",
    "default_data_dir",
    "load",
    "load_default",
    "load_user_kb",
    "parse_document",
    "user_kb_dir",
]

TOP_LEVEL_KEYS = ("meta", "jurisdictions", "offices", "people", "terms", "events", "outlets")
DATA_SUFFIXES = (".yaml", ".yml", ".json")
#: Data files are ours or the user's, but a KB folder must not swallow a stray huge file.
MAX_FILE_BYTES = 16 * 1024 * 1024

_FIELDS: dict[str, tuple[set[str], set[str]]] = {  # kind: (required, optional)
    "jurisdictions": ({"id", "name"}, {"aliases", "adjectives"}),
    "offices": ({"id", "jurisdiction", "label"},
                {"roles", "titles", "phrases", "single_holder"}),
    "people": ({"id", "name"}, {"aliases", "surname", "wikidata", "source", "sources"}),
    "terms": ({"office", "person", "start"},
              {"end", "acting", "designated", "note", "source", "sources"}),
    "events": ({"id", "name", "date", "kind"},
               {"end", "precision", "aliases", "place", "note", "source", "sources"}),
    "outlets": ({"id", "name", "country", "state_affiliation", "owner"},
                {"aliases", "domains", "note", "source", "sources"}),
}
_SOURCED = {"terms", "events", "outlets"}


class KnowledgeBaseError(ConfigError):
    """Knowledge-base data that cannot be used; ``problems`` lists every issue found.

    A ConfigError: the KB files are settings the user supplies, and a wrong fact would
    produce false alarms, so loading stops instead of skipping the entry.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        shown = "\n  ".join(str(problem) for problem in self.problems[:20])
        more = len(self.problems) - 20
        tail = f"\n  ... and {more} more" if more > 0 else ""
        super().__init__(f"{len(self.problems)} problem(s) in the knowledge base:\n  "
                         f"{shown}{tail}")


@dataclass
class _Layer:
    records: dict[str, dict[str, Any]] = field(default_factory=lambda: {
        kind: {} for kind in TOP_LEVEL_KEYS if kind != "meta"})
    where: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    as_of: date | None = None


def default_data_dir() -> Path:
    """The folder of data files shipped with launderlens."""
    return Path(str(resources.files("launderlens.kb") / "data"))


def user_kb_dir() -> Path:
    """Where a user's own KB files live by default (``LAUNDERLENS_KB_DIR`` overrides)."""
    override = os.environ.get("LAUNDERLENS_KB_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("launderlens")) / "kb"


@functools.cache
def load_default() -> KnowledgeBase:
    """The shipped KB, read and validated once per process."""
    return load(())


def load(paths: Iterable[str | os.PathLike[str]] = (), *,
         include_default: bool = True) -> KnowledgeBase:
    """A KB from the shipped data (unless ``include_default`` is False) merged with the
    files and folders in ``paths``, in that order; later layers override earlier ones.

    Raises KnowledgeBaseError listing every problem (missing file, bad date, unknown
    office, overlapping terms...).
    """
    layer_paths: list[Path] = [default_data_dir()] if include_default else []
    layer_paths += [Path(path) for path in paths]
    problems: list[Problem] = []
    merged = _Layer()
    digest = hashlib.sha256()
    files: list[str] = []
    for layer_path in layer_paths:
        layer = _Layer()
        for file in _data_files(layer_path, problems):
            files.append(str(file))
            content = _read(file, problems)
            if content is not None:
                digest.update(file.name.encode() + b"\0" + content + b"\0")
                _parse_into(layer, file, content, problems)
        for kind, items in layer.records.items():
            merged.records[kind].update(items)
        merged.where.update(layer.where)
        merged.as_of = layer.as_of or merged.as_of
    if merged.as_of is None:
        problems.append(Problem("(all files)", "meta", "no as_of date: add `meta: {as_of: "
                                                         "YYYY-MM-DD}` to one file"))
    records = Records(**{kind: tuple(items.values()) for kind, items in merged.records.items()})
    as_of = merged.as_of or date.max
    problems += check_records(records, as_of, merged.where)
    if problems:
        raise KnowledgeBaseError(problems)
    return KnowledgeBase(records, as_of, version=digest.hexdigest()[:16], files=files)


def parse_document(document: Any, file: str = "<data>") -> tuple[Records, date | None]:
    """Records and ``meta.as_of`` from one parsed YAML/JSON document, checked field by
    field (references between records are checked by :func:`load`)."""
    problems: list[Problem] = []
    layer = _Layer()
    _parse_document(layer, file, document, problems)
    if problems:
        raise KnowledgeBaseError(problems)
    return Records(**{kind: tuple(items.values())
                      for kind, items in layer.records.items()}), layer.as_of


def _data_files(path: Path, problems: list[Problem]) -> Iterator[Path]:
    if path.is_dir():
        yield from sorted(item for item in path.iterdir()
                          if item.is_file() and item.suffix.lower() in DATA_SUFFIXES)
    elif path.is_file():
        yield path
    else:
        problems.append(Problem(str(path), "-", "no such file or folder"))


def _read(file: Path, problems: list[Problem]) -> bytes | None:
    if file.stat().st_size > MAX_FILE_BYTES:
        problems.append(Problem(str(file), "-", f"larger than {MAX_FILE_BYTES} bytes"))
        return None
    return file.read_bytes()


def _parse_into(layer: _Layer, file: Path, content: bytes, problems: list[Problem]) -> None:
    try:
        document = yaml.safe_load(content.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        problems.append(Problem(str(file), "-", f"not valid YAML/JSON: {error}"))
        return
    except ValueError as error:  # PyYAML builds dates itself: 2025-02-30 raises here
        problems.append(Problem(str(file), "-", f"impossible date: {error}"))
        return
    _parse_document(layer, str(file), document, problems)


def _parse_document(layer: _Layer, file: str, document: Any,
                    problems: list[Problem]) -> None:
    if document is None:
        return
    if not isinstance(document, Mapping):
        problems.append(Problem(file, "-", "the top level must be a mapping of "
                                           f"{', '.join(TOP_LEVEL_KEYS)}"))
        return
    for key, value in document.items():
        if key == "meta":
            layer.as_of = _parse_meta(value, file, problems) or layer.as_of
        elif key in _FIELDS:
            _parse_list(layer, str(key), value, file, problems)
        else:
            problems.append(Problem(file, str(key), "unknown top-level key; allowed: "
                                                    f"{', '.join(TOP_LEVEL_KEYS)}"))


def _parse_meta(value: Any, file: str, problems: list[Problem]) -> date | None:
    if not isinstance(value, Mapping) or "as_of" not in value:
        problems.append(Problem(file, "meta", "meta needs `as_of: YYYY-MM-DD`"))
        return None
    errors: list[str] = []
    as_of = _date(value["as_of"], "as_of", errors)
    problems += [Problem(file, "meta", error) for error in errors]
    return as_of


def _parse_list(layer: _Layer, kind: str, items: Any, file: str,
                problems: list[Problem]) -> None:
    if not isinstance(items, list):
        problems.append(Problem(file, kind, "must be a list of entries"))
        return
    build = _BUILDERS[kind]
    for position, item in enumerate(items):
        entry = f"{kind}[{position}]"
        if not isinstance(item, Mapping):
            problems.append(Problem(file, entry, "must be a mapping of fields"))
            continue
        entry = _entry_label(kind, position, item)
        errors = _check_fields(kind, item)
        record = build(item, errors) if not errors else None
        problems += [Problem(file, entry, error) for error in errors]
        if record is None or errors:
            continue
        key = record.id
        if key in layer.records[kind]:
            first = layer.where[(kind, key)]
            problems.append(Problem(file, entry, f"duplicate id {key!r}; first defined in "
                                                 f"{first[0]}: {first[1]}"))
            continue
        layer.records[kind][key] = record
        layer.where[(kind, key)] = (file, entry)


def _entry_label(kind: str, position: int, item: Mapping[str, Any]) -> str:
    if kind == "terms":
        label = f"{item.get('office')} / {item.get('person')} from {item.get('start')}"
    else:
        label = str(item.get("id", "?"))
    return f"{kind}[{position}] ({label})"


def _check_fields(kind: str, item: Mapping[str, Any]) -> list[str]:
    required, optional = _FIELDS[kind]
    errors = [f"missing field {name!r}" for name in sorted(required) if item.get(name) is None]
    unknown = sorted(str(name) for name in item if name not in required | optional)
    if unknown:
        errors.append(f"unknown field(s) {', '.join(unknown)}; allowed: "
                      f"{', '.join(sorted(required | optional))}")
    if kind in _SOURCED and not item.get("source") and not item.get("sources"):
        errors.append("missing source: give `source: https://...` (a public page stating "
                      "the fact)")
    return errors


def _date(value: Any, name: str, errors: list[str]) -> date | None:
    if isinstance(value, datetime):
        errors.append(f"{name} has a time of day ({value}); give the date only, YYYY-MM-DD")
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            errors.append(f"{name} {text!r} is not a real date")
            return None
    errors.append(f"{name} {value!r} is not an ISO date (YYYY-MM-DD)")
    return None


def _optional_date(item: Mapping[str, Any], name: str, errors: list[str]) -> date | None:
    return None if item.get(name) is None else _date(item[name], name, errors)


def _strings(item: Mapping[str, Any], name: str, errors: list[str]) -> tuple[str, ...]:
    value = item.get(name) or ()
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        errors.append(f"{name} must be a list of strings")
        return ()
    return tuple(v.strip() for v in value if v.strip())


def _text(item: Mapping[str, Any], name: str) -> str | None:
    value = item.get(name)
    return None if value is None else str(value).strip() or None


def _sources(item: Mapping[str, Any], errors: list[str]) -> tuple[Source, ...]:
    raw = list(item.get("sources") or ())
    if item.get("source"):
        raw.insert(0, item["source"])
    sources = []
    for value in raw:
        url, title = (value.get("url"), value.get("title")) if isinstance(value, Mapping) \
            else (value, None)
        parts = urlsplit(str(url or ""))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            errors.append(f"source {url!r} is not an http(s) URL")
            continue
        sources.append(Source(str(url), None if title is None else str(title)))
    return tuple(sources)


def _person(item: Mapping[str, Any], errors: list[str]) -> Person:
    return Person(id=str(item["id"]), name=str(item["name"]).strip(),
                  aliases=_strings(item, "aliases", errors), surname=_text(item, "surname"),
                  wikidata=_text(item, "wikidata"), sources=_sources(item, errors))


def _term(item: Mapping[str, Any], errors: list[str]) -> OfficeTerm | None:
    start = _date(item["start"], "start", errors)
    end = _optional_date(item, "end", errors)
    designated = _optional_date(item, "designated", errors)
    if start is None:
        return None
    if end is not None and end < start:
        errors.append(f"end {end} is before start {start}")
    if designated is not None and designated > start:
        errors.append(f"designated {designated} is after start {start}")
    return OfficeTerm(office=str(item["office"]), person=str(item["person"]), start=start,
                      end=end, sources=_sources(item, errors), acting=bool(item.get("acting")),
                      designated=designated, note=_text(item, "note"))


def _event(item: Mapping[str, Any], errors: list[str]) -> Event | None:
    day = _date(item["date"], "date", errors)
    end = _optional_date(item, "end", errors)
    precision = str(item.get("precision", "day"))
    if precision not in PRECISIONS:
        errors.append(f"precision {precision!r} unknown; allowed: {', '.join(PRECISIONS)}")
    if day is None:
        return None
    if end is not None and end < day:
        errors.append(f"end {end} is before date {day}")
    return Event(id=str(item["id"]), name=str(item["name"]).strip(), date=day,
                 kind=str(item["kind"]), sources=_sources(item, errors), end=end,
                 precision=precision, aliases=_strings(item, "aliases", errors),
                 place=_text(item, "place"), note=_text(item, "note"))


def _outlet(item: Mapping[str, Any], errors: list[str]) -> Outlet:
    affiliation = str(item["state_affiliation"])
    if affiliation not in STATE_AFFILIATIONS:
        errors.append(f"state_affiliation {affiliation!r} unknown; allowed: "
                      f"{', '.join(STATE_AFFILIATIONS)}")
    domains = tuple(domain.lower().removeprefix("www.")
                    for domain in _strings(item, "domains", errors))
    return Outlet(id=str(item["id"]), name=str(item["name"]).strip(),
                  country=str(item["country"]), state_affiliation=affiliation,
                  owner=str(item["owner"]).strip(), sources=_sources(item, errors),
                  aliases=_strings(item, "aliases", errors), domains=domains,
                  note=_text(item, "note"))


def _office(item: Mapping[str, Any], errors: list[str]) -> Office:
    roles = _strings(item, "roles", errors)
    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        errors.append(f"role(s) {', '.join(unknown)} unknown; allowed: {', '.join(ROLES)}")
    return Office(id=str(item["id"]), jurisdiction=str(item["jurisdiction"]),
                  label=str(item["label"]).strip(), roles=roles,
                  titles=_strings(item, "titles", errors),
                  phrases=_strings(item, "phrases", errors),
                  single_holder=bool(item.get("single_holder", True)))


def _jurisdiction(item: Mapping[str, Any], errors: list[str]) -> Jurisdiction:
    return Jurisdiction(id=str(item["id"]), name=str(item["name"]).strip(),
                        aliases=_strings(item, "aliases", errors),
                        adjectives=_strings(item, "adjectives", errors))


_BUILDERS: dict[str, Callable[[Mapping[str, Any], list[str]], Any]] = {
    "jurisdictions": _jurisdiction, "offices": _office, "people": _person,
    "terms": _term, "events": _event, "outlets": _outlet,
}


def load_user_kb(kb_dir: Path | None = None) -> KnowledgeBase:
    """The shipped KB with the user's folder over it (when that folder holds YAML files);
    ``kb_dir`` defaults to :func:`user_kb_dir`."""
    folder = kb_dir or user_kb_dir()
    if folder.is_dir() and any(folder.glob("*.yaml")):
        return load([folder])
    return load_default()
