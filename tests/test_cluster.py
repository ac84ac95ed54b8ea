"""Story clustering on small hand-written articles: rewrites of one event join, different
events of the same kind stay apart, ``add`` extends stories, origins come with reasons.

The articles are fictional reports written for these tests (real place names, invented
figures). The lexical backend is used throughout so the tests stay fast; the semantic
backend has its own check in the evaluation gate.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from importlib.resources import files

import numpy as np
import pytest
import yaml

from launderlens.errors import ConfigError
from launderlens.model import Article
from launderlens.rewrites.cluster import StoryIndex, cluster
from launderlens.rewrites.origin import skeleton, story_skeleton

T0 = datetime(2024, 3, 14, 6, 10, tzinfo=UTC)
T1 = datetime(2024, 6, 2, 20, 30, tzinfo=UTC)

IZMIR_ORIGIN = (
    "IZMIR, March 14. A magnitude 6.1 earthquake struck the Turkish province of Izmir early on "
    "Thursday, killing at least 12 people and injuring 240, the disaster agency AFAD said. The "
    "quake hit at 04:52 local time at a depth of 9 kilometres near the town of Seferihisar, "
    "according to AFAD. Rescue teams pulled 31 people from collapsed buildings in Seferihisar "
    "and the neighbouring district of Urla overnight. Interior Minister Ali Yerlikaya said 87 "
    "buildings had been damaged and that tents were being sent to the area. Schools in Izmir "
    "will stay closed until Monday, Governor Suleyman Elban told reporters. The agency's "
    "photographers filed their pictures from the harbour road."
)
IZMIR_COPY_CITING = (
    "At least a dozen people lost their lives when a powerful 6.1-magnitude tremor shook Izmir "
    "province in western Turkey before dawn on Thursday, the Aegean Press Agency reported. "
    "Turkey's disaster authority AFAD said 240 residents were hurt and that the epicentre lay "
    "close to Seferihisar, about 9 km below the surface. Emergency crews rescued 31 survivors "
    "from the rubble in Seferihisar and nearby Urla during the night. According to Interior "
    "Minister Ali Yerlikaya, 87 structures suffered damage, and tents are on their way to "
    "families left homeless. Governor Suleyman Elban announced that classes across Izmir are "
    "suspended until Monday. Critics say the government ignored warnings about unsafe "
    "construction for years."
)
IZMIR_COPY_SILENT = (
    "A deadly earthquake measuring 6.1 rocked Izmir on Thursday morning, leaving 12 dead and "
    "roughly 240 injured, officials in Turkey said. The shallow tremor, centred near "
    "Seferihisar at a depth of nine kilometres, struck at 04:52. Rescuers worked through the "
    "night in Urla and Seferihisar, freeing 31 people trapped under debris. Ali Yerlikaya, "
    "the interior minister, put the number of damaged buildings at 87 and promised tents for "
    "those displaced. Schools will remain shut until Monday, said Izmir governor Suleyman "
    "Elban. Residents described panic as aftershocks rattled the coast."
)
PERU_ORIGIN = (
    "LIMA, June 2. A magnitude 5.4 earthquake shook southern Peru on Sunday afternoon, killing "
    "two people and injuring 35 in the region of Arequipa, the civil defence institute INDECI "
    "said. The quake struck at 15:20 local time at a depth of 40 kilometres near the town of "
    "Chala, according to the Geophysical Institute of Peru. Landslides blocked a stretch of the "
    "Pan-American Highway between Chala and Atico for several hours. Prime Minister Gustavo "
    "Adrianzen said 19 homes had collapsed and that the army was delivering water and "
    "blankets. Classes in Caraveli province were suspended on Monday."
)
PERU_COPY = (
    "Two people died and 35 were hurt after a 5.4-magnitude tremor rattled Arequipa in southern "
    "Peru on Sunday, the INDECI civil defence agency said. Peru's Geophysical Institute placed "
    "the epicentre near Chala, 40 km underground, and timed the quake at 15:20. Rockslides shut "
    "part of the Pan-American Highway linking Chala and Atico for hours. Prime Minister Gustavo "
    "Adrianzen reported that 19 houses collapsed and said soldiers were bringing blankets and "
    "water to families. Schools in Caraveli province stayed closed on Monday."
)
COUNCIL = (
    "The Fenwick county council approved a budget of 48 million dollars on Tuesday after a "
    "four-hour debate about road repairs and library hours. Councillor Maria Odell said the "
    "plan raises spending on snow clearing by 6 percent while freezing property taxes. Two "
    "members voted against, arguing that the bus service to Millbrook should not be cut."
)


def article(text: str, outlet: str, published: datetime | None, title: str | None = None
            ) -> Article:
    return Article.create(text, title=title, outlet=outlet, published=published)


@pytest.fixture
def izmir() -> list[Article]:
    return [
        article(IZMIR_ORIGIN, "Aegean Press Agency", T0, "Earthquake kills 12 in Izmir"),
        article(IZMIR_COPY_CITING, "Harbor Light News", T0 + timedelta(hours=2),
                "Dozen dead as strong quake hits western Turkey"),
        article(IZMIR_COPY_SILENT, "Valley Sentinel", T0 + timedelta(hours=5),
                "Deadly tremor rocks Izmir"),
    ]


@pytest.fixture
def peru() -> list[Article]:
    return [
        article(PERU_ORIGIN, "Andes Daily", T1, "Earthquake kills two in southern Peru"),
        article(PERU_COPY, "Pacific Bulletin", T1 + timedelta(hours=3),
                "Two dead after tremor in Arequipa"),
    ]


@pytest.fixture
def council() -> Article:
    return article(COUNCIL, "Fenwick Courier", T0 - timedelta(days=1), "Council passes budget")


def memberships(stories: list, articles: list[Article]) -> set[frozenset[str]]:
    return {frozenset(s.members) for s in stories if set(s.members) & {a.id for a in articles}}


def ids(articles: list[Article]) -> frozenset[str]:
    return frozenset(a.id for a in articles)


def test_rewrites_of_one_event_join_and_same_kind_events_stay_apart(
        izmir: list[Article], peru: list[Article], council: Article) -> None:
    stories = cluster([*izmir, *peru, council], backends=["lexical"])
    assert memberships(stories, izmir + peru + [council]) == {ids(izmir), ids(peru),
                                                              ids([council])}


def test_incremental_add_joins_the_right_story(
        izmir: list[Article], peru: list[Article], council: Article) -> None:
    index = StoryIndex(backends=["lexical"]).fit([izmir[0], izmir[1], peru[0], council])
    story_id = index.story_of(izmir[0].id).id
    index.add([izmir[2], peru[1]])
    assert set(index.story_of(izmir[2].id).members) == ids(izmir)
    assert set(index.story_of(peru[1].id).members) == ids(peru)
    assert index.story_of(izmir[2].id).id == story_id  # the story keeps its id
    assert len(index.ids_) == len(index.labels_) == 6


def test_add_before_fit_fits(izmir: list[Article]) -> None:
    index = StoryIndex(backends=["lexical"]).add(izmir)
    assert len(index.stories_) == 1


def test_origin_named_by_a_copy_is_cited(izmir: list[Article]) -> None:
    (story,) = cluster(izmir, backends=["lexical"])
    assert story.origin == izmir[0].id
    assert story.origin_reason == "cited"
    assert "Aegean Press Agency" in story.origin_evidence
    assert story.members[0] == izmir[0].id and story.first_published == T0


def test_a_cited_source_outranks_an_earlier_copy(izmir: list[Article]) -> None:
    # The copy that names the agency went out before the agency's own article was collected
    # with its time: the citation still identifies the origin.
    early_copy = article(IZMIR_COPY_CITING, "Harbor Light News", T0 - timedelta(hours=1))
    (story,) = cluster([izmir[0], early_copy, izmir[2]], backends=["lexical"])
    assert (story.origin, story.origin_reason) == (izmir[0].id, "cited")


def test_origin_without_citation_is_the_earliest(peru: list[Article]) -> None:
    (story,) = cluster(list(reversed(peru)), backends=["lexical"])
    assert (story.origin, story.origin_reason) == (peru[0].id, "earliest")
    assert story.last_published == T1 + timedelta(hours=3)


def test_origin_without_dates_or_citation_is_the_most_central() -> None:
    records = [("a", None, IZMIR_ORIGIN, None), ("b", None, IZMIR_COPY_SILENT, None),
               ("c", None, IZMIR_COPY_CITING, None)]
    (story,) = cluster(records, backends=["lexical"])
    assert story.origin_reason == "central"
    best = max(range(3), key=lambda i: story.similarity[i])
    assert story.origin == story.members[best]
    assert 0 < story.cohesion <= 1


def test_single_article_story(council: Article) -> None:
    (story,) = cluster([council], backends=["lexical"])
    assert (story.origin, story.origin_reason, story.similarity) == (council.id, "only", (0.0,))


def test_window_keeps_stories_within_it(izmir: list[Article]) -> None:
    window = timedelta(hours=1)
    for story in cluster(izmir, backends=["lexical"], window=window):
        assert story.first_published and story.last_published
        assert story.last_published - story.first_published <= window
    assert len(cluster(izmir, backends=["lexical"], window=timedelta(days=1))) == 1


def test_key_terms_are_shared_names_and_figures(izmir: list[Article]) -> None:
    (story,) = cluster(izmir, backends=["lexical"])
    assert {"seferihisar", "yerlikaya", "6.1"} <= set(story.key_terms)
    json.dumps(story.as_dict())  # JSON-ready


def test_bad_and_repeated_items_are_rejected_and_counted(izmir: list[Article]) -> None:
    index = StoryIndex(backends=["lexical"]).fit([izmir[0], izmir[0], ("x", None, 5, None),
                                                  "not a record", izmir[1]])
    reasons = [r.reason for r in index.rejected_]
    assert len(reasons) == 3 and "article id given twice" in reasons
    assert index.ids_ == [izmir[0].id, izmir[1].id]


def test_progress_reports_each_stage(izmir: list[Article]) -> None:
    stages: list[str] = []
    StoryIndex(backends=["lexical"]).fit(izmir, progress=lambda stage, done, total:
                                         stages.append(stage))
    assert stages == ["vectorise", "neighbours", "merge"]


@pytest.mark.parametrize("options, message", [
    ({"backends": ["verbatim"]}, "lexical"),
    ({"backends": ["semantic"]}, "lexical"),
    ({"weights": {"lexical": -1.0}}, "non-negative"),
    ({"backends": ["lexical"], "weights": {"semantic": 1.0}}, "anchors"),
    ({"threshold": 0.0}, "threshold"),
])
def test_bad_options_say_what_is_allowed(options: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        StoryIndex(**options)


def test_params_record_how_stories_were_made(izmir: list[Article]) -> None:
    params = StoryIndex(backends=["lexical"], threshold=0.3).fit(izmir).params()
    assert params["threshold"] == 0.3 and params["backends"][0]["backend"] == "lexical"


def test_skeleton_keeps_origin_sentences_most_copies_retell() -> None:
    origin = ["The quake killed 12 people in Izmir on Thursday.",
              "Rescue teams pulled 31 people from collapsed buildings in Seferihisar.",
              "The agency's photographers filed their pictures from the harbour road."]
    copies = [["Twelve people died in Izmir on Thursday after the quake.",
               "Crews pulled 31 people alive from buildings that collapsed in Seferihisar."],
              ["In Seferihisar, rescue teams freed 31 people from collapsed buildings.",
               "The Izmir quake on Thursday killed 12 people."],
              ["Residents described panic as aftershocks rattled the coast."]]
    kept = skeleton(origin, copies)
    assert [s.index for s in kept] == [0, 1]
    assert kept[1].support == 2 and kept[1].copies == 3


def test_story_skeleton_splits_members_into_sentences(izmir: list[Article]) -> None:
    (story,) = cluster(izmir, backends=["lexical"])
    kept = story_skeleton(story, {a.id: a for a in izmir})
    texts = " ".join(s.text for s in kept)
    assert "Rescue teams pulled 31 people" in texts
    assert "photographers" not in texts


def _demo_articles() -> dict[str, list[Article]]:
    folder = files("launderlens") / "demo_corpus"
    by_role: dict[str, list[Article]] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".txt"):
            continue
        match = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", entry.read_text("utf-8"), re.DOTALL)
        assert match
        meta = yaml.safe_load(match.group(1))
        published = meta["published"]
        if not isinstance(published, datetime):
            published = datetime.fromisoformat(str(published))
        by_role.setdefault(meta["demo_role"], []).append(Article.create(
            match.group(2), title=meta["title"], outlet=meta["outlet"], domain=meta["domain"],
            published=published))
    return by_role


def test_demo_corpus_laundered_story_is_found_with_its_origin() -> None:
    roles = _demo_articles()
    stories = cluster([a for group in roles.values() for a in group], backends=["lexical"])
    laundered = {a.id for a in roles["origin"] + roles["copy"]}
    story = next(s for s in stories if roles["origin"][0].id in s.members)
    assert set(story.members) == laundered
    assert story.origin == roles["origin"][0].id
    assert story.origin_reason in {"cited", "earliest"}


class _OneDirection:
    """An English encoder that reads every text as one direction: any two texts it may
    compare have cosine 1."""

    name, dimension = "one-direction", 4

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        out[:, 0] = 1.0
        return out


def _crosslingual_articles() -> list[Article]:
    """The stored articles of tests/data/crosslingual, in Russian and English."""
    from pathlib import Path

    from launderlens.ingest import ingest
    from launderlens.store import open_store

    corpus = Path(__file__).parent / "data" / "crosslingual"
    with open_store(":memory:") as store:
        ingest(sorted(corpus.glob("*.txt")), store)
        return list(store.iter_articles())


def test_group_average_gives_an_english_encoder_no_say_on_other_languages() -> None:
    articles = _crosslingual_articles()
    index = StoryIndex(backends=["lexical", "semantic"],
                       backend_params={"semantic": {"encoder": _OneDirection()}})
    index.fit(articles)
    semantic = index.weights["semantic"]
    rows = np.arange(len(articles))
    left, right = np.repeat(rows, len(rows)), np.tile(rows, len(rows))
    # What a pair adds to a group's average through the encoder (the summed vectors' dot)
    # is what pair_scores gives it: nothing where a Russian article is in the pair.
    read = semantic * index._backends["semantic"].similarity(left, right)
    dense = [index._group(int(row), single=True).dense for row in rows]
    added = np.array([float(dense[a] @ dense[b]) for a, b in zip(left, right, strict=True)])
    assert added == pytest.approx(read, abs=1e-6)
    assert (read == 0).sum() > len(rows) and (read > 0).any()


def test_adding_articles_in_two_languages_equals_merging_again_with_an_english_encoder(
        ) -> None:
    articles = sorted(_crosslingual_articles(), key=lambda a: a.id)
    for threshold in (0.15, 0.27):
        index = StoryIndex(backends=["lexical", "semantic"], threshold=threshold,
                           backend_params={"semantic": {"encoder": _OneDirection()}})
        index.fit(articles[:3])
        for article in articles[3:]:
            index.add([article])
        added = sorted(sorted(s.members) for s in index.stories_)
        index.remerge()
        assert sorted(sorted(s.members) for s in index.stories_) == added
