"""``launderlens report`` and ``launderlens export``: an article or story from the store (or
a file or URL) in; a report as JSON, Markdown or standalone HTML out, or the whole store
as JSON Lines, ClaimReview drafts, a STIX 2.1 bundle or a CSV of findings.

Helpers come from :mod:`launderlens.cli.main`, imported inside the commands because ``cli``
registers these commands on its group (importing it at the top would be a cycle).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..claims.analyze import Analyzer
    from ..rewrites.compare import Comparer
    from ..rewrites.stories import StoryView
    from ..store import Store

__all__ = ["export", "report"]

REPORT_FORMATS = ("json", "md", "html")
EXPORT_FORMATS = ("jsonl", "claimreview", "stix", "csv", "parquet")
_SUFFIX_FORMAT = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html",
                  ".htm": "html"}


def _dash_is_stdout(ctx: click.Context, param: click.Parameter, value: str | None
                    ) -> Path | None:
    """``-o -`` means standard output, as no ``-o`` does (a file really named ``-`` is
    ``./-``)."""
    return None if value is None or value == "-" else Path(value)


def _options(func: Any) -> Any:
    """What both commands take: the analyzer's KB and claim model, the comparer's model,
    ``--db`` and ``--json``. Written out here rather than taken from :mod:`launderlens.cli.main`:
    decorators run at import, and importing ``cli`` here would be a cycle."""
    options = [
        click.option("--json", "as_json", is_flag=True,
                     help="Print machine-readable JSON instead of text."),
        click.option("--db", envvar="LAUNDERLENS_DB", show_envvar=True,
                     help="SQLite file path or postgresql:// URL (default: a file in your "
                          "data directory)."),
        click.option("--semantic/--no-semantic", default=None,
                     help="Sentence embeddings for aligning copies, known narratives and "
                          "propaganda techniques (default: when installed)."),
        click.option("--model", type=click.Path(file_okay=False, exists=True),
                     help="A local sentence-transformers folder instead of MiniLM."),
        click.option("--claim-model", type=click.Path(dir_okay=False, exists=True),
                     help="A claim model written by `launderlens train`."),
        click.option("--kb-dir", type=click.Path(file_okay=False, path_type=Path),
                     envvar="LAUNDERLENS_KB_DIR",
                     help="Your own KB files, loaded over the shipped ones."),
    ]
    for option in options:
        func = option(func)
    return func


def _analyzer(kb_dir: Path | None, claim_model: str | None, semantic: bool | None
              ) -> Analyzer:
    """The analyzer of ``report`` and ``export``, by ``analyze``'s rule: claim scores on the
    cues, propaganda techniques (like known narratives) with the embeddings whenever they
    are installed unless ``--no-semantic`` (the packaged MiniLM, whose cosines the
    technique thresholds were set on, whatever ``--model`` aligns with)."""
    from ..claims.analyze import Analyzer
    from ..embeddings.encoder import encoder_for
    from .kb import load_kb

    encoder = encoder_for(semantic)
    return Analyzer(kb=load_kb(kb_dir), semantic=False, claim_model=claim_model,
                    technique_encoder=encoder)


def _catalogue(analyzer: Analyzer, store: Store | None) -> dict[str, Any] | None:
    """The narrative catalogue the analyzer searched, as the store counts it."""
    if analyzer.narratives is None or store is None:
        return None
    return analyzer.narratives.describe()


def _report_format(fmt: str | None, output: Path | None, as_json: bool) -> str:
    if fmt:
        return fmt
    if as_json:
        return "json"
    if output is not None and output.suffix.lower() in _SUFFIX_FORMAT:
        return _SUFFIX_FORMAT[output.suffix.lower()]
    return "md"


@click.command("report")
@click.argument("ref", metavar="ID|FILE|URL")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS),
              help="json, md or html (default: from the -o suffix, else md; json with --json).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              callback=_dash_is_stdout, help="Write here ('-': standard output, the default).")
@click.option("--story", "as_story", is_flag=True,
              help="Report the whole story that REF is (or holds REF) instead of one article.")
@click.option("--allow-private", is_flag=True,
              help="Allow fetching URLs on private, loopback and link-local addresses.")
@_options
def report(ref: str, fmt: str | None, output: Path | None, as_story: bool, allow_private: bool,
           kb_dir: Path | None, claim_model: str | None, semantic: bool | None,
           model: str | None, db: str | None, as_json: bool) -> None:
    """A report on one article or story: why it matters, the text with every finding at its
    span, copies side by side with the origin, and how the report was made.

    REF is a stored article id (or unique prefix), a story id, a file or a URL. A stored
    article that belongs to a story is reported with its story's context; --story (or a
    story id) reports the story with all its copies. HTML output is one file that opens
    offline.
    """
    from ..report import render_html, render_markdown
    from .common import LazyStore

    chosen = _report_format(fmt, output, as_json and output is None)
    from .narratives import open_matcher

    analyzer = _analyzer(kb_dir, claim_model, semantic)
    with LazyStore(db) as store:
        # The catalogue of known narratives lives in the store, so it is opened even for a
        # file: without it the report could not say which claims retell debunked stories.
        analyzer.narratives = open_matcher(store(), semantic, model)
        built = _build_report(ref, as_story=as_story, store=store, analyzer=analyzer,
                              semantic=semantic, model=model, allow_private=allow_private,
                              db_given=db is not None)
    if chosen == "json":
        text = json.dumps(built, ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_html(built) if chosen == "html" else render_markdown(built)
    if output is None:
        click.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    summary = {"format": chosen, "kind": built["kind"], "path": str(output)}
    if as_json:
        from .common import emit_json

        emit_json(summary)
    else:
        click.echo(f"wrote the {built['kind']} report to {output}", err=True)


def _build_report(ref: str, *, as_story: bool, store: Callable[[], Store], analyzer: Analyzer,
                  semantic: bool | None, model: str | None, allow_private: bool,
                  db_given: bool) -> dict[str, Any]:
    """The report REF asks for: a story's, or an article's with its story when stored."""
    from ..claims.stored import StoredAnalyzer
    from ..ingest import is_url
    from ..report import article_report, build_provenance, story_report
    from ..rewrites.compare import Comparer
    from ..rewrites.stories import story_view
    from .common import fail, load_one

    is_source = is_url(ref) or Path(ref).exists()
    story = None
    if as_story or not is_source:
        try:
            article_id = None if as_story else store().resolve_id(ref)
        except KeyError:
            article_id = None
        if article_id is None:
            story = store().get_story(ref)
            if story is None:
                fail(f"no {'story' if as_story else 'article or story'} with an id starting "
                     f"{ref!r}" + (" (run `launderlens cluster` first)" if as_story else ""))
    # Stored articles' analyses are read back when these options made them, and stored
    # when computed (launderlens.claims.stored).
    if story is not None:
        comparer = Comparer(semantic=semantic, model=model, store=store())
        view = story_view(store(), story, comparer)
        stored_analyses = StoredAnalyzer(analyzer, store())
        analyses = {m.article.id: stored_analyses.analyze(m.article) for m in view.members}
        # The network section weighs every outlet of the store, not only the story's: two
        # copies' outlets are joined by what they share elsewhere too.
        from ..network import build_network
        graph = build_network(store(), comparer=comparer)
        return story_report(view, analyses, network=graph, provenance=build_provenance(
            analyzer=analyzer, comparer=comparer, store=store(),
            catalogue=_catalogue(analyzer, store())))
    article = load_one(ref, store, allow_private)
    # A file or URL gets story context only from a store the user named: opening the
    # default database just to look would create one as a side effect.
    stored = (not is_source or db_given) and store().get_article(article.id) is not None
    analysis = (StoredAnalyzer(analyzer, store()).analyze(article) if stored
                else analyzer.analyze(article))
    article_view: StoryView | None = None
    article_comparer: Comparer | None = None
    if stored:
        found = store().get_story(article.id)
        if found is not None and len(found.members) > 1:
            article_comparer = Comparer(semantic=semantic, model=model, store=store())
            article_view = story_view(store(), found, article_comparer)
    opened = store() if stored else None
    return article_report(analysis, story_view=article_view, provenance=build_provenance(
        analyzer=analyzer, comparer=article_comparer, store=opened,
        catalogue=_catalogue(analyzer, opened)))


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl",
              show_default=True,
              help="jsonl: every article, re-ingestable; claimreview: ClaimReview drafts of "
                   "flagged claims; stix: a STIX 2.1 bundle; csv: one row per finding; "
                   "parquet: articles, stories, pairs and findings tables in the folder -o.")
@click.option("-o", "--output", type=click.Path(allow_dash=True),
              callback=_dash_is_stdout, help="Write here ('-': standard output, the default; "
                                             "a folder for parquet).")
@_options
def export(fmt: str, output: Path | None, kb_dir: Path | None, claim_model: str | None,
           semantic: bool | None, model: str | None, db: str | None, as_json: bool) -> None:
    """Export the store: every article as JSON Lines (re-ingestable), or every article
    analysed into ClaimReview drafts, a STIX 2.1 bundle or a CSV of findings.

    An article whose analysis fails is listed on standard error and makes the exit status
    1; the rest are still exported.
    """
    from .common import opened_store

    if output is not None and output.is_dir() and fmt != "parquet":
        raise click.UsageError(f"{output} is a folder; --format {fmt} writes one file")
    if fmt == "parquet":
        _export_parquet(output, kb_dir, claim_model, semantic, model, db, as_json)
        return
    if fmt == "jsonl":
        _export_jsonl(output, db, as_json)
        return
    from .narratives import open_matcher

    analyzer = _analyzer(kb_dir, claim_model, semantic)
    with opened_store(db) as store:
        analyzer.narratives = open_matcher(store, semantic, model)
        stream: TextIO = (output.open("w", encoding="utf-8", newline="" if fmt == "csv"
                                      else None) if output else sys.stdout)
        try:
            result = _run_export(fmt, store, analyzer, stream, semantic, model)
        finally:
            if output:
                stream.close()
    summary = {**result.as_dict(), "path": str(output) if output else None}
    if as_json and output:
        from .common import emit_json

        emit_json(summary)
    elif not as_json:
        click.echo(f"exported {result.exported} {fmt} records from {result.articles} "
                   f"articles" + (f" to {output}" if output else ""), err=True)
    for line in result.failed:
        click.echo(f"failed: {line}", err=True)
    sys.exit(0 if result.ok else 1)


def _run_export(fmt: str, store: Store, analyzer: Analyzer, stream: TextIO,
                semantic: bool | None, model: str | None) -> Any:
    if fmt == "claimreview":
        from ..exports.claimreview import export_claimreview

        return export_claimreview(store, analyzer, stream)
    if fmt == "csv":
        from ..exports.csvout import export_csv

        return export_csv(store, analyzer, stream)
    from ..exports.stix import export_stix
    from ..rewrites.compare import Comparer

    return export_stix(store, analyzer, stream,
                       comparer=Comparer(semantic=semantic, model=model, store=store))


def _export_parquet(output: Path | None, kb_dir: Path | None, claim_model: str | None,
                    semantic: bool | None, model: str | None, db: str | None,
                    as_json: bool) -> None:
    """The store as Parquet tables in the folder ``output`` (launderlens.exports.parquet)."""
    from ..exports.parquet import export_parquet
    from .common import emit_json, opened_store
    from .narratives import open_matcher

    if output is None:
        raise click.UsageError("--format parquet writes a folder of tables: give -o FOLDER")
    analyzer = _analyzer(kb_dir, claim_model, semantic)
    with opened_store(db) as store:
        analyzer.narratives = open_matcher(store, semantic, model)
        result = export_parquet(store, analyzer, output)
    if as_json:
        emit_json({**result.as_dict(), "path": str(output)})
    else:
        click.echo(f"exported {result.exported} rows from {result.articles} articles to "
                   f"{output}", err=True)
    for line in result.failed:
        click.echo(f"failed: {line}", err=True)
    sys.exit(0 if result.ok else 1)


def _export_jsonl(output: Path | None, db: str | None, as_json: bool) -> None:
    """Every stored article, one JSON object per line (what `launderlens ingest` reads)."""
    from .common import emit_json, opened_store

    with opened_store(db) as store:
        stream = output.open("w", encoding="utf-8") if output else sys.stdout
        count = 0
        try:
            for article in store.iter_articles():
                stream.write(json.dumps(article.as_dict(), ensure_ascii=False) + "\n")
                count += 1
        finally:
            if output:
                stream.close()
    if output:
        summary = {"format": "jsonl", "exported": count, "path": str(output)}
        if as_json:
            emit_json(summary)
        else:
            click.echo(f"exported {count} articles to {output}", err=True)
