"""The records of article analysis: claims, attributions and findings.

A :class:`Claim` scores one sentence for check-worthiness and names its type; an
:class:`Attribution` says whom a sentence credits; a :class:`Finding` is something an
analyst should look at, with the evidence to check it. All are frozen and JSON-ready
through ``as_dict``; ``launderlens analyze --json`` prints them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "Attribution", "AttributionKind", "Claim", "ClaimType", "Evidence", "Finding", "FindingKind",
    "ResidueKind", "Severity", "Technique",
]

ClaimType = Literal["event", "statistic", "quote", "accusation", "prediction", "opinion",
                    "other"]
AttributionKind = Literal["state_media", "outlet", "person", "body", "vague", "none"]
FindingKind = Literal["state_media_origin", "vague_attribution", "temporal_inconsistency",
                      "office_mismatch", "internal_contradiction", "known_narrative",
                      "machine_residue", "propaganda_technique"]
#: What a ``machine_residue`` finding found (:mod:`launderlens.claims.residue`).
ResidueKind = Literal["prompt", "refusal", "chatter", "placeholder", "markup"]
#: The label of a ``propaganda_technique`` finding: the fourteen techniques of SemEval-2020
#: Task 11, spelled as the task spells them (:mod:`launderlens.claims.techniques`).
Technique = Literal[
    "Loaded_Language", "Name_Calling,Labeling", "Repetition", "Doubt",
    "Exaggeration,Minimisation", "Appeal_to_fear-prejudice", "Flag-Waving",
    "Causal_Oversimplification", "Slogans", "Appeal_to_Authority", "Black-and-White_Fallacy",
    "Thought-terminating_Cliches", "Whataboutism,Straw_Men,Red_Herring",
    "Bandwagon,Reductio_ad_hitlerum",
]
Severity = Literal["low", "medium", "high"]


@dataclass(frozen=True, slots=True)
class Claim:
    """Sentence ``sentence`` (an index) scored for check-worthiness in [0, 1]."""

    sentence: int
    score: float
    type: ClaimType
    check_worthy: bool
    features: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "score": round(self.score, 4), "type": self.type,
                "check_worthy": self.check_worthy, "features": list(self.features)}


@dataclass(frozen=True, slots=True)
class Attribution:
    """Whom sentence ``sentence`` credits: ``source`` as written (None for ``none``),
    ``kind``, and for an outlet its ``affiliation`` from the knowledge base."""

    sentence: int
    source: str | None
    kind: AttributionKind
    affiliation: str | None = None
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "source": self.source, "kind": self.kind,
                "affiliation": self.affiliation, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a finding rests on: a knowledge-base fact with its source URL, another sentence
    of the article, or a computation (``detail``)."""

    kind: Literal["kb_fact", "sentence", "computation", "outlet", "narrative"]
    text: str
    source: str | None = None
    sentence: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "source": self.source,
                "sentence": self.sentence}


@dataclass(frozen=True, slots=True)
class Finding:
    """Something wrong or suspect in sentence ``sentence``, at characters ``start:end`` of
    the article text. ``confidence`` in [0, 1]; ``message`` is for a person to read and says
    why the confidence is lowered when it is. ``residue`` names the kind of leftover a
    ``machine_residue`` finding is, and is None (null in JSON) for every other kind;
    ``technique`` likewise names the SemEval-2020 Task 11 label of a
    ``propaganda_technique`` finding (:mod:`launderlens.claims.techniques`)."""

    kind: FindingKind
    severity: Severity
    confidence: float
    message: str
    sentence: int | None
    start: int | None
    end: int | None
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)
    residue: ResidueKind | None = None
    technique: Technique | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "severity": self.severity,
                "confidence": round(self.confidence, 3), "message": self.message,
                "sentence": self.sentence, "start": self.start, "end": self.end,
                "evidence": [e.as_dict() for e in self.evidence], "residue": self.residue,
                "technique": self.technique}
