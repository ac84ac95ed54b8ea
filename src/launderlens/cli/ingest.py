"""``ingest``, ``articles``, ``show`` and ``rejections``: getting articles into the store and
looking at what is there."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import click

from ..errors import ConfigError
from ..ingest.readers import Source
from .common import (
    _progress,
    article_summary,
    common_options,
    emit_json,
    opened_store,
    parse_when,
    report_committed_on_interrupt,
    resolve_article,
)


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|-...")
@click.option("--format", "fmt", default="auto", show_default=True,
              type=click.Choice(["auto", "text", "html", "json", "csv", "feed", "warc",
                                 "wacz"]),
              help="Reader to use for every file (auto: by name and content; standard "
                   "input by content, so name csv there).")
@click.option("--map", "field_map", metavar="FIELD=NAME,...",
              help="JSON field or CSV column names for article fields, as in "
                   "text=body,title=headline.")
@click.option("--allow-private", is_flag=True,
              help="Allow fetching URLs on private, loopback and link-local addresses.")
@click.option("--max-bytes", type=click.IntRange(min=1024), default=10 * 1024 * 1024,
              show_default=True, help="Largest single article (file, page or record) accepted.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True,
              help="Seconds before a URL fetch gives up.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Processes that read and segment a large run while this one writes "
                   "(default: one per CPU; 0 reads here).")
@common_options
def ingest(inputs: tuple[str, ...], fmt: str, field_map: str | None, allow_private: bool,
           max_bytes: int, timeout: float, workers: int | None, db: str | None,
           as_json: bool) -> None:
    """Read files, directories, feeds, WARCs, WACZs, CSV exports and URLs into the store;
    `-` reads standard input.

    Every item is stored, found to be a duplicate, or rejected with a reason; rejected
    items are kept in the store (see `launderlens rejections`) and make the exit
    status 1, while the rest are still stored.
    """
    from ..ingest import count_files
    from ..ingest import ingest as run_ingest
    from ..ingest.readers import ReadOptions, parse_field_map

    try:
        options = ReadOptions(field_map=parse_field_map(field_map), max_article_bytes=max_bytes,
                              allow_private=allow_private, timeout=timeout)
    except ConfigError as err:
        raise click.BadParameter(str(err), param_hint="--map") from None
    if inputs.count("-") > 1:
        raise click.BadParameter("standard input ('-') can be named once", param_hint="PATH")
    with _with_stdin(inputs) as sources, opened_store(db) as opened, \
            report_committed_on_interrupt(opened, as_json) as store, \
            _progress(not as_json, count_files(sources)) as on_progress:
        report = run_ingest(sources, store, options=options,
                            fmt=None if fmt == "auto" else fmt, progress=on_progress,
                            workers=workers)
    if as_json:
        emit_json(report.as_dict())
    else:
        from .render import print_ingest_summary

        print_ingest_summary(report)
    sys.exit(0 if report.ok else 1)


@contextmanager
def _with_stdin(inputs: tuple[str, ...]) -> Iterator[list[str | Source]]:
    """``inputs`` with ``-`` replaced by standard input, spooled to a temporary file.

    Spooled rather than held: readers stream a file (a JSON Lines dump piped in may be
    larger than memory) and look at its start more than once to choose a format. A file
    really named ``-`` is ``./-``.
    """
    if "-" not in inputs:
        yield list(inputs)
        return
    with tempfile.TemporaryDirectory(prefix="launderlens-stdin-") as folder:
        path = Path(folder) / "stdin"
        stdin: BinaryIO = sys.stdin.buffer
        with path.open("wb") as spooled:
            while chunk := stdin.read(1024 * 1024):
                spooled.write(chunk)
        source = Source(name="stdin", path=path)
        yield [source if item == "-" else item for item in inputs]


@click.command()
@click.option("--outlet", help="Only this outlet (name or domain, any case).")
@click.option("--since", help="Published on or after this date (YYYY-MM-DD or ISO 8601).")
@click.option("--until", help="Published before this date.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@click.option("--search", metavar="WORDS",
              help="Only articles whose title or text holds every one of these words "
                   "(any case, not stemmed).")
@common_options
def articles(outlet: str | None, since: str | None, until: str | None, limit: int, offset: int,
             search: str | None, db: str | None, as_json: bool) -> None:
    """List stored articles, newest first."""
    with opened_store(db) as store:
        rows = store.list_articles(outlet=outlet, since=parse_when(since, "--since"),
                                   until=parse_when(until, "--until"), limit=limit, offset=offset,
                                   search=search)
    if as_json:
        emit_json([article_summary(a) for a in rows])
    else:
        from .render import print_article_table

        print_article_table(rows)


@click.command()
@click.argument("article_id", metavar="ID")
@common_options
def show(article_id: str, db: str | None, as_json: bool) -> None:
    """Show one article (any unique prefix of its id) with its sentences."""
    with opened_store(db) as store:
        article = resolve_article(store, article_id)
        sentences = store.sentences(article.id)
    if as_json:
        emit_json({**article.as_dict(), "sentences": [s.as_dict() for s in sentences]})
    else:
        from .render import print_article

        print_article(article, sentences)


@click.command()
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@common_options
def rejections(limit: int, db: str | None, as_json: bool) -> None:
    """List items that could not be ingested, newest first, with the reason."""
    with opened_store(db) as store:
        rows = store.rejections(limit=limit)
    if as_json:
        emit_json([{**r.as_dict(), "at": r.at.isoformat()} for r in rows])
    else:
        from .render import print_rejections

        print_rejections(rows)

