"""The store's bulk save of analyses, which a Spark load uses (many analyses to a
transaction instead of one each, by COPY on PostgreSQL), keeps what one-at-a-time saving
keeps and refuses what it refuses, the others in the batch saved all the same; a row the
database itself refuses (a value too large for it) loses only its own analysis or article,
and a database that cannot be used stops the load: on every store backend."""

from __future__ import annotations

import secrets
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from launderlens.findings import Evidence, Finding
from launderlens.ingest.segment import segment
from launderlens.model import Article
from launderlens.store import Store, StoreUnavailableError, open_store
from launderlens.store.analyses import KEEP_PER_ARTICLE


def _finding(kind: str = "vague_attribution", confidence: float = 0.25) -> Finding:
    return Finding(kind, "medium", confidence, "vague source", 0, 2, 9,  # type: ignore[arg-type]
                   (Evidence("computation", "a detail", None),))


def _articles(store: Store, count: int) -> list[Article]:
    made = [Article.create(f"Officials in Town {n} said on Monday that {n} roads were shut.",
                           title=f"Roads {n}", outlet="Wire",
                           published=datetime(2025, 1, 1 + n, tzinfo=UTC))
            for n in range(count)]
    store.add_articles([(a, segment(a)) for a in made])
    return made


def test_bulk_save_equals_single_saves_and_skips_only_the_bad_ones(store: Store) -> None:
    first, second, third = _articles(store, 3)
    outcome = store.save_analyses([
        (first.id, "k", {"kb": 1}, {"n": 1}, [_finding(), _finding("known_narrative", .9)]),
        ("0" * 16, "k", {}, {"n": 0}, []),                      # not stored
        (second.id, "k", {}, {"x": float("nan")}, []),          # not JSON
        (third.id, "k", {}, {"n": 3}, [_finding(confidence=float("inf"))]),
        (second.id, "k", {}, {"n": 2}, [_finding()]),
        (third.id, "", {}, {"n": 3}, []),                       # no key
    ])
    assert outcome[0] is None and outcome[4] is None
    assert all(why for why in (outcome[1], outcome[2], outcome[3], outcome[5]))
    assert "not stored" in str(outcome[1])
    assert store.count_analyses() == 2
    loaded = store.load_analysis(first.id, "k")
    assert loaded is not None and (loaded.payload, loaded.params) == ({"n": 1}, {"kb": 1})
    assert [f.finding for f in store.find_findings(article_id=first.id)] == [
        _finding(), _finding("known_narrative", .9)]
    # saving again replaces
    assert store.save_analyses([(first.id, "k", {}, {"n": 9}, [])]) == [None]
    again = store.load_analysis(first.id, "k")
    assert again is not None and again.payload == {"n": 9}
    assert store.find_findings(article_id=first.id, params_key="k") == []
    # and keys beyond the limit go in the order saved, as when saved one at a time
    keys = ["k", *(f"k{n}" for n in range(KEEP_PER_ARTICLE))]
    store.save_analyses([(first.id, key, {}, {"n": 9}, []) for key in keys])
    for key in keys:
        store.save_analysis(second.id, key, {}, {"n": 9}, [])

    def kept(article: Article) -> list[str]:
        return [key for key in keys if store.load_analysis(article.id, key) is not None]

    assert kept(first) == kept(second) == keys[1:]
    assert store.count_analyses() == 2 * KEEP_PER_ARTICLE
    assert store.save_analyses([]) == []


def _refuse_rows(store: Store, table: str, column: str, value: str) -> None:
    """Make the database itself refuse a row of ``table`` whose ``column`` is ``value`` (a
    trigger), as it would a row no check before the transaction foresaw."""
    conn: Any = store._conn
    if store.dialect == "sqlite":
        conn.execute(f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} WHEN "
                     f"NEW.{column} = '{value}' BEGIN SELECT RAISE(ABORT, 'refused by the "
                     "test'); END")
        return
    with conn.transaction():
        conn.execute(f"CREATE FUNCTION refuse_{table}() RETURNS trigger LANGUAGE plpgsql AS "
                     f"$$ BEGIN IF NEW.{column} = '{value}' THEN RAISE EXCEPTION 'refused by "
                     "the test'; END IF; RETURN NEW; END $$")
        conn.execute(f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} FOR EACH ROW "
                     f"EXECUTE FUNCTION refuse_{table}()")


def test_a_row_the_database_refuses_loses_only_its_own_analysis(store: Store) -> None:
    articles = _articles(store, 6)
    _refuse_rows(store, "findings", "message", "refuse me")
    bad = Finding("vague_attribution", "medium", .3, "refuse me", 0, 2, 9,
                  (Evidence("computation", "a detail", None),))
    batch = [(a.id, "k", {}, {"n": n}, [bad] if n == 2 else [_finding()])
             for n, a in enumerate(articles)]
    batch.append((articles[0].id, "k", {}, {"n": 9}, [_finding()]))  # replaces the first
    outcome = store.save_analyses(batch)
    assert [why is None for why in outcome] == [True, True, False, True, True, True, True]
    assert "refused by the test" in str(outcome[2])
    assert store.count_analyses() == 5
    assert store.load_analysis(articles[2].id, "k") is None
    first = store.load_analysis(articles[0].id, "k")
    assert first is not None and first.payload == {"n": 9}
    assert len(store.find_findings(params_key="k")) == 5


def test_a_large_batch_equals_saving_one_at_a_time(store: Store) -> None:
    articles = _articles(store, 12)
    keys = [f"k{n}" for n in range(KEEP_PER_ARTICLE + 2)]
    batch = [(a.id, key, {"key": key}, {"n": n, "text": "«quoted»\ttab\\slash"},
              [_finding(confidence=n / 100)] * (n % 3))
             for n, (a, key) in enumerate((a, k) for k in keys for a in articles[:6])]
    assert store.save_analyses(batch) == [None] * len(batch)
    for item in batch:
        article_id, key, params, payload, findings = item
        store.save_analysis(articles[6 + articles.index(
            next(a for a in articles if a.id == article_id))].id, key, params, payload,
            findings)
    for bulk, single in zip(articles[:6], articles[6:], strict=True):
        for key in keys:
            ours, theirs = store.load_analysis(bulk.id, key), store.load_analysis(single.id, key)
            assert (ours is None) == (theirs is None), key
            if ours is not None and theirs is not None:
                assert (ours.payload, ours.params) == (theirs.payload, theirs.params)
        assert [f.finding for f in store.find_findings(article_id=bulk.id)] == \
            [f.finding for f in store.find_findings(article_id=single.id)]
    assert store.count_analyses() == 12 * KEEP_PER_ARTICLE


def test_an_article_the_database_refuses_loses_only_itself_in_a_load(store: Store) -> None:
    from launderlens.spark.job import add_batch

    made = [Article.create(f"Officials in Port {n} said on Friday that {n} ferries stopped.",
                           title="refuse me" if n == 3 else f"Ferries {n}", outlet="Wire")
            for n in range(8)]
    _refuse_rows(store, "articles", "title", "refuse me")
    added, refused = add_batch(store, [(a, segment(a)) for a in [*made, made[0]]])
    assert refused == 1
    assert added.stored == [a.id for n, a in enumerate(made) if n != 3]
    assert added.duplicates == [made[0].id]
    assert sorted(store.article_ids()) == sorted(added.stored)
    assert store.get_article(made[3].id) is None
    # a batch the database takes goes in one transaction, as before
    more = [Article.create(f"Port {n} reopened.", title=f"Reopened {n}") for n in range(3)]
    added, refused = add_batch(store, [(a, segment(a)) for a in more])
    assert (added.stored, refused) == ([a.id for a in more], 0)


def _out_of_reach(store: Store) -> Any:
    """Make the database unusable as a live one can be, the fault of no row: on SQLite
    another writer holds the lock past the store's wait, on PostgreSQL the server ends the
    store's connection (an administrator's shutdown). Returns what to close afterwards."""
    backend: Any = store
    if backend.dialect == "sqlite":
        backend._conn.execute("PRAGMA busy_timeout = 20")
        writer = sqlite3.connect(backend.url, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        return writer
    import psycopg

    admin = psycopg.connect(backend.url, autocommit=True)
    admin.execute("SELECT pg_terminate_backend(%s)", (backend._conn.info.backend_pid,))
    return admin


def test_a_database_that_cannot_be_used_stops_the_load_instead_of_refusing_each_row(
        store_url: str) -> None:
    from launderlens.spark.job import add_batch

    with open_store(store_url) as store:
        articles = _articles(store, 3)
        with closing(_out_of_reach(store)), pytest.raises(StoreUnavailableError):
            store.save_analyses([(a.id, "k", {}, {"n": 1}, [_finding()]) for a in articles])
    with open_store(store_url) as store:
        assert store.count_analyses() == 0
        more = [Article.create(f"Port {n} reopened.", title=f"Reopened {n}") for n in range(3)]
        with closing(_out_of_reach(store)), pytest.raises(StoreUnavailableError):
            add_batch(store, [(a, segment(a)) for a in more])
    with open_store(store_url) as store:
        assert not {a.id for a in more} & set(store.article_ids())


def _with_small_limits(store: Store) -> None:
    """Give a SQLite store PostgreSQL's limit on an indexed value (a btree row holds about
    2.7 KB there) as a limit on any value, so that one hostile value is refused on both."""
    backend: Any = store
    if backend.dialect == "sqlite":
        backend._conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 4000)


def test_a_value_too_large_for_the_database_loses_only_its_own_row(store: Store) -> None:
    from launderlens.spark.job import add_batch

    # Random hex does not compress: 8,000 characters are past PostgreSQL's index limit.
    hostile_name = secrets.token_hex(4000)
    made = [Article.create(f"Officials in Bay {n} said on Sunday that {n} piers closed.",
                           title=f"Piers {n}", outlet=hostile_name if n == 2 else "Wire")
            for n in range(5)]
    _with_small_limits(store)
    _, refused = add_batch(store, [(a, segment(a)) for a in made])
    assert refused == 1
    assert sorted(store.article_ids()) == sorted(a.id for n, a in enumerate(made) if n != 2)
    kept = [a for n, a in enumerate(made) if n != 2]
    outcome = store.save_analyses([(a.id, hostile_name if n == 1 else "k", {}, {"n": n},
                                    [_finding()]) for n, a in enumerate(kept)])
    assert [why is None for why in outcome] == [True, False, True, True]
    assert store.count_analyses() == 3
    assert store.load_analysis(kept[1].id, "k") is None


def test_a_batch_past_sqlite_s_variable_limit_goes_in_one_row_at_a_time(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "small.db")) as store:
        articles = _articles(store, 30)
        # Builds before SQLite 3.32 allow 999 variables to a statement; this one 20.
        backend: Any = store
        backend._conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 20)
        outcome = store.save_analyses([(a.id, "k", {}, {"n": 1}, []) for a in articles])
        assert outcome == [None] * 30
        assert store.count_analyses() == 30
