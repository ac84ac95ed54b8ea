"""The REST API over the demo store: every endpoint's answer, its documented shape, and
the statuses of bad requests (404, 400, 415, 422), as a client sees them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from launderlens.cli import main
from launderlens.demo import DemoResult

WIRE = ("HELSINKI, October 14. Defence ministers from 32 countries met in Helsinki on "
        "Tuesday to discuss air defence for Ukraine. Investigative reports allege that aid "
        "money was diverted through shell companies. The ministers agreed to meet again in "
        "December.")


def ids(demo: DemoResult) -> dict[str, str]:
    """Demo article ids by outlet."""
    return {a.outlet or "": a.id for a in demo.articles}


# -- analyze ---------------------------------------------------------------------------------

def test_analyze_json_answers_the_analysis(documented, client: TestClient) -> None:
    response = client.post("/api/analyze", json={"text": WIRE, "title": "Ministers meet",
                                                 "outlet": "Northfield Wire",
                                                 "published": "2025-10-14T12:00:00"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["article"]["title"] == "Ministers meet"
    assert body["article"]["outlet"] == "Northfield Wire"
    assert body["article"]["published"] == "2025-10-14T12:00:00+00:00"
    assert len(body["article"]["sentences"]) == 4
    assert any(f["kind"] == "vague_attribution" for f in body["findings"])
    documented(client, "post", "/api/analyze", response)


def test_analyze_upload_matches_the_cli(make_client, db_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(f"Ministers meet in Helsinki\n\n{WIRE}\n", encoding="utf-8")
    # the client's settings turn embeddings off (semantic=False): so does the CLI here
    result = CliRunner().invoke(main, ["analyze", str(path), "--json", "--db", str(db_copy),
                                       "--no-semantic",
                                       "--kb-dir", str(tmp_path / "no-user-kb")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    client = make_client()
    response = client.post("/api/analyze", files={"file": ("wire.txt", path.read_bytes(),
                                                           "text/plain")})
    assert response.status_code == 200, response.text
    assert response.json() == json.loads(result.output)


def test_analyze_form_text_field(client: TestClient) -> None:
    response = client.post("/api/analyze", data={"text": WIRE, "outlet": "Form Wire"},
                           files={"unused": ("", b"", "application/octet-stream")})
    assert response.status_code == 200, response.text
    assert response.json()["article"]["outlet"] == "Form Wire"


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"title": "no text"}, 422, "invalid_request"),
    ({"text": ""}, 422, "invalid_request"),
    ({"text": "   "}, 422, "invalid_request"),
    ({"text": 5}, 422, "invalid_request"),
    ({"text": "x", "colour": "red"}, 422, "invalid_request"),
    ({"text": "Officials met.", "published": "last Tuesday"}, 422, "invalid_request"),
    (["text"], 422, "invalid_request"),
])
def test_analyze_refuses_bad_json(documented, client: TestClient, body: object, status: int,
                                  code: str) -> None:
    response = client.post("/api/analyze", json=body)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["message"]
    assert error["code"] in (code, "unusable_input")
    assert "Traceback" not in response.text
    documented(client, "post", "/api/analyze", response)


@pytest.mark.parametrize("raw", [b"{bad", b"", b"\xff\xfe", b"[" * 100_000])
def test_analyze_malformed_json_is_400(client: TestClient, raw: bytes) -> None:
    response = client.post("/api/analyze", content=raw,
                           headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"


def test_analyze_unsupported_content_type_is_415(documented, client: TestClient) -> None:
    response = client.post("/api/analyze", content=WIRE.encode(),
                           headers={"content-type": "text/plain"})
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"
    documented(client, "post", "/api/analyze", response)


def test_analyze_upload_problems(client: TestClient) -> None:
    missing = client.post("/api/analyze", files={"other": ("a.txt", b"x", "text/plain")})
    assert missing.status_code == 422
    binary = client.post("/api/analyze", files={"file": ("a.bin", b"\x00\x01\x02" * 50,
                                                         "application/octet-stream")})
    assert binary.status_code == 422
    assert binary.json()["error"]["message"].startswith("upload:a.bin: ")
    bad_format = client.post("/api/analyze", data={"format": "pdf"},
                             files={"file": ("a.txt", WIRE.encode(), "text/plain")})
    assert bad_format.status_code == 422
    assert "text, html" in bad_format.json()["error"]["message"]


# -- compare -----------------------------------------------------------------------------------

def test_compare_stored_ids_matches_the_cli(documented, make_client, db_copy: Path,
                                            demo: DemoResult) -> None:
    by_outlet = ids(demo)
    a, b = by_outlet["TASS"], by_outlet["Riverbend Gazette"]
    result = CliRunner().invoke(main, ["compare", a, b, "--json", "--no-semantic",
                                       "--db", str(db_copy)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    client = make_client()
    response = client.post("/api/compare", json={"a": {"id": a[:8]}, "b": {"id": b}})
    assert response.status_code == 200, response.text
    assert response.json() == json.loads(result.output)
    documented(client, "post", "/api/compare", response)


def test_compare_texts(client: TestClient) -> None:
    copy = WIRE.replace("32 countries", "40 nations") + " Critics say the money vanished."
    response = client.post("/api/compare", json={"a": {"text": WIRE, "title": "wire"},
                                                 "b": {"text": copy}})
    assert response.status_code == 200
    body = response.json()
    assert body["a"]["title"] == "wire"
    assert body["added"] and body["same_story"] is True


@pytest.mark.parametrize(("body", "status"), [
    ({"a": {"id": "ffffffffffffffff"}, "b": {"text": WIRE}}, 404),
    ({"a": {"id": "zz"}, "b": {"text": WIRE}}, 422),
    ({"a": {"id": "abcd", "text": WIRE}, "b": {"text": WIRE}}, 422),
    ({"a": {}, "b": {"text": WIRE}}, 422),
    ({"a": {"text": WIRE}}, 422),
])
def test_compare_errors(documented, client: TestClient, body: object, status: int) -> None:
    response = client.post("/api/compare", json=body)
    assert response.status_code == status, response.text
    documented(client, "post", "/api/compare", response)


def test_compare_needs_json(client: TestClient) -> None:
    response = client.post("/api/compare", files={"file": ("a.txt", b"x", "text/plain")})
    assert response.status_code == 415


# -- ingest ------------------------------------------------------------------------------------

def test_ingest_json_forms(documented, client: TestClient) -> None:
    one = {"text": WIRE, "title": "One", "outlet": "Northfield Wire"}
    response = client.post("/api/ingest", json=one)
    assert response.status_code == 200, response.text
    stored = response.json()["stored"]
    assert len(stored) == 1
    again = client.post("/api/ingest", json={"articles": [one, {"title": "no text"}]})
    body = again.json()
    assert body["duplicates"] == stored
    assert body["rejected"] == [{"item": "request[1]",
                                 "reason": "no article text: field 'text' is missing"}]
    documented(client, "post", "/api/ingest", again)
    listed = client.get("/api/articles", params={"outlet": "northfield wire"}).json()
    assert [a["id"] for a in listed["articles"]] == stored


def test_ingest_nothing_stores_nothing(client: TestClient) -> None:
    for body in ([], {"articles": []}):
        response = client.post("/api/ingest", json=body)
        assert response.json() == {"stored": [], "duplicates": [], "rejected": []}


def test_ingest_field_map_and_upload(client: TestClient) -> None:
    mapped = client.post("/api/ingest", params={"map": "text=body,title=headline"},
                         json=[{"body": WIRE, "headline": "Mapped", "outlet": "Map Wire"}])
    assert len(mapped.json()["stored"]) == 1
    lines = "\n".join(json.dumps({"text": f"{WIRE} Line {n}.", "outlet": "Lines Wire"})
                      for n in range(3)) + "\n{broken\n"
    upload = client.post("/api/ingest", files={"file": ("batch.jsonl", lines.encode(),
                                                        "application/x-ndjson")})
    body = upload.json()
    assert len(body["stored"]) == 3
    assert body["rejected"][0]["item"] == "upload:batch.jsonl:4"


@pytest.mark.parametrize(("kwargs", "status"), [
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400),
    ({"json": "text"}, 422),
    ({"json": [1, 2]}, 422),
    ({"content": b"text", "headers": {"content-type": "text/plain"}}, 415),
    ({"params": {"map": "nonsense"}, "json": {"text": "x"}}, 422),
    ({"files": {"file": ("a.json", b"{}", "application/json")}, "data": {"map": "x"}}, 400),
    ({"files": {"nofile": ("a", b"x", "text/plain")}}, 422),
])
def test_ingest_errors(client: TestClient, kwargs: dict, status: int) -> None:
    response = client.post("/api/ingest", **kwargs)
    assert response.status_code == status, response.text
    assert set(response.json()["error"]) >= {"code", "message"}


# -- articles and stories ----------------------------------------------------------------------

def test_articles_list_and_filters(documented, shared_client: TestClient, demo: DemoResult) -> None:
    response = shared_client.get("/api/articles")
    assert response.status_code == 200
    assert len(response.json()["articles"]) == len(demo.articles)
    documented(shared_client, "get", "/api/articles", response)
    tass = shared_client.get("/api/articles", params={"outlet": "tass"}).json()["articles"]
    assert [a["outlet"] for a in tass] == ["TASS"]
    page = shared_client.get("/api/articles", params={"limit": 2, "offset": 1}).json()
    assert len(page["articles"]) == 2 and page["offset"] == 1
    since = shared_client.get("/api/articles", params={"since": "2100-01-01"}).json()
    assert since["articles"] == []


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 10_000}, {"offset": -1},
                                    {"since": "yesterday"}, {"limit": "many"}])
def test_articles_bad_filters_are_422(documented, shared_client: TestClient, params: dict) -> None:
    response = shared_client.get("/api/articles", params=params)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"
    documented(shared_client, "get", "/api/articles", response)


def test_article_by_id_and_prefix(documented, shared_client: TestClient, demo: DemoResult) -> None:
    article = demo.articles[0]
    full = shared_client.get(f"/api/articles/{article.id}")
    assert full.status_code == 200
    body = full.json()
    assert body["text"] == article.text and body["sentences"]
    documented(shared_client, "get", "/api/articles/{article_id}", full)
    assert shared_client.get(f"/api/articles/{article.id[:6]}").json()["id"] == article.id


@pytest.mark.parametrize(("ref", "status"), [("ffffffffffffffff", 404), ("nothex!", 422),
                                             ("ab", 422)])
def test_article_unknown(documented, shared_client: TestClient, ref: str, status: int) -> None:
    response = shared_client.get(f"/api/articles/{ref}")
    assert response.status_code == status
    documented(shared_client, "get", "/api/articles/{article_id}", response)


def test_article_report_formats(shared_client: TestClient, demo: DemoResult) -> None:
    from jsonschema import Draft202012Validator

    from launderlens.report import load_schema

    copy = ids(demo)["Pinecrest Daily Report"]
    report = shared_client.get(f"/api/articles/{copy}/report")
    assert report.status_code == 200
    body = report.json()
    Draft202012Validator(load_schema()).validate(body)
    assert body["story"]["role"] == "copy"
    md = shared_client.get(f"/api/articles/{copy}/report", params={"format": "md"})
    assert md.headers["content-type"].startswith("text/markdown")
    page = shared_client.get(f"/api/articles/{copy}/report", params={"format": "html"})
    policy = page.headers["content-security-policy"]
    assert "style-src 'sha256-" in policy and "script" not in policy
    assert "frame-ancestors 'none'" in policy
    bad = shared_client.get(f"/api/articles/{copy}/report", params={"format": "pdf"})
    assert bad.status_code == 422


def test_stories(documented, shared_client: TestClient, demo: DemoResult) -> None:
    listed = shared_client.get("/api/stories")
    assert listed.status_code == 200
    stories = listed.json()["stories"]
    assert stories[0]["id"] == demo.stories[0].id and stories[0]["origin_title"]
    documented(shared_client, "get", "/api/stories", listed)
    one = shared_client.get(f"/api/stories/{stories[0]['id']}")
    assert len(one.json()["members"]) == len(demo.stories[0].members)
    documented(shared_client, "get", "/api/stories/{story_id}", one)
    by_member = shared_client.get(f"/api/stories/{stories[0]['members'][1]}")
    assert by_member.json()["id"] == stories[0]["id"]
    report = shared_client.get(f"/api/stories/{stories[0]['id']}/report").json()
    assert report["kind"] == "story" and len(report["copies"]) == 4
    missing = shared_client.get("/api/stories/ffffffffffffffff")
    assert missing.status_code == 404
    documented(shared_client, "get", "/api/stories/{story_id}", missing)


# -- narratives --------------------------------------------------------------------------------

def test_narratives_list_and_search(documented, shared_client: TestClient) -> None:
    listed = shared_client.get("/api/narratives", params={"limit": 5})
    body = listed.json()
    assert body["total"] >= 40 and len(body["records"]) == 5
    documented(shared_client, "get", "/api/narratives", listed)
    found = shared_client.get("/api/narratives", params={
        "q": "Western weapons sent to Ukraine are resold on the black market"})
    assert found.json()["results"]
    documented(shared_client, "get", "/api/narratives", found)
    assert shared_client.get("/api/narratives", params={"top": 0}).status_code == 422


def test_narratives_import(documented, client: TestClient) -> None:
    csv_text = ("id,claim,rating\nn1,The moon landing was staged in a studio,false\n"
                "n2,,false\n")
    response = client.post("/api/narratives/import", data={"format": "csv"},
                           files={"file": ("checks.csv", csv_text.encode(), "text/csv")})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["added"] == 1 and len(body["problems"]) == 1
    documented(client, "post", "/api/narratives/import", response)
    found = client.get("/api/narratives", params={"q": "moon landing staged in a studio"})
    assert found.json()["results"][0]["record"] == "n1"
    records = client.get("/api/narratives", params={"origin": "csv:*"}).json()["records"]
    assert [r["origin"] for r in records] == ["csv:checks.csv"]


@pytest.mark.parametrize(("data", "status"), [({"format": "pdf"}, 422), ({}, 422),
                                              ({"format": "csv", "map": "claim"}, 422)])
def test_narratives_import_errors(client: TestClient, data: dict, status: int) -> None:
    response = client.post("/api/narratives/import", data=data,
                           files={"file": ("c.csv", b"claim\nx\n", "text/csv")})
    assert response.status_code == status, response.text


# -- the description ---------------------------------------------------------------------------

def test_openapi_describes_every_route(shared_client: TestClient) -> None:
    from jsonschema import Draft202012Validator

    doc = shared_client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    assert set(doc["paths"]) == {
        "/api/analyze", "/api/compare", "/api/ingest", "/api/articles",
        "/api/articles/{article_id}", "/api/articles/{article_id}/report", "/api/stories",
        "/api/stories/{story_id}", "/api/stories/{story_id}/report", "/api/narratives",
        "/api/narratives/import"}
    schemas = doc["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    for name, schema in schemas.items():
        Draft202012Validator.check_schema(schema), name
    text = json.dumps(doc)
    for ref in {part.split('"')[0] for part in text.split('"$ref": "')[1:]}:
        assert ref.removeprefix("#/components/schemas/") in schemas, ref
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            for status, answer in operation["responses"].items():
                if status.startswith("4"):
                    ref = answer["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorOut"), (path, method, status)
    analyze = doc["paths"]["/api/analyze"]["post"]["requestBody"]["content"]
    assert set(analyze) == {"application/json", "multipart/form-data"}


def test_unknown_api_route_is_json_404(shared_client: TestClient) -> None:
    response = shared_client.get("/api/nothing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    wrong_method = shared_client.delete("/api/articles")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"]["code"] == "method_not_allowed"
