"""``train techniques``: a propaganda-technique model fitted on a corpus in the PTC layout."""

from __future__ import annotations

from pathlib import Path

import click

from .common import emit_json


@click.command("techniques")
@click.argument("ptc_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the model (JSON).")
@click.option("--limit", type=click.IntRange(min=2),
              help="Train on the first N articles (by id) only.")
@click.option("--threshold", type=click.FloatRange(0.01, 0.99), default=0.3, show_default=True,
              help="Token probability at which the tagger marks a span: higher finds fewer, "
                   "surer spans.")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
def train_techniques(ptc_dir: Path, output: Path, limit: int | None, threshold: float,
                     as_json: bool) -> None:
    """Train a propaganda-technique model on your copy of a corpus in the layout of the
    Propaganda Techniques Corpus (SemEval-2020 Task 11).

    PTC_DIR holds `<split>-articles/article<ID>.txt` files and a
    `<split>-task-flc-tc.labels` file beside them (or both under `datasets/`). Use the model
    with `launderlens analyze --technique-model MODEL`. The model is JSON, never a pickle.
    Without it, analyze uses the shipped hand-written cues.
    """
    from ..claims.techniques import read_ptc, train_technique_model

    reading = read_ptc(ptc_dir, limit=limit)
    if not reading.articles:
        raise click.UsageError(f"{ptc_dir}: no articles found")

    def progress(message: str) -> None:
        if not as_json:
            click.echo(message, err=True)

    model = train_technique_model(reading.articles, output, threshold=threshold,
                                  progress=progress)
    summary = {"model": str(output), "articles": model.trained["articles"],
               "spans": model.trained["spans"], "labels": list(model.labels),
               "skipped": reading.skipped}
    if as_json:
        emit_json(summary)
        return
    click.echo(f"trained on {summary['articles']} articles ({summary['spans']} technique "
               f"spans, {len(model.labels)} techniques); wrote {output}"
               + (f"; skipped {len(reading.skipped)} bad rows" if reading.skipped else ""))
    for line in reading.skipped[:10]:
        click.echo(f"  {line}", err=True)
