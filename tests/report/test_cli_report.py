"""``launderlens report`` run as a user would: by article id, story id, file; in every
format, to standard output or a file."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from launderlens.cli.report import export, report
from launderlens.store import open_store

# The lead registers these on the main group; a bare group runs them the same way here.
CLI = click.Group("launderlens", commands={"report": report, "export": export})

ARTICLE = """---
outlet: Northfield Wire
published: 2025-10-14T12:00:00+00:00
title: Ministers meet in Warsaw <b>on air defence</b>
---
Defence ministers from 12 countries met in Warsaw on Tuesday.

Investigative reports allege that officials siphoned aid money through shell companies.
"""


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "200", **(env or {})}).invoke(
        CLI, list(args), catch_exceptions=False)


def ids(db: str) -> tuple[str, str, str]:
    """A copy's id, the origin's id and the story id of the demo's largest story."""
    with open_store(db) as store:
        story = store.list_stories(min_size=2)[0]
    copy = next(m for m in story.members if m != story.origin)
    return copy, story.origin, story.id


def test_every_command_has_help() -> None:
    for name, command in CLI.commands.items():
        assert command.help and len(command.help) > 40, name
        result = run(name, "--help")
        assert result.exit_code == 0 and "--db" in result.output


def test_report_markdown_by_id_prefix(demo_db: str) -> None:
    copy, _, story_id = ids(demo_db)
    result = run("report", copy[:8], "--db", demo_db, "--no-semantic")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ")
    assert "## Why it matters" in result.stdout
    assert f"## Story {story_id}" in result.stdout
    assert "| origin | relation | copy |" in result.stdout


def test_report_json_has_the_story_context(demo_db: str) -> None:
    copy, origin, story_id = ids(demo_db)
    result = run("report", copy, "--db", demo_db, "--no-semantic", "--format", "json")
    assert result.exit_code == 0, result.output
    built = json.loads(result.stdout)
    assert built["kind"] == "article" and built["article"]["id"] == copy
    assert built["story"]["id"] == story_id and built["story"]["role"] == "copy"
    assert built["summary"]["origin"]["id"] == origin
    assert built["provenance"]["backends"]["store"] == "sqlite"
    assert built["provenance"]["backends"]["alignment"] == "lexical"
    jsonschema = pytest.importorskip("jsonschema")
    from launderlens.report import load_schema

    jsonschema.validate(built, load_schema())


def test_report_html_to_a_file(demo_db: str, tmp_path: Path) -> None:
    copy, _, _ = ids(demo_db)
    target = tmp_path / "report.html"
    result = run("report", copy, "--db", demo_db, "--no-semantic", "-o", str(target), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"format": "html", "kind": "article",
                                         "path": str(target)}
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page


@pytest.mark.parametrize("story_flag", [True, False])
def test_report_story(demo_db: str, story_flag: bool) -> None:
    copy, origin, story_id = ids(demo_db)
    ref = ["--story", origin] if story_flag else [story_id]
    result = run("report", *ref, "--db", demo_db, "--no-semantic", "--json")
    assert result.exit_code == 0, result.output
    built = json.loads(result.stdout)
    assert built["kind"] == "story" and built["story"]["id"] == story_id
    assert copy in {c["article"]["id"] for c in built["copies"]}
    # the network section names every outlet of the story, networked or not
    outlets = {o["name"] for o in built["network"]["outlets"]}
    assert len(outlets) >= 2 and built["network"]["summary"]


def test_report_of_a_file_is_not_stored(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "catalogue.db"  # opened for the narrative catalogue only
    result = run("report", str(path), "--format", "md", "--db", str(db), "--no-semantic")
    assert result.exit_code == 0, result.output
    assert "Ministers meet in Warsaw \\<b\\>on air defence\\</b\\>" in result.stdout
    assert "Reported on its own" in result.stdout
    with open_store(str(db)) as store:
        assert store.count_articles() == 0 and store.count_narratives() > 0


def test_report_unknown_id_fails(demo_db: str) -> None:
    result = run("report", "ffff0000", "--db", demo_db)
    assert result.exit_code == 1
    assert "no article or story" in result.output
    result = run("report", "--story", "ffff0000", "--db", demo_db)
    assert result.exit_code == 1 and "no story" in result.output
