"""One writer at a time per story index folder: a second process waits for the writer lock,
gives up past its wait with an error naming the folder, and gets the lock as soon as the
holder lets go of it or is killed; load, add and save under the lock never lose one
writer's articles; a load that meets a concurrent save reads the new manifest."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

import pytest

from launderlens.errors import StoreError
from launderlens.model import Article
from launderlens.rewrites import index_store
from launderlens.rewrites.cluster import StoryIndex
from launderlens.rewrites.index_store import (
    IndexBusyError,
    holds,
    load_index,
    save_index,
    writing,
)
from launderlens.store import index_lock

from .test_cluster_incremental import _corpus, _partition

# fork: the children run this module's functions without importing it again
_context = multiprocessing.get_context("fork")


def _hold(folder: str, taken: Event, release: Event) -> None:
    with writing(folder):
        taken.set()
        release.wait(30)


def _child(target: Callable[..., None], *args: Any) -> tuple[Any, Event, Event]:
    taken, release = _context.Event(), _context.Event()
    process = _context.Process(target=target, args=(*args, taken, release))
    process.start()
    assert taken.wait(30), "the child never took the lock"
    return process, taken, release


def test_a_second_writer_waits_then_names_the_folder_and_the_holder(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    process, _, release = _child(_hold, str(folder))
    try:
        started = time.monotonic()
        with pytest.raises(IndexBusyError) as raised, writing(folder, wait=0.4):
            pass
        assert time.monotonic() - started >= 0.4
        assert str(folder.resolve()) in str(raised.value)
        assert f"process {process.pid}" in str(raised.value)
    finally:
        release.set()
        process.join(30)
    with writing(folder, wait=5):  # let go: the next writer takes it
        pass


def test_a_writer_waiting_gets_the_lock_once_the_holder_lets_go(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    process, _, release = _child(_hold, str(folder))
    try:
        _context.Process(target=_set_later, args=(release, 0.3)).start()
        started = time.monotonic()
        with writing(folder, wait=20):
            assert time.monotonic() - started >= 0.2
    finally:
        release.set()
        process.join(30)


def _set_later(event: Event, seconds: float) -> None:
    time.sleep(seconds)
    event.set()


def test_a_writer_killed_while_holding_the_lock_leaves_it_free(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    process, _, _ = _child(_hold, str(folder))
    assert process.pid is not None
    os.kill(process.pid, signal.SIGKILL)
    process.join(30)
    assert process.exitcode == -signal.SIGKILL
    started = time.monotonic()
    with writing(folder, wait=5):  # the kernel let go of the dead process's lock
        assert time.monotonic() - started < 2


def test_save_index_waits_for_the_lock_and_leaves_the_folder_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "index"
    articles = _corpus(3, 4, 30)
    save_index(StoryIndex(backends=["lexical"], threshold=0.2).fit(articles[:20]), folder)
    before = _files(folder)
    other = StoryIndex(backends=["lexical"], threshold=0.2).fit(articles)
    process, _, release = _child(_hold, str(folder))
    monkeypatch.setattr(index_lock, "LOCK_WAIT", 0.3)
    try:
        with pytest.raises(IndexBusyError):
            save_index(other, folder)
    finally:
        release.set()
        process.join(30)
    assert _files(folder) == before
    assert len(load_index(folder).ids_) == 20


def _files(folder: Path) -> dict[str, int]:
    """The index's files and their modification times (the lock file names its holder)."""
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()
            if p.name != index_store.LOCK_FILE}


def _add_under_lock(folder: str, articles: list[Article], taken: Event, release: Event) -> None:
    taken.set()
    release.wait(30)  # both writers start together
    for start in range(0, len(articles), 5):
        with writing(folder, wait=60):
            index = load_index(folder)
            index.add(articles[start:start + 5])
            save_index(index, folder)


def test_two_processes_adding_under_the_lock_lose_no_article(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    articles = _corpus(7, 5, 80)
    save_index(StoryIndex(backends=["lexical"], threshold=0.2).fit(articles[:20]), folder)
    ours, theirs = articles[20:50], articles[50:80]
    children = [_child(_add_under_lock, str(folder), part) for part in (ours, theirs)]
    for _, _, release in children:
        release.set()
    for process, _, _ in children:
        process.join(120)
        assert process.exitcode == 0
    loaded = load_index(folder)
    assert sorted(loaded.ids_) == sorted(a.id for a in articles)
    # whatever order the batches came in, the stories are those of one fit of every row
    again = StoryIndex(backends=["lexical"], threshold=0.2).fit(articles[:20])
    order = {ident: row for row, ident in enumerate(loaded.ids_)}
    again.add(sorted(articles[20:], key=lambda a: order[a.id]))
    assert _partition(loaded) == _partition(again)


def test_holds_tells_whether_another_index_saved_there_since(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    articles = _corpus(5, 4, 40)
    first = StoryIndex(backends=["lexical"], threshold=0.2).fit(articles[:20])
    assert not holds(folder, first)
    save_index(first, folder)
    assert holds(folder, first)
    loaded = load_index(folder)
    assert holds(folder, loaded)
    loaded.add(articles[20:])
    save_index(loaded, folder)
    assert holds(folder, loaded) and not holds(folder, first)
    assert not holds(tmp_path / "elsewhere", loaded)


def test_a_load_that_meets_a_concurrent_full_save_reads_the_new_manifest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "index"
    articles = _corpus(9, 4, 40)
    save_index(StoryIndex(backends=["lexical"], threshold=0.2).fit(articles[:20]), folder)
    newer = StoryIndex(backends=["lexical"], threshold=0.2).fit(articles)
    read_segment = index_store._read_segment
    calls = []

    def save_meanwhile(source: Path, entry: dict[str, Any]) -> Any:
        if not calls:  # a writer replaces the folder between the manifest and its segment
            save_index(newer, folder, full=True)
        calls.append(entry["file"])
        return read_segment(source, entry)

    monkeypatch.setattr(index_store, "_read_segment", save_meanwhile)
    loaded = load_index(folder)
    assert len(calls) == 2 and calls[0] != calls[1]
    assert sorted(loaded.ids_) == sorted(a.id for a in articles)


def test_a_damaged_folder_nobody_writes_is_still_refused(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    save_index(StoryIndex(backends=["lexical"], threshold=0.2).fit(_corpus(2, 3, 20)), folder)
    segment = next(folder.glob("seg-*.npz"))
    segment.write_bytes(segment.read_bytes()[:-10])
    with pytest.raises(index_store.IndexFileError):
        load_index(folder)


def test_a_link_in_place_of_the_lock_file_is_refused_not_written_through(
        tmp_path: Path) -> None:
    folder, victim = tmp_path / "index", tmp_path / "victim.txt"
    folder.mkdir()
    victim.write_text("keep me")
    (folder / index_store.LOCK_FILE).symlink_to(victim)
    with pytest.raises(StoreError, match="writer lock"), writing(folder, wait=0.1):
        pass
    assert victim.read_text() == "keep me"
