"""``compare``, ``cluster``, ``stories`` and ``story``: rewrites of one story and what each copy
kept, changed and added."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from ..errors import LaunderlensError
from ..store.index_lock import LOCK_WAIT
from .common import (
    LazyStore,
    _stage_progress,
    common_options,
    emit_json,
    fail,
    load_one,
    opened_store,
    parse_window,
    semantic_option,
)


def nli_option(func: Any) -> Any:
    """``--nli-model DIR``: an entailment model that sharpens the verdicts."""
    return click.option(
        "--nli-model", type=click.Path(file_okay=False, exists=True), default=None,
        help="A local Hugging Face sequence-classification folder (an NLI or cross-encoder "
             "model): entailment of each retold sentence by its sources sharpens the verdict.",
    )(func)


@click.command()
@click.argument("refs", nargs=-1, metavar="A B")
@click.option("--pairs", "pairs_file", type=click.File("r", encoding="utf-8"),
              help='JSON Lines of {"id", "a": {"text", "title"}, "b": {...}}; one result each.')
@click.option("--allow-private", is_flag=True,
              help="Allow fetching URLs on private, loopback and link-local addresses.")
@semantic_option
@nli_option
@common_options
def compare(refs: tuple[str, ...], pairs_file: Any, allow_private: bool, semantic: bool | None,
            model: str | None, nli_model: str | None, db: str | None, as_json: bool) -> None:
    """Align article B onto article A, sentence by sentence.

    A and B are files, URLs or stored article ids (or unique prefixes). Gives every sentence
    of B a verdict with its evidence: supported (it retells sentences of A), changed (it
    retells them but a figure, date, name, role, negation, hedge or source differs) or
    added; marks the verdicts it is not sure of; lists what B dropped; and scores how likely
    B adds or alters facts rather than only rewording. With --pairs, compares every pair of
    a JSON Lines file.
    """
    from ..rewrites.compare import Comparer

    if pairs_file is not None:
        if refs:
            raise click.UsageError("give either A B or --pairs, not both")
        comparer = Comparer(semantic=semantic, model=model, nli_model=nli_model)
        sys.exit(0 if _compare_pairs(pairs_file, comparer) else 1)
    if len(refs) != 2:
        raise click.UsageError("compare takes two articles, A and B (or --pairs FILE)")
    with LazyStore(db) as store:
        a, b = (load_one(ref, store, allow_private) for ref in refs)
        comparer = Comparer(semantic=semantic, model=model, store=store.opened,
                            nli_model=nli_model)
        result = comparer.compare(a, b)
    if as_json:
        emit_json(result.as_dict())
    else:
        from .render import print_comparison

        print_comparison(result)


def _compare_pairs(lines: Any, comparer: Any) -> bool:
    """One result line per input line; a bad line gets an error line. True if none failed."""
    ok = True
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        ident: Any = None
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("a line must be a JSON object")
            ident = item.get("id")
            sides = [item.get("a"), item.get("b")]
            if not all(isinstance(s, dict) and isinstance(s.get("text"), str) for s in sides):
                raise ValueError('"a" and "b" must be objects with a "text" string')
            a_side, b_side = sides
            assert a_side is not None and b_side is not None
            result = comparer.compare_texts(a_side["text"], b_side["text"],
                                            a_title=a_side.get("title"),
                                            b_title=b_side.get("title"))
            emit_json({"id": ident, **result.as_dict()})
        except (ValueError, TypeError, LaunderlensError) as err:
            ok = False
            emit_json({"id": ident, "line": number, "error": str(err)})
    return ok


@click.command()
@click.option("--threshold", type=click.FloatRange(0.0, 1.0, min_open=True),
              help="Same-story score needed to merge (default: the tuned one).")
@click.option("--window", type=click.FloatRange(min=0.0), metavar="DAYS",
              help="Keep a story's articles within this many days of each other.")
@click.option("--semantic/--no-semantic", default=None,
              help="Use sentence embeddings (default: when installed).")
@click.option("--incremental", is_flag=True,
              help="Add the articles stored since the last --incremental run to its saved "
                   "story index (clusters everything when it cannot stand for a re-cluster, "
                   "and says why).")
@click.option("--index", "index_dir", type=click.Path(file_okay=False),
              help="With --incremental: the story index folder (default: beside a SQLite "
                   "database file).")
@click.option("--lock-wait", type=click.FloatRange(min=0.0), metavar="SECONDS",
              help="With --incremental: how long to wait for another run writing the "
                   f"story index before giving up (default: {LOCK_WAIT:g}; 0 gives up at once).")
@common_options
def cluster(threshold: float | None, window: float | None, semantic: bool | None,
            incremental: bool, index_dir: str | None, lock_wait: float | None, db: str | None,
            as_json: bool) -> None:
    """Group the stored articles into stories and find each story's likely origin.

    Replaces the stories of the previous run; `launderlens stories` lists them.
    """
    from ..rewrites.stories import cluster_store

    if index_dir is not None and not incremental:
        raise click.UsageError("--index goes with --incremental")
    if lock_wait is not None and not incremental:
        raise click.UsageError("--lock-wait goes with --incremental")
    with opened_store(db) as store, _stage_progress(not as_json) as progress:
        how = None
        if incremental:
            from ..rewrites.incremental import cluster_incremental

            result = cluster_incremental(store, index_dir=index_dir, semantic=semantic,
                                         threshold=threshold, window=parse_window(window),
                                         progress=progress, lock_wait=lock_wait)
            stories, how = result.stories, f"{result.mode}: {result.reason}"
            if result.mode == "incremental":  # it wrote only the stories it changed
                stories = store.list_stories()
        else:
            stories = cluster_store(store, semantic=semantic, threshold=threshold,
                                    window=parse_window(window), progress=progress)
        titles = {s.origin: store.get_article(s.origin) for s in stories if len(s.members) > 1}
    if as_json:
        emit_json({"stories": [{"id": s.id, "articles": list(s.members), "origin": s.origin,
                                "origin_reason": s.origin_reason,
                                "origin_evidence": s.origin_evidence} for s in stories],
                   **({"clustering": how} if how else {})})
        return
    if how:
        click.echo(f"clustering {how}", err=True)
    from .render import print_stories

    shown = [s for s in stories if len(s.members) > 1]
    print_stories(shown, {k: v for k, v in titles.items() if v is not None},
                  singletons=len(stories) - len(shown))


@click.command()
@click.option("--min-size", type=click.IntRange(min=1), default=2, show_default=True,
              help="Only stories of at least this many articles.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@common_options
def stories(min_size: int, limit: int, db: str | None, as_json: bool) -> None:
    """List the stories of the last `launderlens cluster`, largest first."""
    with opened_store(db) as store:
        found = store.list_stories(min_size=min_size, limit=limit)
        origins = {s.origin: store.get_article(s.origin) for s in found}
    if as_json:
        emit_json([{**s.as_dict(), "origin_title": getattr(origins.get(s.origin), "title", None)}
                   for s in found])
        return
    from .render import print_stories

    print_stories(found, {k: v for k, v in origins.items() if v is not None})


@click.command()
@click.argument("story_id", metavar="ID")
@semantic_option
@nli_option
@common_options
def story(story_id: str, semantic: bool | None, model: str | None, nli_model: str | None,
          db: str | None, as_json: bool) -> None:
    """One story (by its id, or the id of any of its articles): members in time order and
    what each copy added or changed against the origin."""
    from ..rewrites.compare import Comparer
    from ..rewrites.stories import story_view

    with opened_store(db) as store:
        found = store.get_story(story_id)
        if found is None:
            fail(f"no story with an id starting {story_id!r}, nor one holding such an article"
                 " (run `launderlens cluster` first)")
        comparer = Comparer(semantic=semantic, model=model, store=store, nli_model=nli_model)
        view = story_view(store, found, comparer)
    if as_json:
        emit_json(view.as_dict())
    else:
        from .render import print_story

        print_story(view)

