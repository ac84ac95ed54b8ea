"""The web inbox lists the alerts ``watch`` stored, escaped, with links to their article and
story."""

from __future__ import annotations

from pathlib import Path

import pytest

from launderlens.store import open_store
from launderlens.store.watch import AlertRecord


def test_the_inbox_lists_alerts_escaped_with_their_links(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from launderlens.web import Settings, create_app

    db = tmp_path / "alerts.db"
    with open_store(str(db)) as store:
        store.add_alerts([
            AlertRecord("new_copy", "<script>alert(1)</script> published a copy",
                        article_id="0123456789abcdef", story_id="fedcba9876543210",
                        subject="fedcba9876543210"),
            AlertRecord("known_narrative", "a known narrative", article_id="1111222233334444",
                        subject="https://debunk.example/1")])
    app = create_app(Settings(db=str(db), kb_dir=tmp_path / "no-kb", semantic=False))
    with TestClient(app) as client:
        page = client.get("/")
    assert page.status_code == 200
    body = page.text
    assert "<h2>Alerts</h2>" in body
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; published a copy" in body
    assert 'href="/articles/0123456789abcdef"' in body
    assert 'href="/stories/fedcba9876543210"' in body
    assert "known narrative" in body and 'href="/articles/1111222233334444"' in body


def test_an_inbox_without_alerts_shows_no_alert_list(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from launderlens.web import Settings, create_app

    db = tmp_path / "empty.db"
    open_store(str(db)).close()
    app = create_app(Settings(db=str(db), kb_dir=tmp_path / "no-kb", semantic=False))
    with TestClient(app) as client:
        page = client.get("/")
    assert page.status_code == 200 and "<h2>Alerts</h2>" not in page.text
