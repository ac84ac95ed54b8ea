"""Browsing the demo store in Chromium as a reader would: the inbox, an article from it,
its story with the copies side by side, an outlet, and a search of the narratives.

Each test clicks the links a person would rather than typing URLs, so that a broken link
fails here, and saves a screenshot of every page it reaches.
"""

from __future__ import annotations

from typing import Any

import pytest

from launderlens.web.testing import ServerHandle

pytestmark = pytest.mark.browser


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None, "the element is not displayed"
    return dict(found)


def test_inbox_lists_stories_and_articles(page: Any, screenshot: Any) -> None:
    response = page.goto("/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Inbox"
    # The demo clusters one five-article story and one pair.
    assert page.locator("a.card-title").count() >= 2
    assert page.locator("table.rows tbody tr").count() >= 9
    # The laundered copies rank with findings; the unrelated articles with none.
    assert page.locator("table.rows .badge.sev-high, table.rows .badge.sev-medium").count() > 0
    assert page.locator("table.rows .badge.none").count() > 0
    screenshot(page, "inbox")


def test_article_from_inbox_then_its_story(page: Any, screenshot: Any) -> None:
    page.goto("/")
    first = page.locator("table.rows tbody tr td:nth-child(2) > a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("p.kicker").inner_text() == "Article report"
    assert page.locator("h1").inner_text() == title
    assert page.get_by_role("heading", name="Text with findings").is_visible()
    assert page.locator("ol.findings > li").count() > 0
    screenshot(page, "article")

    page.locator("h2 a[href^='/stories/']").click()
    page.wait_for_url("**/stories/*")
    assert page.locator("p.kicker").inner_text() == "Story report"
    # The article we came from is one of the story's members, linked from its timeline.
    assert page.locator("ol.timeline a", has_text=title).count() == 1
    screenshot(page, "story-from-article")


def test_story_from_inbox_shows_copies_side_by_side(page: Any, screenshot: Any) -> None:
    page.goto("/")
    page.locator("a.card-title").first.click()
    page.wait_for_url("**/stories/*")
    assert page.locator("h1").inner_text().endswith("5 articles")
    copies = page.locator("details.copy")
    assert copies.count() == 4
    opened = page.locator("details.copy[open]")
    assert opened.count() == 1
    heads = opened.locator(".aligned .head")
    assert heads.all_inner_texts() == ["origin", "relation", "copy"]
    # An aligned row (the first rows may be origin sentences the copy dropped): the origin's
    # sentence on the left, the copy's on the right, level.
    cells = opened.locator(".aligned > .cell")
    row = next(k for k in range(0, cells.count(), 3)
               if cells.nth(k).inner_text().strip() and cells.nth(k + 2).inner_text().strip())
    origin, relation, copy = (box(cells.nth(row + i)) for i in range(3))
    assert abs(origin["y"] - copy["y"]) < 2
    assert origin["x"] + origin["width"] <= relation["x"] + 1
    assert relation["x"] + relation["width"] <= copy["x"] + 1
    screenshot(page, "story")

    # A closed copy opens on a click, with its own aligned rows.
    second = copies.nth(1)
    second.locator("summary").click()
    assert second.locator(".aligned > .cell").first.is_visible()


def test_outlet_page_from_inbox(page: Any, screenshot: Any) -> None:
    page.goto("/")
    link = page.locator("table.rows a[href^='/outlets/']", has_text="TASS").first
    link.click()
    page.wait_for_url("**/outlets/*")
    assert page.locator("p.kicker").inner_text() == "Outlet"
    assert page.locator("h1").inner_text() == "TASS"
    # TASS published the origin of the demo story.
    assert page.locator("a.card-title").count() >= 1
    assert page.locator("table.rows tbody tr").count() >= 1
    screenshot(page, "outlet")


def test_narratives_search(page: Any, screenshot: Any) -> None:
    page.goto("/narratives")
    assert page.locator("h1").inner_text() == "Known narratives"
    assert page.locator("ol.records > li").count() > 0
    page.get_by_role("searchbox", name="Search").fill(
        "Ukrainian officials stole Western aid money through shell companies")
    page.get_by_role("button", name="Go").click()
    page.wait_for_url("**/narratives?*q=*")
    assert page.get_by_role("heading", name="Matches").is_visible()
    matches = page.locator("ol.records > li")
    assert matches.count() > 0
    assert "aid" in matches.first.locator("strong").inner_text().lower()
    screenshot(page, "narratives-search")


def test_unknown_article_is_a_readable_page(page: Any, console: Any,
                                            screenshot: Any) -> None:
    # A page that is not there answers with an HTML page that leads back, not JSON.
    console.allow("/articles/ffffffffffff")
    response = page.goto("/articles/ffffffffffff")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Not found"
    assert page.get_by_role("link", name="Back to the inbox").is_visible()
    screenshot(page, "not-found")


def test_every_page_has_a_clean_console(page: Any, server: ServerHandle, console: Any) -> None:
    """No Content-Security-Policy violation and no script error on any page: the app
    sends ``default-src 'none'`` and must need nothing it forbids (an inline style or
    script would be refused, and reported on the console)."""
    page.goto("/")
    article = page.locator("table.rows a[href^='/articles/']").first.get_attribute("href")
    story = page.locator("a.card-title").first.get_attribute("href")
    outlet = page.locator("table.rows a[href^='/outlets/']").first.get_attribute("href")
    for path in (article, story, outlet, "/narratives", "/narratives?q=aid", "/analyze",
                 f"{article}/report.html", f"{story}/report.html"):
        assert page.goto(path).status == 200, path
    assert not console.errors, "\n".join(console.errors)
