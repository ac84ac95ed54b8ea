"""An outlet graph (:mod:`launderlens.network`) and a story's members in; the report's
``network`` section out: the outlets that carried the story, which of them belong to a
network and why, and every piece of evidence found between them, weak or not.

The section only reads the graph; it never scores anything itself. Evidence too weak to
join two outlets (one shared CMS, one story published close in time) is listed with its
tier, so a reader sees what was looked at and why it did not count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..outlets import outlet_key

if TYPE_CHECKING:
    from ..model import Article
    from ..network import NetworkGraph

__all__ = ["TIER_WORDS", "edge_entry", "network_section"]

#: What each tier of evidence means, as the reports say it.
TIER_WORDS = {
    "conclusive": "one owner must have put it on both sites (an ad or analytics account, "
                  "the same added sentences story after story)",
    "strong": "copying it takes intent, but two strong items are needed to join outlets "
              "(a template, a feed, a habit of publishing together)",
    "supporting": "unrelated sites share it too; never joins outlets on its own "
                  "(a CMS, a theme, one story published close in time, wire copy)",
}
#: Outlet pairs listed with their evidence, the strongest first.
MAX_LINKS = 60


def network_section(graph: NetworkGraph, articles: Iterable[Article]) -> dict[str, Any]:
    """The ``network`` section of a report on ``articles`` (a story's members)."""
    keys: list[str] = []
    for article in articles:
        key = outlet_key(article.domain, article.outlet)
        if key is not None and key not in keys:
            keys.append(key)
    member = {o.key: n.id for n in graph.networks for o in n.outlets}
    outlets = [{**graph.ref(key).as_dict(), "network": member.get(key)} for key in keys]
    wanted = {member[key] for key in keys if key in member}
    networks = [{**n.as_dict(), "story_outlets": [o.name for o in n.outlets if o.key in keys]}
                for n in graph.networks if n.id in wanted]
    ours = set(keys)
    links = [edge_entry(graph, edge) for edge in graph.edges
             if edge.a in ours and edge.b in ours]
    links.sort(key=lambda x: (-x["score"], x["a"], x["b"]))
    return {"min_score": graph.min_score, "outlets": outlets, "networks": networks,
            "links": links[:MAX_LINKS], "tiers": dict(TIER_WORDS),
            "summary": _summary(outlets, networks, links, graph.min_score)}


def edge_entry(graph: NetworkGraph, edge: Any) -> dict[str, Any]:
    """One edge between two outlets as reports and the network page list it."""
    return {"a": graph.ref(edge.a).name, "b": graph.ref(edge.b).name, "score": edge.score,
            "joined": edge.score >= graph.min_score,
            "evidence": [link.as_dict() for link in edge.links]}


def _summary(outlets: Sequence[dict[str, Any]], networks: Sequence[dict[str, Any]],
             links: Sequence[dict[str, Any]], min_score: float) -> str:
    """One sentence: what the story's outlets were found to share."""
    if networks:
        said = "; ".join(f"{len(n['story_outlets'])} belong to network {n['id']} "
                         f"({n['summary']})" for n in networks)
        return f"Of the {len(outlets)} outlets that carried the story, {said}."
    if not links:
        return (f"No evidence links the {len(outlets)} outlets that carried the story "
                "(no shared indicators, no co-publication within the window, no shared "
                "added sentences).")
    tiers = sorted({e["tier"] for link in links for e in link["evidence"]})
    return (f"The {len(outlets)} outlets that carried the story share only {', '.join(tiers)} "
            f"evidence, which does not join them at score {min_score:g}: they are not shown "
            "to act as one operation.")
