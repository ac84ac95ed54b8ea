"""An alignment, its changes and the two articles' sentences in; a verdict for every copy
sentence and a manipulation score for the copy out.

Every sentence of the copy gets one verdict, with its evidence:

- ``supported``: it retells the source sentences ``a`` and states no fact differently;
- ``changed``: it retells them, but a fact differs (``changes``: a figure, a date, a name,
  who did what, a negation, a hedge, the source named or hidden, a cause);
- ``added``: nothing in the source says it, with whether it carries a check-worthy claim.

A verdict is ``certain`` unless its evidence is weak: an addition whose best match in the
source was close to a link (:data:`~.align.UNSURE`), a change found in a pair that is itself
barely linked, or (with an entailment model) a supported sentence the model does not find
entailed. A report quotes only certain verdicts as facts and says why the others are not.

The copy's ``manipulation`` score (0-1) is how likely it adds or alters facts rather than
only rewording: a noisy-or over its evidence, where each certain change weighs by how
reliably its kind is detected and each certain addition by whether it makes a check-worthy
claim. ``drivers`` are the copy sentences that weigh most. Weights: :data:`CHANGE_WEIGHT`
and :data:`ADDED_WEIGHT`, set on the development corruptions (``evals/align_verdicts.py``,
GossipCop part), never on the evaluation parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import numpy as np

from .align import SentenceAlignment
from .changes import Change, ChangeKind

__all__ = ["ADDED_WEIGHT", "CHANGE_WEIGHT", "NO_MANIPULATION", "EntailmentScorer", "Manipulation",
           "SentenceVerdict", "Verdict", "copy_manipulation", "sentence_verdicts"]

Verdict = Literal["supported", "changed", "added"]

#: What one certain change of each kind adds to the manipulation score: the kinds whose
#: detectors rarely fire on a faithful paraphrase weigh most.
CHANGE_WEIGHT: dict[ChangeKind, float] = {
    "number": 0.6, "date": 0.55, "name": 0.5, "role": 0.5, "negation": 0.45,
    "attribution": 0.35, "cause": 0.35, "hedge": 0.25,
}
#: What one certain addition adds: a check-worthy claim, or any other sentence.
ADDED_WEIGHT = {"claim": 0.3, "other": 0.06}
#: A pair linked below this probability gives its changes half their weight.
SURE_LINK = 0.65
#: Entailment (with a model) under which a supported sentence is not called certain.
ENTAILED = 0.5
#: Contradiction (with a model) from which a retold sentence is changed.
CONTRADICTED = 0.6


class EntailmentScorer(Protocol):
    """An NLI model: probabilities ``[entailment, neutral, contradiction]`` per pair."""

    name: str

    def scores(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class SentenceVerdict:
    """The verdict on copy sentence ``b`` with its evidence (see the module docstring).

    ``score`` is the link probability to ``a`` for a retold sentence, and for an added one
    the probability that it is *not* a retelling (one minus its best link). ``entailment``
    and ``contradiction`` come from the optional NLI model (None without one).
    """

    b: int
    verdict: Verdict
    a: tuple[int, ...]
    score: float
    certain: bool
    reason: str
    changes: tuple[Change, ...] = ()
    check_worthy: bool | None = None
    entailment: float | None = None
    contradiction: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "b": self.b, "verdict": self.verdict, "a": list(self.a), "score": self.score,
            "certain": self.certain, "reason": self.reason,
            "changes": [{"kind": c.kind, "a": c.a, "b": c.b, "a_text": c.a_text,
                         "b_text": c.b_text, "certain": c.certain} for c in self.changes],
            "check_worthy": self.check_worthy,
            "entailment": None if self.entailment is None else round(self.entailment, 4),
            "contradiction": None if self.contradiction is None else
            round(self.contradiction, 4),
        }


@dataclass(frozen=True, slots=True)
class Manipulation:
    """How likely the copy adds or alters facts (0-1), and the sentences that say so."""

    score: float
    drivers: tuple[int, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 4), "drivers": list(self.drivers)}


#: The manipulation of a comparison made without verdicts.
NO_MANIPULATION = Manipulation(0.0, ())


def sentence_verdicts(
    alignment: SentenceAlignment, a: Sequence[str], b: Sequence[str],
    changes: Sequence[Change], *, check_worthy: Sequence[bool] | None = None,
    nli: EntailmentScorer | None = None,
) -> tuple[SentenceVerdict, ...]:
    """One verdict per sentence of ``b``, in order."""
    by_b: dict[int, list[Change]] = {}
    for change in changes:
        by_b.setdefault(change.b, []).append(change)
    entail = _entailment(alignment, a, b, nli) if nli is not None else {}
    out = []
    for j in range(len(b)):
        sources = alignment.sources_of(j)
        best_i, best_p = alignment.best[j] if alignment.best else (-1, 0.0)
        if not sources:
            worthy = None if check_worthy is None else bool(check_worthy[j])
            unsure = j in alignment.unsure
            reason = ("no sentence of the source says this" if not unsure else
                      f"its closest source sentence ({best_i}) is a weak match "
                      f"(link {best_p:.2f}): it may be a loose retelling")
            out.append(SentenceVerdict(j, "added", (), round(1.0 - best_p, 4), not unsure,
                                       reason, check_worthy=worthy))
            continue
        out.append(_retold(j, sources, _link(alignment, j), by_b.get(j, []), entail.get(j)))
    return tuple(out)


def _link(alignment: SentenceAlignment, j: int) -> float:
    return next((p.score for p in alignment.pairs if j in p.b), 0.0)


def _retold(j: int, sources: tuple[int, ...], link: float, changes: list[Change],
            nli: tuple[float, float] | None) -> SentenceVerdict:
    entailment, contradiction = nli if nli is not None else (None, None)
    weak = link < SURE_LINK
    sure_changes = [c for c in changes if c.certain]
    if changes:
        kinds = ", ".join(dict.fromkeys(c.kind for c in changes))
        reason = f"retells source sentence(s) {_list(sources)} with a different {kinds}"
        if weak:
            reason += f"; the retelling itself is a weak match (link {link:.2f})"
        elif not sure_changes:
            reason += " (a kind that faithful rewordings also show: check it)"
        return SentenceVerdict(j, "changed", sources, link, not weak and bool(sure_changes),
                               reason, tuple(changes), entailment=entailment,
                               contradiction=contradiction)
    if contradiction is not None and contradiction >= CONTRADICTED:
        return SentenceVerdict(
            j, "changed", sources, link, False,
            f"the entailment model finds it contradicts source sentence(s) {_list(sources)} "
            f"({contradiction:.2f}), though no figure, date or name differs",
            entailment=entailment, contradiction=contradiction)
    certain = not weak and (entailment is None or entailment >= ENTAILED)
    reason = f"retells source sentence(s) {_list(sources)}"
    if weak:
        reason += f" loosely (link {link:.2f})"
    elif not certain:
        reason += f", but the entailment model is not convinced ({entailment:.2f})"
    return SentenceVerdict(j, "supported", sources, link, certain, reason,
                           entailment=entailment, contradiction=contradiction)


def _list(indices: Sequence[int]) -> str:
    return ", ".join(str(i) for i in indices)


def _entailment(alignment: SentenceAlignment, a: Sequence[str], b: Sequence[str],
                nli: EntailmentScorer) -> dict[int, tuple[float, float]]:
    """Entailment of each retold copy sentence by its source sentences, and the stronger
    contradiction of the two directions."""
    rows = [(j, " ".join(a[i] for i in alignment.sources_of(j))) for j in range(len(b))
            if alignment.sources_of(j)]
    if not rows:
        return {}
    premises = [p for _, p in rows]
    hypotheses = [b[j] for j, _ in rows]
    forward = nli.scores(premises, hypotheses)
    backward = nli.scores(hypotheses, premises)
    return {j: (float(forward[k, 0]), float(max(forward[k, 2], backward[k, 2])))
            for k, (j, _) in enumerate(rows)}


def copy_manipulation(verdicts: Sequence[SentenceVerdict]) -> Manipulation:
    """The noisy-or of the copy's certain evidence (see the module docstring)."""
    weights = []
    for verdict in verdicts:
        weights.append((_weight(verdict), verdict.b))
    keep = 1.0
    for weight, _ in weights:
        keep *= 1.0 - weight
    drivers = tuple(j for weight, j in sorted(weights, key=lambda x: (-x[0], x[1]))
                    if weight >= 0.1)[:5]
    return Manipulation(round(1.0 - keep, 4), drivers)


def _weight(verdict: SentenceVerdict) -> float:
    if verdict.verdict == "added":
        if not verdict.certain:
            return 0.0
        return ADDED_WEIGHT["claim" if verdict.check_worthy else "other"]
    if verdict.verdict == "changed":
        if not verdict.changes:  # the entailment model's contradiction alone
            return 0.3 * (verdict.contradiction or 0.0)
        strongest = max(CHANGE_WEIGHT.get(c.kind, 0.3) * (1.0 if c.certain else 0.3)
                        for c in verdict.changes)
        return strongest if verdict.certain else strongest / 2
    return 0.0
