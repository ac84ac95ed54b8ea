"""fetch(): address checks before connecting, manual redirects, size and time caps.

Every test talks only to a server on 127.0.0.1: a guard fails any attempt to open a
connection elsewhere, and names that should resolve to other addresses are answered by
a fake resolver, so nothing here depends on (or sends traffic to) a real network.
"""

from __future__ import annotations

import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest

from launderlens.errors import BlockedAddressError, FetchError, TooLargeError
from launderlens.ingest import fetch as fetch_module
from launderlens.ingest.fetch import blocked_reason, fetch, post
from launderlens.ingest.readers import read_source
from launderlens.model import Article

PAGE = (
    b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Talks collapse</title>"
    b"</head><body><article><h1>Talks collapse</h1>"
    b"<p>The minister said on Tuesday that the talks had collapsed after three days of "
    b"meetings in Geneva, and that no new date had been set for a further round.</p>"
    b"<p>Critics say the decision will delay the ceasefire by months. Officials declined "
    b"to comment on the matter when asked by reporters outside the building.</p>"
    b"</article></body></html>"
)

REDIRECTS = {
    "/to-metadata": "http://169.254.169.254/latest/meta-data/",
    "/to-private": "http://10.0.0.1/",
    "/to-private-name": "http://intranet.test/",
    "/to-file": "file:///etc/passwd",
    "/relative": "article",
}


class Handler(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        self.requests.append(self.path)
        route = self.path.split("?", 1)[0]
        if route == "/article":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif route == "/host":
            self._send(200, self.headers.get("Host", "").encode(), "text/plain")
        elif route.startswith("/redirect/"):
            left = int(route.rsplit("/", 1)[1])
            self._redirect(f"/redirect/{left - 1}" if left > 1 else "/article")
        elif route in REDIRECTS:
            self._redirect(REDIRECTS[route])
        elif route == "/big":
            self._send(200, b"x" * (2 * 1024 * 1024), "text/html")
        elif route == "/big-stream":
            self._stream(b"x" * 65536, count=40, pause=0)
        elif route == "/slow":
            time.sleep(2)
            self._send(200, PAGE, "text/html")
        elif route == "/drip":
            self._stream(b"x", count=100, pause=0.05)
        else:
            self._send(404, b"not found", "text/plain")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.requests.append(f"POST {self.path} {self.rfile.read(length).decode()}")
        if self.path == "/hook":
            self._send(202, b"", "text/plain")
        else:
            self._redirect("/hook")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream(self, chunk: bytes, *, count: int, pause: float) -> None:
        # No Content-Length: the body ends when the connection closes (HTTP/1.0).
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(count):
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(pause)
        except OSError:
            pass  # the client gave up, as it should


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


def _serve(server: ThreadingHTTPServer) -> Iterator[str]:
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def server() -> Iterator[str]:
    """host:port of a local HTTP server; its request paths land in Handler.requests."""
    Handler.requests = []
    yield from _serve(QuietServer(("127.0.0.1", 0), Handler))


def closed_port() -> int:
    """A loopback port nothing listens on (bound for a moment, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(autouse=True)
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every address a connection is opened to; anything but loopback fails the test."""
    opened: list[tuple[str, int]] = []
    real = socket.create_connection

    def guarded(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        assert ipaddress.ip_address(address[0]).is_loopback, f"tried to connect to {address}"
        opened.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)
    return opened


@pytest.fixture
def resolver(monkeypatch: pytest.MonkeyPatch) -> Callable[[dict[str, list[str]]], list[str]]:
    """Install fake DNS answers: {"name": ["addr", ...]}; returns the names looked up."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def install(answers: dict[str, list[str]]) -> list[str]:
        def fake(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
            if host not in answers:
                return real(host, port, *args, **kwargs)
            asked.append(host)
            replies = answers[host]
            address = replies[0] if len(replies) == 1 else replies.pop(0)
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

        monkeypatch.setattr(socket, "getaddrinfo", fake)
        return asked

    return install


@pytest.fixture
def loopback_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the test server stand in for a public site while every other rule holds."""
    real = fetch_module.blocked_reason

    def reason(address: Any) -> str | None:
        return None if str(address) == "127.0.0.1" else real(address)

    monkeypatch.setattr(fetch_module, "blocked_reason", reason)


@pytest.mark.network
def test_fetches_a_page_as_a_source_the_readers_take(server: str) -> None:
    source = fetch(f"http://{server}/article", allow_private=True)
    assert source.data == PAGE
    assert source.name == source.url == f"http://{server}/article"
    assert source.content_type == "text/html; charset=utf-8"
    [article] = list(read_source(source))
    assert isinstance(article, Article)
    assert article.source_format == "html"
    assert article.title == "Talks collapse"


@pytest.mark.network
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_is_refused_by_default_before_connecting(
        server: str, host: str, connections: list[Any]) -> None:
    port = server.rsplit(":", 1)[1]
    with pytest.raises(BlockedAddressError, match="loopback address"):
        fetch(f"http://{host}:{port}/article")
    assert connections == []
    assert Handler.requests == []


@pytest.mark.network
def test_a_public_name_that_resolves_to_a_private_address_is_refused(
        resolver: Any, connections: list[Any]) -> None:
    resolver({"news.example": ["10.1.2.3"]})
    with pytest.raises(BlockedAddressError,
                       match=r"news\.example resolves to 10\.1\.2\.3, a private"):
        fetch("https://news.example/story")
    assert connections == []


@pytest.mark.network
def test_a_name_with_one_private_answer_among_public_ones_is_refused(
        monkeypatch: pytest.MonkeyPatch, connections: list[Any]) -> None:
    def answers(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
                for address in ("93.184.216.34", "169.254.169.254")]

    monkeypatch.setattr(socket, "getaddrinfo", answers)
    with pytest.raises(BlockedAddressError, match="link-local"):
        fetch("http://mixed.example/")
    assert connections == []


@pytest.mark.network
@pytest.mark.parametrize(("path", "message"), [
    ("/to-metadata", r"169\.254\.169\.254 is a link-local address"),
    ("/to-private", r"10\.0\.0\.1 is a private address"),
    ("/to-private-name", r"intranet\.test resolves to 10\.9\.9\.9, a private address"),
])
def test_a_redirect_to_an_internal_address_is_refused_without_connecting(
        server: str, path: str, message: str, resolver: Any, loopback_is_public: None,
        connections: list[Any]) -> None:
    port = int(server.rsplit(":", 1)[1])
    resolver({"news.test": ["127.0.0.1"], "intranet.test": ["10.9.9.9"]})
    with pytest.raises(BlockedAddressError, match=message):
        fetch(f"http://news.test:{port}{path}")
    assert connections == [("127.0.0.1", port)]
    assert Handler.requests == [path]


@pytest.mark.network
def test_a_redirect_to_another_scheme_is_refused(server: str) -> None:
    with pytest.raises(FetchError, match="only http and https URLs can be fetched, not 'file'"):
        fetch(f"http://{server}/to-file", allow_private=True)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x/"])
def test_only_http_and_https_are_fetched(url: str, connections: list[Any]) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url, allow_private=True)
    assert connections == []


@pytest.mark.parametrize("url", ["http://", "not a url at all", "http://exa mple.com/"])
def test_a_malformed_url_is_a_fetch_error(url: str) -> None:
    with pytest.raises(FetchError):
        fetch(url, allow_private=True)


@pytest.mark.network
def test_redirects_are_followed_up_to_the_limit(server: str) -> None:
    source = fetch(f"http://{server}/redirect/5", allow_private=True, max_redirects=5)
    assert source.url == f"http://{server}/article"
    assert source.name == f"http://{server}/redirect/5"
    assert source.data == PAGE


@pytest.mark.network
def test_one_redirect_too_many_is_an_error(server: str) -> None:
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(f"http://{server}/redirect/6", allow_private=True)
    assert len(Handler.requests) == 6


@pytest.mark.network
def test_a_relative_redirect_resolves_against_the_current_url(server: str) -> None:
    source = fetch(f"http://{server}/relative", allow_private=True)
    assert source.url == f"http://{server}/article"


@pytest.mark.network
@pytest.mark.parametrize("path", ["/big", "/big-stream"])
def test_a_body_over_the_cap_is_refused(server: str, path: str) -> None:
    with pytest.raises(TooLargeError, match=r"1\.0 MB limit"):
        fetch(f"http://{server}{path}", allow_private=True, max_bytes=1024 * 1024)


@pytest.mark.network
def test_a_server_that_does_not_answer_times_out(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0\.3 s waiting for 127\.0\.0\.1"):
        fetch(f"http://{server}/slow", allow_private=True, timeout=0.3)
    assert time.monotonic() - started < 1.5


@pytest.mark.network
def test_a_body_dripped_slowly_is_cut_off_by_the_overall_deadline(server: str) -> None:
    with pytest.raises(FetchError, match=r"timed out after 0\.5 s reading the body"):
        fetch(f"http://{server}/drip", allow_private=True, timeout=0.5)


@pytest.mark.network
def test_a_closed_port_is_a_fetch_error() -> None:
    port = closed_port()
    with pytest.raises(FetchError, match=r"cannot connect to 127\.0\.0\.1"):
        fetch(f"http://127.0.0.1:{port}/", allow_private=True)


@pytest.mark.network
def test_an_error_status_is_a_fetch_error_naming_it(server: str) -> None:
    with pytest.raises(FetchError, match="HTTP 404 Not Found"):
        fetch(f"http://{server}/missing", allow_private=True)


@pytest.mark.network
def test_the_connection_goes_to_the_checked_address_not_a_second_lookup(
        server: str, resolver: Any, connections: list[Any]) -> None:
    # A rebinding resolver: the first answer is checked, later ones would point
    # elsewhere (127.0.0.2, where nothing listens). Only one lookup may happen.
    port = int(server.rsplit(":", 1)[1])
    asked = resolver({"news.test": ["127.0.0.1", "127.0.0.2", "127.0.0.2"]})
    source = fetch(f"http://news.test:{port}/host", allow_private=True)
    assert source.data == f"news.test:{port}".encode()
    assert source.url == f"http://news.test:{port}/host"
    assert asked == ["news.test"]
    assert connections == [("127.0.0.1", port)]


def _certificate(directory: Path, name: str) -> tuple[Path, Path]:
    key, cert = directory / f"{name}.key", directory / f"{name}.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", f"/CN={name}",
         "-addext", f"subjectAltName=DNS:{name}"],
        check=True, capture_output=True)
    return cert, key


@pytest.mark.network
@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
@pytest.mark.parametrize(("certified", "works"), [("news.test", True), ("other.test", False)])
def test_https_to_a_pinned_address_still_verifies_the_host_name(
        tmp_path: Path, resolver: Any, certified: str, works: bool) -> None:
    cert, key = _certificate(tmp_path, certified)
    server = QuietServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    trust = ssl.create_default_context(cafile=str(cert))
    resolver({"news.test": ["127.0.0.1"]})
    for address in _serve(server):
        port = address.rsplit(":", 1)[1]
        with httpx.Client(verify=trust) as client:
            if works:
                source = fetch(f"https://news.test:{port}/host", allow_private=True,
                               client=client)
                assert source.data == f"news.test:{port}".encode()
            else:
                with pytest.raises(FetchError, match=r"CERTIFICATE_VERIFY_FAILED|certificate"):
                    fetch(f"https://news.test:{port}/host", allow_private=True, client=client)


@pytest.mark.parametrize(("address", "reason"), [
    ("8.8.8.8", None),
    ("2606:4700::1111", None),
    ("::ffff:8.8.8.8", None),
    ("64:ff9b::808:808", None),
    ("127.0.0.1", "loopback"),
    ("::1", "loopback"),
    ("10.0.0.1", "private"),
    ("172.16.5.4", "private"),
    ("192.168.1.1", "private"),
    ("fd00:ec2::254", "private"),
    ("169.254.169.254", "link-local"),
    ("fe80::1", "link-local"),
    ("0.0.0.0", "unspecified"),
    ("::", "unspecified"),
    ("224.0.0.1", "multicast"),
    ("ff0e::1", "multicast"),
    ("100.64.0.1", "non-public"),
    ("::ffff:127.0.0.1", "loopback (inside"),
    ("::ffff:10.0.0.1", "private (inside"),
    ("2002:a00:1::", "private (inside"),
    ("64:ff9b::a9fe:a9fe", "link-local (inside"),
])
def test_blocked_reason(address: str, reason: str | None) -> None:
    found = blocked_reason(ipaddress.ip_address(address))
    if reason is None:
        assert found is None
    else:
        assert found is not None and found.startswith(reason)


@pytest.mark.parametrize(("host", "said"), [
    ("0.0.0.0", "0.0.0.0 is an unspecified address"),
    ("[::]", ":: is an unspecified address"),
    ("10.1.2.3", "10.1.2.3 is a private address"),
])
def test_the_refusal_reads_as_english(host: str, said: str,
                                      connections: list[Any]) -> None:
    with pytest.raises(BlockedAddressError) as caught:
        fetch(f"http://{host}/article")
    assert str(caught.value).startswith(said)
    assert connections == []


@pytest.mark.network
def test_post_delivers_the_body_and_returns_the_status_without_following(
        server: str) -> None:
    headers = {"Content-Type": "application/json"}
    assert post(f"http://{server}/hook", b'{"a": 1}', headers=headers,
                allow_private=True) == 202
    assert post(f"http://{server}/moved", b"{}", headers=headers, allow_private=True) == 302
    assert Handler.requests == ['POST /hook {"a": 1}', "POST /moved {}"]


@pytest.mark.network
def test_post_is_refused_for_loopback_by_default_and_fails_on_a_closed_port(
        server: str, connections: list[Any]) -> None:
    with pytest.raises(BlockedAddressError, match="loopback address"):
        post(f"http://{server}/hook", b"{}", headers={})
    assert connections == [] and Handler.requests == []
    port = closed_port()
    with pytest.raises(FetchError, match=r"cannot connect to 127\.0\.0\.1"):
        post(f"http://127.0.0.1:{port}/hook", b"{}", headers={}, allow_private=True)
