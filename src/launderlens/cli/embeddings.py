"""``launderlens embeddings export``: a sentence-transformers model in (the packaged MiniLM by
default), an ONNX folder out that the ``onnx`` backend runs without torch.

Without ``-o`` the packaged model goes to the folder the ``auto`` backend looks in, so one
export makes every later command use ONNX Runtime.
"""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["embeddings"]


@click.group()
def embeddings() -> None:
    """The sentence encoder: export it to ONNX for fast inference without torch."""


@embeddings.command("export")
@click.option("--model", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="A local sentence-transformers folder (default: the packaged MiniLM).")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write (default, for the packaged model: the folder the auto "
                   "backend reads).")
@click.option("--int8", "int8", is_flag=True,
              help="Write the dynamic int8 model (model-int8.onnx).")
@click.option("--fp32", "fp32", is_flag=True, help="Write the fp32 model (model.onnx).")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
def export_command(model: Path | None, output: Path | None, int8: bool, fp32: bool,
                   as_json: bool) -> None:
    """Export the encoder to ONNX (needs torch; both precisions unless one is named)."""
    from ..embeddings.onnx import default_onnx_dir, export_onnx
    from .common import echo, emit_json

    if output is None:
        if model is not None:
            raise click.UsageError("give -o/--output for a model of your own: the default "
                                   "folder is for the packaged model")
        output = default_onnx_dir()
    if not (int8 or fp32):
        int8 = fp32 = True
    manifest = export_onnx(model, output, fp32=fp32, int8=int8)
    if as_json:
        emit_json({"folder": str(output), **manifest})
        return
    echo(f"exported {manifest['source']} to {output}")
    for name, digest in manifest["files"].items():
        echo(f"  {name}  sha256 {digest[:16]}")
