"""HTML pages to Articles: one parse, trafilatura's article text and its page metadata.

:func:`article_from_html` is shared with the feed and WARC readers; :func:`fragment_text`
turns the HTML snippets found in feed entries into plain paragraphs.
"""

from __future__ import annotations

import copy
import functools
import logging
import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
import trafilatura
from htmldate import find_date
from trafilatura.metadata import (
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document, Extractor

from ...errors import NoArticleError
from ...model import Article, domain_of
from ...outlets.fingerprints import fingerprint_tree
from ..encoding import Decoded, decode_bytes
from . import ReadOptions, ReadResult, Source

__all__ = ["article_from_html", "fragment_text", "plain_paragraphs", "read"]

LOGGER = logging.getLogger(__name__)

#: Paragraphs are separated by a blank line in every reader's output, so that the
#: segmenter can tell a heading or a list item from the sentence after it.
PARAGRAPH_BREAK = "\n\n"

#: A page is an article only if some paragraph has at least this many words.
MIN_PARAGRAPH_WORDS = 10

# Only the start of a page is searched for these: that is where browsers look too, and
# a regex over the whole page would cost as much as the extraction.
_HEAD_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.-]+)", re.I)
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})(?![A-Za-z])""", re.I)


# Date search as trafilatura does it, but keeping the time and offset when the page gives
# them. With no max_date htmldate caps dates at today on every call.
_DATE_PARAMS: dict[str, Any] = {
    "original_date": True,
    "extensive_search": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


@functools.cache
def _body_options() -> Extractor:
    # Built once: an Extractor reads its config values on construction, which costs about
    # a tenth of a small page's extraction. Comments are not the article. Metadata is
    # left to _page_metadata, which skips trafilatura's licence and category searches.
    return Extractor(output_format="python", comments=False, with_metadata=False)


def read(source: Source, options: ReadOptions) -> Iterator[ReadResult]:
    """Yield the one article of an HTML page."""
    data = source.read_capped(options.max_article_bytes)
    yield article_from_html(data, url=source.url, name=source.name,
                            content_type=source.content_type)


def article_from_html(html: bytes | str, *, url: str | None, name: str,
                      content_type: str | None = None, source_format: str = "html",
                      headers: Mapping[str, str] | None = None) -> Article:
    """Extract the article of one HTML page.

    ``url`` is where the page was fetched or archived from, ``name`` what log messages
    call it, ``content_type`` an HTTP Content-Type whose charset is honoured, ``headers``
    the HTTP response headers when an archive kept them. The site's infrastructure
    indicators (:mod:`launderlens.outlets.fingerprints`) go to ``meta["fingerprints"]``;
    the page itself is not kept. Raises
    DecodeError for bytes that are not text and NoArticleError for a page without
    article text (a section front, a login wall, an error page).
    """
    decoded = Decoded(html, "str") if isinstance(html, str) else _decode(html, content_type)
    page = decoded.text
    tree = trafilatura.load_html(page)
    if tree is None:
        raise NoArticleError("HTML page with no article text")
    options = copy.copy(_body_options())
    options.url = url
    options.source = url or name
    body = trafilatura.bare_extraction(tree, options=options)  # works on a copy of tree
    if not isinstance(body, Document):
        raise NoArticleError("HTML page with no article text")
    metadata = _page_metadata(tree, url)
    page_url, meta = _choose_url(metadata.url, url)
    meta.update(decoded.meta())
    fingerprints = fingerprint_tree(tree, url=page_url, headers=headers)
    if fingerprints:
        meta["fingerprints"] = fingerprints
    published = _parse_date(metadata.date)
    if published is not None:
        meta["published_from"] = "page"
    if metadata.description:
        meta["description"] = metadata.description
    return Article.create(
        _article_text(body, metadata.title),
        title=metadata.title,
        url=page_url,
        outlet=metadata.sitename,
        section=_meta_content(tree, "article:section"),
        byline=metadata.author,
        published=published,
        language=_language(page),
        source_format=source_format,
        meta=meta,
    )


def _page_metadata(tree: Any, url: str | None) -> Document:
    """Title, author, canonical URL, date, site name and description of a page.

    These are trafilatura's own steps, in its order, without its licence and
    category/tag searches: on a link-heavy page those two cost a quarter of the whole
    extraction, and nothing here uses them. The steps are trafilatura internals (the
    same names since 1.x): an upgrade that moves them fails this module's import, and so
    the test suite, at once rather than quietly.
    """
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None  # a one-word "author" is a site or a handle (trafilatura's rule)
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception as err:  # trafilatura guards its JSON-LD reader the same way
        LOGGER.debug("unreadable JSON-LD metadata: %s", err)
    metadata.title = metadata.title or extract_title(tree)
    metadata.author = metadata.author or extract_author(tree)
    metadata.url = metadata.url or extract_url(tree, url)
    metadata.date = find_date(tree, url=metadata.url, **_DATE_PARAMS)
    sitename = (metadata.sitename or extract_sitename(tree) or "").lstrip("@")
    metadata.sitename = sitename or None
    return metadata


def _meta_content(tree: Any, prop: str) -> str | None:
    element = tree.find(f'.//head/meta[@property="{prop}"]')
    return None if element is None else element.get("content")


def _article_text(body: Document, title: str | None) -> str:
    """Blank-line separated paragraphs, without the headline trafilatura keeps in the body.

    trafilatura ends every block (paragraph, heading, list item, <br>) with one newline.
    """
    lines = [line.strip() for line in (body.text or "").split("\n")]
    lines = [line for line in lines if line]
    if lines and title and _same_text(lines[0], title):
        del lines[0]
    # On a page without an article (a section front, an error page) trafilatura falls
    # back to whatever text there is: menu entries, link lists, "Subscribe". Those are
    # all short lines; an article has at least one paragraph of running prose.
    if not any(len(line.split()) >= MIN_PARAGRAPH_WORDS for line in lines):
        raise NoArticleError("HTML page with no article text")
    return PARAGRAPH_BREAK.join(lines)


def _decode(data: bytes, content_type: str | None) -> Decoded:
    # The UTF-8 path is tried first and alone because almost every page takes it and
    # decode_bytes's binary check costs about 5% of an extraction on a small page.
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(data, _declared_charset(data, content_type))
    if "\x00" in text[:_HEAD_BYTES]:
        return decode_bytes(data)  # raises the binary-data DecodeError
    return Decoded(text.removeprefix("\ufeff"), "utf-8")


def _declared_charset(data: bytes, content_type: str | None) -> str | None:
    """The charset an HTTP header or the page's own <meta> names, header first."""
    if content_type:
        found = _HEADER_CHARSET.search(content_type)
        if found:
            return found.group(1)
    match = _META_CHARSET.search(data[:_HEAD_BYTES])
    return match.group(1).decode("ascii") if match else None


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _choose_url(canonical: str | None, fetched: str | None) -> tuple[str | None, dict[str, Any]]:
    """The article's URL, and meta recording a canonical link that was not believed.

    A page names its own canonical URL, and a laundering site can name the outlet it
    copied: the canonical is trusted only on the domain the page actually came from.
    """
    if not fetched:
        return canonical, {}
    if not canonical or canonical == fetched:
        return fetched, {}
    if domain_of(canonical) == domain_of(fetched):
        return canonical, {"fetched_url": fetched}
    return fetched, {"canonical_url": canonical}


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        LOGGER.debug("unparseable page date %r", value)
        return None


def _language(page: str) -> str | None:
    """The primary language subtag of ``<html lang>``, lower case ("en" for "en-GB")."""
    match = _HTML_LANG.search(page, 0, _HEAD_BYTES)
    return match.group(1).lower() if match else None


_BLOCK_TAGS = (
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "tr", "table", "ul", "ol", "dl", "dt", "dd", "section", "article", "figure",
    "figcaption", "header", "footer", "hr",
)
_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed")


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML snippet (a feed entry), paragraphs separated by blank lines.

    Snippets are too short for trafilatura, which would discard most of them as
    boilerplate; their markup is simple enough to flatten directly.
    """
    if "<" not in fragment:
        return plain_paragraphs(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*_DROPPED_TAGS)):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.text = PARAGRAPH_BREAK + (element.text or "")
        element.tail = PARAGRAPH_BREAK + (element.tail or "")
    return plain_paragraphs(root.text_content())


def plain_paragraphs(text: str) -> str:
    """``text`` with whitespace runs folded inside paragraphs, which blank lines separate."""
    paragraphs = (" ".join(part.split()) for part in text.split(PARAGRAPH_BREAK))
    return PARAGRAPH_BREAK.join(part for part in paragraphs if part)
