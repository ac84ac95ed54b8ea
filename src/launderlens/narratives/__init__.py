"""Known narratives and fact-checks: a catalogue of claims already examined, and a matcher
that finds them behind paraphrase.

Records (:class:`NarrativeRecord`) come from importers (ClaimReview, the Fact Check Tools
API, CSV and JSONL) or the starter catalogue shipped here; the store keeps them; the matcher
retrieves them for an article's check-worthy claims.
"""

from __future__ import annotations

from ..narrative import NarrativeRecord, RecordError, record_id
from .importers import ImportItem, ImportProblem, import_records, parse_field_map
from .index import Hit, NarrativeIndex
from .match import ImportSummary, Match, NarrativeMatcher, ensure_starter
from .starter import load_starter

__all__ = [
    "Hit",
    "ImportItem",
    "ImportProblem",
    "ImportSummary",
    "Match",
    "NarrativeIndex",
    "NarrativeMatcher",
    "NarrativeRecord",
    "RecordError",
    "ensure_starter",
    "import_records",
    "load_starter",
    "parse_field_map",
    "record_id",
]
