"""Merging one component in an executor gives what StoryIndex gives for the same articles
(no Spark needed: the executor-side functions are plain Python)."""

from __future__ import annotations

from typing import Any

import numpy as np

from launderlens.rewrites.cluster import StoryIndex
from launderlens.rewrites.origin import Doc
from launderlens.spark.merge import Member, merge_component
from launderlens.spark.rows import order_key
from launderlens.spark.vectors import THRESHOLD, pair_score, term_counts, vectorise


def test_components_merge_as_the_local_index_does(corpus: Any) -> None:
    articles = corpus(300, seed=3)
    index = StoryIndex(backends=("lexical",)).fit(articles)
    lexical = index._backends["lexical"]
    vocabulary = lexical.vocabulary_
    frequency = {t: int(lexical.document_frequency_[c]) for t, c in vocabulary.items()}
    members, vectors = [], {}
    for article in articles:
        v = vectorise(article.title, article.text, term_counts(article.title, article.text),
                      frequency, len(articles), vocabulary)
        vectors[article.id] = v
        stamp = article.published.timestamp() if article.published else None
        members.append(Member(Doc.of(article), order_key(stamp, article.id), v.words,
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
                a, b = vectors[group[x].doc.id], vectors[group[y].doc.id]
                score = pair_score(a.words, a.anchors, b.words, b.anchors)
                rows = np.array([index.ids_.index(group[x].doc.id)]), \
                    np.array([index.ids_.index(group[y].doc.id)])
                assert abs(score - float(index.pair_scores(*rows)[0])) < 1e-5
                if score >= THRESHOLD:
                    edges.append((group[x].doc.id, group[y].doc.id, score))
        merged = merge_component(group, edges, THRESHOLD)
        assert any(s.members == story.members and s.origin == story.origin
                   and s.key_terms == story.key_terms for s in merged)
