"""``launderlens kb``: read, look up and extend the dated knowledge base.

The KB a command sees is the shipped one with the user's folder (``--kb-dir``, default
:func:`launderlens.kb.user_kb_dir`) loaded over it, the same layering ``analyze`` uses.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from ..errors import ConfigError
from ..kb import KnowledgeBase

KINDS = ("terms", "people", "offices", "events", "outlets", "jurisdictions")


def _emit(value: Any) -> None:
    from .common import emit_json

    emit_json(value)


def kb_dir_option(func: Any) -> Any:
    return click.option(
        "--kb-dir", type=click.Path(file_okay=False, path_type=Path), envvar="LAUNDERLENS_KB_DIR",
        help="Your own KB files, loaded over the shipped ones (default: in your data directory).",
    )(func)


def load_kb(kb_dir: Path | None) -> KnowledgeBase:
    """The shipped KB with the user's folder over it (when that folder exists)."""
    from ..kb import load_user_kb

    return load_user_kb(kb_dir)


def _plain(record: Any) -> dict[str, Any]:
    from dataclasses import asdict

    out = asdict(record)
    for key, value in list(out.items()):
        if isinstance(value, date):
            out[key] = value.isoformat()
        elif isinstance(value, tuple):
            out[key] = [dict(v) if isinstance(v, dict) else v for v in value]
    return out


@click.group()
def kb() -> None:
    """The dated knowledge base: office terms, events and outlets, each with a source."""


@kb.command("list")
@click.option("--kind", type=click.Choice(KINDS), default="terms", show_default=True)
@click.option("--office", help="Only terms of this office id (e.g. pl.president).")
@kb_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def list_records(kind: str, office: str | None, kb_dir: Path | None, as_json: bool) -> None:
    """List the records of one kind, with the KB's as-of date."""
    base = load_kb(kb_dir)
    records: tuple[Any, ...] = {
        "terms": base.terms, "people": tuple(base.people.values()),
        "offices": tuple(base.offices.values()), "events": tuple(base.events.values()),
        "outlets": tuple(base.outlets.values()),
        "jurisdictions": tuple(base.jurisdictions.values())}[kind]
    if office:
        records = tuple(r for r in records if getattr(r, "office", None) == office)
    rows = [_plain(r) for r in records]
    if as_json:
        _emit({"as_of": base.as_of.isoformat(), "version": base.version, "kind": kind,
               "records": rows})
        return
    from rich.table import Table

    from .render import out, plain

    columns = {"terms": ("office", "person", "start", "end"),
               "people": ("id", "name", "aliases"), "offices": ("id", "label", "jurisdiction"),
               "events": ("id", "name", "date", "kind"),
               "outlets": ("id", "name", "country", "state_affiliation", "domains"),
               "jurisdictions": ("id", "name", "adjectives")}[kind]
    table = Table(title=f"{kind} (as of {base.as_of.isoformat()})")
    for name in columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(plain(", ".join(map(str, v)) if isinstance(v, list) else v)
                        for v in (row.get(c) for c in columns)))
    out().print(table)


@kb.command("show")
@click.argument("name")
@click.option("--on", "on_date", help="For an office: who held it on this date (YYYY-MM-DD).")
@kb_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def show_record(name: str, on_date: str | None, kb_dir: Path | None, as_json: bool) -> None:
    """Everything the KB holds on NAME: a person (with terms), an office id or phrase (with
    holders), an event, or an outlet (by name or domain)."""
    base = load_kb(kb_dir)
    found: dict[str, Any] = {"as_of": base.as_of.isoformat(), "query": name}
    person = base.find_person(name)
    if person is not None:
        found["person"] = _plain(person)
        found["terms"] = [_plain(t) for t in base.terms_of(name)]
    office_id = name if name in base.offices else base.office_for_phrase(name)
    if office_id:
        found["office"] = _plain(base.offices[office_id])
        terms = [t for t in base.terms if t.office == office_id]
        if on_date:
            try:
                when = date.fromisoformat(on_date)
            except ValueError:
                raise click.BadParameter("write YYYY-MM-DD", param_hint="--on") from None
            terms = base.holders(office_id, when)
            found["on"] = on_date
            found["known_on_that_date"] = base.knows(when)
        found["holders"] = [_plain(t) for t in terms]
    event = base.event(name)
    if event is not None:
        found["event"] = _plain(event)
    outlet = base.outlet_for(name)
    if outlet is not None:
        found["outlet"] = _plain(outlet)
    if len(found) == 2:
        raise click.ClickException(f"the knowledge base has nothing on {name!r}")
    if as_json:
        _emit(found)
        return
    import yaml

    click.echo(yaml.safe_dump(found, allow_unicode=True, sort_keys=False, width=100))


@kb.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["auto", "wikidata", "csv"]), default="auto",
              show_default=True)
@click.option("--kind", type=click.Choice(["terms", "events", "outlets"]),
              help="What a CSV file holds (default: read from its columns).")
@click.option("--position", "positions", multiple=True, metavar="QID=OFFICE",
              help="Map a Wikidata position to an office id, e.g. Q19546=pl.president.")
@click.option("--name", default=None, help="File name in the KB folder (default: the input's).")
@kb_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def import_records(path: Path, fmt: str, kind: str | None, positions: tuple[str, ...],
                   name: str | None, kb_dir: Path | None, as_json: bool) -> None:
    """Import Wikidata entity JSON (positions held, with start and end) or a CSV of terms,
    events or outlets into your KB folder, then load the whole KB to validate it; a file
    that does not validate is removed again."""
    from ..kb import KnowledgeBaseError, load, user_kb_dir
    from ..kb.importers import import_csv, import_wikidata, write_user_kb

    mapping: dict[str, str] = {}
    for item in positions:
        qid, sep, office = item.partition("=")
        if not sep or not qid.strip() or not office.strip():
            raise click.BadParameter(f"{item!r}: write QID=OFFICE", param_hint="--position")
        mapping[qid.strip()] = office.strip()
    if fmt == "auto":
        fmt = "csv" if path.suffix.lower() == ".csv" else "wikidata"
    try:
        result = (import_csv(path, kind) if fmt == "csv"
                  else import_wikidata(path, mapping or None))
    except (ValueError, OSError) as err:
        raise ConfigError(f"{path}: {err}") from None
    folder = kb_dir or user_kb_dir()
    problems = list(result.problems)
    valid = False
    written = folder / f"{name or path.stem}.yaml"
    if len(result.records):
        written = write_user_kb(result.records, folder, name=name or path.stem)
        try:
            load([folder])
            valid = True
        except KnowledgeBaseError as err:
            problems += [str(p) for p in err.problems]
            written.unlink()
    else:
        problems.append("nothing to import")
    summary = {"path": str(path), "format": fmt, "written": str(written) if valid else None,
               "records": len(result.records), "valid": valid, "problems": problems}
    if as_json:
        _emit(summary)
    else:
        click.echo(f"imported {len(result.records)} records from {path}"
                   + (f" into {written}" if valid else "; NOT kept: the KB did not validate"))
        for line in problems:
            click.echo(f"  {line}", err=True)
    sys.exit(0 if valid and not result.problems else 1)
