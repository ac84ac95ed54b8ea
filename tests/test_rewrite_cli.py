"""The rewrite-detection commands: compare, compare --pairs, cluster, stories, story, and the
demo's story, run as a user would, with their JSON contracts."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from launderlens.cli import main
from launderlens.rewrites.similarity import semantic_available

ROOT = Path(__file__).resolve().parents[1]
FIELD = ROOT.parent / "shared" / "field"

SOURCE = """---
outlet: Harbour Wire
published: 2025-03-02T09:00:00+00:00
title: Ferry strike ends after two days
---
Dock workers in Port Alder ended a two-day strike on Sunday after the ferry operator agreed \
to a 6 percent pay rise, union leader Mira Holt told Harbour Wire.

Ferries to the three outer islands will run on the normal timetable from Monday morning.

The operator said about 4,000 passengers had been stranded during the stoppage.
"""

COPY = """---
outlet: Island Daily Voice
published: 2025-03-02T15:00:00+00:00
title: Port Alder ferries back after strike
---
The ferry operator agreed to a 9 percent pay rise on Sunday, ending the two-day dock strike \
in Port Alder, union leader Mira Holt said.

Ferries to the three outer islands will run on the normal timetable from Monday morning.

Critics say the union was secretly funded by foreign agents who want to cripple the islands.
"""

UNRELATED = """---
outlet: Hill Post
published: 2025-03-05T10:00:00+00:00
title: School choir wins regional contest
---
The Ridgefield school choir won the regional singing contest in Marlow on Friday.

Its 40 members performed three songs, including a piece written by their teacher.
"""


def run(*args: str) -> click.testing.Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args), catch_exceptions=False)


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("source", SOURCE), ("copy", COPY), ("unrelated", UNRELATED)):
        out[name] = tmp_path / f"{name}.txt"
        out[name].write_text(text, encoding="utf-8")
    return out


def compare_json(*args: str) -> dict:
    result = run("compare", *args, "--json", "--no-semantic")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_compare_json_contract(files: dict[str, Path], tmp_path: Path) -> None:
    out = compare_json(str(files["source"]), str(files["copy"]), "--db", str(tmp_path / "x.db"))
    for side in ("a", "b"):
        assert set(out[side]) >= {"id", "title", "outlet", "sentences"}
        for s in out[side]["sentences"]:
            assert set(s) == {"index", "text", "start", "end"}
    assert out["a"]["outlet"] == "Harbour Wire" and len(out["b"]["sentences"]) == 3
    assert isinstance(out["similarity"], float) and out["same_story"] is True
    relations = {p["relation"] for p in out["pairs"]}
    assert relations <= {"copied", "paraphrased", "partial"}
    # The unchanged timetable sentence is copied; the accusation is the copy's addition.
    assert {"a": [1], "b": [1], "relation": "copied", "score": 1.0} in [
        {**p, "score": round(p["score"], 2)} for p in out["pairs"]]
    assert out["added"] == [2]
    assert out["dropped"] == [2]
    kinds = {(c["kind"], c["a_text"], c["b_text"]) for c in out["changes"]}
    assert any(kind == "number" and "6" in a and "9" in b for kind, a, b in kinds)
    assert all(set(c) == {"a", "b", "kind", "a_text", "b_text"} for c in out["changes"])


def test_compare_tells_another_story_apart(files: dict[str, Path]) -> None:
    out = compare_json(str(files["source"]), str(files["unrelated"]))
    assert out["same_story"] is False
    assert out["pairs"] == [] and out["added"] == [0, 1]


def test_compare_stored_ids_and_terminal_view(files: dict[str, Path], tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    stored = json.loads(run("ingest", str(files["source"]), str(files["copy"]), "--db", db,
                            "--json").output)["stored"]
    out = compare_json(stored[0][:8], stored[1], "--db", db)
    assert {out["a"]["id"], out["b"]["id"]} == set(stored)
    view = run("compare", str(files["source"]), str(files["copy"]), "--no-semantic")
    assert view.exit_code == 0
    assert "added" in view.output and "copied" in view.output and "secretly funded" in view.output


def test_compare_usage_and_missing_article(files: dict[str, Path], tmp_path: Path) -> None:
    assert run("compare", str(files["source"])).exit_code == 2
    missing = run("compare", str(files["source"]), "abcdef12", "--db", str(tmp_path / "e.db"))
    assert missing.exit_code == 1 and "no article" in missing.output


def test_compare_pairs_batch_goes_on_after_a_bad_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "p1", "a": {"text": SOURCE.split("---")[2], "title": "Strike"},
                    "b": {"text": COPY.split("---")[2]}}),
        "{not json",
        json.dumps({"id": "p3", "a": {"text": "One sentence here."}, "b": {"title": "no text"}}),
        json.dumps({"id": "p4", "a": {"text": "Rain fell on Monday."},
                    "b": {"text": "Rain fell on Monday."}}),
    ]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("compare", "--pairs", str(pairs), "--json", "--no-semantic")
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in rows] == ["p1", None, "p3", "p4"]
    assert rows[0]["same_story"] is True and rows[0]["added"] == [2]
    assert "error" in rows[1] and rows[1]["line"] == 2
    assert "error" in rows[2] and rows[2]["line"] == 3
    assert rows[3]["pairs"][0]["relation"] == "copied"


def test_cluster_stories_and_story(files: dict[str, Path], tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    ids = json.loads(run("ingest", *map(str, files.values()), "--db", db, "--json").output)
    assert len(ids["stored"]) == 3
    assert json.loads(run("stories", "--db", db, "--json").output) == []
    clustered = run("cluster", "--db", db, "--json", "--no-semantic")
    assert clustered.exit_code == 0
    stories = json.loads(clustered.output)["stories"]
    assert all(set(s) >= {"id", "articles", "origin", "origin_reason"} for s in stories)
    big = [s for s in stories if len(s["articles"]) > 1]
    assert len(big) == 1 and len(big[0]["articles"]) == 2
    source_id = [i for i in ids["stored"] if i in big[0]["articles"]]
    assert big[0]["origin"] in source_id
    listed = json.loads(run("stories", "--db", db, "--json").output)
    assert [s["id"] for s in listed] == [big[0]["id"]]
    story = json.loads(run("story", big[0]["id"][:6], "--db", db, "--json",
                           "--no-semantic").output)
    roles = [m["role"] for m in story["members"]]
    assert roles == ["origin", "copy"]  # time order: the wire came first
    copy = story["members"][1]
    assert copy["added"][0]["text"].startswith("Critics say")
    assert any(c["kind"] == "number" for c in copy["changes"])
    by_article = json.loads(run("story", copy["id"], "--db", db, "--json",
                                "--no-semantic").output)
    assert by_article["id"] == story["id"]
    assert run("story", "ffffffff", "--db", db).exit_code == 1


def test_demo_clusters_its_story_and_shows_each_copy(tmp_path: Path) -> None:
    result = run("demo", "--db", str(tmp_path / "demo.db"), "--json", "--no-semantic")
    assert result.exit_code == 0
    out = json.loads(result.output)
    role = {a["id"]: a["role"] for a in out["articles"]}
    laundered = {i for i, r in role.items() if r in ("origin", "copy")}
    related = {i for i, r in role.items() if r == "related"}
    stories = [set(s["articles"]) for s in out["stories"]]
    assert laundered in stories and related in stories
    story = out["story"]
    assert role[story["origin"]] == "origin"
    copies = [m for m in story["members"] if m["role"] == "copy"]
    assert len(copies) == 4 and all(m["added"] for m in copies)
    added = " ".join(a["text"] for m in copies for a in m["added"])
    assert "Investigative reports" in added or "investigative reports" in added


@pytest.mark.skipif(not FIELD.is_dir(), reason="../shared/field is not present")
@pytest.mark.skipif(not semantic_available(), reason="semantic backend not installed")
def test_field_pair_aligns_what_a_reader_would_pair() -> None:
    a, b = sorted(FIELD.glob("0*.txt"))
    result = run("compare", str(a), str(b), "--json", "--semantic")
    assert result.exit_code == 0
    out = json.loads(result.output)
    sa, sb = out["a"]["sentences"], out["b"]["sentences"]

    def where(sentences: list[dict], word: str) -> set[int]:
        return {s["index"] for s in sentences if word in s["text"]}

    paired = {(i, j) for p in out["pairs"] for i in p["a"] for j in p["b"]}
    # The meeting at the Elysee Palace is retold in both; so is the remark on European
    # arms production, which the copy reports as calling it weak.
    assert paired & {(i, j) for i in where(sa, "Elysee") for j in where(sb, "Elysee")}
    arms = where(sa, "weapon") | where(sa, "arms")
    assert paired & {(i, j) for i in arms for j in where(sb, "weak")}
    assert out["same_story"] is True
    # The first names TASS as its source; the copy drops the name.
    assert any(c["kind"] == "attribution" and "TASS" in c["a_text"] for c in out["changes"])
    # The copy's own commentary is added; so is its factual slip about the war's length,
    # which nothing in the first article says. Most of the copy still retells the first.
    assert where(sb, "seventh year") <= set(out["added"])
    assert 0 < len(out["added"]) <= len(sb) // 2
    verdicts = {v["b"]: v for v in out["verdicts"]}
    assert [v["b"] for v in out["verdicts"]] == list(range(len(sb)))
    assert all(verdicts[j]["verdict"] == "added" for j in out["added"])
