"""``launderlens spark run``: the batch pipeline on Apache Spark (see launderlens.spark).

This file is also the ``spark-submit`` entry point, with the same options as ``spark run``
(absolute imports, so that it runs as a script)::

    entry="$(python -c 'import launderlens.cli.spark as m; print(m.__file__)')"
    spark-submit --master yarn "$entry" --input /shared/crawl/ --output /shared/tables/ \\
        --db postgresql://...
"""

from __future__ import annotations

from pathlib import Path

import click

from launderlens.cli.common import Group, echo, emit_json

__all__ = ["spark"]


@click.group(cls=Group)
def spark() -> None:
    """Run the batch pipeline on Apache Spark (pip install 'launderlens[spark]')."""


@spark.command("run")
@click.option("--input", "inputs", multiple=True, required=True,
              type=click.Path(exists=True, path_type=Path),
              help="A file or folder to read (JSON Lines, WARC, Parquet, or any format "
                   "`ingest` reads); repeat for several.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the Parquet tables (articles, sentences, pairs, stories, "
                   "alignments, analyses, findings, rejections); existing tables are "
                   "replaced.")
@click.option("--db", help="Load articles, sentences, stories and analyses into this store: "
                           "a SQLite file path or a postgresql:// URL that every executor "
                           "can open (default: do not load).")
@click.option("--semantic/--no-semantic", default=False, show_default=True,
              help="Sentence embeddings (not yet on Spark: --semantic is refused).")
@click.option("--master", help="Spark master URL (default local[2], or what spark-submit "
                               "chose).")
@click.option("--format", "fmt", help="Read every input with this reader (default: by file).")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0, min_open=True),
              help="Same-story threshold (default: the local path's).")
@click.option("--blocking", default="top_terms,minhash,anchors", show_default=True,
              help="Candidate blockings, comma-separated; top_terms alone is the local "
                   "path's candidate set.")
@click.option("--analysis/--no-analysis", default=True, show_default=True,
              help="Analyse every article into the analyses and findings tables.")
@click.option("--align/--no-align", default=True, show_default=True,
              help="Align every copy onto its story's origin (the alignments table).")
@click.option("--partitions", type=click.IntRange(min=1), default=None,
              help="Shuffle partitions (default 8).")
@click.option("--json", "as_json", is_flag=True, help="Print the run's summary as JSON.")
def run(inputs: tuple[Path, ...], output: Path, db: str | None, semantic: bool,
        master: str | None, fmt: str | None, threshold: float | None, blocking: str,
        analysis: bool, align: bool, partitions: int | None, as_json: bool) -> None:
    """Read, segment, cluster, align and analyse on Spark; write Parquet tables and load
    the store, so that `serve` and every command read the result."""
    from launderlens.spark.job import run_job
    from launderlens.spark.session import get_session

    session = get_session(master, shuffle_partitions=partitions)
    result = run_job(session, list(inputs), output, db=db, semantic=semantic,
                     analyse=analysis, align=align, threshold=threshold, fmt=fmt,
                     blocking=tuple(b.strip() for b in blocking.split(",") if b.strip()),
                     progress=None if as_json else lambda stage: echo(f"done: {stage}",
                                                                       err=True))
    if as_json:
        emit_json(result.as_dict())
        return
    for table, count in result.counts.items():
        echo(f"{table}: {count} rows ({result.seconds.get(table, 0):.1f} s)")
    if result.loaded:
        echo("loaded into the store: " + ", ".join(f"{v} {k}"
                                                  for k, v in result.loaded.items()))


if __name__ == "__main__":
    run(prog_name="launderlens-spark")
