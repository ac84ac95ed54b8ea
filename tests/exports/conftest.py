"""Fixtures for the export tests: the demo corpus in a store, and a hostile analysed
article whose fields try spreadsheet formulas, script URLs and markup."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest

from launderlens.claims.analyze import Analysis, Analyzer
from launderlens.demo import DemoResult, run_demo
from launderlens.findings import Attribution, Claim, Evidence, Finding
from launderlens.ingest.segment import segment
from launderlens.model import Article
from launderlens.store import Store, open_store

HOSTILE_TEXT = ("=HYPERLINK(\"http://evil.example\",\"click\") opened the meeting. "
                "Investigative reports allege that aid was diverted. "
                "-2+3 officials @SUM(A1) said the money vanished.")


@pytest.fixture(scope="session")
def demo_store() -> Iterator[tuple[Store, DemoResult]]:
    store = open_store(":memory:")
    try:
        yield store, run_demo(store, semantic=False)
    finally:
        store.close()


@pytest.fixture()
def hostile() -> Analysis:
    article = Article.create(HOSTILE_TEXT, title="@cmd|' /C calc'!A0", outlet="+Outlet",
                             url="javascript:alert(1)", byline="-Author",
                             published=datetime(2025, 3, 1, 9, tzinfo=UTC))
    sentences = tuple(segment(article))
    second = sentences[1]
    findings = (
        Finding("vague_attribution", "high", 0.8, "=1+1 unnamed source", 1, second.start,
                second.start + 21, (Evidence("sentence", "@evidence", "javascript:x"),)),
        Finding("known_narrative", "medium", 0.6, "matches a known narrative", 1,
                second.start, second.end,
                (Evidence("narrative", "Aid to Kyiv is stolen", "https://debunk.example/1"),)),
        Finding("state_media_origin", "low", 0.4, "-credits state media", None, None, None),
    )
    claims = (Claim(0, 0.2, "other", False), Claim(1, 0.9, "accusation", True),
              Claim(2, 0.8, "event", True))
    attributions = (Attribution(1, "Investigative reports", "vague"),
                    Attribution(2, "officials", "person"))
    return Analysis(article, sentences, date(2025, 3, 1), "publication", claims,
                    attributions, findings, (), date(2025, 10, 1))


class FailingAnalyzer(Analyzer):
    """Fails on articles whose id starts with ``fail_prefix``, like a hostile article that
    breaks a stage the analyzer does not guard."""

    def __init__(self, fail_prefix: str) -> None:
        super().__init__(semantic=False)
        self.fail_prefix = fail_prefix

    def analyze(self, article: Article, sentences: Any = None) -> Analysis:
        if article.id.startswith(self.fail_prefix):
            raise RuntimeError("boom")
        return super().analyze(article, sentences)


@pytest.fixture()
def failing() -> type[FailingAnalyzer]:
    return FailingAnalyzer

