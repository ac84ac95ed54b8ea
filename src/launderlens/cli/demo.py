"""``demo``: the whole pipeline on the bundled corpus."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

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
        if result.network is not None:
            print_network_section(result.network)
    sys.exit(0 if result.ingest.ok else 1)


def print_network_section(section: dict[str, Any]) -> None:
    """The demo story's outlets, any network they form, and the evidence between them."""
    from rich.table import Table

    from .render import out, plain

    out().print(plain(f"Outlet network of the demo story: {section['summary']}"))
    for found in section["networks"]:
        out().print(plain(f"  network {found['id']} (score {found['score']:.2f}): "
                          f"{found['summary']}"))
    if not section["links"]:
        return
    table = Table(title="Evidence between the story's outlets")
    for column in ("outlets", "score", "tier", "evidence"):
        table.add_column(column, overflow="fold")
    for link in section["links"]:
        for item in link["evidence"]:
            table.add_row(plain(f"{link['a']} – {link['b']}"),
                          plain(f"{link['score']:.2f}{'' if link['joined'] else ' (no)'}"),
                          plain(item["tier"]), plain(item["detail"]))
    out().print(table)


def _demo_report_path(db: str) -> Path:
    """Beside a SQLite demo database, else in the user's data directory."""
    from ..demo import DEMO_REPORT_NAME
    from ..store.sqlite import sqlite_file

    path = sqlite_file(db)
    return (path or Path(default_db_url())).with_name(DEMO_REPORT_NAME)

