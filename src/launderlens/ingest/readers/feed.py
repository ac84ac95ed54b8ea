"""RSS and Atom feeds to Articles: one Article per entry that carries text.

The text is what the feed itself holds (full content where the publisher includes it,
the summary otherwise); entry links are never fetched, because a feed is collected
evidence and fetching is the ingest pipeline's decision, under its own limits.
"""

from __future__ import annotations

import calendar
import io
import logging
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

import feedparser

from ...errors import FormatError, NoArticleError, TooLargeError
from ...model import Article, Rejection
from . import ReadOptions, ReadResult, Source, doctype_span
from .html import fragment_text, plain_paragraphs

__all__ = ["read"]

LOGGER = logging.getLogger(__name__)

#: A feed holds many entries, so it may be this many times one article's cap.
FEED_CAP_FACTOR = 4

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read(source: Source, options: ReadOptions) -> Iterator[ReadResult]:
    """Yield an Article for each entry with text and a Rejection for each without."""
    parsed = _parse(source, options.max_article_bytes * FEED_CAP_FACTOR)
    channel = parsed.get("feed", {})
    outlet = _plain(channel.get("title_detail")) or channel.get("title")
    language = _primary_language(channel.get("language"))
    for number, entry in enumerate(parsed.entries, 1):
        item = entry.get("link") or entry.get("id") or f"{source.name}#entry{number}"
        try:
            yield _entry_article(entry, outlet=outlet, language=language)
        except NoArticleError as err:
            yield Rejection(item, str(err))


def _parse(source: Source, limit: int) -> Any:
    if source.size > limit:
        raise TooLargeError(f"a feed of {source.size / 2**20:.1f} MB is over the "
                            f"{limit / 2**20:.1f} MB limit for one feed")
    # A stream, never bytes or str: given a string that looks like a URL, feedparser
    # would fetch it. The feed's own URL resolves relative entry links; the XML media
    # type is named so that feedparser reads the encoding from the XML declaration.
    headers = {"content-location": source.url, "content-type": "application/xml"} \
        if source.url else None
    data = _without_doctype(source.read_capped(limit), source.name)
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if parsed.entries:
        if parsed.bozo:
            LOGGER.info("%s: read a malformed feed leniently: %s", source.name,
                        parsed.get("bozo_exception"))
        return parsed
    if parsed.bozo:
        raise FormatError(f"not an RSS or Atom feed: {parsed.get('bozo_exception')}")
    if not parsed.get("version"):
        raise FormatError("not an RSS or Atom feed: no <rss>, <feed> or RDF root element")
    return parsed


def _without_doctype(data: bytes, name: str) -> bytes:
    """The feed without its DOCTYPE, so that no entity it declares is ever expanded.

    feedparser keeps entities whose value is plain text and expands them, and a short
    reference to a long value repeated through a feed multiplies its size; feeds carry
    no entities worth keeping (HTML's named ones are known without a DTD).
    """
    span = doctype_span(data)
    if span is None:
        return data
    if span[1] < 0:
        raise FormatError("not an RSS or Atom feed: the DOCTYPE declaration never ends")
    LOGGER.info("%s: dropped the feed's DOCTYPE; its entities are not expanded", name)
    return data[:span[0]] + data[span[1]:]


def _entry_article(entry: Mapping[str, Any], *, outlet: str | None,
                   language: str | None) -> Article:
    text, text_from = _entry_text(entry)
    if not text:
        raise NoArticleError("feed entry with no text (no content or summary)")
    meta: dict[str, Any] = {"text_from": text_from}
    published, date_from = _entry_date(entry)
    if date_from:
        meta["published_from"] = date_from
    if entry.get("id"):
        meta["entry_id"] = entry["id"]
    tags = [tag.get("term") for tag in entry.get("tags", []) if tag.get("term")]
    if tags:
        meta["tags"] = tags
    return Article.create(
        text,
        title=_plain(entry.get("title_detail")) or entry.get("title"),
        url=entry.get("link"),
        outlet=outlet,
        byline=entry.get("author"),
        published=published,
        language=_primary_language(_detail_language(entry)) or language,
        source_format="feed",
        meta=meta,
    )


def _entry_text(entry: Mapping[str, Any]) -> tuple[str, str]:
    """The entry's text and where it came from: "content" or "summary".

    The longest content block is taken: some feeds put a teaser first and the full
    article second.
    """
    contents = [c for c in entry.get("content", []) if c.get("value")]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        text = _plain(best)
        if text:
            return text, "content"
    return _plain(entry.get("summary_detail")) or "", "summary"


def _plain(detail: Mapping[str, Any] | None) -> str | None:
    """The text of a feedparser detail object, flattening HTML when it is HTML."""
    if not detail or not detail.get("value"):
        return None
    value = str(detail["value"])
    if detail.get("type", "text/html") in _HTML_TYPES:
        return fragment_text(value) or None
    return plain_paragraphs(value) or None


def _entry_date(entry: Mapping[str, Any]) -> tuple[datetime | None, str | None]:
    # feedparser converts every date it understands to a UTC struct_time.
    for key, label in (("published_parsed", "published"), ("updated_parsed", "updated")):
        parsed = entry.get(key)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC), label
            except (TypeError, ValueError, OverflowError):
                continue
    return None, None


def _detail_language(entry: Mapping[str, Any]) -> str | None:
    for key in ("content", "summary_detail", "title_detail"):
        detail = entry.get(key)
        if isinstance(detail, list):
            detail = detail[0] if detail else None
        if detail and detail.get("language"):
            return str(detail["language"])
    return None


def _primary_language(tag: str | None) -> str | None:
    """"en" for "en-US": the same form the HTML reader records."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
