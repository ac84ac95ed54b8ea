"""The saved fields of a loaded index's articles (ids, titles, outlets, domains, dates as
microseconds and UTC offsets) in, the rows' :class:`~.origin.Doc` records out, each made
when it is first read.

A load made every row's record, dates included, before the first add could start (half of
reloading an index of 200,000 articles); an add reads the records of the few stories it
merges again. :class:`SavedDocs` checks every saved field when it is given them, so a
damaged folder is still refused at load, and makes a row's record on first use; saving
the index again (:func:`doc_fields`) takes the saved fields of the rows whose record was
not replaced as they are, without making their records.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableSequence, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, overload

import numpy as np

from .origin import Doc

__all__ = ["SavedDocs", "doc_fields", "encode_dates"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_NAIVE = datetime(1970, 1, 1)
_MICROSECOND = timedelta(microseconds=1)
# The offset column's markers of a missing date and of a date without a time zone.
_NO_DATE = np.iinfo(np.int64).min
_NO_ZONE = _NO_DATE + 1
_TEXT_FIELDS = ("titles", "outlets", "domains")
# The wall times a datetime can hold, in microseconds since 1970.
_EARLIEST = (datetime.min - _EPOCH_NAIVE) // _MICROSECOND
_LATEST = (datetime.max - _EPOCH_NAIVE) // _MICROSECOND


class SavedDocs(MutableSequence[Doc]):
    """Rows' records read from saved fields on first use; rows added later are kept as
    given, and so is a record set in a row's place."""

    def __init__(self) -> None:
        self._docs: list[Doc | None] = []  # None: not made yet
        self._ids: list[str] = []
        self._titles: list[str | None] = []
        self._outlets: list[str | None] = []
        self._domains: list[str | None] = []
        self._micros = np.zeros(0, dtype=np.int64)
        self._offsets = np.zeros(0, dtype=np.int64)
        self._zones: dict[int, Any] = {_NO_DATE: None, _NO_ZONE: False}
        self._replaced: set[int] = set()  # saved rows set to a record of other fields

    def extend_saved(self, strings: Mapping[str, Any], arrays: Mapping[str, np.ndarray]) -> None:
        """Add one segment's rows (after every row given so far); ValueError where its
        fields do not fit."""
        if len(self._docs) != len(self._ids):
            raise ValueError("saved rows go before the rows added since")
        ids, titles = strings["ids"], strings["titles"]
        outlets, domains = strings["outlets"], strings["domains"]
        micros = np.asarray(arrays["published_us"], dtype=np.int64)
        offsets = np.asarray(arrays["published_offset"], dtype=np.int64)
        if not len(ids) == len(titles) == len(outlets) == len(domains) == len(micros) == \
                len(offsets) or micros.ndim != 1 or offsets.ndim != 1:
            raise ValueError("a segment's article fields disagree on the number of articles")
        # Read as texts later (stories, reports): a number or a list there would fail far
        # from here, where the caller no longer clusters afresh instead.
        if not set(map(type, ids)) <= {str} or not \
                set(map(type, titles)) | set(map(type, outlets)) | set(map(type, domains)) <= \
                {str, type(None)}:
            raise ValueError("a segment's article fields are not texts")
        for offset in np.unique(offsets).tolist():
            if offset not in self._zones:  # timezone() refuses offsets of a day or more
                self._zones[offset] = UTC if offset == 0 else timezone(offset * _MICROSECOND)
        wall = np.where(offsets > _NO_ZONE, micros + offsets, micros)
        if len(wall) and (int(wall.min()) < _EARLIEST or int(wall.max()) > _LATEST):
            raise ValueError("a saved date is out of range")
        self._ids.extend(ids)
        self._titles.extend(titles)
        self._outlets.extend(outlets)
        self._domains.extend(domains)
        self._micros = np.r_[self._micros, micros]
        self._offsets = np.r_[self._offsets, offsets]
        self._docs.extend([None] * len(ids))

    def __len__(self) -> int:
        return len(self._docs)

    @overload
    def __getitem__(self, row: int) -> Doc: ...

    @overload
    def __getitem__(self, row: slice) -> list[Doc]: ...

    def __getitem__(self, row: int | slice) -> Doc | list[Doc]:
        if isinstance(row, slice):
            return [self[r] for r in range(*row.indices(len(self._docs)))]
        doc = self._docs[row]
        if doc is None:
            row = row % len(self._docs)
            doc = self._docs[row] = Doc(self._ids[row], self._titles[row], "",
                                        self._date(row), self._outlets[row],
                                        self._domains[row])
        return doc

    def __iter__(self) -> Iterator[Doc]:
        return (self[row] for row in range(len(self._docs)))

    def __setitem__(self, row: Any, doc: Any) -> None:
        if not isinstance(row, int) or not isinstance(doc, Doc):
            raise TypeError("a row's record is set one row at a time")
        row = range(len(self._docs))[row]  # IndexError past the ends
        if row < len(self._ids) and _saved_fields(doc) != _saved_fields(self[row]):
            self._replaced.add(row)
        self._docs[row] = doc

    def __delitem__(self, row: Any) -> None:
        raise TypeError("an index keeps every row it holds")

    def insert(self, row: int, doc: Doc) -> None:
        if row != len(self._docs):
            raise TypeError("rows are only added after the last one")
        self._docs.append(doc)

    def fields(self) -> tuple[dict[str, list[str | None]], np.ndarray, np.ndarray]:
        """What :func:`doc_fields` gives, from the saved fields where a row's record was
        not replaced by one of other fields."""
        saved = len(self._ids)
        texts: dict[str, list[str | None]] = {
            "titles": list(self._titles), "outlets": list(self._outlets),
            "domains": list(self._domains)}
        micros, offsets = self._micros.copy(), self._offsets.copy()
        changed = sorted(self._replaced)
        if changed:
            docs = [self[row] for row in changed]
            new_texts, micros[changed], offsets[changed] = doc_fields(docs)
            for name in _TEXT_FIELDS:
                for row, value in zip(changed, new_texts[name], strict=True):
                    texts[name][row] = value
        later_texts, later_micros, later_offsets = doc_fields(self[saved:])
        for name in _TEXT_FIELDS:
            texts[name].extend(later_texts[name])
        return texts, np.r_[micros, later_micros], np.r_[offsets, later_offsets]

    def _date(self, row: int) -> datetime | None:
        offset = int(self._offsets[row])
        zone = self._zones[offset]
        if zone is None:
            return None
        micros = int(self._micros[row])
        if zone is False:
            return _EPOCH_NAIVE + micros * _MICROSECOND
        return (_EPOCH_NAIVE + (micros + offset) * _MICROSECOND).replace(tzinfo=zone)


def doc_fields(docs: Sequence[Doc]) -> tuple[dict[str, list[str | None]], np.ndarray,
                                             np.ndarray]:
    """The titles, outlets and domains of ``docs``, and their dates (:func:`encode_dates`)."""
    if isinstance(docs, SavedDocs):
        return docs.fields()
    texts: dict[str, list[str | None]] = {"titles": [d.title for d in docs],
                                          "outlets": [d.outlet for d in docs],
                                          "domains": [d.domain for d in docs]}
    return (texts, *encode_dates([d.published for d in docs]))


def encode_dates(dates: Sequence[datetime | None]) -> tuple[np.ndarray, np.ndarray]:
    """Microseconds since 1970 (UTC) and the UTC offset in microseconds of each date."""
    micros = np.zeros(len(dates), dtype=np.int64)
    offsets = np.full(len(dates), _NO_DATE, dtype=np.int64)
    for row, date in enumerate(dates):
        if date is None:
            continue
        offset = date.utcoffset()
        if offset is None:
            micros[row], offsets[row] = (date - _EPOCH_NAIVE) // _MICROSECOND, _NO_ZONE
        else:
            micros[row], offsets[row] = (date - _EPOCH) // _MICROSECOND, offset // _MICROSECOND
    return micros, offsets


def _saved_fields(doc: Doc) -> tuple[Any, ...]:
    """What a save keeps of a record (a date's zone too: equal instants may differ)."""
    zone = doc.published.utcoffset() if doc.published else None
    return doc.id, doc.title, doc.outlet, doc.domain, doc.published, zone
