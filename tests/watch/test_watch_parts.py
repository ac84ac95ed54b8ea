"""watch's parts without a server: politeness, sitemap reading, network joins, the store's
watch tables (every backend), signatures."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

import pytest

from launderlens.errors import ConfigError
from launderlens.model import Article
from launderlens.store import Store
from launderlens.store.watch import AlertRecord, WatchSource
from launderlens.watch import HostPacer, sign
from launderlens.watch.alerts import copy_alerts, network_alerts
from launderlens.watch.poll import MAX_LOCATIONS, sitemap_locations


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


def test_requests_to_one_host_are_spaced_and_other_hosts_wait_for_nothing() -> None:
    clock = FakeClock()
    pacer = HostPacer(2.0, clock=clock, sleep=clock.sleep)
    pacer.wait("https://a.example/feed")
    pacer.wait("https://b.example/feed")
    clock.now += 0.5
    pacer.wait("https://A.example/page")  # host names are case-insensitive
    assert clock.slept == [1.5]
    clock.now += 5
    pacer.wait("https://a.example/other")
    assert clock.slept == [1.5]


def test_sitemap_locations_are_read_without_expanding_entities() -> None:
    data = (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e 'boom'>]>"
            b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            b"<url><loc> https://a.example/one?x=1&amp;y=2 </loc></url>"
            b"<url><loc>&e;</loc></url></urlset>")
    root, found = sitemap_locations(data) or ("", [])
    assert root == "urlset"
    assert found == ["https://a.example/one?x=1&y=2", "&e;"]
    assert sitemap_locations(b"<rss><channel></channel></rss>") is None
    index = sitemap_locations(b"<sitemapindex><sitemap><loc>https://a.example/s1.xml</loc>"
                              b"</sitemap></sitemapindex>")
    assert index == ("sitemapindex", ["https://a.example/s1.xml"])


def test_a_huge_sitemap_is_cut_at_the_cap() -> None:
    data = b"<urlset>" + b"<url><loc>https://a.example/p</loc></url>" * (MAX_LOCATIONS + 10)
    found = sitemap_locations(data)
    assert found is not None and len(found[1]) == MAX_LOCATIONS


def test_network_join_needs_an_earlier_network_that_shares_outlets() -> None:
    now = [{"id": "net1", "outlets": ["a.example", "b.example", "c.example"]},
           {"id": "net2", "outlets": ["x.example", "y.example"]}]
    assert network_alerts(None, now) == []  # the first cycle only records
    alerts = network_alerts([["a.example", "b.example"]], now)
    assert [(a.kind, a.data["outlet"], a.data["network"]) for a in alerts] == [
        ("network_join", "c.example", "net1")]
    assert "a.example, b.example" in alerts[0].message
    # A network whose outlets were in none before is new, not joined.
    assert network_alerts([["a.example", "b.example", "c.example"]], now) == []


def test_new_copy_alerts_only_for_stories_that_had_articles_and_are_watched() -> None:
    from launderlens.model import Story

    old = Article.create("An earlier report.", title="Earlier", outlet="Agency")
    new = Article.create("A retelling.", title="Retold <b>", outlet="Copy Site")
    alone = Article.create("Something else.", title="Else", outlet="Other")
    story = Story("s1" * 8, (old.id, new.id), old.id, "earliest", "first", None, None,
                  (0.5, 0.5), ())
    single = Story("s2" * 8, (alone.id,), alone.id, "only", "single", None, None, (0.0,), ())
    stories = {old.id: story, new.id: story, alone.id: single}
    articles = {a.id: a for a in (new, alone)}
    found = copy_alerts([new.id, alone.id], stories.get, articles)
    assert [(a.kind, a.article_id, a.story_id) for a in found] == [
        ("new_copy", new.id, story.id)]
    assert found[0].data["title"] == "Retold <b>"  # kept as text: renderers escape it
    watched = copy_alerts([new.id], stories.get, articles, watched=[old.id[:6]])
    assert [a.id for a in watched] == [found[0].id]
    assert copy_alerts([new.id], stories.get, articles, watched=["ffffffff"]) == []
    # Two new articles of one story raise nothing when no earlier one is in it.
    both = {old.id, new.id}
    assert copy_alerts(sorted(both), stories.get, {old.id: old, new.id: new}) == []


def test_the_signature_is_the_hmac_of_the_body() -> None:
    body = b'{"id": "x"}'
    assert sign(body, b"k") == "sha256=" + hmac.new(b"k", body, hashlib.sha256).hexdigest()
    assert sign(body, b"k") != sign(body + b" ", b"k")


def test_watch_tables_keep_sources_items_state_and_alerts(store: Store) -> None:
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    source = WatchSource("https://a.example/feed", "feed", '"v1"', "Tue, 01 Jan 2026", when,
                         "ok", None, 0)
    store.save_watch_source(source)
    assert store.get_watch_source(source.url) == source
    store.save_watch_source(WatchSource(source.url, "feed", None, None, when, "error",
                                        "HTTP 500", 3))
    again = store.get_watch_source(source.url)
    assert again is not None and again.failures == 3 and again.etag is None
    assert [s.url for s in store.list_watch_sources()] == [source.url]
    assert store.get_watch_source("https://other.example/") is None

    items = [f"https://a.example/p{n}" for n in range(700)]  # past one IN list
    assert store.seen_items(source.url, items) == set()
    store.mark_seen(source.url, items[:650])
    store.mark_seen(source.url, items[600:])  # overlapping marks are fine
    assert store.seen_items(source.url, items) == set(items)
    assert store.seen_items("https://other.example/", items) == set()

    assert store.get_watch_state("networks") is None
    store.set_watch_state("networks", [["a", "b"]])
    store.set_watch_state("networks", [["a", "b", "c"]])
    assert store.get_watch_state("networks") == [["a", "b", "c"]]

    first = AlertRecord("new_copy", "copy <script>", article_id="a1", story_id="s1",
                        subject="s1", data={"title": "T"},
                        created=datetime(2026, 1, 1, tzinfo=UTC))
    second = AlertRecord("known_narrative", "narrative", article_id="a1", subject="n1",
                         created=datetime(2026, 1, 2, tzinfo=UTC))
    assert store.add_alerts([first, second, first]) == [first, second]
    assert store.add_alerts([first]) == []
    listed = store.list_alerts()
    assert [a.id for a in listed] == [second.id, first.id]
    assert listed[1].message == "copy <script>" and listed[1].data == {"title": "T"}
    assert [a.id for a in store.list_alerts(kind="new_copy")] == [first.id]
    assert len(store.list_alerts(limit=1)) == 1
    with pytest.raises(ConfigError, match="unknown alert kind"):
        store.add_alerts([AlertRecord("bogus", "x")])  # type: ignore[arg-type]


def test_article_ids_list_every_stored_article(store: Store) -> None:
    from launderlens.ingest.segment import segment

    articles = [Article.create(f"Report number {n} on the council.", title=f"T{n}",
                               outlet="o") for n in range(3)]
    store.add_articles([(a, segment(a)) for a in articles])
    assert store.article_ids() == sorted(a.id for a in articles)


def test_replace_stories_of_swaps_only_the_stories_holding_the_articles(store: Store) -> None:
    from launderlens.ingest.segment import segment
    from launderlens.model import Story

    a, b, c, d = (Article.create(f"Report {n} on the harbour.", title=f"T{n}", outlet="o",
                                 published=datetime(2026, 1, n + 1, tzinfo=UTC))
                  for n in range(4))
    store.add_articles([(x, segment(x)) for x in (a, b, c, d)])

    def story(*members: Article) -> Story:
        return Story(f"{members[0].id}", tuple(m.id for m in members), members[0].id,
                     "earliest", "first", members[0].published, members[-1].published,
                     tuple(0.5 for _ in members), ())

    store.replace_stories([story(a), story(b), story(c, d)], {"run": 1})
    store.replace_stories_of([b.id, a.id], [story(a, b)], {"run": 2})
    held = sorted(tuple(s.members) for s in store.list_stories())
    assert held == sorted([(a.id, b.id), (c.id, d.id)])
    found = store.get_story(b.id)
    assert found is not None and found.members == (a.id, b.id)
    # The stories written by run 1 are told apart by their parameters.
    assert store.count_stories_unlike('"run": 2') == 1
    assert store.count_stories_unlike('"run": 3') == 2
    assert store.count_stories_unlike('"run": _') == 2  # LIKE wildcards are literal
