"""Gaps: a :class:`~.document.Doc` and its dated claims in, ``temporal_inconsistency``
findings out for "just weeks after X" where X, dated by the knowledge base or the article,
lies further back than the words allow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ...findings import Evidence, Finding
from ...languages.casefold import fold_case
from ..timexpr import DateRange, TimeExpression, format_day, gap_bounds, resolve
from .document import ELECT, INAUGURATE, MEETING, REFERENCE_NOTE, Claim, Doc
from .facts import event_fact, event_range, person_elections, person_starts

__all__ = ["gap_findings"]


# What "weeks after" is said of is the article's own news when the sentence opens on it
# ("The gathering, held just weeks after ...") or speaks in the present ("comes weeks after").
_NEWS_SUBJECT = re.compile(
    r"^\W*(?:the|this|today's|its|their)\s+(?:[\w'’-]+\s+){0,3}?(?:meeting|gathering|summit|"
    r"talks|visit|conference|call|announcement|agreement|deal|decision|statement|proposal|"
    r"move|vote|trip|session|package|sanctions|tariffs|attack|strike|offensive|ceasefire)\b|"
    r"\b(?:comes|come|follows|arrives|is|are)\b", re.I)


def _anchor_window(text: str, start: int) -> str:
    """The words after "weeks after" that name what it is after: up to the end of the clause
    (a comma before a lower-case word, a semicolon, a full stop)."""
    window = text[start:start + 140]
    cut = re.search(r"[;!?]|\.\s|,\s+(?=[a-z])|\s[-–—]\s", window)
    return window[: cut.start()] if cut else window


def gap_findings(doc: Doc, claims: list[Claim]) -> Iterable[Finding]:
    for i, expressions in enumerate(doc.times):
        for expression in expressions:
            if expression.relation not in ("after", "before") or gap_bounds(expression) is None:
                continue
            finding = _gap_finding(doc, i, expression, claims)
            if finding is not None:
                yield finding


def _gap_anchor(doc: Doc, i: int, expression: TimeExpression, claims: list[Claim]
                ) -> tuple[DateRange, str, list[Evidence], float] | None:
    """What "weeks after X" is after: a date written in X, a KB event named in X, the
    inauguration or election of a person named in X, or an event another sentence dates."""
    text = doc.text(i)
    window = _anchor_window(text, expression.end)
    end = expression.end + len(window)
    for other in doc.times[i]:
        if other.kind == "date" and expression.end <= other.start and other.end <= end:
            found = resolve(other, doc.reference)
            if found is not None:
                evidence = _kb_match(doc, i, expression.end, end, found)
                return (found, found.describe(), evidence,
                        0.85 if other.year else 0.85 * doc.trust)
    for mention in doc.events[i]:
        if expression.end <= mention.start < end and mention.id in doc.kb.events:
            event = doc.kb.events[mention.id]
            span = event_range(event)
            return span, f"the {event.name} ({span.describe()})", [event_fact(event)], 0.8
    person_event = _person_event_in(doc, i, expression.end, end)
    if person_event is not None:
        return person_event
    noun = MEETING.search(fold_case(window))
    if noun is not None:
        for claim in claims:
            if claim.kind == "meeting" and claim.sentence != i:
                sentence = doc.sentences[claim.sentence]
                said = window[noun.start("noun"):noun.end("noun")].lower()
                what = f"the {said} ({claim.time.range.describe()})"
                return (claim.time.range, what,
                        [Evidence("sentence", sentence.text, sentence=sentence.index)], 0.55)
    return None


def _kb_match(doc: Doc, i: int, start: int, end: int, when: DateRange) -> list[Evidence]:
    """KB facts for what the words ``start:end`` name, when they agree with ``when``."""
    anchor = _person_event_in(doc, i, start, end)
    if anchor is not None and anchor[0].overlaps(when, slack_days=1):
        return anchor[2]
    return [event_fact(doc.kb.events[e.id]) for e in doc.events[i]
            if start <= e.start < end and e.id in doc.kb.events
            and event_range(doc.kb.events[e.id]).overlaps(when, slack_days=1)]


def _person_event_in(doc: Doc, i: int, start: int, end: int
                     ) -> tuple[DateRange, str, list[Evidence], float] | None:
    person = next((p for p in doc.people[i] if start <= p.start < end and p.id), None)
    if person is None:
        return None
    name = doc.kb.people[person.id or ""].name
    folded = doc.folded[i][start:end]
    inauguration, election = INAUGURATE.search(folded), ELECT.search(folded)
    if inauguration is not None:
        facts = person_starts(doc.kb, person.id or "")
        what = f"{name} taking office"
    elif election is not None:
        facts = person_elections(doc.kb, person.id or "")
        what = f"{name}'s election"
    else:
        return None
    before = [fact for fact in facts if doc.reference is None or fact.range.start <= doc.reference]
    if not before:
        return None
    latest = max(before, key=lambda fact: fact.range.start)
    return latest.range, f"{what} ({latest.range.describe()})", [latest.evidence], 0.75


def _gap_finding(doc: Doc, i: int, expression: TimeExpression, claims: list[Claim]
                 ) -> Finding | None:
    anchor = _gap_anchor(doc, i, expression, claims)
    bounds = gap_bounds(expression)
    if anchor is None or bounds is None:
        return None
    when, what, evidence, confidence = anchor
    on, is_reference = _subject_day(doc, i, expression)
    if on is None:
        return None
    after = expression.relation == "after"
    low = (on - when.end).days if after else (when.start - on).days
    high = (on - when.start).days if after else (when.end - on).days
    slack = 3
    if high >= bounds[0] - slack and low <= bounds[1] + slack:
        return None
    if high < 0:
        problem = f"{format_day(on)} is {'before' if after else 'after'} {what}"
    else:
        gap = low if low > bounds[1] else high
        problem = f"{what} was {_say_days(gap)} {'before' if after else 'after'} {format_day(on)}"
    written = expression.text.strip()
    limit = f"'{written}' reads as {_say_days(bounds[0])} to {_say_days(bounds[1])}"
    window = _anchor_window(doc.text(i), expression.end).strip().rstrip(".,;:")
    claim = f"{written} {window}"
    message = f"'{claim}': {problem}; {limit}."
    evidence = [*evidence, Evidence("computation", f"{problem}; {limit}.")]
    if is_reference:
        confidence *= doc.trust
        message += (f" The sentence gives no date of its own; what it tells is the article's "
                    f"news, dated {format_day(on)}, {REFERENCE_NOTE[doc.source]}.")
        evidence += doc.reference_evidence()
    return doc.finding("temporal_inconsistency", "medium", confidence, message, i,
                       expression.start, expression.end, evidence)


def _say_days(days: float) -> str:
    days = round(days)
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 120:
        return f"{days} days ({days / 7:.0f} weeks)"
    if days < 730:
        return f"{days} days (about {days / 30.44:.0f} months)"
    return f"{days} days (about {days / 365.25:.1f} years)"


def _subject_day(doc: Doc, i: int, expression: TimeExpression) -> tuple[date | None, bool]:
    """The day of what happened "weeks after": a date in the sentence before the
    expression; else the reference date when the sentence tells the article's own news
    (:data:`_NEWS_SUBJECT`); else unknown, since a sentence about the past is not dated by
    the day it was published."""
    for other in doc.times[i]:
        if other.kind == "date" and other.end <= expression.start and other.day is not None:
            found = resolve(other, doc.reference)
            if found is not None:
                return found.start, False
    if not _NEWS_SUBJECT.search(doc.text(i)[:expression.start]):
        return None, True
    return doc.reference, True
