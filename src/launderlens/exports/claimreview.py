"""Analyses in; ClaimReview JSON-LD drafts out, one per flagged claim, for a fact-checker
to complete, rate and publish.

A claim is flagged when the analyzer found it check-worthy and at least one finding sits
in its sentence. A draft holds what launderlens knows: the claim, where it appeared
(URL, headline, date, outlet), whom the sentence credits, and the findings as evidence in
``description``. What only a person may write is left for them: the rating (marked
``DRAFT — to be completed``), the review's author and its publication date. launderlens
never issues a verdict.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from .. import __version__
from ..report.safety import http_url
from . import ExportResult, Progress, iter_analyses

if TYPE_CHECKING:
    from ..claims.analyze import Analysis, Analyzer
    from ..findings import Attribution, Finding
    from ..store import Store

__all__ = ["DRAFT_RATING", "claimreview_drafts", "export_claimreview", "write_drafts"]

#: The rating's ``alternateName`` until a fact-checker writes theirs.
DRAFT_RATING = "DRAFT — to be completed"
_AUTHOR_PLACEHOLDER = "TO BE COMPLETED: the fact-checking organisation"


def claimreview_drafts(analysis: Analysis, *, generated_at: datetime | None = None
                       ) -> list[dict[str, Any]]:
    """A ClaimReview draft for each check-worthy claim of ``analysis`` that has findings."""
    when = (generated_at or datetime.now(UTC)).date().isoformat()
    by_sentence: dict[int, list[Finding]] = {}
    for finding in analysis.findings:
        # residue says how the text was made and a technique how it persuades, not whether
        # a claim is true: no review
        if finding.sentence is not None and finding.kind not in ("machine_residue",
                                                                 "propaganda_technique"):
            by_sentence.setdefault(finding.sentence, []).append(finding)
    credit = {a.sentence: a for a in analysis.attributions}
    drafts = []
    for claim in sorted(analysis.claims, key=lambda c: c.sentence):
        findings = by_sentence.get(claim.sentence)
        if not claim.check_worthy or not findings:
            continue
        if not 0 <= claim.sentence < len(analysis.sentences):
            continue
        text = analysis.sentences[claim.sentence].text
        drafts.append({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": f"launderlens:{analysis.article.id}:{claim.sentence}",
            "claimReviewed": " ".join(text.split()),
            "itemReviewed": _claim(analysis, credit.get(claim.sentence)),
            "author": {"@type": "Organization", "name": _AUTHOR_PLACEHOLDER},
            "reviewRating": {"@type": "Rating", "alternateName": DRAFT_RATING},
            "description": _note(findings, when),
        })
    return drafts


def _claim(analysis: Analysis, credited: Attribution | None) -> dict[str, Any]:
    """The schema.org Claim: who made it and where it appeared."""
    article = analysis.article
    outlet = article.outlet or article.domain
    appearance: dict[str, Any] = {"@type": "NewsArticle"}
    url = http_url(article.url)
    if url:
        appearance["url"] = url
    if article.title:
        appearance["headline"] = article.title
    if article.published:
        appearance["datePublished"] = article.published.isoformat()
    if outlet:
        appearance["publisher"] = {"@type": "Organization", "name": outlet}
    if article.byline:
        appearance["author"] = {"name": article.byline}
    claim: dict[str, Any] = {"@type": "Claim", "appearance": [appearance]}
    if article.published:
        claim["datePublished"] = article.published.date().isoformat()
    # The claimant is whom the sentence credits by name; an unnamed ("critics say") or
    # missing source leaves the outlet as the one making the claim.
    if credited is not None and credited.source and credited.kind not in ("vague", "none"):
        kind = "Person" if credited.kind == "person" else "Organization"
        claim["author"] = {"@type": kind, "name": credited.source}
    elif outlet:
        claim["author"] = {"@type": "Organization", "name": outlet}
    return claim


def _note(findings: Iterable[Finding], when: str) -> str:
    lines = [f"Draft prepared by launderlens {__version__} on {when}; not a verdict. "
             "Findings to check:"]
    for number, finding in enumerate(findings, 1):
        lines.append(f"{number}. [{finding.severity}] {finding.kind} (confidence "
                     f"{finding.confidence:.2f}): {finding.message}")
        for evidence in finding.evidence:
            source = f" ({evidence.source})" if evidence.source else ""
            lines.append(f"   evidence, {evidence.kind}: {evidence.text}{source}")
    return "\n".join(lines)


def write_drafts(drafts: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write ``drafts`` as one JSON array, element by element; returns how many."""
    count = 0
    out.write("[")
    for draft in drafts:
        out.write(("," if count else "") + "\n" + json.dumps(draft, ensure_ascii=False))
        count += 1
    out.write("\n]\n")
    return count


def export_claimreview(store: Store, analyzer: Analyzer, out: TextIO, *,
                       generated_at: datetime | None = None,
                       progress: Progress | None = None) -> ExportResult:
    """Analyse every stored article and write the drafts of its flagged claims to ``out``
    as a JSON array of ClaimReview objects."""
    result = ExportResult("claimreview")
    drafts = (draft for analysis in iter_analyses(store, analyzer, result, progress)
              for draft in claimreview_drafts(analysis, generated_at=generated_at))
    result.exported = write_drafts(drafts, out)
    return result
