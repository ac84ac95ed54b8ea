"""``launderlens narratives`` and the known-narrative findings of ``analyze``, run as a user
would, on catalogues and articles written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from launderlens.cli import main

CATALOGUE = [
    {"id": "harbour-poison", "claim": "The harbour authority poisoned the bay to sell the "
     "fishing rights to a foreign company.", "rating": "False", "publisher": "Bay Checkers",
     "urls": ["https://baycheck.example/poison"], "summary": "Water tests found no toxin."},
    {"id": "mayor-ballots", "claim": "The mayor burned thousands of ballots in the town hall "
     "basement.", "rating": "Misleading", "urls": ["https://baycheck.example/ballots"]},
]
ARTICLE = (
    "Ferry services resumed on Monday after the storm. "
    "Investigative reports allege that the harbour authority secretly poisoned the bay so "
    "that fishing rights could be sold to a foreign company. "
    "The council meets again next week.\n")


def run(*args: str) -> click.testing.Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args), catch_exceptions=False)


def write_catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "catalogue.jsonl"
    lines = [json.dumps(r) for r in CATALOGUE]
    lines.insert(1, '{"id": "broken"}')  # no claim: reported, the rest imported
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_reports_bad_records_and_imports_the_rest(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    result = run("narratives", "import", str(write_catalogue(tmp_path)), "--format", "jsonl",
                 "--no-semantic", "--no-starter", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["added"] == 2 and summary["catalogue_size"] == 2
    assert [p["position"] for p in summary["problems"]] == ["line 2"]
    again = json.loads(run("narratives", "import", str(write_catalogue(tmp_path)), "--format",
                           "jsonl", "--no-semantic", "--no-starter", "--db", db,
                           "--json").output)
    assert again["added"] == 0 and again["unchanged"] == 2


def test_import_refuses_a_record_with_a_lone_surrogate_and_keeps_the_rest(tmp_path: Path
                                                                           ) -> None:
    # "\ud800" written by hand: valid JSON, but no character; it used to crash the import
    # and lose the batch.
    lines = [json.dumps(CATALOGUE[0]), '{"id": "lone", "claim": "Bad \\ud800 claim"}',
             json.dumps(CATALOGUE[1])]
    path = tmp_path / "lone.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "n.db")
    result = run("narratives", "import", str(path), "--format", "jsonl", "--no-semantic",
                 "--no-starter", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["added"] == 2 and summary["catalogue_size"] == 2
    assert [p["position"] for p in summary["problems"]] == ["line 2"]
    assert "surrogate" in summary["problems"][0]["reason"]
    table = run("narratives", "import", str(path), "--format", "jsonl", "--no-semantic",
                "--no-starter", "--db", db)
    assert table.exit_code == 0 and "1 bad" in table.output and "line 2:" in table.output


def test_list_shows_the_starter_catalogue_and_filters_by_origin(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    listed = json.loads(run("narratives", "list", "--origin", "starter", "--limit", "100",
                            "--db", db, "--json").output)
    assert listed["total"] >= 40 and len(listed["records"]) >= 40
    assert all(r["origin"] == "starter" and r["urls"] for r in listed["records"])
    table = run("narratives", "list", "--limit", "3", "--db", db)
    assert table.exit_code == 0 and "Narratives (3 of" in table.output


def test_search_finds_a_paraphrase_with_its_debunk(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    run("narratives", "import", str(write_catalogue(tmp_path)), "--format", "jsonl",
        "--no-semantic", "--no-starter", "--db", db)
    result = run("narratives", "search", "they poisoned the bay to sell fishing rights abroad",
                 "--no-semantic", "--no-starter", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    top = out["results"][0]
    assert top["record"] == "harbour-poison" and top["urls"] == ["https://baycheck.example/poison"]
    assert top["retriever"] == "bm25" and 0 <= top["score"] <= 1


def test_batch_search_answers_one_line_per_query(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    run("narratives", "import", str(write_catalogue(tmp_path)), "--format", "jsonl",
        "--no-semantic", "--no-starter", "--db", db)
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": "a", "text": "ballots burned in the basement by the mayor"}\n'
                       'not json\n'
                       '{"id": "b", "text": "bay poisoned for fishing rights"}\n',
                       encoding="utf-8")
    result = run("narratives", "search", "--queries", str(queries), "--top", "2",
                 "--no-semantic", "--no-starter", "--db", db, "--json")
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert result.exit_code == 1  # one bad line
    assert lines[0]["id"] == "a" and lines[0]["results"][0]["record"] == "mayor-ballots"
    assert "error" in lines[1]
    assert lines[2]["id"] == "b" and lines[2]["results"][0]["record"] == "harbour-poison"
    assert all(set(r) == {"record", "score"} for line in lines[::2] for r in line["results"])


def test_search_needs_text_or_queries(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["narratives", "search", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "either TEXT or --queries" in result.output


def test_analyze_reports_a_known_narrative_with_its_debunk(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    run("narratives", "import", str(write_catalogue(tmp_path)), "--format", "jsonl",
        "--no-semantic", "--db", db)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = json.loads(run("analyze", str(article), "--db", db, "--json").output)
    known = [f for f in out["findings"] if f["kind"] == "known_narrative"]
    assert len(known) == 1
    sentence = out["article"]["sentences"][known[0]["sentence"]]
    assert "poisoned the bay" in sentence["text"]
    assert known[0]["evidence"][0]["source"] == "https://baycheck.example/poison"
    assert "Water tests found no toxin" in known[0]["evidence"][0]["text"]
    plain = json.loads(run("analyze", str(article), "--db", db, "--json",
                           "--no-narratives").output)
    assert not [f for f in plain["findings"] if f["kind"] == "known_narrative"]


def test_every_narratives_command_has_help() -> None:
    for command in ("import", "list", "search"):
        result = run("narratives", command, "--help")
        assert result.exit_code == 0 and len(result.output) > 200
