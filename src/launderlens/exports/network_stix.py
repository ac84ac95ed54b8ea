"""An outlet network graph in; one STIX 2.1 bundle of its networks out, with ids that stay
the same from one export to the next.

Every id is a UUID v5 over what the object is (an outlet's key, an indicator's kind and
value, a network's outlets), so a platform that imports a later export (OpenCTI, MISP)
updates the objects it has instead of adding copies; ``modified`` says which is newer.
Objects, all standard STIX (no custom properties), each marked with the TLP level the
user chose:

- an outlet is an ``identity`` (class ``organization``);
- a shared indicator of tier conclusive or strong that has a value (an AdSense account, a
  template hash) is an ``infrastructure``, tied to each outlet that shows it by a
  ``related-to`` relationship that says which;
- a network is a ``grouping`` (context ``suspicious-activity``) of its outlets, their
  shared infrastructure and the DISARM techniques that hold for it, with the evidence in
  words: T0098.001 for every network (outlets presenting as news sites that act as one),
  T0149 when shared infrastructure (an account, a template, a registrant) joins it;
- each technique is an ``attack-pattern`` with its DISARM external reference and its
  tactic as a ``disarm`` kill chain phase, named as a hypothesis for an analyst, as in
  :mod:`.stix`; shared infrastructure carries the T0149 phase too.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..outlets.fingerprints import KINDS
from .stix import DISARM_TECHNIQUES

if TYPE_CHECKING:
    from ..network import NetworkGraph, OutletNetwork

__all__ = ["TLP_LEVELS", "network_bundle", "stix_id"]

#: The namespace of launderlens's STIX ids (uuid5 of the URL namespace and this name).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "launderlens/stix")
TLP_LEVELS = ("white", "green", "amber", "red")
_DISARM_PAGES = ("https://github.com/DISARMFoundation/DISARMframeworks/blob/main/"
                 "generated_pages/techniques/{}.md")
#: DISARM Red Framework techniques a network can show: id -> (kill chain phase, why it may
#: apply); their names are exports.stix's DISARM_TECHNIQUES. Tactics as the DISARM
#: Foundation publishes them
#: (DISARMframeworks, generated_pages/techniques/T0098.001.md: tactic TA16 Establish
#: Legitimacy; T0149.md: Online Infrastructure, tactic stage TA15 Establish Assets); the
#: phase is the tactic's name in lower case with hyphens, as DISARM's STIX bundles
#: (DISARM_CTI) name their ``disarm`` kill chain phases.
TECHNIQUES: dict[str, tuple[str, str]] = {
    "T0098.001": ("establish-legitimacy",
                  "outlets that present themselves as news sites act as one operation "
                  "(a hypothesis to check against who runs the sites)"),
    "T0149": ("establish-assets",
              "the outlets share technical assets (analytics or ad accounts, a page "
              "template, a feed, a domain registrant) that one operator set up"),
}


def stix_id(kind: str, *identity: str) -> str:
    """The id of the STIX object of type ``kind`` that ``identity`` names."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, chr(31).join((kind, *identity)))}"


def network_bundle(graph: NetworkGraph, *, tlp: str = "amber",
                   generated_at: datetime | None = None) -> Any:
    """A validated ``stix2.Bundle`` of the networks of ``graph``, marked ``tlp``."""
    import stix2
    from stix2.v21 import AttackPattern, Bundle, Identity

    if tlp not in TLP_LEVELS:
        raise ValueError(f"unknown TLP level {tlp!r}; use one of {', '.join(TLP_LEVELS)}")
    marking = {"white": stix2.TLP_WHITE, "green": stix2.TLP_GREEN,
               "amber": stix2.TLP_AMBER, "red": stix2.TLP_RED}[tlp]
    when = generated_at or datetime.now(UTC)
    tool = Identity(id=stix_id("identity", "launderlens"), name="launderlens",
                    identity_class="system", created=when, modified=when,
                    object_marking_refs=[marking.id])
    common = {"created_by_ref": tool.id, "created": when, "modified": when,
              "object_marking_refs": [marking.id]}
    techniques = {
        technique_id: AttackPattern(
            id=stix_id("attack-pattern", "DISARM", technique_id),
            name=DISARM_TECHNIQUES[technique_id][0], **common,
            description=f"A hypothesis for an analyst: {why}.",
            kill_chain_phases=[{"kill_chain_name": "disarm", "phase_name": phase}],
            external_references=[{"source_name": "DISARM", "external_id": technique_id,
                                  "url": _DISARM_PAGES.format(technique_id)}])
        for technique_id, (phase, why) in TECHNIQUES.items()}
    objects: dict[str, Any] = {tool.id: tool}
    for network in graph.networks:
        _network(network, objects, common, techniques)
    return Bundle(objects=[marking, *objects.values()], allow_custom=False)


def _holds(network: OutletNetwork) -> list[str]:
    """The DISARM techniques the network's evidence supports."""
    found = ["T0098.001"]
    if any(item["kind"] in KINDS and item["tier"] != "supporting" and item.get("value")
           for item in network.evidence):
        found.append("T0149")
    return found


def _network(network: OutletNetwork, objects: dict[str, Any], common: dict[str, Any],
             techniques: dict[str, Any]) -> None:
    from stix2.v21 import Grouping, Identity, Infrastructure, Relationship

    held = [techniques[t] for t in _holds(network)]
    for technique in held:
        objects.setdefault(technique.id, technique)

    # Evidence names its outlets; two outlets may share a name (an imitation), so a name
    # stands for every outlet that bears it.
    by_name: dict[str, list[str]] = {}
    refs: list[str] = []
    for ref in network.outlets:
        outlet = Identity(id=stix_id("identity", "outlet", ref.key), name=ref.name,
                          identity_class="organization",
                          description=f"News outlet ({', '.join(ref.domains) or ref.key})",
                          **common)
        objects[outlet.id] = outlet
        by_name.setdefault(ref.name, []).append(outlet.id)
        refs.append(outlet.id)
    for item in network.evidence:
        value = item.get("value")
        if item["tier"] == "supporting" or not value:
            continue
        infra = Infrastructure(id=stix_id("infrastructure", item["kind"], value),
                               name=f"{item['kind'].replace('_', ' ')} {value}",
                               description=item["detail"], infrastructure_types=["unknown"],
                               kill_chain_phases=[{"kill_chain_name": "disarm",
                                                   "phase_name": TECHNIQUES["T0149"][0]}],
                               **common)
        objects[infra.id] = infra
        refs.append(infra.id)
        for source in (i for name in item["outlets"] for i in by_name.get(name, [])):
            link = Relationship(id=stix_id("relationship", source, infra.id),
                                relationship_type="related-to", source_ref=source,
                                target_ref=infra.id, description=item["detail"], **common)
            objects[link.id] = link
            refs.append(link.id)
    lines = [f"[{item['tier']}] {item['detail']} ({', '.join(item['outlets'])})"
             for item in network.evidence]
    grouping = Grouping(id=stix_id("grouping", "network", *(o.key for o in network.outlets)),
                        name=f"Outlet network {network.id}", context="suspicious-activity",
                        description="\n".join([network.summary, *lines]),
                        object_refs=[*refs, *(t.id for t in held)], **common)
    objects[grouping.id] = grouping
