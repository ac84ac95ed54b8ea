"""An article read once for the dated checks: an article, its sentences, the knowledge base
and the reference date in, a :class:`Doc` out (time expressions, people and events per
sentence, resolved times, findings with offsets into the article), with the claim records
and the patterns the checks share.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Literal

from ...findings import Evidence, Finding, FindingKind, Severity
from ...kb import Event, KnowledgeBase
from ...languages.casefold import caseless, fold_case
from ...model import Article, Sentence
from ..entities import Entity, events, people, places
from ..timexpr import DateRange, TimeExpression, format_day, resolve, time_expressions

__all__ = ["FULL_SCALE_INVASION", "MAX_CLAIMS_PER_EVENT", "MAX_SENTENCE_CHARS", "WAR_START_2014",
           "Claim", "Doc", "Time"]


#: Article text is hostile input: a "sentence" of megabytes (no punctuation) is read on its
#: first this-many characters, and at most this many dated claims of one event are compared
#: with each other, so that the checks stay linear in the size of the article.
MAX_SENTENCE_CHARS = 3000
MAX_CLAIMS_PER_EVENT = 100

#: The KB event "the war" means in an article about Ukraine, and the 2014 start the
#: message gives as the other count.
FULL_SCALE_INVASION = "russian-full-scale-invasion-of-ukraine"
WAR_START_2014 = "russo-ukrainian-war-begins"

#: How far a reference date from each source is trusted, as a factor on confidence.
REFERENCE_TRUST = {"published": 1.0, "latest_in_text": 0.9, "year_inferred": 0.8}
REFERENCE_NOTE = {
    "published": "the publication date",
    "latest_in_text": "the latest date written in the article; it has no publication date",
    "year_inferred": ("inferred: the article has no publication date and no full date, so a "
                      "day and month it names took the latest year it names"),
}
_CONTEXT_2014 = re.compile(r"\b(?:2014|Crimea|Donbas|Donbass|Maidan|Russo-Ukrainian)\b")
ELECT = caseless(r"\b(?:re-?elected|elected|won (?:the |a )?(?:re-?election|presidential "
                 r"election|election|presidency|vote)|won re-?election|secured re-?election|"
                 r"(?P<noun_e>re-?election|election victory|election win))\b")
INAUGURATE = caseless(r"\b(?:sworn in|inaugurated|took office|assumed office|took the oath"
                      r"(?: of office)?|came to power|(?P<noun_i>inauguration|swearing-in|"
                      r"swearing in))\b")
MEETING = caseless(r"\b(?P<det>the|this|that|a|an)\s+(?:(?P<pre>[\w'’-]+)\s+){0,2}?"
                   r"(?P<noun>meeting|summit|talks|gathering|conference)\b")
OPENING_DATE = re.compile(r"^\s*(?:In|On|By|Back in|As of|Since)?\s*$")


@dataclass(frozen=True, slots=True)
class Time:
    """A time expression and the days it covers."""

    expression: TimeExpression
    range: DateRange


@dataclass(frozen=True, slots=True)
class Claim:
    """Sentence ``sentence`` dates an event (``key``) to ``time``."""

    key: str
    what: str
    kind: Literal["election", "inauguration", "event", "meeting"]
    sentence: int
    start: int  # the words and the time expression, in the sentence
    end: int
    time: Time
    person: str | None = None
    event: Event | None = None
    place: str | None = None
    note: str = ""  # how the claim was read, when that lowers the confidence
    certainty: float = 1.0


@dataclass
class Doc:
    """An article parsed once for every check."""

    article: Article
    sentences: Sequence[Sentence]
    kb: KnowledgeBase
    reference: date | None
    source: str
    context: dict[str, str]  # surname -> person id, for the people the article names in full

    @cached_property
    def times(self) -> list[list[TimeExpression]]:
        return [time_expressions(self.text(i)) for i in range(len(self.sentences))]

    @cached_property
    def folded(self) -> list[str]:
        """Each sentence as the caseless patterns read it (:mod:`..languages.casefold`)."""
        return [fold_case(self.text(i)) for i in range(len(self.sentences))]

    @cached_property
    def people(self) -> list[list[Entity]]:
        return [people(self.text(i), self.kb, context=self.context)
                for i in range(len(self.sentences))]

    @cached_property
    def events(self) -> list[list[Entity]]:
        return [events(self.text(i), self.kb) for i in range(len(self.sentences))]

    @cached_property
    def about_ukraine(self) -> bool:
        text = f"{self.article.title or ''}\n{self.article.text}"
        return any(place.id == "UA" for place in places(text, self.kb))

    @cached_property
    def mentions_2014(self) -> bool:
        return bool(_CONTEXT_2014.search(self.article.text))

    @cached_property
    def reference_sentence(self) -> int | None:
        """The sentence the reference date was read from (None for a publication date)."""
        if self.reference is None or self.source == "published":
            return None
        for i, expressions in enumerate(self.times):
            for expression in expressions:
                found = resolve(expression, self.reference) if expression.kind == "date" else None
                if expression.day and found is not None and found.start == self.reference:
                    return i
        return None

    def text(self, i: int) -> str:
        """Sentence ``i`` as the checks read it: its first :data:`MAX_SENTENCE_CHARS`."""
        return self.sentences[i].text[:MAX_SENTENCE_CHARS]

    @property
    def trust(self) -> float:
        return REFERENCE_TRUST.get(self.source, 0.0)

    def resolved(self, expression: TimeExpression) -> Time | None:
        found = resolve(expression, self.reference)
        return Time(expression, found) if found is not None else None

    def finding(self, kind: FindingKind, severity: Severity, confidence: float, message: str,
                i: int, start: int, end: int, evidence: Iterable[Evidence]) -> Finding:
        offset = self.sentences[i].start
        return Finding(kind, severity, round(min(max(confidence, 0.05), 0.99), 3), message,
                       self.sentences[i].index, offset + start, offset + end, tuple(evidence))

    def reference_evidence(self) -> list[Evidence]:
        if self.reference is None:
            return []
        note = f"Reference date {format_day(self.reference)}: {REFERENCE_NOTE[self.source]}."
        i = self.reference_sentence
        if i is None:
            return [Evidence("computation", note)]
        return [Evidence("sentence", self.sentences[i].text, sentence=self.sentences[i].index),
                Evidence("computation", note)]
