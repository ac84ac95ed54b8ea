"""The server-rendered pages over the demo store: the inbox and its filters, article,
story and outlet pages, the narratives catalogue with its import form, and the analyze
page with its background jobs."""

from __future__ import annotations

import time
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from launderlens.demo import DemoResult

WIRE = ("Defence ministers from 32 countries met in Helsinki on Tuesday to discuss air "
        "defence for Ukraine. Investigative reports allege that aid money was diverted "
        "through shell companies. The ministers agreed to meet again in December.")


def by_outlet(demo: DemoResult) -> dict[str, str]:
    return {a.outlet or "": a.id for a in demo.articles}


def test_inbox_ranks_by_severity(shared_client: TestClient, demo: DemoResult) -> None:
    page = shared_client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    text = page.text
    # Pinecrest's copy has the most severe findings of the demo: it comes first.
    pinecrest = text.index(by_outlet(demo)["Pinecrest Daily Report"])
    assert all(pinecrest < text.index(i) for i in by_outlet(demo).values() if i in text
               and i != by_outlet(demo)["Pinecrest Daily Report"])
    assert f"/stories/{demo.stories[0].id}" in text
    assert '<link rel="stylesheet" href="/static/app.css">' in text


@pytest.mark.parametrize(("params", "present", "absent"), [
    ({"outlet": "TASS"}, ["TASS"], ["Fenwick"]),
    ({"kind": "known_narrative"}, ["Pinecrest"], ["Fenwick council"]),
    ({"q": "lake tamarack"}, ["Lake Tamarack"], ["Helsinki Summit"]),
    ({"since": "2100-01-01"}, ["No articles."], ["Fenwick"]),
])
def test_inbox_filters(shared_client: TestClient, params: dict, present: list[str],
                       absent: list[str]) -> None:
    page = shared_client.get("/", params=params)
    assert page.status_code == 200
    for text in present:
        assert text in page.text, text
    for text in absent:
        assert text not in page.text, text


@pytest.mark.parametrize("params", [{"kind": "nonsense"}, {"since": "soon"}])
def test_inbox_bad_filters(shared_client: TestClient, params: dict) -> None:
    page = shared_client.get("/", params=params)
    assert page.status_code == 422
    assert "<h1>Cannot use this input</h1>" in page.text


def test_article_page(shared_client: TestClient, demo: DemoResult) -> None:
    copy = by_outlet(demo)["Pinecrest Daily Report"]
    page = shared_client.get(f"/articles/{copy}")
    assert page.status_code == 200
    text = page.text
    assert "Why it matters" in text and "<mark class=\"sev-" in text
    assert f"/stories/{demo.stories[0].id}" in text
    assert f'href="/articles/{copy}/report.html"' in text
    assert 'href="/outlets/Pinecrest%20Daily%20Report"' in text
    standalone = shared_client.get(f"/articles/{copy}/report.html")
    assert standalone.text.startswith("<!DOCTYPE html>")
    md = shared_client.get(f"/articles/{copy}/report.md")
    assert md.headers["content-type"].startswith("text/markdown")
    assert shared_client.get(f"/articles/{copy}/report.json").json()["kind"] == "article"
    assert shared_client.get(f"/articles/{copy}/report.pdf").status_code == 422


def test_story_page_aligns_copies(shared_client: TestClient, demo: DemoResult) -> None:
    story = demo.stories[0]
    page = shared_client.get(f"/stories/{story.id}")
    assert page.status_code == 200
    text = page.text
    assert text.count('<details class="copy"') == len(story.members) - 1
    assert 'class="aligned"' in text and "rel-added" in text
    assert 'class="timeline"' in text
    assert shared_client.get(f"/stories/{story.members[2]}").status_code == 200
    assert shared_client.get(f"/stories/{story.id}/report.html").status_code == 200


@pytest.mark.parametrize("path", ["/articles/ffffffffffffffff", "/stories/ffffffffffffffff",
                                  "/outlets/Nobody%20Herald", "/analyze/jobs/unknown",
                                  "/no/such/page"])
def test_missing_pages_are_404_pages(shared_client: TestClient, path: str) -> None:
    page = shared_client.get(path)
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "<h1>Not found</h1>" in page.text


def test_outlet_page(shared_client: TestClient, demo: DemoResult) -> None:
    page = shared_client.get("/outlets/" + quote("riverbend gazette"))
    assert page.status_code == 200
    assert "<h1>Riverbend Gazette</h1>" in page.text
    assert f"/stories/{demo.stories[0].id}" in page.text
    assert by_outlet(demo)["Riverbend Gazette"] in page.text


def test_narratives_page_lists_searches_and_imports(client: TestClient) -> None:
    listed = client.get("/narratives")
    assert listed.status_code == 200 and "Known narratives" in listed.text
    assert 'enctype="multipart/form-data"' in listed.text
    assert "next</a>" not in client.get("/narratives?offset=40").text
    found = client.get("/narratives", params={"q": "weapons resold on the black market"})
    assert "Matches" in found.text
    csv_text = "id,claim\nw1,Windmills cause cancer in nearby villages\n"
    imported = client.post("/narratives/import", data={"format": "csv"},
                           files={"file": ("mills.csv", csv_text.encode(), "text/csv")})
    assert imported.status_code == 200
    assert "mills.csv: 1 added" in imported.text
    bad = client.post("/narratives/import", data={"format": "pdf"},
                      files={"file": ("x.csv", b"claim\nx\n", "text/csv")})
    assert bad.status_code == 422 and "Choose a file and its format" in bad.text
    bad_map = client.post("/narratives/import", data={"format": "csv", "map": "claim"},
                          files={"file": ("x.csv", b"claim\nx\n", "text/csv")})
    assert bad_map.status_code == 422 and "field map" in bad_map.text


def test_analyze_page_inline(client: TestClient) -> None:
    form = client.get("/analyze")
    assert form.status_code == 200 and 'name="source_url"' in form.text
    report = client.post("/analyze", data={"text": WIRE, "title": "Helsinki talks",
                                           "outlet": "Form Wire"})
    assert report.status_code == 200
    assert "<h1>Helsinki talks</h1>" in report.text and "vague_attribution" in report.text
    upload = client.post("/analyze", files={"file": ("wire.txt", WIRE.encode(), "text/plain")})
    assert upload.status_code == 200 and "Article report" in upload.text


@pytest.mark.parametrize("data", [{}, {"text": WIRE, "source_url": "https://example.com/a"},
                                  {"source_url": "ftp://example.com/a"},
                                  {"text": WIRE, "published": "someday"}])
def test_analyze_page_asks_again(client: TestClient, data: dict) -> None:
    page = client.post("/analyze", data=data)
    assert page.status_code == 422
    assert 'class="panel warn"' in page.text and "<form" in page.text


def test_long_text_runs_as_a_job(make_client) -> None:
    client = make_client(inline_chars=100)
    submitted = client.post("/analyze", data={"text": WIRE}, follow_redirects=False)
    assert submitted.status_code == 303
    job = submitted.headers["location"]
    assert job.startswith("/analyze/jobs/")
    deadline = time.monotonic() + 30
    page = client.get(job)
    while "Article report" not in page.text and time.monotonic() < deadline:
        assert 'http-equiv="refresh"' in page.text
        time.sleep(0.05)
        page = client.get(job)
    assert "Article report" in page.text and 'http-equiv="refresh"' not in page.text


def test_failed_job_says_why(make_client) -> None:
    client = make_client(inline_chars=10)
    submitted = client.post("/analyze", files={"file": ("blob.bin", b"\x00\x01" * 400,
                                                        "application/octet-stream")},
                            follow_redirects=False)
    assert submitted.status_code == 303
    deadline = time.monotonic() + 30
    page = client.get(submitted.headers["location"])
    while "It failed" not in page.text and time.monotonic() < deadline:
        time.sleep(0.05)
        page = client.get(submitted.headers["location"])
    assert "binary data" in page.text


def test_a_story_view_is_computed_once_per_story(make_client) -> None:
    client = make_client()
    services = client.app.state.services.get()  # type: ignore[attr-defined]
    story = services.store.list_stories(min_size=2)[0]
    first = services.story_view(story)
    assert services.story_view(story) is first
    assert client.get(f"/stories/{story.id}").status_code == 200
    assert services.story_view(story) is first


def test_every_finding_kind_can_be_chosen_in_the_filter() -> None:
    from typing import get_args

    from launderlens.findings import FindingKind
    from launderlens.web.templating import FINDING_KINDS

    assert set(FINDING_KINDS) == set(get_args(FindingKind))
    assert {"machine_residue", "propaganda_technique"} <= set(FINDING_KINDS)
