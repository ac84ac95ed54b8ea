"""Ranking details of the narrative index: copies of one record in other quote styles fold
into one hit, the probabilities of ranked hits never rise down the list, and the rerank
lowers a disagreeing hit's probability without moving it."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np
import pytest

from launderlens.narratives import NarrativeIndex, NarrativeRecord
from launderlens.narratives.index import Hit, dense_query, monotone_scores, plain_quotes
from launderlens.narratives.rerank import DISAGREEMENT_FACTOR, rerank_hits


class CharacterEncoder:
    """Counts of each character, hashed: a vector that changes with any quote mark."""

    name = "characters"
    dimension = 97

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            for char in text:
                rows[i, ord(char) % self.dimension] += 1.0
        return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)


def test_plain_quotes_writes_quotations_one_way_and_keeps_apostrophes() -> None:
    assert plain_quotes("He said \u2018we can\u2019t pay\u2019.") == 'He said "we can\'t pay".'
    assert plain_quotes("the \u201cnew\u201d order") == 'the "new" order'
    assert plain_quotes("a 'staged' attack, didn't it") == 'a "staged" attack, didn\'t it'
    assert plain_quotes("no quotes at all") == "no quotes at all"


def test_dense_query_reads_plain_quotes() -> None:
    assert dense_query("Mayor \u2018resigned\u2019 https://t.co/x") == 'Mayor "resigned"'


def test_copies_in_another_quote_style_fold_into_the_first_imported() -> None:
    first = NarrativeRecord("double", 'The minister called the vote "a total fraud".')
    second = NarrativeRecord("single", "The minister called the vote 'a total fraud'.")
    spaced = NarrativeRecord("spaced", "The minister called the  vote ‘A total fraud’.")
    other = NarrativeRecord("other", "Fuel prices will triple next winter.")
    index = NarrativeIndex(encoder=CharacterEncoder())
    index.add([first, second, other, spaced])
    hits = index.search("minister says the vote was ‘a total fraud’", top=3)
    assert [h.record for h in hits] == ["double", "other"]
    assert hits[0].duplicates == ("single", "spaced") and hits[1].duplicates == ()
    assert hits[0].as_dict()["duplicates"] == ["single", "spaced"]
    # the same two texts read raw give the encoder two different vectors
    raw = CharacterEncoder().encode([first.claim, second.claim])
    assert float(raw[0] @ raw[1]) < 0.999


def test_records_that_differ_in_a_word_are_not_folded() -> None:
    index = NarrativeIndex()
    index.add([NarrativeRecord("a", "The minister called the vote a fraud."),
               NarrativeRecord("b", "The minister called the vote no fraud.")])
    hits = index.search("minister vote fraud", top=5)
    assert sorted(h.record for h in hits) == ["a", "b"]
    assert all(h.duplicates == () for h in hits)


def _hit(record: str, score: float, fused: float, phrasing: str = "x") -> Hit:
    return Hit(record, score, fused, fused, 0.5, "bm25+embeddings", phrasing)


def test_a_lower_hit_never_shows_a_higher_probability() -> None:
    hits = [_hit("a", 0.40, 0.5), _hit("b", 0.70, 0.4), _hit("c", 0.10, 0.3),
            _hit("d", 0.20, 0.2)]
    capped = monotone_scores(hits)
    assert [h.record for h in capped] == ["a", "b", "c", "d"]
    assert [h.score for h in capped] == [0.40, 0.40, 0.10, 0.10]
    assert [h.fused for h in capped] == [0.5, 0.4, 0.3, 0.2]


def test_rerank_keeps_the_index_order_and_lowers_only_what_disagrees() -> None:
    records = [NarrativeRecord("r1", "Officials stole the aid money through shell companies."),
               NarrativeRecord("r2", "The aid money was not stolen by officials."),
               NarrativeRecord("r3", "Aid convoys were delayed at the border crossing."),
               NarrativeRecord("r4", "Shell companies hid the money of the officials.")]
    index = NarrativeIndex(encoder=CharacterEncoder())
    index.add(records)
    lowered = 0
    for query in ("officials stole aid money", "the aid money was stolen by officials",
                  "shell companies and the border"):
        hits = index.search(query, top=4)
        assert all(a.score >= b.score for a, b in pairwise(hits))
        reranked = rerank_hits(query, hits)
        assert [h.record for h, _ in reranked] == [h.record for h in hits]
        for before, (after, why) in zip(hits, reranked, strict=True):
            assert after.fused == before.fused
            assert (after.score < before.score) == bool(why)
            lowered += bool(why)
        # the probabilities of the hits nothing lowered still fall down the list
        kept = [h.score for h, why in reranked if not why]
        assert all(a >= b for a, b in pairwise(kept))
    assert lowered  # "was not stolen" against "was stolen"


def test_a_denied_record_keeps_its_rank_with_a_lower_probability_and_its_reason() -> None:
    hits = [_hit("denies", 0.60, 0.50, "Officials never stole the aid money"),
            _hit("other", 0.50, 0.45, "Aid money reached the officials late")]
    out = rerank_hits("Officials stole the aid money", hits)
    assert [h.record for h, _ in out] == ["denies", "other"]
    assert out[0][1] and "negation" in out[0][1][0] and out[1][1] == ()
    assert out[0][0].score == pytest.approx(0.60 * DISAGREEMENT_FACTOR)
    assert out[1][0].score == 0.50


def test_rerank_reads_a_record_the_same_in_any_quote_style() -> None:
    for query, phrasing in (("Smith never crashed the wedding", "Smith 'crashed' a wedding"),
                            ("Russia attacked Georgia", "'Georgia' attacked Russia")):
        reasons = []
        for style in (phrasing, phrasing.replace("'", '"'),
                      phrasing.replace("'", "\u2018", 1).replace("'", "\u2019")):
            [(_, why)] = rerank_hits(query, [_hit("r", 0.5, 0.5, style)])
            reasons.append(why)
        assert reasons[0] and reasons[0] == reasons[1] == reasons[2], reasons
