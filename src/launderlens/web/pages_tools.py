"""The pages that take input: ``/analyze`` (paste a text, upload a file or give a URL; the
report out) and ``/narratives`` (the catalogue listed and searched, and an import form).

A URL, or a text or file longer than ``Settings.inline_chars``, is analysed as a
background job (:mod:`.jobs`): the form redirects to ``/analyze/jobs/{id}``, a page that
reloads itself until the report is ready. Forms are plain POSTs, guarded against other
sites by :class:`~launderlens.web.guard.OriginCheck` and the SameSite session cookie.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from ..errors import ConfigError, LaunderlensError
from ..ingest import is_url
from ..ingest.readers import Source, parse_field_map
from ..model import Article
from ..narratives.importers import FORMATS
from .api_analysis import read_options
from .api_narratives import import_catalogue
from .errors import ApiError, not_found
from .payload import (
    READ_FORMATS,
    fetch_article,
    first_article,
    form_file,
    form_text,
    parse_published,
    read_form,
    read_format,
    safe_name,
    upload_bytes,
    upload_source,
)
from .reports import analysis_report
from .schemas import MAX_TEXT
from .services import Services, get_services
from .templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

Deps = Annotated[Services, Depends(get_services)]
PAGE = 50


def _analyze_form(status: int = 200, error: str | None = None, **values: Any) -> Response:
    return render("analyze.html", status_code=status, title="Analyze", error=error,
                  formats=READ_FORMATS, report=None, form=values)


@router.get("/analyze")
def analyze_page() -> Response:
    return _analyze_form()


def _report_of(services: Services, article: Callable[[], Article]) -> dict[str, Any]:
    return analysis_report(services, services.analyze(article()))


@router.post("/analyze")
async def analyze_submit(request: Request, services: Deps) -> Response:
    settings = services.settings
    async with read_form(request, settings.max_upload_bytes) as form:
        values = {name: form_text(form, name) or "" for name in
                  ("title", "outlet", "published", "source_url")}
        text = form_text(form, "text", MAX_TEXT)
        upload = form_file(form)
        try:
            fmt = read_format(form_text(form, "format", 16))
            published = parse_published(values["published"])
            # A CSV export names its text column, as ``ingest --map`` does.
            field_map = parse_field_map(form_text(form, "map", 1000))
        except ApiError as err:
            return _analyze_form(422, err.message, text=text or "", **values)
        except ConfigError as err:
            return _analyze_form(422, str(err), text=text or "", **values)
        given = sum(bool(x) for x in (text, upload, values["source_url"]))
        if given != 1:
            return _analyze_form(422, "Give one of: a text, a file, or a URL.",
                                 text=text or "", **values)
        source: Source | None = await upload_source(upload, settings.max_upload_bytes) \
            if upload is not None else None
    title, outlet = values["title"] or None, values["outlet"] or None
    url = values["source_url"]
    if url:
        if not is_url(url):
            return _analyze_form(422, "A URL must start with http:// or https://.", **values)
        options = read_options(services)
        job = services.jobs.submit(f"analyze {url}", lambda: _report_of(
            services, lambda: fetch_article(url, options)))
        return RedirectResponse(f"/analyze/jobs/{job.id}", status_code=303)
    if source is not None:
        options, upload_source_ = read_options(services, field_map), source
        size = source.size

        def article() -> Article:
            return first_article(upload_source_, options, fmt)
    else:
        assert text is not None
        body, size = text, len(text)

        def article() -> Article:
            return Article.create(body, title=title, outlet=outlet, published=published)
    if size > settings.inline_chars:
        job = services.jobs.submit("analyze a long text", lambda: _report_of(services, article))
        return RedirectResponse(f"/analyze/jobs/{job.id}", status_code=303)
    try:
        report = await run_in_threadpool(_report_of, services, article)
    except (ApiError, LaunderlensError) as err:
        message = err.message if isinstance(err, ApiError) else str(err)
        return _analyze_form(422, message, text=text or "", **values)
    return render("analyze.html", title="Analysis", error=None, formats=READ_FORMATS,
                  report=report, form={})


@router.get("/analyze/jobs/{job_id}")
def job_page(job_id: Annotated[str, Path(min_length=1, max_length=64)],
             services: Deps) -> Response:
    job = services.jobs.get(job_id)
    if job is None:
        raise not_found("no such job; the most recent finished jobs are kept, older ones "
                        "forgotten")
    if job.state == "done":
        return render("analyze.html", title="Analysis", error=None, formats=READ_FORMATS,
                      report=job.result, form={})
    return render("job.html", title="Analysing", job=job)


@router.get("/narratives")
def narratives_page(services: Deps,
                    q: Annotated[str | None, Query(max_length=2000)] = None,
                    origin: Annotated[str | None, Query(max_length=200)] = None,
                    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> Response:
    return _narratives(services, q=q, origin=origin, offset=offset)


def _narratives(services: Services, *, q: str | None = None, origin: str | None = None,
                offset: int = 0, status: int = 200, imported: dict[str, Any] | None = None,
                error: str | None = None) -> Response:
    query = (q or "").strip()
    store = services.store
    matches = []
    if query:
        with services.lock:
            matches = services.matcher.search(query, 10)
    records = [] if query else store.list_narratives(origin=origin or None, limit=PAGE,
                                                     offset=offset)
    return render("narratives.html", status_code=status, title="Narratives", q=query,
                  origin=origin or "", offset=offset, page=PAGE, matches=matches,
                  records=records, total=store.count_narratives(), formats=FORMATS,
                  imported=imported, error=error)


@router.post("/narratives/import")
async def narratives_import(request: Request, services: Deps) -> Response:
    cap = services.settings.max_upload_bytes
    async with read_form(request, cap) as form:
        upload = form_file(form)
        fmt = form_text(form, "format", 32) or ""
        field_map, separator = form_text(form, "map"), form_text(form, "list_sep", 8)
        if upload is None or fmt not in FORMATS:
            return _narratives(services, status=422,
                               error=f"Choose a file and its format ({', '.join(FORMATS)}).")
        data = await upload_bytes(upload, cap)
        name = safe_name(upload.filename)
    try:
        imported = await run_in_threadpool(import_catalogue, services, data, name, fmt,
                                           field_map, separator)
    except (ApiError, LaunderlensError) as err:
        message = err.message if isinstance(err, ApiError) else str(err)
        return _narratives(services, status=422, error=message)
    return _narratives(services, imported={**imported.as_dict(), "name": name})
