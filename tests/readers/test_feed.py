"""The feed reader: RSS and Atom entries to Articles, without fetching anything."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from launderlens.errors import FormatError, TooLargeError
from launderlens.ingest.readers import ReadOptions, ReadResult, Source, read_source
from launderlens.ingest.readers.feed import read
from launderlens.model import Article, Rejection

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Springfield Herald</title>
  <link>https://herald.example/</link>
  <language>en-us</language>
  <item>
    <title>Talks collapse in Geneva</title>
    <link>https://herald.example/world/talks</link>
    <guid>herald-1</guid>
    <dc:creator>Jane Doe</dc:creator>
    <pubDate>Tue, 02 Sep 2025 10:00:00 +0200</pubDate>
    <category>World</category>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>The minister said the talks had <b>collapsed</b>.</p>
      <p>Critics say the ceasefire will be delayed.</p><script>track()</script>]]></content:encoded>
  </item>
  <item>
    <title>Aid figures questioned</title>
    <link>https://herald.example/world/aid</link>
    <description>&lt;p&gt;Officials questioned the aid figures on Monday.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Photo of the day</title>
    <link>https://herald.example/photo</link>
    <description></description>
  </item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Le Courrier</title>
  <id>urn:courrier</id>
  <updated>2025-09-03T08:00:00Z</updated>
  <entry>
    <title type="html">Les n&#233;gociations &lt;em&gt;&#233;chouent&lt;/em&gt;</title>
    <link href="https://courrier.example/a"/>
    <id>urn:courrier:a</id>
    <updated>2025-09-03T08:00:00Z</updated>
    <author><name>Marie Curie</name></author>
    <content type="html">&lt;p&gt;Le ministre a d&#233;clar&#233; mardi
      que les n&#233;gociations avaient &#233;chou&#233;.&lt;/p&gt;</content>
  </entry>
</feed>
"""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a feed must never open a connection (entry links are not fetched)."""
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the feed reader tried to open a connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def read_all(data: bytes, name: str = "feed.xml", **options: Any) -> list[ReadResult]:
    return list(read(Source.from_bytes(name, data), ReadOptions(**options)))


def test_rss_items_become_articles_with_their_metadata() -> None:
    first, second, _ = read_all(RSS)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == "The minister said the talks had collapsed.\n\n" \
        "Critics say the ceasefire will be delayed."
    assert first.title == "Talks collapse in Geneva"
    assert first.url == "https://herald.example/world/talks"
    assert first.domain == "herald.example"
    assert first.outlet == "Springfield Herald"
    assert first.byline == "Jane Doe"
    assert first.published == datetime(2025, 9, 2, 8, tzinfo=UTC)
    assert first.language == "en"
    assert first.source_format == "feed"
    assert dict(first.meta) == {"text_from": "content", "published_from": "published",
                                "entry_id": "herald-1", "tags": ["World"]}
    assert second.text == "Officials questioned the aid figures on Monday."
    assert second.meta["text_from"] == "summary"
    assert second.published is None


def test_an_entry_without_text_is_rejected_by_its_link() -> None:
    rejected = read_all(RSS)[2]
    assert isinstance(rejected, Rejection)
    assert rejected.item == "https://herald.example/photo"
    assert rejected.reason == "feed entry with no text (no content or summary)"


def test_atom_entries_with_html_titles_and_updated_dates() -> None:
    [article] = read_all(ATOM, "courrier.atom")
    assert isinstance(article, Article)
    assert article.title == "Les négociations échouent"
    assert article.text == "Le ministre a déclaré mardi que les négociations avaient échoué."
    assert article.byline == "Marie Curie"
    assert article.outlet == "Le Courrier"
    assert article.published == datetime(2025, 9, 3, 8, tzinfo=UTC)
    assert article.meta["published_from"] == "updated"
    assert article.language == "fr"


def test_a_slightly_malformed_feed_is_still_read() -> None:
    broken = RSS.replace(b"<title>Aid figures questioned</title>",
                         b"<title>Aid & figures questioned</title>")
    results = read_all(broken)
    assert sum(isinstance(r, Article) for r in results) == 2


@pytest.mark.parametrize(("data", "message"), [
    (b"this is not xml at all", "not an RSS or Atom feed: "),
    (b'{"text": "json"}', "not an RSS or Atom feed: "),
    (b"<html><body><p>A web page</p></body></html>",
     "not an RSS or Atom feed: no <rss>, <feed> or RDF root element"),
])
def test_something_that_is_not_a_feed_is_a_format_error(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        read_all(data)


def test_read_source_turns_a_non_feed_into_one_rejection(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_bytes(b"<<<< not a feed")
    [rejected] = list(read_source(Source.from_path(path)))
    assert isinstance(rejected, Rejection) and rejected.item == str(path)
    assert rejected.reason.startswith("not an RSS or Atom feed: ")


def test_a_feed_may_be_bigger_than_one_article_but_is_capped() -> None:
    assert len(read_all(RSS, max_article_bytes=len(RSS) // 2)) == 3
    with pytest.raises(TooLargeError, match="limit for one feed"):
        read_all(RSS, max_article_bytes=len(RSS) // 5)


def test_an_empty_but_valid_feed_gives_nothing() -> None:
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    assert read_all(empty) == []


def test_relative_entry_links_resolve_against_the_feed_url() -> None:
    relative = RSS.replace(b"<link>https://herald.example/world/aid</link>",
                           b"<link>/world/aid</link>")
    source = Source.from_bytes("https://herald.example/rss", relative,
                               url="https://herald.example/rss")
    second = list(read(source, ReadOptions()))[1]
    assert isinstance(second, Article) and second.url == "https://herald.example/world/aid"


def test_a_url_looking_string_is_never_fetched() -> None:
    # feedparser fetches a str that looks like a URL; the reader only hands it a stream.
    with pytest.raises(FormatError):
        read_all(b"https://herald.example/feed.xml")
