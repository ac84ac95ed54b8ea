"""The starter catalogue shipped with launderlens: recurring pro-Kremlin narratives about the
war against Ukraine and about Western governments, read from ``narratives/data/starter.yaml``
into validated :class:`NarrativeRecord` objects.

The file is a YAML list of records in the project's JSONL field names (see ``record.py``),
written in the project's own words. A shipped entry must meet more than the record's own
rules, because a fact-checking tool that matches an article to a claim must also be able to
say what is known about it and where that was checked: every entry has a summary, a rating,
at least two other phrasings for the matcher, at least one https link to public reporting,
a ``target:`` and a ``theme:`` tag, and ``origin: starter``; ids are unique slugs.

Every problem found is collected and raised together as one :class:`StarterCatalogueError`
naming the entry (its position and id) and what is wrong.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..narrative import NarrativeRecord, RecordError

__all__ = [
    "MIN_PHRASINGS",
    "MIN_RECORDS",
    "STARTER_EDITION",
    "STARTER_ORIGIN",
    "STARTER_VERSION",
    "StarterCatalogueError",
    "load_starter",
    "load_starter_file",
    "starter_path",
    "starter_version",
]

#: The month the shipped catalogue was last reviewed; raise it when entries are re-checked.
STARTER_EDITION = "2026.11"
STARTER_ORIGIN = "starter"
#: The shipped file must hold at least this many records (a smaller one is a packaging slip).
MIN_RECORDS = 40
MIN_PHRASINGS = 2

_PACKAGE = "launderlens.narratives"
_FOLDER, _FILE = "data", "starter.yaml"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_SLUG = 80


class StarterCatalogueError(ConfigError):
    """A catalogue file that cannot be used; ``problems`` lists every issue found.

    A ConfigError like a bad knowledge base: a record without its rating or its sources
    would produce unexplained alarms, so loading stops instead of skipping the entry.
    """

    def __init__(self, source: str, problems: Iterable[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        shown = "\n  ".join(self.problems[:20])
        more = len(self.problems) - 20
        tail = f"\n  ... and {more} more" if more > 0 else ""
        super().__init__(f"{len(self.problems)} problem(s) in the narrative catalogue "
                         f"{source}:\n  {shown}{tail}")


def starter_path() -> Path:
    """Where the shipped catalogue file lies inside the installed package."""
    return Path(str(resources.files(_PACKAGE).joinpath(_FOLDER).joinpath(_FILE)))


def _starter_bytes() -> bytes:
    try:
        return resources.files(_PACKAGE).joinpath(_FOLDER).joinpath(_FILE).read_bytes()
    except OSError as error:
        raise StarterCatalogueError(_FILE, [
            f"cannot be read from the installed package ({error}); the wheel must ship "
            f"launderlens/narratives/{_FOLDER}/*.yaml as package data"]) from error


#: Edition plus a digest of the shipped file (see :func:`starter_version`); the annotation
#: only declares it, the module's ``__getattr__`` supplies it on first use.
STARTER_VERSION: str


@functools.cache
def starter_version() -> str:
    """The edition plus a digest of the shipped file, recorded with every match so that a
    report can name the exact catalogue it was produced with (also ``STARTER_VERSION``)."""
    return f"{STARTER_EDITION}+{hashlib.sha256(_starter_bytes()).hexdigest()[:12]}"


def __getattr__(name: str) -> str:
    # STARTER_VERSION is worked out on first use, so importing the package never reads the
    # data file (an install that lacks it fails only when the catalogue is asked for).
    if name == "STARTER_VERSION":
        return starter_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _load_starter() -> tuple[NarrativeRecord, ...]:
    text = _starter_bytes().decode("utf-8")
    return tuple(_parse(text, _FILE, min_records=MIN_RECORDS))


def load_starter() -> list[NarrativeRecord]:
    """The shipped catalogue, read and validated once per process (a fresh list each call;
    the records themselves are frozen)."""
    return list(_load_starter())


def load_starter_file(path: str | os.PathLike[str], *,
                      min_records: int = 0) -> list[NarrativeRecord]:
    """Records from a catalogue file in the starter format, checked by the starter's rules.

    ``min_records`` is the fewest records the file may hold. Raises StarterCatalogueError
    listing every bad entry by position and id.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise StarterCatalogueError(str(file), [f"cannot be read: {error}"]) from error
    return _parse(text, str(file), min_records=min_records)


def _parse(text: str, source: str, *, min_records: int) -> list[NarrativeRecord]:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise StarterCatalogueError(source, [f"not valid YAML: {error}"]) from error
    except ValueError as error:  # PyYAML builds dates itself: 2025-02-30 raises here
        raise StarterCatalogueError(source, [f"impossible date: {error}"]) from error
    if not isinstance(document, list):
        raise StarterCatalogueError(source, ["the top level must be a list of records, not "
                                             f"{type(document).__name__}"])
    problems: list[str] = []
    records: list[NarrativeRecord] = []
    first_seen_at: dict[str, int] = {}
    for position, entry in enumerate(document):
        label = _label(position, entry)
        errors, record = _check_entry(entry)
        if record is not None and record.id in first_seen_at:
            errors.append(f"duplicate id; first used by entry {first_seen_at[record.id]}")
        problems += [f"{label}: {error}" for error in errors]
        if record is not None and not errors:
            first_seen_at[record.id] = position
            records.append(record)
    if len(document) < min_records:
        problems.append(f"holds {len(document)} record(s); at least {min_records} expected")
    if problems:
        raise StarterCatalogueError(source, problems)
    return records


def _label(position: int, entry: Any) -> str:
    name = entry.get("id") if isinstance(entry, Mapping) else None
    return f"entry {position} ({name!r})" if name is not None else f"entry {position}"


def _check_entry(entry: Any) -> tuple[list[str], NarrativeRecord | None]:
    if not isinstance(entry, Mapping):
        return [f"must be a mapping of fields, not {type(entry).__name__}"], None
    errors: list[str] = []
    raw_id = entry.get("id")
    if not isinstance(raw_id, str) or not _SLUG.fullmatch(raw_id) or len(raw_id) > _MAX_SLUG:
        errors.append(f"id must be a slug of lower-case letters, digits and single hyphens "
                      f"(at most {_MAX_SLUG} characters), not {raw_id!r}")
    try:
        record = NarrativeRecord.from_dict(entry, strict=True)
    except RecordError as error:
        return [*errors, str(error)], None
    return errors + _starter_rules(record), record


def _starter_rules(record: NarrativeRecord) -> list[str]:
    errors: list[str] = []
    if not record.summary:
        errors.append("missing 'summary': say what is claimed and what the record shows")
    if not record.rating:
        errors.append("missing 'rating': give the rating of the cited source")
    if len(record.phrasings) < MIN_PHRASINGS:
        errors.append(f"'phrasings' holds {len(record.phrasings)}; at least "
                      f"{MIN_PHRASINGS} other wordings are needed for the matcher")
    if not any(url.startswith("https://") for url in record.urls):
        errors.append("no https URL in 'urls': link at least one public debunk or report")
    for prefix in ("target:", "theme:"):
        if not any(tag.startswith(prefix) for tag in record.tags):
            errors.append(f"'tags' needs one '{prefix}...' tag")
    if record.origin != STARTER_ORIGIN:
        errors.append(f"'origin' must be {STARTER_ORIGIN!r}, not {record.origin!r}")
    return errors
