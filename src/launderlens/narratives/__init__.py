"""Known narratives and fact-checks: a catalogue of claims already examined, and a matcher
that finds them behind paraphrase.

Records (:class:`NarrativeRecord`) come from importers (ClaimReview, the Fact Check Tools
API, CSV and JSONL) or the starter catalogue shipped here; the store keeps them; the matcher
retrieves them for an article's check-worthy claims.
"""

from __future__ import annotations

from .record import NarrativeRecord, RecordError, record_id

__all__ = ["NarrativeRecord", "RecordError", "record_id"]
