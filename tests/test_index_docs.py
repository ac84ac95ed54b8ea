"""A loaded index's article records are made when read: loading makes none, a row read
gives the saved fields (dates with their own zone, without one, or none), rows added or
set after the load are kept as given, and damaged fields are refused at load."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from launderlens.model import Article
from launderlens.rewrites import index_docs
from launderlens.rewrites.cluster import StoryIndex
from launderlens.rewrites.index_docs import SavedDocs, doc_fields, encode_dates
from launderlens.rewrites.index_store import load_index, save_index
from launderlens.rewrites.origin import Doc

from .test_cluster_incremental import _corpus

DATES = [datetime(2026, 5, 2, 8, 30, tzinfo=UTC), None,
         datetime(2026, 5, 2, 11, 45, 10, 5, tzinfo=timezone(timedelta(hours=3))),
         datetime(1999, 12, 31, 23, 59), datetime(2026, 5, 3, tzinfo=timezone(-timedelta(
             hours=4, minutes=30)))]


def _segment(ids: list[str], dates: list[datetime | None]) -> tuple[dict[str, Any],
                                                                   dict[str, np.ndarray]]:
    micros, offsets = encode_dates(dates)
    strings = {"ids": ids, "titles": [f"title {i}" for i in ids],
               "outlets": [None] * len(ids), "domains": [f"{i}.example" for i in ids]}
    return strings, {"published_us": micros, "published_offset": offsets}


def test_rows_of_two_segments_read_back_their_fields_and_zones() -> None:
    docs = SavedDocs()
    docs.extend_saved(*_segment(["a", "b", "c"], DATES[:3]))
    docs.extend_saved(*_segment(["d", "e"], DATES[3:]))
    assert len(docs) == 5
    assert [d.id for d in docs] == ["a", "b", "c", "d", "e"]
    assert [d.published for d in docs] == DATES
    assert [d.published.utcoffset() if d.published else None for d in docs] == \
        [d.utcoffset() if d else None for d in DATES]
    assert docs[-1].published == DATES[-1] and docs[1:3] == [docs[1], docs[2]]
    assert (docs[2].title, docs[2].outlet, docs[2].domain, docs[2].text) == \
        ("title c", None, "c.example", "")


def test_rows_set_or_added_after_the_load_are_kept_as_given() -> None:
    docs = SavedDocs()
    docs.extend_saved(*_segment(["a", "b"], DATES[:2]))
    with_text = Doc("a", "title a", "the text read back", DATES[0])
    docs[0] = with_text
    later = Doc("z", None, "a new article", None)
    docs.append(later)
    assert docs[0] is with_text and docs[2] is later and len(docs) == 3
    with pytest.raises(ValueError):  # saved rows go first
        docs.extend_saved(*_segment(["c"], DATES[:1]))
    with pytest.raises(TypeError):
        docs.insert(0, later)


@pytest.mark.parametrize("damage", ["zone", "range", "length", "type"])
def test_damaged_fields_are_refused_when_given(damage: str) -> None:
    strings, arrays = _segment(["a", "b"], DATES[:2])
    if damage == "zone":
        arrays["published_offset"] = np.full(2, 10**12)
    elif damage == "range":
        arrays["published_us"] = np.full(2, 2**62)
    elif damage == "length":
        strings["titles"] = ["one"]
    else:
        strings["titles"] = [["a list"], None]
    with pytest.raises(ValueError):
        SavedDocs().extend_saved(strings, arrays)


def _saved_with_delta(folder: Path, seed: int) -> tuple[StoryIndex, Path]:
    """An index of 40 articles saved in ``folder`` as a base of 30 and a delta of 10."""
    articles = _corpus(seed, 3, 40)
    kept = StoryIndex(backends=["lexical"], threshold=0.15).fit(articles[:30])
    folder = save_index(kept, folder)
    kept.add(articles[30:])
    save_index(kept, folder)
    return kept, folder


def _count_records(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the records index_docs makes from now on, in order."""
    made: list[str] = []

    def counted(*fields: Any) -> Doc:
        made.append(fields[0])
        return Doc(*fields)

    monkeypatch.setattr(index_docs, "Doc", counted)
    return made


def test_a_load_makes_no_record_until_one_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept, folder = _saved_with_delta(tmp_path / "index", 4)
    made = _count_records(monkeypatch)
    loaded = load_index(folder)
    assert made == []
    read = loaded.docs_[33]
    assert made == [kept.ids_[33]]
    original = kept.docs_[33]
    assert (read.id, read.title, read.published, read.outlet, read.domain) == \
        (original.id, original.title, original.published, original.outlet, original.domain)
    monkeypatch.undo()
    loaded.add([Article.create("A later report on the same matter in other words.",
                               outlet="site9", published=DATES[0])])
    assert len(loaded.docs_) == len(loaded.ids_) == 41


def test_the_fields_saved_again_are_the_records_fields_without_making_them() -> None:
    docs = SavedDocs()
    docs.extend_saved(*_segment(["a", "b", "c", "d"], DATES[:4]))
    docs[1] = Doc("b", "title b", "its text, read back", None, None, "b.example")  # same fields
    docs[2] = Doc("c", "another title", "", DATES[2].astimezone(UTC))  # the same instant
    docs.append(Doc("z", "later", "", DATES[4], "outlet z", None))
    assert docs.fields()[0] == doc_fields(list(docs))[0]
    for ours, theirs in zip(docs.fields()[1:], doc_fields(list(docs))[1:], strict=True):
        assert np.array_equal(ours, theirs)
    assert docs._replaced == {2}


def test_a_full_save_after_a_load_makes_no_record(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept, folder = _saved_with_delta(tmp_path / "index", 5)
    made = _count_records(monkeypatch)
    save_index(load_index(folder), tmp_path / "again", full=True)
    assert made == []
    monkeypatch.undo()
    again = load_index(tmp_path / "again")
    assert [(d.id, d.title, d.published, d.published and d.published.utcoffset(), d.outlet,
             d.domain) for d in again.docs_] == \
        [(d.id, d.title, d.published, d.published and d.published.utcoffset(), d.outlet,
          d.domain) for d in kept.docs_]
