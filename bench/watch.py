"""Benchmark: the cost of adding 1,000 new articles to a story index of N articles.

What ``watch`` and ``cluster --incremental`` pay each cycle: load the saved index, add
the new articles (``StoryIndex.add``: vectors, neighbours of the new rows, re-merging the
components they touch), save it again. Measured against a full re-cluster (``fit``) of
the same N + 1,000 articles in the same run. The corpus is bench/cluster.py's generator
(families of rewrites with same-kind hard negatives) with short articles (3-6 sentences);
the 1,000 new articles are the latest published, as in a live collection.

For each N it prints the seconds and peak resident memory of: fitting N and saving the
index (setup), loading it, ``add`` of 1,000, saving it again, and the full re-cluster;
the index's size on disk; how many articles the add merged again (the stories around the new
articles, widened while a group inside could meet one outside) against the articles of
the components the new articles touch (what an add merged again before); and how many
articles a full re-cluster puts in a different story than the
incremental index does (the term statistics stay as the first fit learned them). Goal:
the add of 1,000 to a 1M-article index under 10 s on this machine.

    python bench/watch.py [--sizes 10000,100000] [--new 1000] [--no-full] [--json]

Each phase runs in a forked child (bench/forked.py), so its peak memory is its own; the
corpus, built in the parent and inherited, is part of that peak. The language identifier
is loaded in the parent first (its one-off load, about 2.5 s, is printed apart), as a
long-running ``watch`` holds it; a ``cluster --incremental`` process pays it once.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from cluster import _event, _rewrite, _sentence, _text, _words, lexicon
from forked import in_child

GOAL_SECONDS = 10.0  # add 1,000 to 1M articles
CORPUS: list[Any] = []
FOLDER = Path()


def short_corpus(size: int, seed: int = 5) -> list[Any]:
    """``size`` short articles in publication order: origins and their rewrites."""
    from launderlens.model import Article

    lex, rng = lexicon(), np.random.default_rng(seed)
    names = [w.capitalize() for w in _words(random.Random(seed), size * 3, (2, 4),
                                            set(lex.taken))]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    articles: list[Any] = []
    while len(articles) < size:
        when = start + timedelta(minutes=int(rng.integers(0, 365 * 24 * 60)))
        event = _event(lex, int(rng.integers(len(lex.kinds))), when, rng, names)
        body = [_sentence(lex, event, rng) for _ in range(int(rng.integers(3, 7)))]
        agency = lex.agencies[int(rng.integers(len(lex.agencies)))]
        articles.append(Article.create(_text(body), title=_text([body[0][:9]], end=""),
                                       outlet=agency, published=when))
        for _ in range(min(int(rng.integers(1, 6)) if rng.random() < 0.2 else 0,
                           size - len(articles))):
            words = _rewrite(lex, body, event, agency if rng.random() < 0.3 else None, rng)
            late = when + timedelta(minutes=int(rng.integers(5, 48 * 60)))
            site = lex.sites[int(rng.integers(len(lex.sites)))]
            articles.append(Article.create(_text(words), title=_text([words[0][:9]], end=""),
                                           outlet=site, published=late))
    articles.sort(key=lambda a: a.published)
    return articles


def _warm_up() -> float:
    """Load the language identifier here, once: each phase's child inherits it, as a
    long-running ``watch`` holds it, so no phase pays the one-off load."""
    from launderlens.languages.detect import detect_language

    started = time.perf_counter()
    detect_language("A short sentence to load the language identifier.")
    return round(time.perf_counter() - started, 2)


def _folder_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.iterdir()) / 2**20, 1)


def setup(old: int) -> dict[str, Any]:
    from launderlens.rewrites.cluster import StoryIndex
    from launderlens.rewrites.index_store import save_index

    started = time.perf_counter()
    index = StoryIndex(backends=("lexical",)).fit(CORPUS[:old])
    fitted = time.perf_counter()
    save_index(index, FOLDER)
    return {"fit_s": round(fitted - started, 2),
            "save_s": round(time.perf_counter() - fitted, 2), "index_mb": _folder_mb(FOLDER)}


def incremental(old: int) -> dict[str, Any]:
    from launderlens.rewrites.index_store import load_index, save_index

    started = time.perf_counter()
    index = load_index(FOLDER)
    loaded = time.perf_counter()
    before = index.components_.copy()
    index.add(CORPUS[old:])
    added = time.perf_counter()
    save_index(index, FOLDER)
    saved = time.perf_counter()
    moved = np.flatnonzero(index.components_[:old] != before)
    touched = np.unique(index.components_[old:])
    held = int(np.isin(index.components_, touched).sum())
    np.save(FOLDER / "labels_incremental.npy", index.labels_)
    return {"load_s": round(loaded - started, 2), "add_s": round(added - loaded, 2),
            "save_s": round(saved - added, 2), "components": len(touched),
            "component_articles": held, "remerged_articles": len(index.changed_rows_),
            "widened": getattr(index, "widened_", None),
            "old_articles_moved_component": len(moved)}


def full(old: int) -> dict[str, Any]:
    from launderlens.rewrites.cluster import StoryIndex

    started = time.perf_counter()
    index = StoryIndex(backends=("lexical",)).fit(CORPUS)
    elapsed = time.perf_counter() - started
    # The corpus is in publication order, so rows are the same articles in both indexes.
    mine = np.load(FOLDER / "labels_incremental.npy")
    return {"full_s": round(elapsed, 2), "articles_in_another_story": _disagreeing(
        mine, index.labels_)}


def _disagreeing(first: np.ndarray, second: np.ndarray) -> int:
    """Articles whose story (as a set of rows) differs between two labellings."""
    def story_key(labels: np.ndarray) -> np.ndarray:
        # Each row's story named by its first row: equal partitions give equal keys.
        order = np.argsort(labels, kind="stable")
        first_row = np.empty_like(labels)
        sorted_labels = labels[order]
        starts = np.flatnonzero(np.r_[True, sorted_labels[1:] != sorted_labels[:-1]])
        heads = order[starts]
        first_row[order] = np.repeat(heads, np.diff(np.r_[starts, len(order)]))
        return first_row
    return int((story_key(first) != story_key(second)).sum())


def main(argv: list[str] | None = None) -> int:
    global CORPUS, FOLDER
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--no-full", action="store_true", help="skip the full re-cluster")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    for size in (int(s) for s in args.sizes.split(",")):
        started = time.perf_counter()
        CORPUS = short_corpus(size + args.new)
        generated = round(time.perf_counter() - started, 1)
        FOLDER = Path(tempfile.mkdtemp(prefix="story-index-"))
        try:
            row: dict[str, Any] = {"generate_s": generated, "language_model_s": _warm_up()}
            for phase, run in (("setup", setup), ("incremental", incremental), ("full", full)):
                if phase == "full" and args.no_full:
                    continue
                row[phase] = in_child(functools.partial(run, size), phase)
                if not args.json:  # a long run shows each phase as it ends
                    print(f"  {phase}: {row[phase]}", flush=True)
        finally:
            shutil.rmtree(FOLDER, ignore_errors=True)
        results[str(size)] = row
        if not args.json:
            _print(size, args.new, row)
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
    return 0


def _print(size: int, new: int, row: dict[str, Any]) -> None:
    s, i = row["setup"], row["incremental"]
    print(f"N={size:,}: fit {s['fit_s']} s + save {s['save_s']} s "
          f"(peak {s['peak_rss_mb']} MB, index {s['index_mb']} MB on disk)")
    print(f"  add {new:,}: load {i['load_s']} s, add {i['add_s']} s, save {i['save_s']} s "
          f"(peak {i['peak_rss_mb']} MB); merged {i['remerged_articles']} articles again "
          f"(region widened {i['widened']} times) of the {i['component_articles']} in the "
          f"{i['components']} components the new articles touch; load {i['load_1min']}")
    if "full" in row:
        f = row["full"]
        ratio = f["full_s"] / max(i["add_s"], 1e-9)
        print(f"  full re-cluster of {size + new:,}: {f['full_s']} s (peak {f['peak_rss_mb']} MB)"
              f" = {ratio:.0f}x the add; {f['articles_in_another_story']} articles in a "
              f"different story than the incremental index")


if __name__ == "__main__":
    raise SystemExit(main())
