"""The article page marks its rendered text with the article's language."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from launderlens.demo import DemoResult


def test_article_text_carries_its_language(shared_client: TestClient, demo: DemoResult) -> None:
    for article_id in [a.id for a in demo.articles][:3]:
        page = shared_client.get(f"/articles/{article_id}")
        assert page.status_code == 200
        assert re.search(r'<div class="text" lang="en">', page.text), article_id
