"""The compare library API: article-level scores, the embedding cache in the store."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from launderlens.embeddings.cache import CachedEncoder
from launderlens.model import Article
from launderlens.rewrites.compare import Comparer, anchor_overlap, compare
from launderlens.rewrites.similarity import semantic_available
from launderlens.store import open_store

QUAKE_A = ("A magnitude 6.1 earthquake struck near Vellmar on Tuesday, the Geological "
           "Survey said. Two people were injured in Vellmar and roads were closed. "
           "Aftershocks continued into the night.")
QUAKE_A_COPY = ("Two people were hurt when a 6.1-magnitude quake hit near Vellmar on Tuesday, "
                "according to the Geological Survey. Roads around Vellmar were shut. "
                "Experts warn that a bigger quake is being covered up by the authorities.")
QUAKE_B = ("A magnitude 5.4 earthquake shook Orrin Bay on Friday, seismologists said. "
           "Buildings swayed in Orrin Bay but no injuries were reported. Aftershocks "
           "continued into the night.")


def test_anchor_overlap_counts_shared_names_and_figures() -> None:
    overlap, shared = anchor_overlap(QUAKE_A, QUAKE_A_COPY)
    assert {"vellmar", "6.1", "tuesday"} <= set(shared) and overlap > 0.5
    other, shared_other = anchor_overlap(QUAKE_A, QUAKE_B)
    assert other < overlap and "vellmar" not in shared_other
    assert anchor_overlap("no names here.", QUAKE_A) == (0.0, [])


def test_same_kind_of_event_is_not_the_same_story() -> None:
    copy = compare(QUAKE_A, QUAKE_A_COPY, semantic=False)
    other = compare(QUAKE_A, QUAKE_B, semantic=False)
    assert copy.same_story and not other.same_story
    assert copy.story_score > other.story_score
    # The identical aftershock sentence aligns even across events: the anchors decide.
    assert other.alignment.pairs
    assert copy.alignment.added == (2,)
    assert copy.as_dict()["anchors"]["shared"][:1] == ["6.1"]


def test_stored_sentences_are_used_as_given() -> None:
    a, b = Article.create(QUAKE_A), Article.create(QUAKE_A_COPY)
    from launderlens.ingest.segment import segment

    sa, sb = segment(a), segment(b)
    result = Comparer(semantic=False).compare(a, b, a_sentences=sa[:2], b_sentences=sb)
    assert len(result.a_sentences) == 2 and result.alignment.dropped == ()


@pytest.mark.skipif(not semantic_available(), reason="semantic backend not installed")
def test_sentence_vectors_are_cached_in_the_store(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "cache.db")) as store:
        first = Comparer(semantic=True, store=store)
        plain = Comparer(semantic=True)
        result = first.compare(Article.create(QUAKE_A), Article.create(QUAKE_A_COPY))
        encoder = first.encoder
        assert isinstance(encoder, CachedEncoder) and plain.encoder is not None
        assert encoder.misses == 6 and encoder.hits == 0
        again = Comparer(semantic=True, store=store)
        repeat = again.compare(Article.create(QUAKE_A), Article.create(QUAKE_A_COPY))
        assert isinstance(again.encoder, CachedEncoder)
        assert again.encoder.hits == 6 and again.encoder.misses == 0
        assert repeat.as_dict() == result.as_dict()
        sentences = [s.text for s in result.a_sentences]
        cached = again.encoder.encode(sentences)
        assert np.allclose(cached, plain.encoder.encode(sentences), atol=1e-6)
