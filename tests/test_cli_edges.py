"""The CLI against hostile text and at its edges: control characters from articles and
file names are shown, never obeyed, in every command that prints them; ``-`` reads
standard input and ``-o -`` writes standard output; ``-v``/``--log-level`` show the log;
Ctrl-C under ``--json`` still prints what was committed."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from launderlens.cli import main
from launderlens.cli.common import visible

#: What an attacker puts in an outlet name or title: clear the screen, set the window
#: title (OSC ... BEL), blink, a C1 CSI, a right-to-left override and a bidi isolate.
HOSTILE = "\x1b[2J\x1b]0;owned\x07\x1b[5mblink\x9b31m\u202eevil\u2066x\u2069\x7f"
#: What may never reach the terminal raw.
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\u2069", "\x7f")


def run(*args: str, stdin: str | bytes | None = None) -> click.testing.Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args), input=stdin,
                                                     catch_exceptions=False)


def assert_shown_not_obeyed(output: str) -> None:
    for char in RAW:
        assert char not in output, f"{char!r} reached the terminal"
    assert "\\x1b[2J" in output  # shown, so the analyst sees the attempt


def hostile_article(tmp_path: Path, name: str = "h.jsonl", outlet: str = "Courier",
                    published: str = "2025-10-15", extra: str = "") -> Path:
    """One article whose every printed field carries :data:`HOSTILE` (JSON Lines, since
    YAML front matter cannot hold control characters)."""
    path = tmp_path / name
    record = {"outlet": f"{outlet} {HOSTILE}", "title": f"Bridge {HOSTILE} [bold]x[/bold]",
              "published": published, "url": f"https://{outlet.lower()}.example/bridge",
              "text": f"The bridge reopened on Monday {HOSTILE}. The mayor said it cost "
                      f"$3 million to repair the old stone bridge.{extra}"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def test_visible_escapes_every_control_and_keeps_layout() -> None:
    assert visible("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert visible("\x00\x7f\x85\x9b\u202a\u202e\u2066\u2069") == (
        "\\x00\\x7f\\x85\\x9b\\u202a\\u202e\\u2066\\u2069")
    assert visible("a\tb\nc\rd") == "a\tb\nc\\x0dd"  # CR would overwrite the line
    assert visible("a\tb\n", layout=False) == "a\\x09b\\x0a"
    assert visible(visible(HOSTILE)) == visible(HOSTILE)
    assert visible("Zürich \u05e9\u05dc\u05d5\u05dd \u4e2d\u6587 \u2014 \U0001f600") == (
        "Zürich \u05e9\u05dc\u05d5\u05dd \u4e2d\u6587 \u2014 \U0001f600")  # text is untouched


def test_tables_show_controls_from_articles(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    path = hostile_article(tmp_path)
    stored = json.loads(run("ingest", str(path), "--db", db, "--json").output)["stored"]
    assert stored
    listed = run("articles", "--db", db)
    assert_shown_not_obeyed(listed.output)
    assert "[bold]x[/bold]" in listed.output  # markup in data prints literally
    assert_shown_not_obeyed(run("show", stored[0], "--db", db).output)
    assert_shown_not_obeyed(run("analyze", stored[0], "--db", db, "--no-semantic").output)
    assert_shown_not_obeyed(run("analyze", str(path), "--no-semantic").output)


def test_compare_and_story_show_controls(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    a = hostile_article(tmp_path, "a.jsonl")
    b = hostile_article(tmp_path, "b.jsonl", outlet="Herald", published="2025-10-16",
                        extra=f" Officials added a claim {HOSTILE}.")
    assert_shown_not_obeyed(run("compare", str(a), str(b), "--no-semantic").output)
    run("ingest", str(a), str(b), "--db", db)
    run("cluster", "--db", db, "--no-semantic")
    assert_shown_not_obeyed(run("stories", "--db", db).output)


def test_file_names_and_reasons_are_shown_in_rejections(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"empty{HOSTILE.replace('/', '')}.txt").write_text("")
    ingested = run("ingest", str(folder), "--db", db)
    assert ingested.exit_code == 1
    assert_shown_not_obeyed(ingested.output)
    assert_shown_not_obeyed(run("rejections", "--db", db).output)


def test_errors_naming_a_file_show_its_controls(tmp_path: Path) -> None:
    empty = tmp_path / f"empty{HOSTILE.replace('/', '')}.txt"
    empty.write_text("")
    result = run("analyze", str(empty), "--no-semantic")
    assert result.exit_code == 1
    assert_shown_not_obeyed(result.output)


def test_json_output_escapes_c1_and_bidi_and_round_trips(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    run("ingest", str(hostile_article(tmp_path)), "--db", db)
    result = run("articles", "--db", db, "--json")
    for char in RAW:
        assert char not in result.output
    assert HOSTILE in json.loads(result.output)[0]["title"]  # the data itself is intact


ARTICLE = ("---\noutlet: Valley Courier\ntitle: Library extends opening hours\n"
           "published: 2025-10-15\n---\nThe city library will stay open until 9 p.m. on "
           "weekdays from next month. Dr. Ana Ruiz said a grant of $1.5 million paid for it.\n")


def test_analyze_and_compare_read_standard_input(tmp_path: Path) -> None:
    from_stdin = json.loads(run("analyze", "-", "--json", "--no-semantic", stdin=ARTICLE).output)
    copy = tmp_path / "copy.txt"
    copy.write_text(ARTICLE, encoding="utf-8")
    from_file = json.loads(run("analyze", str(copy), "--json", "--no-semantic").output)
    assert from_stdin["article"]["id"] == from_file["article"]["id"]  # the same content
    assert from_stdin["article"]["title"] == "Library extends opening hours"
    compared = run("compare", "-", str(copy), "--json", "--no-semantic", stdin=ARTICLE)
    assert compared.exit_code == 0, compared.output
    assert json.loads(compared.output)["similarity"] > 0.99


def test_standard_input_can_be_named_once(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compare", "-", "-", "--no-semantic"], input=ARTICLE)
    assert result.exit_code == 2
    assert "standard input ('-') can be named once" in result.output


def test_export_and_report_write_standard_output_for_dash(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "t.db")
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    stored = json.loads(run("ingest", str(source), "--db", db, "--json").output)["stored"]
    exported = run("export", "--format", "jsonl", "-o", "-", "--db", db)
    assert exported.exit_code == 0
    assert json.loads(exported.stdout.splitlines()[0])["id"] == stored[0]
    reported = run("report", stored[0], "--format", "md", "-o", "-", "--db", db,
                   "--no-semantic")
    assert reported.exit_code == 0 and "Library extends opening hours" in reported.stdout
    assert not (tmp_path / "-").exists()


def test_verbose_and_log_level_show_logged_rejections(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    quiet = run("ingest", str(empty), "--db", db, "--json")
    assert "rejected" not in quiet.stderr.lower()
    loud = run("-v", "ingest", str(empty), "--db", db, "--json")
    assert "INFO launderlens.ingest: rejected" in loud.stderr
    assert "empty.txt" in loud.stderr
    assert json.loads(loud.stdout)["rejected"]  # the log never mixes into the JSON
    by_name = run("--log-level", "info", "ingest", str(empty), "--db", db, "--json")
    assert "INFO launderlens.ingest: rejected" in by_name.stderr
    assert run("--log-level", "chatty", "articles", "--db", db).exit_code == 2
    # The run left the process's logging as it found it.
    assert not any(getattr(h, "stream", None) for h in logging.getLogger("launderlens").handlers)


def test_ctrl_c_under_json_prints_what_was_committed(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import launderlens.ingest as ingest_module

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(f"Story {i} tells of a bridge opening in town {i}.\n",
                                         encoding="utf-8")
    real = ingest_module._read_here
    seen: list[Any] = []

    def interrupted_on_the_fourth(source: Any, *args: Any) -> Any:
        seen.append(source)
        if len(seen) == 4:
            raise KeyboardInterrupt
        return real(source, *args)

    monkeypatch.setattr(ingest_module, "_read_here", interrupted_on_the_fourth)
    db = str(tmp_path / "t.db")
    result = run("ingest", str(folder), "--db", db, "--json", "--workers", "0")
    assert result.exit_code == 130
    out = json.loads(result.stdout)
    assert out["interrupted"] is True and len(out["stored"]) == 3
    listed = json.loads(run("articles", "--db", db, "--json").output)
    assert sorted(a["id"] for a in listed) == sorted(out["stored"])
    seen.clear()
    without_json = run("ingest", str(folder), "--db", str(tmp_path / "u.db"), "--workers", "0")
    assert without_json.exit_code == 130 and "interrupted: stored" in without_json.stderr
