"""Benchmark: the cost of adding 1,000 new articles to a story index of N articles and
saving it, against keeping the index in the format that rewrote it whole on every save.

What ``watch`` and ``cluster --incremental`` pay each cycle: load the saved index (only
when another run wrote it: a watch keeps it in memory), add the new articles
(``StoryIndex.add``: vectors, neighbours of the new rows, re-merging the stories around
them), save it again (one delta segment). The corpus is bench/cluster.py's generator
(families of rewrites with same-kind hard negatives) with short articles (3-6 sentences);
the 1,000 new articles are the latest published, as in a live collection.

For each N it prints the seconds and peak resident memory of: fitting N and saving the
index as segments and in format 1 (setup); the cycle on the segmented index (load, add,
save, ``cycle_s`` = add + save) and the size of its delta; the same cycle on the format-1
copy (read whole, rewritten whole: the code before segments), with the ratios and whether
both give the same stories; loading the segmented index again (base and delta); and,
unless ``--no-full``, a full re-cluster of the same N + 1,000 articles and how many
articles it puts in a different story than the incremental index. Goal: the whole cycle
(add and save) at 1M articles under 10 s on this machine.

    python bench/watch.py [--sizes 10000,100000] [--new 1000] [--fit M] [--no-full] [--json]
                          [--keep DIR]

A fit of 1M articles takes most of an hour on one core; ``--fit 100000 --sizes
100000,300000,1000000`` fits 100,000 once and copies that index 3 and 10 times (see
``tiled``), which is what saving and loading cost at those sizes (they cost what the
arrays weigh), not what a fit or an add into a real index of that size would be.
``--keep DIR`` saves the fitted index in DIR, and a later run with the same ``--keep``
loads it (after checking it holds this run's corpus) instead of fitting again: a real fit
of 1M is paid once and its cycle measured again after a change.

Each phase runs in a forked child (bench/forked.py), so its peak memory is its own; the
corpus, built in the parent and inherited, is part of that peak. The language identifier
is loaded in the parent first (its one-off load, about 2.5 s, is printed apart), as a
long-running ``watch`` holds it; a ``cluster --incremental`` process pays it once.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
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

GOAL_SECONDS = 10.0  # add 1,000 to 1M articles and save
CORPUS: list[Any] = []
FOLDER = Path()
TILES = 1
FIT = 0
KEEP: Path | None = None


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


def tiled(index: Any, times: int) -> Any:
    """``index`` copied ``times`` times into one index of ``times`` x its rows (ids
    suffixed): an index of the size to measure saving and loading at, in minutes instead
    of the hours a fit of that many articles takes. Saving and loading cost what the
    arrays weigh, whatever clustering made them; an add meets the last copy (the newest
    rows of each posting list)."""
    from launderlens.rewrites.index_state import index_arrays, init_params, restore
    from launderlens.rewrites.origin import Doc
    from launderlens.rewrites.similarity.postings import _ROW_MASK

    arrays, fields = index_arrays(index)
    rows = len(index.ids_)
    out: dict[str, Any] = {}
    for name in ("lexical", "cross", "anchors"):
        if f"{name}_indptr" not in arrays:
            continue
        data, indices = arrays[f"{name}_data"], arrays[f"{name}_indices"]
        indptr = arrays[f"{name}_indptr"]
        out[f"{name}_data"] = np.tile(data, times)
        out[f"{name}_indices"] = np.tile(indices, times)
        out[f"{name}_indptr"] = np.r_[0, np.concatenate(
            [indptr[1:] + t * len(data) for t in range(times)])]
        out[f"{name}_shape"] = np.asarray((rows * times, arrays[f"{name}_shape"][1]))
    shifted = {name: np.concatenate([arrays[name] + t * rows for t in range(times)])
               for name in ("labels", "components", "edge_left", "edge_right",
                            "join_low", "join_high")}
    repeated = {name: np.tile(arrays[name], times)
                for name in ("edge_score", "join_score", "join_known")}
    keys = np.concatenate([arrays["postings_keys"] + t * rows for t in range(times)])
    order = np.argsort(keys, kind="stable")
    assert int((keys & _ROW_MASK).max()) < rows * times
    out.update(shifted, **repeated, postings_keys=keys[order],
               postings_weights=np.tile(arrays["postings_weights"], times)[order],
               lexical_df=arrays["lexical_df"])
    if "cross_df" in arrays:
        out["cross_df"] = arrays["cross_df"]
        fields["crosslingual"]["languages"] = fields["crosslingual"]["languages"] * times
    ids = [ident if t == 0 else f"{ident}~{t}" for t in range(times) for ident in index.ids_]
    docs = [Doc(ident, d.title, "", d.published, d.outlet, d.domain)
            for ident, d in zip(ids, list(index.docs_) * times, strict=True)]
    meta = {"params": init_params(index), "ids": ids, "token": "tiled", **fields}
    return restore(meta, out, docs, None, None)


def setup(old: int) -> dict[str, Any]:
    from launderlens.rewrites.cluster import StoryIndex
    from launderlens.rewrites.index_state import write_format_1
    from launderlens.rewrites.index_store import load_index, save_index

    started = time.perf_counter()
    fitted_folder = KEEP if KEEP is not None else FOLDER.parent / "fitted"
    loaded = fitted_folder.exists() and (TILES > 1 or KEEP is not None)
    if loaded:  # fitted for an earlier size of this run, or kept by an earlier run
        index = load_index(fitted_folder)
        if index.ids_ != [a.id for a in CORPUS[: old // TILES]]:
            raise SystemExit(f"{fitted_folder} holds another corpus than this run's")
    else:
        index = StoryIndex(backends=("lexical",)).fit(CORPUS[: old // TILES])
        if FIT or KEEP is not None:
            save_index(index, fitted_folder)
    fitted = time.perf_counter()
    if TILES > 1:
        index = tiled(index, TILES)
    made = time.perf_counter()
    save_index(index, FOLDER / "segments")
    saved = time.perf_counter()
    write_format_1(index, FOLDER / "format1")
    made_s = time.perf_counter() - saved
    _settle()
    return {"fit_s": round(fitted - started, 2), "fit_loaded": loaded,
            "tile_s": round(made - fitted, 2),
            "save_s": round(saved - made, 2),
            "save_format1_s": round(made_s, 2),
            "index_mb": _folder_mb(FOLDER / "segments"),
            "index_format1_mb": _folder_mb(FOLDER / "format1")}


def _settle() -> None:
    """Wait until what a phase wrote is on disk, so that the next phase does not pay for
    writing back another phase's files (a gigabyte at 1M)."""
    os.sync()


def _cycle(load: Any, save: Any, folder: Path, old: int) -> dict[str, Any]:
    """Load the index in ``folder``, add the new articles, save it: what a cycle costs
    (``cycle_s``: the add and the save, as a watch that keeps the index in memory pays)."""
    started = time.perf_counter()
    index = load(folder)
    loaded = time.perf_counter()
    before = index.components_.copy()
    index.add(CORPUS[old // TILES:])
    added = time.perf_counter()
    save(index, folder)
    saved = time.perf_counter()
    moved = np.flatnonzero(index.components_[: len(before)] != before)
    touched = np.unique(index.components_[len(before):])
    held = int(np.isin(index.components_, touched).sum())
    np.save(folder.with_suffix(".labels.npy"), index.labels_)
    _settle()
    return {"load_s": round(loaded - started, 2), "add_s": round(added - loaded, 2),
            "save_s": round(saved - added, 2), "cycle_s": round(saved - loaded, 2),
            "components": len(touched), "component_articles": held,
            "remerged_articles": len(index.changed_rows_),
            "widened": getattr(index, "widened_", None),
            "old_articles_moved_component": len(moved)}


def incremental(old: int) -> dict[str, Any]:
    """The cycle with the segmented index: the save writes one delta segment."""
    from launderlens.rewrites.index_store import load_index, save_index

    result = _cycle(load_index, save_index, FOLDER / "segments", old)
    result["same_stories_as_format1"] = _same_stories()
    manifest = json.loads((FOLDER / "segments" / "manifest.json").read_text("utf-8"))
    result["delta_mb"] = round(manifest["segments"][-1]["bytes"] / 2**20, 2)
    return result


def format1(old: int) -> dict[str, Any]:
    """The same cycle with the index kept as format 1 (every save rewrites it whole):
    the code before segments, for the ratios."""
    from launderlens.rewrites.index_state import read_format_1, write_format_1

    return _cycle(lambda folder: read_format_1(folder, None, None), write_format_1,
                  FOLDER / "format1", old)


def _same_stories() -> bool:
    """Whether the format-1 cycle (run first) and the segments' cycle gave one partition."""
    mine = np.load((FOLDER / "segments").with_suffix(".labels.npy"))
    theirs = np.load((FOLDER / "format1").with_suffix(".labels.npy"))
    return bool(_disagreeing(mine, theirs) == 0)


def reload(old: int) -> dict[str, Any]:
    """Loading the segmented index again (base and the cycle's delta), as a process does
    when another run wrote the folder."""
    from launderlens.rewrites.index_store import load_index

    started = time.perf_counter()
    index = load_index(FOLDER / "segments")
    return {"load_s": round(time.perf_counter() - started, 2), "articles": len(index.ids_)}


def full(old: int) -> dict[str, Any]:
    from launderlens.rewrites.cluster import StoryIndex

    started = time.perf_counter()
    index = StoryIndex(backends=("lexical",)).fit(CORPUS)
    elapsed = time.perf_counter() - started
    # The corpus is in publication order, so rows are the same articles in both indexes.
    mine = np.load((FOLDER / "segments").with_suffix(".labels.npy"))
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
    global CORPUS, FOLDER, TILES, FIT, KEEP
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--fit", type=int, default=0, metavar="M",
                        help="fit M articles once and copy the index size/M times for each "
                             "size (see tiled)")
    parser.add_argument("--no-full", action="store_true", help="skip the full re-cluster")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep the fitted index in DIR; a later run with the same "
                             "--keep (and sizes) loads it instead of fitting again")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    FIT, KEEP = args.fit, args.keep
    if KEEP is not None and not FIT and "," in args.sizes:
        # each size would fit another corpus, and the kept folder holds one fit only
        parser.error("--keep with several --sizes needs --fit (one fit tiled for every size)")
    results: dict[str, Any] = {}
    scratch = Path(tempfile.mkdtemp(prefix="story-index-"))
    for size in (int(s) for s in args.sizes.split(",")):
        if FIT and size % FIT:
            parser.error(f"--fit {FIT} does not divide {size}")
        TILES = size // FIT if FIT else 1
        started = time.perf_counter()
        if not CORPUS or not FIT:  # one corpus serves every size of a --fit run
            CORPUS = short_corpus(size // TILES + args.new)
        generated = round(time.perf_counter() - started, 1)
        FOLDER = scratch / str(size)
        FOLDER.mkdir()
        try:
            row: dict[str, Any] = {"generate_s": generated, "language_model_s": _warm_up(),
                                   "tiles": TILES}
            for phase, run in PHASES:
                if phase == "full" and (args.no_full or TILES > 1):
                    continue  # a tiled index is no fit to compare a re-cluster with
                row[phase] = in_child(functools.partial(run, size), phase)
                if not args.json:  # a long run shows each phase as it ends
                    print(f"  {phase}: {row[phase]}", flush=True)
        finally:
            shutil.rmtree(FOLDER, ignore_errors=True)
        results[str(size)] = row
        if not args.json:
            _print(size, args.new, row)
    shutil.rmtree(scratch, ignore_errors=True)
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
    return 0


# The format-1 cycle first; the segments' cycle after it also checks both gave one partition.
PHASES = (("setup", setup), ("format1", format1), ("incremental", incremental),
          ("reload", reload), ("full", full))


def _print(size: int, new: int, row: dict[str, Any]) -> None:
    s, i, o, r = row["setup"], row["incremental"], row["format1"], row["reload"]
    made = f"fit {size // row['tiles']:,} copied x {row['tiles']}" if row["tiles"] > 1 \
        else "fit"
    print(f"N={size:,}: {made} {s['fit_s']} s; save {s['save_s']} s as segments "
          f"({s['index_mb']} MB), {s['save_format1_s']} s as format 1 "
          f"({s['index_format1_mb']} MB); peak {s['peak_rss_mb']} MB")
    print(f"  add {new:,}: load {i['load_s']} s, add {i['add_s']} s, save {i['save_s']} s "
          f"(a {i['delta_mb']} MB delta), cycle {i['cycle_s']} s (peak {i['peak_rss_mb']} MB);"
          f" merged {i['remerged_articles']} articles again (region widened {i['widened']} "
          f"times) of the {i['component_articles']} in the {i['components']} components the "
          f"new articles touch; load {i['load_1min']}")
    print(f"  format 1 (the whole index rewritten): load {o['load_s']} s, add {o['add_s']} s, "
          f"save {o['save_s']} s, cycle {o['cycle_s']} s (peak {o['peak_rss_mb']} MB); "
          f"same stories: {i['same_stories_as_format1']}")
    print(f"  ratios format 1 / segments: save {o['save_s'] / max(i['save_s'], 1e-9):.1f}x, "
          f"cycle {o['cycle_s'] / max(i['cycle_s'], 1e-9):.1f}x; reload of base + delta "
          f"{r['load_s']} s (peak {r['peak_rss_mb']} MB) vs format 1 {o['load_s']} s")
    if "full" in row:
        f = row["full"]
        ratio = f["full_s"] / max(i["add_s"], 1e-9)
        print(f"  full re-cluster of {size + new:,}: {f['full_s']} s (peak {f['peak_rss_mb']} MB)"
              f" = {ratio:.0f}x the add; {f['articles_in_another_story']} articles in a "
              f"different story than the incremental index")


if __name__ == "__main__":
    raise SystemExit(main())
