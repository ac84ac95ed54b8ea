"""Across languages, the script-neutral anchors count in a story's score only when the two
articles share a figure or a date, or several names: one minister's name and her city are
what two reports of different events share. Local clustering, adding articles later and
the Spark executor's scoring and merging all read the same rule. The texts are written for
these tests, on invented events."""

from __future__ import annotations

import numpy as np
import pytest

from launderlens.model import Article
from launderlens.rewrites.cluster import StoryIndex
from launderlens.rewrites.origin import Doc
from launderlens.rewrites.similarity.crosslingual import story_joins
from launderlens.spark.crosslingual import shared_kinds
from launderlens.spark.merge import Member, merge_component
from launderlens.spark.rows import order_key
from launderlens.spark.vectors import THRESHOLD, pair_scores, sparse_rows

# One event told in Russian and English (same names, the same date), and another event of
# the same minister in the same city told in Greek: three names shared, no date.
BRIDGE_RU = ("Министр транспорта Ольга Веснина открыла в Твери новый мост через Волгу 12 марта. "
             "По словам строителей, работы заняли почти три года.")
BRIDGE_EN = ("Transport minister Olga Vesnina opened a new bridge over the Volga in Tver on "
             "12 March. The builders said the work took almost three years.")
SCHOOL_EL = ("Η υπουργός Όλγα Βεσνίνα επισκέφθηκε ένα σχολείο στο Τβερ και επαίνεσε τους "
             "δασκάλους. Οι μαθητές τραγούδησαν δύο τραγούδια για τους καλεσμένους.")
# Unrelated English news, so that the shared names are rare enough to find neighbours.
FILLER = [
    "Heavy rain flooded the harbour road in Port Selby on Monday, and the ferry was cancelled.",
    "The Marlow library will stay open until ten at night during the exam season.",
    "A dairy co-operative in Brenvale raised the milk price it pays farmers by two cents.",
    "Fishermen in Kestrel Bay reported the largest herring catch in a decade.",
    "The city orchestra of Lindqvist named a new conductor after a year-long search.",
    "A wildfire near Oakridge forced the evacuation of forty cabins overnight.",
    "Engineers began repairs on the Halden dam after cracks were found in the spillway.",
    "The Greyfield council approved a plan to plant five hundred trees along the canal.",
    "Students at Rowan College staged a protest against higher canteen prices.",
    "A rare white stork was spotted nesting on the church tower of Millbrook.",
    "The regional airline Skylane added a daily flight between Dunmore and Castlereagh.",
    "Police in Westbury recovered three stolen tractors from a barn outside the town.",
]


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    told = [Article.create(BRIDGE_RU, language="ru"), Article.create(BRIDGE_EN, language="en"),
            Article.create(SCHOOL_EL, language="el")]
    return told + [Article.create(text, language="en") for text in FILLER]


def test_a_shared_date_joins_across_languages_and_names_alone_do_not(
        articles: list[Article]) -> None:
    index = StoryIndex(backends=("lexical",)).fit(articles)
    bridge_ru, bridge_en, school = (a.id for a in articles[:3])
    assert set(index.story_of(bridge_ru).members) == {bridge_ru, bridge_en}
    assert index.story_of(school).members == (school,)
    rows = [index.ids_.index(a.id) for a in articles[:3]]
    # The Greek report's anchors add nothing to its pairs' story score.
    assert index._lexical().crosslingual_scores(np.array(rows[2:]), np.array(rows[:1]))[0] == 0
    assert story_joins(np.array([1, 0, 0]), np.array([0, 3, 4])).tolist() == [True, False, True]


def test_adding_the_other_event_later_gives_the_same_stories(articles: list[Article]) -> None:
    full = StoryIndex(backends=("lexical",)).fit(articles)
    grown = StoryIndex(backends=("lexical",)).fit(articles[:2] + articles[3:])
    grown.add(articles[2:3])
    assert sorted(s.members for s in grown.stories_) == sorted(s.members for s in full.stories_)


def test_the_spark_executor_scores_and_merges_as_the_local_index(
        articles: list[Article]) -> None:
    index = StoryIndex(backends=("lexical",)).fit(articles)
    lexical = index._lexical()
    anchors = lexical._anchors
    assert anchors is not None
    terms = {column: term for term, column in lexical.vocabulary_.items()}
    members = []
    for row, article in enumerate(articles[:3]):
        at = index.ids_.index(article.id)
        words, named, across = (matrix[at] for matrix in (lexical.vectors_, index.anchors_,
                                                           anchors.vectors_))
        figures = anchors._figure_columns()[across.indices]
        stamp = article.published.timestamp() if article.published else None
        members.append(Member(
            Doc.of(article), order_key(stamp, article.id),
            dict(zip(words.indices.tolist(), words.data, strict=True)),
            {terms[int(c)]: w for c, w in zip(named.indices, named.data, strict=True)},
            {terms[int(c)]: int(c) for c in named.indices}, anchors.languages_[at],
            dict(zip(across.indices.tolist(), across.data, strict=True)),
            frozenset(across.indices[figures].tolist())))
        assert row == 0 or members[row].language != members[0].language
    # Each pair scored as a batch of the executor scores it, against the local score.
    left, right = np.array([0, 0, 1]), np.array([1, 2, 2])
    sides = [members[i] for i in (*left, *right)]
    words = sparse_rows([list(m.words) for m in sides], [list(m.words.values()) for m in sides])
    named = sparse_rows([[m.columns[t] for t in m.anchors] for m in sides],
                        [list(m.anchors.values()) for m in sides])
    across = sparse_rows([list(m.across) for m in sides], [list(m.across.values()) for m in sides])
    joins = story_joins(*shared_kinds(
        [list(members[i].across) for i in left],
        [[c in members[i].figures for c in members[i].across] for i in left],
        [list(members[i].across) for i in right]))
    crosses = np.array([sides[i].language != sides[i + 3].language for i in range(3)])
    batch = np.arange(3)
    executor = pair_scores(words, named, batch, batch + 3, across, crosses, joins)
    indexed = np.array([index.ids_.index(a.id) for a in articles[:3]])
    local = index.pair_scores(indexed[left], indexed[right])
    assert np.allclose(executor, local, atol=1e-6)
    edges = [(members[a].doc.id, members[b].doc.id, float(s))
             for a, b, s in zip(left, right, executor, strict=True) if s >= THRESHOLD]
    stories = merge_component(members, edges, THRESHOLD)
    assert sorted(s.members for s in stories) == sorted(
        s.members for s in index.stories_ if set(s.members) & {a.id for a in articles[:3]})


# Two events of one official in one city, told in Russian and Greek: the two share her two
# names and the city (three anchors, every anchor either has) and no figure or date.
CLINIC_RU = ("Министр Ольга Веснина посетила больницу в Твери и поговорила с врачами о "
             "нехватке медсестёр. Главный врач пожаловался на старое оборудование.")
CHOIR_EL = ("Η Όλγα Βεσνίνα επισκέφθηκε ένα σχολείο στο Τβερ και επαίνεσε τους δασκάλους. "
            "Οι μαθητές τραγούδησαν για τους καλεσμένους.")


def test_names_alone_do_not_lift_the_word_score_across_languages() -> None:
    told = [Article.create(CLINIC_RU, language="ru"), Article.create(CHOIR_EL, language="el")]
    articles = told + [Article.create(text, language="en") for text in FILLER]
    index = StoryIndex(backends=("lexical",)).fit(articles)
    lexical = index._lexical()
    rows = np.array([index.ids_.index(a.id) for a in told])
    anchors = lexical._anchors
    assert anchors is not None
    assert anchors.similarity(rows[:1], rows[1:])[0] > 0.9  # all they have is shared
    assert lexical.similarity(rows[:1], rows[1:])[0] == 0
    assert index.pair_scores(rows[:1], rows[1:])[0] < THRESHOLD
    assert index.story_of(told[0].id).members == (told[0].id,)
    # The executor's score of the pair reads the rule in the words' part too.
    across = anchors.vectors_[rows]
    words, named = lexical.vectors_[rows], index.anchors_[rows]
    pair = np.array([0]), np.array([1])
    executor = pair_scores(words, named, *pair, across, np.array([True]), np.array([False]))
    assert executor[0] == 0
