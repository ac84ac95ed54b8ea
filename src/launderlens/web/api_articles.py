"""``/api/articles``: stored articles in the store; listed with filters, one with its
sentences, or one's report (JSON, Markdown or standalone HTML)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from starlette.responses import JSONResponse, Response

from ..model import Article
from .payload import parse_published
from .reports import ReportFormat, article_by_ref, report_response, stored_article_report
from .schemas import (
    PUBLISHED_DOC,
    PUBLISHED_YEAR,
    ArticleDetail,
    ArticleList,
    ReportOut,
    error_responses,
)
from .services import Services, get_services

__all__ = ["article_summary", "router"]

router = APIRouter(prefix="/api/articles", tags=["articles"],
                   responses=error_responses(401, 422, 503))

ArticleRef = Annotated[str, Path(pattern=r"^[0-9a-fA-F]{4,64}$",
                                 description="An article id, or a unique prefix of 4+ digits")]


def article_summary(article: Article) -> dict[str, Any]:
    """An article as ``launderlens articles --json`` lists it."""
    return {"id": article.id, "title": article.title, "outlet": article.outlet or article.domain,
            "section": article.section,
            "published": article.published.isoformat() if article.published else None,
            "url": article.url}


@router.get("", response_model=ArticleList, summary="List stored articles, newest first")
def list_articles(
    services: Annotated[Services, Depends(get_services)],
    outlet: Annotated[str | None, Query(max_length=500,
                                        description="Outlet name or domain, any case")] = None,
    since: Annotated[str | None, Query(
        min_length=1, max_length=64, pattern=PUBLISHED_YEAR, json_schema_extra=PUBLISHED_DOC,
        description="Published on or after (ISO 8601 date or datetime; naive is UTC)")] = None,
    until: Annotated[str | None, Query(min_length=1, max_length=64, pattern=PUBLISHED_YEAR,
                                       json_schema_extra=PUBLISHED_DOC,
                                       description="Published before")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    q: Annotated[str | None, Query(max_length=500, description=(
        "Search words: only articles whose title or text holds every one (lowered, not "
        "stemmed; the store's full-text index)"))] = None,
) -> Response:
    rows = services.store.list_articles(outlet=outlet or None, since=parse_published(since),
                                        until=parse_published(until), limit=limit,
                                        offset=offset, search=q or None)
    return JSONResponse({"articles": [article_summary(a) for a in rows], "limit": limit,
                         "offset": offset})


@router.get("/{article_id}", response_model=ArticleDetail,
            responses=error_responses(400, 404), summary="One article with its sentences")
def get_article(article_id: ArticleRef,
                services: Annotated[Services, Depends(get_services)]) -> Response:
    article = article_by_ref(services, article_id)
    sentences = services.store.sentences(article.id)
    return JSONResponse({**article.as_dict(), "sentences": [s.as_dict() for s in sentences]})


@router.get("/{article_id}/report", response_model=ReportOut,
            responses={**error_responses(400, 404),
                       200: {"content": {"text/markdown": {"schema": {"type": "string"}},
                                         "text/html": {"schema": {"type": "string"}}},
                             "description": "The report in the format asked for"}},
            summary="The article's report: JSON, Markdown or a standalone HTML page")
def article_report(article_id: ArticleRef,
                   services: Annotated[Services, Depends(get_services)],
                   fmt: Annotated[ReportFormat, Query(alias="format")] = "json") -> Response:
    report = stored_article_report(services, article_id)
    return report_response(report, fmt, report["article"]["id"])
