"""Schema.org ClaimReview in, records out: JSON-LD (one object, a list, an ``@graph``, or
a feed that nests reviews deeper) or the ``<script type="application/ld+json">`` blocks of
an HTML page.

Objects of other types are skipped; a ClaimReview without ``claimReviewed`` is a problem.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterator, Mapping
from datetime import date
from html.parser import HTMLParser
from typing import Any

from ...errors import FormatError
from ...narrative import NarrativeRecord, RecordError, record_id
from .base import ImportItem, ImportProblem, Options, attempt, parse_json, to_day

__all__ = ["claimreview_items"]

log = logging.getLogger(__name__)

_SCHEMA_PREFIXES = ("http://schema.org/", "https://schema.org/", "schema:")
# Far deeper than any real feed (DataFeed > dataFeedElement > item > ClaimReview), and
# well inside Python's recursion limit whatever nesting a hostile document has.
_MAX_DEPTH = 32


def claimreview_items(text: str, options: Options) -> Iterator[ImportItem]:
    """The records of a JSON-LD document, or of the JSON-LD scripts of an HTML page."""
    if text.lstrip().startswith(("{", "[")):
        yield from _json_ld_items(text, None)
        return
    page = _LdJsonScripts()
    page.feed(text)
    page.close()
    if not page.blocks:
        log.info("%s: no application/ld+json script on the page", options.name or "page")
    for number, block in enumerate(page.blocks, 1):
        if block is None:
            yield ImportProblem(f"script {number}", "not closed before the end of the page")
        else:
            yield from _json_ld_items(_unwrap_script(block), f"script {number}")


def _json_ld_items(text: str, block: str | None) -> Iterator[ImportItem]:
    try:
        document = parse_json(text)
    except FormatError as error:
        yield ImportProblem(block or "document", str(error))
        return
    for index, node in enumerate(_top_objects(document), 1):
        reviews = list(_reviews_in(node, 0))
        for number, review in enumerate(reviews, 1):
            where = f"object {index}" + (f", review {number}" if len(reviews) > 1 else "")
            yield attempt(f"{block}, {where}" if block else where, _from_claim_review, review)


class _LdJsonScripts(HTMLParser):
    """The text of each ``<script type="application/ld+json">`` on a page, in order; None
    for one the page never closes. html.parser reads script bodies as raw text up to
    ``</script>``, as browsers do, so markup inside a JSON string cannot open a block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str | None] = []
        self._parts: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._parts = []

    def handle_data(self, data: str) -> None:
        if self._parts is not None:
            self._parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._parts is not None:
            self.blocks.append("".join(self._parts))
            self._parts = None

    def close(self) -> None:
        super().close()
        if self._parts is not None:
            self.blocks.append(None)
            self._parts = None


def _unwrap_script(text: str) -> str:
    """Script text without the comment or CDATA wrapper older pages put around it."""
    text = text.strip()
    for opener, closer in (("<!--", "-->"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>")):
        if text.startswith(opener) and text.endswith(closer):
            text = text[len(opener):-len(closer)].strip()
    return text


def _top_objects(document: Any) -> list[Any]:
    if isinstance(document, Mapping) and "@graph" in document:
        document = document["@graph"]
    return document if isinstance(document, list) else [document]


def _reviews_in(node: Any, depth: int) -> Iterator[Mapping[str, Any]]:
    """ClaimReview objects in ``node`` or nested in it (a feed item, a page's
    ``mainEntity``), in document order; everything else is passed over."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(node, Mapping):
        if _is_claim_review(node):
            yield node
            return
        for key, value in node.items():
            if key != "@context":
                yield from _reviews_in(value, depth + 1)
    elif isinstance(node, list):
        for item in node:
            yield from _reviews_in(item, depth + 1)


def _is_claim_review(node: Mapping[str, Any]) -> bool:
    kinds = node.get("@type")
    for kind in kinds if isinstance(kinds, list) else [kinds]:
        if isinstance(kind, str) and _local_name(kind).lower() == "claimreview":
            return True
    return False


def _local_name(name: str) -> str:
    for prefix in _SCHEMA_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _from_claim_review(review: Mapping[str, Any]) -> NarrativeRecord:
    claim = _ld_text(_get(review, "claimReviewed"))
    if not claim:
        raise RecordError("a ClaimReview without 'claimReviewed' text")
    item = _first_mapping(_get(review, "itemReviewed"))
    publisher = _ld_name(_get(review, "author")) or _ld_name(_get(review, "publisher"))
    url = _ld_text(_get(review, "url"))
    return NarrativeRecord.from_dict({
        "id": record_id(url) if url else record_id(claim, publisher),
        "claim": claim,
        "title": _ld_text(_get(review, "name")) or _ld_text(_get(review, "headline")),
        "summary": _ld_text(_get(review, "description")),
        "rating": _rating(_get(review, "reviewRating")),
        "urls": [url] if url else [],
        "debunked": to_day(_ld_text(_get(review, "datePublished")), "datePublished"),
        "first_seen": _first_seen(item),
        "language": _language(_get(review, "inLanguage")),
        "publisher": publisher,
        "claimant": _ld_name(_get(item, "author")),
    })


def _get(node: Any, key: str) -> Any:
    """``node[key]``, also when written with a schema.org prefix or IRI."""
    if not isinstance(node, Mapping):
        return None
    for name in (key, *(prefix + key for prefix in _SCHEMA_PREFIXES)):
        if name in node:
            return node[name]
    return None


def _ld_text(value: Any) -> str | None:
    """Text from a JSON-LD value: a string, a number, ``{"@value": ...}``, or the first of
    a list of those. Entities are decoded: CMS plugins often write ``&quot;`` into JSON."""
    if isinstance(value, list):
        value = next((item for item in value if item is not None), None)
    if isinstance(value, Mapping):
        value = value.get("@value")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}"
    if not isinstance(value, str):
        return None
    return " ".join(html.unescape(value).split()) or None


def _ld_name(value: Any) -> str | None:
    """The name of a Person or Organization (or a list of them, or a bare string)."""
    if isinstance(value, list):
        return next((name for name in map(_ld_name, value[:20]) if name), None)
    if isinstance(value, Mapping):
        return _ld_text(_get(value, "name"))
    return _ld_text(value)


def _mappings(value: Any) -> list[Mapping[str, Any]]:
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, Mapping)]


def _first_mapping(value: Any) -> Mapping[str, Any] | None:
    return next(iter(_mappings(value)), None)


def _rating(value: Any) -> str | None:
    """The rating's own words ("False", "Misleading") when it has them, else "2/5"."""
    rating = _first_mapping(value)
    if rating is None:
        return _ld_text(value)
    named = _ld_text(_get(rating, "alternateName")) or _ld_text(_get(rating, "name"))
    if named:
        return named
    score, best = _ld_text(_get(rating, "ratingValue")), _ld_text(_get(rating, "bestRating"))
    return f"{score}/{best}" if score and best else score


def _language(value: Any) -> str | None:
    """``inLanguage`` as given: a code, or a Language object (its code when it has one)."""
    language = _first_mapping(value)
    if language is None:
        return _ld_text(value)
    return _ld_text(_get(language, "alternateName")) or _ld_text(_get(language, "name"))


def _first_seen(item: Mapping[str, Any] | None) -> date | None:
    """The earliest date the reviewed claim is known to have appeared."""
    if item is None:
        return None
    days = [to_day(_ld_text(_get(item, "datePublished")), "itemReviewed.datePublished")]
    for key in ("firstAppearance", "appearance"):
        for work in _mappings(_get(item, key))[:100]:
            days.append(to_day(_ld_text(_get(work, "datePublished")), f"{key}.datePublished"))
    return min((day for day in days if day), default=None)
