"""Every CLI command, run as a user would, with its JSON contract and exit status."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from launderlens.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIELD = ROOT.parent / "shared" / "field"

ARTICLE = """---
outlet: Valley Courier
url: https://valleycourier.example/a/1
published: 2025-10-15T10:00:00+00:00
title: Library extends opening hours
section: Local
---
The city library will stay open until 9 p.m. on weekdays from next month.

Dr. Ana Ruiz, the head librarian, said the U.S. grant of $1.5 million made it possible.
"""

OTHER = """---
outlet: Hill Post
published: 2025-09-01
title: Bridge repairs finished early
---
Repairs to the old stone bridge finished two weeks ahead of schedule.
"""


def run(*args: str) -> click.testing.Result:
    # A wide terminal, so that table cells are not folded across lines.
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args), catch_exceptions=False)


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.db")


@pytest.fixture()
def files(tmp_path: Path) -> list[Path]:
    a = tmp_path / "a.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(OTHER, encoding="utf-8")
    return [a, b]


#: Commands that never open the article store.
NO_STORE = {"train"}
#: Commands that print no result to script against: `serve` runs until stopped.
NO_JSON = {"serve"}


def test_every_command_has_help() -> None:
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert command.help, f"{name} has no help text"
        result = run(name, "--help")
        assert result.exit_code == 0
        if isinstance(command, click.Group):  # `kb` reads the KB, not the article store
            for sub in command.commands:
                sub_help = run(name, sub, "--help")
                assert sub_help.exit_code == 0 and "--json" in sub_help.output
            continue
        assert name in NO_JSON or "--json" in result.output
        assert name in NO_STORE or "--db" in result.output


def test_ingest_json_contract_and_idempotence(db: str, files: list[Path]) -> None:
    first = run("ingest", *map(str, files), "--db", db, "--json")
    assert first.exit_code == 0
    out = json.loads(first.output)
    assert set(out) == {"stored", "duplicates", "rejected"}
    assert len(out["stored"]) == 2 and out["duplicates"] == [] and out["rejected"] == []
    again = json.loads(run("ingest", *map(str, files), "--db", db, "--json").output)
    assert again["stored"] == [] and sorted(again["duplicates"]) == sorted(out["stored"])


def test_ingest_exit_status_one_when_something_is_rejected(db: str, files: list[Path],
                                                           tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("ingest", str(files[0]), str(empty), "--db", db, "--json")
    assert result.exit_code == 1
    out = json.loads(result.output)
    assert len(out["stored"]) == 1
    assert out["rejected"][0]["item"] == str(empty)
    assert out["rejected"][0]["reason"]
    listed = json.loads(run("rejections", "--db", db, "--json").output)
    assert listed[0]["item"] == str(empty)


def test_usage_errors_exit_two(db: str, files: list[Path]) -> None:
    assert run("ingest", "--db", db).exit_code == 2
    assert run("ingest", str(files[0]), "--format", "pdf", "--db", db).exit_code == 2
    assert run("ingest", str(files[0]), "--map", "txt=body", "--db", db).exit_code == 2
    assert run("articles", "--since", "yesterday", "--db", db).exit_code == 2
    assert run("articles", "--db", "mysql://x/y").exit_code == 2


def test_articles_lists_and_filters(db: str, files: list[Path]) -> None:
    run("ingest", *map(str, files), "--db", db)
    rows = json.loads(run("articles", "--db", db, "--json").output)
    assert [r["title"] for r in rows] == ["Library extends opening hours",
                                          "Bridge repairs finished early"]
    assert set(rows[0]) == {"id", "title", "outlet", "section", "published", "url", "language"}
    assert rows[0]["section"] == "Local"
    by_outlet = json.loads(run("articles", "--outlet", "hill post", "--db", db, "--json").output)
    assert [r["outlet"] for r in by_outlet] == ["Hill Post"]
    recent = json.loads(run("articles", "--since", "2025-10-01", "--db", db, "--json").output)
    assert [r["title"] for r in recent] == ["Library extends opening hours"]
    table = run("articles", "--db", db)
    assert table.exit_code == 0 and "Library extends" in table.output


def test_show_prints_every_field_and_exact_sentence_offsets(db: str, files: list[Path]) -> None:
    stored = json.loads(run("ingest", str(files[0]), "--db", db, "--json").output)["stored"]
    result = run("show", stored[0][:8], "--db", db, "--json")
    assert result.exit_code == 0
    shown = json.loads(result.output)
    for key in ("id", "url", "outlet", "domain", "section", "title", "byline", "published",
                "language", "source_format", "meta", "text", "sentences"):
        assert key in shown
    assert shown["id"] == stored[0]
    assert len(shown["sentences"]) == 2
    for s in shown["sentences"]:
        assert shown["text"][s["start"]:s["end"]] == s["text"]
    assert shown["sentences"][1]["text"].startswith("Dr. Ana Ruiz")
    assert run("show", "ffffffffff", "--db", db).exit_code == 1


def test_export_jsonl_round_trips(db: str, files: list[Path], tmp_path: Path) -> None:
    ids = json.loads(run("ingest", *map(str, files), "--db", db, "--json").output)["stored"]
    out = tmp_path / "export.jsonl"
    result = run("export", "--format", "jsonl", "-o", str(out), "--db", db, "--json")
    assert json.loads(result.output)["exported"] == 2
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(line["id"] for line in lines) == sorted(ids)
    other_db = str(tmp_path / "other.db")
    again = json.loads(run("ingest", str(out), "--db", other_db, "--json").output)
    assert sorted(again["stored"]) == sorted(ids)


def test_terminal_output_does_not_interpret_markup(db: str, tmp_path: Path) -> None:
    hostile = tmp_path / "h.txt"
    hostile.write_text("---\ntitle: '[bold red]pwned[/bold red] [link=http://x]x[/link]'\n---\n"
                       "A sentence of text.\n", encoding="utf-8")
    run("ingest", str(hostile), "--db", db)
    assert "[bold red]pwned[/bold red]" in run("articles", "--db", db).output


def test_demo_ingests_the_corpus(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    result = run("demo", "--db", db, "--json")
    assert result.exit_code == 0
    out = json.loads(result.output)
    roles = [a["role"] for a in out["articles"]]
    assert roles.count("origin") == 1 and roles.count("copy") >= 3
    assert len(out["articles"]) >= 9
    again = json.loads(run("demo", "--db", db, "--json").output)
    assert again["ingest"]["stored"] == []


def test_demo_shows_narrative_matches_and_writes_the_story_report(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    out = json.loads(run("demo", "--db", db, "--json", "--no-semantic").output)
    roles = {a["id"]: a["role"] for a in out["articles"]}
    known = out["known_narratives"]
    assert known and all(roles[k["id"]] == "copy" for k in known)  # the origin retells none
    assert all(k["evidence"][0]["source"].startswith("https://") for k in known)
    report = Path(out["report"])
    assert report == tmp_path / "launderlens-demo-story.html" and report.is_file()
    html = report.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "<script" not in html
    shown = run("demo", "--db", db, "--no-semantic")
    assert "Known narratives retold" in shown.output and "launderlens serve" in shown.output


def test_field_articles_ingest(tmp_path: Path) -> None:
    if not FIELD.is_dir():
        pytest.skip("../shared/field is not present")
    db = str(tmp_path / "field.db")
    out = json.loads(run("ingest", str(FIELD), "--db", db, "--json").output)
    assert len(out["stored"]) == 2 and out["rejected"] == []
    rows = json.loads(run("articles", "--db", db, "--json").output)
    first = [r for r in rows if r["outlet"]]
    assert len(first) == 1
    assert first[0]["outlet"] == "Miami News, KMIA"
    assert first[0]["section"] == "World News"
    assert first[0]["title"].startswith("Italy Refuses Troop Deployment")
