"""Times of day in, minutes after midnight out: "2:40 a.m.", "14:40", "7 p.m.", "8am",
"7.51pm", "0240 GMT", so that a copy that writes a time another way ("0240 GMT" against
"2:40 a.m. GMT") states the same time, and one that moves it ("8 a.m." against "7 a.m.")
states another.

A time without "a.m." or "p.m." up to 12:59 may be either half of the day: it meets a time
twelve hours apart. A time after "about" or "around" may stand for any within half an
hour. Zones are not converted: "7 p.m. EST" against "8am AEST" is read as two times.

Split from :mod:`.quantities`, which reads each time as a figure of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .quantities import Token

__all__ = ["CLOCK", "CLOCK_HALF_DAY", "CLOCK_UNITS", "Clock", "read_clock", "readings",
           "same_time"]

#: The units of a time read as a figure: a time of a known half of the day, and one
#: without "a.m." or "p.m." that may be either.
CLOCK = "clock"
CLOCK_HALF_DAY = "clock12"
CLOCK_UNITS = frozenset({CLOCK, CLOCK_HALF_DAY})
_HALF_DAY = 12 * 60
#: How far a time after "about" may be from the one it retells ("about 3 p.m." for 3:22).
_ROUGHLY = 30

_MERIDIEM = {"am": 0, "a.m": 0, "pm": 12, "p.m": 12}
#: Words after four digits that make them a time on the 24-hour clock ("0240 GMT").
_ZONES = frozenset({"gmt", "utc", "bst", "cet", "cest", "est", "edt", "msk", "hours", "hrs",
                    "local"})
#: Of those, the words that follow a count as readily as a time ("1500 hours of community
#: service", "the 2015 local elections"): they make a time only after a word that says when
#: ("at 1500 hours") or of digits led by a zero ("0600 hours"), as a count is not written.
_ALSO_COUNTS = frozenset({"hours", "hrs", "local"})
_WHEN_BEFORE = frozenset({"at", "by", "until", "till", "from", "since", "after", "before"})
_ROUGH_BEFORE = frozenset({"about", "around", "approximately", "roughly", "nearly",
                           "shortly", "circa"})


class Clock(NamedTuple):
    """A time of day: minutes after midnight, its unit (:data:`CLOCK` or
    :data:`CLOCK_HALF_DAY`), where it ends, and the times it may stand for when told
    roughly (None when it states one)."""

    minutes: float
    unit: str
    end: int
    span: tuple[float, float] | None


def read_clock(text: str, tokens: Sequence[Token], k: int) -> Clock | None:
    """The time of day that starts at token ``k``, or None where no time starts there."""
    token, n = tokens[k], len(tokens)
    norm = token.norm
    if not token.text[:1].isdigit():
        return None
    hour: int | None = None
    minute, end = 0, k
    if norm.isdigit() and len(norm) <= 2:
        hour = int(norm)
        if k + 1 < n and tokens[k + 1].norm.isdigit() and len(tokens[k + 1].norm) == 2 \
                and _gap(text, tokens, k) == ":":
            minute, end = int(tokens[k + 1].norm), k + 1  # "2:40"
    elif len(norm) in (4, 5) and norm[-3:-2] == "." and norm.replace(".", "").isdigit():
        hour, minute = int(norm[:-3]), int(norm[-2:])  # "7.51pm": a point only before a.m./p.m.
        if _meridiem(text, tokens, k) is None:
            return None
    elif len(norm) == 4 and norm.isdigit() and k + 1 < n and tokens[k + 1].norm in _ZONES:
        hour, minute = int(norm[:2]), int(norm[2:])  # "0240 GMT"
        if hour > 23 or minute > 59 or not _on_clock(tokens, k):
            return None
        return Clock(float(hour * 60 + minute), CLOCK, k + 1, _span(tokens, k, hour * 60 + minute))
    if hour is None:
        return None
    # A time written out of range ("36:30 p.m.", "3:66 pm", "22:35pm") is still read as
    # written, so that it meets no true time: a changed time is often mistyped.
    half = _meridiem(text, tokens, end)
    if half is None:
        if end == k:
            return None  # "7" alone is no time; "7 p.m." and "7:05" are
        unit = CLOCK_HALF_DAY if 1 <= hour <= 12 else CLOCK
        minutes = 0 if (hour, minute) == (24, 0) else hour * 60 + minute  # "24:00" is midnight
        return Clock(float(minutes), unit, end, _span(tokens, k, minutes))
    minutes = ((hour % 12 + half) if hour <= 12 else hour) * 60 + minute
    return Clock(float(minutes), CLOCK, end + 1, _span(tokens, k, minutes))


def same_time(unit_x: str, x: float, unit_y: str, y: float) -> bool:
    """Whether two times read by :func:`read_clock` are one time of day: equal, or twelve
    hours apart where either may be of the other half of the day."""
    return x in readings(unit_x, unit_y, y)


def readings(unit_x: str, unit_y: str, y: float) -> tuple[float, ...]:
    """The times ``y`` may be beside a time of unit ``unit_x``: itself, and twelve hours
    on or back where either may be of the other half of the day ("about 3:00" for
    "3:20 p.m.")."""
    if CLOCK_HALF_DAY in (unit_x, unit_y):
        return (y, y + _HALF_DAY, y - _HALF_DAY)
    return (y,)


def _on_clock(tokens: Sequence[Token], k: int) -> bool:
    """Whether the four digits at ``k``, before a zone or "hours", tell a time of day."""
    if tokens[k + 1].norm not in _ALSO_COUNTS or tokens[k].norm.startswith("0"):
        return True
    return bool(k) and tokens[k - 1].norm in _WHEN_BEFORE


def _gap(text: str, tokens: Sequence[Token], k: int) -> str:
    return text[tokens[k].end:tokens[k + 1].start]


def _meridiem(text: str, tokens: Sequence[Token], k: int) -> int | None:
    """The hours that "a.m." (0) or "p.m." (12) right after token ``k`` add, or None."""
    if k + 1 >= len(tokens) or _gap(text, tokens, k) not in ("", " "):
        return None
    return _MERIDIEM.get(tokens[k + 1].norm.rstrip("."))


def _span(tokens: Sequence[Token], k: int, minutes: int) -> tuple[float, float] | None:
    if k and tokens[k - 1].norm in _ROUGH_BEFORE:
        return (float(minutes - _ROUGHLY), float(minutes + _ROUGHLY))
    return None
