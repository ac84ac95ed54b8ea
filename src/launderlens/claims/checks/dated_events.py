"""Events dated in the article: a :class:`~.document.Doc` in, its dated claims (elections,
inaugurations, KB events, meetings, joinings) out, and the findings they give:
``temporal_inconsistency`` against the knowledge base, ``internal_contradiction`` between
two claims of one event, and a weekday that does not fall on its date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

from ...findings import Evidence, Finding, Severity
from ..entities import place_name, places
from ..timexpr import format_day, resolve
from .document import (
    ELECT,
    INAUGURATE,
    MAX_CLAIMS_PER_EVENT,
    MEETING,
    OPENING_DATE,
    REFERENCE_NOTE,
    Claim,
    Doc,
    Time,
)
from .facts import Fact, event_as_fact, person_elections, person_starts

__all__ = ["claim_findings", "contradictions", "dated_claims", "weekday_findings"]


_JOIN = re.compile(r"\b(?:joined|became (?:a|the \w+) member of|acceded to|admitted (?:to|into)|"
                   r"(?P<noun>accession to))\s+(?:the\s+)?(?P<org>NATO|alliance|EU|European "
                   r"Union)\b")
# A sentence that opens on "The country" speaks of the country the sentence before named.
_ANAPHORA = re.compile(r"^\W*(?:The|This) (?:country|nation|Nordic country|Baltic state)\b")
# Words every match of ELECT, INAUGURATE, _JOIN and MEETING holds, in that order: most
# sentences have none, and a substring test is far cheaper than a scan.
_ELECT_WORDS = ("elect", "won")
_INAUGURATE_WORDS = ("sworn", "inaugur", "took", "assumed", "came to power", "swearing")
_JOIN_WORDS = ("joined", "member", "acceded", "admitted", "accession")
_MEETING_WORDS = ("meeting", "summit", "talks", "gathering", "conference")
_CLAUSE_GAP = re.compile(r"^(?:,\s*(?:which|that|when|held|signed)\b)?[^,;:.!?()\"“”]{0,70}$")


def dated_claims(doc: Doc) -> list[Claim]:
    found: list[Claim] = []
    for i in range(len(doc.sentences)):
        text = doc.text(i)
        found += _person_claims(doc, i, text)
        found += _event_claims(doc, i, text)
        found += _meeting_claims(doc, i, text)
    return found


def _mentions(text: str, words: Sequence[str]) -> bool:
    return any(word in text for word in words)


def _cover(span: tuple[int, int], time: Time) -> tuple[int, int]:
    """The span from the words of a claim to its time expression, whichever comes first."""
    return min(span[0], time.expression.start), max(span[1], time.expression.end)


def _attached_time(doc: Doc, i: int, position: int) -> Time | None:
    """The time expression that dates what ends at ``position``: the first one after it in
    the same clause ("elected in 2019", ", which began on 24 February"), else a date opening
    the sentence ("In March 2022, ...")."""
    text = doc.text(i)
    for expression in doc.times[i]:
        if expression.start < position or expression.kind not in ("date", "relative"):
            continue
        if expression.relation in ("after", "before", "later", "earlier", "past"):
            return None
        gap = text[position:expression.start]
        if len(gap.split()) > 7 or not _CLAUSE_GAP.match(gap):
            return None
        if expression.kind == "date" and gap.strip() and not re.search(
                r"\b(?:in|on|of|during)\s*$", gap):
            return None
        return doc.resolved(expression)
    for expression in doc.times[i]:
        if (expression.kind == "date" and expression.end < position
                and OPENING_DATE.match(text[:expression.start])
                and text[expression.end:expression.end + 1] == ","):
            return doc.resolved(expression)
    return None


def _person_claims(doc: Doc, i: int, text: str) -> list[Claim]:
    found = []
    folded = doc.folded[i]
    triggers: list[tuple[re.Match[str], Literal["election", "inauguration"]]] = []
    if _mentions(folded, _ELECT_WORDS):
        triggers += [(match, "election") for match in ELECT.finditer(folded)]
    if _mentions(folded, _INAUGURATE_WORDS):
        triggers += [(match, "inauguration") for match in INAUGURATE.finditer(folded)]
    for match, kind in triggers:
        is_noun = bool(match.group("noun_e" if kind == "election" else "noun_i"))
        person = _claim_person(doc, i, match, is_noun)
        time = _attached_time(doc, i, match.end())
        if person is None or time is None:
            continue
        if any(match.end() <= other.start() < time.expression.start for other, _ in triggers):
            continue  # "re-election and swearing-in on 20 January": the date is the nearer's
        name = doc.kb.people[person].name
        what = f"{name}'s election" if kind == "election" else f"{name} taking office"
        found.append(Claim(f"{kind}:{person}", what, kind, i, *_cover(match.span(), time),
                           time, person=person))
    return found


def _claim_person(doc: Doc, i: int, match: re.Match[str], is_noun: bool) -> str | None:
    """Who was elected or sworn in: for a verb the nearest person before it; for a noun
    the person in the possessive before it ("Trump's re-election and swearing-in") or after
    "of" ("the inauguration of Donald Trump")."""
    text = doc.text(i)
    persons = [p for p in doc.people[i] if p.id]
    if is_noun:
        for person in persons:
            between = text[person.end:match.start()]
            if person.end <= match.start() and re.fullmatch(
                    r"['’]s?\s+(?:[\w-]+\s+(?:and|&)\s+)?(?:[\w-]+\s+)?", between):
                return person.id
            if person.start >= match.end() and re.fullmatch(r"\s+of\s+(?:[\w.]+\s+)?",
                                                              text[match.end():person.start]):
                return person.id
        return None
    before = [p for p in persons if p.end <= match.start()
              and not re.search(r"[;.]|\band\b", text[p.end:match.start()])]
    return before[-1].id if before else None


def _event_claims(doc: Doc, i: int, text: str) -> list[Claim]:
    found = []
    for mention in doc.events[i]:
        event = doc.kb.events.get(mention.id or "")
        if _counted_from(doc, i, mention.start):
            continue  # "the tenth anniversary of X this year": the date is the anniversary's
        time = _attached_time(doc, i, mention.end)
        if event is not None and time is not None:
            found.append(Claim(event.id, f"the {event.name}", "event", i,
                               *_cover((mention.start, mention.end), time), time, event=event))
    for match in _JOIN.finditer(text) if _mentions(text, _JOIN_WORDS) else ():
        country, note = _subject_country(doc, i, match.start())
        org = "NATO" if match.group("org") in ("NATO", "alliance") else "EU"
        time = _attached_time(doc, i, match.end())
        if country is None or time is None:
            continue
        name = place_name(doc.kb, country)
        event = doc.kb.event(f"{name} joins {org}")
        key = event.id if event is not None else f"join:{country}:{org}"
        found.append(Claim(key, f"{name} joining {org}", "event", i,
                           *_cover(match.span(), time), time, event=event,
                           note=note.format(name=name), certainty=0.8 if note else 1.0))
    return found


_COUNT_GAP = re.compile(r"(?:-long|-old)?\s+(?:(?:of|since|into|after)\s+)?(?:[\w'’-]+\s+){0,4}?")


def _counted_from(doc: Doc, i: int, position: int) -> bool:
    """Whether the event named at ``position`` is what an anniversary, an ordinal period or
    a count of time counts from ("the tenth anniversary of", "three years after")."""
    text = doc.text(i)
    return any((e.kind in ("anniversary", "ordinal_period", "duration")
                or (e.kind == "relative" and e.relation == "after"))
               and e.end <= position and _COUNT_GAP.fullmatch(text[e.end:position]) is not None
               for e in doc.times[i])


def _subject_country(doc: Doc, i: int, position: int) -> tuple[str | None, str]:
    """The country before ``position`` in the sentence; or, for a sentence that opens on
    "The country", the one country the sentence before names (and a note saying so)."""
    text = doc.text(i)
    before = [p for p in places(text[:position], doc.kb)
              if not re.search(r"[;.]", text[p.end:position])]
    if before:
        return before[-1].id, ""
    if i > 0 and _ANAPHORA.match(text):
        named = {p.id for p in places(doc.text(i - 1), doc.kb)}
        if len(named) == 1:
            return named.pop(), (" 'The country' is read as {name}, which the sentence before "
                                 "names: confidence lowered.")
    return None, ""


def _meeting_claims(doc: Doc, i: int, text: str) -> list[Claim]:
    if doc.events[i]:
        return []  # a KB event named here is claimed by _event_claims
    found = []
    if not _mentions(doc.folded[i], _MEETING_WORDS):
        return []
    for match in MEETING.finditer(doc.folded[i]):
        time = _attached_time(doc, i, match.end())
        if time is None and match.group("pre"):
            pre = [e for e in doc.times[i] if e.kind == "date" and e.start >= match.start()
                   and e.end <= match.end()]  # "the September 4 meeting"
            time = doc.resolved(pre[0]) if pre else None
        if time is None or time.expression.kind != "date":
            continue
        where = places(text, doc.kb)
        noun = text[match.start("noun"):match.end("noun")].lower()
        found.append(Claim("meeting", f"the {noun}", "meeting", i,
                           *_cover(match.span(), time), time,
                           place=where[0].id if where else None))
    return found


def claim_findings(doc: Doc, claims: list[Claim]) -> Iterable[Finding]:
    for claim in claims:
        if claim.kind == "meeting":
            continue
        if claim.kind == "election" and claim.person:
            facts = person_elections(doc.kb, claim.person)
        elif claim.kind == "inauguration" and claim.person:
            facts = person_starts(doc.kb, claim.person)
        elif claim.event is not None:
            facts = [event_as_fact(claim.event)]
        else:
            continue
        finding = _claim_finding(doc, claim, facts)
        if finding is not None:
            yield finding


def _claim_finding(doc: Doc, claim: Claim, facts: list[Fact]) -> Finding | None:
    when = claim.time.range
    if not facts or any(fact.range.overlaps(when, slack_days=1) for fact in facts):
        return None
    if claim.kind != "event" and claim.time.range.start > doc.kb.as_of:
        return None  # an election or term after the KB's date is unknown, not wrong
    nearest = min(facts, key=lambda f: abs((f.range.start - when.start).days))
    written = claim.time.expression.text.strip()
    message = (f"The article dates {claim.what} to '{written}' ({when.describe()}); the "
               f"knowledge base dates it to {nearest.label}.")
    evidence = [nearest.evidence]
    if claim.kind == "election" and claim.person:
        took_office = [fact for fact in person_starts(doc.kb, claim.person)
                       if fact.range.overlaps(when, slack_days=1)]
        if took_office:
            message += (f" {when.describe()} is when {doc.kb.people[claim.person].name} took "
                        "office, not when the election was held.")
            evidence.append(took_office[0].evidence)
    message += claim.note
    confidence = 0.85 * claim.certainty
    if claim.time.expression.kind == "relative" or claim.time.expression.year is None:
        confidence *= doc.trust
        message += f" The date is read against {format_day(doc.reference)}" \
                   f" ({REFERENCE_NOTE[doc.source]})." if doc.reference else ""
        evidence += doc.reference_evidence()
    years_off = abs((nearest.range.start - when.start).days) / 365.25
    severity: Severity = "high" if years_off >= 1 else "medium"
    return doc.finding("temporal_inconsistency", severity, confidence, message, claim.sentence,
                       claim.start, claim.end, evidence)


def contradictions(doc: Doc, claims: list[Claim]) -> Iterable[Finding]:
    by_key: dict[str, list[Claim]] = {}
    for claim in claims:
        by_key.setdefault(claim.key, []).append(claim)
    for all_claims in by_key.values():
        group = all_claims[:MAX_CLAIMS_PER_EVENT]
        for later_index, later in enumerate(group):
            for earlier in group[:later_index]:
                if earlier.sentence == later.sentence or (
                        earlier.place and later.place and earlier.place != later.place):
                    continue  # meetings in two places are two meetings
                if earlier.time.range.overlaps(later.time.range, slack_days=1):
                    continue
                yield _contradiction(doc, earlier, later)
                break


def _contradiction(doc: Doc, earlier: Claim, later: Claim) -> Finding:
    first, second = earlier.time, later.time
    relative = any(t.expression.kind == "relative" or t.expression.year is None
                   for t in (first, second))
    other = doc.sentences[earlier.sentence]
    quoted = other.text if len(other.text) <= 70 else other.text[:67].rstrip() + "..."
    message = (f"This sentence dates {later.what} to '{second.expression.text.strip()}' "
               f"({second.range.describe()}); sentence {other.index + 1} (\"{quoted}\") dates "
               f"it to '{first.expression.text.strip()}' ({first.range.describe()}). Both cannot "
               "be right.")
    confidence = 0.8 * earlier.certainty * later.certainty
    message += earlier.note + (later.note if later.note != earlier.note else "")
    if later.kind == "meeting":
        confidence *= 0.7
        message += " Confidence lowered: the two sentences may speak of different meetings."
    evidence = [Evidence("sentence", doc.sentences[earlier.sentence].text,
                         sentence=doc.sentences[earlier.sentence].index)]
    if relative and doc.reference is not None:
        confidence *= doc.trust
        message += f" Relative dates are read against {format_day(doc.reference)}" \
                   f" ({REFERENCE_NOTE[doc.source]})."
        evidence += doc.reference_evidence()
    return doc.finding("internal_contradiction", "medium", confidence, message, later.sentence,
                       later.start, later.end, evidence)


# --- weekdays ---------------------------------------------------------------------------

def weekday_findings(doc: Doc) -> Iterable[Finding]:
    names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    for i, expressions in enumerate(doc.times):
        for expression in expressions:
            if expression.kind != "date" or expression.weekday is None or not expression.day:
                continue
            if expression.year is None and doc.source != "published":
                continue  # the year would come from a date read from the text: too weak
            found = resolve(expression, doc.reference)
            if found is None or found.start.weekday() == expression.weekday:
                continue
            confidence = 0.9 if expression.year else 0.9 * doc.trust
            message = (f"{format_day(found.start)} was a {names[found.start.weekday()]}, not a "
                       f"{names[expression.weekday]}.")
            evidence = [Evidence("computation", message)]
            if not expression.year:
                message += f" The year is taken from {format_day(doc.reference)}" \
                           f" ({REFERENCE_NOTE[doc.source]})." if doc.reference else ""
                evidence += doc.reference_evidence()
            yield doc.finding("temporal_inconsistency", "medium", confidence, message, i,
                              expression.start, expression.end, evidence)
