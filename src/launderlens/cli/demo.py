"""``demo``: the whole pipeline on the bundled corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..store import default_db_url
from .common import (
    common_options,
    emit_json,
    opened_store,
)


@click.command()
@click.option("--semantic/--no-semantic", default=None,
              help="Use sentence embeddings (default: when installed).")
@common_options
def demo(semantic: bool | None, db: str | None, as_json: bool) -> None:
    """Ingest the bundled demo corpus (one story and its laundered copies), cluster it into
    stories and show what each copy of the story added to its origin."""
    from ..demo import DEMO_DB_NAME, run_demo

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
    from ..demo import DEMO_REPORT_NAME
    from ..store.sqlite import sqlite_file

    path = sqlite_file(db)
    return (path or Path(default_db_url())).with_name(DEMO_REPORT_NAME)

