"""Across languages, the script-neutral anchors count in a story's score only when the two
articles share a figure or a date, or several names: one minister's name and her city are
what two reports of different events share, and so are a year and a one-digit count.
Local clustering, adding articles later and the Spark executor's scoring and merging all
read the same rule. The texts are written for these tests, on invented events."""

from __future__ import annotations

from itertools import product

import numpy as np
import pytest

from launderlens.languages.translit import figure_anchor
from launderlens.model import Article, Story
from launderlens.rewrites.cluster import StoryIndex
from launderlens.rewrites.group_sums import GroupSums
from launderlens.rewrites.origin import Doc
from launderlens.rewrites.similarity.crosslingual import story_evidence, story_joins
from launderlens.rewrites.similarity.lexical import rowwise_dot
from launderlens.spark.crosslingual import shared_evidence
from launderlens.spark.merge import Member, _score_matrix, merge_component
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


def _fitted(told: list[Article]) -> StoryIndex:
    """A word index of ``told`` and the filler news."""
    return StoryIndex(backends=("lexical",)).fit(
        told + [Article.create(text, language="en") for text in FILLER])


def test_a_shared_date_joins_across_languages_and_names_alone_do_not(
        articles: list[Article]) -> None:
    index = StoryIndex(backends=("lexical",)).fit(articles)
    bridge_ru, bridge_en, school = (a.id for a in articles[:3])
    assert set(index.story_of(bridge_ru).members) == {bridge_ru, bridge_en}
    assert index.story_of(school).members == (school,)
    rows = [index.ids_.index(a.id) for a in articles[:3]]
    # The Greek report's anchors add nothing to its pairs' story score.
    story = index._lexical().similarity_and_story(np.array(rows[2:]), np.array(rows[:1]))[1]
    assert story[0] == 0
    assert story_joins(np.array([4, 3, 4, 5])).tolist() == [True, False, True, True]


def test_a_year_or_a_one_digit_figure_is_no_anchor_and_other_figures_are() -> None:
    evidence = {key: story_evidence(key) for key in (
        "name:vsnn", "date:3-12", "num:2024", "num:1999", "num:7", "num:00", "num:40",
        "num:1340", "num:6.7", "num:25000")}
    assert evidence == {"name:vsnn": 1, "date:3-12": 4, "num:2024": 0, "num:1999": 0,
                        "num:7": 0, "num:00": 0, "num:40": 4, "num:1340": 4, "num:6.7": 4,
                        "num:25000": 4}


def test_the_local_and_the_executor_sums_of_evidence_join_the_same_pairs() -> None:
    # Locally a product of two rows of evidence sums each shared anchor's weight squared;
    # the Spark executor sums the weights. Every mix of shared anchors joins alike.
    weights = sorted({story_evidence(key) for key in (
        "name:vsnn", "date:3-12", "num:2024", "num:7", "num:40", "num:6.7")})
    for counts in product(range(6), repeat=len(weights)):
        plain = sum(c * w for c, w in zip(counts, weights, strict=True))
        squared = sum(c * w * w for c, w in zip(counts, weights, strict=True))
        assert story_joins(np.array([plain])) == story_joins(np.array([squared])), counts


def test_adding_the_other_event_later_gives_the_same_stories(articles: list[Article]) -> None:
    full = StoryIndex(backends=("lexical",)).fit(articles)
    grown = StoryIndex(backends=("lexical",)).fit(articles[:2] + articles[3:])
    grown.add(articles[2:3])
    assert sorted(s.members for s in grown.stories_) == sorted(s.members for s in full.stories_)


def _members(index: StoryIndex, told: list[Article]) -> list[Member]:
    """The Spark executor's members of ``told``, built from the local index's vectors."""
    lexical = index._lexical()
    anchors = lexical._anchors
    assert anchors is not None
    terms = {column: term for term, column in lexical.vocabulary_.items()}
    evidence = anchors._evidence()
    members = []
    for article in told:
        at = index.ids_.index(article.id)
        words, named, across = (matrix[at] for matrix in (lexical.vectors_, index.anchors_,
                                                           anchors.vectors_))
        stamp = article.published.timestamp() if article.published else None
        members.append(Member(
            Doc.of(article), order_key(stamp, article.id),
            dict(zip(words.indices.tolist(), words.data, strict=True)),
            {terms[int(c)]: w for c, w in zip(named.indices, named.data, strict=True)},
            {terms[int(c)]: int(c) for c in named.indices}, anchors.languages_[at],
            dict(zip(across.indices.tolist(), across.data, strict=True)),
            dict(zip(across.indices.tolist(), evidence[at].data.astype(int).tolist(),
                     strict=True))))
    return members


def _executor_and_local(index: StoryIndex, told: list[Article]
                        ) -> tuple[np.ndarray, np.ndarray, list[Story]]:
    """The Spark executor's scores of the pairs of ``told`` (first with second and third,
    second with third, or first with second only), the local scores, and the executor's
    stories."""
    members = _members(index, told)
    left, right = (np.array([0, 0, 1]), np.array([1, 2, 2])) if len(told) == 3 else \
        (np.array([0]), np.array([1]))
    sides = [members[i] for i in (*left, *right)]
    words = sparse_rows([list(m.words) for m in sides], [list(m.words.values()) for m in sides])
    named = sparse_rows([[m.columns[t] for t in m.anchors] for m in sides],
                        [list(m.anchors.values()) for m in sides])
    across = sparse_rows([list(m.across) for m in sides], [list(m.across.values()) for m in sides])
    joins = story_joins(shared_evidence(
        [list(members[i].across) for i in left],
        [list(members[i].evidence.values()) for i in left],
        [list(members[i].across) for i in right]))
    crosses = np.array([members[a].language != members[b].language
                        for a, b in zip(left, right, strict=True)])
    batch = np.arange(len(left))
    executor = pair_scores(words, named, batch, batch + len(left), across, crosses, joins)[1]
    indexed = np.array([index.ids_.index(a.id) for a in told])
    local = index.pair_scores(indexed[left], indexed[right])
    edges = [(members[a].doc.id, members[b].doc.id, float(s))
             for a, b, s in zip(left, right, executor, strict=True) if s >= THRESHOLD]
    stories = merge_component(members, edges, THRESHOLD)
    return executor, local, stories


def test_the_spark_executor_scores_and_merges_as_the_local_index(
        articles: list[Article]) -> None:
    index = StoryIndex(backends=("lexical",)).fit(articles)
    executor, local, stories = _executor_and_local(index, articles[:3])
    assert np.allclose(executor, local, atol=1e-6)
    assert sorted(s.members for s in stories) == sorted(
        s.members for s in index.stories_ if set(s.members) & {a.id for a in articles[:3]})


# Two events of one mayor told in Russian and English: they share her two names, her
# town, the year and a one-digit count, and no other figure or date.
PARKS_RU = ("Мэр Ольга Веснина в 2024 году открыла в Твери 2 новых парка, которые "
            "спроектировал архитектор Игорь Лесков из Кимр. Жители в первый же день "
            "посадили там липы и клёны, а оркестр Дома культуры играл вальсы.")
SCHOOLS_EN = ("Mayor Olga Vesnina of Tver said in 2024 that 2 village schools would close, "
              "and councillor Martin Hale of the Green Party called it a mistake. Parents "
              "gathered outside the town hall, and the Teachers Union asked for a vote.")
# The same report of the schools in Russian, with their count of pupils.
SCHOOLS_RU = ("Мэр Ольга Веснина заявила, что 2 сельские школы закроются: в них учатся "
              "140 детей. Родители собрались у здания администрации.")
SCHOOLS_COUNTED_EN = ("Mayor Olga Vesnina said 2 village schools, with 140 pupils between "
                      "them, would close. Parents gathered outside the town hall.")


def test_a_shared_year_and_count_do_not_join_two_events_in_either_path() -> None:
    told = [Article.create(PARKS_RU, language="ru"), Article.create(SCHOOLS_EN, language="en")]
    index = _fitted(told)
    assert index.story_of(told[0].id).members == (told[0].id,)
    executor, local, stories = _executor_and_local(index, told)
    assert np.allclose(executor, local, atol=1e-6)
    assert local[0] < THRESHOLD
    assert sorted(s.members for s in stories) == sorted((a.id,) for a in told)


# Two events of one official in one city, told in Russian and Greek: the two share her two
# names and the city (three anchors, every anchor either has) and no figure or date.
CLINIC_RU = ("Министр Ольга Веснина посетила больницу в Твери и поговорила с врачами о "
             "нехватке медсестёр. Главный врач пожаловался на старое оборудование.")
CHOIR_EL = ("Η Όλγα Βεσνίνα επισκέφθηκε ένα σχολείο στο Τβερ και επαίνεσε τους δασκάλους. "
            "Οι μαθητές τραγούδησαν για τους καλεσμένους.")


def test_names_alone_do_not_lift_the_word_score_across_languages() -> None:
    told = [Article.create(CLINIC_RU, language="ru"), Article.create(CHOIR_EL, language="el")]
    index = _fitted(told)
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
    executor = pair_scores(words, named, *pair, across, np.array([True]),
                           np.array([False]))[1]
    assert executor[0] == 0


# Two events of one mayor in one city, told in Russian and English at the same time of day:
# three names and the time shared. The same meeting told twice shares its count as well.
FARMERS_RU = ("Мэр Ольга Веснина встретилась с фермерами в Твери в 14:30. Они попросили "
              "починить дорогу к старой мельнице.")
CONCERT_EN = ("Mayor Olga Vesnina of Tver opened the spring concert at 14:30, and the "
              "children's choir sang three songs.")
FARMERS_COUNTED_RU = ("Мэр Ольга Веснина встретилась с 140 фермерами в Твери в 14:30. Они "
                      "попросили починить дорогу.")
FARMERS_COUNTED_EN = ("Mayor Olga Vesnina of Tver met 140 farmers at 14:30, who asked her "
                      "to repair the road.")


@pytest.mark.parametrize(("texts", "joined"), [
    ((FARMERS_RU, CONCERT_EN), False), ((FARMERS_COUNTED_RU, FARMERS_COUNTED_EN), True)])
def test_a_shared_time_of_day_joins_nothing_and_a_count_still_does(
        texts: tuple[str, str], joined: bool) -> None:
    told = [Article.create(texts[0], language="ru"), Article.create(texts[1], language="en")]
    index = _fitted(told)
    executor, local, stories = _executor_and_local(index, told)
    assert np.allclose(executor, local, atol=1e-6)
    expected = [{a.id for a in told}] if joined else [{a.id} for a in told]
    assert sorted(set(s.members) for s in index.stories_ if set(s.members) & expected[0]) \
        == expected[:1]
    assert sorted((set(s.members) for s in stories), key=sorted) == sorted(expected, key=sorted)


# A flood report told in Russian and English: the mayor's two names, her town and the count
# of homes, written with a thousands separator on each side ("1 900", "1,900").
FLOOD_RU = ("Мэр Ольга Веснина сообщила, что вода затопила в Твери 1 900 домов. Спасатели "
            "вывезли жителей на лодках.")
FLOOD_EN = ("Mayor Olga Vesnina said the water flooded 1,900 homes in Tver. Rescuers took "
            "the residents away in boats.")


def test_a_count_written_with_a_separator_is_a_figure_and_no_year() -> None:
    assert {figure_anchor(written) for written in ("1,900", "1.900", "1 900")} == \
        {"count:1900"}
    assert figure_anchor("1900") == "num:1900"  # as a year is written
    assert figure_anchor("1,340") == "num:1340" and figure_anchor("4,2") == "num:4.2"
    assert story_evidence("count:1900") == story_evidence("num:140") == 4
    assert story_evidence("num:1900") == 0


@pytest.mark.parametrize("texts", [
    (SCHOOLS_RU, SCHOOLS_COUNTED_EN),  # a count of ten or more
    (FLOOD_RU, FLOOD_EN),  # a count written with separators
])
def test_a_shared_count_joins_one_report_in_either_path(texts: tuple[str, str]) -> None:
    told = [Article.create(texts[0], language="ru"), Article.create(texts[1], language="en")]
    index = _fitted(told)
    assert set(index.story_of(told[0].id).members) == {a.id for a in told}
    executor, local, stories = _executor_and_local(index, told)
    assert np.allclose(executor, local, atol=1e-6)
    assert [set(s.members) for s in stories] == [{a.id for a in told}]


# Two events of one mayor, short, in Russian and English: as written they share only the
# year and a one-digit count, which the words and the anchors as written both read.
PARKS_SHORT_RU = "Мэр Ольга Веснина в 2024 году открыла в Твери 2 новых парка."
SCHOOLS_SHORT_EN = "Mayor Olga Vesnina of Tver said in 2024 that 2 village schools would close."


def test_a_year_and_a_count_written_alike_lift_no_pair_across_languages() -> None:
    told = [Article.create(PARKS_SHORT_RU, language="ru"),
            Article.create(SCHOOLS_SHORT_EN, language="en")]
    index = _fitted(told)
    rows = np.array([index.ids_.index(a.id) for a in told])
    # The words and the anchors as written do share "2024" and "2" ...
    assert rowwise_dot(index._lexical().vectors_, rows[:1], rows[1:])[0] > 0
    assert rowwise_dot(index.anchors_, rows[:1], rows[1:])[0] > 0
    # ... and count for nothing in the story score: the shared anchors (three names) do
    # not join the pair.
    assert index.pair_scores(rows[:1], rows[1:])[0] == 0
    assert index.story_of(told[0].id).members == (told[0].id,)
    executor, local, stories = _executor_and_local(index, told)
    assert executor[0] == local[0] == 0
    assert sorted(s.members for s in stories) == sorted((a.id,) for a in told)


FERRY_EN = ("Nordlinje cancelled the Baltic Star sailings from Kiel to Klaipeda and Liepaja on "
            "14 March: a storm broke two cranes in Kiel harbour, Nordlinje said.")
FERRY_DE = ("Nordlinje strich am 14. März die Fahrten der Baltic Star von Kiel nach Klaipeda "
            "und Liepaja: ein Sturm zerbrach zwei Kräne im Kieler Hafen, so Nordlinje.")


def test_a_report_in_another_language_added_later_joins_as_in_a_full_fit() -> None:
    # An index of one language reads no cross-language anchors; its rows hold none when
    # the German rewrite comes, so the story rule cannot gate the pair's words.
    told = [Article.create(FERRY_EN, language="en"), Article.create(FERRY_DE, language="de")]
    full = _fitted(told)
    assert full.story_of(told[0].id).members == full.story_of(told[1].id).members
    grown = _fitted(told[:1])
    grown.add(told[1:])
    assert grown.story_of(told[0].id).members == grown.story_of(told[1].id).members


@pytest.mark.parametrize("texts", [
    (PARKS_SHORT_RU, SCHOOLS_SHORT_EN),  # the story rule gates their words
    (FLOOD_RU, FLOOD_EN),  # it counts them, and the words read the anchors' share
])
def test_a_group_average_across_languages_is_the_mean_of_its_pairs_scores(
        texts: tuple[str, str]) -> None:
    told = [Article.create(texts[0], language="ru"), Article.create(texts[1], language="en"),
            Article.create(FILLER[0], language="en"), Article.create(FILLER[1], language="en")]
    index = _fitted(told[:2])
    rows = [index.ids_.index(a.id) for a in told]
    single = [index._group(row, single=True) for row in rows]
    # Two single articles average what their edge scores (the gated pair: 0, not the
    # cosine of their words "2024" and "2") ...
    assert index._pair_average(single[0], single[1]) == pytest.approx(
        float(index.pair_scores(np.array(rows[:1]), np.array(rows[1:2]))[0]), abs=1e-6)
    # ... and two groups of two the mean of their four pairs' scores.
    first, second = GroupSums.of([single[0], single[2]]), GroupSums.of([single[1], single[3]])
    left, right = np.repeat([rows[0], rows[2]], 2), np.tile([rows[1], rows[3]], 2)
    expected = float(index.pair_scores(left, right).astype(np.float64).mean())
    assert index._pair_average(first, second) == pytest.approx(expected, abs=1e-6)
    assert index._pair_average(second, first) == index._pair_average(first, second)
    # The executor's merge reads the same score of the two articles as its edge.
    executor = _executor_and_local(index, told[:2])[0]
    assert _score_matrix(_members(index, told[:2]))[0, 1] == pytest.approx(
        float(executor[0]), abs=1e-6)


# A flood told in Russian and English, and a short English report of another event of that
# year: with the Russian report it shares only the year and a one-digit count, written alike.
FLOOD_BRIDGES_RU = ("Мэр Ольга Веснина сообщила, что в 2024 году вода затопила в Твери 1 900 "
                    "домов и 2 моста. Спасатели вывезли жителей на лодках.")
FLOOD_BRIDGES_EN = ("Mayor Olga Vesnina said the water flooded 1,900 homes and 2 bridges in Tver "
                    "in 2024. Rescuers took the residents away in boats.")
PLAYGROUNDS_EN = "In 2024 the mayor opened 2 new playgrounds near the river."


def test_a_gated_pair_lifts_no_group_average_in_either_path() -> None:
    told = [Article.create(FLOOD_BRIDGES_RU, language="ru"),
            Article.create(FLOOD_BRIDGES_EN, language="en"),
            Article.create(PLAYGROUNDS_EN, language="en")]
    expected = sorted([{told[0].id, told[1].id}, {told[2].id}], key=sorted)
    index = _fitted(told)
    executor, local, stories = _executor_and_local(index, told)
    assert np.allclose(executor, local, atol=1e-6)
    # The two English reports' pair links the stories; the gated pair scores 0, so the
    # flood and the playgrounds average less than the threshold (the word cosine of
    # "2024" and "2" summed in the groups lifted them over it).
    assert executor[1] == 0 and THRESHOLD <= executor[2] < 2 * THRESHOLD
    mine = {a.id for a in told}
    assert sorted((set(s.members) for s in index.stories_ if set(s.members) & mine),
                  key=sorted) == expected
    assert sorted((set(s.members) for s in stories), key=sorted) == expected
    grown = _fitted(told[:2])
    grown.add(told[2:])
    assert sorted((set(s.members) for s in grown.stories_ if set(s.members) & mine),
                  key=sorted) == expected
