"""The pages for browsing the store: requests in, server-rendered HTML out.

``/`` the inbox, ``/articles/{id}`` an article's report, ``/stories/{id}`` a story's copies
in aligned columns with its timeline, ``/outlets/{name}`` an outlet's articles and stories,
and each report as a file (``report.html`` is the standalone page with its own policy).
Endpoints are plain functions: FastAPI runs them on its thread pool.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from starlette.responses import Response

from .errors import ApiError, not_found
from .inbox import InboxFilters, inbox, outlet_page, recent_alerts
from .outlet_profile import outlet_profile
from .payload import parse_published
from .reports import ReportFormat, report_response, stored_article_report, stored_story_report
from .services import Services, get_services
from .templating import FINDING_KINDS, render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

Ref = Annotated[str, Path(min_length=1, max_length=64)]
Deps = Annotated[Services, Depends(get_services)]
Text = Annotated[str | None, Query(max_length=500)]


def _date(value: str | None, name: str) -> str | None:
    """A filter date as typed, or None when blank; a bad one is a 422 page."""
    value = (value or "").strip() or None
    if value is not None:
        try:
            parse_published(value)
        except ApiError:
            raise ApiError(422, f"{name} must be a date such as 2025-03-01") from None
    return value


@router.get("/")
def inbox_page(services: Deps, outlet: Text = None, since: Text = None, until: Text = None,
               kind: Text = None, q: Text = None) -> Response:
    chosen_kind = (kind or "").strip() or None
    if chosen_kind is not None and chosen_kind not in FINDING_KINDS:
        raise ApiError(422, f"unknown finding kind; choose one of {', '.join(FINDING_KINDS)}")
    since_text, until_text = _date(since, "since"), _date(until, "until")
    filters = InboxFilters(outlet=(outlet or "").strip() or None,
                           since=parse_published(since_text), until=parse_published(until_text),
                           kind=chosen_kind, q=(q or "").strip() or None)
    articles, stories = inbox(services, filters)
    form = {"outlet": filters.outlet or "", "since": since_text or "",
            "until": until_text or "", "kind": chosen_kind or "", "q": filters.q or ""}
    return render("inbox.html", title="Inbox", articles=articles, stories=stories, form=form,
                  filtered=filters.active, window=services.settings.inbox_window,
                  alerts=recent_alerts(services))


@router.get("/articles/{article_id}")
def article_page(article_id: Ref, services: Deps) -> Response:
    report = stored_article_report(services, article_id)
    article = report["article"]
    return render("article.html", title=article["title"] or article["id"], report=report,
                  downloads=f"/articles/{article['id']}/report")


@router.get("/articles/{article_id}/report.{fmt}")
def article_report_file(article_id: Ref, fmt: ReportFormat, services: Deps) -> Response:
    report = stored_article_report(services, article_id)
    return report_response(report, fmt, report["article"]["id"])


@router.get("/stories/{story_id}")
def story_page(story_id: Ref, services: Deps) -> Response:
    report = stored_story_report(services, story_id)
    story = report["story"]
    return render("story.html", title=f"Story {story['id']}", report=report,
                  downloads=f"/stories/{story['id']}/report")


@router.get("/stories/{story_id}/report.{fmt}")
def story_report_file(story_id: Ref, fmt: ReportFormat, services: Deps) -> Response:
    report = stored_story_report(services, story_id)
    return report_response(report, fmt, report["story"]["id"])


@router.get("/outlets/{name:path}")
def outlet(name: Annotated[str, Path(min_length=1, max_length=500)],
           services: Deps) -> Response:
    articles, stories = outlet_page(services, name)
    if not articles:
        raise not_found(f"no stored articles from an outlet named {name!r}")
    shown = articles[0].article.outlet or articles[0].article.domain or name
    # The outlet record (indicators, look-alike flags, affiliation), by domain first.
    first = articles[0].article
    profile = outlet_profile(services.store, services.analyzer.kb,
                             first.domain or first.outlet or name)
    from .network_view import network_graph  # built once per change of the store
    network = next((n for n in network_graph(services).networks
                    if any(o.name == shown or (first.domain and first.domain in o.domains)
                           for o in n.outlets)), None)
    return render("outlet.html", title=shown, name=shown, articles=articles,
                  stories=stories, window=services.settings.inbox_window, profile=profile,
                  network=network)
