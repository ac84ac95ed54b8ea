"""Claims and checks: one article in; its check-worthy claims, whom each sentence credits,
its time expressions, and findings with evidence out.

:class:`Analyzer` (:mod:`.analyze`) runs the stage on each article:

``checkworthy`` (score and type per sentence, from the cues of ``cues`` and the exemplars of
``exemplars``) ─► ``attribution`` (named outlet, person, body, vague source, none) ─►
``entities`` and ``timexpr`` (names, offices, places; dates, periods, relative times) ─►
``checks`` (dated checks against the knowledge base) ─► findings, with known narratives
added by the catalogue's matcher when one is given.
"""

from __future__ import annotations

from .analyze import Analysis, Analyzer, analyze
from .checkworthy import ClaimModel, load_claim_model, score_claims, train_claim_model

__all__ = ["Analysis", "Analyzer", "ClaimModel", "analyze", "load_claim_model", "score_claims",
           "train_claim_model"]
