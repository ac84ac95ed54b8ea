"""The REST API at its edges (issue 14, round two): what the published description
promises and what the endpoints answer agree; the new ingest formats (CSV with a column
map, WACZ) are accepted by the API as by the CLI; a lone surrogate in a JSON body is a
4xx error in the error shape, never a 500."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from fastapi.testclient import TestClient
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

#: The first bytes of a PNG image: a file that holds no article.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00"

BODY = ("HELSINKI, October 14. Defence ministers met in Helsinki on Tuesday to discuss air "
        "defence. The ministers agreed to meet again in December.")


@pytest.fixture()
def loose_client(make_client: Any) -> TestClient:
    # Server errors answered as 500s, as a real client sees them, not raised in the test.
    client: TestClient = make_client(raise_server_exceptions=False)
    return client


def error_of(response: Any) -> dict[str, Any]:
    """The ``error`` object of an error answer, after checking the shape."""
    assert response.headers["content-type"].startswith("application/json"), response.text
    error = response.json()["error"]
    assert isinstance(error["code"], str) and isinstance(error["message"], str)
    return dict(error)


def documented_422(client: TestClient, path: str) -> str:
    doc = client.get("/openapi.json").json()
    return str(doc["paths"][path]["post"]["responses"]["422"]["description"])


# -- the description and the endpoints agree ----------------------------------------------------

def test_analyze_of_a_file_without_an_article_is_a_documented_422(client: TestClient
                                                                   ) -> None:
    response = client.post("/api/analyze", files={"file": ("file.png", PNG, "image/png")})
    assert response.status_code == 422
    assert error_of(response)["code"] == "unusable_input"
    # A schema-valid request rejected for its content: the description says so for this
    # operation, by the code the answer carries.
    assert "unusable_input" in documented_422(client, "/api/analyze")


def test_operations_that_never_answer_unusable_input_do_not_document_it(
        client: TestClient) -> None:
    assert "unusable_input" not in documented_422(client, "/api/compare")


def test_claimreview_import_with_a_map_ignores_the_map_and_says_so(client: TestClient
                                                                    ) -> None:
    review = {"@type": "ClaimReview", "claimReviewed": "Windmills cause cancer nearby",
              "url": "https://checks.example/mills",
              "reviewRating": {"alternateName": "False"}}
    response = client.post("/api/narratives/import",
                           data={"format": "claimreview", "map": "claim=title"},
                           files={"file": ("r.json", json.dumps(review).encode(),
                                           "application/json")})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["added"] == 1
    assert any("map" in note and "claimreview" in note for note in body["notes"])
    plain = client.post("/api/narratives/import", data={"format": "csv"},
                        files={"file": ("c.csv", b"claim\nTap water holds nanobots\n",
                                        "text/csv")})
    assert plain.status_code == 200 and plain.json()["notes"] == []


def test_a_map_the_csv_header_does_not_fit_is_unusable_input(client: TestClient) -> None:
    response = client.post("/api/narratives/import",
                           data={"format": "csv", "map": "claim=statement"},
                           files={"file": ("c.csv", b"claim\nx\n", "text/csv")})
    assert response.status_code == 422, response.text
    error = error_of(response)
    assert error["code"] == "unusable_input" and "statement" in error["message"]
    assert "unusable_input" in documented_422(client, "/api/narratives/import")


# -- the ingest formats the CLI reads -----------------------------------------------------------

def test_format_lists_offer_csv_and_wacz(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    for model in ("AnalyzeUpload", "IngestUpload"):
        allowed = set(schemas[model]["properties"]["format"]["enum"])
        assert {"csv", "wacz"} <= allowed, (model, allowed)
    assert "map" in schemas["AnalyzeUpload"]["properties"]


def test_ingest_csv_upload_with_a_column_map(client: TestClient) -> None:
    rows = ("headline,body,outlet\n"
            f'"Ministers meet","{BODY}",CSV Wire\n'
            '"No body here",,CSV Wire\n')
    response = client.post("/api/ingest", data={"format": "csv", "map":
                                                "text=body,title=headline"},
                           files={"file": ("export.txt", rows.encode(), "text/plain")})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert len(answer["stored"]) == 1
    assert [r["item"] for r in answer["rejected"]] == ["upload:export.txt#row3"]
    stored = client.get(f"/api/articles/{answer['stored'][0]}").json()
    assert stored["title"] == "Ministers meet" and stored["outlet"] == "CSV Wire"
    assert stored["source_format"] == "csv"


def test_ingest_csv_without_the_text_column_says_which_map_to_pass(client: TestClient
                                                                   ) -> None:
    rows = f'headline,body\n"Ministers meet","{BODY}"\n'
    response = client.post("/api/ingest", data={"format": "csv"},
                           files={"file": ("export.csv", rows.encode(), "text/csv")})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["stored"] == [] and len(answer["rejected"]) == 1
    assert "text=" in answer["rejected"][0]["reason"]


def test_analyze_csv_upload_with_a_column_map(client: TestClient) -> None:
    rows = f'headline,body\n"Ministers meet","{BODY}"\n'
    response = client.post("/api/analyze", data={"format": "csv", "map":
                                                 "text=body,title=headline"},
                           files={"file": ("export.csv", rows.encode(), "text/csv")})
    assert response.status_code == 200, response.text
    article = response.json()["article"]
    assert article["title"] == "Ministers meet"
    assert article["sentences"][0]["text"].startswith("HELSINKI, October 14.")


def _wacz(title: str) -> bytes:
    html = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{BODY}</p></article></body></html>").encode()
    warc = io.BytesIO()
    writer = WARCWriter(warc, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                            protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://wire.example/talks", "response", payload=io.BytesIO(html),
        http_headers=http, warc_headers_dict={"WARC-Date": "2025-09-04T06:30:00Z"}))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("datapackage.json", json.dumps(
            {"profile": "data-package", "resources": [{"path": "archive/data.warc.gz"}]}))
        zipped.writestr("archive/data.warc.gz", warc.getvalue())
    return archive.getvalue()


@pytest.mark.parametrize("fmt", ["wacz", "auto"])
def test_ingest_wacz_upload(client: TestClient, fmt: str) -> None:
    response = client.post("/api/ingest", data={"format": fmt}, files={
        "file": ("crawl.wacz", _wacz("Talks in Helsinki"), "application/zip")})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert len(answer["stored"]) == 1 and answer["rejected"] == []
    stored = client.get(f"/api/articles/{answer['stored'][0]}").json()
    assert stored["title"] == "Talks in Helsinki"
    assert stored["url"] == "https://wire.example/talks"


def test_analyze_wacz_upload(client: TestClient) -> None:
    response = client.post("/api/analyze", data={"format": "wacz"}, files={
        "file": ("crawl.wacz", _wacz("Talks in Helsinki"), "application/zip")})
    assert response.status_code == 200, response.text
    assert response.json()["article"]["url"] == "https://wire.example/talks"


def test_unknown_format_lists_csv_and_wacz(client: TestClient) -> None:
    response = client.post("/api/ingest", data={"format": "pdf"},
                           files={"file": ("a.txt", BODY.encode(), "text/plain")})
    assert response.status_code == 422
    message = error_of(response)["message"]
    assert "csv" in message and "wacz" in message


# -- lone surrogates in JSON bodies -------------------------------------------------------------

# Written by hand: json.dumps would escape the surrogate the same way, but the point is a
# body a hostile client sends as bytes.
LONE = r"Bad \ud800 text in the body."


def _post_json(client: TestClient, path: str, body: str) -> Any:
    return client.post(path, content=body.encode(),
                       headers={"content-type": "application/json"})


@pytest.mark.parametrize("field", ["text", "title", "outlet"])
def test_analyze_json_with_a_lone_surrogate_is_a_422(loose_client: TestClient,
                                                      field: str) -> None:
    values = {"text": json.dumps(BODY), "title": '"Talks"', "outlet": '"Wire"'}
    values[field] = f'"{LONE}"'
    body = "{" + ", ".join(f'"{k}": {v}' for k, v in values.items()) + "}"
    response = _post_json(loose_client, "/api/analyze", body)
    assert response.status_code == 422, response.text
    error = error_of(response)
    assert error["code"] == "invalid_request"
    assert "surrogate" in error["message"] and field in error["message"]


def test_compare_json_with_a_lone_surrogate_is_a_422(loose_client: TestClient) -> None:
    body = f'{{"a": {{"text": {json.dumps(BODY)}}}, "b": {{"text": "{LONE}"}}}}'
    response = _post_json(loose_client, "/api/compare", body)
    assert response.status_code == 422, response.text
    error = error_of(response)
    assert "surrogate" in error["message"] and "b.text" in error["message"]


def test_a_surrogate_pair_is_text_not_an_error(client: TestClient) -> None:
    # "\ud83d\ude00" is one character (an emoji) once JSON joins the pair.
    body = f'{{"text": {json.dumps(BODY)[:-1]} \\ud83d\\ude00"}}'
    response = _post_json(client, "/api/analyze", body)
    assert response.status_code == 200, response.text


# -- blank texts and maps: refused by the description, not only by the endpoint ----------------

@pytest.mark.parametrize("blank", [" ", "\t\n", "\x1c\x1f", "\x85", "\u3000"])
def test_a_blank_text_breaks_the_description_and_is_refused(client: TestClient,
                                                            blank: str) -> None:
    from jsonschema import Draft202012Validator

    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert not Draft202012Validator(schemas["AnalyzeRequest"]).is_valid({"text": blank})
    response = client.post("/api/analyze", json={"text": blank})
    assert response.status_code == 422
    assert "blank" in error_of(response)["message"]


@pytest.mark.parametrize("spec", ["title=\x1c", "text=\x85", "text=body,title= "])
def test_a_map_with_a_blank_name_breaks_the_description(client: TestClient,
                                                        spec: str) -> None:
    # The endpoint strips names with Python's rules, which count \x1c-\x1f and \x85 as
    # space where ECMA's \s (a JSON Schema reader's) does not: the description must not
    # allow what the endpoint then finds blank, whichever regex dialect reads it.
    from jsonschema import Draft202012Validator

    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert not Draft202012Validator(schemas["IngestUpload"]).is_valid(
        {"file": "x", "map": spec})
    response = client.post("/api/ingest", data={"map": spec},
                           files={"file": ("a.json", b"{}", "application/json")})
    assert response.status_code in (400, 422)


# -- the pages take the same formats and maps --------------------------------------------------

def test_analyze_page_reads_a_csv_upload_with_a_map(client: TestClient) -> None:
    form = client.get("/analyze").text
    assert '<option value="csv">' in form and '<option value="wacz">' in form
    assert 'name="map"' in form
    rows = f'headline,body\n"Ministers meet","{BODY}"\n'
    report = client.post("/analyze", data={"format": "csv", "map": "text=body,title=headline"},
                         files={"file": ("export.csv", rows.encode(), "text/csv")})
    assert report.status_code == 200, report.text
    assert "<h1>Ministers meet</h1>" in report.text
    bad = client.post("/analyze", data={"format": "csv", "map": "body"},
                      files={"file": ("export.csv", rows.encode(), "text/csv")})
    assert bad.status_code == 422 and "FIELD=NAME" in bad.text


def test_import_page_notes_an_ignored_map(client: TestClient) -> None:
    review = {"@type": "ClaimReview", "claimReviewed": "Windmills cause cancer nearby",
              "url": "https://checks.example/mills"}
    page = client.post("/narratives/import", data={"format": "claimreview", "map": "claim=x"},
                       files={"file": ("r.json", json.dumps(review).encode(),
                                       "application/json")})
    assert page.status_code == 200, page.text
    assert "Note: the field map applies to csv and jsonl; it was ignored for claimreview" \
        in page.text


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00.0+00:25", "9999-12-31T23:59:00-01:00"])
def test_a_date_out_of_range_after_its_offset_breaks_the_description(client: TestClient,
                                                                     when: str) -> None:
    # RFC 3339 allows these, but in UTC they fall in year 0 or 10000, which the endpoint
    # cannot hold: the description leaves out the years where that can happen.
    from jsonschema import Draft202012Validator

    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert not Draft202012Validator(schemas["AnalyzeRequest"]).is_valid(
        {"text": BODY, "published": when})
    assert Draft202012Validator(schemas["AnalyzeRequest"]).is_valid(
        {"text": BODY, "published": "0002-01-01T00:00:00+05:00"})
    response = client.post("/api/analyze", json={"text": BODY, "published": when})
    assert response.status_code == 422 and "years 2 to 9998" in error_of(response)["message"]


@pytest.mark.parametrize("name", ["since", "until"])
def test_article_date_filters_out_of_range_break_the_description(client: TestClient,
                                                                 name: str) -> None:
    import re

    doc = client.get("/openapi.json").json()
    params = doc["paths"]["/api/articles"]["get"]["parameters"]
    schema = next(p["schema"] for p in params if p["name"] == name)
    pattern = next(s["pattern"] for s in schema["anyOf"] if s.get("type") == "string")
    when = "0001-01-01T06:32:12+16:41"
    assert not re.search(pattern, when) and re.search(pattern, "2025-10-14")
    response = client.get("/api/articles", params={name: when})
    assert response.status_code == 422 and "years 2 to 9998" in error_of(response)["message"]
