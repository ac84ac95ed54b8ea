"""Responses of Google's Fact Check Tools ``claims:search`` in, records out: one page, a
list of pages, or one page a line. One record per claim review, because each reviewer
rates the claim its own way.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import Any

from ...errors import FormatError
from ...narrative import NarrativeRecord, RecordError, record_id
from .base import (
    ImportItem,
    ImportProblem,
    JSONError,
    Lines,
    Options,
    attempt,
    parse_json,
    plain,
    to_day,
)

__all__ = ["factcheck_items", "factcheck_lines"]

def factcheck_items(text: str, options: Options) -> Iterator[ImportItem]:
    """The records of one API page or a JSON list of pages (one page a line is read too)."""
    try:
        document = parse_json(text)
    except JSONError as error:
        if error.more_follows:  # one page a line, in a file not named .jsonl
            yield from factcheck_lines(Lines(io.StringIO(text)), options)
        else:
            yield ImportProblem("document", str(error))
        return
    if isinstance(document, list):
        for number, page in enumerate(document, 1):
            yield from _factcheck_page(page, f"page {number}")
    else:
        yield from _factcheck_page(document, None)


def factcheck_lines(lines: Lines, options: Options) -> Iterator[ImportItem]:
    """The records of one API page a line."""
    for line in lines:
        where = f"line {lines.number}"
        if lines.problem:
            yield ImportProblem(where, lines.problem)
            lines.problem = None
        elif line.strip():
            try:
                yield from _factcheck_page(parse_json(line), where)
            except FormatError as error:
                yield ImportProblem(where, str(error))


def _factcheck_page(page: Any, where: str | None) -> Iterator[ImportItem]:
    claims = page.get("claims", []) if isinstance(page, Mapping) else None
    # A search with no results is {}; anything else without "claims" is the wrong file.
    if not isinstance(claims, list) or (page and not {"claims", "nextPageToken"} & set(page)):
        yield ImportProblem(where or "document",
                            "not a claims:search response (no 'claims' list)")
        return
    for number, claim in enumerate(claims, 1):
        at = f"{where}, claim {number}" if where else f"claim {number}"
        reviews = claim.get("claimReview") if isinstance(claim, Mapping) else None
        if not isinstance(reviews, list) or not reviews:
            yield ImportProblem(at, "no claimReview: nothing says what a fact-checker found")
            continue
        for index, review in enumerate(reviews, 1):
            yield attempt(f"{at}, review {index}" if len(reviews) > 1 else at,
                           _from_api_review, claim, review)


def _from_api_review(claim: Mapping[str, Any], review: Any) -> NarrativeRecord:
    if not isinstance(review, Mapping):
        raise RecordError("a claimReview entry is a JSON object")
    text = plain(claim.get("text"))
    source = review.get("publisher")
    publisher = (plain(source.get("name")) or plain(source.get("site"))
                 if isinstance(source, Mapping) else None)
    url = plain(review.get("url"))
    return NarrativeRecord.from_dict({
        "id": record_id(url) if url else record_id(text, publisher),
        "claim": claim.get("text"),
        "claimant": claim.get("claimant"),
        "first_seen": to_day(claim.get("claimDate"), "claimDate"),
        "rating": review.get("textualRating"),
        "publisher": publisher,
        "debunked": to_day(review.get("reviewDate"), "reviewDate"),
        "urls": [url] if url else [],
        "title": review.get("title"),
        "language": review.get("languageCode"),
    })
