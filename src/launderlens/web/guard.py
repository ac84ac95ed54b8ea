"""Every request in; the same request out, or refused before it reaches a route: the
app's ASGI middleware, outermost first.

- :class:`SecurityHeaders`: a Content-Security-Policy that forbids every script (and
  inline styles), ``nosniff``, no referrer, no framing, no caching, on every response;
  a route that sets its own policy (the standalone report page) keeps it.
- :class:`Gate`: the Host header is checked against ``allowed_hosts`` (DNS rebinding),
  then the token: ``Authorization: Bearer`` everywhere, or for pages a session cookie
  that ``?token=`` sets (HttpOnly, SameSite=Strict, holding a keyed hash of the token,
  not the token). ``/static/`` is open: it holds only the stylesheet.
- :class:`OriginCheck`: a POST (or any unsafe method) whose Origin, or else Referer,
  names another host, or that the browser marks cross-site, is refused (403). With the
  SameSite=Strict cookie this keeps other sites from submitting forms, and it protects a
  token-less server on localhost from web pages in the same browser.
- :class:`BodyLimit`: a request body over the cap is refused (413), from its
  Content-Length before anything is read, or as soon as the bytes received pass the cap.
- :class:`CatchAll`: an unexpected exception becomes a logged, generic 500 whose body
  says nothing of the code.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from urllib.parse import urlencode, urlsplit

from starlette.datastructures import Headers, MutableHeaders, QueryParams
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_response, is_api_path

__all__ = ["PAGE_POLICY", "SESSION_COOKIE", "BodyLimit", "CatchAll", "Gate", "OriginCheck",
           "SecurityHeaders", "session_value"]

log = logging.getLogger(__name__)

PAGE_POLICY = ("default-src 'none'; style-src 'self'; img-src 'self' data:; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SESSION_COOKIE = "launderlens_session"
SESSION_SECONDS = 12 * 3600
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("content-security-policy", PAGE_POLICY)
                headers.setdefault("x-content-type-options", "nosniff")
                headers.setdefault("referrer-policy", "no-referrer")
                headers.setdefault("x-frame-options", "DENY")
                headers.setdefault("cross-origin-opener-policy", "same-origin")
                headers.setdefault("cross-origin-resource-policy", "same-origin")
                # Pages and answers show what the store holds now, and may be private.
                headers.setdefault("cache-control", "max-age=3600" if static else "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def session_value(token: str) -> str:
    """What the session cookie holds: a keyed hash of the token, so that the cookie
    (in a browser profile, a proxy log) does not give the token away."""
    return hmac.new(token.encode("utf-8"), b"launderlens web session v1",
                    hashlib.sha256).hexdigest()


def _equal(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode("utf-8"),
                                                     expected.encode("utf-8"))


def local_target(raw_path: str) -> str:
    """``raw_path`` when it is a path on this server; "/" for anything a browser could
    read as another host ("//evil.example", "/\\evil.example")."""
    if not raw_path.startswith("/") or raw_path.startswith(("//", "/\\")) or \
            any(ord(ch) < 0x21 or ch == "\\" for ch in raw_path):
        return "/"
    return raw_path


class Gate:
    """Host check and token authentication; see the module docstring."""

    def __init__(self, app: ASGIApp, token: str | None,
                 allowed_hosts: tuple[str, ...] | None = None) -> None:
        self.app = app
        self.token = token
        self.session = session_value(token) if token else ""
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers = Headers(scope=scope)
        if self.allowed_hosts is not None and _host_name(headers.get("host", "")) \
                not in self.allowed_hosts:
            await error_response(path, 400, "this server does not answer to that host name",
                                 "bad_host")(scope, receive, send)
            return
        if self.token is None or path.startswith("/static/"):
            await self.app(scope, receive, send)
            return
        bearer = _bearer(headers.get("authorization"))
        if _equal(bearer, self.token):
            await self.app(scope, receive, send)
            return
        if is_api_path(path):
            message = ("wrong token" if bearer is not None
                       else "this server needs a token: send Authorization: Bearer TOKEN")
            await error_response(path, 401, message, "unauthorized",
                                 {"WWW-Authenticate": 'Bearer realm="launderlens"'})(
                scope, receive, send)
            return
        await self._page(scope, receive, send, headers)

    async def _page(self, scope: Scope, receive: Receive, send: Send, headers: Headers) -> None:
        cookie = _cookie(headers.get("cookie", ""), SESSION_COOKIE)
        if _equal(cookie, self.session):
            await self.app(scope, receive, send)
            return
        query = QueryParams(scope.get("query_string", b"").decode("latin-1"))
        given = query.get("token")
        raw_path = local_target(scope.get("raw_path", scope["path"].encode()).decode("latin-1"))
        rest = [(k, v) for k, v in query.multi_items() if k != "token"]
        if given is not None and scope["method"] in ("GET", "HEAD") and \
                _equal(given, self.token or ""):
            # Redirect to the same page without the token, so it stays out of the
            # history, bookmarks and logs of what comes next.
            target = raw_path + (f"?{urlencode(rest)}" if rest else "")
            response: Response = RedirectResponse(target, status_code=303)
            response.set_cookie(SESSION_COOKIE, self.session, max_age=SESSION_SECONDS,
                                path="/", httponly=True, samesite="strict",
                                secure=scope.get("scheme") == "https")
            await response(scope, receive, send)
            return
        from .templating import render

        response = render("login.html", status_code=401, title="Sign in", action=raw_path,
                          keep=rest, wrong=given is not None, signed_in=False,
                          headers={"WWW-Authenticate": 'Bearer realm="launderlens"'})
        await response(scope, receive, send)


def _host_name(host: str) -> str:
    """The name in a Host header, without the port ("[::1]:8000" gives "::1")."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _bearer(value: str | None) -> str | None:
    if not value:
        return None
    scheme, _, credentials = value.partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" else None


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


class OriginCheck:
    """Refuses unsafe requests that a browser says come from another site."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in _SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        reason = cross_site_reason(headers)
        if reason is not None:
            log.warning("refused %s %s: %s", scope["method"], scope["path"], reason)
            await error_response(scope["path"], 403, f"refused: {reason}", "cross_site")(
                scope, receive, send)
            return
        await self.app(scope, receive, send)


def cross_site_reason(headers: Headers) -> str | None:
    """Why the request looks cross-site, or None. A request without Origin, Referer or
    Sec-Fetch-Site (curl, scripts) is not a browser's and passes.

    Sec-Fetch-Site decides when present (no page can set it). It must: under this app's
    ``Referrer-Policy: no-referrer`` a browser sends ``Origin: null`` with its own
    same-origin form posts, which the Origin check alone would refuse."""
    host = headers.get("host", "").strip().lower()
    site = headers.get("sec-fetch-site")
    if site is not None:
        if site.strip().lower() in ("same-origin", "none"):
            return None
        return f"the browser marks this request as {site.strip().lower() or 'unknown'}"
    origin = headers.get("origin")
    if origin is not None:
        if origin.strip().lower() == "null" or _netloc(origin) != host:
            return "the request comes from another origin"
        return None
    referer = headers.get("referer")
    if referer is not None and _netloc(referer) != host:
        return "the request was sent from a page on another host"
    return None


def _netloc(url: str) -> str:
    try:
        return urlsplit(url.strip()).netloc.lower()
    except ValueError:
        return ""


def size_text(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n // 1024} KB"


class BodyTooLarge(Exception):
    """Raised from ``receive`` when the body passes the cap."""


class BodyLimit:
    """Caps request bodies at ``max_bytes``; see the module docstring."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _refusal(self, path: str) -> Response:
        return error_response(path, 413, f"the request body is over the "
                              f"{size_text(self.max_bytes)} limit", "too_large")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await error_response(path, 400, "Content-Length is not a number")(
                    scope, receive, send)
                return
            if int(declared) > self.max_bytes:
                await self._refusal(path)(scope, receive, send)
                return
        state = {"received": 0, "exceeded": False, "started": False, "replaced": False}

        async def counted_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > self.max_bytes:
                    state["exceeded"] = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # A parser that met BodyTooLarge may answer with its own error (FastAPI turns
            # any failure while reading a form into a 400); answer 413 in its place.
            if state["exceeded"] and not state["started"]:
                if message["type"] == "http.response.start" and not state["replaced"]:
                    state["replaced"] = True
                    await self._refusal(path)(scope, receive, send)
                return
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except BodyTooLarge:
            if not state["started"] and not state["replaced"]:
                await self._refusal(path)(scope, receive, send)


class CatchAll:
    """The last line: an exception no handler took becomes a generic, logged 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except BodyTooLarge:
            raise
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope["path"])
            if started:
                raise
            await error_response(scope["path"], 500, "something went wrong on the server; "
                                 "its log has the details", "internal")(scope, receive, send)
