"""``analyze`` and ``train``: claims, sourcing, dated checks, known narratives and propaganda
techniques of articles, and a user's own claim and technique models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from .common import (
    Group,
    LazyStore,
    common_options,
    emit_json,
    load_one,
)
from .techniques import train_techniques


@click.command()
@click.argument("refs", nargs=-1, required=True, metavar="FILE|URL|ID...")
@click.option("--claim-model", type=click.Path(dir_okay=False, exists=True),
              help="A claim model written by `launderlens train` (default: built-in cues).")
@click.option("--technique-model", type=click.Path(dir_okay=False, exists=True),
              help="A technique model written by `launderlens train techniques` (default: "
                   "the shipped technique cues).")
@click.option("--allow-private", is_flag=True,
              help="Allow fetching URLs on private, loopback and link-local addresses.")
@click.option("--semantic/--no-semantic", default=None,
              help="Sentence embeddings: known narratives and propaganda techniques use them "
                   "whenever the semantic extra is installed (default), --semantic requires "
                   "them and also sharpens claim scores, --no-semantic never loads them.")
@click.option("--kb-dir", type=click.Path(file_okay=False, path_type=Path),
              envvar="LAUNDERLENS_KB_DIR", help="Your own KB files, loaded over the shipped ones.")
@click.option("--narratives/--no-narratives", "known", default=True, show_default=True,
              help="Match check-worthy claims against the store's catalogue of known "
                   "narratives (with the shipped starter catalogue).")
@common_options
def analyze(refs: tuple[str, ...], claim_model: str | None, technique_model: str | None,
            allow_private: bool,
            semantic: bool | None, kb_dir: Path | None, known: bool, db: str | None,
            as_json: bool) -> None:
    """Find check-worthy claims, who they are credited to, and what contradicts the dated
    knowledge base: vague sourcing of accusations, a state-media origin, wrong periods and
    relative times, offices given to the wrong person, dates that contradict each other,
    claims that retell a known, already debunked narrative, machine-rewrite residue and
    propaganda techniques.

    With several articles, --json prints one JSON object per line.
    """
    from ..claims.analyze import Analyzer
    from ..claims.stored import StoredAnalyzer
    from ..embeddings.encoder import encoder_for
    from .kb import load_kb

    # Claim scores keep the cues unless embeddings are asked for: the genre calibration
    # of check-worthiness was set on the cues. Techniques, like known narratives, use the
    # embeddings whenever they are installed (the encoder is loaded once and shared).
    analyzer = Analyzer(kb=load_kb(kb_dir), semantic=semantic is True, claim_model=claim_model,
                        technique_model=technique_model,
                        technique_encoder=None if technique_model else encoder_for(semantic))
    with LazyStore(db) as store:
        if known:
            from .narratives import open_matcher

            analyzer.narratives = open_matcher(store(), semantic, None)
        stored: StoredAnalyzer | None = None  # one per run: its parameters are worked out once
        for ref in refs:
            article = load_one(ref, store, allow_private)
            # A stored article's analysis is read back when these options made it, and
            # stored when computed (launderlens.claims.stored).
            if store.opened and stored is None:
                stored = StoredAnalyzer(analyzer, store.opened)
            result = stored.analyze(article) if stored else analyzer.analyze(article)
            if as_json:
                emit_json(result.as_dict())
            else:
                from .render import print_analysis

                print_analysis(result)
                ran = dict(result.provenance)
                if ran.get("narrative_matching") is not None:
                    click.echo(f"known narratives matched with: {ran['narrative_matching']}")
                if ran.get("techniques") is not None:
                    click.echo(f"propaganda techniques found with: {ran['techniques']}")


class _TrainGroup(Group):
    """``train`` with a subcommand per model; ``train LABELLED -o OUT`` (no subcommand, the
    form that came first) still trains the claim model."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["claims", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_TrainGroup)
def train() -> None:
    """Train your own models: `train claims LABELLED -o OUT` (also `train LABELLED -o OUT`)
    for claim check-worthiness, `train techniques PTC_DIR -o OUT` for propaganda
    techniques. launderlens ships no model trained on research data."""


@train.command("claims")
@click.argument("labelled", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the model (JSON).")
@click.option("--text-field", default="text", show_default=True)
@click.option("--label-field", default="label", show_default=True)
@click.option("--semantic/--no-semantic", default=False, show_default=True,
              help="Also learn from sentence embeddings (the model then needs them to score).")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
def train_claims(labelled: Path, output: Path, text_field: str, label_field: str,
                 semantic: bool, as_json: bool) -> None:
    """Train a claim check-worthiness model on your own labelled sentences.

    LABELLED is JSON Lines or CSV with a text and a 0/1 label per row. Use the model with
    `launderlens analyze --claim-model MODEL`. launderlens ships no model trained on
    research data: the default scorer is built from hand-set cues.
    """
    import csv

    from ..claims.checkworthy import train_claim_model
    from ..embeddings.encoder import load_encoder

    pairs: list[tuple[str, int]] = []
    bad: list[str] = []
    with labelled.open(encoding="utf-8", newline="") as stream:
        rows: Any = (csv.DictReader(stream) if labelled.suffix.lower() == ".csv"
                     else (line for line in stream if line.strip()))
        for number, row in enumerate(rows, 1):
            try:
                item = row if isinstance(row, dict) else json.loads(row)
                text, label = item[text_field], int(item[label_field])
                if not isinstance(text, str) or not text.strip() or label not in (0, 1):
                    raise ValueError("needs a non-empty text and a label of 0 or 1")
                pairs.append((text, label))
            except (ValueError, KeyError, TypeError) as err:
                bad.append(f"row {number}: {err}")
    if not pairs:
        raise click.UsageError(f"{labelled}: no usable rows ({'; '.join(bad[:3])})")
    encoder = load_encoder(required=True) if semantic else None
    train_claim_model(pairs, output, encoder=encoder)
    summary = {"model": str(output), "rows": len(pairs),
               "check_worthy": sum(label for _, label in pairs), "skipped": bad}
    if as_json:
        emit_json(summary)
    else:
        click.echo(f"trained on {len(pairs)} sentences ({summary['check_worthy']} check-worthy)"
                   f"; wrote {output}" + (f"; skipped {len(bad)} bad rows" if bad else ""))
        for line in bad[:10]:
            click.echo(f"  {line}", err=True)



train.add_command(train_techniques)
