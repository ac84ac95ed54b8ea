"""The networks as a STIX 2.1 bundle: standard objects, ids stable across exports, TLP."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

stix2 = pytest.importorskip("stix2")

from launderlens.exports.network_stix import network_bundle, stix_id  # noqa: E402
from launderlens.network.evidence import Link  # noqa: E402
from launderlens.network.graph import NetworkGraph, OutletRef, build_graph  # noqa: E402


def graph(extra: str = "") -> NetworkGraph:
    links = [Link(a, b, "adsense", "conclusive", "the same AdSense account pub-1", "pub-1")
             for a, b in (("a.test", "b.test"), ("a.test", "c.test"), ("b.test", "c.test"))]
    links.append(Link("a.test", "b.test", "cms", "supporting", "the same CMS", "wordpress"))
    refs = {k: OutletRef(k, f"Outlet {k}{extra}", (k,)) for k in ("a.test", "b.test", "c.test")}
    return build_graph(links, refs)


def objects(bundle: Any, kind: str) -> list[dict[str, Any]]:
    data = json.loads(bundle.serialize())
    return [o for o in data["objects"] if o["type"] == kind]


def test_networks_become_groupings_of_outlets_infrastructure_and_technique() -> None:
    bundle = network_bundle(graph(), tlp="green")
    [grouping] = objects(bundle, "grouping")
    outlets = [o for o in objects(bundle, "identity") if o["identity_class"] == "organization"]
    [infra] = objects(bundle, "infrastructure")  # the supporting CMS is not infrastructure
    techniques = {t["external_references"][0]["external_id"]: t
                  for t in objects(bundle, "attack-pattern")}
    assert {o["name"] for o in outlets} == {"Outlet a.test", "Outlet b.test", "Outlet c.test"}
    assert "pub-1" in infra["name"]
    # a shared account is online infrastructure: both techniques hold, each in its tactic
    assert {k: t["kill_chain_phases"] for k, t in techniques.items()} == {
        "T0098.001": [{"kill_chain_name": "disarm", "phase_name": "establish-legitimacy"}],
        "T0149": [{"kill_chain_name": "disarm", "phase_name": "establish-assets"}]}
    assert techniques["T0149"]["name"] == "Online Infrastructure"
    assert infra["kill_chain_phases"][0]["phase_name"] == "establish-assets"
    assert {o["id"] for o in outlets} | {infra["id"]} | {t["id"] for t in techniques.values()} \
        <= set(grouping["object_refs"])
    assert len(objects(bundle, "relationship")) == 3
    assert grouping["context"] == "suspicious-activity" and "pub-1" in grouping["description"]
    everything = json.loads(bundle.serialize())["objects"]
    assert all(o.get("object_marking_refs") == [stix2.TLP_GREEN.id]
               for o in everything if o["type"] != "marking-definition")
    stix2.parse(bundle.serialize(), allow_custom=False)  # valid and standard


def test_a_network_joined_by_behaviour_alone_is_no_infrastructure() -> None:
    links = [Link("x.test", "y.test", "shared_additions", "conclusive",
                  "copies in 3 stories added the same sentences"),
             Link("x.test", "y.test", "co_publication", "strong", "published together")]
    bundle = network_bundle(build_graph(links, {}))
    assert objects(bundle, "infrastructure") == []
    [technique] = objects(bundle, "attack-pattern")
    assert technique["external_references"][0]["external_id"] == "T0098.001"
    [grouping] = objects(bundle, "grouping")
    assert technique["id"] in grouping["object_refs"]
    assert network_bundle(build_graph([], {})).objects[-1]["type"] == "identity"  # no network


def test_a_second_export_keeps_every_id() -> None:
    first = network_bundle(graph(), generated_at=datetime(2025, 1, 1, tzinfo=UTC))
    again = network_bundle(graph(" renamed"), generated_at=datetime(2025, 2, 1, tzinfo=UTC))
    ids = [o["id"] for o in json.loads(first.serialize())["objects"]]
    assert ids == [o["id"] for o in json.loads(again.serialize())["objects"]]
    assert stix_id("identity", "outlet", "a.test") in ids
    assert stix_id("identity", "outlet", "a.test") != stix_id("identity", "outlet", "b.test")


def test_an_unknown_tlp_level_is_refused() -> None:
    with pytest.raises(ValueError, match="white, green, amber, red"):
        network_bundle(graph(), tlp="purple")


def test_outlets_that_share_a_name_are_each_in_the_grouping_and_tied_to_the_account() -> None:
    links = [Link("a.test", "b.test", "adsense", "conclusive", "the same account pub-2", "pub-2")]
    refs = {k: OutletRef(k, "Miami News", (k,)) for k in ("a.test", "b.test")}
    bundle = network_bundle(build_graph(links, refs))
    [grouping] = objects(bundle, "grouping")
    ids = {stix_id("identity", "outlet", k) for k in refs}
    assert ids <= set(grouping["object_refs"])
    assert {r["source_ref"] for r in objects(bundle, "relationship")} == ids
