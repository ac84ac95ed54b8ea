"""Check-worthiness across genres: labelled debates, debate sentences and posts in, average
precision of the claim ranking out, for the scorer alone and through ``analyze``.

Three sets, each split into the part the genre weights of ``claims.checkworthy`` were tuned
on (``tune``) and the part kept out for the gates (``gate``):

- CLEF-2019 CheckThat! task 1 training debates (transcripts): ``tune`` the 2016 debates and
  speeches and every other later one (in name order: the first, third, ...), ``gate`` the
  other five later ones (:func:`debate_splits`). Each debate is ranked twice: line by line with
  ``score_claims`` (the task's own unit), and as one transcript ("SPEAKER: line" a line)
  given to :meth:`Analyzer.analyze`, each line taking the highest score of the sentences
  that overlap it. MAP over debates.
- ClaimBuster (check-worthy factual sentences against the rest, US presidential debates
  1960-2016), scored as transcript sentences: ``tune`` the even ``sentence_id`` half,
  ``gate`` the odd one. AP over the half.
- CLEF-2020 CheckThat! task 1 (COVID-19 tweets), scored as posts: ``tune`` the training
  tweets, ``gate`` the dev tweets. AP over the set.

Beside each figure stands the AP a random ranking is expected to reach, and how many items
the score threshold flags as check-worthy with the F1 of those flags (for the debates,
through ``analyze``, pooled over the debates): the threshold is shared by the genres, and
these say whether it still sits where it should. The data is read
from ``<repo root>/../shared/data/checkworthiness`` and never copied into the repository.

    python evals/claims_genres.py [--json]
"""

from __future__ import annotations

import argparse
import bisect
import csv
import importlib.util
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from launderlens.claims.analyze import Analyzer
from launderlens.claims.checkworthy import THRESHOLD, score_claims
from launderlens.claims.genre import Genre
from launderlens.model import Article

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "checkworthiness"
CLAIMBUSTER = ROOT / "claimbuster" / "data" / "two_class" / "kfold_25ncs.json"
TWEETS = ROOT / "clef2020-t1-tweets" / "extracted" / "v2"


def _clef2019() -> ModuleType:
    """``evals/claims_clef2019.py``, which reads the debates and computes AP."""
    path = Path(__file__).resolve().parent / "claims_clef2019.py"
    spec = importlib.util.spec_from_file_location("claims_clef2019", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CLEF = _clef2019()
average_precision = CLEF.average_precision
random_average_precision = CLEF.random_average_precision


def available() -> dict[str, bool]:
    """Which of the three sets are on this machine."""
    return {"debates": CLEF.DATA.is_dir() and any(CLEF.DATA.glob("*.tsv")),
            "claimbuster": CLAIMBUSTER.is_file(),
            "tweets": (TWEETS / "training_v2.tsv").is_file()}


def debate_splits() -> dict[str, list[str]]:
    """``tune`` and ``gate`` debate names: the 2016 ones tune; of the later ones, sorted by
    name, the first, third, ... tune and the others gate, so that both parts hold
    speeches, press conferences and interviews from 2017 to 2019."""
    splits = CLEF.debates()
    later = splits["held_out"]
    return {"tune": [*splits["dev"], *later[0::2]], "gate": later[1::2]}


def claimbuster(split: str) -> list[tuple[str, bool]]:
    """ClaimBuster sentences of ``split`` (``tune``: even ids, ``gate``: odd) and labels."""
    rows = json.loads(CLAIMBUSTER.read_text(encoding="utf-8"))
    parity = 0 if split == "tune" else 1
    return [(row["text"], row["label"] == 1) for row in rows
            if int(row["sentence_id"]) % 2 == parity]


def tweets(split: str) -> list[tuple[str, bool]]:
    """CLEF-2020 task 1 tweets of ``split`` (``tune``: training, ``gate``: dev) and labels."""
    name = "training_v2.tsv" if split == "tune" else "dev_v2.tsv"
    with (TWEETS / name).open(encoding="utf-8", newline="") as rows:
        return [(row["tweet_text"], row["check_worthiness"].strip() == "1")
                for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)]


def f1(flags: Sequence[bool], labels: Sequence[bool]) -> float:
    """F1 of ``flags`` (check-worthy or not) against ``labels``."""
    hits = sum(f and y for f, y in zip(flags, labels, strict=True))
    return 2 * hits / (sum(flags) + sum(labels)) if hits else 0.0


def rank_set(pairs: Sequence[tuple[str, bool]], genre: Genre) -> dict[str, Any]:
    """AP of ``score_claims`` over ``pairs`` read as sentences of ``genre``, and how well
    its ``check_worthy`` flags (the score threshold) agree with the labels."""
    claims = score_claims([text for text, _ in pairs], genre=genre)
    labels = [label for _, label in pairs]
    flags = [c.check_worthy for c in claims]
    return {"items": len(pairs), "positives": sum(labels), "flagged": sum(flags),
            "f1": round(f1(flags, labels), 4),
            "ap": round(average_precision([c.score for c in claims], labels), 4),
            "random_ap": round(random_average_precision(sum(labels), len(labels)), 4)}


def analyzed_line_scores(lines: Sequence[tuple[str, str]], analyzer: Analyzer) -> list[float]:
    """Each ``(speaker, text)`` line's score when the transcript is analyzed as one text:
    the highest claim score among the sentences that overlap the line."""
    parts, spans, position = [], [], 0
    for speaker, text in lines:
        part = f"{speaker}: {text}" if speaker else text
        parts.append(part)
        spans.append((position, position + len(part)))
        position += len(part) + 1
    analysis = analyzer.analyze(Article.create("\n".join(parts)))
    scores = [0.0] * len(lines)
    starts = [start for start, _ in spans]
    for claim in analysis.claims:
        sentence = analysis.sentences[claim.sentence]
        first = max(0, bisect.bisect_right(starts, sentence.start) - 1)
        for index in range(first, len(spans)):
            start, end = spans[index]
            if start >= sentence.end:
                break
            if sentence.start < end:
                scores[index] = max(scores[index], claim.score)
    return scores


def rank_debates(names: Sequence[str], analyzer: Analyzer) -> dict[str, Any]:
    """MAP of the debates ``names``, line by line with the scorer and through analyze."""
    per_debate = {}
    for name in names:
        lines = CLEF.load(name)
        labels = [line.check_worthy for line in lines]
        alone = score_claims([line.text for line in lines])
        through = analyzed_line_scores([(line.speaker, line.text) for line in lines], analyzer)
        flags = [score >= THRESHOLD for score in through]
        per_debate[name] = {
            "lines": len(lines), "positives": sum(labels), "flagged": sum(flags),
            "flagged_positives": sum(f and y for f, y in zip(flags, labels, strict=True)),
            "f1": round(f1(flags, labels), 4),
            "scorer_ap": round(average_precision([c.score for c in alone], labels), 4),
            "analyze_ap": round(average_precision(through, labels), 4),
            "random_ap": round(random_average_precision(sum(labels), len(labels)), 4)}
    count = len(per_debate) or 1
    pooled = {key: sum(d[key] for d in per_debate.values())
              for key in ("flagged", "positives", "flagged_positives")}
    hits = pooled["flagged_positives"]
    pooled["f1"] = round(2 * hits / (pooled["flagged"] + pooled["positives"]), 4) if hits else 0.0
    return {key: round(sum(d[f"{key[:-4]}_ap"] for d in per_debate.values()) / count, 4)
            for key in ("scorer_map", "analyze_map", "random_map")} | pooled | {
                "debates": per_debate}


def run(which: Sequence[str] = ("debates", "claimbuster", "tweets")) -> dict[str, Any]:
    """Every figure of the sets in ``which``, per split, with seconds per set."""
    results: dict[str, Any] = {}
    here = available()
    if "debates" in which and here["debates"]:
        started, analyzer = time.perf_counter(), Analyzer(semantic=False)
        splits = debate_splits()
        results["debates"] = {"tune": rank_debates(splits["tune"], analyzer),
                              "gate": rank_debates(splits["gate"], analyzer),
                              "seconds": round(time.perf_counter() - started, 1)}
    sets: tuple[tuple[str, Callable[[str], list[tuple[str, bool]]], Genre], ...] = (
        ("claimbuster", claimbuster, "transcript"), ("tweets", tweets, "social"))
    for name, load, genre in sets:
        if name in which and here[name]:
            started = time.perf_counter()
            results[name] = {split: rank_set(load(split), genre) for split in ("tune", "gate")}
            results[name]["seconds"] = round(time.perf_counter() - started, 1)
    return results


def _print(results: dict[str, Any]) -> None:
    print(f"{'set':12} {'split':5} {'measure':12} {'value':>7} {'random':>7}   "
          f"{'flagged':>7} {'pos':>5} {'F1':>6}")
    for name, splits in results.items():
        for split in ("tune", "gate"):
            r = splits[split]
            calibration = f"{r['flagged']:>7} {r['positives']:>5} {r['f1']:>6.3f}"
            if name == "debates":
                for key in ("scorer_map", "analyze_map"):
                    print(f"{name:12} {split:5} {key:12} {r[key]:>7.3f} {r['random_map']:>7.3f}"
                          f"   {calibration if key == 'analyze_map' else ''}")
            else:
                print(f"{name:12} {split:5} {'ap':12} {r['ap']:>7.3f} {r['random_ap']:>7.3f}   "
                      f"{calibration}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not any(available().values()):
        print(f"no check-worthiness data found under {ROOT}", file=sys.stderr)
        return 2
    results = run()
    print(json.dumps(results, indent=2) if args.json else "", end="")
    if not args.json:
        _print(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
