"""Benchmark: story clustering of generated corpora with planted rewrite families.

Each corpus mixes single articles with families: an origin from a news agency and 1-10
rewrites on look-alike sites, published within two days, made by synonym substitution,
word swaps, sentence reordering, dropped and added sentences, so that word 3-shingle
Jaccard between copies is low, as between real LLM rewrites. Events come in kinds that
share vocabulary (two earthquakes), so the same-kind hard negative is everywhere.

For each size it prints articles/s and peak memory of ``StoryIndex`` (lexical backend;
the time covers ``fit`` and building ``stories_``), pairwise precision/recall of the
planted families and how often the origin is found, and, measured in the same run as the
baseline, datasketch MinHashLSH (threshold 0.5, 128 permutations) over word 3-shingles:
its rate and how many planted rewrite pairs it misses. Targets: >= 500 articles/s on
2 cores; time(largest) / time(smallest) <= 15 for sizes 10k and 100k.

    python bench/cluster.py [--sizes 10000,50000,100000] [--json] [--no-baseline]

Each phase runs in a forked child so that its peak resident memory is its own; the
corpus, built in the parent and inherited, is part of that peak and is printed beside it.
The 1-minute load average before and after each phase is printed too: on a shared
machine a rate means little without it.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from forked import in_child

SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"] + ["ar", "en", "is", "on", "ul"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# The most frequent words, which a rewrite keeps: real English function words, most
# frequent first, so that the language identifier reads the generated text as English (made
# up words alone read as Shona and a dozen other languages, and sent every generated corpus
# through the rules for articles in two languages, which English news never meets).
FUNCTION_WORDS = [
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "on", "with", "as", "by",
    "he", "it", "at", "from", "his", "said", "an", "be", "has", "have", "had", "are", "were",
    "its", "not", "but", "who", "their", "which", "this", "they", "will", "after", "been", "also",
    "would", "more", "again", "first", "last", "new", "than", "into", "over", "about", "up", "out",
    "when", "there", "other", "her", "she", "we", "our", "all", "some", "could", "can", "year",
    "years", "while", "before", "against", "since", "under", "most", "only", "him", "them", "so",
    "these", "those", "many", "often", "people", "no", "if", "what", "where", "during", "both",
    "between", "any", "because", "each", "such", "back", "just", "now", "then", "how", "through",
    "very", "may", "should", "still", "did", "do", "made", "told", "including", "own", "around",
    "well", "off", "down", "us", "yet", "even", "next", "across", "among", "whose", "without",
    "already", "later"
]
# Content words stay made up, with English endings (a synonym pair shares one): with the
# function words, the identifier reads every generated article as English.
ENDINGS = ["ing", "ed", "er", "tion", "s", "ly", "ment", "ers"]
RATE_TARGET = 500  # articles/s, lexical backend
GROWTH_TARGET = 15  # time(100k) / time(10k)
LSH_THRESHOLD = 0.5


@dataclass
class Lexicon:
    common: list[str]
    common_cdf: np.ndarray
    synonym: dict[str, str]
    kinds: list[list[str]]
    famous: list[str]
    famous_p: np.ndarray
    agencies: list[str]
    sites: list[str]
    taken: set[str]  # every word above, lower case: event names must differ from them


def _words(rng: random.Random, count: int, syllables: tuple[int, int], seen: set[str]) -> list[str]:
    out: list[str] = []
    while len(out) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(*syllables)))
        if word not in seen:
            seen.add(word)
            out.append(word)
    return out


def _zipf(count: int, exponent: float) -> np.ndarray:
    weights = 1 / np.arange(1, count + 1) ** exponent
    return np.asarray(weights / weights.sum())


def _english_shaped(words: list[str]) -> list[str]:
    """``words`` with an English ending each, the same for ranks 2i and 2i+1."""
    return [word + ENDINGS[i // 2 % len(ENDINGS)] for i, word in enumerate(words)]


def lexicon(seed: int = 11) -> Lexicon:
    rng, seen = random.Random(seed), set[str](FUNCTION_WORDS)
    common = FUNCTION_WORDS + _english_shaped(
        _words(rng, 16_000 - len(FUNCTION_WORDS), (1, 4), seen))
    # Content words come in synonym pairs of similar frequency (ranks 2i and 2i+1).
    synonym = {common[i]: common[i ^ 1] for i in range(len(FUNCTION_WORDS), len(common))}
    kinds = []
    for _ in range(400):
        topic = _english_shaped(_words(rng, 30, (2, 4), seen))
        synonym.update({topic[i]: topic[i ^ 1] for i in range(len(topic))})
        kinds.append(topic)
    famous = [w.capitalize() for w in _words(rng, 300, (2, 3), seen)]
    agencies = [w.capitalize() + " News Agency" for w in _words(rng, 40, (2, 3), seen)]
    sites = [w.capitalize() + " " + rng.choice(["Gazette", "Herald", "Daily", "Post"])
             for w in _words(rng, 2000, (2, 3), seen)]
    return Lexicon(common, np.cumsum(_zipf(len(common), 1.05)), synonym, kinds, famous,
                   _zipf(len(famous), 1.0), agencies, sites, seen | set(synonym))


@dataclass
class Event:
    kind: int
    names: list[str]
    when: datetime


def _sentence(lex: Lexicon, event: Event, rng: np.random.Generator,
              named: bool = True) -> list[str]:
    count = int(rng.integers(12, 26))
    roll = rng.random(count)
    topic = lex.kinds[event.kind]
    topic_pick = rng.integers(len(topic), size=count)
    name_pick = rng.integers(len(event.names), size=count)
    common_pick = np.minimum(np.searchsorted(lex.common_cdf, rng.random(count)),
                             len(lex.common) - 1)
    # The first word stays as drawn (lower case unless a name): _text capitalises each
    # sentence as it writes it, so a word a rewrite moves inward is not mistaken for a name.
    return [topic[t] if r < 0.2 else event.names[n] if r < 0.32 and named else lex.common[c]
            for r, t, n, c in zip(roll.tolist(), topic_pick.tolist(), name_pick.tolist(),
                                  common_pick.tolist(), strict=True)]


def _event(lex: Lexicon, kind: int, when: datetime, rng: np.random.Generator,
           names: list[str]) -> Event:
    picked = [lex.famous[int(i)] for i in rng.choice(len(lex.famous), 2, p=lex.famous_p)]
    specific = [names.pop() for _ in range(int(rng.integers(3, 7)))]
    figures = [f"{rng.integers(2, 99)}.{rng.integers(0, 9)}",
               f"{rng.integers(1, 9)},{rng.integers(100, 999)}",
               str(rng.integers(11, 400)), WEEKDAYS[when.weekday()]]
    return Event(kind, picked + specific + figures, when)


def _rewrite(lex: Lexicon, sentences: list[list[str]], event: Event, cite: str | None,
             rng: np.random.Generator) -> list[list[str]]:
    out = []
    for words in sentences:
        if rng.random() < 0.15:
            continue  # dropped
        substitute = (rng.random(len(words)) < 0.6).tolist()
        new = [lex.synonym.get(w, w) if s else w for w, s in zip(words, substitute, strict=True)]
        # Left to right, so that a word can travel more than one place.
        for i in np.flatnonzero(rng.random(len(new) - 1) < 0.15).tolist():
            new[i], new[i + 1] = new[i + 1], new[i]
        out.append(new)
    order = np.argsort(np.arange(len(out)) + rng.normal(0, 2.0, len(out)))
    out = [out[i] for i in order]
    for _ in range(int(rng.integers(1, 4))):  # added sentences
        out.insert(int(rng.integers(0, len(out) + 1)), _sentence(lex, event, rng, named=False))
    if cite:
        out.insert(1, ["the", "report", "was", "first", "published", "by", *cite.split()])
    return out


def _text(sentences: list[list[str]], end: str = ".") -> str:
    plain = (" ".join(words) for words in sentences)
    return " ".join(s[:1].upper() + s[1:] + end for s in plain)


def corpus(size: int, seed: int = 5) -> tuple[list[Any], np.ndarray, np.ndarray]:
    """Articles, their family number, and whether each is its family's origin."""
    from launderlens.model import Article

    lex, rng = lexicon(), np.random.default_rng(seed)
    names = [w.capitalize() for w in _words(random.Random(seed), size * 3, (2, 4), set(lex.taken))]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    articles: list[Any] = []
    family: list[int] = []
    origin: list[bool] = []
    number = -1
    while len(articles) < size:
        when = start + timedelta(minutes=int(rng.integers(0, 365 * 24 * 60)))
        event = _event(lex, int(rng.integers(len(lex.kinds))), when, rng, names)
        body = [_sentence(lex, event, rng) for _ in range(int(rng.integers(12, 20)))]
        agency = lex.agencies[int(rng.integers(len(lex.agencies)))]
        number += 1
        articles.append(Article.create(_text(body), title=_text([body[0][:9]], end=""),
                                       outlet=agency, published=when))
        family.append(number)
        origin.append(True)
        copies = int(rng.integers(1, 11)) if rng.random() < 0.2 else 0
        for _ in range(min(copies, size - len(articles))):
            cite = agency if rng.random() < 0.3 else None
            words = _rewrite(lex, body, event, cite, rng)
            site = lex.sites[int(rng.integers(len(lex.sites)))]
            late = when + timedelta(minutes=int(rng.integers(5, 48 * 60)))
            articles.append(Article.create(_text(words), title=_text([words[0][:9]], end=""),
                                           outlet=site, published=late))
            family.append(number)
            origin.append(False)
    return articles, np.asarray(family), np.asarray(origin)


def pair_counts(labels: np.ndarray, family: np.ndarray) -> dict[str, float]:
    """Pairwise precision and recall of ``labels`` against the planted ``family``."""
    def pairs(counts: np.ndarray) -> int:
        return int((counts * (counts - 1) // 2).sum())

    _, cell = np.unique(np.stack([labels, family]), axis=1, return_counts=True)
    both = pairs(cell)
    predicted = pairs(np.unique(labels, return_counts=True)[1])
    planted = pairs(np.unique(family, return_counts=True)[1])
    return {"pair_precision": round(both / max(predicted, 1), 4),
            "pair_recall": round(both / max(planted, 1), 4), "planted_pairs": planted}


# The corpus of the size being measured; generated once in the parent, inherited by the
# forked children, so both methods see the same articles and pay nothing to build them.
CORPUS: tuple[list[Any], np.ndarray, np.ndarray] = ([], np.zeros(0), np.zeros(0))


def run_launderlens() -> dict[str, Any]:
    from launderlens.rewrites.cluster import StoryIndex

    articles, family, origin = CORPUS
    size = len(articles)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    index = StoryIndex(backends=("lexical",)).fit(articles)
    fitted = time.perf_counter()
    stories = index.stories_  # origins and key terms: part of the result, so timed too
    seconds = time.perf_counter() - started
    position = {a.id: i for i, a in enumerate(articles)}
    labels = np.zeros(size, dtype=np.int64)
    family_size = np.bincount(family)
    found_origin = found_families = 0
    for number, story in enumerate(stories):
        rows = [position[m] for m in story.members]
        labels[rows] = number
        families = set(family[rows].tolist())
        if len(rows) > 1 and len(families) == 1 and family_size[family[rows[0]]] == len(rows):
            found_families += 1
            found_origin += bool(origin[position[story.origin]])
    return {"seconds": seconds, "fit_seconds": round(fitted - started, 2),
            "corpus_rss_mb": before, "stories": len(stories),
            "families_recovered_exactly": found_families, "origin_correct": found_origin,
            **pair_counts(labels, family)}


def run_minhash_lsh() -> dict[str, Any]:
    from datasketch import MinHash, MinHashLSH

    from launderlens.rewrites.similarity.lexical import tokenize

    articles, family, _ = CORPUS
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    lsh, sketches = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=128), []
    # One set of permutations for all sketches, as datasketch advises for bulk use: drawing
    # them anew per article would slow the baseline down for nothing.
    template = MinHash(num_perm=128)
    for i, article in enumerate(articles):
        words = tokenize(article.text)
        sketch = MinHash(num_perm=128, permutations=template.permutations,
                         scheme=template.scheme)
        sketch.update_batch([" ".join(words[j:j + 3]).encode() for j in range(len(words) - 2)])
        lsh.insert(i, sketch)
        sketches.append(sketch)
    found = {(min(i, j), max(i, j)) for i, s in enumerate(sketches) for j in lsh.query(s) if i != j}
    seconds = time.perf_counter() - started
    hits = int(sum(family[i] == family[j] for i, j in found))
    planted = pair_counts(family, family)["planted_pairs"]
    return {"seconds": seconds, "corpus_rss_mb": before, "threshold": LSH_THRESHOLD,
            "planted_pairs": planted, "planted_pairs_found": hits,
            "planted_pairs_missed": planted - hits, "other_pairs_found": len(found) - hits,
            "pair_recall": round(hits / max(planted, 1), 4)}


def shingle_jaccard(size: int = 2000, sample: int = 300) -> dict[str, float]:
    """Mean word 3-shingle Jaccard of origin and copy, and of two copies of one family:
    how deep the rewrites go."""
    from launderlens.rewrites.similarity.lexical import tokenize

    def jaccard(left: str, right: str) -> float:
        grams = [{tuple(w[i:i + 3]) for i in range(len(w) - 2)}
                 for w in map(tokenize, (left, right))]
        return len(grams[0] & grams[1]) / len(grams[0] | grams[1])

    articles, family, _ = corpus(size)  # an origin comes first in its family
    members: dict[int, list[str]] = {}
    for article, number in zip(articles, family, strict=True):
        members.setdefault(int(number), []).append(article.text)
    families = [texts for texts in members.values() if len(texts) >= 3][:sample]
    return {"origin_copy": round(float(np.mean([jaccard(t[0], t[1]) for t in families])), 4),
            "copy_copy": round(float(np.mean([jaccard(t[1], t[2]) for t in families])), 4)}


def measure(fn: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run ``fn`` in a forked child; add its rate and peak resident memory."""
    size = len(CORPUS[0])
    result = in_child(fn)
    result["per_second"] = round(size / result["seconds"], 1)
    result["seconds"] = round(result["seconds"], 2)
    result["corpus_rss_mb"] = round(result["corpus_rss_mb"], 1)
    result["own_rss_mb"] = round(result["peak_rss_mb"] - result["corpus_rss_mb"], 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="10000,50000,100000",
                        help="comma-separated corpus sizes (default: 10000,50000,100000)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-baseline", action="store_true", help="skip datasketch MinHashLSH")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    import launderlens.rewrites.cluster  # noqa: F401  (warm imports outside the timed phases)

    results: dict[str, Any] = {"shingle_jaccard": shingle_jaccard(), "cpus": os.cpu_count(),
                               "sizes": {}}
    global CORPUS
    for size in sizes:
        print(f"generating and clustering {size} articles ...", file=sys.stderr)
        CORPUS = ([], np.zeros(0), np.zeros(0))
        gc.collect()  # drop the previous corpus before building the next
        CORPUS = corpus(size)
        row = {"launderlens": measure(run_launderlens)}
        if not args.no_baseline:
            row["minhash_lsh"] = measure(run_minhash_lsh)
        results["sizes"][size] = row
    if len(sizes) > 1:
        first, last = results["sizes"][sizes[0]], results["sizes"][sizes[-1]]
        results["growth"] = {"ratio": round(last["launderlens"]["seconds"]
                                            / first["launderlens"]["seconds"], 2),
                             "size_ratio": sizes[-1] / sizes[0], "target": GROWTH_TARGET}
    results["target_per_second"] = RATE_TARGET
    print(json.dumps(results, indent=2) if args.json else _table(results))
    return 0


def _table(results: dict[str, Any]) -> str:
    jac = results["shingle_jaccard"]
    lines = [f"word 3-shingle Jaccard: origin/copy {jac['origin_copy']}, "
             f"copy/copy {jac['copy_copy']}; {results['cpus']} CPUs"]
    for size, row in results["sizes"].items():
        ours = row["launderlens"]
        lines.append(f"{size:>7} articles  launderlens  {ours['per_second']:>8.0f}/s "
                     f"{ours['seconds']:>7.1f} s (fit {ours['fit_seconds']:.1f} s)  "
                     f"peak RSS {ours['peak_rss_mb']:.0f} MB (corpus {ours['corpus_rss_mb']:.0f})"
                     f"  load {ours['load_1min'][0]:.1f}->{ours['load_1min'][1]:.1f}")
        lines.append(f"{'':>18}pair P {ours['pair_precision']:.3f} R {ours['pair_recall']:.3f} "
                     f"of {ours['planted_pairs']} planted pairs; {ours['stories']} stories; "
                     f"families exact {ours['families_recovered_exactly']}, "
                     f"origin right {ours['origin_correct']}")
        if "minhash_lsh" in row:
            base = row["minhash_lsh"]
            lines.append(f"{'':>9}MinHashLSH@{base['threshold']} {base['per_second']:>8.0f}/s "
                         f"{base['seconds']:>7.1f} s  peak RSS {base['peak_rss_mb']:.0f} MB  "
                         f"misses {base['planted_pairs_missed']} of {base['planted_pairs']} "
                         f"planted pairs (recall {base['pair_recall']:.3f}); "
                         f"{base['other_pairs_found']} other pairs; "
                         f"launderlens/MinHashLSH rate = "
                         f"{ours['per_second'] / base['per_second']:.2f}")
    if "growth" in results:
        g = results["growth"]
        verdict = ("met" if g["ratio"] <= g["target"] else "MISSED") \
            if g["size_ratio"] == 10 else "not judged: sizes are not 10x apart"
        lines.append(f"time ratio largest/smallest = {g['ratio']} for {g['size_ratio']:g}x the "
                     f"articles (target <= {g['target']} for 10x: {verdict})")
    slow = [str(size) for size, row in results["sizes"].items()
            if row["launderlens"]["per_second"] < RATE_TARGET]
    lines.append(f"target: >= {RATE_TARGET} articles/s without the semantic backend: "
                 + (f"MISSED at {', '.join(slow)}" if slow else "met at every size"))
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
