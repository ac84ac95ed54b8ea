"""Benchmark: the web app under load on loopback, and the HTML report of a 10-copy story.

Builds a SQLite store of ``--articles`` generated ~700-word articles (the generator of
``bench/analyze.py``), serves it with uvicorn in a forked process, and drives it from
this process with ``--concurrency`` clients (threads with keep-alive httpx clients) for
``--seconds`` per phase. Prints requests per second and p50/p95/p99 latency of:

- ``GET /articles/{id}``, the article page, each request a different article (its
  analysis is computed: what a reader opening the inbox meets), and the same page over
  a few articles whose analyses the app has cached (the rendering alone); beside them the
  baseline ``GET /api/articles/{id}`` (the article as JSON), and the ratios;
- ``POST /api/analyze`` with a ~700-word article, at ``--concurrency`` and at one
  client; beside it the baseline ``Analyzer.analyze`` of the same articles in one
  process (the analyzer the app builds), and the ratios;

then the milliseconds to build and render the HTML report of a story of 10 copies (an
origin and 9 rewrites: sentences dropped, swapped and added) with
``report.story_report`` + ``report.render_html``, beside the same for the origin's
article report alone. The 1-minute load average is printed with every phase: on a shared
machine a rate means little without it. The client shares the machine's cores with the
server, so a rate is a lower bound of the server's.

    python bench/serve.py [--articles 10000] [--seconds 10] [--concurrency 8]
                          [--repeat 20] [--json]

Building the store and the in-process phases run in forked children (``forked.in_child``)
so that each peak resident memory is its own; the server's peak is reported when it stops.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import multiprocessing as mp
import os
import random
import resource
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from analyze import ACCUSATIONS, VAGUE, article, sentence
from forked import in_child

#: A request: method, path, JSON body (None for a GET).
Request = tuple[str, str, bytes | None]
#: Articles posted to /api/analyze in turn, and analysed in process: more than a phase
#: gets through, so that each is new to both (the app caches only stored articles).
ANALYZE_POOL = 600
#: Articles whose page is asked for again and again in the cached-page phase.
CACHED_POOL = 16
STORY_COPIES = 9


def settings(db: Path) -> Any:
    from launderlens.web import Settings

    # An empty KB folder: the machine's user KB must not change the figures.
    return Settings(db=str(db), semantic=False, kb_dir=db.parent / "no-user-kb")


# -- the store ------------------------------------------------------------------------------

def build_store(db: Path, count: int) -> Callable[[], dict[str, Any]]:
    def run() -> dict[str, Any]:
        from launderlens.ingest.segment import segment
        from launderlens.store import open_store

        rng = random.Random(17)
        started = time.perf_counter()
        ids: list[str] = []
        with open_store(str(db)) as store:
            for first in range(0, count, 1000):
                batch = [article(i, rng) for i in range(first, min(first + 1000, count))]
                added = store.add_articles([(a, segment(a)) for a in batch])
                ids.extend(added.stored)
        return {"articles": len(ids), "seconds": round(time.perf_counter() - started, 1),
                "ids": ids}

    return run


# -- the server, in its own process ---------------------------------------------------------

def _serve(db: Path, sock: socket.socket, stop: Any, queue: Any) -> None:
    import uvicorn

    from launderlens.web import create_app

    config = uvicorn.Config(create_app(settings(db)), log_level="warning", access_log=False,
                            lifespan="on")
    server = uvicorn.Server(config)

    def stop_when_asked() -> None:
        # Not SIGTERM: uvicorn re-raises a signal it caught once it has shut down, which
        # would end this process before it reports.
        stop.wait()
        server.should_exit = True

    threading.Thread(target=stop_when_asked, daemon=True).start()
    server.run(sockets=[sock])
    # uvicorn picks httptools and uvloop when installed ("auto"), else h11 and asyncio.
    protocol = getattr(config, "http_protocol_class", None)
    loop = config.loop
    if loop == "auto":
        loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    queue.put({"peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
               "http": protocol.__name__ if protocol else str(config.http), "loop": str(loop)})


class Server:
    """uvicorn serving the app over ``db`` in a forked process, on a loopback port."""

    def __init__(self, db: Path) -> None:
        # IPPROTO_TCP, not the default 0: asyncio sets TCP_NODELAY only on connections of
        # a socket that names its protocol, and without it each keep-alive response
        # (headers and body written apart) waits ~40 ms on Nagle and delayed ACKs.
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        ctx = mp.get_context("fork")
        self.queue = ctx.Queue()
        self.stopping = ctx.Event()
        self.proc = ctx.Process(target=_serve, args=(db, self.sock, self.stopping, self.queue),
                                daemon=True)

    def start(self, timeout: float = 120.0) -> None:
        import httpx

        self.proc.start()
        self.sock.close()  # the child holds the listening socket now
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.proc.is_alive():
                raise SystemExit("the server process died at start; see its log above")
            try:
                if httpx.get(self.url + "/api/articles?limit=1", timeout=5).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"the server did not answer within {timeout:.0f} s")

    def stop(self) -> dict[str, Any]:
        """Ask the server to finish; its peak resident memory and what it ran on."""
        self.stopping.set()
        try:
            result: dict[str, Any] = self.queue.get(timeout=60)
        finally:
            self.proc.join(30)
            if self.proc.is_alive():
                self.proc.kill()
        return result


# -- the load generator ---------------------------------------------------------------------

def percentiles(millis: Sequence[float]) -> dict[str, float]:
    cuts = statistics.quantiles(millis, n=100, method="inclusive")
    return {"p50_ms": round(cuts[49], 2), "p95_ms": round(cuts[94], 2),
            "p99_ms": round(cuts[98], 2)}


def load(url: str, requests: Callable[[int], Request], seconds: float, concurrency: int,
         warmup: int = 0) -> dict[str, Any]:
    """``concurrency`` clients send ``requests(0)``, ``requests(1)``, ... in turn until
    ``seconds`` have passed; requests per second over the whole run, latency
    percentiles, and how many answers were not 2xx. The first ``warmup`` requests are
    sent before the clock starts."""
    import httpx

    counter = itertools.count()
    latencies: list[float] = []
    failures: list[int] = []
    headers = {"content-type": "application/json"}

    def send(client: httpx.Client, method: str, path: str, body: bytes | None) -> int:
        return client.request(method, path, content=body,
                              headers=headers if body is not None else None).status_code

    with httpx.Client(base_url=url, timeout=120) as client:
        for _ in range(warmup):
            send(client, *requests(next(counter)))
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        with httpx.Client(base_url=url, timeout=120) as client:
            while time.perf_counter() < deadline:
                method, path, body = requests(next(counter))
                started = time.perf_counter()
                status = send(client, method, path, body)
                latencies.append((time.perf_counter() - started) * 1000)
                if not 200 <= status < 300:
                    failures.append(status)

    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {"requests": len(latencies), "per_second": round(len(latencies) / elapsed, 1),
            **percentiles(latencies), "not_2xx": len(failures),
            "statuses": sorted(set(failures))[:5], "concurrency": concurrency,
            "load_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)]}


def analyze_bodies(count: int) -> list[bytes]:
    rng = random.Random(29)
    bodies = []
    for i in range(count):
        item = article(100_000 + i, rng)
        bodies.append(json.dumps({"text": item.text, "title": item.title, "outlet": item.outlet,
                                  "published": item.published.isoformat()}).encode())
    return bodies


def in_process_analyze(db: Path, bodies: list[bytes], seconds: float
                       ) -> Callable[[], dict[str, Any]]:
    """The baseline: the analyzer the app builds, called directly on the same articles,
    one after another."""

    def run() -> dict[str, Any]:
        from launderlens.model import Article
        from launderlens.web.services import build_services

        services = build_services(settings(db))
        articles = []
        for body in bodies:
            fields = json.loads(body)
            published = datetime.fromisoformat(fields.pop("published"))
            articles.append(Article.create(fields.pop("text"), published=published, **fields))
        analyzer = services.analyzer
        analyzer.analyze(articles[0])  # warm caches and lazy imports, as the server's warm-up
        millis = []
        started = time.perf_counter()
        deadline = started + seconds
        for i in itertools.count():
            if time.perf_counter() >= deadline:
                break
            begin = time.perf_counter()
            analyzer.analyze(articles[i % len(articles)])
            millis.append((time.perf_counter() - begin) * 1000)
        elapsed = time.perf_counter() - started
        services.close()
        return {"requests": len(millis), "per_second": round(len(millis) / elapsed, 1),
                **percentiles(millis), "concurrency": 1}

    return run


# -- the story report -----------------------------------------------------------------------

def _text(sentences: list[str]) -> str:
    return "\n\n".join(" ".join(sentences[k:k + 4]) for k in range(0, len(sentences), 4))


def _rewrite(sentences: list[str], rng: random.Random, when: datetime) -> list[str]:
    """A laundered copy: some sentences dropped, neighbours swapped, a few added, one of
    them an accusation on vague sourcing."""
    kept = [s for s in sentences if rng.random() > 0.15]
    for i in range(0, len(kept) - 1, 2):
        if rng.random() < 0.25:
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
    added = [sentence(rng, when) for _ in range(rng.randint(2, 4))]
    added.append(f"{rng.choice(VAGUE)} that {rng.choice(ACCUSATIONS)}.")
    for extra in added:
        kept.insert(rng.randint(1, len(kept)), extra)
    return kept


def story_articles(seed: int = 41) -> list[Any]:
    """An origin of ~700 words and :data:`STORY_COPIES` rewrites of it, an hour apart."""
    from launderlens.model import Article

    rng = random.Random(seed)
    when = datetime(2025, 6, 2, 8, tzinfo=UTC)
    origin: list[str] = []
    while sum(len(s.split()) for s in origin) < 700:
        origin.append(sentence(rng, when))
    articles = [Article.create(_text(origin), title="Ministers agree a winter package",
                               outlet="Harbour Wire", published=when)]
    for k in range(1, STORY_COPIES + 1):
        articles.append(Article.create(_text(_rewrite(origin, rng, when)),
                                       title=f"Winter package, retold {k}",
                                       outlet=f"Copy Site {k}",
                                       published=when + timedelta(hours=k)))
    return articles


def _median_p90(millis: list[float]) -> dict[str, float]:
    ordered = sorted(millis)
    return {"median_ms": round(statistics.median(ordered), 2),
            "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))], 2)}


def story_phase(folder: Path, repeat: int) -> Callable[[], dict[str, Any]]:
    def run() -> dict[str, Any]:
        from launderlens.claims.analyze import Analyzer
        from launderlens.ingest.segment import segment
        from launderlens.narratives import NarrativeMatcher, ensure_starter
        from launderlens.report import article_report, build_provenance, render_html, story_report
        from launderlens.rewrites.compare import Comparer
        from launderlens.rewrites.stories import cluster_store, story_view
        from launderlens.store import open_store

        articles = story_articles()
        with open_store(str(folder / "story.db")) as store:
            store.add_articles([(a, segment(a)) for a in articles])
            story = max(cluster_store(store, semantic=False), key=lambda s: len(s.members))
            if len(story.members) != len(articles):
                raise SystemExit(f"the {len(articles)} generated copies clustered into a story "
                                 f"of {len(story.members)}; the generator needs fixing")
            comparer = Comparer(semantic=False, store=store)
            started = time.perf_counter()
            view = story_view(store, story, comparer)
            view_ms = (time.perf_counter() - started) * 1000
            ensure_starter(store)
            analyzer = Analyzer(semantic=False, narratives=NarrativeMatcher(store))
            analyses = {a.id: analyzer.analyze(a, store.sentences(a.id)) for a in articles}
            catalogue = analyzer.narratives.describe() if analyzer.narratives else None
            story_prov = build_provenance(analyzer=analyzer, comparer=comparer, store=store,
                                          catalogue=catalogue)
            article_prov = build_provenance(analyzer=analyzer, store=store, catalogue=catalogue)
        origin = analyses[story.origin]

        def story_html() -> str:
            return render_html(story_report(view, analyses, provenance=story_prov))

        def article_html() -> str:
            return render_html(article_report(origin, provenance=article_prov))

        story_ms: list[float] = []
        article_ms: list[float] = []
        # Alternated, so that load from elsewhere on the machine falls on both alike.
        for _ in range(repeat + 1):
            for fn, out in ((story_html, story_ms), (article_html, article_ms)):
                begin = time.perf_counter()
                fn()
                out.append((time.perf_counter() - begin) * 1000)
        return {"copies": len(articles) - 1, "story_view_ms": round(view_ms, 1),
                "html_kb": round(len(story_html().encode()) / 1024, 1), "repeat": repeat,
                # The first run of each warms the templates and lazy imports.
                "story": _median_p90(story_ms[1:]), "article": _median_p90(article_ms[1:])}

    return run


# -- the run --------------------------------------------------------------------------------

def serve_phases(url: str, ids: list[str], bodies: list[bytes], seconds: float,
                 concurrency: int) -> dict[str, Any]:
    # The article pages start past the ids the cached phase uses, so each is new.
    fresh, cached = ids[CACHED_POOL:], ids[:CACHED_POOL]
    phases: dict[str, tuple[Callable[[int], Request], int, int]] = {
        "api_article": (lambda i: ("GET", f"/api/articles/{ids[i % len(ids)]}", None),
                        concurrency, concurrency),
        "article_page": (lambda i: ("GET", f"/articles/{fresh[i % len(fresh)]}", None),
                         concurrency, concurrency),
        "article_page_cached": (lambda i: ("GET", f"/articles/{cached[i % len(cached)]}", None),
                                concurrency, CACHED_POOL),
        "analyze_endpoint": (lambda i: ("POST", "/api/analyze", bodies[i % len(bodies)]),
                             concurrency, concurrency),
        "analyze_endpoint_1_client": (
            lambda i: ("POST", "/api/analyze", bodies[i % len(bodies)]), 1, 1),
    }
    results = {}
    for name, (requests, clients, warmup) in phases.items():
        print(f"{name} ...", file=sys.stderr)
        results[name] = load(url, requests, seconds, clients, warmup)
    if results["article_page"]["requests"] + concurrency > len(fresh):
        results["article_page"]["note"] = "more requests than articles: some were cached"
    return results


def ratios(results: dict[str, Any]) -> dict[str, float]:
    def ratio(a: float, b: float) -> float:
        return round(a / b, 2) if b else float("nan")

    api, page = results["api_article"], results["article_page"]
    cached, inproc = results["article_page_cached"], results["analyze_in_process"]
    endpoint, single = results["analyze_endpoint"], results["analyze_endpoint_1_client"]
    story = results["story_report"]
    return {
        "article_page_rate_vs_api": ratio(page["per_second"], api["per_second"]),
        "article_page_p50_vs_api": ratio(page["p50_ms"], api["p50_ms"]),
        "cached_page_rate_vs_api": ratio(cached["per_second"], api["per_second"]),
        "cached_page_p50_vs_api": ratio(cached["p50_ms"], api["p50_ms"]),
        "analyze_endpoint_rate_vs_in_process": ratio(endpoint["per_second"],
                                                     inproc["per_second"]),
        "analyze_1_client_p50_vs_in_process": ratio(single["p50_ms"], inproc["p50_ms"]),
        "story_report_vs_article_report": ratio(story["story"]["median_ms"],
                                                story["article"]["median_ms"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0, help="per load phase")
    parser.add_argument("--concurrency", type=int, default=8, help="clients at once")
    parser.add_argument("--repeat", type=int, default=20, help="story report renders")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {"cpus": os.cpu_count(), "concurrency": args.concurrency,
                               "seconds_per_phase": args.seconds}
    with tempfile.TemporaryDirectory(prefix="launderlens-bench-serve-") as tmp:
        folder = Path(tmp)
        db = folder / "bench.db"
        print(f"building a store of {args.articles} articles ...", file=sys.stderr)
        results["store"] = in_child(build_store(db, args.articles), "store")
        ids = results["store"].pop("ids")
        bodies = analyze_bodies(ANALYZE_POOL)
        results["analyze_words"] = len(json.loads(bodies[0])["text"].split())
        print("story report ...", file=sys.stderr)
        results["story_report"] = in_child(story_phase(folder, args.repeat), "story")
        print("analyze in process ...", file=sys.stderr)
        results["analyze_in_process"] = in_child(
            in_process_analyze(db, bodies, args.seconds), "analyze in process")
        server = Server(db)
        server.start()
        try:
            results.update(serve_phases(server.url, ids, bodies, args.seconds,
                                        args.concurrency))
        finally:
            results["server"] = server.stop()
    results["ratios"] = ratios(results)
    print(json.dumps(results, indent=2) if args.json else table(results))
    return 0


def table(results: dict[str, Any]) -> str:
    store, server = results["store"], results["server"]
    lines = [f"store: {store['articles']} articles built in {store['seconds']} s (peak RSS "
             f"{store['peak_rss_mb']:.0f} MB); server: uvicorn, 1 process ({server['loop']} "
             f"loop, {server['http']} HTTP), peak RSS {server['peak_rss_mb']:.0f} MB; "
             f"{results['cpus']} CPUs shared with the client",
             f"{'phase':44} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
             f"{'n':>6} {'non-2xx':>7}  load 1 min"]
    rows = [("GET /api/articles/{id} (baseline)", "api_article"),
            ("GET /articles/{id}, each article new", "article_page"),
            (f"GET /articles/{{id}}, {CACHED_POOL} cached analyses", "article_page_cached"),
            (f"POST /api/analyze, {results['analyze_words']} words", "analyze_endpoint"),
            ("POST /api/analyze, 1 client", "analyze_endpoint_1_client"),
            ("Analyzer.analyze in process (baseline)", "analyze_in_process")]
    for label, key in rows:
        r = results[key]
        where = f"c={r['concurrency']}"
        load = r.get("load_1min", [0, 0])
        lines.append(f"{label + ' ' + where:44} {r['per_second']:>8.1f} {r['p50_ms']:>8.1f} "
                     f"{r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f} {r['requests']:>6} "
                     f"{r.get('not_2xx', 0):>7}  {load[0]:.1f}->{load[1]:.1f}")
    s = results["story_report"]
    lines.append(f"story of the origin + {s['copies']} copies: story_report + render_html ("
                 f"{s['html_kb']} KB) median {s['story']['median_ms']} ms, p90 "
                 f"{s['story']['p90_ms']} ms; the origin's article report: median "
                 f"{s['article']['median_ms']} ms; story_view (9 comparisons) "
                 f"{s['story_view_ms']} ms; load {s['load_1min'][0]:.1f}->"
                 f"{s['load_1min'][1]:.1f}")
    r = results["ratios"]
    lines.append(f"ratios: article page / JSON: rate {r['article_page_rate_vs_api']}, p50 "
                 f"{r['article_page_p50_vs_api']}; cached page / JSON: rate "
                 f"{r['cached_page_rate_vs_api']}, p50 {r['cached_page_p50_vs_api']}")
    lines.append(f"        /api/analyze / in-process Analyzer.analyze: rate "
                 f"{r['analyze_endpoint_rate_vs_in_process']} (c={results['concurrency']}), "
                 f"p50 {r['analyze_1_client_p50_vs_in_process']} (1 client); story report / "
                 f"article report: {r['story_report_vs_article_report']}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
