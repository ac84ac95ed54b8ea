"""Every page at a phone's viewport (390 x 844 CSS pixels, an iPhone 12 to 15): nothing
may be wider than the screen, so that no page scrolls sideways.

Wide content (tables, the aligned copies) must wrap, stack or scroll inside its own box;
``document.scrollingElement.scrollWidth`` then stays within the viewport's width.
"""

from __future__ import annotations

from typing import Any

import pytest

from launderlens.web.testing import ServerHandle

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
#: Sub-pixel rounding may report one pixel more than the viewport.
SLACK_PX = 1


def overflow(page: Any) -> dict[str, Any]:
    """The page's scrollable width beside the viewport's, and the elements that stick
    out past its right edge (for the failure message)."""
    return dict(page.evaluate("""() => {
        const width = window.innerWidth;
        const wide = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1)
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
        return {scroll: document.scrollingElement.scrollWidth, inner: width, wide: wide};
    }"""))


def test_no_page_scrolls_sideways_on_a_phone(open_page: Any, server: ServerHandle,
                                             screenshot: Any) -> None:
    page = open_page(server.url, viewport=PHONE)
    page.goto("/")
    article = page.locator("table.rows a[href^='/articles/']").first.get_attribute("href")
    story = page.locator("a.card-title").first.get_attribute("href")
    outlet = page.locator("table.rows a[href^='/outlets/']").first.get_attribute("href")
    pages = {"inbox": "/", "article": article, "story": story, "outlet": outlet,
             "narratives": "/narratives?q=aid+shell+companies", "analyze": "/analyze"}
    too_wide = {}
    for name, path in pages.items():
        assert page.goto(path).status == 200, path
        # Folded sections (a story's copies but the first, the provenance) are opened:
        # a reader may open them all, the widest case.
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        measured = overflow(page)
        if measured["scroll"] > measured["inner"] + SLACK_PX:
            too_wide[name] = measured
        screenshot(page, f"phone-{name}")
    assert not too_wide, f"pages wider than a {PHONE['width']} px phone: {too_wide}"


def test_aligned_copies_stack_on_a_phone(open_page: Any, server: ServerHandle) -> None:
    page = open_page(server.url, viewport=PHONE)
    page.goto("/")
    page.locator("a.card-title").first.click()
    page.wait_for_url("**/stories/*")
    cells = page.locator("details.copy[open] .aligned > .cell")
    origin, copy = cells.nth(0).bounding_box(), cells.nth(2).bounding_box()
    assert origin is not None and copy is not None
    # One column: the copy's sentence under the origin's, each labelled by its side.
    assert copy["y"] > origin["y"] and abs(copy["x"] - origin["x"]) < 2
    assert cells.nth(0).locator(".side").inner_text().lower() == "origin"
