"""The outlet network pages: ``/networks`` lists the networks the store's outlets form,
``/networks/{id}`` draws one (inline SVG laid out on the server, no script) with its
evidence table, its edges and links to each outlet's page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from starlette.responses import Response

from ..report.network import TIER_WORDS, edge_entry
from .errors import not_found
from .network_view import TIER_COLOURS, network_graph, network_rows, outlet_ref, picture
from .services import Services, get_services
from .templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

Deps = Annotated[Services, Depends(get_services)]


@router.get("/networks")
def networks(services: Deps) -> Response:
    graph = network_graph(services)
    return render("networks.html", title="Outlet networks", rows=network_rows(graph),
                  outlets=len(graph.outlets), min_score=graph.min_score)


@router.get("/networks/{network_id}")
def network(network_id: Annotated[str, Path(min_length=1, max_length=64)],
            services: Deps) -> Response:
    graph = network_graph(services)
    found = next((n for n in graph.networks if n.id == network_id), None)
    if found is None:
        raise not_found(f"no outlet network {network_id!r}")
    keys = {o.key for o in found.outlets}
    inside = [e for e in graph.edges if e.a in keys and e.b in keys]
    edges = [edge_entry(graph, e) for e in sorted(inside, key=lambda e: (-e.score, e.a, e.b))]
    outlets = [{"name": o.name, "domains": o.domains, "ref": outlet_ref(o.domains, o.name)}
               for o in found.outlets]
    return render("network.html", title=f"Outlet network {found.id}", network=found,
                  outlets=outlets, edges=edges, picture=picture(graph, found),
                  colours=TIER_COLOURS, tiers=TIER_WORDS, min_score=graph.min_score)
