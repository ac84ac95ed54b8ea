"""Time elapsed since a dated event: a :class:`~.document.Doc` in, the article's elapsed-time
claims about events the knowledge base dates out, as a time line (what the article claims
against what the KB dates), and ``temporal_inconsistency`` findings for the claims that
:mod:`.periods` does not read: a count "after" an event that tells how things stand now
("Three years after the annexation of Crimea, the peninsula remains isolated").

Every phrasing class reads one of two ways, and a claim is a slip only when it fails both:

- a count ("three years after", "eight months since", "a decade after", "six weeks into")
  is true in *complete units elapsed* (three full years have passed, fewer than four) or
  counting the unit *under way* (the third year since the event has begun); so "three
  years" fits from just over two to just under four years;
- an ordinal ("in the fourth year of", "enters its fourth year") counts the year under way
  (the first year runs from the event to its first anniversary); an anniversary is the last
  one or the next one.

The day a claim is judged on is a date opening the sentence ("On 4 September 2025, ...")
or the reference date (:func:`launderlens.claims.timexpr.reference_date`); a count "after"
an event is judged only when the sentence opens on it (in Russian and Ukrainian also inside
it, after a few words with no past verb) and goes on in the present ("remains", "still",
"now"): "Three years after the annexation, Russia opened a bridge" tells of a day
in the past, not of the day the article was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from ...findings import Finding, Severity
from ...kb import Event
from ...languages.verbs import has_past_verb
from ..entities import place_name, places
from ..timexpr import UNIT_DAYS, TimeExpression, format_day
from .document import FULL_SCALE_INVASION, REFERENCE_NOTE, WAR_START_2014, Doc
from .facts import event_fact
from .periods import _INVASION_STEMS, _OTHER_WAR, _claim_day, _fits, _ordinal_word, period_event

__all__ = ["Convention", "ElapsedClaim", "convention_note", "count_fits", "elapsed_claims",
           "elapsed_findings", "holds", "implied_dates", "in_decades", "kind_convention",
           "timeline"]

Convention = Literal["elapsed", "ordinal", "anniversary"]

# What may stand before a count "after" an event that opens the sentence.
_OPENING = re.compile(r"^\W*(?:(?:now|today|and|but|so|yet|even)\W+)*$", re.I)
# A main clause that tells how things stand on the day of writing.
_PRESENT = re.compile(r"\b(?:is|are|remains?|has|have|still|continues?|continue to|stands?|"
                      r"lies|lie|now|today|keeps?|waits?|wait|seems?|looks?|faces?|holds?|"
                      r"hangs?|persists?|goes on|go on|lingers?|endures?)\b", re.I)
# Between "three years after" and the event it names: "the", "Russia's", "the start of the".
_AFTER_GAP = re.compile(r"\s+(?:[\w'’-]+\s+){0,4}?", re.I)
# "Three years after the end of the grain deal" counts from another day than the KB's.
_OTHER_POINT = re.compile(r"\b(?:end|ending|collapse|expiry|expiration|failure|aftermath|"
                          r"anniversary|second|third|final|last)\b", re.I)
# A date opening the sentence, then the count: "On 1 June 2017, three years after ...".
_DATED_OPENING = re.compile(r"^\W*(?:In|On|By|As of)?\s*[\w ,]{3,30}?\d{4},\s*$")
# "Three years after the war began": what "the war" is in an article about Ukraine.
_AFTER_WAR = re.compile(r"\s+(?:the\s+|Russia['’]s\s+)?(?:start\s+of\s+the\s+|beginning\s+of"
                        r"\s+the\s+)?(?P<noun>full-scale invasion|invasion|war|conflict)\b",
                        re.I)
# The same in Russian and Ukrainian: "спустя три года после начала СВО", "після початку
# повномасштабного вторгнення".
_AFTER_WAR_SLAVIC = re.compile(r"\s+(?:после|після)\s+(?:начала\s+|початку\s+)?(?:полномасштабного"
                               r"\s+|повномасштабного\s+)?(?P<noun>вторжения|вторгнення|СВО|"
                               r"спецоперации|специальной военной операции|войны|війни|"
                               r"конфликта|конфлікту)(?!\w)", re.I)
# A Russian or Ukrainian main clause that tells how things stand now ("полуостров
# по-прежнему отрезан", "досі залишається"), and a past verb ("открыли", "заявив").
_PRESENT_SLAVIC = re.compile(r"(?<!\w)(?:по-прежнему|до сих пор|вс[её] ещ[её]|оста[её]тся|"
                             r"остаются|продолжает|продолжают|сейчас|сегодня|теперь|ныне|досі|"
                             r"залишається|залишаються|продовжує|продовжують|нині|тепер|"
                             r"сьогодні|наразі)(?!\w)", re.I)
# Words before a Russian or Ukrainian count "after" read inside the sentence.
_MAX_WORDS_BEFORE = 8
# "что"/"що" before such a count: it stands in a clause of its own, whose verb tells its time.
_THAT_SLAVIC = re.compile(r"(?<!\w)(?:что|чтобы|що|щоб)(?!\w)", re.I)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_JOINED = re.compile(r"\s+(?:joined|acceded to|was admitted to|became a member of)\s+(?:the\s+)?"
                     r"(?P<org>NATO|alliance|EU|European Union)\b")
_PAST = re.compile(r"\b(?:was|were|said|says|had|did|told|\w+ed|spoke|went|came|began|took|"
                   r"gave|made|met|held|saw|knew|wrote|led|left|fell|rose|won|lost|fought|"
                   r"sent|built|paid|brought|thought|became|ran|struck|stood|found|kept|got|"
                   r"sold|bought|drew|grew|flew|broke|chose|drove|stole|threw|would)\b", re.I)
#: At most this many elapsed claims are read per article: the time line stays short and
#: the work linear in the size of a hostile article.
MAX_CLAIMS = 200
#: Counts longer than this are not read: the KB dates nothing that old, and the calendar
#: arithmetic of a hostile count ("999,999 years after") would leave the range of dates.
MAX_YEARS = 500


@dataclass(frozen=True, slots=True)
class ElapsedClaim:
    """Sentence ``sentence`` says ``expression`` of ``event``, judged on ``on``."""

    sentence: int
    expression: TimeExpression
    event: Event
    convention: Convention
    on: date
    is_reference: bool
    confidence: float
    alternative: Event | None = None  # the 2014 start for "the war"


def kind_convention(expression: TimeExpression) -> Convention:
    if expression.kind == "anniversary":
        return "anniversary"
    return "ordinal" if expression.kind == "ordinal_period" else "elapsed"


def elapsed_claims(doc: Doc) -> list[ElapsedClaim]:
    """Every elapsed-time claim of the article about an event the KB dates, in order."""
    found: list[ElapsedClaim] = []
    for i, expressions in enumerate(doc.times):
        for expression in expressions:
            if len(found) >= MAX_CLAIMS:
                return found
            if expression.amount is None or expression.unit is None or expression.recurring:
                continue
            if expression.amount * UNIT_DAYS[expression.unit] > MAX_YEARS * UNIT_DAYS["year"]:
                continue  # "9,999 years after": no event the KB dates is that old
            claim = None
            if expression.kind in ("ordinal_period", "anniversary", "duration"):
                claim = _period_claim(doc, i, expression)
            elif expression.kind == "relative" and expression.relation == "after":
                claim = _after_claim(doc, i, expression)
            if claim is not None:
                found.append(claim)
    return found


def _period_claim(doc: Doc, i: int, expression: TimeExpression) -> ElapsedClaim | None:
    meant = period_event(doc, i, expression)
    on, is_reference = _claim_day(doc, i)
    if meant is None or on is None:
        return None
    event, alternative, confidence = meant
    return ElapsedClaim(i, expression, event, kind_convention(expression), on, is_reference,
                        confidence, alternative)


def _after_claim(doc: Doc, i: int, expression: TimeExpression) -> ElapsedClaim | None:
    """"Three years after the annexation of Crimea, the peninsula remains isolated": the
    count opens the sentence (or follows a date that does: "On 1 June 2017, three years
    after ..."), an event the KB dates follows it ("the war" in an article about Ukraine is
    the full-scale invasion, the 2014 start the other count), and the main clause is in the
    present unless the opening date dates it."""
    text = doc.text(i)
    on, is_reference = _claim_day(doc, i)
    opening = text[:expression.start]
    dated = not is_reference and _DATED_OPENING.match(opening) is not None
    inside = _inside_slavic(text, expression)
    if on is None or not (dated or inside or _OPENING.match(opening)):
        return None
    meant = _after_event(doc, i, expression)
    if meant is None:
        return None
    event, alternative, confidence, end = meant
    present = _tells_the_present(text[end:]) or (inside and _opening_tells_the_present(opening))
    if not dated and not present:
        return None
    return ElapsedClaim(i, expression, event, "elapsed", on, is_reference, confidence,
                        alternative)


def _after_event(doc: Doc, i: int, expression: TimeExpression
                 ) -> tuple[Event, Event | None, float, int] | None:
    """The event a count "after" names right after it, the 2014 alternative for "the war",
    the confidence, and where the name ends."""
    text = doc.text(i)
    for mention in doc.events[i]:
        gap = text[expression.end:mention.start] if mention.start >= expression.end else ""
        if (mention.id in doc.kb.events and _AFTER_GAP.fullmatch(gap)
                and not _OTHER_POINT.search(gap)):
            return doc.kb.events[mention.id or ""], None, 0.85, mention.end
    joined = _after_joining(doc, i, expression.end)
    if joined is not None:
        return joined
    war = _AFTER_WAR.match(text, expression.end) or _AFTER_WAR_SLAVIC.match(text, expression.end)
    if war is None or not doc.about_ukraine or _OTHER_WAR.search(text):
        return None
    invasion = doc.kb.events.get(FULL_SCALE_INVASION)
    if invasion is None:
        return None
    noun = war.group("noun").lower()
    if noun in ("invasion", "full-scale invasion") or noun.startswith(_INVASION_STEMS):
        return invasion, None, 0.85, war.end()
    confidence = 0.7 if doc.mentions_2014 else 0.8
    return invasion, doc.kb.events.get(WAR_START_2014), confidence, war.end()


def _after_joining(doc: Doc, i: int, position: int
                   ) -> tuple[Event, Event | None, float, int] | None:
    """"Four years after Sweden joined NATO": the accession the KB dates, named by the
    country and the verb rather than by the event's name."""
    text = doc.text(i)
    country = next((p for p in places(text[position:position + 60], doc.kb)
                    if re.fullmatch(r"\s+(?:the\s+)?", text[position:position + p.start])), None)
    if country is None or country.id is None:
        return None
    joined = _JOINED.match(text, position + country.end)
    if joined is None:
        return None
    org = "NATO" if joined.group("org") in ("NATO", "the alliance", "alliance") else "EU"
    event = doc.kb.event(f"{place_name(doc.kb, country.id)} joins {org}")
    return (event, None, 0.8, joined.end()) if event is not None else None


def _tells_the_present(rest: str) -> bool:
    """Whether the main clause after the comma tells how things stand now: a present verb
    or "still"/"now" with no past verb before it, or no past verb among its first words
    ("its navy patrols the Baltic"); not "Russia opened a bridge", "officials said the
    economy is ...", "few spoke of it"."""
    if _CYRILLIC.search(rest[:90]):
        return _tells_the_present_slavic(rest)
    comma = rest.find(",")
    if comma < 0:
        return False
    clause = rest[comma + 1:comma + 90]
    present = _PRESENT.search(clause)
    if present is not None:
        return not _PAST.search(clause[:present.start()])
    return not _PAST.search(clause[:70])  # "its navy patrols the Baltic"


def _tells_the_present_slavic(rest: str) -> bool:
    """:func:`_tells_the_present` for Russian and Ukrainian, where no comma ends the count:
    a word of the present ("по-прежнему", "досі") in the clause, and no past verb before
    it or among the three words after it ("по-прежнему был отрезан" tells of the past)."""
    clause = re.split(r"[;.!?]", rest[:120], maxsplit=1)[0]
    present = _PRESENT_SLAVIC.search(clause)
    if present is None:
        return False
    after = " ".join(clause[present.end():].split()[:3])
    return not has_past_verb(clause[:present.start()]) and not has_past_verb(after)


def _opening_tells_the_present(opening: str) -> bool:
    """The words before a Russian or Ukrainian count "after" tell the present ("Сегодня,
    спустя ..."), and the count is no clause of its own: in "Сейчас известно, что спустя три
    года ... флот был переведён" the present word tells when it is known, and the clause
    after the count (here in the past) tells when the count stands."""
    return _tells_the_present_slavic(opening) and not _THAT_SLAVIC.search(opening)


def _inside_slavic(text: str, expression: TimeExpression) -> bool:
    """A Russian or Ukrainian count "after" inside the sentence: "Сегодня, спустя три года
    после ...", "Полуостров и спустя три года после ...", "Власти признают, что через
    два года после ...": what comes before it is a few words with no past verb and no
    figure (a year there dates the sentence in the past, which only English reads)."""
    before = text[:expression.start]
    if not _CYRILLIC.search(text[expression.start:expression.end]) or not before.strip():
        return False
    return (len(before.split()) <= _MAX_WORDS_BEFORE and not re.search(r"\d", before)
            and not has_past_verb(before))


# --- judging ---------------------------------------------------------------------------------

def count_fits(n: int, qualifier: str | None, elapsed: float, *, decades: bool = False
               ) -> bool:
    """Whether a count of ``n`` units fits ``elapsed`` units: complete units (n to n + 1) or
    the unit under way (just over n - 1 to n), with "more than", "nearly", "about" read as
    :func:`.periods._duration_fits` reads them. A count of decades (``n`` in years) is a
    round figure: "a decade" fits 7.5 to 20 years, "two decades" 17.5 to 30."""
    from .periods import _duration_fits

    if decades:
        n, elapsed = n // 10, elapsed / 10
        return (_duration_fits(n, qualifier, elapsed) if qualifier
                else n - 0.25 <= elapsed < n + 1)
    if qualifier:
        return _duration_fits(n, qualifier, elapsed)
    return n - 1 < elapsed < n + 1


def in_decades(expression: TimeExpression) -> bool:
    return "decade" in expression.text.lower() and (expression.amount or 0) % 10 == 0


def holds(claim: ElapsedClaim) -> bool:
    """Whether the claim is true of its event (or of the 2014 start for "the war")."""
    return any(_holds_from(claim, start) for start in _starts(claim))


def _starts(claim: ElapsedClaim) -> list[date]:
    return [claim.event.date] + ([claim.alternative.date] if claim.alternative else [])


def _holds_from(claim: ElapsedClaim, start: date) -> bool:
    expression = claim.expression
    if claim.on < start:
        return True  # the event is after the day of writing: nothing to count
    if claim.convention == "elapsed":
        unit = expression.unit or "year"
        elapsed = (claim.on - start).days / UNIT_DAYS[unit]
        return count_fits(expression.amount or 0, expression.qualifier, elapsed,
                          decades=in_decades(expression))
    return _fits(expression, start, claim.on)[0]


def _years_between(start: date, on: date) -> int:
    years = on.year - start.year
    return years - 1 if (on.month, on.day) < (start.month, start.day) else years


def convention_note(claim: ElapsedClaim) -> str:
    """How the claim is counted and what the count gives on the day it is judged."""
    start, on = claim.event.date, claim.on
    years = _years_between(start, on)
    if claim.convention == "elapsed" and claim.expression.unit != "year":
        unit = claim.expression.unit or "day"
        elapsed = (on - start).days / UNIT_DAYS[unit]
        return (f"Counted in {unit}s from {format_day(start)} to {format_day(on)}, "
                f"{elapsed:.1f} {unit}s had passed; a count of {claim.expression.amount} is "
                f"read as complete {unit}s elapsed or the {unit} under way.")
    if claim.convention == "elapsed" and in_decades(claim.expression):
        return (f"{years} complete years had passed on {format_day(on)}; a count of decades is "
                "read as a round figure (a decade: 7.5 to 20 years).")
    if claim.convention == "elapsed":
        return (f"Counted in complete years elapsed, {years} year{'s' if years != 1 else ''} "
                f"had passed on {format_day(on)}; counting the year under way (ordinal), it "
                f"was the {_ordinal_word(years + 1)} year; the claim fits neither.")
    if claim.convention == "ordinal":
        return (f"Counted as an ordinal year (the first year runs to the first anniversary), "
                f"{format_day(on)} was in the {_ordinal_word(years + 1)} year, after {years} "
                "complete years.")
    return (f"An anniversary is counted in complete years: the last one before "
            f"{format_day(on)} was the {_ordinal_word(years)}; the last or the next one fits.")


def _source(event: Event) -> str:
    return event.sources[0].url if event.sources else "no source recorded"


def elapsed_findings(doc: Doc, claims: Iterable[ElapsedClaim]) -> Iterable[Finding]:
    """Findings for the counts "after" an event; :mod:`.periods` reports the other classes."""
    for claim in claims:
        if claim.expression.kind != "relative" or holds(claim):
            continue
        event, on = claim.event, claim.on
        written = claim.expression.text.strip()
        message = (f"'{written}' counts from the {event.name}, which the knowledge base dates "
                   f"to {format_day(event.date)} (source: {_source(event)}). "
                   f"{convention_note(claim)}")
        confidence = claim.confidence
        evidence = [event_fact(event)]
        if claim.alternative is not None:
            other = claim.alternative
            message += (f" Counted from the {other.name} ({format_day(other.date)}), the "
                        "count does not fit either.")
            evidence.append(event_fact(other))
        if claim.is_reference:
            confidence *= doc.trust
            message += f" ({format_day(on)} is {REFERENCE_NOTE[doc.source]}.)"
            evidence += doc.reference_evidence()
        unit_days = UNIT_DAYS[claim.expression.unit or "year"]
        off = abs((on - event.date).days / unit_days - (claim.expression.amount or 0))
        severity: Severity = "high" if off >= 2 else "medium"
        yield doc.finding("temporal_inconsistency", severity, confidence, message,
                          claim.sentence, claim.expression.start, claim.expression.end, evidence)


# --- the time line ---------------------------------------------------------------------------

def _shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def implied_dates(claim: ElapsedClaim) -> tuple[date, date]:
    """The days the event would have to fall on for the claim to hold on ``claim.on``."""
    n, on = claim.expression.amount or 0, claim.on
    if claim.convention == "ordinal" and claim.expression.unit == "year":
        return _shift_years(on, -n) + timedelta(days=1), _shift_years(on, 1 - n)
    if claim.convention == "anniversary":
        return _shift_years(on, -n - 1) + timedelta(days=1), _shift_years(on, 1 - n)
    unit = claim.expression.unit or "year"
    low, high = float(n - 1), float(n + 1)
    decades = in_decades(claim.expression)
    if (claim.expression.qualifier or decades) and claim.convention == "elapsed":
        candidates = [k / 20 for k in range(0, 20 * (3 * n + 3))]
        fitting = [x for x in candidates
                   if count_fits(n, claim.expression.qualifier, x, decades=decades)]
        if fitting:
            low, high = min(fitting), max(fitting)
    days = UNIT_DAYS[unit]
    return (on - timedelta(days=round(max(high, 0.0) * days)),
            on - timedelta(days=round(max(low, 0.0) * days)))


def timeline(doc: Doc, claims: Iterable[ElapsedClaim]) -> list[dict[str, Any]]:
    """What the article claims about each dated event against what the KB dates, in the
    article's order: the JSON form of ``analyze --json``'s ``timeline``."""
    entries = []
    for claim in claims:
        try:
            first, last = implied_dates(claim)
        except (ValueError, OverflowError):  # a count reaching before year 1
            continue
        sentence = doc.sentences[claim.sentence]
        entries.append({
            "sentence": sentence.index,
            "start": sentence.start + claim.expression.start,
            "end": sentence.start + claim.expression.end,
            "claim": claim.expression.text.strip(),
            "event": claim.event.name,
            "event_id": claim.event.id,
            "convention": claim.convention,
            "amount": claim.expression.amount,
            "unit": claim.expression.unit,
            "on": claim.on.isoformat(),
            "on_source": doc.source if claim.is_reference else "sentence",
            "implied_from": first.isoformat(),
            "implied_to": last.isoformat(),
            "kb_date": claim.event.date.isoformat(),
            "kb_source": claim.event.sources[0].url if claim.event.sources else None,
            "holds": holds(claim),
        })
    return entries
