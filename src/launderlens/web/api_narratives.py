"""``/api/narratives``: the store's catalogue of known narratives and fact-checks; listed,
searched behind paraphrase, or added to from an uploaded file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from ..errors import ConfigError
from ..narratives import ImportSummary
from ..narratives.importers import FORMATS
from .errors import ApiError
from .openapi import request_body
from .payload import (
    body_kind,
    form_file,
    form_text,
    named_stream,
    read_form,
    safe_name,
    upload_bytes,
)
from .schemas import (
    NarrativeImportOut,
    NarrativeImportUpload,
    NarrativeList,
    NarrativeSearch,
    error_responses,
)
from .services import Services, get_services

__all__ = ["Imported", "import_catalogue", "router"]

#: The catalogue formats a field map applies to.
MAPPED_FORMATS = ("csv", "jsonl")

router = APIRouter(prefix="/api/narratives", tags=["narratives"],
                   responses=error_responses(401, 422, 503))


@router.get("", response_model=NarrativeList | NarrativeSearch,
            summary="Search the catalogue (with q), else list it in id order")
def narratives(services: Annotated[Services, Depends(get_services)],
               q: Annotated[str | None, Query(max_length=2000,
                                              description="Text to search for")] = None,
               top: Annotated[int, Query(ge=1, le=100)] = 5,
               origin: Annotated[str | None, Query(max_length=200, description=(
                   "When listing: only records from this source ('csv:*' for any CSV)"))] = None,
               limit: Annotated[int, Query(ge=1, le=500)] = 50,
               offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> Response:
    if q is not None and q.strip():
        with services.lock:
            matches = services.matcher.search(q, top)
            threshold = services.matcher.threshold
        return JSONResponse({"query": q, "threshold": threshold,
                             "results": [m.as_dict() for m in matches]})
    store = services.store
    records = store.list_narratives(origin=origin or None, limit=limit, offset=offset)
    return JSONResponse({"total": store.count_narratives(),
                         "records": [r.as_dict() for r in records]})


@dataclass(frozen=True)
class Imported:
    """What an import did: the summary, the catalogue's size after, and notes on what was
    done other than asked."""

    summary: ImportSummary
    total: int
    notes: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {**self.summary.as_dict(), "catalogue_size": self.total, "notes": self.notes}


def import_catalogue(services: Services, data: bytes, name: str, fmt: str,
                     field_map: str | None, list_separator: str | None) -> Imported:
    """Import ``data`` (a file called ``name``) into the catalogue. Bad records are counted
    in the summary, not raised; a field map or file that cannot be used at all (the map
    names a column the file lacks, or breaks the map's rules) is 422 ``unusable_input``.

    A map sent with a format that takes none is ignored with a note rather than refused:
    the web form offers one map field for every format, and the records can be read
    without it."""
    from ..narratives import import_records

    if fmt not in FORMATS:
        raise ApiError(422, f"unknown format {fmt!r}; formats are: {', '.join(FORMATS)}")
    notes = []
    if field_map is not None and fmt not in MAPPED_FORMATS:
        notes.append(f"the field map applies to {' and '.join(MAPPED_FORMATS)}; it was "
                     f"ignored for {fmt}")
        field_map = None
    try:
        items = import_records(named_stream(data, name), fmt, field_map=field_map,
                               list_separator=list_separator or ";")
        with services.lock:
            summary = services.matcher.import_records(items)
    except ConfigError as err:
        # The map's own rules, or its fit to the file's header (read as the import
        # starts, before any record is stored): what was sent cannot be used as sent.
        raise ApiError(422, str(err), "unusable_input") from None
    return Imported(summary, services.store.count_narratives(), notes)


@router.post("/import", response_model=NarrativeImportOut,
             openapi_extra=request_body(form_model=NarrativeImportUpload),
             responses=error_responses(400, 403, 413, 415, unusable=True),
             summary="Import fact-checks or narratives from an uploaded file")
async def import_narratives(request: Request,
                            services: Annotated[Services, Depends(get_services)]) -> Response:
    if body_kind(request) != "form":
        raise ApiError(415, "send multipart/form-data with a file and its format")
    cap = services.settings.max_upload_bytes
    async with read_form(request, cap) as form:
        upload = form_file(form)
        fmt = form_text(form, "format")
        if upload is None or fmt is None:
            raise ApiError(422, f"send a file and its format ({', '.join(FORMATS)})")
        field_map, separator = form_text(form, "map"), form_text(form, "list_sep", 8)
        data = await upload_bytes(upload, cap)
        name = safe_name(upload.filename)
    imported = await run_in_threadpool(import_catalogue, services, data, name, fmt,
                                       field_map, separator)
    return JSONResponse(imported.as_dict())
