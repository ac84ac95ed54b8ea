"""The per-batch executor work gives what the per-article library functions give: the
MinHash band keys of a whole batch at once equal the library's signatures banded one text
at a time, and the vocabulary joined to each article's terms (a large corpus) gives the
same vectors as the vocabulary broadcast whole (a small one) and the local index's."""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np
import pytest

from launderlens.rewrites.similarity.lexical import tokenize
from launderlens.rewrites.similarity.verbatim import minhash_signatures
from launderlens.spark.vectors import BANDS, ROWS, WordHashes, word_band_keys

ODD = ["", "   ...  ", "one", "two words", "Exactly three words", "ÉCOLE fermée à Lyon, 12,5 %",
       "Москва: 3 человека", "a b c a b c a b c"]


def _library_keys(texts: list[str]) -> list[list[int]]:
    """Band keys from the library's own signatures, one text at a time."""
    keys = []
    for signature in minhash_signatures(texts, num_perm=BANDS * ROWS):
        if (signature == np.uint32(0xFFFFFFFF)).all():
            keys.append([])
            continue
        keys.append([zlib.crc32(signature[b * ROWS:(b + 1) * ROWS].tobytes()) << 8 | b
                     for b in range(BANDS)])
    return keys


def test_batch_band_keys_equal_the_library_signatures(corpus: Any) -> None:
    texts = [a.text for a in corpus(150, seed=4)] + ODD
    hashes = WordHashes()
    words = [tokenize(t) for t in texts]
    expected = _library_keys(texts)
    assert word_band_keys(words, hashes) == expected
    # a second batch through the same word cache, in another order and split
    assert word_band_keys(words[::-1], hashes) == expected[::-1]
    assert [k for k in expected if k] and [] in expected


def test_a_long_text_spans_many_blocks() -> None:
    text = " ".join(f"w{i % 977} x{i % 13}" for i in range(20_000))
    assert word_band_keys([tokenize(text), tokenize("short one here")]) == \
        _library_keys([text, "short one here"])


@pytest.mark.spark
def test_joined_vocabulary_gives_the_broadcast_vectors(spark: Any, corpus: Any) -> None:
    import pandas as pd

    from launderlens.spark.candidates import vectorise_articles
    from launderlens.spark.rows import article_row

    articles = corpus(160, seed=8)
    frame = spark.createDataFrame(pd.DataFrame([article_row(a) for a in articles]))
    small = vectorise_articles(frame)
    large = vectorise_articles(frame, broadcast_terms=0)
    try:
        def rows(vectors: Any) -> dict[str, dict[str, Any]]:
            return {r["id"]: r.asDict() for r in vectors.collect()}

        broadcast, joined = rows(small), rows(large)
        assert len(broadcast) == len(articles) and broadcast == joined
        # the columns and frequencies are the local index's
        from launderlens.rewrites.cluster import StoryIndex
        from launderlens.spark.candidates import tokenise_articles, vocabulary

        lexical = StoryIndex(backends=("lexical",)).fit(articles)._backends["lexical"]
        local = {t: (int(lexical.document_frequency_[c]), c)
                 for t, c in lexical.vocabulary_.items()}
        ours = {r["term"]: (r["df"], r["column"])
                for r in vocabulary(tokenise_articles(frame)).collect()}
        assert ours == local
    finally:
        small.unpersist()
        large.unpersist()
