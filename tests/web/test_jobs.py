"""Background jobs live in the store: a restarted server (a new app on the same database)
answers a finished job's page with its result, and a job cut off by the restart says so
instead of reloading forever."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from launderlens.store import open_store
from launderlens.web import create_app

from .conftest import settings_for

WIRE = ("HELSINKI, Oct 14. Finland's foreign minister met her Nordic counterparts on Tuesday "
        "to discuss energy security. Sources say the talks covered pipeline protection. "
        "Experts believe the region must prepare for a hard winter.")


def wait_for(client: TestClient, page: str, text: str) -> str:
    deadline = time.monotonic() + 30
    body = client.get(page).text
    while text not in body and time.monotonic() < deadline:
        time.sleep(0.05)
        body = client.get(page).text
    return body


def test_a_finished_job_survives_a_restart(db_copy: Path, tmp_path: Path) -> None:
    settings = settings_for(db_copy, tmp_path, inline_chars=50)
    with TestClient(create_app(settings)) as first:
        submitted = first.post("/analyze", data={"text": WIRE, "title": "Nordic talks"},
                               follow_redirects=False)
        assert submitted.status_code == 303
        job = submitted.headers["location"]
        assert "Article report" in wait_for(first, job, "Article report")
    with TestClient(create_app(settings)) as restarted:
        page = restarted.get(job)
        assert page.status_code == 200
        assert "Article report" in page.text and "Nordic talks" in page.text
        assert 'http-equiv="refresh"' not in page.text


def test_a_job_cut_off_by_a_restart_is_failed_not_pending(db_copy: Path,
                                                          tmp_path: Path) -> None:
    # What a server killed mid-job leaves behind: rows still queued and running.
    with open_store(str(db_copy)) as store:
        store.add_job("cut-off-running", "analyze https://example.test/a")
        store.update_job("cut-off-running", "running")
        store.add_job("cut-off-queued", "analyze a long text")
    with TestClient(create_app(settings_for(db_copy, tmp_path))) as restarted:
        for job in ("cut-off-running", "cut-off-queued"):
            page = restarted.get(f"/analyze/jobs/{job}")
            assert page.status_code == 200
            assert "interrupted by a restart" in page.text
            assert 'http-equiv="refresh"' not in page.text
