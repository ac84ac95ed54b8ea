"""Reranking of narrative hits (narratives/rerank.py): a record whose phrasing denies what
the sentence asserts, or gives the same two actors in swapped roles, is lowered (its
probability, not its rank) and says why; agreeing phrasings keep their score. Sentences
written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest

from launderlens.narratives import NarrativeMatcher, NarrativeRecord
from launderlens.narratives.index import Hit
from launderlens.narratives.rerank import DISAGREEMENT_FACTOR, disagreements, rerank_hits
from launderlens.store import open_store


@pytest.mark.parametrize(("query", "phrasing", "reason"), [
    ("Poland shelled Belarusian border posts last week.",
     "Belarus shelled Polish border posts.", None),  # different words, nothing swapped
    ("Romania invaded Moldova in the spring.", "Moldova invaded Romania in the spring.", "roles"),
    ("The governor did not lease the port to Chinese buyers.",
     "The governor leased the port to Chinese buyers.", "negation"),
    ("NOBODY leased the port to Chinese buyers, said the Governor.",
     "The Governor leased the port to Chinese buyers.", "negation"),
    ("The governor, not the mayor, leased the port.", "The governor leased the port.", None),

    ("The governor sold the port to Chinese buyers.",
     "The governor never sold the port to Chinese buyers.", "negation"),
    ("Moldova was invaded by Romania in the spring.", "Romania invaded Moldova in the spring.",
     None),  # the passive keeps the roles
    ("The governor sold the port to Chinese buyers.",
     "Governor sold port to buyers from China.", None),
])
def test_disagreements(query: str, phrasing: str, reason: str | None) -> None:
    found = disagreements(query, phrasing)
    if reason is None:
        assert found == ()
    else:
        assert len(found) == 1 and found[0].startswith(reason)


def hit(record: str, score: float, phrasing: str) -> Hit:
    return Hit(record, score, score, 1.0, 0.8, "bm25+embeddings", phrasing)


def test_a_disagreeing_hit_keeps_its_rank_and_shows_less_than_an_agreeing_one() -> None:
    query = "Romania invaded Moldova in the spring."
    ranked = rerank_hits(query, [hit("swap", 0.9, "Moldova invaded Romania in the spring."),
                                 hit("same", 0.8, "Romania invaded Moldova in spring.")])
    assert [h.record for h, _ in ranked] == ["swap", "same"]
    assert ranked[0][0].score == pytest.approx(0.9 * DISAGREEMENT_FACTOR)
    assert ranked[0][0].score < ranked[1][0].score
    assert ranked[0][0].fused == 0.9
    assert ranked[0][1] and ranked[1][1] == ()


def test_matches_and_findings_record_why_a_hit_was_lowered(tmp_path: Path) -> None:
    record = NarrativeRecord("port", "The governor sold the harbour to foreign buyers in secret.")
    with open_store(str(tmp_path / "db.sqlite")) as store:
        matcher = NarrativeMatcher(store, cache=False)
        matcher.import_records([record])
        (denied,) = matcher.search("The governor never sold the harbour to foreign buyers.")
        (said,) = matcher.search("The governor sold the harbour to foreign buyers secretly.")
    assert denied.lowered and denied.as_dict()["lowered"] == list(denied.lowered)
    assert said.lowered == ()
    assert denied.hit.score < said.hit.score
