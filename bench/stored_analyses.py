"""Benchmark: analyses read back from the store against analyses computed again.

Stores generated ~700-word articles (the generator of ``bench/analyze.py``) in a SQLite
file, then times three passes over them through
:class:`~launderlens.claims.stored.StoredAnalyzer`, as every report, export and web page
does: the first computes and stores each analysis, the second reads them back, and the
third computes again (as every run did before analyses were stored) for the ratio. Known
narratives are matched against the starter catalogue (BM25) unless ``--no-narratives``.

With ``--inbox`` (the web extra), it then times the web inbox over a fresh store of the
same articles (window 100): first with nothing stored, then in a new process's services
(a restart), which read what the first stored.

    python bench/stored_analyses.py [--articles 300] [--no-narratives] [--inbox] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analyze import article  # the generator beside this file
from launderlens.claims.analyze import Analyzer
from launderlens.claims.stored import StoredAnalyzer
from launderlens.ingest.segment import segment
from launderlens.store import open_store


def run(count: int, narratives: bool) -> dict[str, Any]:
    rng = random.Random(5)
    items = [article(i, rng) for i in range(count)]
    with tempfile.TemporaryDirectory() as folder, \
            open_store(str(Path(folder) / "bench.db")) as store:
        store.add_articles([(a, segment(a)) for a in items])
        analyzer = Analyzer(semantic=False)
        if narratives:
            from launderlens.narratives import NarrativeMatcher, ensure_starter

            ensure_starter(store)
            analyzer.narratives = NarrativeMatcher(store)
        stored = StoredAnalyzer(analyzer, store)
        passes: dict[str, float] = {}
        for name in ("first (compute and store)", "second (read back)"):
            start = time.perf_counter()
            for item in store.iter_articles():
                stored.analyze(item)
            passes[name] = time.perf_counter() - start
        start = time.perf_counter()
        for item in store.iter_articles():
            analyzer.analyze(item, store.sentences(item.id) or None)
        passes["computed again (no store)"] = time.perf_counter() - start
        counts = {"computed": stored.computed, "reused": stored.reused}
    rates = {name: round(count / seconds, 1) for name, seconds in passes.items()}
    again = passes["computed again (no store)"]
    return {"articles": count, "narratives": narratives, "articles_per_s": rates,
            "read_back_speedup": round(again / passes["second (read back)"], 1),
            "store_overhead": round(passes["first (compute and store)"] / again, 2),
            **counts}


def inbox_times(count: int) -> dict[str, float]:
    """Seconds for the web inbox over ``count`` stored articles: nothing stored, then
    after a restart (new services over the same file)."""
    from launderlens.web.inbox import InboxFilters, inbox
    from launderlens.web.services import build_services
    from launderlens.web.settings import Settings

    rng = random.Random(6)
    items = [article(i, rng) for i in range(count)]
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "inbox.db")
        with open_store(db) as store:
            store.add_articles([(a, segment(a)) for a in items])
        settings = Settings(db=db, kb_dir=Path(folder) / "no-user-kb", semantic=False,
                            inbox_window=min(count, 100))
        for name in ("inbox, nothing stored", "inbox after a restart"):
            services = build_services(settings)
            try:
                start = time.perf_counter()
                inbox(services, InboxFilters())
                times[name] = round(time.perf_counter() - start, 2)
            finally:
                services.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--no-narratives", dest="narratives", action="store_false")
    parser.add_argument("--inbox", action="store_true",
                        help="also time the web inbox before and after a restart")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.articles, args.narratives)
    if args.inbox:
        result["inbox_seconds"] = inbox_times(args.articles)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['articles']} stored articles, narratives "
          f"{'on' if result['narratives'] else 'off'}")
    for name, rate in result["articles_per_s"].items():
        print(f"  {name:<28}{rate:>10} articles/s")
    print(f"  reading back is {result['read_back_speedup']}x computing again; the first "
          f"pass costs {result['store_overhead']}x a pass that does not store")
    for name, seconds in result.get("inbox_seconds", {}).items():
        print(f"  {name:<28}{seconds:>10} s")


if __name__ == "__main__":
    main()
