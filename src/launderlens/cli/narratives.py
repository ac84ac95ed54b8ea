"""``launderlens narratives``: import fact-checks and narratives into the catalogue, list them,
and search them behind paraphrase.

Every command works on the store's catalogue (``--db``). The starter catalogue shipped with
launderlens is loaded into it on first use (and refreshed when a new version changes it);
``--no-starter`` leaves it out.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..narratives.importers import FORMATS

__all__ = ["narratives"]


def _cli() -> Any:
    from . import common as cli

    return cli


def matcher_options(func: Any) -> Any:
    func = click.option("--no-starter", is_flag=True,
                        help="Do not load the shipped starter catalogue into the store.")(func)
    func = click.option("--model", type=click.Path(file_okay=False, exists=True),
                        help="A local sentence-transformers folder instead of MiniLM.")(func)
    func = click.option("--semantic/--no-semantic", default=None,
                        help="Use sentence embeddings beside BM25 (default: when installed)."
                        )(func)
    return func


def open_matcher(store: Any, semantic: bool | None, model: str | None,
                 no_starter: bool = False) -> Any:
    """A matcher over ``store``'s catalogue, with the starter catalogue loaded unless told."""
    from ..narratives import NarrativeMatcher

    return NarrativeMatcher.for_store(store, semantic=semantic, model=model,
                                      starter=not no_starter)


@click.group()
def narratives() -> None:
    """The catalogue of known narratives and fact-checks: import, list, search."""


@narratives.command("import")
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="claimreview (JSON-LD, also inside HTML pages), factcheck-api (Google Fact "
                   "Check Tools JSON), csv (also .tsv), or jsonl.")
@click.option("--map", "field_map", metavar="FIELD=COLUMN,...",
              help="For csv/jsonl: which column fills which field, e.g. "
                   "'id=id,claim=title,date=date,tags=keywords'. Without it, JSONL is read "
                   "in launderlens's own record format.")
@click.option("--list-sep", default=";", show_default=True,
              help="Separator inside list cells (urls, tags, phrasings).")
@click.option("--delimiter", help="CSV delimiter (default: tab for .tsv, else comma).")
@click.option("--origin", help="Where the records came from (default: format and file name).")
@matcher_options
@click.option("--db", envvar="LAUNDERLENS_DB", help="SQLite file path or postgresql:// URL.")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
def import_(source: Path, fmt: str, field_map: str | None, list_sep: str,
            delimiter: str | None, origin: str | None, semantic: bool | None,
            model: str | None, no_starter: bool, db: str | None, as_json: bool) -> None:
    """Import SOURCE into the catalogue. A record whose id is already there is updated;
    bad records are reported one by one and the rest imported."""
    from ..narratives import import_records

    cli = _cli()
    items = import_records(source, fmt, field_map=field_map, list_separator=list_sep,
                           delimiter=delimiter, origin=origin)
    with cli.opened_store(db) as store:
        matcher = open_matcher(store, semantic, model, no_starter)
        with _counter(not as_json) as progress:
            summary = matcher.import_records(items, progress=progress)
        total = store.count_narratives()
    if as_json:
        cli.emit_json({**summary.as_dict(), "catalogue_size": total})
        return
    click.echo(f"{source.name}: {summary.added} added, {summary.updated} updated, "
               f"{summary.unchanged} unchanged, {len(summary.problems)} bad; "
               f"the catalogue holds {total} records")
    for position, reason in summary.problems[:20]:
        click.echo(f"  {position}: {reason}", err=True)
    if len(summary.problems) > 20:
        click.echo(f"  ... and {len(summary.problems) - 20} more (--json lists all)", err=True)


class _counter:
    """A running count on stderr for long imports (when it is a terminal)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()

    def __enter__(self) -> Any:
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(TextColumn("importing {task.completed} items"),
                             TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        self._bar.__enter__()
        task = self._bar.add_task("import", total=None)
        return lambda done: self._bar.update(task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self._bar.__exit__(None, None, None)


@narratives.command("list")
@click.option("--origin", help="Only records from this source (e.g. starter, claimreview, "
                               "'csv:*' for any CSV).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@click.option("--no-starter", is_flag=True,
              help="Do not load the shipped starter catalogue into the store.")
@click.option("--db", envvar="LAUNDERLENS_DB", help="SQLite file path or postgresql:// URL.")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
def list_(origin: str | None, limit: int, offset: int, no_starter: bool, db: str | None,
          as_json: bool) -> None:
    """List catalogue records in id order."""
    from ..narratives import ensure_starter

    cli = _cli()
    with cli.opened_store(db) as store:
        if not no_starter:
            ensure_starter(store)
        records = store.list_narratives(origin=origin, limit=limit, offset=offset)
        total = store.count_narratives()
    if as_json:
        cli.emit_json({"total": total, "records": [r.as_dict() for r in records]})
        return
    from .render import print_narratives

    print_narratives(records, total)


@narratives.command("search")
@click.argument("text", required=False)
@click.option("--queries", type=click.File("r", encoding="utf-8"),
              help='JSON Lines of {"id", "text"}: one result line per query.')
@click.option("--top", type=click.IntRange(min=1, max=100), default=5, show_default=True)
@matcher_options
@click.option("--db", envvar="LAUNDERLENS_DB", help="SQLite file path or postgresql:// URL.")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
def search(text: str | None, queries: Any, top: int, semantic: bool | None, model: str | None,
           no_starter: bool, db: str | None, as_json: bool) -> None:
    """Find the catalogue records that TEXT retells, best first, with a calibrated score
    (the probability of a true match) and the retriever that found each."""
    if (text is None) == (queries is None):
        raise click.UsageError("give either TEXT or --queries FILE")
    cli = _cli()
    with cli.opened_store(db) as store:
        matcher = open_matcher(store, semantic, model, no_starter)
        if queries is not None:
            ok = _search_batch(queries, matcher, top)
            sys.exit(0 if ok else 1)
        assert text is not None
        matches = matcher.search(text, top)
        threshold = matcher.threshold
    if as_json:
        cli.emit_json({"query": text, "threshold": threshold,
                       "results": [m.as_dict() for m in matches]})
        return
    from .render import print_narrative_matches

    print_narrative_matches(text, matches, threshold)


def _search_batch(lines: Any, matcher: Any, top: int) -> bool:
    """One ``{"id", "results": [{"record", "score"}]}`` line per query line; a bad line gives
    ``{"id", "error"}`` and the rest go on. Queries are searched in batches."""
    cli = _cli()
    ok = True
    batch: list[tuple[Any, str]] = []

    def flush() -> None:
        found = matcher.search_many([t for _, t in batch], top)
        for (qid, _), matches in zip(batch, found, strict=True):
            cli.emit_json({"id": qid, "results": [
                {"record": m.record.id, "score": round(m.hit.score, 4)} for m in matches]})
        batch.clear()

    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) \
                    or not item["text"].strip():
                raise ValueError('each line needs {"id", "text"} with a non-empty text')
            batch.append((item.get("id", number), item["text"]))
        except ValueError as err:
            flush()
            cli.emit_json({"id": number, "error": f"line {number}: {err}"})
            ok = False
        if len(batch) >= 256:
            flush()
    if batch:
        flush()
    return ok
