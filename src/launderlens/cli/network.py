"""``network`` and ``outlet``: which outlets act as one operation, and what one outlet
shares with others."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from .common import _stage_progress, common_options, echo, emit_json, fail, opened_store

__all__ = ["network", "outlet", "outlets"]


def _network_options(func: Any) -> Any:
    func = click.option("--window", "window_minutes", type=click.FloatRange(min=0.0),
                        default=60.0, show_default=True, metavar="MINUTES",
                        help="Copies of one story this close in time count as published "
                             "together.")(func)
    func = click.option("--min-score", type=click.FloatRange(0.0, 1.0, min_open=True),
                        default=0.6, show_default=True,
                        help="Edge score that joins two outlets (one conclusive indicator "
                             "scores 0.9, two strong ones 0.75; supporting evidence alone "
                             "never joins).")(func)
    func = click.option("--semantic/--no-semantic", default=None,
                        help="Align copies with sentence embeddings to find what they "
                             "added (default: when installed, as every command does; "
                             "--no-semantic is faster).")(func)
    return func


def _build(store: Any, semantic: bool | None, window_minutes: float, min_score: float,
           show_progress: bool) -> Any:
    from ..kb import load_default
    from ..network import build_network, record_affiliations
    from ..rewrites.compare import Comparer

    record_affiliations(store, load_default())
    comparer = Comparer(semantic=semantic, store=store)
    with _stage_progress(show_progress) as progress:
        return build_network(store, comparer=comparer, window_minutes=window_minutes,
                             min_score=min_score, progress=progress)


@click.command()
@_network_options
@click.option("--gexf", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Also write the outlet graph for Gephi.")
@click.option("--graphml", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Also write the outlet graph as GraphML.")
@click.option("--stix", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Also write the networks as a STIX 2.1 bundle (ids stay the same from one "
                   "export to the next, so a platform updates what it imported).")
@click.option("--tlp", type=click.Choice(["white", "green", "amber", "red"]), default="amber",
              show_default=True, help="The TLP marking of every object in the STIX bundle.")
@common_options
def network(window_minutes: float, min_score: float, semantic: bool | None, gexf: Path | None,
            graphml: Path | None, stix: Path | None, tlp: str, db: str | None,
            as_json: bool) -> None:
    """Find outlets that act as one operation, with the evidence that joins them.

    Evidence: shared analytics, ad and tag-manager accounts, templates and feeds read from
    the ingested pages; the same stories published within minutes; the same sentences
    added to copies on different outlets. Run `launderlens cluster` first for the last two.
    """
    with opened_store(db) as store:
        graph = _build(store, semantic, window_minutes, min_score, not as_json)
    for path, fmt in ((gexf, "gexf"), (graphml, "graphml")):
        if path is not None:
            try:
                graph.write(path, fmt)
            except OSError as err:
                fail(f"cannot write {path}: {err.strerror or err}")
    if stix is not None:
        _write_stix(graph, stix, tlp)
    data = graph.as_dict()
    _add_lookalike_flags(data)
    if as_json:
        emit_json(data)
        return
    echo(f"copies aligned with: {data['params'].get('comparer')}")
    if not graph.networks:
        echo(f"No network among {len(graph.outlets)} outlets at score {min_score:g}.")
        return
    for found in graph.networks:
        echo(f"network {found.id}  score {found.score:.2f}  {found.summary}")
        shown = next(n for n in data["networks"] if n["id"] == found.id)
        for ref in shown["outlets"]:
            echo(f"  {ref['name']}  ({', '.join(ref['domains']) or ref['key']})")
            for flag in ref["lookalike"]:
                echo(f"      look-alike: {flag['reason']}")
        for item in found.evidence:
            echo(f"    [{item['tier']}] {item['detail']}: {', '.join(item['outlets'])}")
        echo("")


def _write_stix(graph: Any, path: Path, tlp: str) -> None:
    from ..exports.network_stix import network_bundle

    try:
        bundle = network_bundle(graph, tlp=tlp)
    except ModuleNotFoundError as err:
        if err.name != "stix2":
            raise
        fail("the STIX export needs the stix extra: pip install 'launderlens[stix]'")
    try:
        path.write_text(bundle.serialize(pretty=True) + "\n", encoding="utf-8")
    except OSError as err:
        fail(f"cannot write {path}: {err.strerror or err}")


def _add_lookalike_flags(data: dict[str, Any]) -> None:
    """Each network outlet's look-alike flags (``launderlens.outlets.names``), in place."""
    from ..kb import load_default
    from ..outlets.names import lookalike_flags

    registry = list(load_default().outlets.values())
    for found in data["networks"]:
        for ref in found["outlets"]:
            ref["lookalike"] = [f.as_dict() for f in
                                lookalike_flags(ref["name"], ref["domains"], registry)]


@click.command()
@click.argument("name")
@_network_options
@common_options
def outlet(name: str, window_minutes: float, min_score: float, semantic: bool | None,
           db: str | None, as_json: bool) -> None:
    """One outlet (by domain or name): its record, the indicators its pages show, the
    look-alike flags on its name, and the outlets it shares evidence with."""
    from ..kb import load_default
    from ..outlets.fingerprints import indicators
    from ..outlets.names import lookalike_flags

    with opened_store(db) as store:
        if store.get_outlet(name) is None:
            fail(f"no stored outlet with the domain or name {name!r}")
        graph = _build(store, semantic, window_minutes, min_score, not as_json)
        record = store.get_outlet(name)
        assert record is not None
        own = [(kind, value) for _, kind, value, _ in store.outlet_indicators(record.key)]
    kb = load_default()
    flags = lookalike_flags(record.name, record.domains, kb.outlets.values())
    known = kb.outlet_for(record.domains[0] if record.domains else record.label)
    member = graph.network_of(record.key)
    data: dict[str, Any] = {
        **record.as_dict(),
        "registry": None if known is None else {
            "id": known.id, "name": known.name, "state_affiliation": known.state_affiliation,
            "sources": [s.url for s in known.sources]},
        "indicators": [i.as_dict() for i in indicators(own)],
        "lookalike": [f.as_dict() for f in flags],
        "network": None if member is None else member.id,
        "links": [{"outlet": graph.ref(e.b if e.a == record.key else e.a).as_dict(),
                   "score": e.score, "linked": e.score >= min_score,
                   "evidence": [link.as_dict() for link in e.links]}
                  for e in graph.edges_of(record.key)],
    }
    if as_json:
        emit_json(data)
        return
    echo(f"{record.label}  ({', '.join(record.domains) or record.key})  "
         f"{record.articles} articles, {record.language or 'language unknown'}")
    if known is not None:
        echo(f"  registry: {known.name}, {known.state_affiliation}")
    for flag in flags:
        echo(f"  look-alike: {flag.reason}")
    for item in data["indicators"]:
        echo(f"  [{item['tier']}] {item['kind']}: {item['value']}")
    echo(f"  network: {member.id if member else 'none'}")
    for link in data["links"]:
        kinds = ", ".join(sorted({e["kind"] for e in link["evidence"]}))
        echo(f"  {'linked' if link['linked'] else 'weak  '} {link['score']:.2f}  "
             f"{link['outlet']['name']}: {kinds}")


@click.group()
def outlets() -> None:
    """The stored outlets, and lists of known ones to import."""


@outlets.command("list")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@common_options
def list_outlets(limit: int, db: str | None, as_json: bool) -> None:
    """Stored outlets, the most prolific first."""
    with opened_store(db) as store:
        found = store.list_outlets(limit=limit)
    if as_json:
        emit_json([o.as_dict() for o in found])
        return
    for record in found:
        affiliation = f"  {record.affiliation}" if record.affiliation else ""
        echo(f"{record.articles:6d}  {record.label}  ({', '.join(record.domains) or record.key})"
             f"{affiliation}")


@outlets.command("import")
@click.argument("path", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "warc"]), required=True,
              help="CSV with a header, or JSON Lines; fields domain, source (an http(s) "
                   "link that says what the outlet is), name, affiliation. warc: a web "
                   "archive whose captured /ads.txt and favicon files become indicators of "
                   "their sites.")
@common_options
def import_outlets(path: Path, fmt: str, db: str | None, as_json: bool) -> None:
    """Import a list of known outlets (a network's domains with the public report that
    names them): each becomes or updates the outlet of its domain, with its affiliation
    and source. Rows without a domain or a source are reported and skipped.

    With --format warc, the sites' ads.txt accounts (DIRECT lines) and favicon hashes
    captured in the archive are added to their outlets' indicators."""
    from ..outlets.importers import read_known_outlets

    if fmt == "warc":
        _import_capture(path, db, as_json)
        return

    if path.stat().st_size > _MAX_IMPORT_BYTES:
        fail(f"{path} is over {_MAX_IMPORT_BYTES // 2**20} MB")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        fail(f"cannot read {path}: {err}")
    records, problems = read_known_outlets(text, fmt)
    with opened_store(db) as store:
        written = store.import_outlets(records)
    result = {"imported": written,
              "problems": [{"line": line, "reason": reason} for line, reason in problems]}
    if as_json:
        emit_json(result)
    else:
        echo(f"{written} outlets imported, {len(problems)} rows skipped")
        for line, reason in problems[:20]:
            echo(f"  line {line}: {reason}")
    if problems:
        raise SystemExit(1)


_MAX_IMPORT_BYTES = 50 * 2**20


@outlets.command("registry")
@click.argument("path", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--source", type=click.Choice(["euvsdisinfo"]), default="euvsdisinfo",
              show_default=True, help="What the file is: EUvsDisinfo's case list as "
                                      "posts.csv (date, id, ..., outlets).")
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the registry as JSON Lines that `outlets import --format jsonl` "
                   "reads (domain, affiliation, source, and the case pages).")
@click.option("--apply", "apply_", is_flag=True,
              help="Record each stored outlet's entry (its case count and first case page) "
                   "as its affiliation, unless it has one already.")
@common_options
def registry(path: Path, source: str, out: Path | None, apply_: bool, db: str | None,
             as_json: bool) -> None:
    """Build a sourced registry of outlets from a list of debunked disinformation cases:
    every outlet the cases name by its domain, with the public case pages that name it.
    Nothing of the list is kept but what --out and --apply write."""
    from ..outlets.registry import euvsdisinfo_registry, unaffiliated

    if path.stat().st_size > 4 * _MAX_IMPORT_BYTES:
        fail(f"{path} is over {4 * _MAX_IMPORT_BYTES // 2**20} MB")
    try:
        with path.open(encoding="utf-8-sig", newline="") as lines:
            entries, counts = euvsdisinfo_registry(lines)
    except (OSError, UnicodeDecodeError, ValueError) as err:
        fail(f"cannot read {path}: {err}")
    if out is not None:
        try:
            out.write_text("".join(json.dumps(e.as_dict(), ensure_ascii=False) + "\n"
                                   for e in entries), encoding="utf-8")
        except OSError as err:
            fail(f"cannot write {out}: {err.strerror or err}")
    applied = 0
    if apply_:
        with opened_store(db) as store:
            applied = store.import_outlets(unaffiliated(entries, store.list_outlets()))
    result = {"source": source, "entries": len(entries), "applied": applied, **counts,
              "top": [e.as_dict() for e in entries[:20]]}
    if as_json:
        emit_json(result)
        return
    echo(f"{len(entries)} outlets named by domain in {counts['cases']} cases "
         f"({counts['platforms_or_names']} mentions were platforms or bare names)")
    for entry in entries[:20]:
        echo(f"  {entry.cases:5d}  {entry.domain}  {entry.sources[0]}")
    if apply_:
        echo(f"{applied} stored outlets given their entry")


def _import_capture(path: Path, db: str | None, as_json: bool) -> None:
    """The ads.txt accounts and favicons an archive captured, as their sites' indicators;
    an outlet's stored name, affiliation and source are kept as they are."""
    from ..errors import InputError
    from ..ingest.captures import read_captured_site_files
    from ..model import Rejection
    from ..outlets.importers import KnownOutlet

    found: dict[str, list[Any]] = {}
    skipped: list[Rejection] = []
    try:
        with path.open("rb") as stream:
            for item in read_captured_site_files(stream, path.name):
                if isinstance(item, Rejection):
                    skipped.append(item)
                else:
                    found.setdefault(item.host, []).append(item)
    except OSError as err:
        fail(f"cannot read {path}: {err.strerror or err}")
    except InputError as err:
        fail(f"cannot read {path}: {err}")
    with opened_store(db) as store:
        records = []
        for host, items in sorted(found.items()):
            known = store.get_outlet(host)
            records.append(KnownOutlet(
                host, known.name if known else None, known.affiliation if known else None,
                (known.affiliation_source if known else None) or "",
                tuple(sorted({(i.kind, i.value) for i in items}))))
        written = store.import_outlets(records)
    rows = [{"domain": i.host, "kind": i.kind, "value": i.value, "captured": i.url}
            for items in found.values() for i in items]
    if as_json:
        emit_json({"imported": written, "indicators": rows,
                   "skipped": [r.as_dict() for r in skipped]})
        return
    echo(f"{len(rows)} indicators of {written} outlets read from {path.name}")
    for row in rows[:50]:
        echo(f"  {row['domain']}  {row['kind']}: {row['value']}  ({row['captured']})")
    for rejection in skipped[:50]:
        echo(f"  skipped {rejection.item}: {rejection.reason}")
