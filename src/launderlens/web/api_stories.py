"""``/api/stories``: the stories of the last ``launderlens cluster``; listed largest first,
one with every copy compared with its origin, or one's report."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from starlette.responses import JSONResponse, Response

from .reports import ReportFormat, report_response, stored_story_report, story_by_ref
from .schemas import ReportOut, StoryDetail, StoryList, error_responses
from .services import Services, get_services

__all__ = ["router"]

router = APIRouter(prefix="/api/stories", tags=["stories"],
                   responses=error_responses(401, 422, 503))

StoryRef = Annotated[str, Path(pattern=r"^[0-9a-fA-F]{4,64}$",
                               description="A story id or unique prefix, or the id of one "
                                           "of its articles")]


@router.get("", response_model=StoryList, summary="List stories, largest first")
def list_stories(services: Annotated[Services, Depends(get_services)],
                 min_size: Annotated[int, Query(ge=1, le=100_000)] = 2,
                 limit: Annotated[int, Query(ge=1, le=500)] = 50) -> Response:
    store = services.store
    found = store.list_stories(min_size=min_size, limit=limit)
    origins = {s.origin: store.get_article(s.origin) for s in found}
    return JSONResponse({"stories": [
        {**s.as_dict(), "origin_title": getattr(origins.get(s.origin), "title", None)}
        for s in found]})


@router.get("/{story_id}", response_model=StoryDetail, responses=error_responses(400, 404),
            summary="One story: members in time order, each copy against the origin")
def get_story(story_id: StoryRef,
              services: Annotated[Services, Depends(get_services)]) -> Response:
    return JSONResponse(story_by_ref(services, story_id).as_dict())


@router.get("/{story_id}/report", response_model=ReportOut,
            responses={**error_responses(400, 404),
                       200: {"content": {"text/markdown": {"schema": {"type": "string"}},
                                         "text/html": {"schema": {"type": "string"}}},
                             "description": "The report in the format asked for"}},
            summary="The story's report: JSON, Markdown or a standalone HTML page")
def story_report(story_id: StoryRef, services: Annotated[Services, Depends(get_services)],
                 fmt: Annotated[ReportFormat, Query(alias="format")] = "json") -> Response:
    report = stored_story_report(services, story_id)
    return report_response(report, fmt, report["story"]["id"])
