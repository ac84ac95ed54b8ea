"""Benchmark: the batch pipeline on Spark (local[2]) against the single-process path, on
generated corpora with planted rewrite families (bench/cluster.py's generator).

Both engines start from the same JSON Lines file and do the same work: read every record,
split sentences, and group the articles into stories with their origins. The single
process runs ``read_source`` + ``segment`` + ``StoryIndex`` (lexical); Spark runs
``run_job`` without alignment and analysis (both per-article maps that cost the same per
article on either engine) and without loading a store. For each size it prints articles/s,
peak resident memory and CPU seconds of the whole process tree (Spark's JVM and Python
workers included, sampled every 0.2 s), pairwise precision/recall against the planted
families, how many stories differ between the two engines and how many of the stories both
found name another origin, and the growth of time from the smallest to the largest size (goal for
Spark: at most 11x for 10x the articles).

    python bench/spark.py [--sizes 10000,100000] [--engines local,spark] [--json]
        [--blocking top_terms,minhash,anchors]

Each phase runs in a forked child, as in the other benches; the 1-minute load average is
printed beside each rate: on a shared machine a rate means little without it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from cluster import corpus, pair_counts
from forked import in_child

GROWTH_GOAL = 11
ENGINES = ("local", "spark")


def _tree_usage(root: int) -> tuple[float, float]:
    """Resident memory (MB) of ``root`` and every descendant, and the CPU seconds they
    and their reaped children have used, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                # after the command's closing parenthesis: utime, stime, cutime, cstime
                # are the 12th to 15th fields
                times = f.read().rsplit(")", 1)[1].split()[11:15]
        except OSError:
            continue
        parents[int(entry)] = int(fields.get("PPid", "0").strip() or 0)
        rss[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields \
            else 0
        ticks[int(entry)] = sum(int(t) for t in times)
    memory = used = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        memory += rss.get(pid, 0)
        used += ticks.get(pid, 0)
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return memory / 1024, used / os.sysconf("SC_CLK_TCK")


class PeakSampler:
    """The largest resident memory of this process tree while the block runs, and the
    most CPU seconds it was seen to have used (a process that ends before its parent
    reaps it takes its last 0.2 s with it): on a shared machine CPU time moves far less
    with the load than the time on the clock."""

    def __init__(self) -> None:
        self.peak = 0.0
        self.cpu_seconds = 0.0
        self._start = _tree_usage(os.getpid())[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            memory, used = _tree_usage(os.getpid())
            self.peak = max(self.peak, memory)
            # less this thread's own reading of /proc
            self.cpu_seconds = max(self.cpu_seconds, used - self._start - time.thread_time())
            self._stop.wait(0.2)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# Set per size in the parent before forking.
JOB: dict[str, Any] = {}


def _labels(stories: list[tuple[str, ...]], ids: list[str]) -> np.ndarray:
    position = {article_id: i for i, article_id in enumerate(ids)}
    labels = np.zeros(len(ids), dtype=np.int64)
    for number, members in enumerate(stories):
        labels[[position[m] for m in members]] = number
    return labels


def run_local() -> dict[str, Any]:
    from launderlens.ingest.readers import Source, read_source
    from launderlens.ingest.segment import segment
    from launderlens.model import Article
    from launderlens.rewrites.cluster import StoryIndex

    with PeakSampler() as sampler:
        started = time.perf_counter()
        articles = [r for r in read_source(Source.from_path(JOB["path"]), fmt="json")
                    if isinstance(r, Article)]
        sentences = sum(len(segment(a)) for a in articles)
        stories = StoryIndex(backends=("lexical",)).fit(articles).stories_
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_tree_mb": round(sampler.peak, 1),
            "cpu_seconds": round(sampler.cpu_seconds, 1), "sentences": sentences,
            "stories": [s.members for s in stories],
            "origins": [s.origin for s in stories]}


def run_spark() -> dict[str, Any]:
    import pyarrow.parquet as pq

    from launderlens.spark.job import run_job
    from launderlens.spark.session import get_session

    with PeakSampler() as sampler:
        started = time.perf_counter()
        session = get_session("local[2]", shuffle_partitions=JOB["partitions"])
        ready = time.perf_counter()
        result = run_job(session, [JOB["path"]], JOB["output"], analyse=False, align=False,
                         blocking=JOB["blocking"])
        seconds = time.perf_counter() - started
        session.stop()
    table = pq.read_table(Path(JOB["output"]) / "stories", columns=["members", "origin"])
    return {"seconds": seconds, "session_seconds": round(ready - started, 1),
            "stage_seconds": {k: round(v, 1) for k, v in result.seconds.items()},
            "peak_tree_mb": round(sampler.peak, 1),
            "cpu_seconds": round(sampler.cpu_seconds, 1),
            "sentences": result.counts.get("sentences", 0),
            "pairs_scored": result.counts.get("pairs", 0),
            "stories": [tuple(m) for m in table.column("members").to_pylist()],
            "origins": table.column("origin").to_pylist()}


def measure(size: int, workdir: Path, blocking: tuple[str, ...],
            engines: tuple[str, ...] = ENGINES) -> dict[str, Any]:
    articles, family, _ = corpus(size)
    path = workdir / f"corpus-{size}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            record = article.as_dict()
            record.pop("id")
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    ids = [a.id for a in articles]
    del articles  # at a million articles the generated objects alone take gigabytes
    JOB.update(path=path, output=str(workdir / f"tables-{size}"), blocking=blocking,
               partitions=max(8, size // 12_500))
    row: dict[str, Any] = {}
    for name, fn in (("local", run_local), ("spark", run_spark)):
        if name not in engines:
            continue
        print(f"{size} articles: {name} ...", file=sys.stderr)
        got = in_child(fn)
        stories, origins = got.pop("stories"), got.pop("origins")
        got.update(pair_counts(_labels(stories, ids), family))
        got["per_second"] = round(size / got["seconds"], 1)
        got["seconds"] = round(got["seconds"], 1)
        got["story_set"] = {tuple(sorted(s)): o for s, o in zip(stories, origins, strict=True)}
        row[name] = got
    if len(row) < 2:  # one engine: nothing to compare its stories with
        for got in row.values():
            got.pop("story_set")
        return row
    local, spark = row["local"].pop("story_set"), row["spark"].pop("story_set")
    row["stories_only_local"] = len(local.keys() - spark.keys())
    row["stories_only_spark"] = len(spark.keys() - local.keys())
    row["origins_differ"] = sum(local[s] != spark[s] for s in local.keys() & spark.keys())
    row["rate_ratio_spark_to_local"] = round(row["spark"]["per_second"]
                                             / row["local"]["per_second"], 3)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--blocking", default="top_terms,minhash,anchors")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help="local, spark or both: at a million articles the single "
                             "process holds every article in memory (about 20 KB each)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    engines = tuple(dict.fromkeys(args.engines.split(",")))  # each engine once
    if not engines or set(engines) - set(ENGINES):
        parser.error(f"--engines takes {' and '.join(ENGINES)}, comma-separated")
    sizes = [int(s) for s in args.sizes.split(",")]
    blocking = tuple(args.blocking.split(","))
    workdir = Path(tempfile.mkdtemp(prefix="launderlens-spark-bench-"))
    results: dict[str, Any] = {"cpus": os.cpu_count(), "blocking": list(blocking),
                               "engines": list(engines), "sizes": {}}
    try:
        for size in sizes:
            results["sizes"][size] = measure(size, workdir, blocking, engines)
            # each size as soon as it is measured: a long run stopped later keeps these
            print(json.dumps({size: results["sizes"][size]}), file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if len(sizes) > 1:
        first, last = results["sizes"][sizes[0]], results["sizes"][sizes[-1]]
        results["growth"] = {engine: round(last[engine]["seconds"] / first[engine]["seconds"], 2)
                             for engine in engines}
        results["growth"]["size_ratio"] = sizes[-1] / sizes[0]
        results["growth"]["goal_spark"] = GROWTH_GOAL
    print(json.dumps(results, indent=2) if args.json else _table(results))
    return 0


def _table(results: dict[str, Any]) -> str:
    lines = [f"{results['cpus']} CPUs; Spark local[2]; blocking {','.join(results['blocking'])}"]
    for size, row in results["sizes"].items():
        for engine in results["engines"]:
            r = row[engine]
            lines.append(
                f"{size:>8} {engine:<6} {r['per_second']:>8.0f}/s {r['seconds']:>8.1f} s  "
                f"CPU {r['cpu_seconds']:>8.1f} s  "
                f"peak tree RSS {r['peak_tree_mb']:>7.0f} MB  pair P {r['pair_precision']:.3f} "
                f"R {r['pair_recall']:.3f}  load {r['load_1min'][0]:.1f}->"
                f"{r['load_1min'][1]:.1f}")
        if "spark" not in row:
            continue
        if "local" not in row:
            lines.append(f"{'':>9}spark stages {row['spark']['stage_seconds']}")
            continue
        lines.append(f"{'':>9}spark/local rate {row['rate_ratio_spark_to_local']:.3f}; stories "
                     f"only local {row['stories_only_local']}, only spark "
                     f"{row['stories_only_spark']}, origins differ {row['origins_differ']}; "
                     f"spark stages {row['spark']['stage_seconds']}")
    if "growth" in results:
        g = results["growth"]
        grew = ", ".join(f"{engine} {g[engine]}x" for engine in results["engines"])
        lines.append(f"time growth for {g['size_ratio']:g}x the articles: {grew} "
                     f"(goal for spark <= {g['goal_spark']}x)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
