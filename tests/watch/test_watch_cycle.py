"""watch: a feed and a sitemap on a loopback server that change between polls.

Checks the conditional GET (a 304 ingests nothing), new copies of a story raising
``new_copy``, a copy retelling a known narrative raising ``known_narrative``, the JSON
Lines file, the webhook's HMAC signature, sitemap pages bounded per poll, and a failing
source that leaves the others polled.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import Any, ClassVar

import pytest

from launderlens.store import Store, open_store
from launderlens.watch import JsonlSink, Poller, WatchOptions, Webhook, run_cycle
from launderlens.watch.alerts import SIGNATURE_HEADER

pytestmark = pytest.mark.network

SECRET = b"shared secret for the test"


def _demo(name: str) -> tuple[str, str]:
    """(title, text) of a demo corpus file."""
    raw = (files("launderlens") / "demo_corpus" / name).read_text("utf-8")
    match = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", raw, re.DOTALL)
    assert match
    title = re.search(r"^title: (.*)$", match.group(1), re.MULTILINE)
    assert title
    return title.group(1), match.group(2)


ORIGIN = _demo("01_origin_tass_helsinki_ministerial.txt")
COPY = _demo("04_copy_pinecrest_daily_report.txt")
OTHER = _demo("08_unrelated_fenwick_council_budget.txt")


def _feed(entries: list[tuple[str, str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{html.escape(title)}</title><link>https://news.example/{slug}</link>"
        f"<pubDate>Tue, 14 Oct 2025 1{n}:00:00 GMT</pubDate>"
        f"<description>{html.escape(text)}</description></item>"
        for n, (slug, title, text) in enumerate(entries))
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Watched Wire</title>{items}</channel></rss>").encode()


def _page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>"
            f"{html.escape(title)}</title></head><body><article><h1>{html.escape(title)}</h1>"
            f"{paragraphs}</article></body></html>").encode()


class Site(BaseHTTPRequestHandler):
    feed: ClassVar[bytes] = b""
    pages: ClassVar[dict[str, bytes]] = {}
    requests: ClassVar[list[tuple[str, dict[str, str]]]] = []
    posts: ClassVar[list[tuple[bytes, dict[str, str]]]] = []

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.requests.append((self.path, dict(self.headers)))
        if self.path == "/feed.xml":
            etag = '"' + hashlib.sha256(self.feed).hexdigest()[:12] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self._send(self.feed, "application/rss+xml", etag)
        elif self.path == "/sitemap.xml":
            locs = "".join(f"<url><loc>http://{self.headers['Host']}{p}</loc></url>"
                           for p in sorted(self.pages))
            body = ("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/"
                    f"sitemap/0.9'>{locs}</urlset>").encode()
            self._send(body, "application/xml", None)
        elif self.path in self.pages:
            self._send(self.pages[self.path], "text/html; charset=utf-8", None)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.posts.append((body, dict(self.headers)))
        self.send_response(204)
        self.end_headers()

    def _send(self, body: bytes, content_type: str, etag: str | None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site() -> Iterator[str]:
    Site.feed, Site.pages, Site.requests, Site.posts = b"", {}, [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(str(tmp_path / "watch.db")) as opened:
        yield opened


def _poller(store: Store, max_pages: int = 50) -> Poller:
    return Poller(store, allow_private=True, min_delay=0.0, max_pages=max_pages, timeout=5.0)


def test_a_feed_that_changes_raises_a_new_copy_alert_once(
        site: str, store: Store, tmp_path: Path) -> None:
    from launderlens.claims.analyze import Analyzer
    from launderlens.narratives import NarrativeMatcher

    analyzer = Analyzer(semantic=False)
    analyzer.narratives = NarrativeMatcher.for_store(store, semantic=False, starter=True)
    jsonl = tmp_path / "alerts.jsonl"
    hook = Webhook(f"{site}/hook", SECRET, allow_private=True)
    options = WatchOptions((f"{site}/feed.xml",), semantic=False)

    def cycle() -> Any:
        return run_cycle(store, options, analyzer=analyzer, sinks=[JsonlSink(jsonl), hook],
                         poller=_poller(store))

    Site.feed = _feed([("origin", *ORIGIN), ("council", *OTHER)])
    first = cycle()
    assert first.polls[0].status == "ok" and first.polls[0].kind == "feed"
    assert len(first.ingest.stored) == 2
    assert not [a for a in first.alerts if a.kind == "new_copy"]
    state = store.get_watch_source(f"{site}/feed.xml")
    assert state is not None and state.etag and state.status == "ok"

    unchanged = cycle()
    assert unchanged.polls[0].status == "not_modified"
    assert unchanged.ingest.stored == [] and unchanged.alerts == []
    assert Site.requests[-1][1].get("If-None-Match") == state.etag

    Site.feed = _feed([("origin", *ORIGIN), ("council", *OTHER), ("copy", *COPY)])
    changed = cycle()
    assert len(changed.ingest.stored) == 1
    copy_id = changed.ingest.stored[0]
    copies = [a for a in changed.alerts if a.kind == "new_copy"]
    assert [a.article_id for a in copies] == [copy_id]
    story = store.get_story(copy_id)
    assert story is not None and copies[0].story_id == story.id and len(story.members) == 2
    # This copy retells a narrative of the starter catalogue (lexical matching finds it).
    narratives = [a for a in changed.alerts if a.kind == "known_narrative"]
    assert narratives and all(a.article_id == copy_id for a in narratives)

    stored = store.list_alerts()
    assert {a.id for a in stored} == {a.id for a in first.alerts + changed.alerts}
    lines = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
    assert [line["id"] for line in lines] == [a.id for a in first.alerts + changed.alerts]
    assert len(Site.posts) == len(lines)
    for body, headers in Site.posts:
        expected = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
        assert headers[SIGNATURE_HEADER] == expected
    assert json.loads(Site.posts[-1][0])["id"] == lines[-1]["id"]
    assert hook.failures == []

    # Polling the same feed again after a restart of the cycle raises nothing twice.
    Site.feed += b" "
    again = cycle()
    assert again.polls[0].status == "ok" and again.ingest.stored == [] and again.alerts == []


def test_sitemap_pages_are_fetched_once_and_bounded_per_poll(site: str, store: Store) -> None:
    Site.pages = {f"/news/{n}": _page(f"Report {n}", text) for n, (_, text) in
                  enumerate([ORIGIN, COPY, OTHER])}
    options = WatchOptions((f"{site}/sitemap.xml",), semantic=False, analyze=False)
    first = run_cycle(store, options, poller=_poller(store, max_pages=2))
    assert first.polls[0].kind == "sitemap" and first.polls[0].waiting == 1
    assert len(first.ingest.stored) == 2
    second = run_cycle(store, options, poller=_poller(store, max_pages=2))
    assert len(second.ingest.stored) == 1 and second.polls[0].waiting == 0
    fetched = [path for path, _ in Site.requests if path.startswith("/news/")]
    assert sorted(fetched) == ["/news/0", "/news/1", "/news/2"]  # each page once
    assert store.count_articles() == 3


def test_a_failing_source_leaves_the_others_polled(site: str, store: Store) -> None:
    Site.feed = _feed([("origin", *ORIGIN)])
    sources = (f"{site}/missing.xml", "file:///etc/passwd", f"{site}/feed.xml")
    guarded = Poller(store, allow_private=False, min_delay=0.0, timeout=5.0)
    report = run_cycle(store, WatchOptions(sources, semantic=False, analyze=False),
                       poller=guarded)
    statuses = [p.status for p in report.polls]
    assert statuses == ["error", "error", "error"]  # the URL guard refuses loopback
    assert "loopback" in (report.polls[2].error or "")
    assert "only http and https" in (report.polls[1].error or "")
    report = run_cycle(store, WatchOptions(sources, semantic=False, analyze=False),
                       poller=_poller(store))
    assert [p.status for p in report.polls] == ["error", "error", "ok"]
    assert "404" in (report.polls[0].error or "")
    assert len(report.ingest.stored) == 1
    failing = store.get_watch_source(f"{site}/missing.xml")
    assert failing is not None and failing.failures == 2


def test_a_webhook_on_a_private_address_is_refused_unless_allowed(
        site: str, store: Store) -> None:
    from launderlens.store.watch import AlertRecord

    alert = AlertRecord("new_copy", "a message", article_id="0123456789abcdef")
    guarded = Webhook(f"{site}/hook", SECRET)
    guarded([alert])
    assert len(guarded.failures) == 1 and "loopback" in guarded.failures[0]
    assert Site.posts == []
    allowed = Webhook(f"{site}/hook", SECRET, allow_private=True)
    allowed([alert])
    assert allowed.failures == [] and len(Site.posts) == 1
