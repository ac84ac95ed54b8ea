"""A watch cycle adds to the story index only while it holds the folder's writer lock: with
another writer holding it, the cycle fails past the wait with the folder named, the new
articles stay stored, and the next cycle that stores one adds them all."""

from __future__ import annotations

from pathlib import Path

import pytest

from launderlens.rewrites import index_store
from launderlens.store import Store
from launderlens.watch import WatchOptions, run_cycle

from ..test_index_store_lock import _child, _hold
from .test_watch_cycle import COPY, ORIGIN, Site, _feed, _poller, site, store

pytestmark = pytest.mark.network
__all__ = ["site", "store"]  # the fixtures this module uses


def test_a_cycle_waits_for_another_writer_and_the_next_one_adds_its_articles(
        site: str, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "story-index"
    options = WatchOptions((f"{site}/feed.xml",), semantic=False, index_dir=folder,
                           analyze=False)
    Site.feed = _feed([("origin", *ORIGIN), ("copy", *COPY)])
    monkeypatch.setattr(index_store, "LOCK_WAIT", 0.3)
    process, _, release = _child(_hold, str(folder))
    try:
        with pytest.raises(index_store.IndexBusyError, match=str(folder.resolve())):
            run_cycle(store, options, poller=_poller(store))
    finally:
        release.set()
        process.join(30)
    assert len(store.article_ids()) == 2 and not index_store.index_exists(folder)
    # the next cycle that stores an article clusters them all
    Site.feed = _feed([("origin", *ORIGIN), ("copy", *COPY), ("again", "Again", COPY[1])])
    after = run_cycle(store, options, poller=_poller(store))
    assert after.clustering and after.clustering.startswith("full")
    assert index_store.index_exists(folder)
    assert store.get_story(store.article_ids()[0]) is not None
