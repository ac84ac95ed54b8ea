"""``launderlens analyze`` and ``launderlens train`` run as a user would, and the demo's
analysis of its corpus."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from launderlens.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIELD = ROOT.parent / "shared" / "field"

# Written for this test: a dispatch credited to TASS with one wrong office, one wrong war
# year, one accusation behind an unnamed source, and statements that are right.
SUSPECT = """---
outlet: Northfield Wire
published: 2025-10-14T12:00:00+00:00
title: Ministers meet in Warsaw on air defence
---
WARSAW, October 14. /TASS/. Defence ministers from 12 countries met in Warsaw on Tuesday.

Polish President Andrzej Duda opened the meeting, which German Chancellor Friedrich Merz \
joined by video link.

The talks come as the war in Ukraine enters its sixth year.

Investigative reports allege that officials siphoned aid money through shell companies.

The ministers agreed to meet again in December.
"""


def run(*args: str) -> click.testing.Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args), catch_exceptions=False)


@pytest.fixture()
def suspect(tmp_path: Path) -> Path:
    path = tmp_path / "suspect.txt"
    path.write_text(SUSPECT, encoding="utf-8")
    return path


def analyze_json(*args: str) -> dict:
    result = run("analyze", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_analyze_json_contract_and_findings(suspect: Path, tmp_path: Path) -> None:
    out = analyze_json(str(suspect), "--kb-dir", str(tmp_path / "nokb"))
    article = out["article"]
    assert set(article) >= {"id", "title", "outlet", "published", "reference_date",
                            "reference_date_source", "sentences"}
    assert article["reference_date"] == "2025-10-14"
    assert article["reference_date_source"] == "published"
    sentences = article["sentences"]
    assert len(out["claims"]) == len(sentences)
    assert all(0 <= c["score"] <= 1 and set(c) >= {"sentence", "score", "type", "check_worthy"}
               for c in out["claims"])
    assert all(set(a) >= {"sentence", "source", "kind", "affiliation"}
               for a in out["attributions"])
    kinds = {(f["kind"], f["sentence"]) for f in out["findings"]}
    # Sentence 0 is the dateline.
    assert ("office_mismatch", 2) in kinds
    assert ("temporal_inconsistency", 3) in kinds
    assert ("vague_attribution", 4) in kinds
    assert any(kind == "state_media_origin" for kind, _ in kinds)
    for f in out["findings"]:
        assert set(f) >= {"kind", "severity", "confidence", "message", "sentence", "start",
                          "end", "evidence"}
        assert f["evidence"] and 0 < f["confidence"] <= 1
    office = next(f for f in out["findings"] if f["kind"] == "office_mismatch")
    assert "Nawrocki" in office["message"] and "Merz" not in office["message"]
    assert any(e["source"] for e in office["evidence"])
    text = SUSPECT.split("---", 2)[2].strip()
    assert text[office["start"]:office["end"]] in sentences[2]["text"]
    # Correct statements raise nothing: the meeting, the chancellor, the next meeting.
    assert {s for _, s in kinds} <= {0, 2, 3, 4}
    assert not [f for f in out["findings"] if "Merz" in f["message"]]


def test_analyze_terminal_view_and_stored_article(suspect: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    stored = json.loads(run("ingest", str(suspect), "--db", db, "--json").output)["stored"]
    out = analyze_json(stored[0][:8], "--db", db)
    assert out["article"]["id"] == stored[0]
    view = run("analyze", str(suspect))
    assert view.exit_code == 0
    assert "office_mismatch" in view.output and "Findings" in view.output


def test_train_then_analyze_with_the_model(suspect: Path, tmp_path: Path) -> None:
    labelled = tmp_path / "labels.jsonl"
    rows = [("The budget rose by 12 percent to 4.1 billion euros in 2024.", 1),
            ("Police said 14 people were arrested after the protest on Friday.", 1),
            ("The minister claimed unemployment had halved since 2019.", 1),
            ("Exports fell 8 percent in the first quarter, the statistics office said.", 1),
            ("Thank you all for coming this evening.", 0),
            ("It was a lovely day for a walk.", 0),
            ("We will talk about that later.", 0),
            ("Good morning to everyone watching.", 0)]
    lines = [json.dumps({"text": t, "label": y}) for t, y in rows] + ["{broken"]
    labelled.write_text("\n".join(lines) + "\n", encoding="utf-8")
    model = tmp_path / "claims.json"
    result = run("train", str(labelled), "-o", str(model), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["rows"] == 8 and summary["check_worthy"] == 4 and len(summary["skipped"]) == 1
    default = analyze_json(str(suspect))
    trained = analyze_json(str(suspect), "--claim-model", str(model))
    assert [c["score"] for c in trained["claims"]] != [c["score"] for c in default["claims"]]
    empty = tmp_path / "empty.jsonl"
    empty.write_text("{}\n", encoding="utf-8")
    assert run("train", str(empty), "-o", str(tmp_path / "x.json")).exit_code == 2


def test_demo_analyzes_every_article(tmp_path: Path) -> None:
    out = json.loads(run("demo", "--db", str(tmp_path / "d.db"), "--json",
                         "--no-semantic").output)
    role = {a["id"]: (a["role"], a["outlet"]) for a in out["articles"]}
    found = {role[a["id"]]: {f["kind"] for f in a["findings"]} for a in out["analyses"]}
    assert len(found) == len(role)
    assert "state_media_origin" in found[("origin", "TASS")]
    assert "office_mismatch" in found[("copy", "Pinecrest Daily Report")]
    assert "temporal_inconsistency" in found[("copy", "Capital Plains Herald")]
    assert "vague_attribution" in found[("copy", "Riverbend Gazette")]
    assert all(not kinds for (r, _), kinds in found.items() if r in ("unrelated", "related"))


@pytest.mark.skipif(not FIELD.is_dir(), reason="../shared/field is not present")
def test_field_articles_slips_are_found_and_right_statements_pass() -> None:
    first, second = sorted(FIELD.glob("0*.txt"))
    a = analyze_json(str(first))
    b = analyze_json(str(second))

    def flagged(out: dict, kind: str, phrase: str) -> bool:
        sentences = out["article"]["sentences"]
        return any(f["kind"] == kind and phrase in sentences[f["sentence"]]["text"]
                   for f in out["findings"])

    assert flagged(a, "temporal_inconsistency", "weeks after")
    assert flagged(a, "state_media_origin", "TASS")
    assert flagged(a, "vague_attribution", "Investigative reports")
    assert flagged(b, "temporal_inconsistency", "seventh year")
    assert flagged(b, "temporal_inconsistency", "reelected in January 2025")
    assert flagged(b, "vague_attribution", "Investigative reports")
    for out in (a, b):
        assert not [f for f in out["findings"] if f["kind"] == "office_mismatch"]
        meeting = [s["index"] for s in out["article"]["sentences"]
                   if "September 4" in s["text"] and "Elysee" in s["text"]]
        assert meeting and not [f for f in out["findings"] if f["sentence"] in meeting]


def test_analyze_many_in_workers_gives_what_one_process_gives() -> None:
    from datetime import UTC, datetime, timedelta

    from launderlens.claims.analyze import PARALLEL_MIN_ARTICLES, Analyzer
    from launderlens.model import Article

    body = SUSPECT.split("---\n", 2)[2]
    start = datetime(2025, 1, 6, tzinfo=UTC)
    articles = [Article.create(body.replace("12 countries", f"{k} countries"),
                               title=f"Dispatch {k}", outlet="Northfield Wire",
                               published=start + timedelta(days=7 * k))
                for k in range(PARALLEL_MIN_ARTICLES + 6)]
    analyzer = Analyzer(semantic=False)
    here = [a.as_dict() for a in analyzer.analyze_many(articles, workers=0)]
    assert here == [analyzer.analyze(a).as_dict() for a in articles]
    assert [a.as_dict() for a in analyzer.analyze_many(iter(articles), workers=2)] == here
    assert [a.as_dict() for a in analyzer.analyze_many(articles[:3], workers=2)] == here[:3]
