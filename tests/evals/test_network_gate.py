"""Quality gate: the network stage finds the synthetic operations of
``evals/network_corpus.py`` and joins none of its hard negatives.

Five corpora (seeds 1-5, about 12 CPU seconds together): five networks (shared accounts
and template; behaviour only; one Tag Manager container; behaviour only with sparse
coverage; only the same about text and contact address in the sites' footers) among ten
independents, three of which share a stock theme and the same wire
copy, and two of which publish that copy within minutes of each other every time.
Measured when pinned: pooled pairwise precision 1.000, recall 1.000, community purity
1.000; on seeds 1-20 also 1.000, 1.000, 1.000 (500 pairs). Before ``echo`` was added the
corpus drew other sites from the same seeds and seeds 1-20 gave recall 0.986, a sparse
site of ``delta`` missed in seeds 9, 11 and 17: sparse coverage remains the weak spot.
Three stock-theme independents also share their theme's default "about" blurb with their
template; counted as one kind (``site_look``), it must not join them.
The corpus was written with the evidence rules in mind, so this guards the rules and
their wiring from ingest to communities, not accuracy on real networks. Floors sit a
little below; raise them on purpose, never lower them to make a change pass.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

SEEDS = [1, 2, 3, 4, 5]
PRECISION_FLOOR = 0.97  # measured 1.000
RECALL_FLOOR = 0.95     # measured 1.000
PURITY_FLOOR = 0.97     # measured 1.000


@pytest.fixture(scope="module")
def corpus(load_eval: Callable[[str], ModuleType]) -> ModuleType:
    return load_eval("network_corpus")


def test_networks_are_recovered_and_hard_negatives_left_apart(corpus: ModuleType) -> None:
    pooled = corpus.evaluate_seeds(SEEDS)
    assert pooled["precision"] >= PRECISION_FLOOR, pooled
    assert pooled["recall"] >= RECALL_FLOOR, pooled
    assert pooled["purity"] >= PURITY_FLOOR, pooled


@pytest.fixture(scope="module")
def seed_one(corpus: ModuleType) -> tuple[Any, Any]:
    made = corpus.make_corpus(1)
    graph, _ = corpus.corpus_graph(made)
    return made, graph


def test_a_network_without_shared_accounts_is_found_by_its_behaviour(
        seed_one: tuple[Any, Any]) -> None:
    made, graph = seed_one
    bravo = [n for n in graph.networks
             if {made.truth[o.key] for o in n.outlets} == {"bravo"}]
    assert len(bravo) == 1
    tiers = {(e["kind"], e["tier"]) for e in bravo[0].evidence}
    assert ("shared_additions", "conclusive") in tiers
    assert not any(tier == "conclusive" and kind != "shared_additions" for kind, tier in tiers)
    # and the hard negatives' evidence is there, but joins nobody
    linked = {(e.a, e.b) for e in graph.edges if e.score >= graph.min_score}
    stock = [k for k, g in made.truth.items() if g == "independent"][:3]
    for kind in ("template", "about_text"):
        assert any({e.a, e.b} <= set(stock) and any(x.kind == kind for x in e.links)
                   for e in graph.edges)
    assert not any({a, b} <= set(stock) for a, b in linked)


def test_a_network_that_only_its_site_text_gives_away_is_found(
        seed_one: tuple[Any, Any]) -> None:
    made, graph = seed_one
    [echo] = [n for n in graph.networks if {made.truth[o.key] for o in n.outlets} == {"echo"}]
    assert len(echo.outlets) == 3
    assert {e["kind"] for e in echo.evidence if e["tier"] != "supporting"} == {
        "about_text", "contact_email"}

