"""A server with a token (``Settings(token=...)``) in Chromium: without the token every
page is a 401 sign-in page; the sign-in form, or a link with ``?token=``, sets a session
cookie and leads to the page asked for, without the token in its address. The API takes
only ``Authorization: Bearer``, never the cookie.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from launderlens.web.testing import ServerHandle

pytestmark = pytest.mark.browser

TOKEN = "browser-test-token-0123456789"


@pytest.fixture(scope="module")
def token_server(serve: Any) -> Iterator[ServerHandle]:
    with serve(token=TOKEN) as handle:
        yield handle


def test_without_the_token_every_page_asks_for_it(open_page: Any, token_server: ServerHandle,
                                                  console: Any, screenshot: Any) -> None:
    page = open_page(token_server.url)
    for path in ("/", "/narratives", "/analyze"):
        console.allow(path)  # a 401 answer, which Chromium logs as a failed load
        response = page.goto(path)
        assert response.status == 401, path
        assert page.locator("h1").inner_text() == "Sign in"
        # Nothing of the store, not even the navigation, is shown before sign-in.
        assert page.locator("nav").count() == 0
    screenshot(page, "login")
    api = page.context.request.get("/api/articles")
    assert api.status == 401
    assert api.json()["error"]["code"] == "unauthorized"


def test_sign_in_with_the_form(open_page: Any, token_server: ServerHandle,
                               console: Any) -> None:
    page = open_page(token_server.url)
    console.allow("/narratives")
    page.goto("/narratives?q=aid")
    page.get_by_label("Token").fill("not-the-token-at-all")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("p.panel.warn")
    assert "not the server's" in page.locator("p.panel.warn").inner_text()

    page.get_by_label("Token").fill(TOKEN)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/narratives?q=aid")
    assert page.locator("h1").inner_text() == "Known narratives"
    assert TOKEN not in page.url
    cookie = next(c for c in page.context.cookies() if c["name"] == "launderlens_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert TOKEN not in cookie["value"]
    # The cookie opens the pages, not the API.
    assert page.context.request.get("/api/articles").status == 401
    bearer = page.context.request.get("/api/articles",
                                      headers={"Authorization": f"Bearer {TOKEN}"})
    assert bearer.status == 200


def test_sign_in_with_a_token_link(open_page: Any, token_server: ServerHandle,
                                   screenshot: Any) -> None:
    page = open_page(token_server.url)
    response = page.goto(f"/?token={TOKEN}&kind=known_narrative")
    assert response.status == 200
    # Redirected to the same page, the token dropped and the other parameters kept.
    assert page.url == f"{token_server.url}/?kind=known_narrative"
    assert page.locator("h1").inner_text() == "Inbox"
    page.locator("table.rows a[href^='/articles/']").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("p.kicker").inner_text() == "Article report"
    screenshot(page, "signed-in-article")
