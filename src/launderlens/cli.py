"""The ``launderlens`` command: a thin layer over the library, one subcommand per job.

Every subcommand takes ``--db`` and ``--json``. Exit status: 0 when everything asked for
was done, 1 when some items were rejected or something failed at run time, 2 on a usage
error (bad arguments, unknown format).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from . import __version__
from .errors import ConfigError, LaunderlensError, StoreError
from .model import Article, Rejection
from .store import Store, default_db_url, open_store

F = TypeVar("F", bound=Callable[..., Any])


def common_options(func: F) -> F:
    """``--db`` and ``--json``, which every subcommand takes."""
    func = click.option(
        "--json", "as_json", is_flag=True, help="Print machine-readable JSON instead of tables."
    )(func)
    func = click.option(
        "--db",
        envvar="LAUNDERLENS_DB",
        show_envvar=True,
        help="SQLite file path or postgresql:// URL (default: a file in your data directory).",
    )(func)
    return func


def emit_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=None, default=str))


class Failure(click.ClickException):
    """A run-time failure: printed as ``Error: ...``, exit status 1."""


def fail(message: str) -> NoReturn:
    raise Failure(message)


class _Group(click.Group):
    """Turns library errors into messages and exit codes instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as err:
            raise click.UsageError(str(err), ctx) from None
        except LaunderlensError as err:
            raise Failure(str(err)) from None


@contextmanager
def opened_store(db: str | None) -> Iterator[Store]:
    try:
        store = open_store(db or default_db_url())
    except ConfigError as err:
        raise click.UsageError(str(err)) from None
    except StoreError as err:
        fail(str(err))
    try:
        yield store
    finally:
        store.close()


def parse_when(value: str | None, name: str) -> datetime | None:
    """A date or datetime from the command line; a naive one is taken as UTC."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD or an ISO 8601 "
                                 "datetime", param_hint=name) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="launderlens")
def main() -> None:
    """Expose laundered news: ingest articles, find rewrites of one story, check claims."""
    # Extraction libraries warn about every page without an article; the CLI reports
    # those as rejections already, with the reason, so their log lines are noise.
    for name in ("trafilatura", "htmldate", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.ERROR)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL...")
@click.option("--format", "fmt", default="auto", show_default=True,
              type=click.Choice(["auto", "text", "html", "json", "feed", "warc"]),
              help="Reader to use for every file.")
@click.option("--map", "field_map", metavar="FIELD=NAME,...",
              help="JSON field names for article fields, as in text=body,title=headline.")
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
    """Read files, directories, feeds, WARCs and URLs into the store.

    Every item is stored, found to be a duplicate, or rejected with a reason; rejected
    items are kept in the store (see `launderlens rejections`) and make the exit
    status 1, while the rest are still stored.
    """
    from .ingest import count_files
    from .ingest import ingest as run_ingest
    from .readers import ReadOptions, parse_field_map

    try:
        options = ReadOptions(field_map=parse_field_map(field_map), max_article_bytes=max_bytes,
                              allow_private=allow_private, timeout=timeout)
    except ConfigError as err:
        raise click.BadParameter(str(err), param_hint="--map") from None
    with opened_store(db) as store, _progress(not as_json, count_files(inputs)) as on_progress:
        report = run_ingest(inputs, store, options=options,
                            fmt=None if fmt == "auto" else fmt, progress=on_progress,
                            workers=workers)
    if as_json:
        emit_json(report.as_dict())
    else:
        from .render import print_ingest_summary

        print_ingest_summary(report)
    sys.exit(0 if report.ok else 1)


@contextmanager
def _progress(enabled: bool, total: int | None) -> Iterator[Callable[[Any], None] | None]:
    """A progress bar on stderr when it is a terminal and the work is long enough."""
    if not enabled or not sys.stderr.isatty() or (total is not None and total < 20):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.fields[articles]} articles"),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingest", total=total, articles=0)

        def update(event: Any) -> None:
            bar.update(task, completed=event.sources_done, articles=event.articles)

        yield update


@main.command()
@click.option("--outlet", help="Only this outlet (name or domain, any case).")
@click.option("--since", help="Published on or after this date (YYYY-MM-DD or ISO 8601).")
@click.option("--until", help="Published before this date.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@common_options
def articles(outlet: str | None, since: str | None, until: str | None, limit: int, offset: int,
             db: str | None, as_json: bool) -> None:
    """List stored articles, newest first."""
    with opened_store(db) as store:
        rows = store.list_articles(outlet=outlet, since=parse_when(since, "--since"),
                                   until=parse_when(until, "--until"), limit=limit, offset=offset)
    if as_json:
        emit_json([article_summary(a) for a in rows])
    else:
        from .render import print_article_table

        print_article_table(rows)


def article_summary(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet or article.domain,
        "section": article.section,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
    }


@main.command()
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


def resolve_article(store: Store, ref: str) -> Article:
    try:
        full_id = store.resolve_id(ref)
    except KeyError:
        fail(f"no article with an id starting {ref!r}")
    except ConfigError as err:
        raise click.UsageError(str(err)) from None
    article = store.get_article(full_id)
    if article is None:  # deleted between the two calls
        fail(f"no article with id {full_id!r}")
    return article


@main.command()
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


# -- rewrite detection ------------------------------------------------------------------------

def semantic_option(func: F) -> F:
    """``--semantic/--no-semantic`` and ``--model``."""
    func = click.option("--model", type=click.Path(file_okay=False, exists=True),
                        help="A local sentence-transformers folder instead of MiniLM.")(func)
    func = click.option("--semantic/--no-semantic", default=None,
                        help="Use sentence embeddings (default: when installed).")(func)
    return func


class LazyStore:
    """The store, opened only when first needed (an article given by id), and closed at the
    end of the ``with`` block; calling it returns the open store."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self.opened: Store | None = None
        self._stack = ExitStack()

    def __call__(self) -> Store:
        if self.opened is None:
            self.opened = self._stack.enter_context(opened_store(self.db))
        return self.opened

    def __enter__(self) -> LazyStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()


def load_one(ref: str, store: Callable[[], Store], allow_private: bool) -> Article:
    """An article from a file, a URL, or (any unique prefix of) a stored id."""
    from .ingest import is_url, iter_sources
    from .readers import ReadOptions, read_source

    if not (is_url(ref) or Path(ref).exists()):
        return resolve_article(store(), ref)
    options = ReadOptions(allow_private=allow_private)
    found: list[Article] = []
    for source in iter_sources([ref], options):
        if isinstance(source, Rejection):
            fail(f"{ref}: {source.reason}")
        for result in read_source(source, options):
            if isinstance(result, Rejection):
                fail(f"{result.item}: {result.reason}")
            found.append(result)
    if not found:
        fail(f"{ref}: no article found")
    if len(found) > 1:
        click.echo(f"{ref} holds {len(found)} articles; comparing the first", err=True)
    return found[0]


@main.command()
@click.argument("refs", nargs=-1, metavar="A B")
@click.option("--pairs", "pairs_file", type=click.File("r", encoding="utf-8"),
              help='JSON Lines of {"id", "a": {"text", "title"}, "b": {...}}; one result each.')
@click.option("--allow-private", is_flag=True,
              help="Allow fetching URLs on private, loopback and link-local addresses.")
@semantic_option
@common_options
def compare(refs: tuple[str, ...], pairs_file: Any, allow_private: bool, semantic: bool | None,
            model: str | None, db: str | None, as_json: bool) -> None:
    """Align article B onto article A, sentence by sentence.

    A and B are files, URLs or stored article ids (or unique prefixes). Shows which
    sentences of B retell which of A (copied, paraphrased, partial), what B added and
    dropped, and what changed inside aligned sentences: numbers, dates, names, negation,
    attribution, hedges. With --pairs, compares every pair of a JSON Lines file.
    """
    from .compare import Comparer

    if pairs_file is not None:
        if refs:
            raise click.UsageError("give either A B or --pairs, not both")
        comparer = Comparer(semantic=semantic, model=model)
        sys.exit(0 if _compare_pairs(pairs_file, comparer) else 1)
    if len(refs) != 2:
        raise click.UsageError("compare takes two articles, A and B (or --pairs FILE)")
    with LazyStore(db) as store:
        a, b = (load_one(ref, store, allow_private) for ref in refs)
        comparer = Comparer(semantic=semantic, model=model, store=store.opened)
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


def parse_window(value: float | None) -> timedelta | None:
    return timedelta(days=value) if value is not None else None


@main.command()
@click.option("--threshold", type=click.FloatRange(0.0, 1.0, min_open=True),
              help="Same-story score needed to merge (default: the tuned one).")
@click.option("--window", type=click.FloatRange(min=0.0), metavar="DAYS",
              help="Keep a story's articles within this many days of each other.")
@click.option("--semantic/--no-semantic", default=None,
              help="Use sentence embeddings (default: when installed).")
@common_options
def cluster(threshold: float | None, window: float | None, semantic: bool | None,
            db: str | None, as_json: bool) -> None:
    """Group the stored articles into stories and find each story's likely origin.

    Replaces the stories of the previous run; `launderlens stories` lists them.
    """
    from .stories import cluster_store

    with opened_store(db) as store, _stage_progress(not as_json) as progress:
        stories = cluster_store(store, semantic=semantic, threshold=threshold,
                                window=parse_window(window), progress=progress)
        titles = {s.origin: store.get_article(s.origin) for s in stories if len(s.members) > 1}
    if as_json:
        emit_json({"stories": [{"id": s.id, "articles": list(s.members), "origin": s.origin,
                                "origin_reason": s.origin_reason,
                                "origin_evidence": s.origin_evidence} for s in stories]})
        return
    from .render import print_stories

    shown = [s for s in stories if len(s.members) > 1]
    print_stories(shown, {k: v for k, v in titles.items() if v is not None},
                  singletons=len(stories) - len(shown))


@contextmanager
def _stage_progress(enabled: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    """A spinner naming the clustering stage, on a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console

    with Console(stderr=True).status("clustering") as status:
        def update(stage: str, done: int, total: int) -> None:
            status.update(f"clustering: {stage} ({done}/{total})")

        yield update


@main.command()
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


@main.command()
@click.argument("story_id", metavar="ID")
@semantic_option
@common_options
def story(story_id: str, semantic: bool | None, model: str | None, db: str | None,
          as_json: bool) -> None:
    """One story (by its id, or the id of any of its articles): members in time order and
    what each copy added or changed against the origin."""
    from .compare import Comparer
    from .stories import story_view

    with opened_store(db) as store:
        found = store.get_story(story_id)
        if found is None:
            fail(f"no story with an id starting {story_id!r}, nor one holding such an article"
                 " (run `launderlens cluster` first)")
        view = story_view(store, found, Comparer(semantic=semantic, model=model, store=store))
    if as_json:
        emit_json(view.as_dict())
    else:
        from .render import print_story

        print_story(view)


# -- claims and checks ----------------------------------------------------------------------

@main.command()
@click.argument("refs", nargs=-1, required=True, metavar="FILE|URL|ID...")
@click.option("--claim-model", type=click.Path(dir_okay=False, exists=True),
              help="A claim model written by `launderlens train` (default: built-in cues).")
@click.option("--allow-private", is_flag=True,
              help="Allow fetching URLs on private, loopback and link-local addresses.")
@click.option("--semantic/--no-semantic", default=False, show_default=True,
              help="Sharpen claim scores with sentence embeddings (slower).")
@click.option("--kb-dir", type=click.Path(file_okay=False, path_type=Path),
              envvar="LAUNDERLENS_KB_DIR", help="Your own KB files, loaded over the shipped ones.")
@click.option("--narratives/--no-narratives", "known", default=True, show_default=True,
              help="Match check-worthy claims against the store's catalogue of known "
                   "narratives (with the shipped starter catalogue).")
@common_options
def analyze(refs: tuple[str, ...], claim_model: str | None, allow_private: bool,
            semantic: bool, kb_dir: Path | None, known: bool, db: str | None,
            as_json: bool) -> None:
    """Find check-worthy claims, who they are credited to, and what contradicts the dated
    knowledge base: vague sourcing of accusations, a state-media origin, wrong periods and
    relative times, offices given to the wrong person, dates that contradict each other,
    and claims that retell a known, already debunked narrative.

    With several articles, --json prints one JSON object per line.
    """
    from .analyze import Analyzer
    from .cli_kb import load_kb

    analyzer = Analyzer(kb=load_kb(kb_dir), semantic=semantic, claim_model=claim_model)
    with LazyStore(db) as store:
        if known:
            from .cli_narratives import open_matcher

            analyzer.narratives = open_matcher(store(), semantic, None)
        for ref in refs:
            article = load_one(ref, store, allow_private)
            stored = store.opened.sentences(article.id) if store.opened else []
            result = analyzer.analyze(article, stored or None)
            if as_json:
                emit_json(result.as_dict())
            else:
                from .render import print_analysis

                print_analysis(result)


@main.command()
@click.argument("labelled", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the model (JSON).")
@click.option("--text-field", default="text", show_default=True)
@click.option("--label-field", default="label", show_default=True)
@click.option("--semantic/--no-semantic", default=False, show_default=True,
              help="Also learn from sentence embeddings (the model then needs them to score).")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
def train(labelled: Path, output: Path, text_field: str, label_field: str, semantic: bool,
          as_json: bool) -> None:
    """Train a claim check-worthiness model on your own labelled sentences.

    LABELLED is JSON Lines or CSV with a text and a 0/1 label per row. Use the model with
    `launderlens analyze --claim-model MODEL`. launderlens ships no model trained on
    research data: the default scorer is built from hand-set cues.
    """
    import csv

    from .claims import train_claim_model
    from .similarity.semantic import load_encoder

    pairs: list[tuple[str, int]] = []
    bad: list[str] = []
    with labelled.open(encoding="utf-8", newline="") as stream:
        rows: Any = (csv.DictReader(stream) if labelled.suffix.lower() == ".csv"
                     else (line for line in stream if line.strip()))
        for number, row in enumerate(rows, 1):
            try:
                item = row if isinstance(row, dict) else json.loads(row)
                text, label = item[text_field], int(item[label_field])
                if not isinstance(text, str) or not text.strip() or label not in (0, 1):
                    raise ValueError("needs a non-empty text and a label of 0 or 1")
                pairs.append((text, label))
            except (ValueError, KeyError, TypeError) as err:
                bad.append(f"row {number}: {err}")
    if not pairs:
        raise click.UsageError(f"{labelled}: no usable rows ({'; '.join(bad[:3])})")
    encoder = load_encoder(required=True) if semantic else None
    train_claim_model(pairs, output, encoder=encoder)
    summary = {"model": str(output), "rows": len(pairs),
               "check_worthy": sum(label for _, label in pairs), "skipped": bad}
    if as_json:
        emit_json(summary)
    else:
        click.echo(f"trained on {len(pairs)} sentences ({summary['check_worthy']} check-worthy)"
                   f"; wrote {output}" + (f"; skipped {len(bad)} bad rows" if bad else ""))
        for line in bad[:10]:
            click.echo(f"  {line}", err=True)


@main.command()
@click.option("--semantic/--no-semantic", default=None,
              help="Use sentence embeddings (default: when installed).")
@common_options
def demo(semantic: bool | None, db: str | None, as_json: bool) -> None:
    """Ingest the bundled demo corpus (one story and its laundered copies), cluster it into
    stories and show what each copy of the story added to its origin."""
    from .demo import DEMO_DB_NAME, run_demo

    db = db or str(Path(default_db_url()).with_name(DEMO_DB_NAME))
    report_path = _demo_report_path(db)
    with opened_store(db) as store:
        result = run_demo(store, semantic=semantic, report_path=report_path)
    if as_json:
        emit_json(result.as_dict())
    else:
        from .render import print_demo

        print_demo(result)
    sys.exit(0 if result.ingest.ok else 1)


def _demo_report_path(db: str) -> Path:
    """Beside a SQLite demo database, else in the user's data directory."""
    from .demo import DEMO_REPORT_NAME
    from .store.sqlite import sqlite_file

    path = sqlite_file(db)
    return (path or Path(default_db_url())).with_name(DEMO_REPORT_NAME)


def _register_subgroups() -> None:
    from .cli_kb import kb
    from .cli_narratives import narratives
    from .cli_report import export, report
    from .cli_web import serve

    main.add_command(kb)
    main.add_command(narratives)
    main.add_command(report)
    main.add_command(export)
    main.add_command(serve)


_register_subgroups()


if __name__ == "__main__":
    main()
