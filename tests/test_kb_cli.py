"""``launderlens kb``: list, show and import, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from launderlens.cli import main


def run(*args: str) -> click.testing.Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args), catch_exceptions=False)


def test_show_answers_who_held_an_office_on_a_date(tmp_path: Path) -> None:
    result = run("kb", "show", "Polish president", "--on", "2025-10-14", "--json",
                 "--kb-dir", str(tmp_path))
    assert result.exit_code == 0
    out = json.loads(result.output)
    assert out["office"]["id"] == "pl.president"
    assert [t["person"] for t in out["holders"]] == ["karol-nawrocki"]
    assert all(t["sources"] for t in out["holders"])
    before = json.loads(run("kb", "show", "pl.president", "--on", "2025-08-01", "--json",
                            "--kb-dir", str(tmp_path)).output)
    assert [t["person"] for t in before["holders"]] == ["andrzej-duda"]


def test_show_outlet_by_domain_and_unknown_name(tmp_path: Path) -> None:
    out = json.loads(run("kb", "show", "https://tass.com/politics/1", "--json",
                         "--kb-dir", str(tmp_path)).output)
    assert out["outlet"]["state_affiliation"] == "state_media"
    missing = run("kb", "show", "Nobody Atall", "--kb-dir", str(tmp_path))
    assert missing.exit_code == 1 and "nothing on" in missing.output


def test_list_is_dated_and_sourced(tmp_path: Path) -> None:
    out = json.loads(run("kb", "list", "--kind", "events", "--json",
                         "--kb-dir", str(tmp_path)).output)
    assert out["as_of"] and out["records"]
    assert all(r["sources"] for r in out["records"])


def test_import_csv_extends_the_kb_and_a_bad_file_is_not_kept(tmp_path: Path) -> None:
    kb_dir = tmp_path / "kb"
    good = tmp_path / "events.csv"
    good.write_text("id,name,date,kind,source\n"
                    "harbour-summit-2024,Harbour Summit,2024-05-02,summit,"
                    "https://example.org/harbour-summit\n", encoding="utf-8")
    result = run("kb", "import", str(good), "--kb-dir", str(kb_dir), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["valid"] and summary["records"] == 1 and Path(summary["written"]).is_file()
    shown = json.loads(run("kb", "show", "Harbour Summit", "--json",
                           "--kb-dir", str(kb_dir)).output)
    assert shown["event"]["date"] == "2024-05-02"
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,date,kind,source\nx-1,Broken,2024-13-40,summit,"
                   "https://example.org/x\n", encoding="utf-8")
    rejected = run("kb", "import", str(bad), "--kb-dir", str(kb_dir), "--json")
    assert rejected.exit_code == 1
    assert not (kb_dir / "bad.yaml").exists()
