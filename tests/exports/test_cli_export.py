"""``launderlens export`` run as a user would, in every format."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from launderlens.cli.report import export
from launderlens.store import open_store

CLI = click.Group("launderlens", commands={"export": export})


def run(*args: str) -> Result:
    return CliRunner().invoke(CLI, ["export", *args], catch_exceptions=False)


def stored(db: str) -> list[dict]:
    with open_store(db) as store:
        return [a.as_dict() for a in store.iter_articles()]


def test_jsonl_to_stdout_is_every_article(demo_db: str) -> None:
    result = run("--db", demo_db)
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.stdout.splitlines()] == stored(demo_db)
    assert result.stderr == ""


def test_jsonl_to_a_file(demo_db: str, tmp_path: Path) -> None:
    target = tmp_path / "all.jsonl"
    result = run("--format", "jsonl", "--db", demo_db, "-o", str(target), "--json")
    assert result.exit_code == 0
    count = len(stored(demo_db))
    assert json.loads(result.stdout) == {"format": "jsonl", "exported": count,
                                         "path": str(target)}
    assert len(target.read_text(encoding="utf-8").splitlines()) == count
    result = run("--db", demo_db, "-o", str(target))
    assert f"exported {count} articles to {target}" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "claimreview", "stix"])
def test_analysed_formats_to_a_file(demo_db: str, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    result = run("--format", fmt, "--db", demo_db, "--no-semantic", "-o", str(target),
                 "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["format"] == fmt and summary["failed"] == []
    assert summary["articles"] == len(stored(demo_db)) and summary["exported"] > 0
    text = target.read_text(encoding="utf-8")
    if fmt == "csv":
        with target.open(encoding="utf-8", newline="") as stream:
            assert len(list(csv.DictReader(stream))) == summary["exported"]
    elif fmt == "claimreview":
        assert len(json.loads(text)) == summary["exported"]
    else:
        assert json.loads(text)["type"] == "bundle"


def test_csv_to_stdout_with_a_summary_on_stderr(demo_db: str) -> None:
    result = run("--format", "csv", "--db", demo_db)
    assert result.exit_code == 0
    assert result.stdout.startswith("article_id,outlet,url,published,kind")
    assert "exported" in result.stderr and "csv records" in result.stderr
