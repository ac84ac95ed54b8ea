"""The DataFrame functions one at a time, on a small corpus: bad records become rejections,
a verbatim copy is a MinHash candidate, and every blocking only adds candidates to the
local path's."""

from __future__ import annotations

import json
import logging
import math
import random
import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from launderlens.errors import ConfigError
from launderlens.model import Article

pytestmark = pytest.mark.spark

TEXT = ("The harbour authority in Velmora said on Tuesday that 1,240 containers were held "
        "after the Kestrel Line ship ran aground. Officials in Velmora expect the port to "
        "reopen on 14 March. The company said no crew were hurt.")


@pytest.fixture(scope="module")
def frames(spark: Any, corpus: Any, jsonl_writer: Any, tmp_path_factory: pytest.TempPathFactory
           ) -> dict[str, Any]:
    from launderlens.spark.candidates import vectorise_articles
    from launderlens.spark.read import read_articles

    folder = tmp_path_factory.mktemp("frames")
    original = Article.create(TEXT, title="Ship aground", outlet="Harbour Wire")
    copy = Article.create(TEXT, title="Ship aground", outlet="Velmora Daily Post")
    path = jsonl_writer([original, copy, *corpus(120, seed=9)], folder / "a.jsonl")
    with path.open("a", encoding="utf-8") as out:
        out.write('{"text": "unfinished\n')
        out.write(json.dumps({"title": "no text"}) + "\n")
        out.write(json.dumps({"text": TEXT, "title": "Ship aground",
                              "outlet": "Harbour Wire", "byline": "A. Writer"}) + "\n")
    articles, rejections = read_articles(spark, [path])
    articles = articles.localCheckpoint()
    return {"articles": articles, "rejections": rejections.collect(),
            "vectors": vectorise_articles(articles).localCheckpoint(),
            "ids": (original.id, copy.id)}


def test_bad_lines_are_rejections_and_the_rest_is_read(frames: dict[str, Any]) -> None:
    assert frames["articles"].count() == 122  # the repeated article is kept once
    reasons = sorted(r["reason"] for r in frames["rejections"])
    assert len(reasons) == 2 and any("no article text" in r for r in reasons)
    first = frames["articles"].where(f"id = '{frames['ids'][0]}'").collect()[0]
    assert first["byline"] is None  # the first copy in input order wins, as in the store


def test_blockings_add_to_the_local_candidates(frames: dict[str, Any]) -> None:
    from launderlens.spark.candidates import candidate_pairs

    def pairs(blocking: tuple[str, ...]) -> set[tuple[str, str]]:
        return {(r["a"], r["b"]) for r in candidate_pairs(frames["vectors"], blocking).collect()}

    local, verbatim = pairs(("top_terms",)), pairs(("minhash",))
    every = pairs(("top_terms", "minhash", "anchors"))
    assert local and local <= every and verbatim <= every
    assert tuple(sorted(frames["ids"])) in verbatim


def test_an_unknown_blocking_is_refused(frames: dict[str, Any]) -> None:
    from launderlens.spark.candidates import candidate_pairs

    with pytest.raises(ConfigError, match="top_terms"):
        candidate_pairs(frames["vectors"], ("bogus",))


def test_semantic_is_refused_with_a_reason(spark: Any, tmp_path: Path) -> None:
    from launderlens.spark.job import run_job

    with pytest.raises(ConfigError, match="--no-semantic"):
        run_job(spark, [], tmp_path / "out", semantic=True)


def test_components_spread_the_smallest_id_along_a_chain(spark: Any) -> None:
    from launderlens.spark.stories import components

    # A chain whose smallest id sits at one end takes several rounds to reach the other
    # end; a second component apart keeps its own smallest id.
    chain = [("k", "m"), ("j", "m"), ("j", "p"), ("b", "p"), ("b", "t"), ("c", "d")]
    strong = spark.createDataFrame(chain, "a string, b string")
    got = {row["id"]: row["component"] for row in components(strong).collect()}
    assert got == {**dict.fromkeys("kmjpbt", "b"), "c": "c", "d": "c"}


def test_an_article_in_no_pair_is_a_story_of_its_own(frames: dict[str, Any]) -> None:
    from pyspark.sql import functions as F

    from launderlens.spark.candidates import candidate_pairs, score_pairs
    from launderlens.spark.stories import stories
    from launderlens.spark.vectors import THRESHOLD

    scored = score_pairs(candidate_pairs(frames["vectors"]), frames["vectors"]).localCheckpoint()
    # The verbatim copy loses every pair it had, as an article no blocking pairs with:
    # it must still come out, a story of its own, as the local path gives it.
    copy = frames["ids"][1]
    assert scored.where((F.col("a") == copy) | (F.col("b") == copy)).count()
    alone = scored.where((F.col("a") != copy) & (F.col("b") != copy))
    got = [(r["members"], r["origin"]) for r in
           stories(frames["articles"], frames["vectors"], alone, THRESHOLD).collect()]
    members = [m for ms, _ in got for m in ms]
    assert sorted(members) == sorted(r["id"] for r in frames["articles"].collect())
    assert ([copy], copy) in got
    assert sum(1 for ms, _ in got if len(ms) > 1)  # the other stories still merge


def test_a_long_chain_is_one_component_in_a_few_rounds(
        spark: Any, caplog: pytest.LogCaptureFixture) -> None:
    from launderlens.spark.stories import components

    # Two chains of 120 articles: one whose ids rise along it (spreading the smallest
    # label one pair a round would need 119 rounds), one in a shuffled order.
    rising = [f"a{i:03d}" for i in range(120)]
    shuffled = [f"b{i:03d}" for i in range(120)]
    random.Random(4).shuffle(shuffled)
    pairs = [(x, y) for chain in (rising, shuffled) for x, y in pairwise(chain)]
    strong = spark.createDataFrame(pairs, "a string, b string")
    with caplog.at_level(logging.INFO, logger="launderlens.spark.stories"):
        got = {row["id"]: row["component"] for row in components(strong).collect()}
    assert got == {**dict.fromkeys(rising, "a000"), **dict.fromkeys(shuffled, "b000")}
    rounds = [int(m) for m in re.findall(r"(\d+) rounds", caplog.text)]
    assert rounds and rounds[0] <= 2 * math.log2(len(rising))


def test_components_raise_past_the_round_cap_instead_of_splitting(
        spark: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import launderlens.spark.stories as stories_module

    monkeypatch.setattr(stories_module, "MAX_ROUNDS", 1)
    chain = [(f"n{i}", f"n{i + 1}") for i in range(8)]
    with pytest.raises(RuntimeError, match="after 1 rounds"):
        stories_module.components(spark.createDataFrame(chain, "a string, b string"))


def test_an_article_of_a_label_no_pair_starts_from_is_still_a_story(
        spark: Any, frames: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    import launderlens.spark.stories as stories_module
    from launderlens.spark.vectors import THRESHOLD

    # Labels cut short, as a propagation stopped early would leave them: the middle of
    # a - p - m - q - b keeps its own label, and both its pairs name it second. The
    # stories must still hold every article once.
    a, b, m, p, q = sorted(r["id"] for r in frames["articles"].collect())[:5]
    labels = spark.createDataFrame([(a, a), (p, a), (m, m), (q, b), (b, b)],
                                   "id string, component string")
    monkeypatch.setattr(stories_module, "components", lambda strong: labels)
    scored = spark.createDataFrame(
        [(a, p, 0.99), (p, m, 0.99), (q, m, 0.99), (b, q, 0.99)],
        "a string, b string, score double")
    got = [r["members"] for r in
           stories_module.stories(frames["articles"], frames["vectors"], scored,
                                  THRESHOLD).collect()]
    members = [i for ms in got for i in ms]
    assert sorted(members) == sorted(r["id"] for r in frames["articles"].collect())
    assert [m] in got
