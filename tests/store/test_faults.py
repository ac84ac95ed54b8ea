"""Both backends under faults: an ingest killed with SIGKILL midway keeps exactly the
batches it committed and a re-run completes it; two processes ingesting overlapping inputs
at once store every article once. Real processes, real signals, each store backend."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from launderlens.ingest import ingest
from launderlens.store import open_store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

#: A child that ingests a folder in batches of BATCH, says when it has read STOP_AT
#: sources, and then waits to be killed (the batch in hand is read but not committed).
CHILD = """
import sys, time
from launderlens.ingest import ingest
from launderlens.store import open_store

url, folder, batch, stop_at = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

def progress(event):
    if event.sources_done == stop_at:
        print("ready", flush=True)
        time.sleep(600)

with open_store(url) as store:
    report = ingest([folder], store, batch_size=batch, progress=progress, workers=0)
print(len(report.stored), len(report.duplicates), len(report.rejected), flush=True)
"""

BATCH = 10


def corpus(folder: Path, numbers: range) -> Path:
    folder.mkdir(exist_ok=True)
    for i in numbers:
        (folder / f"{i:04d}.txt").write_text(
            f"Story {i} tells of a bridge opening in town {i}. The mayor spoke at {i} p.m.\n",
            encoding="utf-8")
    return folder


def child(url: str, folder: Path, stop_at: int = -1) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", CHILD, url, str(folder), str(BATCH),
                             str(stop_at)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def assert_whole(url: str) -> int:
    """Every stored article has its sentences and no sentence lacks its article; a SQLite
    file also passes ``quick_check``. (Not ``integrity_check``: SQLite 3.40 reports "NULL
    value in story_members.article_id" on WITHOUT ROWID tables that hold no NULL, a SQLite
    bug reproduced with a three-line table; quick_check and the counts below do not.)"""
    with open_store(url) as store:
        articles = list(store.iter_articles())
        for article in articles:
            sentences = store.sentences(article.id)
            assert [s.index for s in sentences] == [0, 1], article.id
            assert all(article.text[s.start:s.end] == s.text for s in sentences)
    if not url.startswith("postgresql"):
        with sqlite3.connect(url) as db:
            assert db.execute("pragma quick_check").fetchall() == [("ok",)]
            orphans = db.execute("select count(*) from sentences where article_id not in "
                                 "(select id from articles)").fetchone()
            assert orphans == (0,)
    return len(articles)


@pytest.mark.slow
def test_an_ingest_killed_midway_keeps_its_batches_and_a_rerun_completes_it(
        store_url: str, tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in", range(60))
    killed = child(store_url, folder, stop_at=35)
    try:
        assert killed.stdout is not None and killed.stdout.readline().strip() == "ready"
        killed.send_signal(signal.SIGKILL)
    finally:
        killed.wait(timeout=60)
    assert killed.returncode == -signal.SIGKILL
    # Three whole batches committed; the five articles of the fourth were in hand only.
    assert assert_whole(store_url) == 30
    with open_store(store_url) as store:
        report = ingest([folder], store, batch_size=BATCH, workers=0)
    assert (len(report.stored), len(report.duplicates), report.rejected) == (30, 30, [])
    assert assert_whole(store_url) == 60


@pytest.mark.slow
def test_concurrent_writers_store_every_article_once(store_url: str, tmp_path: Path) -> None:
    with open_store(store_url):
        pass  # migrate first, as a deployed database is before its writers start
    first = corpus(tmp_path / "first", range(0, 80))
    second = corpus(tmp_path / "second", range(40, 120))  # 40 articles in both
    writers = [child(store_url, first), child(store_url, second)]
    outputs = [w.communicate(timeout=120)[0] for w in writers]
    assert [w.returncode for w in writers] == [0, 0], outputs
    counts = [tuple(map(int, out.split())) for out in outputs]
    assert all(rejected == 0 for _, _, rejected in counts)
    # Each article was stored by exactly one writer and found already there by the other.
    assert sum(stored for stored, _, _ in counts) == 120
    assert sum(stored + dup for stored, dup, _ in counts) == 160
    assert assert_whole(store_url) == 120
