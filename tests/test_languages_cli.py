"""``ingest`` fills the language of articles that do not declare one; ``articles`` shows it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from launderlens.cli import main

RUSSIAN = ("Министры иностранных дел 32 стран встретились во вторник в г. Хельсинки. "
           "Встречу провела министр иностранных дел Финляндии Элина Валтонен.\n")
ENGLISH = "Foreign ministers from 32 countries met in Helsinki on Tuesday to discuss aid.\n"


def test_articles_show_the_identified_language(tmp_path: Path) -> None:
    (tmp_path / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    db = str(tmp_path / "l.db")
    runner = CliRunner(env={"COLUMNS": "200"})
    assert runner.invoke(main, ["ingest", str(tmp_path / "ru.txt"), str(tmp_path / "en.txt"),
                                "--db", db]).exit_code == 0
    rows = json.loads(runner.invoke(main, ["articles", "--db", db, "--json"]).output)
    assert sorted(r["language"] for r in rows) == ["en", "ru"]
    table = runner.invoke(main, ["articles", "--db", db]).output
    assert "lang" in table and " ru " in table
    ids = {r["language"]: r["id"] for r in rows}
    shown = json.loads(runner.invoke(main, ["show", ids["ru"], "--db", db, "--json"]).output)
    # razdel keeps "г." inside the sentence.
    assert shown["sentences"][0]["text"].endswith("в г. Хельсинки.")
