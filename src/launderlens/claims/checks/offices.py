"""Offices: a :class:`~.document.Doc` in, ``office_mismatch`` findings out for a title given
to someone who did not hold the office on the reference date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from ...findings import Finding, Severity
from ...kb import OfficeTerm
from ..entities import TitledPerson, titled_people
from ..timexpr import DateRange, format_day, resolve
from .document import REFERENCE_NOTE, Doc
from .facts import term_fact, term_range

__all__ = ["office_findings"]


def office_findings(doc: Doc) -> Iterable[Finding]:
    if doc.reference is None or not doc.kb.knows(doc.reference):
        return  # after the KB's as_of date it does not know who held what
    for i in range(len(doc.sentences)):
        for titled in titled_people(doc.text(i), doc.kb, found_people=doc.people[i]):
            if titled.qualifier not in ("other", "incoming", "outgoing"):
                finding = _office_finding(doc, i, titled, doc.reference)
                if finding is not None:
                    yield finding


def _sentence_ranges(doc: Doc, i: int) -> list[DateRange]:
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


def _office_finding(doc: Doc, i: int, titled: TitledPerson, on: date) -> Finding | None:
    """A mismatch when the person held none of the offices the title names on ``on`` nor on
    a day the sentence names; nothing where the KB records nobody for an office (a gap)."""
    kb, person = doc.kb, titled.person
    holders = {office: kb.holders(office, on, include_designated=True)
               for office in titled.offices}
    if any(not found for found in holders.values()):
        return None  # a gap in the KB: nobody recorded is not "somebody else"
    terms = [t for t in kb.terms if t.person == person and t.office in titled.offices]
    held_on = [t for t in terms if term_range(kb, t).overlaps(DateRange(on, on))]
    # A date read from the text is only the earliest the article can be from: a holder who
    # took office later than that may still be named rightly.
    later = DateRange(on, max(on, kb.as_of)) if doc.source != "published" else None
    held_later = [t for t in terms if later is not None and term_range(kb, t).overlaps(later)]
    ranges = _sentence_ranges(doc, i)
    held_then = [t for t in terms if any(term_range(kb, t).overlaps(r) for r in ranges)]
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
        message += f" ({format_day(on)} is {REFERENCE_NOTE[doc.source]}.)"
    evidence = [*(term_fact(kb, t) for t in current if t.person != person),
                *(term_fact(kb, t) for t in terms), *doc.reference_evidence()]
    severity: Severity = "high" if not terms else "medium"
    return doc.finding("office_mismatch", severity, confidence, message, i, titled.start,
                       titled.end, evidence)
