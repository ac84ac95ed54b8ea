"""A request body in (JSON, or a multipart form with a file); checked values, Sources and
Articles out, or an :class:`~launderlens.web.errors.ApiError` that says what was wrong.

The body itself is capped by :class:`~launderlens.web.guard.BodyLimit` before any of
this reads it; an uploaded file is spooled to disk by the form parser past 1 MB, and read
here up to the same cap. Fetching a URL follows ingest's rules (:mod:`launderlens.ingest.fetch`):
http(s) only, private addresses refused unless the settings allow them.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData, UploadFile

from ..errors import InputError
from ..ingest.readers import ReadOptions, Source, read_source
from ..model import Article, Rejection
from .errors import ApiError, validation_details, validation_message
from .guard import size_text

__all__ = ["body_kind", "fetch_article", "first_article", "form_file", "form_text",
           "json_body", "parse_published", "read_form", "upload_source"]

M = TypeVar("M", bound=BaseModel)

#: The readers a form or request may name: ingest's (``launderlens ingest --format``).
READ_FORMATS = ("auto", "text", "html", "json", "csv", "feed", "warc", "wacz")
_NAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_LEAP_SECOND = re.compile(r"(\d\d:\d\d):60(?!\d)")
# JSON joins an escaped pair into one character, so any surrogate left is a lone one.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def body_kind(request: Request) -> Literal["json", "form"]:
    """Which body the request sends; 415 for anything else."""
    ctype = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if ctype == "application/json" or (ctype.startswith("application/")
                                       and ctype.endswith("+json")):
        return "json"
    if ctype == "multipart/form-data":
        return "form"
    raise ApiError(415, "send application/json, or multipart/form-data with a file "
                   f"(not {ctype or 'a body without a Content-Type'})")


async def json_value(request: Request) -> Any:
    """The body parsed as JSON; 400 when it is not JSON."""
    body = await request.body()
    if not body.strip():
        raise ApiError(400, "the request body is empty; send a JSON object", "malformed_json")
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as err:
        where = f" at line {err.lineno} column {err.colno}" if isinstance(
            err, json.JSONDecodeError) else ""
        raise ApiError(400, f"the request body is not valid JSON{where}",
                       "malformed_json") from None


async def json_body(request: Request, model: type[M]) -> M:
    """The body as ``model``; 400 for malformed JSON, 422 naming each invalid field, or
    the first that holds a lone surrogate."""
    value = await json_value(request)
    where = lone_surrogate_at(value)
    if where is not None:
        raise ApiError(422, f"invalid request: {where or 'body'} holds a lone UTF-16 "
                       "surrogate (a \\ud800-\\udfff escape without its pair), which is "
                       "no character; send the text as UTF-8", "invalid_request")
    return validated(model, value)


def lone_surrogate_at(value: Any, where: str = "") -> str | None:
    """The path (``b.text``, ``tags[1]``) of the first string in a parsed JSON value that
    holds a lone surrogate, or None. ``"\\ud800"`` is valid JSON but no character: it
    cannot be encoded, so left in it fails wherever the text is written out."""
    if isinstance(value, str):
        return where if _SURROGATE.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = lone_surrogate_at(key, where) if isinstance(key, str) else None
            found = found if found is not None else lone_surrogate_at(
                item, f"{where}.{key}" if where else str(key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = lone_surrogate_at(item, f"{where}[{index}]")
            if found is not None:
                return found
    return None


def validated(model: type[M], value: Any) -> M:
    try:
        return model.model_validate(value)
    except ValidationError as err:
        details = validation_details(err.errors())
        raise ApiError(422, validation_message(details), "invalid_request") from None


@asynccontextmanager
async def read_form(request: Request, max_bytes: int) -> AsyncIterator[FormData]:
    """The multipart form, its spooled files closed when the block ends."""
    async with request.form(max_files=1, max_fields=20, max_part_size=max_bytes) as form:
        yield form


def form_text(form: FormData, name: str, max_chars: int = 4096) -> str | None:
    """A text field, stripped; None when absent or blank; 422 when it is a file or long."""
    value = form.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiError(422, f"form field {name!r} must be text, not a file")
    if len(value) > max_chars:
        raise ApiError(422, f"form field {name!r} is longer than {max_chars} characters")
    return value.strip() or None


def form_file(form: FormData, name: str = "file") -> UploadFile | None:
    """The uploaded file, or None when the field is absent or an empty file input."""
    value = form.get(name)
    if value is None or isinstance(value, str):
        return None
    return value if value.filename or value.size else None


def safe_name(filename: str | None) -> str:
    """An upload's name as it appears in messages: its last part, plain characters only
    (the suffix still tells the readers the format)."""
    base = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    return _NAME_CHARS.sub("_", base)[-120:].strip("._") or "upload"


async def upload_bytes(upload: UploadFile, max_bytes: int) -> bytes:
    data = await upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ApiError(413, f"the file is over the {size_text(max_bytes)} limit")
    return data


async def upload_source(upload: UploadFile, max_bytes: int) -> Source:
    """The uploaded file as a Source named ``upload:NAME``."""
    data = await upload_bytes(upload, max_bytes)
    return Source.from_bytes(f"upload:{safe_name(upload.filename)}", data,
                             content_type=upload.content_type)


def named_stream(data: bytes, name: str) -> io.BytesIO:
    """``data`` as a binary stream whose ``name`` an importer can read a suffix from."""
    stream = io.BytesIO(data)
    stream.name = name
    return stream


def read_format(value: str | None) -> str | None:
    """A reader name from a form (None: detect per file); 422 lists the allowed ones."""
    if value is None or value == "auto":
        return None
    if value not in READ_FORMATS:
        raise ApiError(422, f"unknown format {value!r}; choose one of: "
                       f"{', '.join(READ_FORMATS)}")
    return value


def parse_published(value: str | None) -> datetime | None:
    """An ISO 8601 date or datetime; a naive one is UTC; 422 when it is neither."""
    if value is None or not value.strip():
        return None
    # Upper case: RFC 3339 allows "t" and "z", which fromisoformat does not read; and a
    # leap second (":60") is kept as the second before it.
    text = _LEAP_SECOND.sub(r"\1:59", value.strip().upper())
    try:
        when = datetime.fromisoformat(text)
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        when.astimezone(UTC)  # year 1 at +05:00 is before the first representable instant
    except (ValueError, OverflowError):
        raise ApiError(422, f"published {value!r} is not a date; write YYYY-MM-DD or an "
                       "ISO 8601 datetime") from None
    return when


def first_article(source: Source, options: ReadOptions, fmt: str | None = None) -> Article:
    """The first article in ``source``, as ``launderlens analyze FILE`` takes it; 422 with
    the reader's reason when it holds none."""
    reasons = []
    for result in read_source(source, options, fmt):
        if isinstance(result, Article):
            return result
        reasons.append(result.reason)
    raise ApiError(422, f"{source.name}: " + (reasons[0] if reasons else "no article found"),
                   "unusable_input")


def fetch_article(url: str, options: ReadOptions) -> Article:
    """The article at ``url``, fetched as ingest fetches (InputError with the reason)."""
    from ..ingest import is_url, iter_sources

    if not is_url(url):
        raise ApiError(422, "a URL must start with http:// or https://")
    for source in iter_sources([url], options):
        if isinstance(source, Rejection):
            raise InputError(source.reason)
        for result in read_source(source, options):
            if isinstance(result, Rejection):
                raise InputError(result.reason)
            return result
    raise InputError("no article found at that address")


def with_fields(article: Article, *, title: str | None = None, outlet: str | None = None,
                url: str | None = None, published: datetime | None = None) -> Article:
    """``article`` with the fields a form or request adds where the file said nothing
    (built anew, so the id covers them as it would at ingest)."""
    if not any((title and not article.title, outlet and not article.outlet,
                url and not article.url, published and not article.published)):
        return article
    return Article.create(article.text, title=article.title or title,
                          url=article.url or url, outlet=article.outlet or outlet,
                          domain=article.domain,
                          section=article.section, byline=article.byline,
                          published=article.published or published, language=article.language,
                          source_format=article.source_format, meta=article.meta)
