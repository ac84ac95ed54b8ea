"""ClaimReview drafts: one per flagged claim, with the schema.org keys a fact-checker's
tools expect, and the verdict left to a person."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

from launderlens.claims.analyze import Analysis, Analyzer
from launderlens.demo import DemoResult
from launderlens.exports.claimreview import DRAFT_RATING, claimreview_drafts, export_claimreview
from launderlens.store import Store


def check_draft(draft: dict) -> None:
    assert draft["@context"] == "https://schema.org" and draft["@type"] == "ClaimReview"
    assert set(draft) >= {"claimReviewed", "itemReviewed", "author", "reviewRating"}
    assert "datePublished" not in draft  # the fact-checker publishes it
    assert draft["reviewRating"] == {"@type": "Rating", "alternateName": DRAFT_RATING}
    assert draft["author"]["@type"] == "Organization" and "TO BE COMPLETED" in \
        draft["author"]["name"]
    item = draft["itemReviewed"]
    assert item["@type"] == "Claim" and item["appearance"]
    assert draft["claimReviewed"].strip()
    assert "not a verdict" in draft["description"]


def test_demo_drafts(demo_store: tuple[Store, DemoResult]) -> None:
    store, demo = demo_store
    out = io.StringIO()
    result = export_claimreview(store, Analyzer(semantic=False), out)
    drafts = json.loads(out.getvalue())
    assert result.ok and result.exported == len(drafts) > 0
    flagged = 0
    for analysis in demo.analyses:
        on = {f.sentence for f in analysis.findings}
        flagged += sum(c.check_worthy and c.sentence in on for c in analysis.claims)
    assert len(drafts) == flagged
    for draft in drafts:
        check_draft(draft)
        appearance = draft["itemReviewed"]["appearance"][0]
        assert appearance["url"].startswith("https://")
        assert appearance["headline"] and appearance["publisher"]["name"]
        assert datetime.fromisoformat(appearance["datePublished"]).tzinfo is not None


def test_draft_of_a_hostile_article(hostile: Analysis) -> None:
    drafts = claimreview_drafts(hostile, generated_at=datetime(2025, 11, 2, tzinfo=UTC))
    # Sentence 0 is not check-worthy; sentence 2 has no finding: only sentence 1 is flagged.
    (draft,) = drafts
    check_draft(draft)
    assert draft["identifier"] == f"launderlens:{hostile.article.id}:1"
    assert draft["claimReviewed"] == hostile.sentences[1].text
    item = draft["itemReviewed"]
    assert "url" not in item["appearance"][0]  # javascript: is not an address
    # A vague source is no claimant: the outlet stands behind the claim.
    assert item["author"] == {"@type": "Organization", "name": "+Outlet"}
    assert "2025-11-02" in draft["description"]
    assert "Aid to Kyiv is stolen (https://debunk.example/1)" in draft["description"]
    assert "vague_attribution" in draft["description"]


def test_a_named_source_is_the_claimant(hostile: Analysis) -> None:
    from dataclasses import replace

    from launderlens.findings import Attribution

    named = replace(hostile, attributions=(Attribution(1, "Jane Roe", "person"),))
    (draft,) = claimreview_drafts(named)
    assert draft["itemReviewed"]["author"] == {"@type": "Person", "name": "Jane Roe"}


def test_failures_are_counted(demo_store: tuple[Store, DemoResult], failing: type) -> None:
    store, demo = demo_store
    out = io.StringIO()
    result = export_claimreview(store, failing(""), out)  # every article fails
    assert len(result.failed) == len(demo.analyses) and result.exported == 0
    assert json.loads(out.getvalue()) == []
