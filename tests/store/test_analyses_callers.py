"""Every caller that analyses stored articles reads the stored analysis on its second run:
``analyze --db``, ``report`` (article and story), ``export``, and the web services after a
restart. Analyses are counted by wrapping :meth:`Analyzer.analyze`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from launderlens.claims.analyze import Analysis, Analyzer
from launderlens.cli import main
from launderlens.model import Article
from launderlens.store import open_store


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles analysed (computed, not read back) during the test."""
    seen: list[str] = []
    original = Analyzer.analyze

    def counting(self: Analyzer, article: Article, sentences: Any = None) -> Analysis:
        seen.append(article.id)
        return original(self, article, sentences)

    monkeypatch.setattr(Analyzer, "analyze", counting)
    return seen


@pytest.fixture
def db(demo_db: str, tmp_path: Path) -> str:
    """A copy of the demo store (clustered; the analyses the demo stored removed) that
    this test may change."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_db, path)
    with open_store(str(path)) as store:
        store.invalidate_analyses()
    return str(path)


def run(*args: str) -> str:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args),
                                                       catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def story(db: str) -> tuple[str, list[str]]:
    with open_store(db) as store:
        found = store.list_stories(min_size=2)[0]
    return found.id, list(found.members)


def test_a_second_report_reads_the_stored_analyses(db: str, calls: list[str]) -> None:
    story_id, members = story(db)
    first = json.loads(run("report", story_id, "--story", "--db", db, "--no-semantic",
                           "--format", "json"))
    assert sorted(calls) == sorted(members)
    calls.clear()
    second = json.loads(run("report", story_id, "--story", "--db", db, "--no-semantic",
                            "--format", "json"))
    assert calls == []
    first["provenance"].pop("generated_at")
    second["provenance"].pop("generated_at")
    assert second == first
    run("report", members[0], "--db", db, "--no-semantic", "--format", "json")
    assert calls == []  # the article report reads the same stored analysis


def test_analyze_stores_what_it_computes_and_options_recompute(
        db: str, calls: list[str], tmp_path: Path) -> None:
    _, members = story(db)
    first = run("analyze", members[0], "--db", db, "--json", "--no-semantic")
    assert calls == [members[0]]
    assert run("analyze", members[0], "--db", db, "--json", "--no-semantic") == first
    assert calls == [members[0]]
    run("analyze", members[0], "--db", db, "--json", "--no-semantic", "--no-narratives")
    assert len(calls) == 2  # other options, another analysis
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "events.yaml").write_text(
        "events:\n  - {id: test-summit, name: Test summit, date: 2020-01-02, kind: summit,"
        " source: 'https://example.org/summit'}\n", encoding="utf-8")
    run("analyze", members[0], "--db", db, "--json", "--no-semantic", "--kb-dir", str(kb))
    assert len(calls) == 3  # another knowledge base, another analysis
    with open_store(db) as store:
        assert store.count_analyses() == 3


def test_a_second_export_reads_the_stored_analyses(db: str, calls: list[str]) -> None:
    first = run("export", "--format", "csv", "--db", db, "--no-semantic")
    with open_store(db) as store:
        assert len(calls) == store.count_articles() == store.count_analyses()
    calls.clear()
    assert run("export", "--format", "csv", "--db", db, "--no-semantic") == first
    assert calls == []


def test_the_web_services_read_analyses_stored_before_a_restart(
        db: str, calls: list[str], tmp_path: Path) -> None:
    from launderlens.web.services import build_services
    from launderlens.web.settings import Settings

    settings = Settings(db=db, kb_dir=tmp_path / "no-user-kb", semantic=False)
    with open_store(db) as store:
        articles = list(store.iter_articles())
    services = build_services(settings)
    try:
        first = [services.analyze(a) for a in articles]
        assert len(calls) == len(articles)
        assert [services.analyze(a) for a in articles] == first  # the memory cache
    finally:
        services.close()
    calls.clear()
    restarted = build_services(settings)
    try:
        assert [restarted.analyze(a) for a in articles] == first
        assert calls == []
    finally:
        restarted.close()
