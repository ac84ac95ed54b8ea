"""The knowledge base's terms grouped by office: each office's terms by start, in the
order of :attr:`launderlens.kb.model.KnowledgeBase.terms` (the gap look-up of
:mod:`launderlens.rewrites.name_changes` bisects them)."""

from __future__ import annotations

from datetime import date

from launderlens.kb import Office, Person, Records
from launderlens.kb.model import KnowledgeBase, OfficeTerm


def test_terms_are_grouped_by_office_in_start_order() -> None:
    offices = (Office("xx.envoy", "XX", "Envoy of Xland", titles=("envoy",)),
               Office("xx.judge", "XX", "Chief judge of Xland", titles=("judge",)),
               Office("xx.mayor", "XX", "Mayor of Xland", titles=("mayor",)))
    people = tuple(Person(f"p{k}", f"Ori Tamsk{k}") for k in range(4))
    terms = (OfficeTerm("xx.judge", "p3", date(2016, 2, 1), None, ()),
             OfficeTerm("xx.envoy", "p1", date(2013, 1, 1), None, ()),
             OfficeTerm("xx.judge", "p2", date(2011, 6, 1), date(2016, 2, 1), ()),
             OfficeTerm("xx.envoy", "p0", date(2010, 1, 1), date(2012, 5, 1), ()))
    kb = KnowledgeBase(Records(offices=offices, people=people, terms=terms), date(2020, 1, 1))
    grouped = kb.terms_by_office()
    assert sorted(grouped) == ["xx.envoy", "xx.judge"]  # an office with no term is left out
    assert [t.person for t in grouped["xx.envoy"]] == ["p0", "p1"]
    assert [t.person for t in grouped["xx.judge"]] == ["p2", "p3"]
    assert [t for office in sorted(grouped) for t in grouped[office]] == list(kb.terms)
