"""One catalogue record: a claim that fact-checkers or researchers have already examined.

Every importer turns its format into :class:`NarrativeRecord`; the store keeps them, the
matcher searches them. The project's own JSONL format is :meth:`NarrativeRecord.as_dict`
one object a line, and :meth:`NarrativeRecord.from_dict` reads it back::

    {"id", "claim", "title"?, "rating"?, "summary"?, "urls"?, "date"?, "language"?, "tags"?,
     "phrasings"?, "first_seen"?, "debunked"?, "publisher"?, "claimant"?, "origin"?}

``date`` is the date of the debunk (kept as ``debunked``); ``phrasings`` are other ways the
claim is worded, each searched like the claim itself.

A record whose text holds a lone UTF-16 surrogate (``"\\ud800"`` is valid JSON but no
character: it cannot be hashed, stored or shown) or a NUL character (PostgreSQL refuses it)
is refused with a :class:`RecordError` naming the field, never stored with the character
replaced: a repaired claim would be one its source never wrote. Importers turn that error
into one problem for that record, and the rest of the file goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

__all__ = ["MAX_FIELD_CHARS", "NarrativeRecord", "RecordError", "record_id"]

#: Longest text kept in one field; a catalogue row is a claim and a summary, not a page.
MAX_FIELD_CHARS = 20_000
_MAX_ITEMS = 100
_KNOWN_KEYS = frozenset({"id", "claim", "title", "rating", "summary", "urls", "date", "language",
                         "tags", "phrasings", "first_seen", "debunked", "publisher", "claimant",
                         "origin"})
_TEXT_FIELDS = ("id", "claim", "title", "rating", "summary", "language", "publisher",
                "claimant", "origin")
_LIST_FIELDS = ("phrasings", "urls", "tags")


class RecordError(ValueError):
    """A record that cannot be kept; the message says which field and why."""


def record_id(*parts: str | None) -> str:
    """A stable id for a record that came without one, from what identifies it (a review URL,
    or the claim and its publisher)."""
    digest = hashlib.sha256()
    for part in parts:
        # surrogatepass: an id is computed before the record is checked, and a record with a
        # lone surrogate must reach that check (and be refused there) rather than crash here.
        digest.update(" ".join((part or "").split()).lower().encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class NarrativeRecord:
    """A known claim with what its source said of it."""

    id: str
    claim: str
    title: str | None = None
    phrasings: tuple[str, ...] = ()
    rating: str | None = None
    summary: str | None = None
    urls: tuple[str, ...] = ()
    first_seen: date | None = None
    debunked: date | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    publisher: str | None = None
    claimant: str | None = None
    origin: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise RecordError("a record needs a non-empty 'id'")
        if len(self.id) > 200:
            raise RecordError("'id' is longer than 200 characters")
        if not isinstance(self.claim, str) or not self.claim.strip():
            raise RecordError(f"record {self.id!r} has no 'claim' text")
        for name in _TEXT_FIELDS:
            _refuse_non_text(getattr(self, name), name)
        for name in _LIST_FIELDS:
            for index, item in enumerate(getattr(self, name)):
                _refuse_non_text(item, f"{name}[{index}]")

    @property
    def texts(self) -> tuple[str, ...]:
        """What the matcher searches: the claim, its title and every other phrasing."""
        seen: list[str] = []
        for text in (self.claim, self.title, *self.phrasings):
            if text and text not in seen:
                seen.append(text)
        return tuple(seen)

    def with_origin(self, origin: str) -> NarrativeRecord:
        return self if self.origin else replace(self, origin=origin)

    def as_dict(self) -> dict[str, Any]:
        """The project's JSONL form; ``from_dict`` reads it back unchanged."""
        return {"id": self.id, "claim": self.claim, "title": self.title,
                "phrasings": list(self.phrasings), "rating": self.rating,
                "summary": self.summary, "urls": list(self.urls),
                "first_seen": _iso(self.first_seen), "debunked": _iso(self.debunked),
                "language": self.language, "tags": list(self.tags),
                "publisher": self.publisher, "claimant": self.claimant, "origin": self.origin}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, strict: bool = False) -> NarrativeRecord:
        """A record from the project's JSONL form; RecordError names the field at fault.

        ``strict`` refuses keys the format does not have (a misspelt field would
        otherwise vanish silently)."""
        if not isinstance(data, Mapping):
            raise RecordError(f"a record is a JSON object, not {type(data).__name__}")
        unknown = sorted(set(data) - _KNOWN_KEYS)
        if strict and unknown:
            raise RecordError(f"unknown field(s) {', '.join(unknown)}; "
                              f"known: {', '.join(sorted(_KNOWN_KEYS))}")
        debunked = data.get("debunked", data.get("date"))
        return cls(
            id=_text(data.get("id"), "id", required=True) or "",
            claim=_text(data.get("claim"), "claim", required=True) or "",
            title=_text(data.get("title"), "title"),
            phrasings=_texts(data.get("phrasings"), "phrasings"),
            rating=_text(data.get("rating"), "rating"),
            summary=_text(data.get("summary"), "summary"),
            urls=_urls(data.get("urls")),
            first_seen=parse_day(data.get("first_seen"), "first_seen"),
            debunked=parse_day(debunked, "date"),
            language=_text(data.get("language"), "language"),
            tags=_texts(data.get("tags"), "tags"),
            publisher=_text(data.get("publisher"), "publisher"),
            claimant=_text(data.get("claimant"), "claimant"),
            origin=_text(data.get("origin"), "origin"),
        )


def _refuse_non_text(value: object, name: str) -> None:
    """RecordError when ``value`` holds a lone surrogate or a NUL; see the module docstring."""
    if not isinstance(value, str):
        return
    if "\x00" in value:
        raise RecordError(f"field {name!r} holds a NUL character, which PostgreSQL "
                          "refuses (so every store does); the record is refused")
    if value.isascii():
        return
    try:
        value.encode("utf-8")  # fails on a lone surrogate and nothing else, in C
    except UnicodeEncodeError as err:
        raise RecordError(
            f"field {name!r} holds a lone UTF-16 surrogate (\\u{ord(value[err.start]):04x} "
            f"at character {err.start}), which is not text; the record is refused (fix the "
            "export that wrote it)") from None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _text(value: Any, name: str, *, required: bool = False) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RecordError(f"field {name!r} is missing or empty")
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and name == "id":
        value = str(value)
    if not isinstance(value, str):
        raise RecordError(f"field {name!r} must be text, not {type(value).__name__}")
    text = " ".join(value.split())
    if len(text) > MAX_FIELD_CHARS:
        raise RecordError(f"field {name!r} is over {MAX_FIELD_CHARS} characters")
    return text


def _texts(value: Any, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable) or isinstance(value, Mapping):
        raise RecordError(f"field {name!r} must be a list of texts")
    items = [_text(item, name) for item in value]
    kept = tuple(dict.fromkeys(item for item in items if item))
    if len(kept) > _MAX_ITEMS:
        raise RecordError(f"field {name!r} has over {_MAX_ITEMS} items")
    return kept


def _urls(value: Any) -> tuple[str, ...]:
    urls = _texts(value, "urls")
    for url in urls:
        if not url.lower().startswith(("http://", "https://")):
            raise RecordError(f"'urls' holds {url[:80]!r}, which is not an http(s) URL")
    return urls


def parse_day(value: Any, name: str = "date") -> date | None:
    """A calendar day from ``2024-05-01``, a full ISO timestamp, or a date object."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise RecordError(f"field {name!r} must be an ISO date, not {type(value).__name__}")
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise RecordError(f"field {name!r} is {text[:40]!r}, not an ISO date "
                          "(YYYY-MM-DD)") from None
