"""Ranking details of the narrative index: quote styles do not decide between copies, and
the probabilities of ranked hits never rise down the list."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from launderlens.narratives import NarrativeIndex, NarrativeRecord
from launderlens.narratives.index import Hit, dense_query, monotone_scores, plain_quotes
from launderlens.narratives.match import rerank_hits


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


def test_copies_in_another_quote_style_tie_and_keep_import_order() -> None:
    first = NarrativeRecord("double", 'The minister called the vote "a total fraud".')
    second = NarrativeRecord("single", "The minister called the vote 'a total fraud'.")
    other = NarrativeRecord("other", "Fuel prices will triple next winter.")
    index = NarrativeIndex(encoder=CharacterEncoder())
    index.add([first, second, other])
    hits = index.search("minister says the vote was \u2018a total fraud\u2019", top=3)
    assert [h.record for h in hits[:2]] == ["double", "single"]
    assert hits[0].cosine == hits[1].cosine and hits[0].fused == hits[1].fused
    # the same two texts read raw give the encoder two different vectors
    raw = CharacterEncoder().encode([first.claim, second.claim])
    assert float(raw[0] @ raw[1]) < 0.999


def _hit(record: str, score: float, fused: float, phrasing: str = "x") -> Hit:
    return Hit(record, score, fused, fused, 0.5, "bm25+embeddings", phrasing)


def test_a_lower_hit_never_shows_a_higher_probability() -> None:
    hits = [_hit("a", 0.40, 0.5), _hit("b", 0.70, 0.4), _hit("c", 0.10, 0.3),
            _hit("d", 0.20, 0.2)]
    capped = monotone_scores(hits)
    assert [h.record for h in capped] == ["a", "b", "c", "d"]
    assert [h.score for h in capped] == [0.40, 0.40, 0.10, 0.10]
    assert [h.fused for h in capped] == [0.5, 0.4, 0.3, 0.2]


def test_index_and_rerank_return_probabilities_that_fall_down_the_list() -> None:
    records = [NarrativeRecord("r1", "Officials stole the aid money through shell companies."),
               NarrativeRecord("r2", "The aid money was not stolen by officials."),
               NarrativeRecord("r3", "Aid convoys were delayed at the border crossing."),
               NarrativeRecord("r4", "Shell companies hid the money of the officials.")]
    index = NarrativeIndex(encoder=CharacterEncoder())
    index.add(records)
    for query in ("officials stole aid money", "the aid was never stolen",
                  "shell companies and the border"):
        hits = index.search(query, top=4)
        assert all(a.score >= b.score for a, b in pairwise(hits))
        reranked = [h for h, _ in rerank_hits(query, hits)]
        assert all(a.fused >= b.fused for a, b in pairwise(reranked))
        assert all(a.score >= b.score for a, b in pairwise(reranked))


def test_rerank_caps_a_raised_neighbour_but_keeps_its_reasons() -> None:
    hits = [_hit("agrees", 0.30, 0.50, "Officials stole the aid money"),
            _hit("denies", 0.90, 0.45, "Officials never stole the aid money")]
    out = rerank_hits("Officials stole the aid money", hits)
    assert [h.record for h, _ in out] == ["agrees", "denies"]
    assert out[1][1] and "negation" in out[1][1][0]
    assert out[1][0].score <= out[0][0].score


def test_rerank_reads_a_record_the_same_in_any_quote_style() -> None:
    for query, phrasing in (("Smith never crashed the wedding", "Smith 'crashed' a wedding"),
                            ("Russia attacked Georgia", "'Georgia' attacked Russia")):
        reasons = []
        for style in (phrasing, phrasing.replace("'", '"'),
                      phrasing.replace("'", "\u2018", 1).replace("'", "\u2019")):
            [(_, why)] = rerank_hits(query, [_hit("r", 0.5, 0.5, style)])
            reasons.append(why)
        assert reasons[0] and reasons[0] == reasons[1] == reasons[2], reasons
