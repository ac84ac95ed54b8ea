"""What every subcommand shares: the ``--db``/``--json`` options, opening the store,
reading one article from a file, URL, standard input or stored id, making text from
articles safe to print on a terminal, and turning errors into exit codes."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

import click

from ..errors import ConfigError, LaunderlensError, StoreError
from ..model import Article, Rejection
from ..store import Store, default_db_url, open_store

if TYPE_CHECKING:
    from ..ingest.readers import Source

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


# Characters a terminal acts on instead of showing: C0 controls, DEL, C1 controls (U+009B
# is CSI on terminals that honour 8-bit controls) and the bidi embeddings, overrides and
# isolates that reorder what follows them (the "Trojan Source" trick).
_BEYOND_C0 = "\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
_UNSAFE_BUT_LAYOUT = re.compile(f"[\x00-\x08\x0b-\x1f{_BEYOND_C0}]")  # keeps \t and \n
_JSON_UNSAFE = re.compile(f"[{_BEYOND_C0}]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(value: object, *, layout: bool = True) -> str:
    """``value`` as text a terminal shows but never obeys: every control character (C0,
    DEL, C1, bidi overrides and isolates) written as its escape, ``\\x1b`` or ``\\u202e``.

    Article text, titles, outlet names, file names and reasons are written by adversaries;
    everything the CLI prints from them goes through here. With ``layout`` (the default)
    tab and newline stay, for cells and paragraphs; without it they are escaped too, for
    text that must stay on one line. A backslash is not itself escaped, so the result of
    ``visible`` is its own fixed point.
    """
    text = "" if value is None else str(value)
    return (_UNSAFE_BUT_LAYOUT if layout else _UNSAFE).sub(_shown, text)


def echo(message: object, *, err: bool = False, nl: bool = True) -> None:
    """``click.echo`` for a line that holds text from articles or file names."""
    click.echo(visible(message), err=err, nl=nl)


def emit_json(value: Any) -> None:
    """JSON on standard output. ``json`` escapes C0 controls itself; DEL, C1 and the bidi
    controls are escaped here as ``\\uXXXX``, which decodes to the same string."""
    text = json.dumps(value, ensure_ascii=False, indent=None, default=str)
    click.echo(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


class Failure(click.ClickException):
    """A run-time failure: printed as ``Error: ...``, exit status 1. The message often
    names a file or quotes an article, so it is shown with its controls escaped."""

    def format_message(self) -> str:
        return visible(self.message)


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
        "language": article.language,
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


STDIN = "-"
_STDIN_READ = "launderlens.stdin_read"


def load_one(ref: str, store: Callable[[], Store], allow_private: bool) -> Article:
    """An article from a file, a URL, standard input (``-``, once per command), or (any
    unique prefix of) a stored id."""
    from ..ingest import is_url, iter_sources
    from ..ingest.readers import ReadOptions, read_source

    options = ReadOptions(allow_private=allow_private)
    if ref == STDIN:
        sources: Iterable[Source | Rejection] = [_stdin_source(options.max_article_bytes)]
    elif is_url(ref) or Path(ref).exists():
        sources = iter_sources([ref], options)
    else:
        return resolve_article(store(), ref)
    found: list[Article] = []
    for source in sources:
        if isinstance(source, Rejection):
            fail(f"{ref}: {source.reason}")
        for result in read_source(source, options):
            if isinstance(result, Rejection):
                fail(f"{result.item}: {result.reason}")
            found.append(result)
    if not found:
        fail(f"{ref}: no article found")
    if len(found) > 1:
        echo(f"{ref} holds {len(found)} articles; using the first", err=True)
    return found[0]


def _stdin_source(limit: int) -> Source:
    """Standard input as one source, read into memory up to ``limit`` bytes (one article:
    ``ingest -`` is the way to pipe in a large export)."""
    from ..ingest.readers import Source

    ctx = click.get_current_context()
    if ctx.meta.get(_STDIN_READ):
        raise click.UsageError("standard input ('-') can be named once")
    ctx.meta[_STDIN_READ] = True
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        fail(f"standard input is larger than {limit} bytes, the limit for one article")
    return Source(name="stdin", data=data)


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



class _CommittedLog:
    """A store that remembers what its writes committed: the articles stored, those found
    already there, and the rejections recorded. Everything else goes to the store."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.stored: list[str] = []
        self.duplicates: list[str] = []
        self.rejected: list[Rejection] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def add_articles(self, articles: Any) -> Any:
        result = self._store.add_articles(articles)
        # Only after the call returns: its transaction has committed by then.
        self.stored.extend(result.stored)
        self.duplicates.extend(result.duplicates)
        self.rejected.extend(result.rejected)
        return result

    def add_rejections(self, rejections: Sequence[Rejection]) -> None:
        self._store.add_rejections(rejections)
        self.rejected.extend(rejections)

    def as_dict(self) -> dict[str, Any]:
        return {"stored": list(self.stored), "duplicates": list(self.duplicates),
                "rejected": [r.as_dict() for r in self.rejected], "interrupted": True}


#: The exit status of a command stopped by Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130


@contextmanager
def report_committed_on_interrupt(store: Store, as_json: bool) -> Iterator[Store]:
    """``store``, watched: on Ctrl-C the command prints what was committed before it (the
    ``ingest --json`` object with ``"interrupted": true``, or a line on standard error)
    and exits with status 130, instead of a traceback and nothing to script against."""
    log = _CommittedLog(store)
    try:
        yield cast(Store, log)
    except KeyboardInterrupt:
        if as_json:
            emit_json(log.as_dict())
        else:
            click.echo(f"interrupted: stored {len(log.stored)}, already present "
                       f"{len(log.duplicates)}, rejected {len(log.rejected)} before it",
                       err=True)
        sys.exit(INTERRUPTED)
