"""Benchmark: ``analyze`` (claims, attributions, dated checks) on generated news articles.

Prints the median and p90 latency of one ~700-word article without and with the semantic
backend (model load excluded), and articles per second over a batch of generated
articles without it: in one process (``Analyzer.analyze`` on each article), then shared
by worker processes (``Analyzer.analyze_many``; ``--workers``, default one per CPU, 0 to
skip). Target: at least 50 articles/s without embeddings on 2 cores, in one process.

    python bench/analyze.py [--articles 1000] [--repeat 20] [--workers N] [--no-semantic]
                            [--json]

Articles are written from the word lists below: dated events, leaders with their offices
(some right, some wrong for the date), figures, quotes, vague and named sourcing, so that
every stage has work to do.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

PLACES = ["Helsinki", "Warsaw", "Vilnius", "Riga", "Tallinn", "Berlin", "Rome", "Paris",
          "Brussels", "Kyiv", "Ankara", "Budapest"]
LEADERS = ["Polish President Andrzej Duda", "Polish President Karol Nawrocki",
           "German Chancellor Friedrich Merz", "German Chancellor Olaf Scholz",
           "Italian Prime Minister Giorgia Meloni", "French President Emmanuel Macron",
           "NATO Secretary General Mark Rutte", "Ukrainian President Volodymyr Zelensky",
           "Kremlin spokesman Dmitry Peskov", "Finnish Foreign Minister Elina Valtonen"]
VAGUE = ["Investigative reports allege", "Critics say", "Some analysts claim",
         "Sources familiar with the matter say", "A leaked document suggests",
         "Observers believe"]
ACCUSATIONS = ["officials siphoned aid money through shell companies",
               "the talks were sabotaged on purpose",
               "funds meant for generators ended up in offshore accounts",
               "the figures were inflated to hide embezzlement"]
NAMED = ["according to Reuters", "the ministry said in a statement", "TASS reported",
         "the organisers said", "Rutte told reporters"]
FILLER = ["the delegations discussed", "a joint statement followed", "talks continued late",
          "officials reviewed the plans", "the meeting ended without a vote",
          "ministers agreed to meet again", "the proposal drew mixed reactions"]
PERIODS = ["as the war enters its fourth year", "as the war enters its seventh year",
           "on the third anniversary of the invasion", "just weeks after the inauguration",
           "months after the elections"]


def sentence(rng: random.Random, when: datetime) -> str:
    roll = rng.random()
    if roll < 0.15:
        return f"{rng.choice(VAGUE)} that {rng.choice(ACCUSATIONS)}."
    if roll < 0.35:
        amount = f"{rng.randint(2, 90)}.{rng.randint(1, 9)}"
        return (f"{rng.choice(LEADERS)} said the package of {amount}"
                f" billion euros would be delivered by {rng.choice(['March', 'June', 'December'])}"
                f", {rng.choice(NAMED)}.")
    if roll < 0.45:
        return f"The meeting in {rng.choice(PLACES)} took place {rng.choice(PERIODS)}."
    if roll < 0.55:
        day = when - timedelta(days=rng.randint(1, 400))
        return (f"On {day.strftime('%B')} {day.day}, {day.year}, {rng.choice(FILLER)} in "
                f"{rng.choice(PLACES)}.")
    if roll < 0.65:
        return f'"We will not step back," {rng.choice(LEADERS)} told reporters.'
    words = " and ".join(rng.sample(FILLER, 2))
    return f"In {rng.choice(PLACES)}, {words}, {rng.choice(NAMED)}."


def article(index: int, rng: random.Random) -> Any:
    from launderlens.model import Article

    when = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=rng.randint(0, 300))
    body: list[str] = []
    while sum(len(s.split()) for s in body) < 700:
        body.append(sentence(rng, when))
    paragraphs = [" ".join(body[k:k + 4]) for k in range(0, len(body), 4)]
    return Article.create("\n\n".join(paragraphs), title=f"Generated report {index}",
                          outlet=rng.choice(["TASS", "Harbour Gazette", "Valley Courier"]),
                          published=when)


def latency(analyzer: Any, item: Any, repeat: int) -> dict[str, float]:
    analyzer.analyze(item)  # warm caches and lazy imports
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        analyzer.analyze(item)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"median_ms": round(statistics.median(times), 1),
            "p90_ms": round(times[int(0.9 * (len(times) - 1))], 1), "runs": repeat}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="worker processes for the pooled batch (0: skip it)")
    parser.add_argument("--no-semantic", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from launderlens.claims.analyze import Analyzer
    from launderlens.rewrites.similarity import semantic_available

    rng = random.Random(11)
    batch = [article(i, rng) for i in range(args.articles)]
    words = len(batch[0].text.split())
    lexical = Analyzer(semantic=False)
    results: dict[str, Any] = {"words": words, "cpus": os.cpu_count(),
                               "load_before": os.getloadavg()[0]}
    results["latency_lexical"] = latency(lexical, batch[0], args.repeat)
    print("batch ...", file=sys.stderr)
    started = time.perf_counter()
    findings = sum(len(lexical.analyze(item).findings) for item in batch)
    seconds = time.perf_counter() - started
    results["batch_lexical"] = {"articles": len(batch), "seconds": round(seconds, 2),
                                "per_second": round(len(batch) / seconds, 1),
                                "findings": findings, "target_per_second": 50}
    if args.workers > 1:
        print(f"batch in {args.workers} worker processes ...", file=sys.stderr)
        started = time.perf_counter()
        pooled = sum(len(a.findings) for a in lexical.analyze_many(batch, workers=args.workers))
        seconds = time.perf_counter() - started
        results["batch_lexical_pooled"] = {
            "articles": len(batch), "workers": args.workers, "seconds": round(seconds, 2),
            "per_second": round(len(batch) / seconds, 1), "findings": pooled}
    if not args.no_semantic and semantic_available():
        started = time.perf_counter()
        semantic = Analyzer(semantic=True)
        results["model_load_s"] = round(time.perf_counter() - started, 2)
        results["latency_semantic"] = latency(semantic, batch[0], max(3, args.repeat // 4))
    results["load_after"] = os.getloadavg()[0]
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"article of {words} words; {results['cpus']} CPUs; load {results['load_before']:.1f}"
          f" -> {results['load_after']:.1f}")
    for name in ("latency_lexical", "latency_semantic"):
        if name in results:
            r = results[name]
            print(f"{name:18} median {r['median_ms']:8.1f} ms  p90 {r['p90_ms']:8.1f} ms  "
                  f"({r['runs']} runs)")
    b = results["batch_lexical"]
    verdict = "met" if b["per_second"] >= 50 else "MISSED"
    print(f"batch, no embeddings, one process: {b['articles']} articles in {b['seconds']} s = "
          f"{b['per_second']}/s (target >= 50/s: {verdict}); {b['findings']} findings")
    if "batch_lexical_pooled" in results:
        p = results["batch_lexical_pooled"]
        same = "same as one process" if p["findings"] == b["findings"] else "DIFFERENT"
        print(f"batch, no embeddings, {p['workers']} worker processes (analyze_many): "
              f"{p['articles']} articles in {p['seconds']} s = {p['per_second']}/s; "
              f"{p['findings']} findings ({same})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
