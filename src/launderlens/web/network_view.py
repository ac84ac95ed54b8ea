"""The store in; its outlet networks out, each with a picture laid out on the server.

The graph (:func:`launderlens.network.build_network`) is built once per state of the store
(its articles, stories and outlet indicators) and kept, since building it aligns every
copy of every story. The picture is numbers only (:class:`Picture`): node positions from
a seeded force-directed layout (networkx's spring layout, the same positions on every
request), edges coloured by their strongest tier; the template turns it into inline SVG
with every label escaped, and no script.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..network.graph import TIER_RANK

if TYPE_CHECKING:
    from ..network import NetworkGraph, OutletNetwork
    from .services import Services

__all__ = ["TIER_COLOURS", "NetworkCache", "Picture", "network_graph", "picture"]

#: Edge colours by strongest tier (fixed strings: the template prints them as attributes).
TIER_COLOURS = {"conclusive": "#c5221f", "strong": "#e37400", "supporting": "#9aa0a6"}
WIDTH, HEIGHT, MARGIN = 720, 440, 70
#: Characters of an outlet name drawn beside its node (the full name is in its tooltip).
LABEL_CHARS = 28
#: Outlets beyond which names are left to the tooltips (they would overlap).
MAX_LABELS = 40


@dataclass(frozen=True)
class Node:
    key: str
    name: str
    label: str
    href: str
    x: float
    y: float


@dataclass(frozen=True)
class Line:
    a: str
    b: str
    x1: float
    y1: float
    x2: float
    y2: float
    tier: str
    colour: str
    width: float
    score: float
    kinds: str


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    nodes: tuple[Node, ...]
    lines: tuple[Line, ...]


class NetworkCache:
    """The last graph built, under the state of the store it was built from; one per
    :class:`~launderlens.web.services.Services` (its ``networks``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: str | None = None
        self._graph: NetworkGraph | None = None

    def get(self, services: Services) -> NetworkGraph:
        from ..network import build_network

        store = services.store
        # What build_network reads, short of the texts: the store changed for the graph
        # when any of it did (another process may write the store, so it is read again).
        state = hashlib.sha256(repr((
            store.count_articles(),
            [(s.id, s.origin, s.members) for s in store.list_stories(min_size=2)],
            store.outlet_indicators(),
            [(o.key, o.name, o.domains) for o in store.list_outlets()],
        )).encode("utf-8")).hexdigest()
        with self._lock:
            if self._key != state or self._graph is None:
                self._graph = build_network(store, comparer=services.comparer)
                self._key = state
            return self._graph


def network_graph(services: Services) -> NetworkGraph:
    """The outlet graph of the services' store, built again only when the store changed."""
    return services.networks.get(services)


def outlet_ref(domains: tuple[str, ...], name: str) -> str:
    """What the outlet page is asked for: its domain, else its name."""
    return domains[0] if domains else name


def picture(graph: NetworkGraph, network: OutletNetwork) -> Picture:
    """Where each outlet of ``network`` and each edge between them is drawn."""
    import networkx as nx  # type: ignore[import-untyped]

    keys = [o.key for o in network.outlets]
    members = set(keys)
    edges = [e for e in graph.edges if e.a in members and e.b in members]
    layout = nx.Graph()
    layout.add_nodes_from(keys)
    for edge in edges:
        layout.add_edge(edge.a, edge.b, weight=max(edge.score, 0.05))
    if len(keys) <= 2:
        raw = nx.circular_layout(layout)
    else:
        raw = nx.spring_layout(layout, weight="weight", seed=0, iterations=100)
    xs = [float(raw[k][0]) for k in keys]
    ys = [float(raw[k][1]) for k in keys]

    def scale(value: float, low: float, high: float, size: int) -> float:
        span = high - low
        middle = size / 2
        return round(middle if span < 1e-9 else
                     MARGIN + (value - low) / span * (size - 2 * MARGIN), 1)

    at = {k: (scale(float(raw[k][0]), min(xs), max(xs), WIDTH),
              scale(float(raw[k][1]), min(ys), max(ys), HEIGHT)) for k in keys}
    labelled = len(keys) <= MAX_LABELS
    nodes = tuple(Node(o.key, o.name, _label(o.name) if labelled else "",
                       outlet_ref(o.domains, o.name), *at[o.key]) for o in network.outlets)
    lines = []
    for edge in sorted(edges, key=lambda e: (e.score, e.a, e.b)):  # strongest drawn last
        tier = min((link.tier for link in edge.links), key=TIER_RANK.__getitem__)
        lines.append(Line(graph.ref(edge.a).name, graph.ref(edge.b).name, *at[edge.a],
                          *at[edge.b], tier, TIER_COLOURS[tier],
                          round(1 + 4 * edge.score, 1), edge.score,
                          ", ".join(sorted({link.kind for link in edge.links}))))
    return Picture(WIDTH, HEIGHT, nodes, tuple(lines))


def _label(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1] + "…"


def network_rows(graph: NetworkGraph) -> list[dict[str, Any]]:
    """One row per network for the list page."""
    return [{"id": n.id, "score": n.score, "summary": n.summary,
             "outlets": [{"name": o.name, "ref": outlet_ref(o.domains, o.name)}
                         for o in n.outlets]}
            for n in graph.networks]
