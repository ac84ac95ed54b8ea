"""Benchmark: building the outlet network from co-publication events and indicators.

Generates ``--outlets`` outlets and ``--events`` co-publication events (one outlet
publishing its copy of one story at one time): stories of 2-30 outlets, among which
``--networks`` planted networks of 10 outlets that publish together within minutes and
share an AdSense account, and every outlet its own Analytics account and a CMS. Times
and peak memory (max RSS growth) of the four steps of :func:`launderlens.network.build_network`
that do not need article text (co-publication links, bursts, infrastructure links,
scoring and communities), then, on the first ``--baseline-outlets`` outlets only, the same
co-publication counts by a plain all-pairs comparison of every two outlets' publication
times, with the network stage timed on that same subset for the ratio.

    python bench/network.py [--outlets 10000] [--events 1000000] [--networks 100]
                            [--baseline-outlets 1000] [--json]

The added-sentence evidence needs aligned text and is not timed here.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

from launderlens.network.behaviour import StoryCopy, burst_links, copublication_links
from launderlens.network.evidence import infrastructure_links
from launderlens.network.graph import build_graph

T0 = datetime(2025, 1, 1, tzinfo=UTC)
WINDOW = 60.0


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(outlets: int, events: int, networks: int, seed: int = 1
             ) -> tuple[list[StoryCopy], list[tuple[str, str, str, int]]]:
    rng = random.Random(seed)
    members = [[f"o{n * 10 + i}" for i in range(10)] for n in range(networks)]
    copies: list[StoryCopy] = []
    story = 0
    while len(copies) < events:
        story += 1
        start = T0 + timedelta(minutes=rng.uniform(0, 365 * 24 * 60))
        name = f"s{story}"
        if networks and rng.random() < 0.3:
            group = members[rng.randrange(networks)]
            delay = rng.uniform(30, 600)
            for key in rng.sample(group, 7):
                when = start + timedelta(minutes=delay + rng.uniform(0, 20))
                copies.append(StoryCopy(name, f"{name}-{key}", key, when, (), ()))
        for key in rng.sample(range(outlets), rng.randint(2, 30)):
            when = start + timedelta(minutes=rng.uniform(0, 24 * 60))
            copies.append(StoryCopy(name, f"{name}-o{key}", f"o{key}", when, (), ()))
    rows = [(f"o{i}", "google_analytics", f"UA-{1000000 + i}", 5) for i in range(outlets)]
    rows += [(f"o{i}", "cms", "wordpress", 5) for i in range(outlets)]
    rows += [(key, "adsense", f"pub-{n:016d}", 5) for n, group in enumerate(members)
             for key in group]
    return copies[:events], rows


def network_stage(copies: list[StoryCopy], rows: list[tuple[str, str, str, int]]
                  ) -> dict[str, Any]:
    before = _rss_mb()
    started = time.perf_counter()
    copub = list(copublication_links(copies, WINDOW))
    t_copub = time.perf_counter() - started
    started = time.perf_counter()
    bursts = list(burst_links(copies))
    t_burst = time.perf_counter() - started
    started = time.perf_counter()
    infra = list(infrastructure_links(rows))
    t_infra = time.perf_counter() - started
    started = time.perf_counter()
    graph = build_graph(itertools.chain(copub, bursts, infra), {})
    t_graph = time.perf_counter() - started
    return {"copublication_s": round(t_copub, 2), "bursts_s": round(t_burst, 2),
            "infrastructure_s": round(t_infra, 2), "graph_s": round(t_graph, 2),
            "total_s": round(t_copub + t_burst + t_infra + t_graph, 2),
            "links": len(copub) + len(bursts) + len(infra), "networks": len(graph.networks),
            "rss_growth_mb": round(_rss_mb() - before, 1)}


def all_pairs(copies: list[StoryCopy]) -> tuple[float, int]:
    """Seconds to count, for every two outlets, the stories both published within the
    window, by comparing each pair's publication times directly; pairs found."""
    started = time.perf_counter()
    times: dict[str, dict[str, datetime]] = defaultdict(dict)
    for copy in copies:
        if copy.published is not None:
            times[copy.outlet][copy.story] = copy.published
    keys = sorted(times)
    found = 0
    for i, x in enumerate(keys):
        for y in keys[i + 1:]:
            tx, ty = times[x], times[y]
            shared = tx.keys() & ty.keys()
            if any(abs((tx[s] - ty[s]).total_seconds()) <= WINDOW * 60 for s in shared):
                found += 1
    return time.perf_counter() - started, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outlets", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--networks", type=int, default=100)
    parser.add_argument("--baseline-outlets", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    copies, rows = generate(args.outlets, args.events, min(args.networks, args.outlets // 10))
    result: dict[str, Any] = {"outlets": args.outlets, "events": len(copies),
                              "stories": len({c.story for c in copies}),
                              "generate_s": round(time.perf_counter() - started, 2),
                              "full": network_stage(copies, rows)}
    subset_keys = {f"o{i}" for i in range(args.baseline_outlets)}
    subset = [c for c in copies if c.outlet in subset_keys]
    sub_rows = [r for r in rows if r[0] in subset_keys]
    stage = network_stage(subset, sub_rows)
    seconds, pairs = all_pairs(subset)
    result["subset"] = {"outlets": args.baseline_outlets, "events": len(subset),
                        "network_stage_s": stage["copublication_s"],
                        "all_pairs_s": round(seconds, 2), "all_pairs_found": pairs,
                        "speedup": round(seconds / max(stage["copublication_s"], 1e-9), 1)}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    full, sub = result["full"], result["subset"]
    print(f"{result['outlets']} outlets, {result['events']} events, {result['stories']} "
          f"stories (generated in {result['generate_s']} s)")
    print(f"network stage: co-publication {full['copublication_s']} s, bursts "
          f"{full['bursts_s']} s, infrastructure "
          f"{full['infrastructure_s']} s, scoring and communities {full['graph_s']} s; "
          f"{full['links']} links, {full['networks']} networks, max RSS +"
          f"{full['rss_growth_mb']} MB")
    print(f"first {sub['outlets']} outlets ({sub['events']} events): co-publication "
          f"{sub['network_stage_s']} s, all pairs {sub['all_pairs_s']} s "
          f"({sub['speedup']}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
