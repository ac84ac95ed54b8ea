"""Outlets and their indicators in the store: filled as articles are stored, on every backend."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from tests.store.test_conformance import entry

from launderlens.model import Article
from launderlens.store import Store, open_store


def art(text: str, *, domain: str | None = "kmia.test", outlet: str | None = "Miami News",
        hours: int | None = 0, fingerprints: dict[str, Any] | None = None,
        language: str | None = "en") -> Article:
    published = None if hours is None else datetime(2025, 9, 1, tzinfo=UTC) + timedelta(hours=hours)
    meta = {"fingerprints": fingerprints} if fingerprints is not None else None
    url = f"https://{domain}/{abs(hash(text))}" if domain else None
    return Article.create(text, url=url, outlet=outlet, published=published,
                          language=language, meta=meta)


def test_outlets_are_counted_and_dated_from_stored_articles(store: Store) -> None:
    kyiv = timezone(timedelta(hours=3))
    store.add_articles([entry(art("One happened. Then more.", hours=5)),
                        entry(art("Two happened. Then more.", hours=1)),
                        entry(art("Elsewhere it rained.", domain="other.test", outlet="Other",
                                  hours=None, language=None))])
    late = Article.create("Three happened. Then more.", url="https://kmia.test/3",
                          outlet="Miami News", published=datetime(2025, 9, 3, 12, tzinfo=kyiv))
    store.add_articles([entry(late), entry(art("One happened. Then more.", hours=5))])
    [miami, other] = store.list_outlets()
    assert (miami.key, miami.name, miami.domains, miami.language, miami.articles) == \
        ("kmia.test", "Miami News", ("kmia.test",), "en", 3)  # the duplicate is not counted
    assert miami.first_seen == datetime(2025, 9, 1, 1, tzinfo=UTC)
    assert miami.last_seen == datetime(2025, 9, 3, 9, tzinfo=UTC)
    assert (other.key, other.articles, other.first_seen, other.language) == \
        ("other.test", 1, None, None)


def test_an_outlet_is_found_by_key_domain_or_name(store: Store) -> None:
    store.add_articles([entry(art("One happened. Then more."))])
    for ref in ("kmia.test", "www.kmia.test", "miami news", "Miami News"):
        found = store.get_outlet(ref)
        assert found is not None and found.key == "kmia.test", ref
    assert store.get_outlet("nobody.test") is None


def test_articles_without_a_domain_make_a_named_outlet(store: Store) -> None:
    store.add_articles([entry(art("Pasted text here.", domain=None, outlet="Riverbend Gazette"))])
    [outlet] = store.list_outlets()
    assert outlet.key == "name:riverbend gazette" and outlet.domains == ()


def test_indicators_are_kept_per_article_and_counted_per_outlet(store: Store) -> None:
    prints = {"adsense": ["pub-111"], "template": ["abc"], "evil": ["dropped"]}
    store.add_articles([entry(art("One happened. Then more.", fingerprints=prints)),
                        entry(art("Two happened. Then more.",
                                  fingerprints={"adsense": ["pub-111"]})),
                        entry(art("Elsewhere it rained.", domain="other.test",
                                  fingerprints={"adsense": ["pub-111"]}))])
    assert store.outlet_indicators() == [
        ("kmia.test", "adsense", "pub-111", 2), ("kmia.test", "template", "abc", 1),
        ("other.test", "adsense", "pub-111", 1)]
    assert store.outlet_indicators("other.test") == [("other.test", "adsense", "pub-111", 1)]
    assert store.outlet_indicators("nobody.test") == []


def test_affiliation_is_recorded_with_its_source(store: Store) -> None:
    store.add_articles([entry(art("One happened. Then more.", domain="tass.com", outlet="TASS"))])
    store.set_outlet_affiliation("tass.com", "state_media", "https://en.wikipedia.org/wiki/TASS")
    found = store.get_outlet("tass.com")
    assert found is not None
    assert (found.affiliation, found.affiliation_source) == \
        ("state_media", "https://en.wikipedia.org/wiki/TASS")
    assert found.as_dict()["affiliation"] == "state_media"


_CREATED = re.compile(r"CREATE\s+(?:VIRTUAL\s+)?(TABLE|TRIGGER|INDEX)\s+(\w+)", re.IGNORECASE)


def undo_migrations_after(cur: Any, store: Any, version: int) -> None:
    """Drop what the migrations after ``version`` created, latest first (every one since 5
    only creates tables, indexes and triggers), as a database of ``version`` had it."""
    for migration in reversed(store.migrations()[version:]):
        for statement in reversed(migration.statements):
            for kind, name in _CREATED.findall(statement):
                cur.execute(f"DROP {kind.upper()} IF EXISTS {name}")
    cur.execute(f"DELETE FROM schema_version WHERE version > {int(version)}")


def test_the_migration_fills_outlets_from_articles_stored_before_it(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_articles([entry(art("One happened. Then more.", hours=2)),
                            entry(art("Two happened. Then more.", hours=4))])
        internals: Any = store
        with internals._transaction() as cur:  # as a version-4 database had it
            undo_migrations_after(cur, internals, 4)
    with open_store(store_url) as reopened:
        [outlet] = reopened.list_outlets()
        assert (outlet.key, outlet.articles, outlet.domains) == ("kmia.test", 2, ("kmia.test",))
        assert outlet.first_seen == datetime(2025, 9, 1, 2, tzinfo=UTC)


def test_imported_outlets_get_affiliation_and_keep_a_stored_name(store: Store) -> None:
    from launderlens.outlets.importers import KnownOutlet

    store.add_articles([entry(art("One happened. Then more."))])
    source = "https://example.org/report"
    written = store.import_outlets([KnownOutlet("kmia.test", "KMIA list name", "network X",
                                                source),
                                    KnownOutlet("new.test", "New", None, source)])
    assert written == 2
    kmia, new = store.get_outlet("kmia.test"), store.get_outlet("new.test")
    assert kmia is not None and new is not None
    assert (kmia.name, kmia.articles, kmia.affiliation, kmia.affiliation_source) == \
        ("Miami News", 1, "network X", source)
    assert (new.name, new.articles, new.domains) == ("New", 0, ("new.test",))
    assert store.import_outlets([]) == 0


def test_imported_lookups_join_the_outlets_indicators(store: Store) -> None:
    from launderlens.outlets.importers import KnownOutlet

    source = "https://example.org/report"
    store.import_outlets([KnownOutlet("a.test", None, None, source,
                                      (("registrant", "ops@op.example"),)),
                          KnownOutlet("b.test", None, None, source,
                                      (("registrant", "ops@op.example"), ("ip", "192.0.2.1")))])
    assert store.outlet_indicators() == [("a.test", "registrant", "ops@op.example", 1),
                                         ("b.test", "ip", "192.0.2.1", 1),
                                         ("b.test", "registrant", "ops@op.example", 1)]
