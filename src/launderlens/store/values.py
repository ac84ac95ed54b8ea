"""What a database can keep of a record: checks and conversions shared by every backend.

Times go in as UTC instants with their UTC offset beside them; text goes in only if
PostgreSQL would take it too, so that every backend keeps the same articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone

from ..errors import ConfigError
from ..model import Article, Sentence

__all__ = ["check_sentences", "clean_note", "restore_offset", "split_instant", "text_problem"]


def split_instant(moment: datetime) -> tuple[datetime, int]:
    """``moment`` as a UTC datetime plus its UTC offset in seconds (naive means UTC).

    Databases keep an instant, not the offset it was written with; the offset is kept
    beside it because the local hour of publication is evidence in a timing analysis.
    """
    offset = moment.utcoffset()
    if offset is None:
        return moment.replace(tzinfo=UTC), 0
    return moment.astimezone(UTC), int(offset.total_seconds())


def restore_offset(instant: datetime, offset: int | None) -> datetime:
    """The inverse of :func:`split_instant`: the instant as it was written."""
    zone = timezone(timedelta(seconds=offset)) if offset else UTC
    return instant.astimezone(zone)


def text_problem(value: object) -> str | None:
    """What in ``value`` (a string, or JSON data) PostgreSQL would refuse, or None.

    PostgreSQL refuses NUL characters and lone surrogates in text and JSON; refusing them
    on every backend keeps the backends equal.
    """
    if isinstance(value, str):
        if "\x00" in value:
            return "a NUL character"
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return "a lone surrogate, which is not valid Unicode"
        return None
    if isinstance(value, dict):
        parts: list[object] = [*value.keys(), *value.values()]
    elif isinstance(value, list | tuple):
        parts = list(value)
    else:
        return None
    return next(filter(None, map(text_problem, parts)), None)


def check_sentences(article: Article, sentences: Sequence[Sentence]) -> None:
    """Refuse sentences that are not spans of the article: only spans are stored."""
    for sentence in sentences:
        if sentence.article_id != article.id:
            raise ConfigError(
                f"sentence {sentence.index} belongs to article {sentence.article_id}, "
                f"not {article.id}"
            )
        in_text = 0 <= sentence.start <= sentence.end <= len(article.text)
        if not in_text or article.text[sentence.start:sentence.end] != sentence.text:
            raise ConfigError(
                f"sentence {sentence.index} of article {article.id} is not "
                f"article.text[{sentence.start}:{sentence.end}]"
            )


def clean_note(value: str) -> str:
    """Rejection notes are for reading: what PostgreSQL refuses in one must not lose it."""
    return value.replace("\x00", "\ufffd").encode("utf-8", "replace").decode("utf-8")
