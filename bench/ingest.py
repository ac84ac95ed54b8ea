"""Benchmark: ingest generated articles (plain text and HTML) into SQLite.

Prints articles per second and peak memory for each path, beside bare
``trafilatura.extract`` over the same HTML files, measured in the same run so that the
ratio holds whatever the machine. Targets: plain text >= 2,000 articles/s end to end;
HTML >= 0.8 of bare trafilatura's rate.

    python bench/ingest.py [--articles 10000] [--json]

Ingest runs twice: with the default reader processes (one per CPU, beside the process
that writes) and all in one process. The bare extract baseline is one process, so
the first ratio compares a pipelined ingest with a serial extract; the second compares
like with like.

Each phase runs in a forked child so that its peak resident memory is its own.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from forked import in_child

WORDS = [
    "minister", "council", "agreement", "border", "talks", "delegation", "security", "funding",
    "aid", "summit", "officials", "reported", "announced", "parliament", "government",
    "ceasefire", "sanctions", "energy", "market", "prices", "exports", "region", "capital",
    "villages", "residents", "police", "court", "election", "campaign", "budget", "hospital",
    "schools", "bridge", "railway", "harbour", "weather", "flooding", "harvest", "committee",
    "report", "inquiry", "spokesman", "statement", "alliance", "troops", "training",
    "monitoring",
]
OUTLETS = ["Harbour Gazette", "Valley Courier", "Northfield Wire", "Hill Post", "Lakeside Daily"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 28))]
    if rng.random() < 0.2:
        words.insert(rng.randint(1, len(words) - 1), f"{rng.randint(2, 99)}.{rng.randint(0, 9)}")
    if rng.random() < 0.15:
        words.insert(rng.randint(1, len(words) - 1), "U.S.")
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice([".", ".", ".", "?", '."'])


def paragraphs(rng: random.Random) -> list[str]:
    return [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(8)]


def text_article(i: int, rng: random.Random, when: datetime) -> str:
    return (f"---\noutlet: {rng.choice(OUTLETS)}\nurl: https://news{i % 50}.example/a/{i}\n"
            f"published: {when.isoformat()}\ntitle: Generated story number {i}\n---\n"
            + "\n\n".join(paragraphs(rng)) + "\n")


def html_article(i: int, rng: random.Random, when: datetime) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(rng))
    nav = "".join(f'<li><a href="/s/{k}">Section {k}</a></li>' for k in range(12))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Generated story number {i} | {rng.choice(OUTLETS)}</title>
<link rel="canonical" href="https://news{i % 50}.example/a/{i}">
<meta property="og:site_name" content="{rng.choice(OUTLETS)}">
<meta name="author" content="Staff Reporter">
<meta property="article:published_time" content="{when.isoformat()}">
</head><body><header><ul>{nav}</ul></header>
<main><article><h1>Generated story number {i}</h1>{body}</article></main>
<footer><p>Copyright the publisher. All rights reserved.</p></footer></body></html>"""


def generate(folder: Path, count: int, seed: int = 7) -> tuple[Path, Path]:
    rng = random.Random(seed)
    text_dir, html_dir = folder / "text", folder / "html"
    text_dir.mkdir()
    html_dir.mkdir()
    start = datetime(2025, 1, 1, tzinfo=UTC)
    half = count // 2
    for i in range(count):
        when = start + timedelta(minutes=17 * i)
        if i < half:
            (text_dir / f"{i:06d}.txt").write_text(text_article(i, rng, when), encoding="utf-8")
        else:
            (html_dir / f"{i:06d}.html").write_text(html_article(i, rng, when), encoding="utf-8")
    return text_dir, html_dir


def measure(fn: Callable[[], int]) -> dict[str, Any]:
    """Run ``fn`` in a forked child; its item count, rate and peak RSS."""
    def timed() -> dict[str, Any]:
        started = time.perf_counter()
        count = fn()
        return {"items": count, "seconds": time.perf_counter() - started}

    result = in_child(timed)
    result["per_second"] = round(result["items"] / result["seconds"], 1)
    result["seconds"] = round(result["seconds"], 3)
    return result


def ingest_phase(folder: Path, db: Path, workers: int | None) -> Callable[[], int]:
    def run() -> int:
        from launderlens.ingest import ingest
        from launderlens.store import open_store

        with open_store(str(db)) as store:
            report = ingest([folder], store, workers=workers)
        if report.rejected:
            raise SystemExit(f"benchmark input was rejected: {report.rejected[:3]}")
        return len(report.stored)

    return run


def bare_trafilatura_phase(folder: Path) -> Callable[[], int]:
    def run() -> int:
        import trafilatura

        done = 0
        for path in sorted(folder.glob("*.html")):
            if trafilatura.extract(path.read_bytes()):
                done += 1
        return done

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=10_000, help="text + HTML, half each")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    import trafilatura  # noqa: F401  (warm the import outside the timed phases)

    import launderlens.ingest.readers.html
    import launderlens.ingest.segment  # noqa: F401
    from launderlens.ingest import default_workers

    with tempfile.TemporaryDirectory(prefix="launderlens-bench-") as tmp:
        folder = Path(tmp)
        print(f"generating {args.articles} articles ...", file=sys.stderr)
        text_dir, html_dir = generate(folder, args.articles)
        results = {
            "text_ingest": measure(ingest_phase(text_dir, folder / "text.db", None)),
            "text_ingest_1_process": measure(ingest_phase(text_dir, folder / "t1.db", 0)),
            "html_ingest": measure(ingest_phase(html_dir, folder / "html.db", None)),
            "html_ingest_1_process": measure(ingest_phase(html_dir, folder / "h1.db", 0)),
            "bare_trafilatura_extract": measure(bare_trafilatura_phase(html_dir)),
        }
    bare = results["bare_trafilatura_extract"]["per_second"]
    ratio = results["html_ingest"]["per_second"] / bare
    ratio_1 = results["html_ingest_1_process"]["per_second"] / bare
    results["html_vs_bare_trafilatura"] = {"ratio": round(ratio, 3), "target": 0.8,
                                           "ratio_1_process": round(ratio_1, 3),
                                           "workers": default_workers()}
    results["text_target_per_second"] = {"target": 2000}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name in ("text_ingest", "text_ingest_1_process", "html_ingest",
                     "html_ingest_1_process", "bare_trafilatura_extract"):
            r = results[name]
            print(f"{name:26s} {r['items']:>6} items  {r['per_second']:>9.1f}/s  "
                  f"{r['seconds']:>7.2f} s  peak RSS {r['peak_rss_mb']:.0f} MB")
        print(f"HTML ingest ({default_workers()} reader processes + the writer) / bare "
              f"trafilatura.extract "
              f"(one process) = {ratio:.2f} (target >= 0.8); with one process: {ratio_1:.2f}")
        print(f"text ingest = {results['text_ingest']['per_second']:.0f}/s (target >= 2000/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
