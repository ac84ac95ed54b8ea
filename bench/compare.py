"""Benchmark: compare a generated ~700-word news article with a rewrite of it.

The rewrite is made the way laundering rewrites are: words swapped for synonyms, clauses
moved, sentences reordered, merged, dropped and added. Prints, over ``--repeat`` runs, the
median and 90th-percentile milliseconds of ``Comparer.compare`` lexical-only and with the
MiniLM encoder, and beside them the time to embed the same sentences alone (one
``encoder.encode`` call over both articles' sentences, as the comparison makes), so that
the reader sees how much of a semantic comparison is embedding. The ratios semantic /
lexical and embedding / semantic compare are measured in the same run. No target is set
yet: the figures are for deciding where the time should go.

    HF_HUB_OFFLINE=1 python bench/compare.py [--repeat 30] [--json] [--seed 3] [--no-semantic]

Model load and a first warm-up comparison stay outside the timings. The per-sentence term
cache (``coverage.sentence_terms``) is cleared before every timed comparison, so that each
one pays what the first comparison of a new pair pays; the lexical comparison is also
timed with the cache left warm, as when one source is compared with many copies. Each
phase runs in a forked child so that its peak resident memory is its own (the lexical one
never imports torch); the compare and embed timings of the semantic phase alternate, so
that load from other work on the machine falls on both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from forked import in_child

# Slot fillers for generated sentences. Words with an entry in SYNONYMS are the ones a
# rewrite may swap; the place and person names are invented and never change.
ACTORS = ["the minister", "officials", "the council", "the agency", "residents", "the court",
          "police", "the governor", "the delegation", "analysts", "the company", "the union",
          "health authorities", "the army", "lawmakers", "the mayor", "inspectors",
          "the ministry", "local leaders", "the committee", "engineers", "the opposition",
          "the port authority", "farmers", "the regulator", "teachers", "the central bank",
          "prosecutors", "the coast guard", "the railway operator", "donors", "the senate"]
VERBS = ["announced", "rejected", "approved", "criticised", "postponed", "confirmed",
         "investigated", "funded", "suspended", "expanded", "defended", "questioned",
         "reviewed", "blocked", "proposed", "welcomed", "cancelled", "demanded", "signed",
         "extended", "audited", "revised", "halted", "unveiled"]
ADJECTIVES = ["new", "large", "urgent", "controversial", "costly", "regional", "temporary",
              "national", "disputed", "ambitious", "modest", "secret", "emergency", "major",
              "binding", "provisional", "unpopular", "overdue", "joint", "cross-border"]
NOUNS = ["plan", "budget", "agreement", "project", "inquiry", "contract", "reform",
         "programme", "investigation", "proposal", "deal", "policy", "ban", "scheme",
         "report", "decision", "ruling", "measure", "tender", "loan", "subsidy", "tariff",
         "licence", "audit", "curfew", "moratorium"]
TOPICS = ["water supply", "railway line", "harbour expansion", "grain exports",
          "power station", "border crossing", "hospital wing", "flood defences",
          "fishing quota", "school meals", "mining licence", "bus network", "wind farm",
          "vaccine rollout", "steel mill", "airport terminal", "housing estate",
          "ferry service", "copper mine", "dairy cooperative", "ring road", "desalination plant",
          "textile factory", "cable car", "refugee camp", "fibre network"]
PLACES = ["Marenvale", "Port Dessa", "Caldry", "Vostrana", "Elbrook", "Tamsk", "Orvieda",
          "Kessling", "Lunmore", "Rastavik", "Quellin", "Hadrow", "Sorvenna", "Miltz",
          "Brenhaven", "Ostrava Nova", "Tullagh", "Zemovar", "Carrowby", "Ildefors"]
PEOPLE = ["Ilse Varga", "Tomas Brell", "Amira Oduya", "Piet Sandor", "Lena Koval",
          "Jorge Almeda", "Nadia Petrov", "Edwin Mauer", "Sunniva Holt", "Kofi Mensal",
          "Marta Quint", "Oren Dallis", "Beatriz Lunde", "Yusuf Kerim", "Hana Steyr",
          "Colm Ferrity"]
TIMES = ["on Tuesday", "last week", "earlier this month", "on Friday evening",
         "in March", "late on Sunday", "this morning", "two days ago", "on 14 May",
         "overnight", "at a hearing on Wednesday", "in the autumn"]
REASONS = ["after weeks of protests", "despite warnings from experts",
           "amid rising prices", "following a heated debate", "after a long delay",
           "because of a funding shortfall", "under pressure from donors",
           "as talks stalled", "after heavy rain", "before the election",
           "after a court challenge", "to cut emissions", "amid a corruption scandal",
           "after a strike by workers", "to meet a deadline set by lenders"]
SAYING = ["said", "told reporters", "wrote in a statement", "added", "insisted", "noted"]
SYNONYM_PAIRS = [
    ("announced", "declared"), ("rejected", "dismissed"), ("approved", "endorsed"),
    ("criticised", "condemned"), ("postponed", "delayed"), ("confirmed", "verified"),
    ("investigated", "probed"), ("funded", "financed"), ("suspended", "halted"),
    ("expanded", "enlarged"), ("defended", "justified"), ("questioned", "challenged"),
    ("reviewed", "examined"), ("blocked", "stopped"), ("proposed", "suggested"),
    ("welcomed", "praised"), ("cancelled", "scrapped"), ("demanded", "urged"),
    ("officials", "authorities"), ("residents", "locals"), ("analysts", "experts"),
    ("lawmakers", "legislators"), ("inspectors", "auditors"), ("large", "big"),
    ("urgent", "pressing"), ("costly", "expensive"), ("temporary", "interim"),
    ("disputed", "contested"), ("ambitious", "bold"), ("modest", "small"),
    ("secret", "confidential"), ("major", "significant"), ("plan", "strategy"),
    ("agreement", "accord"), ("project", "initiative"), ("inquiry", "probe"),
    ("contract", "deal"), ("programme", "scheme"), ("proposal", "offer"),
    ("decision", "verdict"), ("measure", "step"), ("said", "stated"), ("added", "remarked"),
    ("insisted", "maintained"), ("noted", "observed"), ("protests", "demonstrations"),
    ("warnings", "cautions"), ("rising", "soaring"), ("prices", "costs"),
    ("heated", "fierce"), ("debate", "discussion"), ("delay", "wait"),
    ("shortfall", "gap"), ("pressure", "strain"), ("talks", "negotiations"),
    ("heavy", "intense"), ("election", "vote"), ("weeks", "a month"),
]
SYNONYMS = {**dict(SYNONYM_PAIRS), **{b: a for a, b in SYNONYM_PAIRS}}


# Each fact has two wordings: as the source writes it, and as a rewrite may recast it
# (voice changed, clause fronted, reported speech turned round).
FORMS = [
    ("{actor} {verb} {thing} {place} {time}, {reason}",
     "{reason}, {thing} {place} was {verb} by {actor} {time}"),
    ("{person} {saying} that {actor} had {verb} {thing} {reason}",
     "{actor} had {verb} {thing} {reason}, {person} {saying}"),
    ("{reason}, {actor} {place} {verb} {thing} worth {figure} {time}",
     "{actor} {place} {verb} {thing}, worth {figure}, {time} {reason}"),
    ("the {noun} was {verb} by {actor} {time}, and {other} {verb2} it {reason}",
     "{actor} {verb} the {noun} {time}; {other} then {verb2} it {reason}"),
    ("about {count} people {place} {rely} the {topic}, {person} {saying}",
     "{person} {saying} that some {count} people {place} {rely} the {topic}"),
]
RELY = ["depend on", "work at", "live near", "use", "were displaced by", "protested at"]


def _fact(rng: random.Random) -> tuple[int, dict[str, str]]:
    """What one sentence says: its form and the words in its slots."""
    slots = {
        "actor": rng.choice(ACTORS), "verb": rng.choice(VERBS), "other": rng.choice(ACTORS),
        "verb2": rng.choice(VERBS), "noun": rng.choice(NOUNS), "topic": rng.choice(TOPICS),
        "thing": f"the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} for the "
                 f"{rng.choice(TOPICS)}",
        "place": f"in {rng.choice(PLACES)}", "time": rng.choice(TIMES),
        "reason": rng.choice(REASONS), "person": rng.choice(PEOPLE),
        "saying": rng.choice(SAYING), "rely": rng.choice(RELY),
        "figure": f"{rng.randint(2, 950)}.{rng.randint(1, 9)} million",
        "count": f"{rng.randint(3, 4800):,}",
    }
    return rng.randrange(len(FORMS)), slots


def _words(fact: tuple[int, dict[str, str]], recast: bool = False) -> list[str]:
    form, slots = fact
    return FORMS[form][recast].format(**slots).split()


def _paraphrase(fact: tuple[int, dict[str, str]], rng: random.Random) -> list[str]:
    """The fact recast half the time, with most words that have a synonym swapped."""
    words = _words(fact, recast=rng.random() < 0.5)
    return [SYNONYMS[w] if w in SYNONYMS and rng.random() < 0.7 else w for w in words]


def generate_pair(seed: int, words: int = 700) -> tuple[str, str, dict[str, int]]:
    """A source of about ``words`` words and a rewrite of it, with what the rewrite did."""
    rng = random.Random(seed)
    facts: list[tuple[int, dict[str, str]]] = []
    while sum(len(_words(f)) for f in facts) < words:
        facts.append(_fact(rng))
    done = {"dropped": 0, "merged": 0, "moved": 0, "added": 0}
    copy: list[list[str]] = []
    for fact in facts:
        if rng.random() < 0.1:
            done["dropped"] += 1
            continue
        new = _paraphrase(fact, rng)
        if copy and rng.random() < 0.12:  # merged into the sentence before
            copy[-1] = [*copy[-1][:-1], copy[-1][-1] + ",", "and", *new]
            done["merged"] += 1
        else:
            copy.append(new)
    for _ in range(3):  # a few sentences moved far from their place
        done["moved"] += 1
        copy.insert(rng.randrange(len(copy)), copy.pop(rng.randrange(len(copy))))
    for _ in range(4):  # and some of the rewrite's own
        done["added"] += 1
        copy.insert(rng.randrange(len(copy) + 1), _words(_fact(rng)))
    return _render([_words(f) for f in facts], rng), _render(copy, rng), done


def _render(sentences: list[list[str]], rng: random.Random) -> str:
    texts = [" ".join(w)[:1].upper() + " ".join(w)[1:] + "." for w in sentences]
    paragraphs, start = [], 0
    while start < len(texts):
        size = rng.randint(2, 4)
        paragraphs.append(" ".join(texts[start:start + size]))
        start += size
    return "\n\n".join(paragraphs) + "\n"


def _stats(seconds: list[float]) -> dict[str, float]:
    ms = np.asarray(seconds) * 1000
    return {"median_ms": round(float(np.median(ms)), 2),
            "p90_ms": round(float(np.percentile(ms, 90)), 2),
            "min_ms": round(float(ms.min()), 2), "runs": len(ms)}


PAIR: tuple[str, str] = ("", "")


def _articles() -> tuple[Any, Any]:
    from launderlens.model import Article

    return (Article.create(PAIR[0], title="Council approves harbour plan"),
            Article.create(PAIR[1], title="Harbour plan endorsed by council"))


def _timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def lexical_phase(repeat: int) -> dict[str, Any]:
    from launderlens.rewrites.compare import Comparer
    from launderlens.rewrites.coverage import sentence_terms

    a, b = _articles()
    comparer = Comparer(semantic=False)
    result = comparer.compare(a, b)  # warm-up
    cold, warm = [], []
    for _ in range(repeat):
        sentence_terms.cache_clear()
        cold.append(_timed(lambda: comparer.compare(a, b)))
        warm.append(_timed(lambda: comparer.compare(a, b)))
    return {"compare_lexical": _stats(cold), "compare_lexical_warm_cache": _stats(warm),
            "sentences": [len(result.a_sentences), len(result.b_sentences)],
            "alignment": _summary(result)}


def semantic_phase(repeat: int) -> dict[str, Any]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before huggingface_hub reads it
    os.environ["LAUNDERLENS_ENCODER"] = "torch"  # an ONNX export would be picked otherwise
    import torch

    from launderlens.ingest.segment import segment
    from launderlens.rewrites.compare import Comparer
    from launderlens.rewrites.coverage import sentence_terms

    a, b = _articles()
    loading = time.perf_counter()
    comparer = Comparer(semantic=True)
    encoder = comparer.encoder
    assert encoder is not None
    result = comparer.compare(a, b)  # warm-up: the first call pays one-off set-up
    load_seconds = time.perf_counter() - loading
    texts = [s.text for s in segment(a)] + [s.text for s in segment(b)]
    encoder.encode(texts)
    compare, embed = [], []
    for _ in range(repeat):
        sentence_terms.cache_clear()
        compare.append(_timed(lambda: comparer.compare(a, b)))
        embed.append(_timed(lambda: encoder.encode(texts)))
    return {"compare_semantic": _stats(compare), "embed_only": _stats(embed),
            "embedded_sentences": len(texts), "torch_threads": torch.get_num_threads(),
            "model_load_and_warm_up_s": round(load_seconds, 2), "alignment": _summary(result)}


ONNX_DIR: str | None = None


def backends_phase(repeat: int) -> dict[str, Any]:
    """Semantic compare with torch and with ONNX int8, in this one process, alternating."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    from launderlens.ingest.segment import segment
    from launderlens.rewrites.compare import Comparer
    from launderlens.rewrites.coverage import sentence_terms

    assert ONNX_DIR is not None
    a, b = _articles()
    os.environ["LAUNDERLENS_ENCODER"] = "torch"
    with_torch = Comparer(semantic=True)
    os.environ["LAUNDERLENS_ENCODER"] = "onnx"
    loading = time.perf_counter()
    with_onnx = Comparer(semantic=True, model=ONNX_DIR)
    onnx_load = time.perf_counter() - loading
    assert with_torch.encoder is not None and with_onnx.encoder is not None
    results = {name: comparer.compare(a, b)  # warm-up of each
               for name, comparer in (("torch", with_torch), ("onnx", with_onnx))}
    texts = [s.text for s in segment(a)] + [s.text for s in segment(b)]
    cosines = (with_torch.encoder.encode(texts) * with_onnx.encoder.encode(texts)).sum(axis=1)
    timings: dict[str, list[float]] = {"torch": [], "onnx": []}
    for _ in range(repeat):
        for name, comparer in (("torch", with_torch), ("onnx", with_onnx)):
            sentence_terms.cache_clear()
            timings[name].append(_timed(lambda c=comparer: c.compare(a, b)))
    return {"compare_torch": _stats(timings["torch"]), "compare_onnx": _stats(timings["onnx"]),
            "onnx_encoder": with_onnx.encoder.name, "onnx_load_s": round(onnx_load, 2),
            "torch_threads": torch.get_num_threads(),
            "least_cosine_onnx_to_torch": round(float(cosines.min()), 4),
            "alignment_torch": _summary(results["torch"]),
            "alignment_onnx": _summary(results["onnx"])}


def _onnx_folder(given: str | None) -> str:
    """The export to time: the one given, the default one, or a fresh one made now."""
    from launderlens.embeddings.onnx import default_onnx_dir, export_onnx, is_onnx_folder

    if given:
        return given
    if is_onnx_folder(default_onnx_dir()):
        return str(default_onnx_dir())
    import tempfile

    folder = tempfile.mkdtemp(prefix="bench-onnx-")
    in_child(lambda: {"manifest": export_onnx(None, folder, fp32=False)}, "export")
    return folder


def _summary(result: Any) -> dict[str, Any]:
    relations = result.relation_of_b()
    return {"method": result.alignment.method,
            "similarity": round(result.similarity, 3), "pairs": len(result.alignment.pairs),
            "added": len(result.alignment.added), "dropped": len(result.alignment.dropped),
            "merged_pairs": sum(len(p.a) > 1 for p in result.alignment.pairs),
            "paraphrased": relations.count("paraphrased"), "partial": relations.count("partial")}


def measure(fn: Callable[[int], dict[str, Any]], repeat: int) -> dict[str, Any]:
    """Run ``fn(repeat)`` in a forked child; add its peak RSS and the load around it."""
    return in_child(lambda: fn(repeat), fn.__name__)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=30, help="timed runs of each (default 30)")
    parser.add_argument("--seed", type=int, default=3, help="seed of the generated pair")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-semantic", action="store_true",
                        help="lexical only (where torch and the model are not installed)")
    parser.add_argument("--onnx", metavar="DIR",
                        help="an ONNX export to time beside torch (default: the default "
                             "export folder, else one exported now into a temporary folder)")
    parser.add_argument("--no-onnx", action="store_true",
                        help="leave out the torch / ONNX int8 comparison")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    global PAIR
    source, copy, done = generate_pair(args.seed)
    PAIR = (source, copy)
    results: dict[str, Any] = {
        "words": [len(source.split()), len(copy.split())], "rewrite": done,
        "cpus": os.cpu_count(),
        "lexical": measure(lexical_phase, args.repeat),
    }
    if not args.no_semantic:
        results["semantic"] = measure(semantic_phase, args.repeat)
        if not args.no_onnx:
            global ONNX_DIR
            ONNX_DIR = _onnx_folder(args.onnx)
            results["backends"] = measure(backends_phase, args.repeat)
        _ratios(results)
    print(json.dumps(results, indent=2) if args.json else _table(results))
    return 0


def _ratios(results: dict[str, Any]) -> None:
    lexical, semantic = results["lexical"], results["semantic"]
    median = {"semantic_over_lexical": semantic["compare_semantic"]["median_ms"]
              / lexical["compare_lexical"]["median_ms"],
              "embed_share_of_semantic": semantic["embed_only"]["median_ms"]
              / semantic["compare_semantic"]["median_ms"]}
    if "backends" in results:
        backends = results["backends"]
        median["torch_over_onnx_int8"] = (backends["compare_torch"]["median_ms"]
                                          / backends["compare_onnx"]["median_ms"])
    results["ratios_of_medians"] = {k: round(v, 3) for k, v in median.items()}


def _table(results: dict[str, Any]) -> str:
    lexical, semantic = results["lexical"], results.get("semantic")
    n_a, n_b = lexical["sentences"]
    rows = [
        ("compare, lexical only", lexical["compare_lexical"], lexical),
        ("  same, term cache warm", lexical["compare_lexical_warm_cache"], lexical),
    ]
    lines = [
        f"source {results['words'][0]} words, {n_a} sentences; rewrite {results['words'][1]} "
        f"words, {n_b} sentences ({results['rewrite']}); {results['cpus']} CPUs",
    ]
    if semantic is not None:
        rows += [("compare, lexical+MiniLM", semantic["compare_semantic"], semantic),
                 (f"embed the {semantic['embedded_sentences']} sentences alone",
                  semantic["embed_only"], semantic)]
        lines.append(f"torch threads {semantic['torch_threads']}; model load and warm-up "
                     f"{semantic['model_load_and_warm_up_s']} s (not timed below)")
    lines.append(f"{'':34s}{'median ms':>10s}{'p90 ms':>10s}{'min ms':>10s}  runs  peak RSS  load")
    for name, figures, phase in rows:
        lines.append(f"{name:34s}{figures['median_ms']:>10.1f}{figures['p90_ms']:>10.1f}"
                     f"{figures['min_ms']:>10.1f}  {figures['runs']:>4}  "
                     f"{phase['peak_rss_mb']:>5.0f} MB  "
                     f"{phase['load_1min'][0]:.1f}->{phase['load_1min'][1]:.1f}")
    backends = results.get("backends")
    if backends is not None:
        rows2 = [("compare, torch (same process)", backends["compare_torch"]),
                 (f"compare, {backends['onnx_encoder']}", backends["compare_onnx"])]
        for name, figures in rows2:
            lines.append(f"{name:34s}{figures['median_ms']:>10.1f}{figures['p90_ms']:>10.1f}"
                         f"{figures['min_ms']:>10.1f}  {figures['runs']:>4}  "
                         f"{backends['peak_rss_mb']:>5.0f} MB  "
                         f"{backends['load_1min'][0]:.1f}->{backends['load_1min'][1]:.1f}")
        lines.append(f"torch / ONNX int8 compare = "
                     f"{results['ratios_of_medians']['torch_over_onnx_int8']:.2f}x (medians, "
                     f"alternating in one process); least cosine ONNX to torch "
                     f"{backends['least_cosine_onnx_to_torch']}; ONNX load "
                     f"{backends['onnx_load_s']} s; target < 300 ms")
        lines.append(f"alignment, torch:     {backends['alignment_torch']}")
        lines.append(f"alignment, ONNX int8: {backends['alignment_onnx']}")
    if semantic is not None:
        ratios = results["ratios_of_medians"]
        lines.append(f"semantic / lexical compare = {ratios['semantic_over_lexical']:.2f}x; "
                     f"embedding alone = {ratios['embed_share_of_semantic']:.0%} of the "
                     f"semantic compare (medians)")
    for name in ("lexical", "semantic"):
        if name in results:
            lines.append(f"alignment, {name}: {results[name]['alignment']}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
