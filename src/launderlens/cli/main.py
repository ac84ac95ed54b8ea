"""The ``launderlens`` command: a thin layer over the library, one subcommand per job.

Every subcommand takes ``--db`` and ``--json``. Exit status: 0 when everything asked for
was done, 1 when some items were rejected or something failed at run time, 2 on a usage
error (bad arguments, unknown format).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

import click

from .. import __version__
from .analyze import analyze, train
from .common import Group, visible
from .demo import demo
from .embeddings import embeddings
from .ingest import articles, ingest, rejections, show
from .kb import kb
from .narratives import narratives
from .network import network, outlet, outlets
from .report import export, report
from .rewrites import cluster, compare, stories, story
from .serve import serve
from .spark import spark
from .watch import watch

__all__ = ["main"]


_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="launderlens")
@click.option("-v", "--verbose", count=True,
              help="Log more on standard error: -v for INFO (each rejection as it happens), "
                   "-vv for DEBUG.")
@click.option("--log-level", type=click.Choice(_LEVELS, case_sensitive=False),
              envvar="LAUNDERLENS_LOG_LEVEL", show_envvar=True,
              help="Log at this level on standard error (default WARNING; overrides -v).")
def main(verbose: int, log_level: str | None) -> None:
    """Expose laundered news: ingest articles, find rewrites of one story, check claims."""
    level = log_level.upper() if log_level else _LEVELS[max(0, 2 - verbose)]
    click.get_current_context().call_on_close(configure_logging(level))


def configure_logging(level: str) -> Callable[[], None]:
    """launderlens's log on standard error at ``level``, its messages with their controls
    escaped (they name files and quote articles); returns what undoes it, so that running
    the command inside another program (or a test) leaves that program's logging alone."""
    handler = _StderrHandler()
    handler.setFormatter(_VisibleFormatter("%(levelname)s %(name)s: %(message)s"))
    handler.setLevel(level)
    ours = logging.getLogger("launderlens")
    # Extraction libraries warn about every page without an article; the CLI reports
    # those as rejections already, with the reason, so their log lines are noise unless
    # DEBUG asks for everything.
    quiet = [logging.getLogger(name) for name in ("trafilatura", "htmldate",
                                                    "charset_normalizer")]
    before = [(logger, logger.level) for logger in [ours, *quiet]]
    ours.addHandler(handler)
    ours.setLevel(level)
    for logger in quiet:
        logger.setLevel(logging.DEBUG if level == "DEBUG" else logging.ERROR)

    def undo() -> None:
        ours.removeHandler(handler)
        for logger, old in before:
            logger.setLevel(old)

    return undo


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the standard error of the moment (a test runner swaps it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


class _VisibleFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return visible(super().format(record))


for _command in (ingest, articles, show, rejections, compare, cluster, stories, story, analyze,
                 train, demo, kb, narratives, report, export, serve, embeddings, network,
                 outlet, outlets, watch, spark):
    main.add_command(_command)


if __name__ == "__main__":
    main()
