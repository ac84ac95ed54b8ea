"""A source sentence and the copy sentences that retell it in; whether the retelling drops
what limited the claim to a part of what it names out: scope widening.

"Rents will be capped in two of the city's twelve districts" told as "rents will be capped",
"the rule applies in one district" as "the rule applies", "free meals in a one-year pilot"
as "free meals": every fact the retelling states is in the source, but the claim now covers
the whole. The limit is read from the words that open it (a count or a share of a group, a
place counted after "in", a trial), and it is kept when a retelling holds any limit of its
own or the limit's opening word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..languages.numbers import number_value
from .quantities import is_month, read_tokens, wordset

__all__ = ["limits", "widened"]

#: A count of places or parts: a number word or a figure too short to be a year.
_COUNT = r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3}(?![\d,]))"
_TIME_UNITS = r"(?:days?|weeks?|months?|years?|hours?|minutes?|seconds?|decades?|weekends?)"
#: What "in" and a count may say of how a thing is done, not of where: "in three stages",
#: "in two languages", "in one go" limit nothing to a part.
_MANNER = (r"(?:go|stages?|phases?|steps?|rounds?|ways?|languages?|waves?|batch(?:es)?|"
           r"tranches?|instal?lments?)")
#: What limits a claim to a part of a whole it names: a count or share of a group ("two of
#: its twelve districts", "half of the wards"), a place counted after "in" ("in one
#: district"), a trial ("in a one-year pilot", "as a trial", "a pilot scheme"; not "worked
#: as a pilot" nor "a trial of 1,100 adults", which limit nothing). Quantity
#: words alone ("some", "many", "a few") are left out: faithful rewordings drop them freely.
_LIMIT = re.compile(
    rf"\b(?i:(?P<part>{_COUNT}|half|a\s+third|a\s+quarter|a\s+minority)\s+of\s+"
    r"(?:the|its|their|his|her|these|those)\b"
    rf"|in\s+(?P<place>one|{_COUNT}|a\s+single)\s+(?!of\b|{_TIME_UNITS}\b|{_MANNER}\b)[a-z]+"
    r"|(?P<trial>(?:in|under|during)\s+an?\s+(?:[\w-]+\s+)?(?:pilot|trial|experiment)(?!\s+of\b)"
    r"|as\s+an?\s+(?:[\w-]+\s+)?(?:trial|experiment)(?!\s+of\b)"
    r"|pilot\s+(?:scheme|project|programme|program|phase|study)|on\s+a\s+trial\s+basis)"
    r")\b")
#: Words by which a retelling states a part in words of its own ("in a sixth of its
#: districts", "a pair of towns", "a single district", "fifty percent of the nurses", "fewer
#: than half the members"): the claim is still limited, if not by the source's words.
_PART_WORDS = wordset("only single lone sole pair couple trio handful few fewer several "
                      "minority fraction portion share percent cent half halves third thirds "
                      "quarter quarters fifth fifths sixth sixths seventh eighth ninth tenth "
                      "tenths")
#: Words that keep a trial a trial in other words.
_TRIAL = wordset("pilot pilots trial trials experiment experimental test tests testing "
                 "tested try trying tried")


def limits(text: str) -> list[str]:
    """The opening word of every limit ``text`` puts on its claim, lower-cased ("pilot" for
    any trial)."""
    out = []
    for match in _LIMIT.finditer(text):
        if match["part"] and _day_of_month(text, match.start()):
            continue
        if match["trial"]:
            out.append("pilot")
        else:
            words = (match["part"] or match["place"]).lower().split()
            out.append(words[1] if words[0] == "a" else words[0])
    return out


def _day_of_month(text: str, start: int) -> bool:
    """Whether the count at ``start`` is a day after a month ("on Mar. 14 of the two")."""
    tokens = read_tokens(text)
    k = next((k for k, t in enumerate(tokens) if t.start == start), 0)
    return k > 0 and is_month(tokens, k - 1)


def _holds(norms: Sequence[str], word: str) -> bool:
    """Whether the words ``norms`` state ``word`` (a number by its value, a trial by any of
    its words)."""
    if word == "pilot":
        return any(n in _TRIAL for n in norms)
    value = number_value(word)
    if value is not None:
        return any(number_value(n) == value for n in norms)
    return word in norms


def _limited(text: str) -> bool:
    """Whether ``text`` puts a limit of its own on its claim, in the source's words or not."""
    return bool(limits(text)) or any(t.norm in _PART_WORDS or t.norm.endswith("%")
                                     for t in read_tokens(text))


def widened(source: str, retellings: Sequence[str]) -> bool:
    """Whether ``retellings`` (the copy sentences that retell ``source``) tell its claim
    without a limit ``source`` puts on it: none of them holds a limit of its own, and one of
    the source's limits is nowhere in them by its opening word."""
    wanted = limits(source)
    if not wanted or not retellings or any(map(_limited, retellings)):
        return False
    told = [t.norm for t in read_tokens(" ".join(retellings))]
    return any(not _holds(told, word) for word in wanted)
