"""Security of the web app against the people it exposes: hostile articles rendered on
every page without a script, an event handler or a javascript: link; the token, the
session cookie and the cross-site check; upload caps; headers on every answer; and no
traceback ever."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from launderlens.rewrites.stories import cluster_store
from launderlens.store import open_store
from launderlens.web.guard import SESSION_COOKIE, session_value

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
BROKEN = "<div><b>unclosed"
TOKEN = "s3cret-token-for-tests-only"

BODY = (
    "Defence ministers from 32 countries met in Helsinki on Tuesday to discuss air defence "
    f"for Ukraine {SCRIPT}. Investigative reports allege that aid money was diverted "
    f"through shell companies {IMG}. The ministers agreed to meet again in December "
    f"{BROKEN}. Officials said the fund would reach 4.2 billion euros by the end of the "
    f"year, according to the agency <a href=\"{JS_URL}\" onclick=\"steal()\">source</a>."
)
HOSTILE_ARTICLES = [
    {"text": BODY, "title": f"{SCRIPT}{IMG}", "outlet": IMG, "url": JS_URL,
     "published": "2025-10-14T10:00:00+00:00"},
    {"text": BODY + " Critics say the money vanished.", "title": BROKEN, "outlet": SCRIPT,
     "url": "https://example.com/x?<script>", "published": "2025-10-14T12:00:00+00:00"},
    {"text": BODY.replace("Tuesday", "Monday"), "title": JS_URL, "outlet": BROKEN,
     "url": f"{JS_URL}//https://example.com", "published": "2025-10-14T13:00:00+00:00"},
]
HOSTILE_RECORDS = [
    {"id": "hostile-1", "claim": f"Aid money was diverted through shell companies {SCRIPT}",
     "rating": IMG, "publisher": BROKEN, "urls": ["https://example.com/ok?a=<b>&c=\"d"],
     "summary": IMG},
]


class Inspector(HTMLParser):
    """Collects everything in a page that could run code or load something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.balance: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "iframe", "object", "embed", "base", "svg", "math"):
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            value = "".join((value or "").split()).lower()
            if name.startswith("on"):
                self.problems.append(f"{name} attribute on <{tag}>")
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and \
                    value.startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"{name}={value!r} on <{tag}>")
        if tag in ("div", "b"):
            self.balance[tag] = self.balance.get(tag, 0) + 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("div", "b"):
            self.balance[tag] = self.balance.get(tag, 0) - 1


def assert_inert(response: object, *, standalone: bool = False) -> None:
    text = response.text  # type: ignore[attr-defined]
    headers = response.headers  # type: ignore[attr-defined]
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "unsafe-inline" not in policy
    if not standalone:
        assert "style-src 'self'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    inspector = Inspector()
    inspector.feed(text)
    inspector.close()
    assert inspector.problems == [], inspector.problems
    assert all(count == 0 for count in inspector.balance.values()), inspector.balance
    assert "Traceback" not in text


@pytest.fixture
def hostile(make_client, db_copy: Path) -> tuple[TestClient, list[str], str]:
    """A client whose store holds the hostile articles (through the API), clustered into a
    story, and a hostile catalogue record; the article ids and the story id."""
    client = make_client()
    stored = client.post("/api/ingest", json=HOSTILE_ARTICLES).json()
    assert len(stored["stored"]) == 3, stored
    lines = "\n".join(json.dumps(r) for r in HOSTILE_RECORDS).encode()
    imported = client.post("/api/narratives/import", data={"format": "jsonl"},
                           files={"file": ("evil.jsonl", lines, "application/x-ndjson")})
    assert imported.json()["added"] == 1, imported.text
    with open_store(str(db_copy)) as store:
        stories = cluster_store(store, semantic=False)
    story = next(s for s in stories if set(stored["stored"]) <= set(s.members))
    return client, stored["stored"], story.id


def test_hostile_content_is_inert_on_every_page(hostile) -> None:
    client, article_ids, story_id = hostile
    pages = ["/", f"/?q={quote(SCRIPT)}", f"/?outlet={quote(IMG)}", "/?kind=vague_attribution",
             f"/stories/{story_id}", "/narratives", f"/narratives?q={quote(SCRIPT)}+aid",
             "/narratives?origin=jsonl:*", "/analyze", f"/articles/{quote(SCRIPT, safe='')}",
             f"/outlets/{quote(SCRIPT + 'nothing', safe='')}"]
    pages += [f"/articles/{i}" for i in article_ids]
    pages += [f"/outlets/{quote(a['outlet'], safe='')}" for a in HOSTILE_ARTICLES]
    for page in pages:
        response = client.get(page)
        assert response.status_code in (200, 404), (page, response.status_code)
        assert_inert(response)
    inbox = client.get("/").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in inbox
    article = client.get(f"/articles/{article_ids[0]}").text
    assert "&lt;div&gt;&lt;b&gt;unclosed" in article
    assert f'href="{JS_URL}' not in article
    story = client.get(f"/stories/{story_id}").text
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in story
    for article_id in article_ids:
        assert_inert(client.get(f"/articles/{article_id}/report.html"), standalone=True)
    assert_inert(client.get(f"/stories/{story_id}/report.html"), standalone=True)


def test_hostile_analyze_and_errors_are_inert(client: TestClient) -> None:
    report = client.post("/analyze", data={"text": BODY, "title": SCRIPT, "outlet": IMG})
    assert report.status_code == 200
    assert_inert(report)
    assert "&lt;script&gt;" in report.text
    bad_date = client.post("/analyze", data={"text": BODY, "published": SCRIPT})
    assert bad_date.status_code == 422
    assert_inert(bad_date)
    api = client.post("/api/analyze", json={"text": BODY, "title": SCRIPT})
    assert api.headers["content-type"] == "application/json"
    assert api.json()["article"]["title"] == SCRIPT


# -- the token ---------------------------------------------------------------------------------

def test_api_needs_the_token(make_client) -> None:
    client = make_client(token=TOKEN)
    for path in ("/api/articles", "/openapi.json", "/api/stories/abcd"):
        missing = client.get(path)
        assert missing.status_code == 401, path
        assert missing.json()["error"]["code"] == "unauthorized"
        assert missing.headers["www-authenticate"].startswith("Bearer")
        assert "content-security-policy" in missing.headers
    wrong = client.get("/api/articles", headers={"Authorization": f"Bearer {TOKEN}x"})
    assert wrong.status_code == 401 and wrong.json()["error"]["message"] == "wrong token"
    assert client.post("/api/analyze", json={"text": "x"}).status_code == 401
    ok = client.get("/api/articles", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200
    doc = client.get("/openapi.json", headers={"Authorization": f"bearer {TOKEN}"}).json()
    assert doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    # A browser session does not open the API: it answers to the bearer token only.
    client.cookies.set(SESSION_COOKIE, session_value(TOKEN))
    assert client.get("/api/articles").status_code == 401


def test_pages_sign_in_with_a_cookie(make_client) -> None:
    client = make_client(token=TOKEN)
    page = client.get("/stories/abcd?x=1&x=%22%3E")
    assert page.status_code == 401
    assert "<form" in page.text and 'name="token"' in page.text
    assert_inert(page)
    assert client.get("/?token=wrong-token-of-some-length").status_code == 401
    login = client.get(f"/narratives?token={TOKEN}&q=aid", follow_redirects=False)
    assert login.status_code == 303
    assert login.headers["location"] == "/narratives?q=aid"
    cookie = login.headers["set-cookie"]
    assert f"{SESSION_COOKIE}={session_value(TOKEN)}" in cookie
    assert TOKEN not in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert client.get("/narratives?q=aid").status_code == 200
    assert client.get("/static/app.css").status_code == 200
    client.cookies.clear()
    assert client.get("/narratives").status_code == 401
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


@pytest.mark.parametrize(("raw", "target"), [
    ("/narratives", "/narratives"), ("/outlets/a%2Fb", "/outlets/a%2Fb"),
    ("//evil.example/x", "/"), ("/\\evil.example", "/"), ("https://evil.example", "/"),
    ("/a b", "/"), ("/a\tb", "/")])
def test_login_redirect_stays_on_this_server(raw: str, target: str) -> None:
    from launderlens.web.guard import local_target

    assert local_target(raw) == target


def test_login_redirect_from_a_double_slash_path(make_client) -> None:
    client = make_client(token=TOKEN)
    sent: list[dict] = []

    async def call() -> None:
        scope = {"type": "http", "method": "GET", "path": "//evil.example/",
                 "raw_path": b"//evil.example/", "query_string": f"token={TOKEN}".encode(),
                 "headers": [(b"host", b"testserver")], "scheme": "http",
                 "server": ("testserver", 80), "client": ("127.0.0.1", 1), "root_path": "",
                 "http_version": "1.1"}

        async def receive() -> dict:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict) -> None:
            sent.append(message)

        await client.app(scope, receive, send)  # type: ignore[attr-defined]

    # The client's own event loop thread: the browser tests keep an asyncio loop running in
    # this thread for the whole session, so anyio.run here would refuse to start.
    client.portal.call(call)  # type: ignore[attr-defined]
    headers = dict(sent[0]["headers"])
    assert sent[0]["status"] == 303 and headers[b"location"] == b"/"


def test_host_check(make_client) -> None:
    client = make_client(allowed_hosts=("127.0.0.1", "localhost"))
    assert client.get("/api/articles", headers={"host": "localhost:8000"}).status_code == 200
    rebound = client.get("/api/articles", headers={"host": "attacker.example"})
    assert rebound.status_code == 400
    assert rebound.json()["error"]["code"] == "bad_host"


# -- cross-site requests -----------------------------------------------------------------------

@pytest.mark.parametrize("headers", [
    {"origin": "https://evil.example"},
    {"origin": "null"},
    {"referer": "https://evil.example/page"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site", "origin": "http://testserver"},
])
def test_cross_site_posts_are_refused(make_client, headers: dict[str, str]) -> None:
    client = make_client()
    for path in ("/analyze", "/narratives/import", "/api/ingest"):
        response = client.post(path, data={"text": "x"}, headers=headers)
        assert response.status_code == 403, path
        assert "content-security-policy" in response.headers


def test_same_origin_posts_pass(client: TestClient) -> None:
    headers = {"origin": "http://testserver", "referer": "http://testserver/analyze",
               "sec-fetch-site": "same-origin"}
    response = client.post("/analyze", data={"text": BODY}, headers=headers)
    assert response.status_code == 200
    # What a browser sends with a form posted from this app's own pages, whose
    # Referrer-Policy (no-referrer) turns their Origin into "null".
    own_form = {"origin": "null", "sec-fetch-site": "same-origin"}
    assert client.post("/analyze", data={"text": BODY}, headers=own_form).status_code == 200


# -- upload caps -------------------------------------------------------------------------------

def test_declared_body_over_the_cap_is_413(make_client) -> None:
    client = make_client(max_upload_bytes=64 * 1024)
    big = b"a" * (65 * 1024)
    for path in ("/api/analyze", "/api/ingest", "/api/narratives/import"):
        response = client.post(path, files={"file": ("big.txt", big, "text/plain")})
        assert response.status_code == 413, path
        assert response.json()["error"]["code"] == "too_large"
    page = client.post("/analyze", files={"file": ("big.txt", big, "text/plain")})
    assert page.status_code == 413 and "<h1>" in page.text
    json_body = client.post("/api/analyze", json={"text": "a" * 70_000})
    assert json_body.status_code == 413


def test_streamed_body_over_the_cap_is_413(make_client) -> None:
    """A body sent without Content-Length is counted as it arrives."""
    client = make_client(max_upload_bytes=64 * 1024)
    chunks = (b"x" * 8192 for _ in range(20))
    response = client.post("/api/analyze", content=chunks,
                           headers={"content-type": "application/json"})
    assert response.status_code == 413
    boundary = "b0undary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            "filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n").encode()
    parts = iter([head, *(b"y" * 8192 for _ in range(20)), f"\r\n--{boundary}--\r\n".encode()])
    multipart = client.post("/api/ingest", content=parts, headers={
        "content-type": f"multipart/form-data; boundary={boundary}"})
    assert multipart.status_code == 413


def test_bad_content_length_is_400(client: TestClient) -> None:
    response = client.post("/api/analyze", content=b"{}", headers={
        "content-type": "application/json", "content-length": "abc"})
    assert response.status_code == 400


# -- failures ----------------------------------------------------------------------------------

def test_unexpected_errors_are_generic_500s(make_client, caplog) -> None:
    from launderlens.web.services import Services, get_services

    client = make_client(raise_server_exceptions=False)

    def broken() -> Services:
        raise RuntimeError("secret internal detail")

    client.app.dependency_overrides[get_services] = broken  # type: ignore[attr-defined]
    api = client.get("/api/articles")
    assert api.status_code == 500
    assert api.json() == {"error": {"code": "internal", "message": (
        "something went wrong on the server; its log has the details")}}
    page = client.get("/")
    assert page.status_code == 500 and "secret" not in page.text
    assert_inert(page)
    assert "secret internal detail" in caplog.text


def test_fetching_private_addresses_is_refused(client: TestClient) -> None:
    submitted = client.post("/analyze", data={"source_url": "http://127.0.0.1:9/x"},
                            follow_redirects=False)
    assert submitted.status_code == 303
    job = submitted.headers["location"]
    for _ in range(200):
        page = client.get(job)
        if "It failed" in page.text:
            break
    assert "loopback" in page.text or "private" in page.text
    assert_inert(page)
