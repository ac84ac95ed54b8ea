"""One behaviour for every store backend: each test below runs on SQLite and PostgreSQL.

The ``store`` and ``store_url`` fixtures (tests/conftest.py) give a fresh database of
each backend. A few backend specifics (URL forms, connection settings, errors raised
before a server is involved) are at the end.
"""

from __future__ import annotations

import re
import sqlite3
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from launderlens.errors import ConfigError, SchemaError, StoreError
from launderlens.model import Article, Rejection, Sentence
from launderlens.store import Store, open_store
from launderlens.store.migrations import Migration, load_migrations, split_statements
from launderlens.store.sql import SQLStore
from launderlens.store.sqlite import SQLiteStore, sqlite_path

KYIV_SUMMER = timezone(timedelta(hours=3))


def article(text: str, **fields: Any) -> Article:
    fields.setdefault("outlet", "Daily Example")
    fields.setdefault("url", "https://www.daily-example.test/story")
    return Article.create(text, **fields)


def split(item: Article) -> list[Sentence]:
    found = re.finditer(r"[^.!?\s][^.!?]*[.!?]", item.text)
    return [Sentence(item.id, i, m.start(), m.end(), m.group()) for i, m in enumerate(found)]


def entry(item: Article) -> tuple[Article, list[Sentence]]:
    return item, split(item)


def numbered(count: int) -> list[Article]:
    return [article(f"Story number {i} broke. Copies followed.", title=f"T{i}")
            for i in range(count)]


def day(n: int, hour: int = 0) -> datetime:
    return datetime(2025, 1, n, hour, tzinfo=UTC)


def ids(articles: list[Article]) -> list[str]:
    return [a.id for a in articles]


def internals(store: Store) -> SQLStore[Any]:
    """The SQL backend behind ``store``, for the tests that reach past the protocol."""
    assert isinstance(store, SQLStore)
    return store


# -- schema and migrations ----------------------------------------------------------------

def test_a_new_database_is_migrated_to_the_latest_version(store: Store) -> None:
    assert store.schema_version == len(internals(store).migrations()) >= 1
    assert store.count_articles() == 0
    assert isinstance(store, Store)


def test_a_newer_schema_is_refused(store_url: str) -> None:
    with open_store(store_url) as store, internals(store)._transaction() as cur:
        cur.execute("INSERT INTO schema_version (version, name, applied_at)"
                    " VALUES (99, 'from-the-future', 'later')")
    with pytest.raises(SchemaError, match=r"99.*upgrade launderlens"):
        open_store(store_url)


def _with_extra_migration(monkeypatch: pytest.MonkeyPatch, store: Store,
                          *statements: str) -> type[SQLStore[Any]]:
    cls = type(internals(store))
    known = cls.migrations()
    extra = Migration(len(known) + 1, "probe", statements)
    monkeypatch.setattr(cls, "migrations", classmethod(lambda c: (*known, extra)))
    return cls


def test_a_pending_migration_is_applied_on_open(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = article("Data before the upgrade. It stays.")
    with open_store(store_url) as store:
        store.add_articles([entry(kept)])
    cls = _with_extra_migration(monkeypatch, store, "CREATE TABLE probe (x INTEGER)")
    with open_store(store_url) as upgraded:
        assert upgraded.schema_version == len(cls.migrations())
        assert internals(upgraded)._table_exists("probe")
        assert upgraded.get_article(kept.id) == kept


def test_a_failed_migration_leaves_the_database_as_it_was(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(store_url) as store:
        version = store.schema_version
    _with_extra_migration(monkeypatch, store, "CREATE TABLE probe (x INTEGER)",
                          "INSERT INTO no_such_table VALUES (1)")
    with pytest.raises(StoreError):
        open_store(store_url)
    monkeypatch.undo()
    with open_store(store_url) as reopened:
        assert reopened.schema_version == version
        assert not internals(reopened)._table_exists("probe")


# -- adding ---------------------------------------------------------------------------------

def test_the_same_article_twice_is_one_row(store: Store) -> None:
    item = article("A story. Told once.")
    assert store.add_articles([entry(item)]).stored == [item.id]
    again = store.add_articles([entry(item)])
    assert (again.stored, again.duplicates) == ([], [item.id])
    assert store.count_articles() == 1
    assert len(store.sentences(item.id)) == 2


def test_duplicates_within_one_call_are_reported_in_input_order(store: Store) -> None:
    first, second = numbered(2)
    store.add_articles([entry(second)])
    result = store.add_articles([entry(first), entry(second), entry(first)])
    assert result.stored == [first.id]
    assert result.duplicates == [second.id, first.id]
    assert store.count_articles() == 2
    assert store.sentences(first.id) == split(first)


def test_every_field_round_trips(store: Store) -> None:
    full = Article.create(
        "Body of the story. More of it.", title="A title", url="https://www.example.test/x",
        outlet="Example Outlet", section="World", byline="A. Writer", language="en",
        published=datetime(2025, 3, 4, 5, 6, 7, 891011, tzinfo=timezone(timedelta(hours=5.5))),
        source_format="html",
        meta={"feed": "https://example.test/rss", "tags": ["a", "b"], "city": "Київ",
              "nested": {"n": 1, "f": 2.5, "yes": True, "none": None}},
    )
    bare = Article(id="00000000deadbeef", text="Only text, every other field unknown.",
                   meta=MappingProxyType({}))
    store.add_articles([entry(full), (bare, [])])
    loaded = store.get_article(full.id)
    assert loaded == full
    # The instant and the offset it was written with both come back.
    assert loaded is not None and loaded.published is not None
    assert loaded.published.utcoffset() == timedelta(hours=5, minutes=30)
    assert store.get_article(bare.id) == bare
    assert store.get_article("ffffffffffffffff") is None


def test_sentences_round_trip_as_spans_of_the_text(store: Store) -> None:
    item = article("First one. Second one! A third?")
    store.add_articles([entry(item)])
    assert store.sentences(item.id) == split(item)
    assert store.sentences("0000000000000000") == []


@pytest.mark.parametrize("change", [
    {"text": "Not what the article says."},
    {"article_id": "0000000000000000"},
    {"start": 0, "end": 10_000},
])
def test_sentences_that_are_not_spans_are_refused(store: Store, change: dict[str, Any]) -> None:
    item = article("First one. Second one.")
    sentences = split(item)
    with pytest.raises(ConfigError, match="sentence 0"):
        store.add_articles([(item, [replace(sentences[0], **change), sentences[1]])])
    assert store.count_articles() == 0


def test_an_article_no_backend_can_keep_is_rejected_and_the_rest_stored(store: Store) -> None:
    good = article("A fine story. Nothing odd.")
    with_nul = article("Hidden\x00byte. In the text.")
    odd_meta = article("Odd meta. Not JSON.", meta={"when": datetime(2025, 1, 1)})
    surrogate = article("A broken title. From JSON.", meta={"title": ["\ud800"]})
    result = store.add_articles([entry(a) for a in (with_nul, good, odd_meta, surrogate)])
    assert result.stored == [good.id]
    assert [r.reason for r in result.rejected] == [
        "cannot be stored: it contains a NUL character",
        "cannot be stored: its meta is not JSON "
        "(Object of type datetime is not JSON serializable)",
        "cannot be stored: it contains a lone surrogate, which is not valid Unicode",
    ]
    assert store.count_articles() == 1
    assert sorted(r.reason for r in store.rejections()) == sorted(r.reason for r in result.rejected)


def test_a_failed_call_keeps_earlier_calls_and_nothing_of_itself(store_url: str) -> None:
    earlier = numbered(3)
    good = article("A fresh story. Two sentences.")
    broken = article("A broken story. Indexed twice.")
    first, second = split(broken)
    with open_store(store_url) as store:
        store.add_articles([entry(a) for a in earlier])
        with pytest.raises(StoreError):  # two sentences with index 0: a key violation
            store.add_articles([entry(good), (broken, [first, replace(second, index=0)])])
        assert store.count_articles() == 3
        assert store.get_article(good.id) is None
        assert store.add_articles([entry(good)]).stored == [good.id]  # still usable
    with open_store(store_url) as reopened:
        assert reopened.count_articles() == 4


def test_an_interrupted_call_leaves_nothing_half_written(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_articles([entry(a) for a in numbered(2)])

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(type(internals(store)), "_insert_rows", interrupt)
    with pytest.raises(KeyboardInterrupt):
        store.add_articles([entry(article("Never stored. Interrupted."))])
    monkeypatch.undo()
    assert store.count_articles() == 2


def test_a_reopened_store_sees_committed_data(store_url: str) -> None:
    item = article("Written, then closed. Read again.", published=day(3, 12))
    with open_store(store_url) as store:
        store.add_articles([entry(item)])
    with open_store(store_url) as reopened:
        assert reopened.get_article(item.id) == item
        assert reopened.sentences(item.id) == split(item)


def test_a_closed_store_refuses_work(store_url: str) -> None:
    store = open_store(store_url)
    store.close()
    with pytest.raises(StoreError):
        store.count_articles()


# -- reading --------------------------------------------------------------------------------

def test_newest_first_compares_instants_not_local_clocks(store: Store) -> None:
    earlier = article("Earlier. By the clock it looks later.",
                      published=datetime(2025, 1, 1, 8, tzinfo=KYIV_SUMMER))  # 05:00 UTC
    later = article("Later. At six UTC.", published=day(1, 6))
    undated = article("Undated. Goes last.")
    store.add_articles([entry(a) for a in (undated, earlier, later)])
    assert ids(store.list_articles()) == [later.id, earlier.id, undated.id]


def test_list_filters_by_outlet_time_and_page(store: Store) -> None:
    one = article("One. Story.", url="https://www.daily-example.test/1", published=day(1))
    two = article("Two. Story.", outlet="Other", url="https://other.test/2", published=day(2))
    three = article("Three. Story.", url="https://www.daily-example.test/3", published=day(3))
    undated = article("Four. Story.", url=None)
    store.add_articles([entry(a) for a in (one, two, three, undated)])

    assert ids(store.list_articles(outlet="DAILY example")) == [three.id, one.id, undated.id]
    assert ids(store.list_articles(outlet="WWW.Daily-Example.test")) == [three.id, one.id]
    assert ids(store.list_articles(since=day(2))) == [three.id, two.id]
    assert ids(store.list_articles(until=day(3))) == [two.id, one.id]
    assert ids(store.list_articles(since=datetime(2025, 1, 2), until=day(3))) == [two.id]
    assert ids(store.list_articles(limit=2)) == [three.id, two.id]
    assert ids(store.list_articles(limit=2, offset=2)) == [one.id, undated.id]
    assert ids(store.list_articles(offset=3)) == [undated.id]
    assert store.list_articles(limit=0) == []
    with pytest.raises(ConfigError, match="0 or more"):
        store.list_articles(limit=-1)


def _two_sharing_a_prefix() -> tuple[Article, Article]:
    seen: dict[str, Article] = {}
    for i in range(1_000_000):
        probe = article(f"Probe {i}. Text.")
        if probe.id[:4] in seen:
            return seen[probe.id[:4]], probe
        seen[probe.id[:4]] = probe
    raise AssertionError("no two ids share a prefix")


def test_resolve_id_by_unique_prefix(store: Store) -> None:
    first, second = _two_sharing_a_prefix()
    other = article("Unrelated. Story.")
    store.add_articles([entry(a) for a in (first, second, other)])
    assert store.resolve_id(other.id[:6]) == other.id
    assert store.resolve_id(other.id[:6].upper()) == other.id
    assert store.resolve_id(first.id) == first.id
    with pytest.raises(ConfigError, match="several"):
        store.resolve_id(first.id[:4])
    with pytest.raises(ConfigError, match="at least 4"):
        store.resolve_id(other.id[:3])
    unused = next(p for p in (f"{n:04x}" for n in range(1 << 16))
                  if not any(a.id.startswith(p) for a in (first, second, other)))
    for missing in (unused, "zzzz", "12%4"):
        with pytest.raises(KeyError):
            store.resolve_id(missing)


def test_iter_articles_streams_every_article_in_id_order(store: Store) -> None:
    items = numbered(7)
    store.add_articles([entry(a) for a in items])
    assert list(store.iter_articles(batch_size=2)) == sorted(items, key=lambda a: a.id)
    with pytest.raises(ConfigError):
        list(store.iter_articles(batch_size=0))


def test_rejections_are_kept_newest_first(store: Store) -> None:
    old = Rejection("feed.xml#3", "no article text", day(1))
    new = Rejection("page\ud800.html", "binary data\x00",
                    datetime(2025, 1, 2, 3, tzinfo=KYIV_SUMMER))
    store.add_rejections([old, new])
    store.add_rejections([])
    kept = store.rejections()
    assert [r.item for r in kept] == ["page?.html", "feed.xml#3"]
    assert kept[1] == old
    assert kept[0].reason == "binary data\ufffd"  # what PostgreSQL refuses must not lose it
    assert kept[0].at == new.at and kept[0].at.tzinfo == UTC
    assert store.rejections(limit=1) == kept[:1]


# -- backend specifics ----------------------------------------------------------------------

@pytest.mark.parametrize(("url", "path"), [
    ("sqlite:///data/x.db", "data/x.db"),
    ("sqlite:////srv/x.db", "/srv/x.db"),
    ("sqlite://", ":memory:"),
    ("sqlite:///:memory:", ":memory:"),
    (":memory:", ":memory:"),
    ("/srv/x.db", "/srv/x.db"),
])
def test_sqlite_url_forms(url: str, path: str) -> None:
    assert sqlite_path(url) == path


def test_sqlite_file_settings(tmp_path: Path) -> None:
    with SQLiteStore(str(tmp_path / "new" / "x.db")) as store:
        pragma = {name: store._db.execute(f"PRAGMA {name}").fetchone()[0]
                  for name in ("journal_mode", "foreign_keys", "busy_timeout")}
        assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 30_000}
        store.add_articles([entry(article("Stamped. In UTC.", published=day(1, 8)))])
        # Fixed-width UTC text, so that comparing strings compares instants.
        assert store._db.execute("SELECT published FROM articles").fetchone()[0] == (
            "2025-01-01T08:00:00.000000Z")


def test_sqlite_in_memory() -> None:
    with open_store(":memory:") as store:
        store.add_articles([entry(article("Kept in memory. Gone later."))])
        assert store.count_articles() == 1


def test_sqlite_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"these are not the pages of a database" * 200)
    with pytest.raises(StoreError, match=re.escape(str(junk))):
        open_store(str(junk))
    with pytest.raises(sqlite3.DatabaseError):  # and the file was not touched
        sqlite3.connect(junk).execute("SELECT 1 FROM sqlite_master").fetchall()


def test_unknown_scheme_lists_what_is_allowed() -> None:
    with pytest.raises(ConfigError, match=r"sqlite:///PATH.*postgresql://"):
        open_store("mysql://host/db")


def test_every_dialect_has_the_same_migrations() -> None:
    def steps(dialect: str) -> list[tuple[int, str]]:
        return [(m.version, m.name) for m in load_migrations(dialect)]

    assert steps("sqlite") == steps("postgres") != []


def test_split_statements_cuts_at_semicolons_that_end_a_line() -> None:
    script = "-- a comment;\nCREATE TABLE a (x TEXT DEFAULT ';');\n\nCREATE INDEX b ON a (x) ;\n"
    assert split_statements(script) == (
        "CREATE TABLE a (x TEXT DEFAULT ';')", "CREATE INDEX b ON a (x)"
    )


def test_postgres_url_never_shows_the_password() -> None:
    postgres = pytest.importorskip("launderlens.store.postgres")
    assert postgres.mask_password("postgresql://ann:pw%40x@db.test:5433/news?sslmode=require") \
        == "postgresql://ann:***@db.test:5433/news?sslmode=require"
    assert postgres.mask_password("postgresql://db.test/news?user=ann&password=pw") \
        == "postgresql://db.test/news?user=ann&password=***"
    assert postgres.mask_password("postgresql://ann@db.test/news") == "postgresql://ann@db.test/news"


def test_an_unreachable_server_is_named_without_the_password() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError) as raised:
        open_store("postgresql://ann:s3cret-pw@127.0.0.1:9/newsroom?connect_timeout=3")
    assert "127.0.0.1:9/newsroom" in str(raised.value)
    assert "s3cret-pw" not in str(raised.value)


def test_missing_psycopg_gives_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.delitem(sys.modules, "launderlens.store.postgres", raising=False)
    with pytest.raises(StoreError, match=re.escape("pip install 'launderlens[postgres]'")):
        open_store("postgresql://ann@db.test/news")


# -- sentence embeddings and stories ------------------------------------------------------

def test_embeddings_are_cached_per_model_and_never_overwritten(store: Store) -> None:
    store.put_embeddings("mini", [("k1", b"\x00\x01"), ("k2", b"\x02\x03")])
    store.put_embeddings("mini", [("k1", b"\xff\xff"), ("k3", b"\x04")])  # k1 kept as it was
    store.put_embeddings("other", [("k1", b"\x09")])
    assert store.get_embeddings("mini", ["k1", "k2", "k3", "k4", "k1"]) == {
        "k1": b"\x00\x01", "k2": b"\x02\x03", "k3": b"\x04"}
    assert store.get_embeddings("other", ["k1", "k2"]) == {"k1": b"\x09"}
    assert store.get_embeddings("mini", []) == {}


def test_many_embedding_keys_are_read_in_one_call(store: Store) -> None:
    items = [(f"key{i:05d}", i.to_bytes(4, "little")) for i in range(1234)]
    store.put_embeddings("mini", items)
    found = store.get_embeddings("mini", [key for key, _ in items])
    assert found == dict(items)


def _story(members: tuple[str, ...], origin: str, when: datetime | None) -> Any:
    from launderlens.model import Story

    return Story(id=f"{abs(hash(members)):016x}"[:16], members=members, origin=origin,
                 origin_reason="earliest" if len(members) > 1 else "only",
                 origin_evidence="published first", first_published=when, last_published=when,
                 similarity=tuple(0.5 for _ in members), key_terms=("Harbour", "ferry"))


def test_stories_are_replaced_whole_and_read_back_equal(store: Store) -> None:
    first = [_story(("aaaa1111", "bbbb2222", "cccc3333"), "aaaa1111", day(3, 8)),
             _story(("dddd4444",), "dddd4444", None)]
    store.replace_stories(first, {"threshold": 0.2})
    assert store.count_stories() == 2
    assert store.list_stories() == first
    assert store.list_stories(min_size=2) == first[:1]
    assert store.get_story(first[0].id) == first[0]
    assert store.get_story(first[0].id[:6]) == first[0]
    assert store.get_story("bbbb2222") == first[0]  # by a member article
    assert store.get_story("eeee5555") is None
    second = [_story(("dddd4444", "eeee5555"), "dddd4444", day(4))]
    store.replace_stories(second, {"threshold": 0.3})
    assert store.list_stories() == second
    assert store.get_story("aaaa1111") is None


# -- background jobs (migration 4) ----------------------------------------------------------

def test_a_job_keeps_its_state_result_and_times_across_a_reopen(store_url: str) -> None:
    with open_store(store_url) as store:
        queued = store.add_job("job-1", "analyze a long text")
        assert (queued.state, queued.result, queued.error) == ("queued", None, None)
        assert queued.created.tzinfo is not None and not queued.done
        store.update_job("job-1", "running")
        store.update_job("job-1", "done", result={"kind": "article", "findings": [1, 2],
                                                  "title": "Zürich \u202e"})
        store.add_job("job-2", "analyze https://example.test/a")
        store.update_job("job-2", "failed", error="binary data, not text")
    with open_store(store_url) as reopened:
        done = reopened.get_job("job-1")
        assert done is not None and done.state == "done" and done.done
        assert done.result == {"kind": "article", "findings": [1, 2], "title": "Zürich \u202e"}
        assert done.updated >= done.created and done.elapsed >= 0
        failed = reopened.get_job("job-2")
        assert failed is not None and failed.state == "failed"
        assert failed.error == "binary data, not text" and failed.result is None
        assert reopened.get_job("job-3") is None


def test_unfinished_jobs_are_failed_with_the_reason(store: Store) -> None:
    for job_id, state in (("q", "queued"), ("r", "running"), ("d", "done"), ("f", "failed")):
        store.add_job(job_id, job_id)
        if state != "queued":
            store.update_job(job_id, state, error="own error" if state == "failed" else None)
    assert store.fail_unfinished_jobs("interrupted by a restart") == 2
    states = {j: store.get_job(j) for j in "qrdf"}
    assert {j: (r.state, r.error) for j, r in states.items() if r} == {
        "q": ("failed", "interrupted by a restart"), "r": ("failed", "interrupted by a restart"),
        "d": ("done", None), "f": ("failed", "own error")}
    assert store.fail_unfinished_jobs("again") == 0


def test_forgetting_jobs_keeps_the_recent_and_the_unfinished(store: Store) -> None:
    for i in range(5):
        store.add_job(f"old-{i}", "x")
        store.update_job(f"old-{i}", "done", result=i)
    store.add_job("running", "x")
    store.update_job("running", "running")
    assert store.forget_jobs(keep=2) == 4
    kept = [j for j in [*(f"old-{i}" for i in range(5)), "running"] if store.get_job(j)]
    assert kept == ["old-4", "running"]


def test_an_unknown_job_state_is_refused(store: Store) -> None:
    store.add_job("j", "x")
    with pytest.raises(ConfigError, match="queued, running, done, failed"):
        store.update_job("j", "paused")  # type: ignore[arg-type]
