"""``analyze``'s one embeddings setting (auto by default: known narratives are matched with
embeddings whenever they are installed), the mode shown in ``--json`` provenance, and the
time line of elapsed-time claims. The article is written for this test."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from launderlens.cli import main
from launderlens.embeddings.encoder import semantic_available

FIELD = Path(__file__).resolve().parents[2] / "shared" / "field"

ARTICLE = """---
published: 2025-09-04T12:00:00+00:00
title: Peninsula still cut off
---
Three years after the annexation of Crimea, the peninsula's economy remains cut off.

On the second anniversary of the Wagner mutiny, few in Rostov spoke of it.
"""


def run(*args: str) -> click.testing.Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args), catch_exceptions=False)


def test_no_semantic_says_lexical_and_the_time_line_is_in_the_json(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run("analyze", str(path), "--json", "--no-semantic", "--db",
                 str(tmp_path / "db.sqlite"))
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["provenance"]["narrative_matching"] == "bm25"
    assert [(e["event_id"], e["holds"]) for e in out["timeline"]] == [
        ("annexation-of-crimea", False), ("wagner-mutiny", True)]
    assert any(f["kind"] == "temporal_inconsistency" and "18 March 2014" in f["message"]
               for f in out["findings"])
    shown = run("analyze", str(path), "--no-semantic", "--db", str(tmp_path / "db.sqlite"))
    assert "Time line" in shown.output and "known narratives matched with: bm25" in shown.output


@pytest.mark.skipif(not semantic_available(), reason="the semantic extra is not installed")
@pytest.mark.skipif(not FIELD.is_dir(), reason="../shared/field is not present")
def test_default_options_match_with_embeddings_on_the_field_article(tmp_path: Path) -> None:
    """The second field article retells the inner-circle embezzlement narrative in words the
    lexical retriever alone does not reach."""
    field = sorted(FIELD.glob("001_*.txt"))[0]
    result = run("analyze", str(field), "--json", "--db", str(tmp_path / "db.sqlite"))
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["provenance"]["narrative_matching"].startswith("bm25+")
    sentences = {s["index"]: s["text"] for s in out["article"]["sentences"]}
    matched = [sentences[f["sentence"]] for f in out["findings"] if f["kind"] == "known_narrative"]
    assert any("inner circle" in text for text in matched)
