"""How sure a narrative match is, apart from how it ranks: a cosine well above what unrelated
sentences reach raises a paraphrase's probability without reordering the records, and the
reranking keeps the fused order. Sentences and vectors written for this test."""

from __future__ import annotations

import numpy as np
import pytest

from launderlens.narratives import Hit, NarrativeIndex, NarrativeRecord
from launderlens.narratives.index import DEFAULT_CALIBRATION, LEXICAL_CALIBRATION, Calibration
from launderlens.narratives.rerank import rerank_hits


def test_evidence_is_the_fused_score_until_the_cosine_passes_the_knee() -> None:
    calibration = Calibration(alpha=0.3, slope=10.0, intercept=-5.0, threshold=0.5,
                              chosen_on="test", dense_boost=1.0, dense_knee=0.5)
    fused = np.array([0.3, 0.3, 0.3])
    evidence = calibration.evidence(fused, np.array([0.2, 0.5, 0.8]))
    assert evidence.tolist() == pytest.approx([0.3, 0.3, 0.6])
    assert calibration.evidence(fused, None).tolist() == pytest.approx([0.3, 0.3, 0.3])
    probability = calibration.probability(fused, np.array([0.2, 0.5, 0.8]))
    assert probability[0] == pytest.approx(probability[1]) and probability[2] > probability[1]


def test_the_lexical_calibration_has_no_boost_and_the_default_one_does() -> None:
    assert LEXICAL_CALIBRATION.dense_boost == 0.0
    assert DEFAULT_CALIBRATION.dense_boost > 0.0
    # A paraphrase: few shared words, a cosine only close retellings reach.
    paraphrase = DEFAULT_CALIBRATION.probability(np.array([0.3]), np.array([0.75]))[0]
    # A sentence on the same topic: as many words, a cosine unrelated news reaches.
    topical = DEFAULT_CALIBRATION.probability(np.array([0.3]), np.array([0.45]))[0]
    assert paraphrase >= DEFAULT_CALIBRATION.threshold > topical


class _Table:
    """An encoder that looks sentences up in a table of unit vectors."""

    name = "table"
    dimension = 3

    def __init__(self, rows: dict[str, list[float]]) -> None:
        self.rows = {k: np.asarray(v, dtype=np.float32) / np.linalg.norm(v)
                     for k, v in rows.items()}

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.rows[t] for t in texts])


def test_records_rank_by_the_fused_score_whatever_the_boost() -> None:
    verbatim = "The mayor sold the harbour cranes to a shell company in Cyprus"
    neighbour = "Harbour cranes were scrapped after the mayor lost the vote"
    query = "The mayor sold the harbour cranes to a shell company"
    encoder = _Table({verbatim: [1.0, 0.3, 0.0], neighbour: [1.0, 0.0, 0.0],
                      query: [1.0, 0.05, 0.0]})
    index = NarrativeIndex(encoder=encoder)
    index.add([NarrativeRecord(id="sold", claim=verbatim),
               NarrativeRecord(id="scrapped", claim=neighbour)])
    hits = index.search(query, top=2)
    # Ranked by the fused score: the record the query repeats word for word comes first,
    # though the neighbour's cosine is higher and so is its boost.
    assert [h.record for h in hits] == ["sold", "scrapped"]
    assert hits[0].fused > hits[1].fused and hits[1].cosine > hits[0].cosine  # type: ignore[operator]
    assert [h.record for h, _ in rerank_hits(query, hits)] == ["sold", "scrapped"]


def test_reranking_orders_by_the_fused_score_not_the_probability() -> None:
    word_for_word = Hit("a", 0.6, 0.5, 0.6, 0.55, "bm25+embeddings", "the cranes were sold")
    close_meaning = Hit("b", 0.7, 0.4, 0.2, 0.9, "embeddings", "the cranes went to a buyer")
    ranked = rerank_hits("the cranes were sold", [close_meaning, word_for_word])
    assert [h.record for h, _ in ranked] == ["a", "b"]
