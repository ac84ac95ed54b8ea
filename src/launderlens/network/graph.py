"""Links between outlets in; scored edges, communities (the networks) and their JSON and
graph-file forms out.

An edge's score combines its evidence by kind, each kind once at its best tier:
``1 - prod(1 - w)`` with :data:`TIER_WEIGHT`. Supporting evidence together counts as one
item at most, and an edge with only supporting evidence has no score at all: a shared CMS
and the same wire copy must never join two outlets, whatever ``min_score`` asks. With the
defaults one conclusive item links (0.9), so do two strong ones (0.75), while one strong
item with any supporting ones does not (0.575 < 0.6).

Kinds that a stock theme gives every site built on it (the page template, a default icon,
a default "about" blurb) count as one kind, ``site_look``: a stock theme's sites share all
three, so three strong items from one theme must not join them.

Communities are found with networkx's Louvain method (seeded, so a run repeats) on the
edges that reach ``min_score``, weighted by score; a community of two or more outlets is
a network.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from .evidence import Link, pair

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped]

__all__ = ["DEFAULT_MIN_SCORE", "KIND_FAMILY", "TIER_RANK", "TIER_WEIGHT", "Edge", "NetworkGraph",
           "OutletNetwork", "OutletRef", "build_graph", "edge_score"]

TIER_WEIGHT = {"conclusive": 0.9, "strong": 0.5, "supporting": 0.15}
TIER_RANK = {"conclusive": 0, "strong": 1, "supporting": 2}
DEFAULT_MIN_SCORE = 0.6
#: Kinds scored as one (see the module docstring).
KIND_FAMILY = {"template": "site_look", "favicon": "site_look", "about_text": "site_look"}
#: Evidence items listed per network (the strongest first).
MAX_EVIDENCE = 40


@dataclass(frozen=True, slots=True)
class OutletRef:
    """What a network lists about an outlet: its key, name and domains."""

    key: str
    name: str
    domains: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "domains": list(self.domains)}


@dataclass(frozen=True, slots=True)
class Edge:
    """Two outlets and every link between them; ``score`` 0 when only supporting ones."""

    a: str
    b: str
    score: float
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class OutletNetwork:
    """Outlets that act as one, with the evidence that joins them."""

    id: str
    score: float
    outlets: tuple[OutletRef, ...]
    evidence: tuple[dict[str, Any], ...]
    summary: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "summary": self.summary,
                "outlets": [o.as_dict() for o in self.outlets],
                "evidence": list(self.evidence)}


def edge_score(links: Iterable[Link]) -> float:
    """The score of an edge with ``links`` (see the module docstring)."""
    best: dict[str, str] = {}
    for link in links:
        kind = KIND_FAMILY.get(link.kind, link.kind)
        if kind not in best or TIER_RANK[link.tier] < TIER_RANK[best[kind]]:
            best[kind] = link.tier
    weights = [TIER_WEIGHT[tier] for tier in best.values() if tier != "supporting"]
    if not weights:
        return 0.0
    if "supporting" in best.values():
        weights.append(TIER_WEIGHT["supporting"])
    remaining = 1.0
    for weight in weights:
        remaining *= 1 - weight
    return round(1 - remaining, 4)


class NetworkGraph:
    """Outlets, the scored edges between them and the networks they form."""

    def __init__(self, outlets: Mapping[str, OutletRef], edges: Sequence[Edge],
                 min_score: float, params: Mapping[str, Any]) -> None:
        self.outlets = dict(outlets)
        self.edges = list(edges)
        self.min_score = min_score
        self.params = dict(params)
        self.networks = _networks(self.outlets, self.edges, min_score)

    def ref(self, key: str) -> OutletRef:
        return self.outlets.get(key) or OutletRef(key, key)

    def edges_of(self, key: str) -> list[Edge]:
        """The outlet's edges, strongest first."""
        found = [e for e in self.edges if key in (e.a, e.b)]
        return sorted(found, key=lambda e: (-e.score, e.a, e.b))

    def network_of(self, key: str) -> OutletNetwork | None:
        return next((n for n in self.networks if any(o.key == key for o in n.outlets)), None)

    def as_dict(self) -> dict[str, Any]:
        """The JSON that ``launderlens network --json`` prints."""
        return {"networks": [n.as_dict() for n in self.networks],
                "params": {**self.params, "min_score": self.min_score},
                "outlets": len(self.outlets),
                "edges": sum(1 for e in self.edges if e.score >= self.min_score)}

    def to_networkx(self) -> nx.Graph:
        """Every outlet and every scored edge, attributes flat (GEXF and GraphML need that)."""
        import networkx as nx

        member = {o.key: n.id for n in self.networks for o in n.outlets}
        graph = nx.Graph()
        for key, ref in sorted(self.outlets.items()):
            graph.add_node(_xml_safe(key), label=_xml_safe(ref.name),
                           domains=_xml_safe(" ".join(ref.domains)),
                           network=member.get(key, ""))
        for edge in self.edges:
            if edge.score > 0:
                graph.add_edge(_xml_safe(edge.a), _xml_safe(edge.b), weight=edge.score,
                               linked=edge.score >= self.min_score,
                               evidence="; ".join(sorted({k.kind for k in edge.links})))
        return graph

    def write(self, path: str | Path, fmt: str) -> None:
        """Write the graph as ``gexf`` (Gephi) or ``graphml``."""
        import networkx as nx

        writers = {"gexf": nx.write_gexf, "graphml": nx.write_graphml}
        if fmt not in writers:
            raise ConfigError(f"unknown graph format {fmt!r}; use gexf or graphml")
        writers[fmt](self.to_networkx(), str(path))


#: Characters XML 1.0 cannot carry at all, not even escaped; an outlet name is hostile text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def build_graph(links: Iterable[Link], outlets: Mapping[str, OutletRef], *,
                min_score: float = DEFAULT_MIN_SCORE,
                params: Mapping[str, Any] | None = None) -> NetworkGraph:
    """Group ``links`` into scored edges and find the networks."""
    if not 0 < min_score <= 1:
        raise ConfigError(f"min_score must be above 0 and at most 1, not {min_score}")
    grouped: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for link in links:
        if link.a != link.b:
            grouped[pair(link.a, link.b)].append(link)
    edges = [Edge(a, b, edge_score(found), tuple(found))
             for (a, b), found in sorted(grouped.items())]
    known = dict(outlets)
    for a, b in grouped:
        known.setdefault(a, OutletRef(a, a))
        known.setdefault(b, OutletRef(b, b))
    return NetworkGraph(known, edges, min_score, params or {})


def _networks(outlets: Mapping[str, OutletRef], edges: Sequence[Edge],
              min_score: float) -> list[OutletNetwork]:
    import networkx as nx

    graph = nx.Graph()
    for edge in edges:
        if edge.score >= min_score:
            graph.add_edge(edge.a, edge.b, weight=edge.score)
    if graph.number_of_edges() == 0:
        return []
    communities = [sorted(c) for c in
                   nx.community.louvain_communities(graph, weight="weight", seed=0)
                   if len(c) >= 2]
    # One pass over the edges hands each community its own (supporting ones included).
    community_of = {key: n for n, members in enumerate(communities) for key in members}
    own: dict[int, list[Edge]] = defaultdict(list)
    for edge in edges:
        n = community_of.get(edge.a)
        if n is not None and community_of.get(edge.b) == n:
            own[n].append(edge)
    found = [_network(members, outlets, own[n], min_score)
             for n, members in enumerate(communities)]
    return sorted(found, key=lambda n: (-len(n.outlets), -n.score, n.id))


def _network(members: list[str], outlets: Mapping[str, OutletRef], own: Sequence[Edge],
             min_score: float) -> OutletNetwork:
    """The network of ``members``, whose edges among themselves are ``own``."""
    linked = [e.score for e in own if e.score >= min_score]
    score = round(sum(linked) / len(linked), 4) if linked else 0.0
    name = {key: (outlets[key].name if key in outlets else key) for key in members}
    items: dict[tuple[str, str], dict[str, Any]] = {}
    for edge in own:
        for link in edge.links:
            # An indicator value is one item for every outlet holding it; behaviour is
            # per pair, its detail counting that pair's stories.
            key = (link.kind, link.value or link.detail)
            item = items.setdefault(key, {"kind": link.kind, "tier": link.tier,
                                          "detail": link.detail, "outlets": set()})
            if link.value:
                item["value"] = link.value
            item["outlets"].update({link.a, link.b})
    evidence = sorted(items.values(), key=lambda i: (TIER_RANK[i["tier"]], -len(i["outlets"]),
                                                     i["kind"], i["detail"]))
    shown = tuple({**item, "outlets": sorted(name[k] for k in item["outlets"])}
                  for item in evidence[:MAX_EVIDENCE])
    ident = hashlib.sha256("\n".join(members).encode("utf-8")).hexdigest()[:12]
    refs = tuple(outlets.get(key) or OutletRef(key, key) for key in members)
    return OutletNetwork(ident, score, refs, shown, _summary(len(members), evidence))


def _summary(size: int, evidence: list[dict[str, Any]]) -> str:
    """Why these outlets belong together, in one sentence over the strongest evidence."""
    strongest = [i for i in evidence if i["tier"] != "supporting"]
    kinds: dict[str, int] = defaultdict(int)
    for item in strongest:
        kinds[item["kind"]] += 1
    said = ", ".join(f"{kind.replace('_', ' ')} ({count})" for kind, count in
                     sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
    return f"{size} outlets joined by {said or 'no strong evidence'}"
