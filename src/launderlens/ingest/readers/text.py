"""Plain-text files in, one Article out: YAML front matter or a scraped header supply the
metadata, and the body is repaired where lines were broken inside sentences.

Three layouts are recognised, tried in this order:

``front matter``
    ``---`` on the first line, YAML up to the next ``---`` (or ``...``) line, then the
    body. Keys ``outlet url published title author section language domain`` fill the
    Article; any other key goes into ``meta``. The front matter is authoritative: the
    body is not searched for a header.
``outlet header``
    the layout scrapers of look-alike local sites produce: an outlet line ("Springfield
    Herald, KSPH"), a section line ("World News"), a blank line, the title, a blank line,
    the body. Every line must be short and free of sentence punctuation and the blank
    lines must be exactly there, so that an article that merely starts with short lines
    is not mistaken for one.
``title line``
    a first line of a few words without final punctuation, then a blank line, then the
    body: the line is the title, unless the segmenter reads it as a sentence running on
    into the body ("... including U.S." / "President ...").

Anything else is all body, without a title. ``meta["text_layout"]`` says which layout was
read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, time
from typing import Any

import yaml

from ...errors import FormatError, NoArticleError
from ...model import Article
from ..encoding import decode_bytes
from ..segment import is_boundary, rejoin_broken_lines
from . import ReadOptions, ReadResult, Source, published_problem

__all__ = ["read"]

_FRONT_MATTER_OPENS = re.compile(r"---[ \t]*\n")
_FRONT_MATTER = re.compile(r"---[ \t]*\n(?:(.*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)

# Front-matter keys that become Article fields, and the field each one fills.
_FIELD_KEYS = {
    "outlet": "outlet", "url": "url", "published": "published", "title": "title",
    "author": "byline", "section": "section", "language": "language", "domain": "domain",
}

_SENTENCE_PUNCTUATION = re.compile(r"[.!?…:;,]$|[.!?…] ")
_MAX_LABEL_CHARS = 80
_MAX_TITLE_CHARS = 300
_MAX_TITLE_WORDS = 40


def read(source: Source, options: ReadOptions) -> Iterator[ReadResult]:
    """Yield the one Article of a plain-text source.

    Raises DecodeError for binary data, NoArticleError for a file without text and
    FormatError for malformed front matter.
    """
    raw = source.read_capped(options.max_article_bytes)
    decoded = decode_bytes(raw)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise NoArticleError("empty file: no text")
    fields: dict[str, Any] = {"url": source.url}
    meta: dict[str, Any] = decoded.meta()
    if _FRONT_MATTER_OPENS.match(text):
        front, body = _split_front_matter(text)
        _apply_front_matter(front, fields, meta)
        meta["text_layout"] = "front matter"
    else:
        header, body, meta["text_layout"] = _split_header(text)
        fields.update(header)
    body = rejoin_broken_lines(body)
    if not body:
        raise NoArticleError(f"no article text after the {meta['text_layout']}")
    yield Article.create(text=body, source_format="text", meta=meta, **fields)


# libyaml's safe loader when PyYAML was built with it: the pure-Python parser costs more
# than reading and segmenting a whole article.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _SafeLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """The safe loader, with a timestamp that is no date ("9999-99-99") kept as text.

    PyYAML raises for such a value and so would lose the whole front matter; as text
    it reaches _parse_published, which drops the date and keeps the article.
    """


def _lenient_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return str(node.value)


_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)

def _split_front_matter(text: str) -> tuple[Mapping[Any, Any], str]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise FormatError("front matter opens with '---' but has no closing '---' line")
    try:
        front = yaml.load(match.group(1) or "", Loader=_SafeLoader)
    except yaml.YAMLError as err:
        raise FormatError(f"front matter is not valid YAML: {_yaml_problem(err)}") from None
    except (ValueError, RecursionError) as err:
        # PyYAML raises ValueError for impossible timestamps such as 2025-13-45.
        raise FormatError(f"front matter is not valid YAML: {err}") from None
    if front is None:
        front = {}
    if not isinstance(front, Mapping):
        raise FormatError(
            f"front matter must be a mapping of keys to values, not a {type(front).__name__}"
        )
    return front, text[match.end():]


def _yaml_problem(err: yaml.YAMLError) -> str:
    if isinstance(err, yaml.MarkedYAMLError) and err.problem:
        where = f" (line {err.problem_mark.line + 1})" if err.problem_mark else ""
        return f"{err.problem}{where}"
    return str(err)


def _apply_front_matter(front: Mapping[Any, Any], fields: dict[str, Any],
                        meta: dict[str, Any]) -> None:
    for key, value in front.items():
        name = _FIELD_KEYS.get(str(key).lower())
        if name is None:
            meta[str(key)] = _plain(value)
        elif name == "published":
            published, precision = _parse_published(value)
            problem = "not an ISO 8601 date or time" if published is None else \
                published_problem(published)
            if problem is not None:
                if value is not None:
                    meta["published_raw"] = _plain(value)
                    meta["published_error"] = problem
                continue
            fields["published"] = published
            if precision == "date":
                meta["published_precision"] = "date"
        elif value is not None:
            fields[name] = _as_text(value)


def _as_text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def _plain(value: Any) -> Any:
    """``value`` with dates as ISO strings, so that ``meta`` stays JSON-friendly."""
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _parse_published(value: Any) -> tuple[datetime | None, str | None]:
    """The publication time and its precision ("date" or "time"), or (None, None).

    A date without a time is taken as midnight UTC; a time without a zone is left naive
    for Article.create, which takes it as UTC and records that it did.
    """
    if isinstance(value, datetime):
        return value, "time"
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC), "date"
    if not isinstance(value, str):
        return None, None
    value = value.strip()
    try:
        return datetime.combine(date.fromisoformat(value), time(), tzinfo=UTC), "date"
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value), "time"
    except ValueError:
        return None, None


def _split_header(text: str) -> tuple[dict[str, str], str, str]:
    """Article fields from a header the text starts with, the body, and the layout name."""
    text = text.lstrip(" \t\n")
    lines = text.split("\n", 5)
    if len(lines) == 6:
        outlet, section, blank1, title, blank2, body = lines
        if (not blank1.strip() and not blank2.strip() and body[:1].strip()
                and _is_label(outlet, max_words=8) and _is_label(section, max_words=5)
                and _is_title(title, allow_question=True)):
            return ({"outlet": outlet, "section": section, "title": title}, body,
                    "outlet header")
    lines = text.split("\n", 2)
    if len(lines) == 3:
        title, blank, body = lines
        if (not blank.strip() and body.strip() and len(title.split()) >= 2
                and _is_title(title, allow_question=False)
                and is_boundary(title, "\n", body)):
            return {"title": title}, body, "title line"
    return {}, text, "plain"


def _is_label(line: str, *, max_words: int) -> bool:
    line = line.strip()
    return (
        0 < len(line) <= _MAX_LABEL_CHARS
        and len(line.split()) <= max_words
        and any(char.isalpha() for char in line)
        and not _SENTENCE_PUNCTUATION.search(line)
    )


def _is_title(line: str, *, allow_question: bool) -> bool:
    line = line.strip()
    if not line or len(line) > _MAX_TITLE_CHARS or len(line.split()) > _MAX_TITLE_WORDS:
        return False
    if allow_question and line[-1] in "?!":
        return True
    return line[-1] not in ".!?…:;,-–—" and not line[0].islower()
