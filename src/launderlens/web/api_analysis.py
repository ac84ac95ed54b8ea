"""``POST /api/analyze``, ``/api/compare`` and ``/api/ingest``: articles in (JSON, or an
uploaded file); what ``launderlens analyze --json``, ``compare --json`` and ``ingest
--json`` print out.

The endpoints read their bodies themselves (one route takes JSON or a multipart upload),
then run the work on a worker thread, so the event loop never waits on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from ..errors import FormatError
from ..ingest import IngestReport
from ..ingest.readers import ReadOptions, Source, parse_field_map, read_source
from ..model import Article, Rejection, Sentence
from ..store import Store
from .errors import ApiError
from .openapi import request_body
from .payload import (
    body_kind,
    first_article,
    form_file,
    form_text,
    json_body,
    json_value,
    parse_published,
    read_form,
    read_format,
    upload_source,
    with_fields,
)
from .reports import article_by_ref
from .schemas import (
    ARTICLE_MAP,
    MAX_TEXT,
    AnalysisOut,
    AnalyzeRequest,
    AnalyzeUpload,
    CompareRequest,
    CompareSide,
    ComparisonOut,
    IngestOut,
    IngestRequest,
    IngestUpload,
    StoredSide,
    error_responses,
)
from .services import Services, get_services

__all__ = ["article_from_request", "read_options", "router", "store_articles"]

router = APIRouter(prefix="/api", responses=error_responses(401, 403, 413, 415, 422, 503))

#: Articles written to the store per transaction, as ingest does.
BATCH = 500


def read_options(services: Services, field_map: dict[str, str] | None = None) -> ReadOptions:
    """Ingest's reading rules with the server's fetch settings. The article cap stays
    ingest's: an upload is already capped by the request size, a fetched page by this."""
    settings = services.settings
    return ReadOptions(field_map=field_map or {}, allow_private=settings.allow_private,
                       timeout=settings.fetch_timeout)


def _text(value: str, name: str = "text") -> str:
    if not value.strip():
        raise ApiError(422, f"{name} is empty: send the article's text")
    return value


async def article_from_request(request: Request, services: Services) -> Article:
    """The article a JSON body or a multipart form (a file, or a ``text`` field) sends."""
    if body_kind(request) == "json":
        body = await json_body(request, AnalyzeRequest)
        return Article.create(_text(body.text), title=body.title, outlet=body.outlet,
                              url=body.url, published=parse_published(body.published))
    cap = services.settings.max_upload_bytes
    async with read_form(request, cap) as form:
        title, outlet = form_text(form, "title"), form_text(form, "outlet")
        url = form_text(form, "url")
        published = parse_published(form_text(form, "published", 64))
        upload = form_file(form)
        if upload is None:
            text = form_text(form, "text", MAX_TEXT)
            if text is None:
                raise ApiError(422, "send a file (form field 'file') or the text (field "
                               "'text')")
            return Article.create(text, title=title, outlet=outlet, url=url,
                                  published=published)
        fmt = read_format(form_text(form, "format", 16))
        # A CSV export names its text column in the map, as ``ingest --map`` does.
        options = read_options(services, parse_field_map(form_text(form, "map")))
        source = await upload_source(upload, cap)
    article = await run_in_threadpool(first_article, source, options, fmt)
    return with_fields(article, title=title, outlet=outlet, url=url, published=published)


@router.post("/analyze", tags=["analysis"], response_model=AnalysisOut,
             openapi_extra=request_body(AnalyzeRequest, AnalyzeUpload),
             responses=error_responses(400, unusable=True),
             summary="Claims, sourcing, dated checks and known narratives of one article")
async def analyze(request: Request,
                  services: Annotated[Services, Depends(get_services)]) -> Response:
    article = await article_from_request(request, services)
    analysis = await run_in_threadpool(services.analyze, article)
    return JSONResponse(analysis.as_dict())


def _side(services: Services, side: CompareSide) -> Article:
    if isinstance(side, StoredSide):
        return article_by_ref(services, side.id)
    return Article.create(_text(side.text), title=side.title, outlet=side.outlet,
                          published=parse_published(side.published))


def _compare(services: Services, body: CompareRequest) -> dict[str, Any]:
    a, b = _side(services, body.a), _side(services, body.b)
    return services.comparer.compare(a, b).as_dict()


@router.post("/compare", tags=["analysis"], response_model=ComparisonOut,
             openapi_extra=request_body(CompareRequest),
             responses=error_responses(400, 404),
             summary="Align article b onto article a, sentence by sentence")
async def compare(request: Request,
                  services: Annotated[Services, Depends(get_services)]) -> Response:
    if body_kind(request) != "json":
        raise ApiError(415, 'send application/json: {"a": {...}, "b": {...}}')
    body = await json_body(request, CompareRequest)
    return JSONResponse(await run_in_threadpool(_compare, services, body))


def _records(value: Any) -> list[Any]:
    """The records of an ingest body: one object, a list, or ``{"articles": [...]}``."""
    if isinstance(value, dict) and "text" not in value and isinstance(value.get("articles"),
                                                                         list):
        value = value["articles"]
    records = value if isinstance(value, list) else [value]
    if not all(isinstance(r, dict) for r in records):
        raise ApiError(422, 'send an article object, a list of them, or {"articles": [...]}')
    return records


def _from_records(records: list[Any], field_map: dict[str, str]
                  ) -> Iterable[Article | Rejection]:
    from ..ingest.readers.jsonl import record_to_article

    for index, record in enumerate(records):
        try:
            yield record_to_article(record, field_map)
        except FormatError as err:
            yield Rejection(f"request[{index}]", str(err))


def store_articles(store: Store, results: Iterable[Article | Rejection]) -> IngestReport:
    """Segment and store the articles, record the rejections, in batches; what ingest
    reports. The same steps as :func:`launderlens.ingest.ingest`, for what is already
    in memory rather than in files."""
    from ..ingest.segment import segment

    report = IngestReport()
    articles: list[tuple[Article, list[Sentence]]] = []
    rejections: list[Rejection] = []

    def flush() -> None:
        if articles:
            added = store.add_articles(articles)
            report.stored.extend(added.stored)
            report.duplicates.extend(added.duplicates)
            report.rejected.extend(added.rejected)
        if rejections:
            store.add_rejections(rejections)
        articles.clear()
        rejections.clear()

    for result in results:
        if isinstance(result, Rejection):
            rejections.append(result)
            report.rejected.append(result)
        else:
            articles.append((result, segment(result)))
        if len(articles) + len(rejections) >= BATCH:
            flush()
    flush()
    return report


def _ingest_source(services: Services, source: Source, options: ReadOptions,
                   fmt: str | None) -> IngestReport:
    return store_articles(services.store, read_source(source, options, fmt))


@router.post("/ingest", tags=["ingest"], response_model=IngestOut,
             openapi_extra=request_body(IngestRequest, IngestUpload),
             responses=error_responses(400),
             summary="Store articles sent as JSON or in an uploaded file")
async def ingest(request: Request, services: Annotated[Services, Depends(get_services)],
                 field_map: Annotated[str | None, Query(
                     alias="map", max_length=1000, pattern=ARTICLE_MAP,
                     description="JSON field names for article fields: text=body,...")] = None,
                 ) -> Response:
    if body_kind(request) == "json":
        options = read_options(services, parse_field_map(field_map))
        records = _records(await json_value(request))
        report = await run_in_threadpool(store_articles, services.store,
                                         _from_records(records, dict(options.field_map)))
        return JSONResponse(report.as_dict())
    cap = services.settings.max_upload_bytes
    async with read_form(request, cap) as form:
        upload = form_file(form)
        if upload is None:
            raise ApiError(422, "send the articles as a file (form field 'file')")
        fmt = read_format(form_text(form, "format", 16))
        options = read_options(services, parse_field_map(form_text(form, "map") or field_map))
        source = await upload_source(upload, cap)
    report = await run_in_threadpool(_ingest_source, services, source, options, fmt)
    return JSONResponse(report.as_dict())
