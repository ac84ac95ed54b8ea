"""Exceptions in; error responses out: ``{"error": {"code", "message"}}`` JSON for the API,
a small escaped HTML page for the pages. Never a traceback.

How library errors map to statuses::

    ApiError                 its own status and code (raised by the web layer itself)
    RequestValidationError   422 invalid_request, each problem as "where: what"
    HTTPException            its status (404 for an unknown route, 405, ...)
    TooLargeError            413 too_large
    InputError (the rest)    422 unusable_input (a fetch refused or failed, no article)
    ConfigError              400 bad_argument (ambiguous id prefix, bad field map)
    StoreError               503 store_unavailable (logged; the message may hold a path)
    anything else            500 internal (logged with its traceback; see guard.CatchAll)
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from ..errors import ConfigError, InputError, StoreError, TooLargeError

__all__ = ["ApiError", "error_response", "install_handlers", "is_api_path", "not_found"]

log = logging.getLogger(__name__)

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 406: "not_acceptable", 413: "too_large",
          415: "unsupported_media_type", 422: "invalid_request", 429: "too_many_requests",
          500: "internal", 503: "unavailable"}
_TITLES = {400: "Bad request", 401: "Sign in", 403: "Forbidden", 404: "Not found",
           405: "Method not allowed", 413: "Too large", 415: "Unsupported upload",
           422: "Cannot use this input", 500: "Something went wrong",
           503: "Store unavailable"}


class ApiError(Exception):
    """An error the web layer raises on purpose, with the status and code to answer."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or _CODES.get(status, "error")
        self.headers = dict(headers or {})


def not_found(message: str) -> ApiError:
    return ApiError(404, message, "not_found")


def is_api_path(path: str) -> bool:
    """Whether ``path`` is answered in JSON (the REST API and its description)."""
    return path.startswith("/api/") or path in ("/api", "/openapi.json")


def error_response(path: str, status: int, message: str, code: str | None = None,
                   headers: Mapping[str, str] | None = None,
                   details: Sequence[Mapping[str, Any]] | None = None) -> Response:
    """The error answer for a request to ``path``: JSON under /api, else an HTML page."""
    code = code or _CODES.get(status, "error")
    if is_api_path(path):
        body: dict[str, Any] = {"code": code, "message": message}
        if details:
            body["details"] = [dict(d) for d in details]
        return JSONResponse({"error": body}, status_code=status, headers=dict(headers or {}))
    from .templating import render

    return render("error.html", status_code=status, headers=dict(headers or {}),
                  title=_TITLES.get(status, "Error"), status=status, code=code,
                  message=message, signed_in=True)


def validation_details(errors: Sequence[Any]) -> list[dict[str, str]]:
    """Pydantic's errors as ``{"where", "problem"}``, without the offending input (which
    may be large; the client has it)."""
    out = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("body",)]
        problem = str(error.get("msg", ""))
        if error.get("type") == "string_pattern_mismatch":
            # Pydantic would quote the whole regular expression; the description has it.
            problem = "is not in the form the API description gives"
            if loc and loc[-1] == "map":
                problem = "must be FIELD=NAME pairs of article fields, as in text=body"
            elif loc and loc[-1] == "text":
                problem = "is blank: send the article's text"
            elif loc and loc[-1] in ("published", "since", "until"):
                problem = "must be an ISO 8601 date or datetime in the years 2 to 9998"
        out.append({"where": ".".join(loc) or "body", "problem": problem})
    return out


def validation_message(details: Sequence[Mapping[str, str]]) -> str:
    shown = "; ".join(f"{d['where']}: {d['problem']}" for d in details[:5])
    more = f" (and {len(details) - 5} more)" if len(details) > 5 else ""
    return f"invalid request: {shown}{more}" if shown else "invalid request"


def install_handlers(app: FastAPI) -> None:
    """Register the handlers of the table in the module docstring on ``app``."""

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(request.url.path, exc.status, exc.message, exc.code,
                              exc.headers)

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        details = validation_details(exc.errors())
        return error_response(request.url.path, 422, validation_message(details),
                              "invalid_request", details=details)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = exc.detail if isinstance(exc.detail, str) else _CODES.get(exc.status_code,
                                                                             "error")
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error_response(request.url.path, exc.status_code, message,
                              headers=exc.headers)

    async def too_large(request: Request, exc: Exception) -> Response:
        return error_response(request.url.path, 413, str(exc), "too_large")

    async def unusable(request: Request, exc: Exception) -> Response:
        return error_response(request.url.path, 422, str(exc), "unusable_input")

    async def bad_argument(request: Request, exc: Exception) -> Response:
        return error_response(request.url.path, 400, str(exc), "bad_argument")

    async def store_down(request: Request, exc: Exception) -> Response:
        log.error("store error on %s %s: %s", request.method, request.url.path, exc)
        return error_response(request.url.path, 503, "the store cannot answer right now",
                              "store_unavailable")

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(TooLargeError, too_large)
    app.add_exception_handler(InputError, unusable)
    app.add_exception_handler(ConfigError, bad_argument)
    app.add_exception_handler(StoreError, store_down)
