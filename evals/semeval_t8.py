"""SemEval-2022 Task 8 article pairs in; how well the same-story similarity follows the
annotators' Overall score out (Pearson, and the AUC of "same story", Overall <= 2), for all
pairs, pairs in one language, English pairs and pairs across languages.

The pairs (title and head of two news articles, Overall 1 = very similar ... 4 = very
dissimilar) are read from ``<repo root>/../shared/data/semeval2022t8-sample`` and never
copied into the repository. All texts are indexed by the ``lexical`` backend, as
``cluster`` indexes a corpus, and each pair is scored with
:meth:`LexicalBackend.similarity`; the Pearson correlation is taken against ``-Overall``
so that higher is better. ``--limit N`` keeps the first N pairs of each language pair, so
that a gate runs on a fixed, mixed subset. ``--no-crosslingual`` scores words only.

``--multilingual`` also scores each pair with the multilingual encoder: the document
cosine alone, a blend with the words, and ``story``, the combination of the document
cosine, the title cosine and the shared anchors that
:data:`launderlens.rewrites.similarity.crosslingual.STORY_WEIGHTS` holds, read as
``compare`` reads it (:func:`~launderlens.rewrites.similarity.crosslingual.readable_story`:
page furniture left out of the heads, the title for a near-empty head, the mean score for
a page with nothing readable). Its three weights
were chosen by least squares on half of the pairs (:func:`chosen_half`: even positions of
the cross-lingual pairs and the first 25 pairs of each one-language pair, in file order);
``--split`` reports every mode on that half and on the rest, the held-out half, and the
weights least squares would choose on each half (the halves are those of the whole pair
list: run it without ``--limit``).

``--compare`` runs ``compare`` (:class:`launderlens.rewrites.compare.Comparer`, with the
multilingual encoder) on every cross-lingual pair and reports, on each half, the AUC of
"same story" for the alignment-based story score compare used before and for the
cross-lingual story score it uses now, and the precision and recall of ``same_story``
with each; the threshold of the cross-lingual one is chosen on the chosen half, precision
first (:func:`precision_first_threshold`).

``--cluster`` clusters the articles of every cross-lingual pair as one corpus (as
``launderlens cluster`` would, words only unless ``--semantic``) and counts the pairs whose
two articles end in one story, by the annotators' Overall score (``--split``: also on
each half, from one clustering of all the articles).

``--residuals N`` reads the chosen half only: the Pearson of the story score, its parts
and Overall itself with each annotator sub-score (Geography, Entities, Time, Narrative),
and the N pairs whose Overall lies furthest from the story score's least-squares line,
with their sub-scores and openings, to read by hand what the score misses.

    python evals/semeval_t8.py [--json] [--limit N] [--no-crosslingual] [--multilingual]
                               [--split] [--compare] [--cluster [--semantic] [--split]]
                               [--residuals N]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from launderlens.rewrites.similarity.lexical import LexicalBackend

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "semeval2022t8-sample"
PAIRS = DATA / "data" / "training_set.csv"


def load_pairs(limit: int | None = None) -> list[dict[str, str]]:
    """The labelled pairs, or up to ``limit`` per language pair in file order."""
    csv.field_size_limit(10_000_000)
    taken: dict[str, int] = defaultdict(int)
    pairs = []
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = f"{row['lang1']}-{row['lang2']}"
            if limit is not None and taken[key] >= limit:
                continue
            if not row.get("Overall"):
                continue
            taken[key] += 1
            pairs.append(row)
    return pairs


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """Probability that a positive pair outscores a negative one (ties count half)."""
    from scipy.stats import rankdata

    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    if not n_pos or not n_neg:
        return float("nan")
    ranks = rankdata(scores)
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def lexical_scores(pairs: list[dict[str, str]], crosslingual: bool = True) -> np.ndarray:
    """The lexical backend's similarity of each pair, all texts indexed as one corpus."""
    texts = [p["text1"] for p in pairs] + [p["text2"] for p in pairs]
    backend = (LexicalBackend() if crosslingual else LexicalBackend(crosslingual=False))
    backend.fit(texts)
    rows = np.arange(len(pairs))
    return backend.similarity(rows, rows + len(pairs))


def multilingual_scores(pairs: list[dict[str, str]]) -> np.ndarray:
    """The multilingual backend's document cosine of each pair (needs the extra)."""
    from launderlens.rewrites.similarity.dense import SemanticBackend

    texts = [p["text1"] for p in pairs] + [p["text2"] for p in pairs]
    backend = SemanticBackend(model="multilingual").fit(texts)
    rows = np.arange(len(pairs))
    return backend.similarity(rows, rows + len(pairs))


def title_scores(pairs: list[dict[str, str]]) -> np.ndarray:
    """The multilingual cosine of the two titles (first sentences) of each pair."""
    from launderlens.embeddings.multilingual import load_multilingual
    from launderlens.ingest.segment import segment
    from launderlens.model import Article

    encoder = load_multilingual(required=True)
    assert encoder is not None
    titles = []
    for side in ("1", "2"):
        for p in pairs:
            sentences = segment(Article.create(p[f"text{side}"], language=p[f"lang{side}"]))
            titles.append(sentences[0].text if sentences else p[f"text{side}"][:300])
    vectors = encoder.encode(titles)
    n = len(pairs)
    return np.einsum("ij,ij->i", vectors[:n], vectors[n:])


def story_scores(pairs: list[dict[str, str]], dense: np.ndarray) -> tuple[np.ndarray, ...]:
    """:func:`readable_story` of each pair, with what it read: the head cosines (``dense``
    where both heads are read whole, else the cosine of the two :func:`story_head` s; the
    title cosine where the shorter head has under ``READABLE_CHARS`` readable characters),
    the title cosines, the anchor shares, and the readable characters of the shorter head
    (0: the pair scores ``UNREADABLE_STORY`` whatever the rest)."""
    from launderlens.embeddings.multilingual import load_multilingual
    from launderlens.rewrites.similarity.crosslingual import (
        HEAD_CHARS,
        anchor_share,
        read_cosine,
        readable_story,
        story_head,
    )

    titles = title_scores(pairs)
    anchors = np.array([anchor_share(p["text1"], p["text2"]) for p in pairs])
    heads = [(story_head(p["text1"]), story_head(p["text2"])) for p in pairs]
    readable = np.array([min(len(a), len(b)) for a, b in heads])
    document = np.asarray(dense, dtype=np.float64).copy()
    # Only pairs with page furniture left out need their heads encoded again.
    again = [i for i, (p, (a, b)) in enumerate(zip(pairs, heads, strict=True))
             if (a != p["text1"][:HEAD_CHARS] or b != p["text2"][:HEAD_CHARS]) and a and b]
    if again:
        encoder = load_multilingual(required=True)
        assert encoder is not None
        vectors = encoder.encode([heads[i][0] for i in again] + [heads[i][1] for i in again])
        n = len(again)
        document[again] = np.einsum("ij,ij->i", vectors[:n], vectors[n:])
    story = readable_story(document, titles, anchors, readable)
    read = read_cosine(document, titles, readable)
    return story, read, titles, anchors, readable


def overall_scores(pairs: list[dict[str, str]]) -> np.ndarray:
    """The annotators' Overall score of each pair (1 very similar ... 4 very dissimilar)."""
    return np.array([float(p["Overall"]) for p in pairs])


def crosses(pair: dict[str, str]) -> bool:
    """Whether the pair's two articles are in different languages."""
    return pair["lang1"] != pair["lang2"]


def crossing_pairs(pairs: list[dict[str, str]]) -> list[dict[str, str]]:
    """The pairs whose two articles are in different languages."""
    return [p for p in pairs if crosses(p)]


def chosen_half(pairs: list[dict[str, str]]) -> np.ndarray:
    """The pairs the story weights were chosen on: even positions among the cross-lingual
    pairs and the first 25 pairs of each one-language pair, in file order."""
    taken: dict[str, int] = defaultdict(int)
    chosen = np.zeros(len(pairs), dtype=bool)
    position = 0
    for i, p in enumerate(pairs):
        key = f"{p['lang1']}-{p['lang2']}"
        if p["lang1"] == p["lang2"] and taken[key] >= 25:
            continue
        taken[key] += 1
        chosen[i] = position % 2 == 0
        position += 1
    return chosen


def crossing_chosen(pairs: list[dict[str, str]]) -> np.ndarray:
    """:func:`chosen_half` of the cross-lingual pairs only, in :func:`crossing_pairs`'s
    order."""
    return chosen_half(pairs)[[crosses(p) for p in pairs]]


def least_squares_weights(features: list[np.ndarray], pairs: list[dict[str, str]],
                          mask: np.ndarray) -> list[float]:
    """Weights (rescaled to sum to 1) of ``features`` fitted to -Overall on ``mask``."""
    target = -overall_scores(pairs)
    design = np.stack([*features, np.ones(len(pairs))], axis=1)
    weights = np.linalg.lstsq(design[mask], target[mask], rcond=None)[0][:-1]
    return [round(float(w), 3) for w in weights / weights.sum()]


#: The annotators' sub-scores beside Overall (1 alike ... 4 unlike), read by ``--residuals``.
SUB_SCORES = ("Geography", "Entities", "Time", "Narrative")


def worst_residuals(pairs: list[dict[str, str]], scores: np.ndarray, mask: np.ndarray,
                    count: int) -> list[dict[str, Any]]:
    """The ``count`` pairs of ``mask`` whose -Overall lies furthest from the least-squares
    line of ``scores`` fitted on ``mask``, worst first: where the score and the annotators
    disagree most, with the annotators' sub-scores and both heads' openings to read why."""
    target = -overall_scores(pairs)
    slope, intercept = np.polyfit(scores[mask], target[mask], 1)
    residual = target - (intercept + slope * scores)
    rows = np.flatnonzero(mask)
    worst = rows[np.argsort(-np.abs(residual[rows]), kind="stable")[:count]]
    return [{"pair_id": pairs[i]["pair_id"],
             "languages": f"{pairs[i]['lang1']}-{pairs[i]['lang2']}",
             **{name.lower(): float(pairs[i][name]) for name in ("Overall", *SUB_SCORES)},
             "score": round(float(scores[i]), 3), "residual": round(float(residual[i]), 2),
             "openings": [pairs[i][f"text{side}"][:120] for side in "12"]}
            for i in worst.tolist()]


def sub_score_correlations(pairs: list[dict[str, str]], parts: dict[str, np.ndarray],
                           mask: np.ndarray) -> dict[str, dict[str, float]]:
    """Pearson of each of ``parts`` (one value per pair, higher = more alike) with each
    annotator sub-score and Overall, negated so that higher is more alike, on ``mask``."""
    out = {}
    for name in ("Overall", *SUB_SCORES):
        judged = -np.array([float(p[name]) for p in pairs])
        out[name.lower()] = {part: round(pearson(values[mask], judged[mask]), 3)
                             for part, values in parts.items()}
    return out


def residual_report(pairs: list[dict[str, str]], count: int) -> dict[str, Any]:
    """``--residuals``: on the chosen half only (:func:`chosen_half`; the held-out half is
    not read), how the story score and its parts, and Overall itself, follow each
    annotator sub-score, and the ``count`` pairs the story score misses most."""
    kept = [p for p, keep in zip(pairs, chosen_half(pairs), strict=True) if keep]
    started = time.perf_counter()
    story, document, titles, anchors, _ = story_scores(kept, multilingual_scores(kept))
    seconds = time.perf_counter() - started
    everything = np.ones(len(kept), dtype=bool)
    parts = {"overall": -overall_scores(kept), "story": story, "document": document,
             "title": titles, "anchors": anchors}
    return {"pairs": len(kept), "seconds_per_pair": round(seconds / len(kept), 3),
            "story_pearson": round(pearson(story, -overall_scores(kept)), 4),
            "sub_scores": sub_score_correlations(kept, parts, everything),
            "worst": worst_residuals(kept, story, everything, count)}


def evaluate(pairs: list[dict[str, str]], crosslingual: bool = True,
             scores: np.ndarray | None = None, mode: str = "lexical") -> dict[str, Any]:
    """Correlations of ``scores`` (default: the lexical backend's) with the annotators'."""
    started = time.perf_counter()
    if scores is None:
        scores = lexical_scores(pairs, crosslingual)
    seconds = time.perf_counter() - started
    overall = overall_scores(pairs)
    target, positive = -overall, overall <= 2
    same = np.array([p["lang1"] == p["lang2"] for p in pairs])
    english = np.array([p["lang1"] == p["lang2"] == "en" for p in pairs])
    groups = {"all": np.ones(len(pairs), dtype=bool), "same_language": same,
              "english": english, "cross_lingual": ~same}
    out: dict[str, Any] = {"pairs": len(pairs), "seconds": round(seconds, 2),
                           "crosslingual": crosslingual, "mode": mode}
    for name, mask in groups.items():
        out[name] = {"pairs": int(mask.sum()),
                     "pearson": round(pearson(scores[mask], target[mask]), 4),
                     "auc": round(auc(scores[mask], positive[mask]), 4)}
    by_pair: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(pairs):
        by_pair[f"{p['lang1']}-{p['lang2']}"].append(i)
    out["by_language_pair"] = {
        key: round(pearson(scores[idx], target[idx]), 4) for key, idx in sorted(by_pair.items())}
    return out


#: The precision ``same_story`` must keep on the chosen half (see ``--compare``).
PRECISION_TARGET = 0.9


def precision_first_threshold(scores: np.ndarray, positive: np.ndarray,
                              target: float = PRECISION_TARGET) -> float | None:
    """The lowest threshold (rounded up to two decimals) at which the pairs scoring at
    least it are still ``target`` precise: the most recall that precision allows; None
    when no threshold is that precise (not even the top score alone)."""
    order = np.argsort(-scores)
    precision = np.cumsum(positive[order]) / np.arange(1, len(order) + 1)
    precise = np.nonzero(precision >= target)[0]
    if not len(precise):
        return None
    return float(np.ceil(scores[order][int(precise[-1])] * 100) / 100)


def compare_scores(pairs: list[dict[str, str]]) -> dict[str, np.ndarray]:
    """``compare``'s alignment-based story score, its cross-lingual story score and its
    ``same_story`` for each pair (all must cross languages)."""
    from launderlens.model import Article
    from launderlens.rewrites.compare import Comparer

    comparer = Comparer()
    alignment, crosslingual, same = [], [], []
    for p in pairs:
        result = comparer.compare(Article.create(p["text1"], language=p["lang1"]),
                                  Article.create(p["text2"], language=p["lang2"]))
        alignment.append(result.alignment_story)
        crosslingual.append(result.crosslingual_story
                            if result.crosslingual_story is not None else np.nan)
        same.append(result.same_story)
    return {"alignment": np.array(alignment), "crosslingual": np.array(crosslingual),
            "same_story": np.array(same)}


def compare_report(pairs: list[dict[str, str]]) -> dict[str, Any]:
    """``--compare``: AUC, precision and recall of same_story before and now, per half."""
    from launderlens.rewrites.compare import CROSSLINGUAL_SAME_STORY, SAME_STORY

    crossing = crossing_pairs(pairs)
    chosen = crossing_chosen(pairs)
    scores = compare_scores(crossing)
    unread = int(np.isnan(scores["crosslingual"]).sum())
    if unread:  # no multilingual encoder, or pairs identified as one language
        raise RuntimeError(f"{unread} of {len(crossing)} pairs got no cross-lingual story "
                           "score (is the multilingual extra installed?)")
    overall = overall_scores(crossing)
    positive = overall <= 2
    threshold = precision_first_threshold(scores["crosslingual"][chosen], positive[chosen])
    out: dict[str, Any] = {"pairs": len(crossing), "threshold_chosen": threshold,
                           "threshold_shipped": CROSSLINGUAL_SAME_STORY}
    if threshold is None:
        out["threshold_note"] = (f"no threshold reaches precision {PRECISION_TARGET} on the "
                                 "chosen half")
        print(f"warning: {out['threshold_note']}", file=sys.stderr)
    for name, mask in (("chosen half", chosen), ("held-out half", ~chosen)):
        part: dict[str, Any] = {"pairs": int(mask.sum())}
        for mode, values, cut in (("alignment", scores["alignment"], SAME_STORY),
                                  ("crosslingual", scores["crosslingual"],
                                   CROSSLINGUAL_SAME_STORY)):
            said = values[mask] >= cut
            truth = positive[mask]
            part[mode] = {"auc": round(auc(values[mask], truth), 4),
                          "pearson": round(pearson(values[mask], -overall[mask]), 4),
                          "precision": round(float(truth[said].mean()) if said.any()
                                             else float("nan"), 3),
                          "recall": round(float(said[truth].mean()), 3)}
        out[name] = part
    return out


def cluster_together(pairs: list[dict[str, str]], semantic: bool = False
                     ) -> tuple[np.ndarray, dict[str, Any]]:
    """Whether ``cluster`` puts the two articles of each cross-lingual pair in one story
    (the articles of all of them clustered as one corpus), and what ran."""
    from launderlens.model import Article
    from launderlens.rewrites.cluster import StoryIndex

    crossing = crossing_pairs(pairs)
    articles: dict[str, Article] = {}
    ends = []
    for p in crossing:
        sides = [Article.create(p[f"text{side}"], language=p[f"lang{side}"]) for side in "12"]
        articles.update((a.id, a) for a in sides)
        ends.append((sides[0].id, sides[1].id))
    started = time.perf_counter()
    index = StoryIndex(backends=("lexical", "semantic") if semantic else ("lexical",))
    index.fit(list(articles.values()))
    label = dict(zip(index.ids_, index.labels_.tolist(), strict=True))
    together = np.array([label[a] == label[b] for a, b in ends])
    return together, {"pairs": len(crossing), "articles": len(articles),
                      "backends": list(index.backends),
                      "seconds": round(time.perf_counter() - started, 1)}


def cluster_report(pairs: list[dict[str, str]], semantic: bool = False,
                   split: bool = False) -> dict[str, Any]:
    """``--cluster``: how many cross-lingual pairs :func:`cluster_together` puts in one
    story, by the annotators' Overall: one story (<= 2), between, different stories
    (>= 3); with ``split`` also on each half (:func:`chosen_half`; one clustering of all)."""
    together, out = cluster_together(pairs, semantic)
    overall = overall_scores(crossing_pairs(pairs))
    classes = (("one story", overall <= 2), ("between", (overall > 2) & (overall < 3)),
               ("different stories", overall >= 3))

    def counts(keep: np.ndarray) -> dict[str, dict[str, int]]:
        return {name: {"pairs": int((mask & keep).sum()),
                       "together": int(together[mask & keep].sum())}
                for name, mask in classes}

    out.update(counts(np.ones(len(overall), dtype=bool)))
    if split:
        chosen = crossing_chosen(pairs)
        out["chosen half"] = counts(chosen)
        out["held-out half"] = counts(~chosen)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--limit", type=int, default=None, help="pairs per language pair")
    parser.add_argument("--no-crosslingual", action="store_true",
                        help="words only (the scores before cross-lingual anchors)")
    parser.add_argument("--multilingual", action="store_true",
                        help="also score with the multilingual encoder, alone and blended")
    parser.add_argument("--split", action="store_true",
                        help="with --multilingual or --cluster: report the chosen and the "
                             "held-out half")
    parser.add_argument("--compare", action="store_true",
                        help="compare's same_story across languages, before and now")
    parser.add_argument("--residuals", type=int, metavar="N",
                        help="the story score's N worst pairs of the chosen half, and how "
                             "its parts follow the annotators' sub-scores there")
    parser.add_argument("--cluster", action="store_true",
                        help="whether cluster puts each cross-lingual pair in one story")
    parser.add_argument("--semantic", action="store_true",
                        help="with --cluster: cluster with the default semantic backend too")
    args = parser.parse_args(argv)
    if not PAIRS.exists():
        print(f"SemEval-2022 Task 8 pairs not found at {PAIRS}", file=sys.stderr)
        return 2
    pairs = load_pairs(args.limit)
    if args.residuals:
        print(json.dumps(residual_report(pairs, args.residuals), indent=2, ensure_ascii=False))
        return 0
    if args.cluster:
        print(json.dumps(cluster_report(pairs, args.semantic, args.split), indent=2))
        return 0
    if args.compare:
        try:
            report = compare_report(pairs)
        except RuntimeError as error:
            print(f"cannot run: {error}", file=sys.stderr)
            return 2
        print(json.dumps(report, indent=2))
        return 0
    words = lexical_scores(pairs, crosslingual=not args.no_crosslingual)
    results = [evaluate(pairs, not args.no_crosslingual, words)]
    if args.multilingual:
        started = time.perf_counter()
        dense = multilingual_scores(pairs)
        results.append(evaluate(pairs, scores=dense, mode="multilingual"))
        results.append(evaluate(pairs, scores=0.5 * words + 0.5 * dense, mode="blend"))
        story, document, titles, anchors, readable = story_scores(pairs, dense)
        results.append(evaluate(pairs, scores=story, mode="story"))
        for result in results[1:]:
            result["seconds"] = round(time.perf_counter() - started, 2)
        if args.split:
            chosen = chosen_half(pairs)
            for name, mask in (("chosen half", chosen), ("held-out half", ~chosen)):
                for mode, scores in (("multilingual", dense), ("story", story)):
                    kept = [p for p, keep in zip(pairs, mask, strict=True) if keep]
                    results.append(evaluate(kept, scores=scores[mask], mode=f"{mode}, {name}"))
                # Fitted on what the score reads, and only where the weights matter: a
                # pair with an unreadable page scores UNREADABLE_STORY whatever they are.
                results[-1]["weights_fitted_here"] = least_squares_weights(
                    [np.clip(document, 0, 1) ** 2, titles, anchors], pairs,
                    mask & (readable > 0))
    if args.json:
        print(json.dumps(results if args.multilingual else results[0], indent=2))
        return 0
    for result in results:
        print(f"-- {result['mode']}")
        for name in ("all", "same_language", "english", "cross_lingual"):
            print(f"{name:14s} pairs {result[name]['pairs']:5d}  "
                  f"pearson {result[name]['pearson']:.3f}  auc {result[name]['auc']:.3f}")
        print("by language pair:", result["by_language_pair"])
        if "weights_fitted_here" in result:
            print("squared document, title, anchors weights fitted on this half:",
                  result["weights_fitted_here"])
        print(f"{result['pairs']} pairs in {result['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
