"""Temporal, office and consistency checks: an article, its sentences and the dated
knowledge base in, :class:`~launderlens.findings.Finding` records with their evidence out.

:func:`temporal_findings` runs every check and returns findings of three kinds:

``temporal_inconsistency``
    - an age claim about a dated event: "enters its seventh year", "the third anniversary",
      "three years of war". "The war" or "the conflict" in an article about Ukraine is the
      2022 full-scale invasion; a claim that fits the 2014 start (Crimea) instead is not
      reported, and the message gives both counts. An ordinal year is right when it is the
      current one, or the next within 31 days of its start; an anniversary when it is the
      last or the next one; a duration by the rules of :func:`.periods._duration_fits`;
    - a gap: "just weeks after" an event the KB or the article dates, measured against the
      bounds of :func:`launderlens.claims.timexpr.gap_bounds` (bare "weeks" is at most 10 weeks),
      from a date the sentence gives or, when the sentence tells the article's own news
      ("The gathering, held just weeks after ..."), from the reference date;
    - an event dated against the KB: "reelected in January 2025" against the election
      (5 November 2024), "sworn in"/"took office" against the start of the person's term or
      the inauguration, a named KB event ("the Alaska summit on 25 August") against its date;
    - a weekday that does not fall on the date it is written with;
    - time elapsed since any event the KB dates ("three years after the annexation of
      Crimea, ...", "six weeks into the Kursk incursion", "a decade after"), read in complete
      units elapsed or counting the unit under way, a slip only when it fails both
      (:mod:`.elapsed`); :func:`dated_checks` also returns these claims as a time line.
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

The package holds one module per kind of check (:mod:`.periods`, :mod:`.elapsed`, :mod:`.gaps`,
:mod:`.dated_events`, :mod:`.offices`), the article read once for all of them
(:mod:`.document`) and what the knowledge base dates (:mod:`.facts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from ...findings import Finding
from ...kb import KnowledgeBase
from ...model import Article, Sentence
from ..entities import article_people
from ..timexpr import Reference, reference_date
from .dated_events import claim_findings, contradictions, dated_claims, weekday_findings
from .document import (
    FULL_SCALE_INVASION,
    MAX_CLAIMS_PER_EVENT,
    MAX_SENTENCE_CHARS,
    REFERENCE_TRUST,
    WAR_START_2014,
    Doc,
)
from .elapsed import elapsed_claims, elapsed_findings, timeline
from .gaps import gap_findings
from .offices import office_findings
from .periods import period_findings

__all__ = ["FULL_SCALE_INVASION", "MAX_CLAIMS_PER_EVENT", "MAX_SENTENCE_CHARS", "WAR_START_2014",
           "dated_checks", "temporal_findings"]


def temporal_findings(article: Article, sentences: Sequence[Sentence], *, kb: KnowledgeBase,
                      reference: Reference | tuple[date | None, str] | None = None,
                      ) -> list[Finding]:
    """Every temporal, office and contradiction finding in ``article``, by position.

    ``sentences`` are the article's (from :func:`launderlens.ingest.segment.segment`);
    ``reference`` the day relative claims are measured from and its source, by default
    :func:`launderlens.claims.timexpr.reference_date`. Offsets are into ``article.text``.
    """
    return dated_checks(article, sentences, kb=kb, reference=reference)[0]


def dated_checks(article: Article, sentences: Sequence[Sentence], *, kb: KnowledgeBase,
                 reference: Reference | tuple[date | None, str] | None = None,
                 ) -> tuple[list[Finding], list[dict[str, Any]]]:
    """:func:`temporal_findings` and the article's time line: each elapsed-time claim about
    an event the KB dates, against the KB date (:func:`.elapsed.timeline`)."""
    day, source = reference if reference is not None else reference_date(article, sentences)
    if source not in REFERENCE_TRUST:
        day, source = None, "unknown"
    doc = Doc(article, sentences, kb, day, source, article_people(article.text, kb))
    claims = dated_claims(doc)
    elapsed = elapsed_claims(doc)
    found = [*period_findings(doc), *elapsed_findings(doc, elapsed), *gap_findings(doc, claims),
             *claim_findings(doc, claims), *weekday_findings(doc), *office_findings(doc),
             *contradictions(doc, claims)]
    return _dedupe(found), timeline(doc, elapsed)


def _dedupe(found: list[Finding]) -> list[Finding]:
    best: dict[tuple[str, int | None, int | None], Finding] = {}
    for finding in found:
        key = (finding.kind, finding.start, finding.end)
        if key not in best or finding.confidence > best[key].confidence:
            best[key] = finding
    return sorted(best.values(), key=lambda f: (f.start or 0, f.kind))
