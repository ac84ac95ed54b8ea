"""The saved fields of a loaded index's articles (ids, titles, outlets, domains, dates as
microseconds and UTC offsets) in, the rows' :class:`~.origin.Doc` records out, each made
when it is first read.

A load made every row's record, dates included, before the first add could start (half of
reloading an index of 200,000 articles); an add reads the records of the few stories it
merges again. :class:`SavedDocs` checks every saved field when it is given them, so a
damaged folder is still refused at load, and makes a row's record on first use.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableSequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, overload

import numpy as np

from .origin import Doc

__all__ = ["EPOCH_NAIVE", "MICROSECOND", "NO_DATE", "NO_ZONE", "SavedDocs"]

EPOCH_NAIVE = datetime(1970, 1, 1)
MICROSECOND = timedelta(microseconds=1)
#: The offset column's markers of a missing date and of a date without a time zone.
NO_DATE = np.iinfo(np.int64).min
NO_ZONE = NO_DATE + 1
# The wall times a datetime can hold, in microseconds since 1970.
_EARLIEST = (datetime.min - EPOCH_NAIVE) // MICROSECOND
_LATEST = (datetime.max - EPOCH_NAIVE) // MICROSECOND


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
        self._zones: dict[int, Any] = {NO_DATE: None, NO_ZONE: False}

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
                self._zones[offset] = UTC if offset == 0 else timezone(offset * MICROSECOND)
        wall = np.where(offsets > NO_ZONE, micros + offsets, micros)
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
        self._docs[row] = doc

    def __delitem__(self, row: Any) -> None:
        raise TypeError("an index keeps every row it holds")

    def insert(self, row: int, doc: Doc) -> None:
        if row != len(self._docs):
            raise TypeError("rows are only added after the last one")
        self._docs.append(doc)

    def _date(self, row: int) -> datetime | None:
        offset = int(self._offsets[row])
        zone = self._zones[offset]
        if zone is None:
            return None
        micros = int(self._micros[row])
        if zone is False:
            return EPOCH_NAIVE + micros * MICROSECOND
        return (EPOCH_NAIVE + (micros + offset) * MICROSECOND).replace(tzinfo=zone)
