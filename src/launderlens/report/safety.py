"""Untrusted strings in; values that are safe to put in a link, a Markdown line or a
spreadsheet cell out.

Article text, titles, outlet names and URLs are written by the people launderlens exposes,
so every renderer and exporter passes them through here instead of trusting them:
:func:`http_url` admits only absolute http(s) URLs (never ``javascript:``, ``data:`` or a
relative path that a viewer would resolve against its own origin), :func:`md_escape` makes
text inert in Markdown, :func:`spreadsheet_cell` stops a cell from being read as a formula.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

__all__ = ["http_url", "md_escape", "md_url", "one_line", "spreadsheet_cell"]

#: Longest URL kept as a link; anything longer is shown as text (browsers cap near here).
MAX_URL_CHARS = 4096


def http_url(value: object) -> str | None:
    """``value`` when it is an absolute http or https URL with a host, else None.

    Control and whitespace characters are refused outright rather than stripped: a browser
    strips some of them ("java\\tscript:") and a check that strips fewer would be fooled.
    """
    if not isinstance(value, str) or not value or len(value) > MAX_URL_CHARS:
        return None
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
        return None
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return value


def one_line(value: object) -> str:
    """``value`` as text on one line: a title with a newline must not start a new block."""
    return " ".join(str("" if value is None else value).split())


# Characters with a meaning anywhere in a CommonMark/GFM line: emphasis, code, links and
# images (brackets; a parenthesis means nothing without them), raw HTML and entities,
# table cells, strikethrough, math and attribute syntax in some renderers.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~&$])")
# What only means something at the start of a line: lists, quotes, headings, rules.
_MD_LINE_START = re.compile(r"^(\s*)([-+=>:])")
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])")


def md_escape(value: object, *, start_of_line: bool = True) -> str:
    """``value`` as Markdown text that renders as itself (no link, HTML, emphasis, list).

    ``start_of_line`` False is for a piece placed after other text on its line: its first
    line keeps its leading spaces, which only matter at the start of a line.
    """
    text = _MD_INLINE.sub(r"\\\1", str("" if value is None else value))
    lines = []
    for number, line in enumerate(text.split("\n")):
        if number == 0 and not start_of_line:
            lines.append(line)
            continue
        line = line.lstrip()  # four leading spaces would make a code block
        line = _MD_LINE_START.sub(r"\1\\\2", line)
        lines.append(_MD_ORDERED.sub(r"\1\\\2", line))
    return "\n".join(lines)


def md_url(url: str) -> str:
    """An http(s) URL (from :func:`http_url`) quoted for a Markdown link destination:
    parentheses, angle brackets and backslashes percent-encoded so it cannot end early."""
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A CSV cell that a spreadsheet will not evaluate: text starting with a formula
    character gets a leading single quote. Numbers and None pass through unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
