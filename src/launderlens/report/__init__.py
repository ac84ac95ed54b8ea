"""Reports: an analysed article or story in; one schema-versioned JSON structure out, and
that structure rendered as Markdown or as a standalone HTML page.

::

    from launderlens.report import article_report, render_html
    report = article_report(analysis, story_view=view)   # plain, JSON-ready dict
    page = render_html(report)                           # opens offline, nothing executable

``schema.json`` (:func:`load_schema`) documents the structure; :data:`SCHEMA_ID` names its
version. Renderers read only the report dict, so the web app can reuse them as they are.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .build import SCHEMA_ID, article_report, build_provenance, story_report
from .html import render_html
from .markdown import render_markdown

__all__ = ["SCHEMA_ID", "article_report", "build_provenance", "load_schema", "render_html",
           "render_markdown", "story_report"]


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the reports this package builds."""
    text = resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
