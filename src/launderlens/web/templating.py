"""A template name and its values in; an HTML response out, every value escaped.

Article text, titles, outlet names and URLs are written by the people launderlens
exposes, so the Jinja environment escapes everything (``autoescape=True`` for every
template, whatever its name) and offers no ``|safe`` content: templates build markup only
from fixed strings. Links to the outside go through the ``http_url`` filter, which
passes absolute http(s) URLs only; links inside the app quote each path segment
(``segment``). Undefined names raise, so a template bug fails its test instead of
rendering an empty field.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any, get_args
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.responses import HTMLResponse

from .. import __version__
from ..findings import FindingKind
from ..report.safety import http_url

__all__ = ["environment", "path_segment", "render", "render_text"]

SEVERITIES = ("high", "medium", "low")
#: Every kind a finding can be, read off the model so that a new kind is filterable at once.
FINDING_KINDS: tuple[str, ...] = get_args(FindingKind)


def path_segment(value: object) -> str:
    """``value`` as one path segment: every reserved character percent-encoded, and a
    segment of dots (which a browser would resolve as ``..``) encoded too."""
    text = quote(str(value), safe="")
    return text.replace(".", "%2E") if set(text) <= {"."} else text


def when(value: object) -> str:
    """A date or datetime (or its ISO string) to the minute, with its UTC offset."""
    if value is None or value == "":
        return "date unknown"
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return str(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def hours(seconds: object) -> str:
    if not isinstance(seconds, int | float):
        return ""
    return f"{seconds / 3600:+.1f} h"


def excerpt(value: object, limit: int = 240) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def last_positions(segments: list[dict[str, Any]]) -> dict[int, int]:
    """For each finding, the last text segment it covers: its footnote number goes there."""
    last: dict[int, int] = {}
    for position, segment in enumerate(segments):
        for index in segment["findings"]:
            last[int(index)] = position
    return last


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("launderlens.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["http_url"] = http_url
    env.filters["segment"] = path_segment
    env.filters["when"] = when
    env.filters["hours"] = hours
    env.filters["excerpt"] = excerpt
    env.globals.update(version=__version__, severities=SEVERITIES, last_positions=last_positions,
                       finding_kinds=FINDING_KINDS)
    return env


def render_text(template: str, /, **values: Any) -> str:
    """``template`` filled in; pages show the navigation unless ``signed_in`` is False."""
    values.setdefault("signed_in", True)
    return environment().get_template(template).render(**values)


def render(template: str, /, status_code: int = 200, headers: dict[str, str] | None = None,
           **values: Any) -> HTMLResponse:
    return HTMLResponse(render_text(template, **values), status_code=status_code,
                        headers=headers)
