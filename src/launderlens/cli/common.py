"""What every subcommand shares: the ``--db``/``--json`` options, opening the store,
reading one article from a file, URL or stored id, and turning errors into exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from ..errors import ConfigError, LaunderlensError, StoreError
from ..model import Article, Rejection
from ..store import Store, default_db_url, open_store

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


class Group(click.Group):
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


def article_summary(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet or article.domain,
        "section": article.section,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
    }


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
    from ..ingest import is_url, iter_sources
    from ..ingest.readers import ReadOptions, read_source

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


def parse_window(value: float | None) -> timedelta | None:
    return timedelta(days=value) if value is not None else None


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

