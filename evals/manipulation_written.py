"""Written manipulated and paraphrased rewrites in; how well the copy's ``manipulation``
score tells them apart out: ROC-AUC per kind of planted false information and overall, on
each half of the set, with what the verdicts say about each copy.

The set (``tests/data/manipulation``, written by the project, invented events): per article
an origin, a pure paraphrase (negative) and one or two rewrites of the whole article that slip
in one of six kinds of false information (positive): total fabrication, false context,
incomplete fact, outdated information, description ambiguity, unsubstantiated content. The
``choose`` half is where features and weights are chosen; the ``held`` half is only measured.
The ``fresh`` half (m13-m18, written later, in a chat model's condensing style) is measured
only when asked for by name (``--half fresh``), and so is the ``untouched`` half (m21-m26,
written before the round that read it, in the same style): ``all`` is the two development
halves.
Each kind's AUC is its manipulated copies against every paraphrase of the same half.

With ``--real`` it also reports the false rate on real ChatGPT paraphrases: the share of
LLMFake GossipCop and CoAID paraphrases (read from ``../shared/data``, skipped when absent)
scoring above 0.5 against their originals, and the ROC-AUC of the manipulated copies read
against all of those paraphrases.

    python evals/manipulation_written.py [--semantic] [--half choose|held|fresh|untouched|all]
                                         [--real N] [--verbose] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from launderlens.model import Article
from launderlens.rewrites.compare import Comparer, Comparison
from launderlens.rewrites.verdicts import MANIPULATION_FEATURES, manipulation_features

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "manipulation"
KINDS = ("total_fabrication", "false_context", "incomplete_fact", "outdated_information",
         "description_ambiguity", "unsubstantiated_content")
HALVES = ("choose", "held", "fresh", "untouched")
# What ``--half all`` reads: the fresh and untouched halves are read only when named.
DEVELOPMENT = ("choose", "held")


class Copy(NamedTuple):
    """One rewrite of an article: ``kind`` is ``paraphrase`` or a kind of manipulation;
    ``sentences`` the openings of the copy sentences that carry it."""

    article: str
    half: str
    kind: str
    origin: str
    text: str
    sentences: tuple[str, ...]


class GoldMismatch(ValueError):
    """A labelled opening that opens no sentence of its copy."""


def load(gold: Path = GOLD) -> list[Copy]:
    """Every copy of every article file, paraphrases first."""
    out = []
    for path in sorted(gold.glob("m*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data["half"] not in HALVES:
            raise ValueError(f"{path.name}: half must be one of {HALVES}")
        out.append(Copy(data["name"], data["half"], "paraphrase", data["origin"],
                        data["paraphrase"], ()))
        for item in data["manipulated"]:
            if item["kind"] not in KINDS:
                raise ValueError(f"{path.name}: kind {item['kind']!r} not in {KINDS}")
            out.append(Copy(data["name"], data["half"], item["kind"], data["origin"],
                            item["text"], tuple(item.get("sentences", ()))))
    return out


def labelled(copy: Copy, comparison: Comparison) -> list[int]:
    """The copy sentences the labels name; a label that opens none is an error."""
    texts = [s.text for s in comparison.b_sentences]
    out = []
    for prefix in copy.sentences:
        found = [j for j, text in enumerate(texts) if text.startswith(prefix)]
        if not found:
            raise GoldMismatch(f"{copy.article}/{copy.kind}: no sentence opens {prefix!r}")
        out.append(found[0])
    return out


def auc(negatives: Sequence[float], positives: Sequence[float]) -> float | None:
    """Probability that a positive outscores a negative (ties count half)."""
    if not negatives or not positives:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def _fired(comparison: Comparison) -> dict[str, float]:
    return {name: round(value, 3) for name, value in
            zip(MANIPULATION_FEATURES,
                manipulation_features(comparison.verdicts, comparison.evidence), strict=True)
            if value}


def evaluate(comparer: Comparer, copies: Iterable[Copy]) -> list[dict[str, Any]]:
    """One row per copy: its score, drivers, labelled sentences and the features fired."""
    rows = []
    for copy in copies:
        comparison = comparer.compare(Article.create(copy.origin), Article.create(copy.text))
        marked = labelled(copy, comparison)
        drivers = comparison.manipulation.drivers
        rows.append({"article": copy.article, "half": copy.half, "kind": copy.kind,
                     "score": comparison.manipulation.score, "drivers": list(drivers),
                     "labelled": marked,
                     "driver_hit": bool(set(marked) & set(drivers)) if marked else None,
                     "fired": _fired(comparison)})
    return rows


def summarise(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """AUC per kind and overall per half, and how often a driver is a labelled sentence."""
    out: dict[str, Any] = {}
    for half in (*HALVES, "all"):
        mine = [r for r in rows if half == "all" or r["half"] == half]
        clean = [r["score"] for r in mine if r["kind"] == "paraphrase"]
        bad = [r for r in mine if r["kind"] != "paraphrase"]
        if not clean or not bad:
            continue
        part: dict[str, Any] = {"paraphrases": len(clean), "manipulated": len(bad),
                                "auc": auc(clean, [r["score"] for r in bad])}
        for kind in KINDS:
            scores = [r["score"] for r in bad if r["kind"] == kind]
            part[kind] = auc(clean, scores)
        hits = [r["driver_hit"] for r in bad if r["driver_hit"] is not None]
        part["drivers_on_labelled"] = sum(hits) / len(hits) if hits else None
        out[half] = part
    return out


def _llmfake() -> Any:
    """``evals/align_llmfake.py``, which reads the LLMFake files."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import align_llmfake

    return align_llmfake


def real_paraphrases(comparer: Comparer, limit: int,
                     splits: Sequence[str] = ("gossipcop", "coaid")) -> dict[str, Any]:
    """The share of real ChatGPT paraphrases (LLMFake GossipCop and CoAID) scoring above 0.5,
    and the scores' mean, per split; empty when the data is absent. GossipCop paraphrases
    are fitted on (``fit_manipulation.py --written``); CoAID's are not."""
    align_llmfake = _llmfake()
    if not align_llmfake.available():
        return {}
    out = {}
    for split in splits:
        data = align_llmfake.sample(align_llmfake.load(split), limit)
        scores = []
        for generation in data["paraphrase"]:
            if not generation.generated.strip() or generation.generated == generation.original:
                continue
            comparison = comparer.compare(Article.create(generation.original[:6000]),
                                          Article.create(generation.generated[:6000]))
            scores.append(comparison.manipulation.score)
        out[split] = {"copies": len(scores),
                      "above_half": sum(s > 0.5 for s in scores) / len(scores) if scores
                      else None,
                      "mean": sum(scores) / len(scores) if scores else None,
                      "scores": scores}
    return out


def auc_against_real(rows: Sequence[Mapping[str, Any]], real: Mapping[str, Any]) -> float | None:
    """ROC-AUC of the manipulated copies of ``rows`` against every real paraphrase scored."""
    clean = [s for part in real.values() for s in part["scores"]]
    return auc(clean, [r["score"] for r in rows if r["kind"] != "paraphrase"])


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--semantic", action="store_true")
    parser.add_argument("--half", choices=(*HALVES, "all"), default="all")
    parser.add_argument("--real", type=int, default=0,
                        help="also score N real paraphrases of each LLMFake split")
    parser.add_argument("--verbose", action="store_true", help="print every copy")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    comparer = Comparer(semantic=args.semantic)
    wanted = DEVELOPMENT if args.half == "all" else (args.half,)
    copies = [c for c in load() if c.half in wanted]
    rows = evaluate(comparer, copies)
    result: dict[str, Any] = {"summary": summarise(rows)}
    if args.real:
        result["real_paraphrases"] = real_paraphrases(comparer, args.real)
        result["auc_against_real"] = auc_against_real(rows, result["real_paraphrases"])
    if args.json:
        print(json.dumps({**result, "copies": rows}, indent=1))
        return 0
    if args.verbose:
        for r in rows:
            print(f"{r['half']:6} {r['article']:20} {r['kind']:24} {r['score']:.3f} "
                  f"drivers={r['drivers']} labelled={r['labelled']} {r['fired']}")
    print(f"{'half':7}{'all':>7}" + "".join(f"{k[:9]:>10}" for k in KINDS) + "  drivers")
    for half, part in result["summary"].items():
        print(f"{half:7}{_fmt(part['auc']):>7}" + "".join(f"{_fmt(part[k]):>10}" for k in KINDS)
              + f"  {_fmt(part['drivers_on_labelled'])}")
    for split, part in result.get("real_paraphrases", {}).items():
        print(f"real {split} paraphrases: {part['copies']}, above .5 {_fmt(part['above_half'])},"
              f" mean {_fmt(part['mean'])}")
    if result.get("real_paraphrases"):
        print(f"manipulated copies against the real paraphrases: AUC "
              f"{_fmt(result['auc_against_real'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
