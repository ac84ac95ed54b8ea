"""Edge scores, communities and the network JSON and graph files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from launderlens.errors import ConfigError
from launderlens.network.evidence import MAX_SUPPORTING_SHARED, Link, infrastructure_links
from launderlens.network.graph import OutletRef, build_graph, edge_score


def link(a: str, b: str, kind: str, tier: str, value: str = "") -> Link:
    return Link(a, b, kind, tier, f"{kind} {value}".strip(), value)  # type: ignore[arg-type]


def test_conclusive_evidence_links_alone_and_supporting_never_does() -> None:
    assert edge_score([link("a", "b", "adsense", "conclusive")]) == 0.9
    supporting = [link("a", "b", kind, "supporting") for kind in ("cms", "theme", "plugin",
                                                                   "same_copy", "generator")]
    assert edge_score(supporting) == 0.0
    graph = build_graph(supporting, {}, min_score=0.01)
    assert graph.networks == []


def test_strong_evidence_needs_a_second_kind() -> None:
    template = link("a", "b", "template", "strong")
    assert edge_score([template]) == 0.5
    # supporting evidence adds at most one small share, whatever its amount
    assert edge_score([template, link("a", "b", "cms", "supporting"),
                       link("a", "b", "theme", "supporting")]) == 0.575
    assert edge_score([template, link("a", "b", "co_publication", "strong")]) == 0.75


def test_a_stock_themes_template_icon_and_blurb_count_as_one_strong_item() -> None:
    look = [Link("a", "b", kind, "strong", kind, "v")
            for kind in ("template", "favicon", "about_text")]
    assert edge_score(look) == 0.5
    assert edge_score([*look, Link("a", "b", "contact_email", "strong", "e", "x@y.test")]) \
        == 0.75


def test_one_kind_counts_once_at_its_best_tier() -> None:
    both = [link("a", "b", "shared_additions", "supporting"),
            link("a", "b", "shared_additions", "conclusive")]
    assert edge_score(both) == 0.9
    assert edge_score([link("a", "b", "feed", "strong", "x"),
                       link("a", "b", "feed", "strong", "y")]) == 0.5


def test_shared_values_link_every_holder_but_common_supporting_ones_are_skipped() -> None:
    rows = [(f"s{i}.test", "adsense", "pub-1", 3) for i in range(3)]
    rows += [(f"s{i}.test", "cms", "wordpress", 1) for i in range(MAX_SUPPORTING_SHARED + 1)]
    rows += [("s0.test", "tag_manager", "GTM-ONLY", 1), ("s0.test", "nonsense", "x", 1)]
    found = list(infrastructure_links(rows))
    assert {(x.a, x.b) for x in found} == {("s0.test", "s1.test"), ("s0.test", "s2.test"),
                                           ("s1.test", "s2.test")}
    assert {x.kind for x in found} == {"adsense"}
    assert all("pub-1" in x.detail and x.tier == "conclusive" for x in found)


def _two_networks() -> list[Link]:
    links = [link(a, b, "adsense", "conclusive", "pub-9")
             for a, b in (("a1", "a2"), ("a1", "a3"), ("a2", "a3"))]
    links += [link("b1", "b2", "template", "strong", "t1"),
              link("b1", "b2", "co_publication", "strong")]
    links += [link("a3", "b1", "template", "strong", "t2"),  # one strong item: no link
              link("c1", "c2", "cms", "supporting", "wordpress")]
    return links


def test_communities_are_the_networks_with_their_evidence() -> None:
    refs = {"a1": OutletRef("a1", "Alpha One", ("a1.test",))}
    graph = build_graph(_two_networks(), refs)
    assert [[o.key for o in n.outlets] for n in graph.networks] == [["a1", "a2", "a3"],
                                                                    ["b1", "b2"]]
    first = graph.networks[0].as_dict()
    assert set(first) >= {"id", "score", "outlets", "evidence", "summary"}
    assert first["outlets"][0] == {"key": "a1", "name": "Alpha One", "domains": ["a1.test"]}
    assert first["evidence"][0] == {"kind": "adsense", "tier": "conclusive",
                                    "detail": "adsense pub-9", "value": "pub-9",
                                    "outlets": ["Alpha One", "a2", "a3"]}
    assert first["score"] == 0.9
    assert "adsense" in first["summary"]
    assert graph.networks[1].score == 0.75


def test_network_ids_are_stable_and_min_score_is_checked() -> None:
    assert build_graph(_two_networks(), {}).networks[0].id == \
        build_graph(list(reversed(_two_networks())), {}).networks[0].id
    assert build_graph(_two_networks(), {}, min_score=0.95).networks == []
    with pytest.raises(ConfigError, match="min_score"):
        build_graph([], {}, min_score=0)


def test_an_outlet_knows_its_edges_and_network() -> None:
    graph = build_graph(_two_networks(), {})
    assert [(e.a, e.b) for e in graph.edges_of("a3")][:2] == [("a1", "a3"), ("a2", "a3")]
    found = graph.network_of("b2")
    assert found is not None and {o.key for o in found.outlets} == {"b1", "b2"}
    assert graph.network_of("c1") is None


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_graph_files_carry_outlets_networks_and_scores(tmp_path: Path, fmt: str) -> None:
    graph = build_graph(_two_networks(),
                        {"a1": OutletRef("a1", "Alpha <One>\x01\x1b", ("a1.test",))})
    path = tmp_path / f"g.{fmt}"
    graph.write(path, fmt)
    text = path.read_text(encoding="utf-8")
    ET.fromstring(text)  # well-formed, the name escaped
    assert "Alpha &lt;One&gt;" in text and graph.networks[0].id in text
    with pytest.raises(ConfigError, match="gexf or graphml"):
        graph.write(path, "dot")


def test_a_copy_that_cannot_be_aligned_costs_only_its_additions(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from launderlens.ingest.segment import segment
    from launderlens.model import Article, Story
    from launderlens.network import build_network
    from launderlens.store import open_store

    class Failing:
        method = "failing"

        def compare(self, *args: object, **kwargs: object) -> object:
            raise RuntimeError("boom")

    when = datetime(2025, 9, 1, tzinfo=UTC)
    texts = ["Ferry services stopped today in the harbour. Repairs take weeks.",
             "The harbour ferry stopped today for repairs. They take weeks."]
    articles = [Article.create(t, url=f"https://o{i}.test/a", outlet=f"O{i}", published=when)
                for i, t in enumerate(texts)]
    with open_store(str(tmp_path / "s.db")) as store:
        store.add_articles([(a, segment(a)) for a in articles])
        story = Story("ab12cd34", tuple(a.id for a in articles), articles[0].id, "earliest",
                      "", when, when, (1.0, 1.0), ())
        store.replace_stories([story], {})
        graph = build_network(store, comparer=Failing())  # type: ignore[arg-type]
    assert graph.params["unaligned_copies"] == [articles[1].id]
    assert [e.links[0].kind for e in graph.edges] == ["co_publication"]
