"""The ``launderlens`` command: a thin layer over the library, one subcommand per job.

Every subcommand takes ``--db`` and ``--json``. Exit status: 0 when everything asked for
was done, 1 when some items were rejected or something failed at run time, 2 on a usage
error (bad arguments, unknown format).
"""

from __future__ import annotations

import logging

import click

from .. import __version__
from .analyze import analyze, train
from .common import Group
from .demo import demo
from .ingest import articles, ingest, rejections, show
from .kb import kb
from .narratives import narratives
from .report import export, report
from .rewrites import cluster, compare, stories, story
from .serve import serve

__all__ = ["main"]


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="launderlens")
def main() -> None:
    """Expose laundered news: ingest articles, find rewrites of one story, check claims."""
    # Extraction libraries warn about every page without an article; the CLI reports
    # those as rejections already, with the reason, so their log lines are noise.
    for name in ("trafilatura", "htmldate", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.ERROR)


for _command in (ingest, articles, show, rejections, compare, cluster, stories, story, analyze,
                 train, demo, kb, narratives, report, export, serve):
    main.add_command(_command)


if __name__ == "__main__":
    main()
