"""The narrative catalogue in every store backend: upsert by id, revisions, listing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from launderlens.narratives import NarrativeRecord
from launderlens.store import Store, open_store


def record(rid: str, claim: str = "The dam was blown up by its own defenders.",
           **fields: object) -> NarrativeRecord:
    return NarrativeRecord(id=rid, claim=claim, **fields)  # type: ignore[arg-type]


def test_new_records_are_added_and_read_back_whole(store: Store) -> None:
    full = record("a", title="Dam", phrasings=("They flooded it themselves",),
                  rating="False", summary="Satellite images show...", language="en",
                  urls=("https://check.example/dam",), tags=("theme:war",),
                  debunked=date(2023, 6, 9), first_seen=date(2023, 6, 6),
                  publisher="Checkers", claimant="A channel", origin="test")
    result = store.upsert_narratives([full, record("b")])
    assert sorted(result.added) == ["a", "b"] and not result.updated
    assert store.get_narrative("a") == full
    assert store.get_narrative("missing") is None
    assert store.count_narratives() == 2
    assert set(store.get_narratives(["a", "b", "zz"])) == {"a", "b"}


def test_same_id_again_updates_and_an_unchanged_record_keeps_its_revision(store: Store) -> None:
    store.upsert_narratives([record("a"), record("b")])
    before = store.narratives_revision()
    again = store.upsert_narratives([record("a"), record("b", rating="False")])
    assert again.unchanged == ["a"] and again.updated == ["b"] and not again.added
    assert store.count_narratives() == 2
    assert store.get_narrative("b").rating == "False"  # type: ignore[union-attr]
    after = store.narratives_revision()
    assert after == before + 1
    changed = [rid for _, rec in store.iter_narratives(after_revision=before)
               for rid in [rec.id]]
    assert changed == ["b"]


def test_last_of_two_equal_ids_in_one_call_wins(store: Store) -> None:
    result = store.upsert_narratives([record("a", rating="one"), record("a", rating="two")])
    assert result.added == ["a"]
    assert store.get_narrative("a").rating == "two"  # type: ignore[union-attr]


def test_listing_filters_by_origin_and_pages(store: Store) -> None:
    records = [record(f"r{i:02d}", origin="csv:posts.csv" if i % 2 else "starter")
               for i in range(10)]
    store.upsert_narratives(records)
    assert [r.id for r in store.list_narratives(limit=3)] == ["r00", "r01", "r02"]
    assert [r.id for r in store.list_narratives(limit=2, offset=8)] == ["r08", "r09"]
    assert len(store.list_narratives(origin="starter")) == 5
    assert len(store.list_narratives(origin="csv:*")) == 5
    assert store.list_narratives(origin="claimreview") == []


def test_iteration_goes_in_batches_in_revision_order(store: Store) -> None:
    store.upsert_narratives([record(f"r{i}") for i in range(7)])
    seen = list(store.iter_narratives(batch_size=3))
    assert [rev for rev, _ in seen] == sorted(rev for rev, _ in seen)
    assert len({rec.id for _, rec in seen}) == 7


def test_unicode_and_long_text_survive(store: Store) -> None:
    text = " ".join(["Киев «сдал» позиции — 😀"] * 200)
    store.upsert_narratives([record("u", claim=text, summary=text)])
    assert store.get_narrative("u") == replace(record("u", claim=text, summary=text))


def test_catalogue_persists_across_reopen(store_url: str) -> None:
    with open_store(store_url) as first:
        first.upsert_narratives([record("kept")])
    with open_store(store_url) as second:
        assert second.get_narrative("kept") is not None
