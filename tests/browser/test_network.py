"""An outlet network in Chromium: the list links to the network, whose picture is inline
SVG drawn without any script (the page's policy forbids scripts; a violation fails the
test), with a node per outlet that links to the outlet's page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from launderlens.ingest.readers.html import article_from_html
from launderlens.ingest.segment import segment
from launderlens.store import open_store
from launderlens.web.services import Services, build_services
from launderlens.web.settings import Settings
from launderlens.web.testing import ServerHandle

pytestmark = pytest.mark.browser

AD = "<script>var ga='UA-5550001-1';</script>"


def _page(site: str, domain: str, n: int) -> str:
    return (f"<html><head><title>Dam {n}</title>"
            f"<meta property='og:site_name' content='{site}'>"
            f"<meta property='og:url' content='https://{domain}/n/{n}'>{AD}</head>"
            f"<body><article><p>Engineers in Town{n} said the dam would be inspected "
            "again next spring after heavy rains this autumn.</p></article></body></html>")


def _with_network(settings: Settings) -> Services:
    assert settings.db is not None
    with open_store(settings.db) as store:
        for n, (site, domain) in enumerate([("Dallas News, KDAL", "dallas-kdal.test"),
                                            ("Austin News, KAUS", "austin-kaus.test"),
                                            ("Waco News, KWAC", "waco-kwac.test"),
                                            ("Plano News, KPLA", "plano-kpla.test")]):
            article = article_from_html(_page(site, domain, n), url=None, name=f"p{n}")
            store.add_articles([(article, segment(article))])
    return build_services(settings)


@pytest.fixture(scope="module")
def network_server(serve: Any) -> Iterator[ServerHandle]:
    with serve(builder=_with_network) as handle:
        yield handle


def test_network_page_draws_the_outlets_and_links_them(open_page: Any, screenshot: Any,
                                                       network_server: ServerHandle) -> None:
    page = open_page(network_server.url)
    assert page.goto("/networks").status == 200
    page.locator("a[href^='/networks/']").first.click()
    page.wait_for_url("**/networks/*")
    picture = page.locator("figure.network-picture svg").first
    assert picture.is_visible()
    box = picture.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 150
    assert page.locator("figure.network-picture svg circle").count() == 4
    assert page.locator("figure.network-picture svg line.edge").count() == 6
    assert page.get_by_role("heading", name="Evidence").is_visible()
    assert page.locator("td", has_text="UA-5550001").count() >= 1
    screenshot(page, "network")
    page.locator("figure.network-picture svg a.node").first.click()
    page.wait_for_url("**/outlets/*")
    assert page.locator("p.kicker").inner_text() == "Outlet"
