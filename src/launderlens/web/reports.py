"""A stored article or story (or an analysis of a pasted text) in; a report out, as the
report dict of :mod:`launderlens.report`, or rendered as JSON, Markdown or the standalone
HTML page with its own Content-Security-Policy.

The reports are the library's (:func:`~launderlens.report.article_report`,
:func:`~launderlens.report.story_report`); this module only finds what they need in the
store, as ``launderlens report`` does: a stored article that belongs to a story of more
than one article is reported with its story's context.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from ..claims.analyze import Analysis
from ..errors import ConfigError
from ..model import Article
from ..report import article_report, build_provenance, render_html, render_markdown, story_report
from ..rewrites.stories import StoryView
from .errors import not_found
from .services import Services

__all__ = ["ReportFormat", "analysis_report", "article_by_ref", "report_response",
           "stored_article_report", "stored_story_report", "story_by_ref"]

ReportFormat = Literal["json", "md", "html"]

_META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
# If the renderer ever stops writing its policy, the page still runs nothing.
_FALLBACK_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'"


def article_by_ref(services: Services, ref: str) -> Article:
    """The stored article whose id is ``ref`` or starts with it; 404 when none is."""
    store = services.store
    try:
        full_id = store.resolve_id(ref)
    except KeyError:
        raise not_found(f"no article with an id starting {ref!r}") from None
    article = store.get_article(full_id)
    if article is None:  # deleted between the two calls
        raise not_found(f"no article with id {full_id!r}")
    return article


def story_by_ref(services: Services, ref: str) -> StoryView:
    """The story with id ``ref`` (or holding that article), its copies compared with its
    origin; 404 when there is none."""
    story = services.store.get_story(ref)
    if story is None:
        raise not_found(f"no story with an id starting {ref!r}, nor one holding such an "
                        "article (stories come from `launderlens cluster`)")
    return services.story_view(story)


def _provenance(services: Services, *, compared: bool) -> dict[str, Any]:
    return build_provenance(analyzer=services.analyzer,
                            comparer=services.comparer if compared else None,
                            store=services.store, catalogue=services.catalogue())


def stored_article_report(services: Services, ref: str) -> dict[str, Any]:
    """The report of a stored article, with its story when it has one."""
    article = article_by_ref(services, ref)
    analysis = services.analyze(article)
    view = None
    try:
        story = services.store.get_story(article.id)
    except ConfigError:  # the id is also a prefix of several story ids: report it alone
        story = None
    if story is not None and len(story.members) > 1:
        view = services.story_view(story)
    return article_report(analysis, story_view=view,
                          provenance=_provenance(services, compared=view is not None))


def stored_story_report(services: Services, ref: str) -> dict[str, Any]:
    """The report of a story with every member analysed."""
    view = story_by_ref(services, ref)
    analyses = {m.article.id: services.analyze(m.article) for m in view.members}
    from .network_view import network_graph  # built once per change of the store
    return story_report(view, analyses, network=network_graph(services),
                        provenance=_provenance(services, compared=True))


def analysis_report(services: Services, analysis: Analysis) -> dict[str, Any]:
    """The report of an article analysed on its own (pasted, uploaded or fetched)."""
    return article_report(analysis, provenance=build_provenance(
        analyzer=services.analyzer, catalogue=services.catalogue()))


def report_response(report: dict[str, Any], fmt: ReportFormat, name: str) -> Response:
    """``report`` in ``fmt``; ``name`` (an id: hex digits only) names a downloaded file."""
    if fmt == "json":
        return JSONResponse(report)
    if fmt == "md":
        return PlainTextResponse(render_markdown(report), media_type="text/markdown",
                                 headers={"content-disposition":
                                          f'inline; filename="launderlens-{name}.md"'})
    page = render_html(report)
    head = page[: max(page.find("</head>"), 0)]
    found = _META_POLICY.search(head)
    # The page's inline stylesheet is admitted by its hash; the app's own policy (style
    # from /static only) would leave the standalone report unstyled.
    policy = (found.group(1) if found else _FALLBACK_POLICY) + "; frame-ancestors 'none'"
    return HTMLResponse(page, headers={"content-security-policy": policy})
