"""Temporal, office and consistency checks: an article, its sentences and the dated
knowledge base in, :class:`~launderlens.findings.Finding` records with their evidence out.

:func:`temporal_findings` runs every check and returns findings of three kinds:

``temporal_inconsistency``
    - an age claim about a dated event: "enters its seventh year", "the third anniversary",
      "three years of war". "The war" or "the conflict" in an article about Ukraine is the
      2022 full-scale invasion; a claim that fits the 2014 start (Crimea) instead is not
      reported, and the message gives both counts. An ordinal year is right when it is the
      current one, or the next within 31 days of its start; an anniversary when it is the
      last or the next one; a duration by the rules of :func:`_duration_fits`;
    - a gap: "just weeks after" an event the KB or the article dates, measured against the
      bounds of :func:`launderlens.claims.timexpr.gap_bounds` (bare "weeks" is at most 10 weeks),
      from a date the sentence gives or, when the sentence tells the article's own news
      ("The gathering, held just weeks after ..."), from the reference date;
    - an event dated against the KB: "reelected in January 2025" against the election
      (5 November 2024), "sworn in"/"took office" against the start of the person's term or
      the inauguration, a named KB event ("the Alaska summit on 25 August") against its date;
    - a weekday that does not fall on the date it is written with.
``office_mismatch``
    A title given to someone who did not hold the office on the reference date (nor on a
    date the sentence names). Never reported where the KB does not know the date (after
    ``as_of``) or records nobody (a gap).
``internal_contradiction``
    Two time expressions in the article for the same event (a KB event, a person's election
    or taking office, a country joining an organisation, "the meeting") that cannot both
    hold.

The reference date (:func:`launderlens.claims.timexpr.reference_date`) anchors relative claims;
the confidence is lowered when it is not the publication date, and the message says so. A
date read from the text is treated as the earliest day the article can be from: a title
whose holder took office later, or an age claim that would become true later, is not
reported as certain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Literal, NamedTuple

from ..findings import Evidence, Finding, FindingKind, Severity
from ..kb import Event, KnowledgeBase, OfficeTerm
from ..kb.names import fold
from ..languages.casefold import caseless, fold_case
from ..model import Article, Sentence
from .entities import (
    Entity,
    TitledPerson,
    article_people,
    events,
    people,
    place_name,
    places,
    titled_people,
)
from .timexpr import (
    UNIT_DAYS,
    DateRange,
    Reference,
    TimeExpression,
    format_day,
    gap_bounds,
    reference_date,
    resolve,
    time_expressions,
)

__all__ = ["FULL_SCALE_INVASION", "MAX_CLAIMS_PER_EVENT", "MAX_SENTENCE_CHARS", "WAR_START_2014",
           "temporal_findings"]

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
_REFERENCE_TRUST = {"published": 1.0, "latest_in_text": 0.9, "year_inferred": 0.8}
_REFERENCE_NOTE = {
    "published": "the publication date",
    "latest_in_text": "the latest date written in the article; it has no publication date",
    "year_inferred": ("inferred: the article has no publication date and no full date, so a "
                      "day and month it names took the latest year it names"),
}
_WAR_NOUN = re.compile(r"\b(?P<noun>full-scale invasion|special military operation|invasion|"
                       r"war|conflict|fighting|hostilities|aggression)\b", re.I)
_OTHER_WAR = re.compile(r"\b(?:Gaza|Israel|Syria|Sudan|Yemen|Iraq|Afghanistan|Cold War|"
                        r"World War|Second World|First World|Korean|Vietnam|Chechen|Georgia)\b")
_CONTEXT_2014 = re.compile(r"\b(?:2014|Crimea|Donbas|Donbass|Maidan|Russo-Ukrainian)\b")
_ELECT = caseless(r"\b(?:re-?elected|elected|won (?:the |a )?(?:re-?election|presidential "
                  r"election|election|presidency|vote)|won re-?election|secured re-?election|"
                  r"(?P<noun_e>re-?election|election victory|election win))\b")
_INAUGURATE = caseless(r"\b(?:sworn in|inaugurated|took office|assumed office|took the oath"
                       r"(?: of office)?|came to power|(?P<noun_i>inauguration|swearing-in|"
                       r"swearing in))\b")
_JOIN = re.compile(r"\b(?:joined|became (?:a|the \w+) member of|acceded to|admitted (?:to|into)|"
                   r"(?P<noun>accession to))\s+(?:the\s+)?(?P<org>NATO|alliance|EU|European "
                   r"Union)\b")
# A sentence that opens on "The country" speaks of the country the sentence before named.
_ANAPHORA = re.compile(r"^\W*(?:The|This) (?:country|nation|Nordic country|Baltic state)\b")
_MEETING = caseless(r"\b(?P<det>the|this|that|a|an)\s+(?:(?P<pre>[\w'’-]+)\s+){0,2}?"
                    r"(?P<noun>meeting|summit|talks|gathering|conference)\b")
# Words every match of the pattern above them holds: most sentences have none, and a
# substring test is far cheaper than a scan.
_ELECT_WORDS = ("elect", "won")
_INAUGURATE_WORDS = ("sworn", "inaugur", "took", "assumed", "came to power", "swearing")
_JOIN_WORDS = ("joined", "member", "acceded", "admitted", "accession")
_MEETING_WORDS = ("meeting", "summit", "talks", "gathering", "conference")
_CLAUSE_GAP = re.compile(r"^(?:,\s*(?:which|that|when|held|signed)\b)?[^,;:.!?()\"“”]{0,70}$")
# What "weeks after" is said of is the article's own news when the sentence opens on it
# ("The gathering, held just weeks after ...") or speaks in the present ("comes weeks after").
_NEWS_SUBJECT = re.compile(
    r"^\W*(?:the|this|today's|its|their)\s+(?:[\w'’-]+\s+){0,3}?(?:meeting|gathering|summit|"
    r"talks|visit|conference|call|announcement|agreement|deal|decision|statement|proposal|"
    r"move|vote|trip|session|package|sanctions|tariffs|attack|strike|offensive|ceasefire)\b|"
    r"\b(?:comes|come|follows|arrives|is|are)\b", re.I)
_OPENING_DATE = re.compile(r"^\s*(?:In|On|By|Back in|As of|Since)?\s*$")


@dataclass(frozen=True, slots=True)
class _Time:
    """A time expression and the days it covers."""

    expression: TimeExpression
    range: DateRange


@dataclass(frozen=True, slots=True)
class _Claim:
    """Sentence ``sentence`` dates an event (``key``) to ``time``."""

    key: str
    what: str
    kind: Literal["election", "inauguration", "event", "meeting"]
    sentence: int
    start: int  # the words and the time expression, in the sentence
    end: int
    time: _Time
    person: str | None = None
    event: Event | None = None
    place: str | None = None
    note: str = ""  # how the claim was read, when that lowers the confidence
    certainty: float = 1.0


@dataclass
class _Doc:
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
        return _REFERENCE_TRUST.get(self.source, 0.0)

    def resolved(self, expression: TimeExpression) -> _Time | None:
        found = resolve(expression, self.reference)
        return _Time(expression, found) if found is not None else None

    def finding(self, kind: FindingKind, severity: Severity, confidence: float, message: str,
                i: int, start: int, end: int, evidence: Iterable[Evidence]) -> Finding:
        offset = self.sentences[i].start
        return Finding(kind, severity, round(min(max(confidence, 0.05), 0.99), 3), message,
                       self.sentences[i].index, offset + start, offset + end, tuple(evidence))

    def reference_evidence(self) -> list[Evidence]:
        if self.reference is None:
            return []
        note = f"Reference date {format_day(self.reference)}: {_REFERENCE_NOTE[self.source]}."
        i = self.reference_sentence
        if i is None:
            return [Evidence("computation", note)]
        return [Evidence("sentence", self.sentences[i].text, sentence=self.sentences[i].index),
                Evidence("computation", note)]


def temporal_findings(article: Article, sentences: Sequence[Sentence], *, kb: KnowledgeBase,
                      reference: Reference | tuple[date | None, str] | None = None,
                      ) -> list[Finding]:
    """Every temporal, office and contradiction finding in ``article``, by position.

    ``sentences`` are the article's (from :func:`launderlens.ingest.segment.segment`);
    ``reference`` the day relative claims are measured from and its source, by default
    :func:`launderlens.claims.timexpr.reference_date`. Offsets are into ``article.text``.
    """
    day, source = reference if reference is not None else reference_date(article, sentences)
    if source not in _REFERENCE_TRUST:
        day, source = None, "unknown"
    doc = _Doc(article, sentences, kb, day, source, article_people(article.text, kb))
    claims = _claims(doc)
    found = [*_period_findings(doc), *_gap_findings(doc, claims), *_claim_findings(doc, claims),
             *_weekday_findings(doc), *_office_findings(doc), *_contradictions(doc, claims)]
    return _dedupe(found)


def _dedupe(found: list[Finding]) -> list[Finding]:
    best: dict[tuple[str, int | None, int | None], Finding] = {}
    for finding in found:
        key = (finding.kind, finding.start, finding.end)
        if key not in best or finding.confidence > best[key].confidence:
            best[key] = finding
    return sorted(best.values(), key=lambda f: (f.start or 0, f.kind))


# --- knowledge-base facts --------------------------------------------------------------------

def _event_range(event: Event) -> DateRange:
    if event.precision == "year":
        return DateRange(date(event.date.year, 1, 1), date(event.date.year, 12, 31))
    if event.precision == "month":
        following = date(event.date.year + event.date.month // 12, event.date.month % 12 + 1, 1)
        return DateRange(event.date, following - timedelta(days=1))
    return DateRange(event.date, event.end or event.date)


def _event_fact(event: Event) -> Evidence:
    span = _event_range(event)
    when = span.describe() if event.precision != "day" or span.start == span.end else (
        f"{format_day(span.start)} to {format_day(span.end)}")
    text = f"{event.name}: {when}." + (f" {event.note}" if event.note else "")
    return Evidence("kb_fact", text, event.sources[0].url if event.sources else None)


def _term_fact(kb: KnowledgeBase, term: OfficeTerm) -> Evidence:
    person, office = kb.people[term.person].name, kb.offices[term.office].label
    until = format_day(term.end) if term.end else f"still in office on {format_day(kb.as_of)}"
    acting = " (acting)" if term.acting else ""
    text = f"{person}{acting}, {office}: from {format_day(term.start)} to {until}."
    return Evidence("kb_fact", text, term.sources[0].url if term.sources else None)


def _term_range(kb: KnowledgeBase, term: OfficeTerm) -> DateRange:
    return DateRange(term.designated or term.start, term.end or kb.as_of)


class _Fact(NamedTuple):
    """A dated KB fact: when, the evidence, and a short label for messages."""

    range: DateRange
    evidence: Evidence
    label: str


def _event_as_fact(event: Event) -> _Fact:
    span = _event_range(event)
    return _Fact(span, _event_fact(event), f"{span.describe()} ({event.name})")


def _term_start_fact(kb: KnowledgeBase, term: OfficeTerm, start: date | None = None) -> _Fact:
    day = start or term.start
    label = (f"{format_day(day)} ({kb.people[term.person].name} took office as "
             f"{kb.offices[term.office].label})")
    return _Fact(DateRange(day, term.start), _term_fact(kb, term), label)


def _person_starts(kb: KnowledgeBase, person_id: str) -> list[_Fact]:
    """When the person took office: inaugurations naming them, then term starts."""
    name = fold(kb.people[person_id].name)
    found = [_event_as_fact(event) for event in kb.events.values()
             if event.kind == "inauguration" and name in fold(event.name)]
    found += [_term_start_fact(kb, term) for term in kb.terms if term.person == person_id]
    return found  # inaugurations first: a named event is the better evidence


def _person_elections(kb: KnowledgeBase, person_id: str) -> list[_Fact]:
    """When the person was elected: elections in the country of an office they took within
    400 days after; for an office a parliament fills, the day they took it too."""
    found: list[_Fact] = []
    starts = [(term, term.start) for term in kb.terms if term.person == person_id]
    name = fold(kb.people[person_id].name)
    inaugurations = [e for e in kb.events.values()
                     if e.kind == "inauguration" and name in fold(e.name)]
    starts += [(term, event.date) for term in kb.terms if term.person == person_id
               for event in inaugurations if term.start <= event.date <= (term.end or kb.as_of)]
    for term, start in starts:
        office = kb.offices[term.office]
        jurisdiction = kb.jurisdictions.get(office.jurisdiction)
        words = {fold(w) for w in ([jurisdiction.name, *jurisdiction.aliases,
                                    *jurisdiction.adjectives] if jurisdiction else [])}
        popular = False
        for event in kb.events.values():
            name_words = f" {fold(event.name)} "
            if (event.kind == "election" and timedelta(0) <= start - event.date
                    <= timedelta(days=400) and any(f" {w} " in name_words for w in words)):
                found.append(_event_as_fact(event))
                popular |= "president" in office.titles and "presidential" in name_words
        if not popular:  # a chancellor or prime minister is elected when parliament votes
            found.append(_term_start_fact(kb, term, term.designated))
    return found


# --- age claims: "enters its seventh year", "the third anniversary", "three years of war" -----

def _period_findings(doc: _Doc) -> Iterable[Finding]:
    for i, expressions in enumerate(doc.times):
        for expression in expressions:
            if expression.kind not in ("ordinal_period", "anniversary", "duration"):
                continue
            if expression.recurring or expression.amount is None or expression.unit is None:
                continue
            finding = _period_finding(doc, i, expression)
            if finding is not None:
                yield finding


def _claim_day(doc: _Doc, i: int) -> tuple[date | None, bool]:
    """The day a sentence's age claim is made on: a date opening the sentence ("On 24
    February 2025, ...") or the reference date; and whether it is the reference."""
    for expression in doc.times[i]:
        if expression.kind == "date" and expression.day is not None and _OPENING_DATE.match(
                doc.text(i)[:expression.start]):
            found = resolve(expression, doc.reference)
            if found is not None:
                return found.start, False
    return doc.reference, True


def _period_event(doc: _Doc, i: int, expression: TimeExpression
                  ) -> tuple[Event, Event | None, float] | None:
    """The event an age claim is about, the 2014 alternative, and the confidence in that."""
    text = doc.text(i)
    for mention in doc.events[i]:
        if mention.id in doc.kb.events and _refers_to(text, expression, mention.start,
                                                      mention.end):
            return doc.kb.events[mention.id], None, 0.9
    if expression.kind == "duration":
        tail = text[expression.end:expression.end + 60]
        if not re.match(r"(?:-long|-old)?\s+(?:of\s+(?:the\s+)?(?:full-scale\s+)?|since\s+(?:the\s+"
                        r")?(?:start of the\s+|beginning of the\s+)?)?(?:war|conflict|fighting|"
                        r"hostilities|invasion|full-scale invasion|special military operation)\b",
                        tail, re.I):
            return None
    nouns = [m for m in _WAR_NOUN.finditer(text)
             if _refers_to(text, expression, m.start(), m.end(), reach=80)]
    if not nouns or not doc.about_ukraine or _OTHER_WAR.search(text):
        return None
    invasion = doc.kb.events.get(FULL_SCALE_INVASION)
    if invasion is None:
        return None
    noun = min(nouns, key=lambda m: abs(m.start() - expression.start)).group("noun").lower()
    if noun in ("invasion", "full-scale invasion", "special military operation"):
        return invasion, None, 0.9
    confidence = 0.7 if doc.mentions_2014 else 0.85
    return invasion, doc.kb.events.get(WAR_START_2014), confidence


def _refers_to(text: str, expression: TimeExpression, start: int, end: int,
               reach: int = 40) -> bool:
    """Whether the words at ``start:end`` are what an age claim speaks of: right after it
    ("the third anniversary of the invasion", "three years since the invasion"), or before
    it in the same clause ("the invasion enters its fourth year")."""
    if start >= expression.end:
        between = text[expression.end:start]
        return len(between) <= reach and bool(re.fullmatch(
            r"(?:-long|-old)?\s+(?:(?:of|since|into)\s+(?:[\w'’-]+\s+){0,3}?)?", between))
    between = text[end:expression.start]
    return len(between) <= reach and not re.search(r"[;:.!?]", between)


def _years_between(start: date, on: date) -> int:
    years = on.year - start.year
    return years - 1 if (on.month, on.day) < (start.month, start.day) else years


def _anniversary(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def _ordinal_word(n: int) -> str:
    words = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
             "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
             "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
    if 0 <= n < len(words):
        return words[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def _fits(expression: TimeExpression, start: date, on: date) -> tuple[bool, str, float]:
    """Whether the claim holds for an event that began on ``start``, judged on ``on``; what
    held instead (a predicate, "was in its fourth year", or for an anniversary a clause);
    and how far off the claim is, in its units."""
    n, unit = expression.amount or 0, expression.unit or "year"
    years = _years_between(start, on)
    if expression.kind == "anniversary":
        ok = n in (years, years + 1) and n > 0
        following = (f"the next the {_ordinal_word(years + 1)} "
                     f"({format_day(_anniversary(start, years + 1))})")
        said = (f"the last anniversary was the {_ordinal_word(years)} "
                f"({format_day(_anniversary(start, years))}) and {following}") if years else (
            f"there had been no anniversary yet; {following}")
        return ok, said, float(min(abs(n - years), abs(n - years - 1)))
    if expression.kind == "ordinal_period":
        if unit == "year":
            current = years + 1
            next_soon = (_anniversary(start, years + 1) - on).days <= 31
            ok = n == current or (n == current + 1 and next_soon)
        else:
            elapsed = (on - start).days / UNIT_DAYS[unit]
            current = int(elapsed) + 1
            ok = abs(n - current) <= (2 if unit == "day" else 1)
        return ok, f"was in its {_ordinal_word(current)} {unit}", float(abs(n - current))
    elapsed = (on - start).days / UNIT_DAYS[unit]
    ok = _duration_fits(n, expression.qualifier, elapsed)
    return ok, f"had lasted {elapsed:.1f} {unit}s", abs(elapsed - n)


def _overstates(expression: TimeExpression, start: date, on: date) -> bool:
    """Whether the claim gives the event more age than it had on ``on`` (so it could hold
    on a later day)."""
    elapsed = (on - start).days / UNIT_DAYS[expression.unit or "year"]
    return (expression.amount or 0) > elapsed + 1


def _when_true(expression: TimeExpression, start: date) -> str:
    """When an age claim about an event that began on ``start`` becomes true ("from 24
    February 2028")."""
    n, unit = expression.amount or 0, expression.unit or "year"
    if unit == "year":
        years = n - 1 if expression.kind == "ordinal_period" else n
        return f"from {format_day(_anniversary(start, years))}"
    return f"about {round(n * UNIT_DAYS[unit] / 365.25, 1)} years after {format_day(start)}"


def _duration_fits(n: int, qualifier: str | None, elapsed: float) -> bool:
    """"three years" fits 2.5 to 4 elapsed years; "more than three" 2.95 and over; "nearly
    four" 3 to 4.05; "about three" 2.4 to 3.6; "less than three" up to 3.05."""
    slack = 0.05
    if qualifier in ("more than", "over", "well over", "at least", "little more than"):
        return elapsed >= n - slack
    if qualifier in ("nearly", "almost", "barely", "barely a"):
        return n - 1 <= elapsed <= n + slack
    if qualifier in ("less than", "under", "fewer than", "no more than"):
        return elapsed <= n + slack
    if qualifier in ("about", "around", "roughly", "approximately", "some"):
        return abs(elapsed - n) <= 0.6
    return n - 0.5 <= elapsed < n + 1


def _period_finding(doc: _Doc, i: int, expression: TimeExpression) -> Finding | None:
    on, is_reference = _claim_day(doc, i)
    meant = _period_event(doc, i, expression)
    if on is None or meant is None:
        return None
    event, alternative, confidence = meant
    if on < event.date:
        return None
    ok, truth, off = _fits(expression, event.date, on)
    if ok:
        return None
    other = ""
    if alternative is not None:
        ok_2014, truth_2014, _ = _fits(expression, alternative.date, on)
        if ok_2014:
            return None  # counted from 2014 the claim holds: the article may mean that
        if expression.kind != "anniversary":
            truth_2014 = f"it {truth_2014}"
        other = (f" Counted from the 2014 start of the war ({alternative.name}, "
                 f"{format_day(alternative.date)}), {truth_2014}, which does not fit either.")
    subject = "the war" if alternative is not None or event.kind == "war" else "it"
    if expression.kind != "anniversary":
        truth = f"{subject} {truth}"
    claim = expression.text.strip()
    if expression.kind == "ordinal_period" and expression.unit == "year":
        claim = f"its {_ordinal_word(expression.amount or 0)}"
    verb = "began" if event.kind == "war" else "took place"
    message = (f"The {event.name} {verb} on {format_day(event.date)}; on {format_day(on)} "
               f"{truth}, not '{claim}'.{other}")
    evidence = [_event_fact(event)]
    if alternative is not None:
        evidence.append(_event_fact(alternative))
        if doc.mentions_2014:
            message += (" The article mentions 2014 events, so it may count from another "
                        "start: confidence lowered.")
    if is_reference:
        confidence *= doc.trust
        message += f" ({format_day(on)} is {_REFERENCE_NOTE[doc.source]}.)"
        evidence += doc.reference_evidence()
        if doc.source != "published" and _overstates(expression, event.date, on):
            confidence *= 0.8
            true_from = _when_true(expression, event.date)
            message += (" A date read from the text is only the earliest the article can be "
                        f"from; the claim would hold if it was written {true_from}: "
                        "confidence lowered.")
    severity: Severity = "high" if off >= 2 else "medium"
    return doc.finding("temporal_inconsistency", severity, confidence, message, i,
                       expression.start, expression.end, evidence)


# --- gaps: "just weeks after X" ---------------------------------------------------------------

def _anchor_window(text: str, start: int) -> str:
    """The words after "weeks after" that name what it is after: up to the end of the clause
    (a comma before a lower-case word, a semicolon, a full stop)."""
    window = text[start:start + 140]
    cut = re.search(r"[;!?]|\.\s|,\s+(?=[a-z])|\s[-–—]\s", window)
    return window[: cut.start()] if cut else window


def _gap_findings(doc: _Doc, claims: list[_Claim]) -> Iterable[Finding]:
    for i, expressions in enumerate(doc.times):
        for expression in expressions:
            if expression.relation not in ("after", "before") or gap_bounds(expression) is None:
                continue
            finding = _gap_finding(doc, i, expression, claims)
            if finding is not None:
                yield finding


def _gap_anchor(doc: _Doc, i: int, expression: TimeExpression, claims: list[_Claim]
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
            span = _event_range(event)
            return span, f"the {event.name} ({span.describe()})", [_event_fact(event)], 0.8
    person_event = _person_event_in(doc, i, expression.end, end)
    if person_event is not None:
        return person_event
    noun = _MEETING.search(fold_case(window))
    if noun is not None:
        for claim in claims:
            if claim.kind == "meeting" and claim.sentence != i:
                sentence = doc.sentences[claim.sentence]
                said = window[noun.start("noun"):noun.end("noun")].lower()
                what = f"the {said} ({claim.time.range.describe()})"
                return (claim.time.range, what,
                        [Evidence("sentence", sentence.text, sentence=sentence.index)], 0.55)
    return None


def _kb_match(doc: _Doc, i: int, start: int, end: int, when: DateRange) -> list[Evidence]:
    """KB facts for what the words ``start:end`` name, when they agree with ``when``."""
    anchor = _person_event_in(doc, i, start, end)
    if anchor is not None and anchor[0].overlaps(when, slack_days=1):
        return anchor[2]
    return [_event_fact(doc.kb.events[e.id]) for e in doc.events[i]
            if start <= e.start < end and e.id in doc.kb.events
            and _event_range(doc.kb.events[e.id]).overlaps(when, slack_days=1)]


def _person_event_in(doc: _Doc, i: int, start: int, end: int
                     ) -> tuple[DateRange, str, list[Evidence], float] | None:
    person = next((p for p in doc.people[i] if start <= p.start < end and p.id), None)
    if person is None:
        return None
    name = doc.kb.people[person.id or ""].name
    folded = doc.folded[i][start:end]
    inauguration, election = _INAUGURATE.search(folded), _ELECT.search(folded)
    if inauguration is not None:
        facts = _person_starts(doc.kb, person.id or "")
        what = f"{name} taking office"
    elif election is not None:
        facts = _person_elections(doc.kb, person.id or "")
        what = f"{name}'s election"
    else:
        return None
    before = [fact for fact in facts if doc.reference is None or fact.range.start <= doc.reference]
    if not before:
        return None
    latest = max(before, key=lambda fact: fact.range.start)
    return latest.range, f"{what} ({latest.range.describe()})", [latest.evidence], 0.75


def _gap_finding(doc: _Doc, i: int, expression: TimeExpression, claims: list[_Claim]
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
                    f"news, dated {format_day(on)}, {_REFERENCE_NOTE[doc.source]}.")
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


def _subject_day(doc: _Doc, i: int, expression: TimeExpression) -> tuple[date | None, bool]:
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


# --- events dated in the article: claims, checked against the KB and each other -------------

def _claims(doc: _Doc) -> list[_Claim]:
    found: list[_Claim] = []
    for i in range(len(doc.sentences)):
        text = doc.text(i)
        found += _person_claims(doc, i, text)
        found += _event_claims(doc, i, text)
        found += _meeting_claims(doc, i, text)
    return found


def _mentions(text: str, words: Sequence[str]) -> bool:
    return any(word in text for word in words)


def _cover(span: tuple[int, int], time: _Time) -> tuple[int, int]:
    """The span from the words of a claim to its time expression, whichever comes first."""
    return min(span[0], time.expression.start), max(span[1], time.expression.end)


def _attached_time(doc: _Doc, i: int, position: int) -> _Time | None:
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
                and _OPENING_DATE.match(text[:expression.start])
                and text[expression.end:expression.end + 1] == ","):
            return doc.resolved(expression)
    return None


def _person_claims(doc: _Doc, i: int, text: str) -> list[_Claim]:
    found = []
    folded = doc.folded[i]
    triggers: list[tuple[re.Match[str], Literal["election", "inauguration"]]] = []
    if _mentions(folded, _ELECT_WORDS):
        triggers += [(match, "election") for match in _ELECT.finditer(folded)]
    if _mentions(folded, _INAUGURATE_WORDS):
        triggers += [(match, "inauguration") for match in _INAUGURATE.finditer(folded)]
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
        found.append(_Claim(f"{kind}:{person}", what, kind, i, *_cover(match.span(), time),
                            time, person=person))
    return found


def _claim_person(doc: _Doc, i: int, match: re.Match[str], is_noun: bool) -> str | None:
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


def _event_claims(doc: _Doc, i: int, text: str) -> list[_Claim]:
    found = []
    for mention in doc.events[i]:
        event = doc.kb.events.get(mention.id or "")
        time = _attached_time(doc, i, mention.end)
        if event is not None and time is not None:
            found.append(_Claim(event.id, f"the {event.name}", "event", i,
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
        found.append(_Claim(key, f"{name} joining {org}", "event", i,
                            *_cover(match.span(), time), time, event=event,
                            note=note.format(name=name), certainty=0.8 if note else 1.0))
    return found


def _subject_country(doc: _Doc, i: int, position: int) -> tuple[str | None, str]:
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


def _meeting_claims(doc: _Doc, i: int, text: str) -> list[_Claim]:
    if doc.events[i]:
        return []  # a KB event named here is claimed by _event_claims
    found = []
    if not _mentions(doc.folded[i], _MEETING_WORDS):
        return []
    for match in _MEETING.finditer(doc.folded[i]):
        time = _attached_time(doc, i, match.end())
        if time is None and match.group("pre"):
            pre = [e for e in doc.times[i] if e.kind == "date" and e.start >= match.start()
                   and e.end <= match.end()]  # "the September 4 meeting"
            time = doc.resolved(pre[0]) if pre else None
        if time is None or time.expression.kind != "date":
            continue
        where = places(text, doc.kb)
        noun = text[match.start("noun"):match.end("noun")].lower()
        found.append(_Claim("meeting", f"the {noun}", "meeting", i,
                            *_cover(match.span(), time), time,
                            place=where[0].id if where else None))
    return found


def _claim_findings(doc: _Doc, claims: list[_Claim]) -> Iterable[Finding]:
    for claim in claims:
        if claim.kind == "meeting":
            continue
        if claim.kind == "election" and claim.person:
            facts = _person_elections(doc.kb, claim.person)
        elif claim.kind == "inauguration" and claim.person:
            facts = _person_starts(doc.kb, claim.person)
        elif claim.event is not None:
            facts = [_event_as_fact(claim.event)]
        else:
            continue
        finding = _claim_finding(doc, claim, facts)
        if finding is not None:
            yield finding


def _claim_finding(doc: _Doc, claim: _Claim, facts: list[_Fact]) -> Finding | None:
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
        took_office = [fact for fact in _person_starts(doc.kb, claim.person)
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
                   f" ({_REFERENCE_NOTE[doc.source]})." if doc.reference else ""
        evidence += doc.reference_evidence()
    years_off = abs((nearest.range.start - when.start).days) / 365.25
    severity: Severity = "high" if years_off >= 1 else "medium"
    return doc.finding("temporal_inconsistency", severity, confidence, message, claim.sentence,
                       claim.start, claim.end, evidence)


def _contradictions(doc: _Doc, claims: list[_Claim]) -> Iterable[Finding]:
    by_key: dict[str, list[_Claim]] = {}
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


def _contradiction(doc: _Doc, earlier: _Claim, later: _Claim) -> Finding:
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
                   f" ({_REFERENCE_NOTE[doc.source]})."
        evidence += doc.reference_evidence()
    return doc.finding("internal_contradiction", "medium", confidence, message, later.sentence,
                       later.start, later.end, evidence)


# --- weekdays -------------------------------------------------------------------------------

def _weekday_findings(doc: _Doc) -> Iterable[Finding]:
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
                           f" ({_REFERENCE_NOTE[doc.source]})." if doc.reference else ""
                evidence += doc.reference_evidence()
            yield doc.finding("temporal_inconsistency", "medium", confidence, message, i,
                              expression.start, expression.end, evidence)


# --- offices --------------------------------------------------------------------------------

def _office_findings(doc: _Doc) -> Iterable[Finding]:
    if doc.reference is None or not doc.kb.knows(doc.reference):
        return  # after the KB's as_of date it does not know who held what
    for i in range(len(doc.sentences)):
        for titled in titled_people(doc.text(i), doc.kb, found_people=doc.people[i]):
            if titled.qualifier not in ("other", "incoming", "outgoing"):
                finding = _office_finding(doc, i, titled, doc.reference)
                if finding is not None:
                    yield finding


def _sentence_ranges(doc: _Doc, i: int) -> list[DateRange]:
    """The past days a sentence names: a title may be given as of then."""
    ranges = []
    for expression in doc.times[i]:
        found = resolve(expression, doc.reference)
        if found is not None and found.start <= (doc.reference or found.start):
            ranges.append(found)
    return ranges


def _spans(terms: Sequence[OfficeTerm]) -> str:
    return " and ".join(f"from {format_day(t.start)}" + (f" to {format_day(t.end)}" if t.end
                                                          else "") for t in terms)


def _office_finding(doc: _Doc, i: int, titled: TitledPerson, on: date) -> Finding | None:
    """A mismatch when the person held none of the offices the title names on ``on`` nor on
    a day the sentence names; nothing where the KB records nobody for an office (a gap)."""
    kb, person = doc.kb, titled.person
    holders = {office: kb.holders(office, on, include_designated=True)
               for office in titled.offices}
    if any(not found for found in holders.values()):
        return None  # a gap in the KB: nobody recorded is not "somebody else"
    terms = [t for t in kb.terms if t.person == person and t.office in titled.offices]
    held_on = [t for t in terms if _term_range(kb, t).overlaps(DateRange(on, on))]
    # A date read from the text is only the earliest the article can be from: a holder who
    # took office later than that may still be named rightly.
    later = DateRange(on, max(on, kb.as_of)) if doc.source != "published" else None
    held_later = [t for t in terms if later is not None and _term_range(kb, t).overlaps(later)]
    ranges = _sentence_ranges(doc, i)
    held_then = [t for t in terms if any(_term_range(kb, t).overlaps(r) for r in ranges)]
    before = [t for t in terms if t.start <= on]
    office = next((o for o in titled.offices if any(t.office == o for t in terms)),
                  titled.offices[0])
    label, name = kb.offices[office].label, kb.people[person].name
    current = holders[office]
    who = " and ".join(f"{kb.people[t.person].name} (since {format_day(t.start)})"
                       for t in current)
    if titled.qualifier == "former":
        left_later = later is not None and any(t.end and t.end >= on for t in held_on)
        if (before and not held_on) or (held_on and ranges) or left_later:
            return None  # a former holder, "former" as of a time the sentence dates, or one
            # who left office after the earliest day the article can be from
        message = (f"'Former' does not fit: on {format_day(on)} {name} was still {label} "
                   f"({_spans(held_on)})." if held_on else
                   f"'Former' does not fit: the KB has no term of {name} as {label} before "
                   f"{format_day(on)}.")
        confidence = 0.6
    elif titled.qualifier == "then":
        if held_then or (before and not ranges):
            return None
        message = (f"The KB has {name} as {label} at no time the sentence names; the holder "
                   f"on {format_day(on)} was {who}.")
        confidence = 0.6
    else:
        if held_on or held_then or held_later:
            return None
        if not terms:
            problem = f"the KB has no term of {name} in this office"
        elif before:
            problem = f"{name} held it {_spans(terms)}"
        else:
            problem = f"{name} took office only on {format_day(terms[0].start)}"
        message = f"On {format_day(on)} the {label} was {who}; {problem}."
        confidence = 0.85 if not titled.inferred else (0.6 if terms else 0.5)
    if titled.inferred:
        message += (f" The title names no country: read as {label}, the office of that title"
                    f" where the KB has {name} in office; confidence lowered.")
    if len(titled.offices) > 1:
        message += f" Other offices the title could mean: {', '.join(titled.offices)}."
    confidence *= doc.trust
    if doc.source != "published":
        message += f" ({format_day(on)} is {_REFERENCE_NOTE[doc.source]}.)"
    evidence = [*(_term_fact(kb, t) for t in current if t.person != person),
                *(_term_fact(kb, t) for t in terms), *doc.reference_evidence()]
    severity: Severity = "high" if not terms else "medium"
    return doc.finding("office_mismatch", severity, confidence, message, i, titled.start,
                       titled.end, evidence)
