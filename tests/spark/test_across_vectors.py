"""The cross-language anchor rows Spark builds carry each anchor's story evidence, read
once per term of the vocabulary: every row gives a column the same evidence, and each
article's evidence is that of its own anchors. The texts are written for these tests, on
invented events."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from launderlens.languages.translit import crosslingual_anchors
from launderlens.rewrites.similarity.crosslingual import story_evidence

pytestmark = pytest.mark.spark

TOLD = [
    ("a", "ru", "Мэр Ольга Веснина сообщила, что 12 марта 2024 года вода затопила в Твери "
                "1 900 домов и 2 школы."),
    ("b", "en", "Mayor Olga Vesnina said water flooded 1,900 homes and 2 schools in Tver on "
                "12 March 2024."),
    ("c", "en", "The Marlow library will stay open until ten at night in 2024."),
]


def test_each_row_carries_the_evidence_of_its_own_anchors(spark: Any) -> None:
    from launderlens.spark.crosslingual import across_vectors

    articles = spark.createDataFrame([(ident, None, text, None) for ident, _, text in TOLD],
                                     "id string, title string, text string, "
                                     "published_ts double")
    languages = spark.createDataFrame([(ident, lang) for ident, lang, _ in TOLD],
                                      "id string, lang string")
    vectors = across_vectors(articles, languages)
    assert vectors is not None
    rows = {r["id"]: r for r in vectors.collect()}
    by_column: dict[int, int] = {}
    for ident, _, text in TOLD:
        row = rows[ident]
        assert list(row["across_columns"]) == sorted(row["across_columns"])
        for column, evidence in zip(row["across_columns"], row["across_evidence"],
                                    strict=True):
            assert by_column.setdefault(column, evidence) == evidence
        assert Counter(row["across_evidence"]) == Counter(
            story_evidence(key) for key in crosslingual_anchors(text))
    vectors.unpersist()
