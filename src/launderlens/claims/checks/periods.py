"""Age claims: a :class:`~.document.Doc` in, ``temporal_inconsistency`` findings out for
"enters its seventh year", "the third anniversary" and "three years of war" that do not
fit the event they count from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ...findings import Finding, Severity
from ...kb import Event
from ..timexpr import UNIT_DAYS, TimeExpression, format_day, resolve
from .document import FULL_SCALE_INVASION, OPENING_DATE, REFERENCE_NOTE, WAR_START_2014, Doc
from .facts import event_fact

__all__ = ["period_event", "period_findings"]


_WAR_NOUN = re.compile(r"\b(?P<noun>full-scale invasion|special military operation|invasion|"
                       r"war|conflict|fighting|hostilities|aggression|"
                       # Russian and Ukrainian, in any case ("войны", "війни", "СВО")
                       r"специальн\w* военн\w* операци\w*|спецоперац\w*|СВО|"
                       r"вторжени\w*|вторгненн\w*|войн[аеыуо]\w*|війн[аиіу]\w*|"
                       r"конфликт\w*|конфлікт\w*|агресси\w*|агресі\w*)\b", re.I)
# The Russian and Ukrainian nouns that name the full-scale invasion, not the war since 2014.
_INVASION_STEMS = ("специальн", "спецоперац", "сво", "вторжени", "вторгненн")
_OTHER_WAR = re.compile(r"\b(?:Gaza|Israel|Syria|Sudan|Yemen|Iraq|Afghanistan|Cold War|"
                        r"World War|Second World|First World|Korean|Vietnam|Chechen|Georgia)\b")


def period_findings(doc: Doc) -> Iterable[Finding]:
    for i, expressions in enumerate(doc.times):
        for expression in expressions:
            if expression.kind not in ("ordinal_period", "anniversary", "duration"):
                continue
            if expression.recurring or expression.amount is None or expression.unit is None:
                continue
            finding = _period_finding(doc, i, expression)
            if finding is not None:
                yield finding


def _claim_day(doc: Doc, i: int) -> tuple[date | None, bool]:
    """The day a sentence's age claim is made on: a date opening the sentence ("On 24
    February 2025, ...") or the reference date; and whether it is the reference."""
    for expression in doc.times[i]:
        if expression.kind == "date" and expression.day is not None and OPENING_DATE.match(
                doc.text(i)[:expression.start]):
            found = resolve(expression, doc.reference)
            if found is not None:
                return found.start, False
    return doc.reference, True


def period_event(doc: Doc, i: int, expression: TimeExpression
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
    if noun in ("invasion", "full-scale invasion", "special military operation") \
            or noun.startswith(_INVASION_STEMS):
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
    from .elapsed import count_fits, in_decades  # the readings of a count, shared with "after"

    elapsed = (on - start).days / UNIT_DAYS[unit]
    ok = count_fits(n, expression.qualifier, elapsed, decades=in_decades(expression))
    return ok, f"was {elapsed:.1f} {unit}s old", abs(elapsed - n)


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


def _convention_note(doc: Doc, i: int, expression: TimeExpression, event: Event, on: date
                     ) -> str:
    from .elapsed import ElapsedClaim, convention_note, kind_convention

    claim = ElapsedClaim(i, expression, event, kind_convention(expression), on, True, 1.0)
    return convention_note(claim)


def _period_finding(doc: Doc, i: int, expression: TimeExpression) -> Finding | None:
    on, is_reference = _claim_day(doc, i)
    meant = period_event(doc, i, expression)
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
    subject = "the war" if alternative is not None or event.id == FULL_SCALE_INVASION else "it"
    if expression.kind != "anniversary":
        truth = f"{subject} {truth}"
    claim = expression.text.strip()
    if expression.kind == "ordinal_period" and expression.unit == "year":
        claim = f"its {_ordinal_word(expression.amount or 0)}"
    verb = "began" if event.kind == "war" else "is dated"
    source = event.sources[0].url if event.sources else "no source recorded"
    message = (f"The {event.name} {verb} on {format_day(event.date)} (knowledge base; source: "
               f"{source}); on {format_day(on)} {truth}, not '{claim}'.{other}")
    message += " " + _convention_note(doc, i, expression, event, on)
    evidence = [event_fact(event)]
    if alternative is not None:
        evidence.append(event_fact(alternative))
        if doc.mentions_2014:
            message += (" The article mentions 2014 events, so it may count from another "
                        "start: confidence lowered.")
    if is_reference:
        confidence *= doc.trust
        message += f" ({format_day(on)} is {REFERENCE_NOTE[doc.source]}.)"
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
