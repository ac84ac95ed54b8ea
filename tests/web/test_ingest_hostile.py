"""POST /api/ingest with hostile records: a record that cannot be stored is a rejection in
a normal answer, and the good records of the same request are stored, never a 500."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

GOOD = ("HELSINKI, October 14. Defence ministers met in Helsinki on Tuesday to discuss air "
        "defence. The ministers agreed to meet again in December.")

# A lone surrogate: valid JSON, but no character. Written by hand because json.dumps
# would refuse nothing here and the client re-encodes what it is given.
LONE = r'{"text": "Bad \ud800 text in the body.", "outlet": "Surrogate Wire"}'


@pytest.fixture()
def loose_client(make_client) -> TestClient:
    # Server errors answered as 500s, as a real client sees them, not raised in the test.
    return make_client(raise_server_exceptions=False)


def test_ingest_json_with_a_lone_surrogate_rejects_that_record(loose_client: TestClient
                                                               ) -> None:
    good = json.dumps({"text": GOOD, "outlet": "Good Wire"})
    body = f'{{"articles": [{good}, {LONE}]}}'
    response = loose_client.post("/api/ingest", content=body.encode(),
                                 headers={"content-type": "application/json"})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert len(answer["stored"]) == 1
    assert [r["item"] for r in answer["rejected"]] == ["request[1]"]
    assert "surrogate" in answer["rejected"][0]["reason"]
    listed = loose_client.get("/api/articles", params={"outlet": "good wire"}).json()
    assert [a["id"] for a in listed["articles"]] == answer["stored"]


def test_ingest_upload_with_a_lone_surrogate_rejects_that_line(loose_client: TestClient
                                                               ) -> None:
    lines = "\n".join([json.dumps({"text": GOOD, "outlet": "Upload Wire"}), LONE]) + "\n"
    response = loose_client.post("/api/ingest", files={
        "file": ("batch.jsonl", lines.encode(), "application/x-ndjson")})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert len(answer["stored"]) == 1
    assert [r["item"] for r in answer["rejected"]] == ["upload:batch.jsonl:2"]
    assert "surrogate" in answer["rejected"][0]["reason"]
