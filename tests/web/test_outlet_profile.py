"""The outlet page shows the indicators its pages carried, look-alike flags and the
affiliation with its source, all escaped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from launderlens.ingest.readers.html import article_from_html
from launderlens.ingest.segment import segment
from launderlens.outlets.importers import KnownOutlet
from launderlens.store import open_store

PAGE = ("<html><head><title>Ferry stops</title>"
        "<meta property='og:site_name' content='Miami News, KMIA'>"
        "<meta property='og:url' content='https://miami-kmia.test/a'>"
        "<script>(adsbygoogle=[]).push({google_ad_client: 'ca-pub-4440001112223334'});"
        "</script></head><body><article><p>Officials said on Tuesday that the river ferry "
        "would stop running for three weeks of repairs starting next month.</p></article>"
        "</body></html>")


def test_outlet_page_shows_what_its_pages_reveal(db_copy: Path,
                                                 make_client: Callable[..., Any]) -> None:
    article = article_from_html(PAGE, url=None, name="page")
    with open_store(str(db_copy)) as store:
        store.add_articles([(article, segment(article))])
        store.import_outlets([KnownOutlet("miami-kmia.test", None, "<b>Gulf network</b>",
                                          "javascript:alert(1)")])
    page = make_client().get("/outlets/" + quote("Miami News, KMIA"))
    assert page.status_code == 200
    assert "pub-4440001112223334" in page.text and "conclusive" in page.text
    assert "Look-alike name" in page.text and "KMIA" in page.text
    assert "&lt;b&gt;Gulf network&lt;/b&gt;" in page.text  # escaped
    assert "javascript:" not in page.text  # a source that is not http(s) is no link


def test_an_outlet_without_indicators_still_has_its_page(make_client: Callable[..., Any]
                                                         ) -> None:
    page = make_client().get("/outlets/" + quote("riverbend gazette"))
    assert page.status_code == 200 and "What its pages show" not in page.text
