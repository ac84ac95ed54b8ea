"""``/analyze`` in Chromium: paste an article (or upload it) and read the report, directly
or through the progress page that refreshes itself until a background job is done.

The article is written for these tests: a short wire story into which one accusation
with only vague sourcing has been inserted, worded like a known narrative of the starter
catalogue, so the report must show both a vague attribution and a known narrative.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pytest

from launderlens.claims.analyze import Analysis
from launderlens.model import Article
from launderlens.web import Settings
from launderlens.web.services import Services, build_services
from launderlens.web.testing import ServerHandle

pytestmark = pytest.mark.browser

TITLE = "EU ministers agree winter aid package for Ukraine"
OUTLET = "Harbour Gazette"
ARTICLE = """\
Ministers from twelve European countries met in Brussels on Tuesday to agree a winter \
aid package for Ukraine, the Council of the European Union said in a statement.

The package of 4.2 billion euros covers generators, heating fuel and repairs to the \
power grid, according to Reuters. Deliveries are due to start in December and to \
continue until the end of March.

Investigative reports allege that officials siphoned billions in aid through shell \
companies.

"We will keep the lights on in Ukrainian homes this winter," Finnish Foreign Minister \
Elina Valtonen told reporters after the meeting. The ministers agreed to meet again in \
March to review the deliveries.
"""
#: The progress page reloads every 2 s; a job slower than that shows it at least once.
SLOW_ANALYSIS_S = 1.5


@dataclass
class SlowServices(Services):
    """The app's services with analyses slowed down, so that the progress page of a
    background job is seen for sure before its report."""

    delay: float = 0.0

    def analyze(self, article: Article) -> Analysis:
        time.sleep(self.delay)
        return super().analyze(article)


def slow_services(settings: Settings) -> Services:
    built = build_services(settings)
    return SlowServices(**{f.name: getattr(built, f.name) for f in fields(built)},
                        delay=SLOW_ANALYSIS_S)


@pytest.fixture(scope="module")
def slow_server(serve: Any) -> Iterator[ServerHandle]:
    # Texts over 200 characters become background jobs here, as over 20,000 by default.
    with serve(builder=slow_services, inline_chars=200) as handle:
        yield handle


def paste(page: Any, text: str = ARTICLE) -> None:
    page.goto("/analyze")
    assert page.locator("h1").inner_text() == "Analyze an article"
    page.get_by_label("Text", exact=True).fill(text)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Outlet").fill(OUTLET)
    page.get_by_label("Published").fill("2025-11-18")


def assert_report(page: Any) -> None:
    """The report of :data:`ARTICLE` is on the page, with its two findings."""
    assert page.locator("p.kicker").inner_text() == "Article report"
    assert page.locator("h1").inner_text() == TITLE
    kinds = page.locator("ol.findings > li strong").all_inner_texts()
    assert "vague_attribution" in kinds and "known_narrative" in kinds, kinds
    assert page.get_by_role("heading", name="Known narratives").is_visible()
    # The inserted sentence is highlighted, with what was found in its tooltips: the
    # narrative over the accusation, the vague sourcing over its unnamed source.
    text = page.locator("div.text")
    assert text.locator("mark", has_text="siphoned billions in aid").count() >= 1
    tooltips = " ".join(mark.get_attribute("title") or ""
                        for mark in text.locator("mark").all())
    assert "vague_attribution" in tooltips and "known_narrative" in tooltips, tooltips


def test_paste_an_article_and_read_its_report(page: Any, screenshot: Any) -> None:
    paste(page)
    screenshot(page, "analyze-form")
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_selector("p.kicker")
    assert_report(page)
    screenshot(page, "analyze-report")
    page.get_by_role("link", name="Analyze another article").click()
    assert page.locator("textarea#text").input_value() == ""


def test_long_text_goes_through_the_progress_page(open_page: Any, slow_server: ServerHandle,
                                                  screenshot: Any) -> None:
    page = open_page(slow_server.url)
    paste(page)
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_url("**/analyze/jobs/*")
    # The job page, refreshing itself (no script: a meta refresh) while the work runs.
    assert page.locator("h1").inner_text() == "analyze a long text"
    assert "reloads itself" in page.locator("p.panel").inner_text()
    assert page.locator("meta[http-equiv='refresh']").count() == 1
    screenshot(page, "analyze-progress")
    job_url = page.url
    page.wait_for_selector("p.kicker", timeout=30_000)
    assert page.url == job_url
    assert_report(page)
    assert page.locator("meta[http-equiv='refresh']").count() == 0


def test_upload_a_text_file(page: Any, tmp_path: Path) -> None:
    upload = tmp_path / "harbour-gazette.txt"
    upload.write_text(f"---\ntitle: {TITLE}\noutlet: {OUTLET}\n---\n{ARTICLE}",
                      encoding="utf-8")
    page.goto("/analyze")
    page.get_by_label("File").set_input_files(str(upload))
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_selector("p.kicker")
    assert_report(page)


def test_empty_form_says_what_to_give(page: Any, console: Any, screenshot: Any) -> None:
    console.allow("/analyze")  # the answer is a 422 page, which Chromium logs as failed
    page.goto("/analyze")
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_selector("p.panel.warn")
    assert "Give one of: a text, a file, or a URL." in page.locator("p.panel.warn").inner_text()
    screenshot(page, "analyze-error")
