"""Claim agreement (narratives/agreement.py): a record whose every phrasing is close to what
the query says outranks one that meets the query in a single phrasing on its topic.
Sentences written for this test."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from launderlens.narratives import NarrativeIndex, NarrativeRecord
from launderlens.narratives.agreement import CLAIM_WEIGHT, agreement, query_sentences


class Table:
    """Fixed unit vectors for known texts."""

    name = "table"
    dimension = 3

    def __init__(self, rows: dict[str, Sequence[float]]) -> None:
        self.rows = {k: np.asarray(v, dtype=np.float32) / np.linalg.norm(v)
                     for k, v in rows.items()}
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen += texts
        return np.stack([self.rows[t] for t in texts])


def test_query_sentences_keeps_sentences_that_can_state_a_claim() -> None:
    text = "The harbour cranes were sold in secret. Wow! The mayor took the money home."
    assert query_sentences(text) == ["The harbour cranes were sold in secret.",
                                     "The mayor took the money home."]
    assert query_sentences("Cranes sold!") == ["Cranes sold!"]


def test_query_sentences_do_not_end_at_abbreviations_or_initials() -> None:
    # the project's segmenter decides, so "U.S." and "Dr." do not cut a claim in two
    text = ("U.S. officials said the harbour cranes were sold in secret. "
            "Dr. Jane R. Smith of the port denied it on Jan. 5 in a letter.")
    assert query_sentences(text) == [
        "U.S. officials said the harbour cranes were sold in secret.",
        "Dr. Jane R. Smith of the port denied it on Jan. 5 in a letter."]
    assert query_sentences("The mayor told U.S. reporters the cranes were sold.") == [
        "The mayor told U.S. reporters the cranes were sold."]


def test_agreement_is_the_mean_over_phrasings_of_the_best_sentence() -> None:
    cosines = np.array([[0.9, 0.1, 0.5],
                        [0.2, 0.7, 0.4]])
    assert agreement(cosines, [0, 1]) == pytest.approx((0.9 + 0.7) / 2)
    assert agreement(cosines, [2]) == pytest.approx(0.5)


QUERY = "The mayor quietly sold the harbour cranes to his cousin"
SAME_CLAIM = "Port equipment went to a relative of the town's leader"
SAME_TITLE = "Did a city head hand port machinery to family?"
TOPIC = "Dock machinery of the town was auctioned last spring"
OTHER_TITLE = "Is the new ferry timetable wrong?"


def test_a_record_stated_in_every_phrasing_outranks_a_topic_neighbour() -> None:
    encoder = Table({QUERY: [1.0, 0.0, 0.0],
                     SAME_CLAIM: [0.8, 0.6, 0.0], SAME_TITLE: [0.78, 0.0, 0.63],
                     TOPIC: [0.82, 0.57, 0.0], OTHER_TITLE: [0.1, 0.0, 0.99]})
    index = NarrativeIndex(encoder=encoder)
    index.add([NarrativeRecord("topic", TOPIC, title=OTHER_TITLE),
               NarrativeRecord("claim", SAME_CLAIM, title=SAME_TITLE)])
    hits = index.search(QUERY, top=2)
    by_id = {h.record: h for h in hits}
    # the neighbour's best phrasing is closer, so it has the higher fused score...
    assert by_id["topic"].fused > by_id["claim"].fused
    # ...but only one of its phrasings says anything like the query
    assert by_id["claim"].agreement == pytest.approx(
        (by_id["claim"].cosine + 0.78 / np.linalg.norm([0.78, 0.0, 0.63])) / 2, abs=1e-3)
    assert [h.record for h in hits] == ["claim", "topic"]
    assert hits[0].ranking == pytest.approx(hits[0].fused + CLAIM_WEIGHT * hits[0].agreement)
    assert hits[0].score >= hits[1].score  # probabilities still fall down the list


def test_without_sentence_vectors_nothing_is_reordered() -> None:
    index = NarrativeIndex()
    index.add([NarrativeRecord("a", "The mayor sold the harbour cranes to his cousin"),
               NarrativeRecord("b", "Harbour cranes were auctioned")])
    hits = index.search(QUERY, top=2)
    assert [h.record for h in hits] == ["a", "b"]
    assert all(h.agreement is None and h.ranking == h.fused for h in hits)


def test_each_sentence_of_a_longer_query_is_compared_with_each_phrasing() -> None:
    first, second = "Nobody asked the council about it.", QUERY + "."
    query = f"{first} {second}"
    encoder = Table({query: [0.6, 0.0, 0.8], first: [0.0, 0.0, 1.0], second: [1.0, 0.0, 0.0],
                     SAME_CLAIM: [0.8, 0.6, 0.0], SAME_TITLE: [0.0, 0.6, 0.8]})
    index = NarrativeIndex(encoder=encoder)
    index.add([NarrativeRecord("claim", SAME_CLAIM, title=SAME_TITLE)])
    (hit,) = index.search(query)
    assert first in encoder.seen and second in encoder.seen
    # the claim is closest to the second sentence (0.8), the title to the first (0.8)
    assert hit.agreement == pytest.approx(0.8, abs=1e-3)
