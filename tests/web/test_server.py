"""The app served by uvicorn on a loopback port (:func:`serve_in_thread`) and called with
httpx, as a browser or a script would: the token, a chunked upload over the cap, and a
clean stop."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from launderlens.web import Settings, create_app
from launderlens.web.testing import serve_in_thread

TOKEN = "s3cret-token-for-tests-only"


@pytest.mark.network
def test_real_server_round_trip(db_copy: Path, tmp_path: Path) -> None:
    app = create_app(Settings(db=str(db_copy), token=TOKEN, semantic=False,
                              kb_dir=tmp_path / "no-user-kb", max_upload_bytes=64 * 1024,
                              allowed_hosts=("127.0.0.1", "localhost")))
    with serve_in_thread(app) as server:
        assert server.url.startswith("http://127.0.0.1:")
        auth = {"Authorization": f"Bearer {TOKEN}"}
        with httpx.Client(base_url=server.url, timeout=30) as http:
            assert http.get("/api/articles").status_code == 401
            listed = http.get("/api/articles", headers=auth)
            assert listed.status_code == 200 and listed.json()["articles"]
            assert "default-src 'none'" in listed.headers["content-security-policy"]
            analysed = http.post("/api/analyze", headers=auth, json={
                "text": "Officials met in Helsinki on Tuesday. Reports allege fraud."})
            assert analysed.status_code == 200
            chunks = (b"x" * 8192 for _ in range(16))
            too_big = http.post("/api/ingest", headers={**auth,
                                                        "content-type": "application/json"},
                                content=chunks)
            assert too_big.status_code == 413
            login = http.get(f"/?token={TOKEN}", follow_redirects=False)
            assert login.status_code == 303
            http.cookies.set("launderlens_session", login.cookies["launderlens_session"])
            assert http.get("/").status_code == 200
    assert not server.thread.is_alive()
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.url + "/static/app.css", timeout=2)
