"""The narrative index: BM25 and vectors fused, records replaced in place, partitioned
vector search that agrees with brute force."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from launderlens.narratives import NarrativeIndex, NarrativeRecord
from launderlens.narratives.index import BM25, clean_query, split_compound, terms
from launderlens.narratives.vectors import VectorIndex

CATALOGUE = [
    NarrativeRecord("aid", "The president stole Western aid money through shell companies.",
                    phrasings=("Officials embezzled billions in foreign assistance",)),
    NarrativeRecord("labs", "Secret laboratories in the country develop biological weapons.",
                    phrasings=("Pentagon-funded biolabs make pathogens",)),
    NarrativeRecord("talks", "Western leaders sabotaged the spring peace talks.",
                    title="Peace deal blocked by the West"),
    NarrativeRecord("dam", "The dam was destroyed by its own defenders to flood the front."),
]


class BagOfWords:
    """A tiny deterministic encoder: hashed word counts, unit length."""

    name = "bag-of-words"
    dimension = 64

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            for term in terms(text):
                rows[i, sum(map(ord, term)) % self.dimension] += 1.0
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.maximum(norms, 1e-9)


def test_terms_drop_function_words_and_join_inflections() -> None:
    assert terms("The officials siphoned the funds") == terms("official siphoning fund")
    assert "the" not in terms("The officials siphoned the funds")


def test_clean_query_removes_links_and_splits_tags() -> None:
    cleaned = clean_query("Look #AustralianFires @realPerson https://t.co/xyz pic.twitter.com/a")
    assert "http" not in cleaned and "pic.twitter" not in cleaned
    assert "Australian Fires" in cleaned and "real Person" in cleaned


def test_split_compound_cuts_a_one_case_tag_into_known_words() -> None:
    counts = {"harbour": 4, "ferry": 2, "strike": 7, "day": 30}
    assert split_compound("harbourferrystrike", counts) == ["harbour", "ferry", "strike"]
    assert split_compound("strikeoftheday", counts) == ["strike", "of", "the", "day"]
    # known already, too short, or no cut into known words: left whole
    assert split_compound("strike", counts) == ["strike"]
    assert split_compound("xqzvbnmlk", counts) == ["xqzvbnmlk"]


def test_split_compound_takes_the_likelier_of_equally_few_pieces() -> None:
    counts = {"season": 20, "send": 2, "seasons": 5, "end": 40}
    assert split_compound("seasonsend", counts) == ["seasons", "end"]
    counts = {"season": 20, "send": 40, "seasons": 5, "end": 2}
    assert split_compound("seasonsend", counts) == ["season", "send"]


def test_split_compound_leaves_a_name_that_function_words_would_glue() -> None:
    # one content word and glue: the terms would keep only a fragment of the name
    counts = {"in": 900, "he": 400, "bramwell": 3, "rock": 12}
    assert split_compound("inbramwell", counts) == ["inbramwell"]
    assert split_compound("herock", counts) == ["herock"]
    assert split_compound("inbramwellrock", counts) == ["in", "bramwell", "rock"]


def test_split_compound_leaves_a_name_of_rare_three_letter_words() -> None:
    rare = {"rub": 2, "kin": 1, "vex": 40, "qtr": 1, "harbour": 6}
    assert split_compound("rubkin", rare) == ["rubkin"]
    assert split_compound("vexkin", rare) == ["vexkin"]
    assert split_compound("rubkin", {"rub": 30, "kin": 9}) == ["rub", "kin"]
    # without a vowel three letters are an abbreviation, no syllable of a name
    assert split_compound("qtrharbour", rare) == ["qtr", "harbour"]


def test_clean_query_cuts_one_case_tags_only_with_a_vocabulary() -> None:
    text = "Ferries stopped #harbourferrystrike @MayorOfPortvale"
    counts = dict.fromkeys(["harbour", "ferry", "strike", "mayor", "portvale"], 1)
    assert "harbourferrystrike" in clean_query(text)
    cut = clean_query(text, counts)
    assert "harbour ferry strike" in cut and "Mayor Of Portvale" in cut


def test_a_one_case_hashtag_meets_the_record_that_spells_its_words() -> None:
    index = NarrativeIndex()
    index.add([*CATALOGUE, NarrativeRecord(
        "ferry", "A harbour ferry strike stranded commuters for a week.")])
    hit = index.search("Stuck again tonight #harbourferrystrike")[0]
    assert hit.record == "ferry" and hit.shared_terms >= 3


def test_words_of_records_added_after_a_search_cut_tags_too() -> None:
    index = NarrativeIndex()
    index.add(CATALOGUE)
    assert not index.word_counts()["lighthouse"]
    index.search("#lighthousekeeperstrike")  # reads the catalogue's words once
    index.add([NarrativeRecord("keeper", "The lighthouse keeper went on strike.")])
    assert index.word_counts()["lighthouse"] == index.word_counts()["keeper"] == 1
    assert index.search("#lighthousekeeperstrike")[0].shared_terms == 3


def test_bm25_prefers_the_document_with_the_rarer_shared_terms() -> None:
    index = BM25()
    for text in ["aid money stolen", "money money money", "weather report today"]:
        index.add(terms(text))
    scores, best = index.scores(terms("stolen aid"))
    assert scores.argmax() == 0 and 0 < scores[0] <= best
    assert scores[2] == 0.0


def test_lexical_search_finds_a_paraphrase_and_names_the_retriever() -> None:
    index = NarrativeIndex()
    index.add(CATALOGUE)
    hits = index.search("They say officials embezzled billions of aid through shell firms")
    assert hits[0].record == "aid"
    assert hits[0].retriever == "bm25" and hits[0].cosine is None
    assert 0.0 <= hits[0].score <= 1.0
    assert len({h.record for h in hits}) == len(hits)  # one hit per record


def test_unrelated_text_scores_low() -> None:
    index = NarrativeIndex()
    index.add(CATALOGUE)
    related = index.search("the president stole aid through shell companies")[0]
    unrelated = index.search("A quiet meeting of ministers took place in the palace.")
    assert all(hit.score < related.score for hit in unrelated)


def test_adding_a_record_again_replaces_it() -> None:
    index = NarrativeIndex()
    index.add(CATALOGUE)
    index.add([NarrativeRecord("dam", "Grain exports were blocked by the navy.")])
    assert len(index) == 4
    assert index.search("dam destroyed flood")[:1] == [] or \
        index.search("dam destroyed flood")[0].record != "dam"
    assert index.search("grain exports blocked navy")[0].record == "dam"


def test_fusion_uses_vectors_when_an_encoder_is_given() -> None:
    index = NarrativeIndex(encoder=BagOfWords())
    index.add(CATALOGUE)
    hit = index.search("biolabs make pathogens")[0]
    assert hit.record == "labs" and hit.cosine is not None and hit.cosine > 0.5


def test_partitioned_vector_search_agrees_with_brute_force() -> None:
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(40, 32)).astype(np.float32)
    rows = centres[rng.integers(0, 40, 6000)] + 0.1 * rng.normal(size=(6000, 32))
    rows = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    index = VectorIndex(32, partition_from=2000, probes=8)
    index.add(rows[:5000])
    index.add(rows[5000:])
    queries = rows[rng.integers(0, 6000, 50)] + 0.05 * rng.normal(size=(50, 32))
    agree = 0
    for query in queries.astype(np.float32):
        exact = np.argsort(-index.exact_scores(query))[:5]
        approx = np.argsort(-index.scores(query))[:5]
        agree += len(set(exact) & set(approx))
    assert agree / (5 * len(queries)) >= 0.9


def test_removed_vectors_never_score() -> None:
    index = VectorIndex(4)
    index.add(np.eye(4, dtype=np.float32))
    index.remove(2)
    assert index.scores(np.array([0, 0, 1, 0], dtype=np.float32))[2] == 0.0


@pytest.mark.parametrize("top", [1, 3])
def test_top_limits_the_hits(top: int) -> None:
    index = NarrativeIndex()
    index.add(CATALOGUE)
    assert len(index.search("western aid talks labs dam", top=top)) == top
