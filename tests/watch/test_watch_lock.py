"""A watch cycle adds to the story index only while it holds the folder's writer lock: with
another writer holding it, the cycle fails past the wait with the folder named, the new
articles stay stored, and the next cycle that stores one adds them all; so does
``cluster --incremental``, with the folder and the holder in its message."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from launderlens.rewrites import index_store
from launderlens.store import Store, index_lock
from launderlens.watch import WatchOptions, run_cycle

from ..test_index_store_lock import _child, _hold
from .test_watch_cycle import COPY, ORIGIN, Site, _feed, _poller, site, store

__all__ = ["site", "store"]  # the fixtures this module uses


@pytest.mark.network
def test_a_cycle_waits_for_another_writer_and_the_next_one_adds_its_articles(
        site: str, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "story-index"
    options = WatchOptions((f"{site}/feed.xml",), semantic=False, index_dir=folder,
                           analyze=False)
    Site.feed = _feed([("origin", *ORIGIN), ("copy", *COPY)])
    monkeypatch.setattr(index_lock, "LOCK_WAIT", 0.3)
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


def _stored_db(tmp_path: Path) -> str:
    from launderlens.ingest import ingest
    from launderlens.ingest.readers import Source
    from launderlens.store import open_store

    db = str(tmp_path / "cli.db")
    with open_store(db) as opened:
        ingest([Source.from_bytes("a.txt", f"{ORIGIN[0]}\n\n{ORIGIN[1]}".encode())], opened,
               workers=0)
    return db


def test_cluster_incremental_stops_with_the_folder_named_while_another_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from .test_watch_cli import run

    db = _stored_db(tmp_path)
    folder = Path(db + ".story-index")
    monkeypatch.setattr(index_lock, "LOCK_WAIT", 0.3)
    process, _, release = _child(_hold, str(folder))
    try:
        busy = run("cluster", "--incremental", "--no-semantic", "--db", db)
    finally:
        release.set()
        process.join(30)
    assert busy.exit_code == 1
    assert str(folder.resolve()) in busy.output and f"process {process.pid}" in busy.output
    assert not index_store.index_exists(folder)
    done = run("cluster", "--incremental", "--no-semantic", "--db", db)
    assert done.exit_code == 0, done.output
    assert index_store.index_exists(folder)


def test_cluster_incremental_gives_up_after_the_lock_wait_it_is_given(tmp_path: Path) -> None:
    from .test_watch_cli import run

    db = _stored_db(tmp_path)
    folder = Path(db + ".story-index")
    process, _, release = _child(_hold, str(folder))
    try:
        started = time.monotonic()
        busy = run("cluster", "--incremental", "--no-semantic", "--lock-wait", "0.5",
                   "--db", db)
        waited = time.monotonic() - started
    finally:
        release.set()
        process.join(30)
    assert busy.exit_code == 1
    assert str(folder.resolve()) in busy.output and f"process {process.pid}" in busy.output
    # It waited what it was told, not the default two minutes.
    assert 0.5 <= waited < index_lock.LOCK_WAIT / 2
    assert not index_store.index_exists(folder)
    done = run("cluster", "--incremental", "--no-semantic", "--lock-wait", "0", "--db", db)
    assert done.exit_code == 0, done.output
    assert index_store.index_exists(folder)


def test_lock_wait_goes_with_incremental_and_is_not_negative(tmp_path: Path) -> None:
    from .test_watch_cli import run

    db = str(tmp_path / "cli.db")
    alone = run("cluster", "--lock-wait", "5", "--db", db)
    assert alone.exit_code == 2 and "--lock-wait goes with --incremental" in alone.output
    negative = run("cluster", "--incremental", "--lock-wait", "-1", "--db", db)
    assert negative.exit_code == 2 and "--lock-wait" in negative.output
    watched = run("watch", "https://a.example/feed", "--once", "--lock-wait", "-1", "--db", db)
    assert watched.exit_code == 2 and "--lock-wait" in watched.output


@pytest.mark.network
def test_watch_lock_wait_bounds_the_wait_of_a_cycle(site: str, tmp_path: Path) -> None:
    from .test_watch_cli import run

    db = str(tmp_path / "cli.db")
    folder = tmp_path / "story-index"
    Site.feed = _feed([("origin", *ORIGIN), ("copy", *COPY)])
    process, _, release = _child(_hold, str(folder))
    try:
        started = time.monotonic()
        result = run("watch", f"{site}/feed.xml", "--once", "--allow-private", "--delay", "0",
                     "--no-analyze", "--no-semantic", "--index", str(folder),
                     "--lock-wait", "0.5", "--db", db)
        waited = time.monotonic() - started
    finally:
        release.set()
        process.join(30)
    assert result.exit_code == 1
    assert str(folder.resolve()) in result.output
    assert 0.5 <= waited < index_lock.LOCK_WAIT / 2
