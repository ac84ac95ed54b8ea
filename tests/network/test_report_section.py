"""The reports' network section: which of a story's outlets act as one, with the evidence,
in JSON that validates, in HTML and Markdown that escape outlet names; and the demo's."""

from __future__ import annotations

import json
from typing import Any

import pytest

from launderlens.demo import DemoResult
from launderlens.model import Article
from launderlens.network.evidence import Link
from launderlens.network.graph import OutletRef, build_graph
from launderlens.report import load_schema, render_html, render_markdown, story_report
from launderlens.report.network import network_section

HOSTILE = '<img src=x onerror=alert(1)>[x](javascript:alert(2))'


def article(domain: str, outlet: str) -> Article:
    return Article.create("Text of the story.", title="t", outlet=outlet,
                          url=f"https://{domain}/a")


def graph_of(links: list[Link], names: dict[str, str]) -> Any:
    refs = {key: OutletRef(key, name, (key,)) for key, name in names.items()}
    return build_graph(links, refs)


NAMES = {"a.test": HOSTILE, "b.test": "Bravo News", "c.test": "Charlie Post",
         "d.test": "Delta Daily", "e.test": "Echo Times"}
LINKS = [Link("a.test", "b.test", "adsense", "conclusive", "the same AdSense account pub-1",
              "pub-1"),
         Link("b.test", "c.test", "adsense", "conclusive", "the same AdSense account pub-1",
              "pub-1"),
         Link("a.test", "c.test", "adsense", "conclusive", "the same AdSense account pub-1",
              "pub-1"),
         Link("a.test", "d.test", "cms", "supporting", "the same CMS (wordpress)",
              "wordpress")]


def test_section_names_the_network_of_the_story_outlets_and_weak_links_apart() -> None:
    graph = graph_of(LINKS, NAMES)
    members = [article("a.test", HOSTILE), article("b.test", "Bravo News"),
               article("d.test", "Delta Daily"), article("e.test", "Echo Times")]
    section = network_section(graph, members)
    network = {o["key"]: o["network"] for o in section["outlets"]}
    [found] = section["networks"]
    assert network == {"a.test": found["id"], "b.test": found["id"], "d.test": None,
                       "e.test": None}
    # the network's third outlet did not carry the story, but the network lists it
    assert {o["key"] for o in found["outlets"]} == {"a.test", "b.test", "c.test"}
    assert found["story_outlets"] == [HOSTILE, "Bravo News"]
    joined = {(x["a"], x["b"]): x["joined"] for x in section["links"]}
    assert joined == {(HOSTILE, "Bravo News"): True, (HOSTILE, "Delta Daily"): False}
    assert "belong to network" in section["summary"]


def test_section_says_when_nothing_or_only_weak_evidence_links_the_outlets() -> None:
    graph = graph_of(LINKS[3:], NAMES)
    weak = network_section(graph, [article("a.test", "x"), article("d.test", "y")])
    assert weak["networks"] == [] and "only supporting evidence" in weak["summary"]
    none = network_section(graph, [article("e.test", "x"), article("c.test", "y")])
    assert none["links"] == [] and "No evidence links" in none["summary"]


def test_demo_shows_its_copies_behaviour_evidence_without_inventing_infrastructure(
        demo: DemoResult) -> None:
    section = demo.network
    assert section is not None
    keys = {o["key"] for o in section["outlets"]}
    assert {"riverbendgazette.example", "tass.com"} <= keys
    kinds = {e["kind"] for link in section["links"] for e in link["evidence"]}
    # plain-text demo files carry no page, so no infrastructure indicator may appear
    assert kinds and kinds <= {"co_publication", "shared_additions", "same_copy", "burst"}
    assert "co_publication" in kinds
    assert json.loads(json.dumps(demo.as_dict()))["network"] == section


def test_story_report_with_a_network_validates_and_renders_escaped(demo: DemoResult) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    assert demo.story is not None
    members = [m.article for m in demo.story.members]
    links = [Link(*sorted((members[1].domain or "", members[2].domain or "")),
                  "adsense", "conclusive", f"the same AdSense account {HOSTILE}", HOSTILE)]
    names = {m.domain or "": HOSTILE for m in members[1:3]}
    report = story_report(demo.story, {a.article.id: a for a in demo.analyses},
                          network=graph_of(links, names))
    validator = jsonschema.Draft202012Validator(load_schema(),
                                                format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(report)] == []
    assert report["network"]["networks"][0]["evidence"][0]["tier"] == "conclusive"
    page = render_html(report)
    assert "Outlet network" in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'class="badge tier-conclusive"' in page
    markdown = render_markdown(report)
    assert "## Outlet network" in markdown and "[x](javascript:" not in markdown
    assert "| conclusive | adsense |" in markdown
    # without a graph the section is absent, and the report still validates
    plain = story_report(demo.story, {a.article.id: a for a in demo.analyses})
    assert "network" not in plain and "Outlet network" not in render_html(plain)
