"""Merging one component in an executor gives what StoryIndex gives for the same articles
(no Spark needed: the executor-side functions are plain Python)."""

from __future__ import annotations

from typing import Any

import numpy as np

from launderlens.rewrites.cluster import StoryIndex
from launderlens.rewrites.origin import Doc
from launderlens.rewrites.similarity.lexical import tokenize
from launderlens.spark.merge import Member, merge_component
from launderlens.spark.rows import order_key
from launderlens.spark.vectors import (
    THRESHOLD,
    named_terms,
    pair_scores,
    sparse_rows,
    term_counts,
    vectorise,
)


def test_term_counts_from_the_texts_tokens_equal_those_of_the_index_text(
        corpus: Any) -> None:
    cases = [(a.title, a.text) for a in corpus(40, seed=5)] + [
        (None, "Only a text, 4.2 km"), ("", "An empty title"), ("Ends mid-", "-word here"),
        ("Italy's 1,340 troops", "u.s. al-Assad\n13:05"), ("Заголовок", "Текст статьи.")]
    for title, text in cases:
        assert term_counts(title, text, tokenize(text)) == term_counts(title, text)
        assert list(term_counts(title, text, tokenize(text))) == \
            list(term_counts(title, text))  # the same order: columns number terms by it


def test_components_merge_as_the_local_index_does(corpus: Any) -> None:
    articles = corpus(300, seed=3)
    index = StoryIndex(backends=("lexical",)).fit(articles)
    lexical = index._backends["lexical"]
    vocabulary = lexical.vocabulary_
    frequency = {t: int(lexical.document_frequency_[c]) for t, c in vocabulary.items()}
    members, vectors = [], {}
    for article in articles:
        counts = term_counts(article.title, article.text)
        v = vectorise(counts, named_terms(article.text, counts), frequency, len(articles),
                      vocabulary)
        vectors[article.id] = v
        stamp = article.published.timestamp() if article.published else None
        members.append(Member(Doc.of(article), order_key(stamp, article.id),
                              {vocabulary[t]: w for t, w in v.words.items()},
                              v.anchors, {t: vocabulary[t] for t in v.anchors}))
    # every pair the scores join, scored the executor's way: one component per story
    # of the local result, so merging each must give back exactly that story
    by_id = {m.doc.id: m for m in members}
    for story in index.stories_:
        if len(story.members) < 2:
            continue
        group = [by_id[i] for i in story.members]
        edges = []
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                score = executor_score(vectors[group[x].doc.id], vectors[group[y].doc.id],
                                       vocabulary)
                rows = np.array([index.ids_.index(group[x].doc.id)]), \
                    np.array([index.ids_.index(group[y].doc.id)])
                assert abs(score - float(index.pair_scores(*rows)[0])) < 1e-6  # float32
                if score >= THRESHOLD:
                    edges.append((group[x].doc.id, group[y].doc.id, score))
        merged = merge_component(group, edges, THRESHOLD)
        assert any(s.members == story.members and s.origin == story.origin
                   and s.key_terms == story.key_terms for s in merged)


def executor_score(a: Any, b: Any, vocabulary: dict[str, int]) -> float:
    """The score of two articles' vectors as a batch in an executor computes it."""
    def rows(part: str) -> Any:
        sides = [getattr(a, part), getattr(b, part)]
        return sparse_rows([[vocabulary[t] for t in side] for side in sides],
                           [list(side.values()) for side in sides])

    return float(pair_scores(rows("words"), rows("anchors"), np.array([0]),
                             np.array([1]))[1][0])
