"""The gap look-up of :func:`launderlens.rewrites.name_changes._may_hold` (a bisect over
each office's terms, indexed once per knowledge base) against a plain scan of every term,
on the shipped knowledge base's real offices: at term edges, inside the gaps between terms,
at the knowledge base's end date and past it, and on a sweep of days between."""

from __future__ import annotations

from datetime import date, timedelta

from launderlens.kb import Office, Person, Records, load_default
from launderlens.kb.model import KnowledgeBase, OfficeTerm
from launderlens.rewrites.name_changes import _may_hold


def _scanned(kb: KnowledgeBase, term: OfficeTerm, on: date) -> bool:
    """The look-up written as a scan of every term of the knowledge base."""
    if term.covers(on, kb.as_of):
        return True
    if kb.holders(term.office, on):
        return False
    terms = [t for t in kb.terms if t.office == term.office]
    before = [t for t in terms if t.end is not None and t.end < on]
    after = [t for t in terms if t.start > on]
    return bool(before and after) and term in (max(before, key=lambda t: t.end or on),
                                               min(after, key=lambda t: t.start))


def _days(kb: KnowledgeBase) -> list[date]:
    day = timedelta(days=1)
    edges = {kb.as_of, kb.as_of + day, kb.as_of - day, kb.as_of + 400 * day}
    for term in kb.terms:
        for edge in (term.start, term.end):
            if edge is not None:
                edges |= {edge - day, edge, edge + day}
    first = min(t.start for t in kb.terms)
    sweep = {first + k * 45 * day for k in range((kb.as_of - first).days // 45 + 2)}
    return sorted(edges | sweep)


def test_the_indexed_gap_look_up_answers_as_the_scan_on_every_real_office() -> None:
    kb = load_default()
    days = _days(kb)
    compared = in_gaps = 0
    for term in kb.terms:
        for on in days:
            expected = _scanned(kb, term, on)
            assert _may_hold(kb, term, on) == expected, (term.id, on)
            compared += 1
            in_gaps += expected and not term.covers(on, kb.as_of)
    # the days reach gaps between terms, not only the terms themselves
    assert compared > 50_000 and in_gaps > 10


def test_terms_ending_on_one_day_answer_as_the_scan() -> None:
    # two co-holders leave on one day: the scan takes the first recorded of them
    office = Office("xx.envoy", "XX", "Envoy of Xland", titles=("envoy",))
    people = tuple(Person(f"p{k}", f"Ann Vell{k}") for k in range(3))
    terms = (OfficeTerm("xx.envoy", "p1", date(2010, 1, 1), date(2012, 5, 1), ()),
             OfficeTerm("xx.envoy", "p0", date(2011, 1, 1), date(2012, 5, 1), ()),
             OfficeTerm("xx.envoy", "p2", date(2013, 1, 1), None, ()))
    kb = KnowledgeBase(Records(offices=(office,), people=people, terms=terms),
                       date(2020, 1, 1))
    for term in kb.terms:
        for on in (date(2012, 5, 2), date(2012, 9, 1), date(2012, 12, 31)):
            assert _may_hold(kb, term, on) == _scanned(kb, term, on), (term.id, on)
    assert [_may_hold(kb, t, date(2012, 9, 1)) for t in kb.terms] == [True, False, True]
