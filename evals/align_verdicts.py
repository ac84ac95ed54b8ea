"""Gold-aligned pairs and programmatically corrupted LLM paraphrases in; how right the
verdict on every copy sentence is out: pair precision and recall against hand alignments,
per-sentence verdict accuracy with its confusion matrix, the field pair's reader pairs, and the
ROC-AUC of the copy's ``manipulation`` score (corrupted against clean) per kind of corruption.

The gold (``tests/data/alignment``, written by the project):

- ``demo.yaml``: every sentence of the four demo copies against the demo origin;
- ``pair_*.yaml``: pairs written here in the style of laundered rewrites, nineteen with
  planted changes and additions (pair_14 to pair_16 merge adjacent source sentences and add
  the copy's own commentary on the story's people; pair_17 to pair_19 quote in another style
  than their origin, merge a sentence with its neighbour while the sentence before names
  the same people, and add commentary that reuses the story's collocations; pair_20 and
  pair_21 open a copy sentence with the title and name of the person the source sentence
  before its own has as subject, and split the quoted word's sentence between two copy
  sentences; pair_22 to pair_24 add commentary on the story's people in its evaluative
  phrases, "direct military involvement", "personal gain",
  "evidence", "administration", next to retold sentences, and retell the two sentences
  after one that opens with the same person and mentions the meeting), five pure
  paraphrases (negatives);
- ``heldout_*.yaml``: five more pairs written the same way but after the link and verdict
  weights were set, and never used to set them (loose, reordered retellings with merges and
  splits, four manipulated and one pure paraphrase; heldout_05 adds commentary in the
  story's evaluative words): the gold the code was not tuned on;
- ``field.yaml``: indices and sha1s (no text) of the pairs a careful reader makes between the
  two field articles (read from ``../shared/field``).

Per gold sentence: ``verdict`` (``accept``: other verdicts a reader could also give), ``a``
(the links a reader requires) and ``ok`` (links a reader accepts without requiring). Pair
precision counts a predicted link right when it is required or accepted; recall counts the
required links found. A gold file whose sentence prefixes (or sha1s) no longer match the
segmentation is an error, never silently misread.

The corruptions (``verdict_corruptions.py``, the FactCC recipe, made at run time from
``../shared/data``, nothing stored): for each LLM paraphrase of a real article, the clean copy
and one copy per kind with a single planted change. ``dev`` is LLMFake GossipCop (where the
verdict weights were set); ``eval`` is LLMFake CoAID and the SheepDog neutral and objective
restyles of PolitiFact articles, not tuned on. For each kind: the ROC-AUC of ``manipulation``
(corrupted positive, clean negative) and the share of planted sentences whose verdict is
``changed`` (``added`` for an inserted sentence).

Code without verdicts (``compare --json`` lacking ``"verdicts"``), or ``--fallback``, is read
the way the issue measured it: a copy sentence in ``added`` is added, one in a pair with a
change is changed, the rest supported; ``manipulation`` is the share of added sentences.

    python evals/align_verdicts.py [--semantic] [--fallback] [--json] [--limit N]
                                   [--dev | --parts demo,written,heldout,field,...]

``--dev`` measures only what development may read: the demo and written gold and the
GossipCop corruptions.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import random
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import yaml
from sklearn.metrics import roc_auc_score

from launderlens.ingest.readers import ReadOptions, Source, read_source
from launderlens.model import Article
from launderlens.rewrites.compare import Comparer
from launderlens.store import open_store

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "alignment"
SHARED = ROOT.parent / "shared"
FIELD = SHARED / "field"
DEMO = ROOT / "src" / "launderlens" / "demo_corpus"
SHEEPDOG = SHARED / "data" / "sheepdog-politifact" / "politifact_train_with_llm_restyles.jsonl"
VERDICTS = ("supported", "changed", "added")
SEED = 20251205
#: SheepDog originals longer than this are left out (a few are whole web pages).
MAX_ORIGINAL = 5000
#: Which corpus each source of corrupted copies belongs to.
PARTS: Mapping[str, str] = {"gossipcop": "dev", "coaid": "eval", "sheepdog": "eval"}


def _sibling(name: str) -> ModuleType:
    """Another script of ``evals/`` as a module (they are scripts, not a package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


corruptions = _sibling("verdict_corruptions")


class GoldMismatch(ValueError):
    """A gold file no longer matches the sentences the segmenter gives."""


# --- reading a comparison ------------------------------------------------------------------

class Reading(NamedTuple):
    """What an evaluation reads off one comparison: the verdict of every copy sentence, its
    source sentences and change kinds, the links, and the manipulation score."""

    verdicts: tuple[str, ...]
    sources: tuple[tuple[int, ...], ...]
    kinds: tuple[frozenset[str], ...]
    links: frozenset[tuple[int, int]]
    manipulation: float
    a_sentences: tuple[str, ...]
    b_sentences: tuple[str, ...]
    fallback: bool


def read(result: Mapping[str, Any], *, fallback: bool = False) -> Reading:
    """A ``compare --json`` object read with its verdicts, or with the fallback (module
    docstring) when it has none or ``fallback`` is asked for."""
    a = tuple(s["text"] for s in result["a"]["sentences"])
    b = tuple(s["text"] for s in result["b"]["sentences"])
    links = frozenset((i, j) for p in result["pairs"] for i in p["a"] for j in p["b"])
    if "verdicts" in result and not fallback:
        rows = result["verdicts"]
        return Reading(tuple(v["verdict"] for v in rows), tuple(tuple(v["a"]) for v in rows),
                       tuple(frozenset(c["kind"] for c in v["changes"]) for v in rows),
                       links, float(result["manipulation"]["score"]), a, b, False)
    sources: list[tuple[int, ...]] = [()] * len(b)
    for pair in result["pairs"]:
        for j in pair["b"]:
            sources[j] = tuple(pair["a"])
    kinds: list[set[str]] = [set() for _ in b]
    for change in result["changes"]:
        kinds[change["b"]].add(change["kind"])
    added = set(result["added"])
    verdicts = tuple("added" if j in added else "changed" if kinds[j] else "supported"
                     for j in range(len(b)))
    return Reading(verdicts, tuple(sources), tuple(frozenset(k) for k in kinds), links,
                   len(added) / len(b) if b else 0.0, a, b, True)


# --- gold ----------------------------------------------------------------------------------

class GoldSentence(NamedTuple):
    b: int
    prefix: str
    verdict: str
    a: tuple[int, ...] = ()
    ok: tuple[int, ...] = ()
    accept: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()


class GoldPair(NamedTuple):
    """A hand-aligned pair: both articles, the origin's sentence prefixes and the gold."""

    name: str
    kind: str  # "manipulated" or "paraphrase" (the demo copies are manipulated)
    a: Article
    b: Article
    a_prefixes: tuple[str, ...]
    gold: tuple[GoldSentence, ...]


def _gold_sentences(rows: Iterable[Mapping[str, Any]]) -> tuple[GoldSentence, ...]:
    out = []
    for k, row in enumerate(rows):
        if row["b"] != k or row["verdict"] not in VERDICTS:
            raise GoldMismatch(f"gold row {k} is out of order or has no valid verdict: {row}")
        out.append(GoldSentence(row["b"], row["prefix"], row["verdict"], tuple(row.get("a", ())),
                                tuple(row.get("ok", ())), tuple(row.get("accept", ())),
                                tuple(row.get("kinds", ()))))
    return tuple(out)


def _read_article(path: Path) -> Article:
    """An article read as ``launderlens ingest`` reads the file."""
    (article,) = read_source(Source.from_path(path), ReadOptions())
    if not isinstance(article, Article):
        raise GoldMismatch(f"{path.name} could not be read: {article}")
    return article


def demo_pairs() -> list[GoldPair]:
    """The demo copies against the demo origin, with their gold."""
    data = yaml.safe_load((GOLD / "demo.yaml").read_text(encoding="utf-8"))
    origin = _read_article(DEMO / data["origin"])
    return [GoldPair(f"demo:{copy['file'][:2]}", "manipulated", origin,
                     _read_article(DEMO / copy["file"]), tuple(data["a_prefixes"]),
                     _gold_sentences(copy["gold"]))
            for copy in data["copies"]]


def written_pairs() -> list[GoldPair]:
    """The pairs written for this evaluation (``pair_*.yaml``)."""
    return _pairs_from("pair_*.yaml")


def heldout_pairs() -> list[GoldPair]:
    """The pairs written after the weights were set (``heldout_*.yaml``)."""
    return _pairs_from("heldout_*.yaml")


def _pairs_from(pattern: str) -> list[GoldPair]:
    out = []
    for path in sorted(GOLD.glob(pattern)):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.append(GoldPair(data["name"], data["kind"], Article.create(data["origin"]),
                            Article.create(data["copy"]), tuple(data["a_prefixes"]),
                            _gold_sentences(data["gold"])))
    return out


def check_segmentation(pair: GoldPair, reading: Reading) -> None:
    """Raise :class:`GoldMismatch` when the gold's prefixes do not open the sentences."""
    sides = (("origin", reading.a_sentences, pair.a_prefixes),
             ("copy", reading.b_sentences, tuple(g.prefix for g in pair.gold)))
    for side, sentences, prefixes in sides:
        if len(sentences) != len(prefixes) or any(
                not s.startswith(p) for s, p in zip(sentences, prefixes, strict=False)):
            raise GoldMismatch(f"{pair.name}: the {side}'s segmentation no longer matches the "
                               f"gold ({len(sentences)} sentences, gold has {len(prefixes)})")


class Tally:
    """Counts over gold sentences: links, verdicts, confusion and change kinds."""

    def __init__(self) -> None:
        self.predicted_links = self.right_links = self.required_links = self.found_links = 0
        self.sentences = self.right_verdicts = self.changed_found = self.changed_right_kind = 0
        self.confusion = {g: dict.fromkeys(VERDICTS, 0) for g in VERDICTS}

    def add(self, pair: GoldPair, reading: Reading) -> None:
        required = {(i, g.b) for g in pair.gold for i in g.a}
        accepted = required | {(i, g.b) for g in pair.gold for i in g.ok}
        self.predicted_links += len(reading.links)
        self.right_links += len(reading.links & accepted)
        self.required_links += len(required)
        self.found_links += len(reading.links & required)
        for g in pair.gold:
            said = reading.verdicts[g.b]
            self.sentences += 1
            self.right_verdicts += said == g.verdict or said in g.accept
            self.confusion[g.verdict][said] += 1
            if g.verdict == "changed" and said == "changed":
                self.changed_found += 1
                self.changed_right_kind += bool(set(g.kinds) & reading.kinds[g.b])

    def summary(self) -> dict[str, Any]:
        changed_gold = sum(self.confusion["changed"].values())
        return {
            "pair_precision": _ratio(self.right_links, self.predicted_links),
            "pair_recall": _ratio(self.found_links, self.required_links),
            "verdict_accuracy": _ratio(self.right_verdicts, self.sentences),
            "sentences": self.sentences,
            "confusion": self.confusion,
            "changed_recall": _ratio(self.changed_found, changed_gold),
            "changed_kind_right": _ratio(self.changed_right_kind, self.changed_found),
        }


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def auc(negatives: Sequence[float], positives: Sequence[float]) -> float | None:
    """ROC-AUC of ``positives`` above ``negatives`` (ties count half); None when a side is
    empty."""
    if not negatives or not positives:
        return None
    labels = [0] * len(negatives) + [1] * len(positives)
    return round(float(roc_auc_score(labels, [*negatives, *positives])), 4)


def evaluate_gold(comparer: Comparer, pairs: Sequence[GoldPair], *, fallback: bool = False
                  ) -> dict[str, Any]:
    """Pair precision and recall, verdict accuracy and the confusion matrix over ``pairs``,
    per pair and in all; and the AUC of manipulation, manipulated pairs against paraphrases."""
    total, per_pair = Tally(), {}
    scores: dict[str, list[float]] = {"manipulated": [], "paraphrase": []}
    for pair in pairs:
        reading = read(comparer.compare(pair.a, pair.b).as_dict(), fallback=fallback)
        check_segmentation(pair, reading)
        one = Tally()
        one.add(pair, reading)
        total.add(pair, reading)
        scores[pair.kind].append(reading.manipulation)
        per_pair[pair.name] = {**one.summary(), "manipulation": round(reading.manipulation, 4)}
        del per_pair[pair.name]["confusion"]
    return {**total.summary(), "pairs": per_pair,
            "manipulation_auc": auc(scores["paraphrase"], scores["manipulated"])}


# --- the field pair --------------------------------------------------------------------------

def field_available() -> bool:
    data = yaml.safe_load((GOLD / "field.yaml").read_text(encoding="utf-8"))
    return all((FIELD / str(data[side])).is_file() for side in ("a_file", "b_file"))


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def evaluate_field(comparer: Comparer, *, fallback: bool = False) -> dict[str, Any]:
    """The reader's pairs the alignment finds (of the sentences of the first article that a
    reader pairs), the links a reader would not make, and whether b's insertions are added."""
    data = yaml.safe_load((GOLD / "field.yaml").read_text(encoding="utf-8"))
    result = comparer.compare(_read_article(FIELD / data["a_file"]),
                              _read_article(FIELD / data["b_file"])).as_dict()
    reading = read(result, fallback=fallback)
    for side, sentences, hashes in (("a", reading.a_sentences, data["a_sha1"]),
                                    ("b", reading.b_sentences, data["b_sha1"])):
        if [_sha1(s) for s in sentences] != list(hashes):
            raise GoldMismatch(f"field pair: side {side}'s sentences no longer match the gold")
    reader = {(i, j) for i, j in data["reader_pairs"]}
    possible = reader | {(i, j) for i, j in data["possible"]}
    wanted = sorted({i for i, _ in reader})
    found = [i for i in wanted if any((i, j) in reading.links for _, j in
                                      [p for p in reader if p[0] == i])]
    unwanted = sorted(reading.links - possible)
    return {
        "reader_pairs_found": len(found), "reader_pairs": len(wanted),
        "missed": [i for i in wanted if i not in found],
        "unwanted_pairs": len(unwanted), "unwanted": [list(p) for p in unwanted],
        "insertions_added": sum(reading.verdicts[j] == "added" for j in data["added"]),
        "insertions": len(data["added"]),
    }


# --- corrupted paraphrases -------------------------------------------------------------------

class CleanCopy(NamedTuple):
    """A real article and an LLM paraphrase of it that keeps its facts."""

    key: str
    original: str
    copy: tuple[str, ...]


def _segment(text: str) -> tuple[str, ...]:
    from launderlens.ingest.segment import segment

    return tuple(s.text for s in segment(Article.create(text)))


def llmfake_copies(split: str) -> list[CleanCopy]:
    """LLMFake paraphrases and rewrites of ``split`` (label 1 rows), skipping copies equal to
    their original or shorter than three sentences."""
    llmfake = _sibling("align_llmfake")
    csv.field_size_limit(1 << 24)
    out = []
    for group in ("paraphrase", "rewrite"):
        for row in llmfake.load(split)[group]:
            copy = _segment(row.generated)
            if row.generated.strip() != row.original.strip() and len(copy) >= 3:
                out.append(CleanCopy(f"{split}:{group}:{row.news_id}", row.original, copy))
    return out


def sheepdog_copies() -> list[CleanCopy]:
    """SheepDog's neutral and objective restyles (the ones meant to keep the facts)."""
    out = []
    with SHEEPDOG.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if len(row["original"]) > MAX_ORIGINAL:
                continue
            for style in ("neutral", "objective"):
                copy = _segment(row[style])
                if row[style].strip() != row["original"].strip() and len(copy) >= 3:
                    out.append(CleanCopy(f"sheepdog:{style}:{row['idx']}", row["original"], copy))
    return out


def corruptions_available() -> bool:
    llmfake = _sibling("align_llmfake")
    return bool(llmfake.available()) and SHEEPDOG.is_file()


def load_copies(source: str) -> list[CleanCopy]:
    if source == "sheepdog":
        return sheepdog_copies()
    return llmfake_copies(source)


def _sample(copies: Sequence[CleanCopy], limit: int | None, seed: int) -> list[CleanCopy]:
    if limit is None or limit >= len(copies):
        return list(copies)
    return random.Random(seed).sample(list(copies), limit)


def evaluate_corruptions(comparer: Comparer, source: str, *, limit: int | None = None,
                         seed: int = SEED, fallback: bool = False,
                         progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Compare each clean copy of ``source`` (or ``limit`` of them) and its corruptions with
    the original: manipulation AUC per kind and overall, and how the planted sentences fare."""
    copies = load_copies(source)
    chosen = _sample(copies, limit, seed)
    clean: list[float] = []
    corrupted: dict[str, list[float]] = {k: [] for k in corruptions.KINDS}
    flagged: dict[str, int] = dict.fromkeys(corruptions.KINDS, 0)
    right_kind: dict[str, int] = dict.fromkeys(corruptions.KINDS, 0)
    clean_sentences = clean_changed = 0
    started = time.perf_counter()
    for n, copy in enumerate(chosen, 1):
        rng = random.Random(f"{seed}:{copy.key}")
        others = [c.copy for c in rng.sample(copies, min(4, len(copies))) if c.key != copy.key][:3]
        original = Article.create(copy.original)
        clean_reading = read(comparer.compare(original, _article(copy.copy)).as_dict(),
                             fallback=fallback)
        clean.append(clean_reading.manipulation)
        clean_sentences += len(clean_reading.verdicts)
        clean_changed += clean_reading.verdicts.count("changed")
        for planted in corruptions.corrupt(copy.copy, copy.key, seed, others):
            b = _article(planted.sentences)
            reading = read(comparer.compare(original, b).as_dict(), fallback=fallback)
            if reading.b_sentences != planted.sentences:
                continue  # the planted text segments differently: its label would mislead
            corrupted[planted.kind].append(reading.manipulation)
            said = reading.verdicts[planted.sentence]
            expected = "added" if planted.kind == "inserted" else "changed"
            flagged[planted.kind] += said == expected
            right_kind[planted.kind] += said == "changed" and planted.kind in reading.kinds[
                planted.sentence]
        if progress and (n % 25 == 0 or n == len(chosen)):
            progress(f"{source}: {n}/{len(chosen)}")
    every = [s for scores in corrupted.values() for s in scores]
    return {
        "source": source, "part": PARTS[source], "copies": len(chosen),
        "auc": auc(clean, every),
        "auc_per_kind": {k: auc(clean, v) for k, v in corrupted.items()},
        "corrupted_per_kind": {k: len(v) for k, v in corrupted.items()},
        "planted_flagged": {k: _ratio(flagged[k], len(v)) for k, v in corrupted.items()},
        "planted_right_kind": {k: _ratio(right_kind[k], len(v)) for k, v in corrupted.items()
                               if k != "inserted"},
        "clean_mean": _ratio(sum(clean), len(clean)),
        # Every sentence of a clean copy retells its source faithfully (or adds): a
        # "changed" verdict there is a false alarm.
        "clean_changed_rate": _ratio(clean_changed, clean_sentences),
        "corrupted_mean": _ratio(sum(every), len(every)),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _article(sentences: Sequence[str]) -> Article:
    # One sentence per paragraph, so that segmentation gives back exactly these sentences.
    return Article.create("\n\n".join(sentences))


# --- the whole run ---------------------------------------------------------------------------

def make_comparer(semantic: bool) -> Comparer:
    """A comparer; in semantic mode its vectors are cached in memory (the clean copy's
    sentences recur in every corruption of it)."""
    if not semantic:
        return Comparer(semantic=False)
    return Comparer(semantic=True, store=open_store(":memory:"))


#: Everything ``run`` measures; ``DEV`` is what development reads (the held-out pairs, the
#: field pair and the evaluation corruptions are read once, at the end).
ALL_PARTS = ("demo", "written", "heldout", "field", *PARTS)
DEV = ("demo", "written", "gossipcop")


def run(semantic: bool = False, limit: int | None = None, seed: int = SEED,
        fallback: bool = False, progress: Callable[[str], None] | None = None,
        parts: Sequence[str] = ALL_PARTS) -> dict[str, Any]:
    """Every measurement of the module docstring named in ``parts``, in one mode."""
    unknown = set(parts) - set(ALL_PARTS)
    if unknown:
        raise ValueError(f"unknown parts {sorted(unknown)}; choose from {ALL_PARTS}")
    comparer = make_comparer(semantic)
    out: dict[str, Any] = {"method": comparer.method, "fallback": fallback}
    gold = {"demo": demo_pairs, "written": written_pairs, "heldout": heldout_pairs}
    for name, pairs in gold.items():
        out[name] = evaluate_gold(comparer, pairs(), fallback=fallback) if name in parts \
            else None
    out["field"] = evaluate_field(comparer, fallback=fallback) \
        if "field" in parts and field_available() else None
    out["corruptions"] = {}
    if corruptions_available():
        out["corruptions"] = {source: evaluate_corruptions(
            comparer, source, limit=limit, seed=seed, fallback=fallback, progress=progress)
            for source in PARTS if source in parts}
    return out


def _print(results: Mapping[str, Any]) -> None:
    print(f"method: {results['method']}{' (fallback reading)' if results['fallback'] else ''}")
    for name in ("demo", "written", "heldout"):
        r = results[name]
        if r is None:
            continue
        print(f"\n{name}: pair precision {r['pair_precision']}, recall {r['pair_recall']}; "
              f"verdict accuracy {r['verdict_accuracy']} over {r['sentences']} sentences; "
              f"changed found {r['changed_recall']} (right kind {r['changed_kind_right']}); "
              f"manipulation AUC (manipulated vs paraphrase) {r['manipulation_auc']}")
        print(f"  {'gold/said':12}" + "".join(f"{v:>10}" for v in VERDICTS))
        for gold, row in r["confusion"].items():
            print(f"  {gold:12}" + "".join(f"{row[v]:>10}" for v in VERDICTS))
    f = results["field"]
    if f:
        print(f"\nfield pair: reader pairs found {f['reader_pairs_found']} of {f['reader_pairs']}"
              f" (missed {f['missed']}); pairs a reader would not make {f['unwanted_pairs']} "
              f"{f['unwanted']}; insertions added {f['insertions_added']} of {f['insertions']}")
    if results["corruptions"]:
        kinds = corruptions.KINDS
        print(f"\n{'source':17} {'copies':>6} {'AUC':>6} " + " ".join(f"{k[:8]:>8}" for k in kinds))
        for r in results["corruptions"].values():
            label = f"{r['source']} ({r['part']})"
            print(f"{label:17} {r['copies']:>6} {_fmt(r['auc']):>6} "
                  + " ".join(f"{_fmt(r['auc_per_kind'][k]):>8}" for k in kinds))
            print(f"{'  flagged':17} {'':>6} {'':>6} "
                  + " ".join(f"{_fmt(r['planted_flagged'][k]):>8}" for k in kinds)
                  + f"   clean sentences called changed {_fmt(r['clean_changed_rate'])}")
        print("AUC: manipulation of corrupted copies against the clean ones; flagged: share of "
              "planted sentences called changed (added, for inserted ones).")


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--semantic", action="store_true", help="align with sentence embeddings")
    parser.add_argument("--fallback", action="store_true",
                        help="read verdicts off pairs/added/changes even when the code has them")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--limit", type=int, metavar="N", help="N clean copies per source")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of sampling and corruption")
    parser.add_argument("--parts", default=",".join(ALL_PARTS),
                        help=f"comma-separated parts to measure, of {','.join(ALL_PARTS)} "
                             f"(--dev: {','.join(DEV)})")
    parser.add_argument("--dev", action="store_true",
                        help="development parts only: no held-out pair, field pair or "
                             "evaluation corruptions")
    args = parser.parse_args(argv)
    parts = DEV if args.dev else tuple(p for p in args.parts.split(",") if p)
    results = run(semantic=args.semantic, limit=args.limit, seed=args.seed,
                  fallback=args.fallback, progress=lambda line: print(line, file=sys.stderr),
                  parts=parts)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        _print(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
