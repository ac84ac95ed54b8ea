"""Development articles in; how well :mod:`launderlens.claims.residue` finds planted
machine-rewrite residue and how often it cries wolf on ordinary articles, out.

(a) **Planted residue.** Residue written from the templates below (each kind has several
templates whose slots combine into hundreds of variants, in several casings and
punctuations) is planted at a random place in each development article: a prompt, refusal,
chatter or markup line between two sentences (or at the very start or end, where models put
them), a placeholder or a markdown-bold phrase inside a sentence. Each kind is planted
once in each article, in a copy of its own. A kind's *recall* is the share of its planted
residues that a detection overlaps; *precision* is the share of all detections in the
planted articles that overlap a planted residue (a detection elsewhere is a false alarm
on the article's own text). ``kind_accuracy`` is how often the overlapping detection
names the planted kind.

(b) **Ordinary articles.** The detector runs on every original article of the
development sets, which no model touched: *false alarms per 1,000 articles* (articles with
at least one detection) and the detections themselves, printed for reading. LLM outputs
(LLMFake paraphrases, rewrites and open-ended generations; SheepDog reframings) are
ordinary model output asked to be an article, yet a model does sometimes leave real residue
in them: their hits are counted apart and printed, so that a person reads each one before
calling it a false alarm or a find.

Development articles: LLMFake GossipCop and CoAID originals (``news_text``, label 1 rows
for generations; every row's original for (b)), ECB+ documents of topics 1-20 (tokenised
2000s news, one sentence per line) and SheepDog PolitiFact originals with their four
reframings. All are read from ``<repo root>/../shared/data`` at run time; nothing is stored.

    python evals/residue.py [--json] [--limit N] [--seed S] [--show N]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from launderlens.claims.residue import ResidueMatch, find_residue
from launderlens.ingest.segment import sentence_spans

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LLMFAKE = DATA / "llmfake" / "experiment" / "data" / "chatgpt_3.5_generation"
ECBPLUS = DATA / "ecbplus" / "ecbplus_docs.jsonl"
SHEEPDOG = DATA / "sheepdog-politifact" / "politifact_train_with_llm_restyles.jsonl"
LLMFAKE_SPLITS = ("gossipcop", "coaid")
LLMFAKE_GROUPS = ("paraphrase", "rewrite", "open_ended")
SHEEPDOG_STYLES = ("emotionally_triggering", "neutral", "objective", "sensational")
KINDS = ("prompt", "refusal", "chatter", "placeholder", "markup")
SEED = 20251205


class Doc(NamedTuple):
    """One article of a development set: where it comes from and its text."""

    source: str
    id: str
    text: str


# -- reading the development sets ---------------------------------------------------------

def _llmfake_file(split: str, group: str) -> Path:
    return LLMFAKE / split / f"synthetic-gpt-3.5-turbo_{split}_{group}_generation_processed.csv"


def available() -> bool:
    """Whether every file the evaluation reads is here."""
    files = [_llmfake_file(s, g) for s in LLMFAKE_SPLITS for g in LLMFAKE_GROUPS]
    return all(f.is_file() for f in [*files, ECBPLUS, SHEEPDOG])


def _llmfake_rows() -> Iterator[tuple[str, str, dict[str, str]]]:
    csv.field_size_limit(1 << 24)
    for split in LLMFAKE_SPLITS:
        for group in LLMFAKE_GROUPS:
            with _llmfake_file(split, group).open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    yield split, group, row


def originals() -> list[Doc]:
    """Every human-written article: LLMFake originals (once each), ECB+ documents,
    SheepDog originals."""
    docs: dict[tuple[str, str], Doc] = {}
    for split, _group, row in _llmfake_rows():
        key = (f"llmfake-{split}", row["news_id"])
        if row["news_text"].strip():
            docs.setdefault(key, Doc(key[0], key[1], row["news_text"]))
    with ECBPLUS.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            docs[("ecbplus", record["doc_id"])] = Doc("ecbplus", record["doc_id"],
                                                      record["text"])
    with SHEEPDOG.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["original"].strip():
                docs[("sheepdog", str(record["idx"]))] = Doc("sheepdog", str(record["idx"]),
                                                             record["original"])
    return list(docs.values())


def generations() -> list[Doc]:
    """Every LLM output: LLMFake generations (label 1 rows that differ from the original)
    and SheepDog's four reframings of each original."""
    docs = []
    for split, group, row in _llmfake_rows():
        out = row["synthetic_misinformation"]
        if row["label"] == "1" and out.strip() and out.strip() != row["news_text"].strip():
            docs.append(Doc(f"llmfake-{split}-{group}", row["news_id"], out))
    with SHEEPDOG.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            docs += [Doc(f"sheepdog-{style}", str(record["idx"]), record[style])
                     for style in SHEEPDOG_STYLES if record.get(style, "").strip()]
    return docs


def development_articles() -> list[Doc]:
    """The articles residue is planted in: GossipCop originals, ECB+, SheepDog originals
    (CoAID originals are mostly one sentence, too short to plant in)."""
    return [d for d in originals() if d.source != "llmfake-coaid" and len(d.text) > 200]


# -- the residue planted -----------------------------------------------------------------
# Slots in braces are filled at random from the lists; the same fill never repeats much,
# so a pattern that memorised one phrase would miss most variants.

FILLS: dict[str, tuple[str, ...]] = {
    "verb": ("rewrite", "Rewrite", "paraphrase", "rephrase", "reword", "restyle", "reframe"),
    "obj": ("this article", "the following article", "the following news article",
            "this news story", "the text below", "the following text", "this story",
            "the above article", "the following passage"),
    "stance": ("conservative", "liberal", "pro-Russian", "anti-government", "sensational",
               "neutral", "emotionally triggering", "critical", "patriotic", "alarmist"),
    "aspect": ("stance", "tone", "perspective", "angle", "slant"),
    "style": ("a tabloid", "Breitbart", "Fox News", "a local newspaper", "RT",
              "a trustworthy outlet", "The Daily Mail", "a sensational blog"),
    "n": ("200", "300", "350", "400", "500", "150"),
    "task": ("request", "task", "prompt"),
    "make": ("fulfill", "complete", "comply with", "assist with", "help with"),
    "thing": ("article", "rewrite", "content", "version", "text", "story"),
    "adj": ("rewritten", "paraphrased", "reworded", "rephrased"),
    "adj2": ("revised", "modified", "new", "requested"),
    "opener": ("Sure!", "Sure,", "Certainly!", "Certainly.", "Of course!", "Absolutely!"),
    "slot": ("Insert quote", "Insert quote from official", "Insert name", "Name",
             "Reporter's Name", "City", "Date", "Source", "Insert statistic", "Your Name",
             "Link", "Company Name", "insert relevant quote here", "Add source"),
    "var": ("city", "name", "date", "source_name", "victim", "location", "outlet"),
    "label": ("Title", "Headline", "TITLE", "Subheadline"),
    "head": ("Breaking News", "The Latest Developments", "What Happened Next",
             "Officials Respond", "A Closer Look"),
    "tag": ("<br>", "<br/>", "<br />", "</p>", "<p>"),
}

TEMPLATES: dict[str, tuple[str, ...]] = {
    "prompt": (
        "Please {verb} {obj} taking a {stance} {aspect}.",
        "{verb} {obj} in the style of {style}.",
        "Please {verb} {obj} in a {stance} tone:",
        "{verb} {obj} from a {stance} {aspect} in {n} words.",
        "Can you {verb} {obj}?",
        "You are a journalist. Rewrite {obj} with a {stance} {aspect}.",
        "Make it sound more {stance}.",
        "Now {verb} {obj} for a {stance} audience.",
    ),
    "refusal": (
        "As an AI language model, I cannot {make} this {task}.",
        "I'm sorry, but I cannot {make} this {task}.",
        "I'm sorry, but as an AI, I cannot create misleading content.",
        "As an AI assistant, I must note that this {thing} may contain false claims.",
        "I am unable to {make} your {task} as it violates my guidelines.",
        "Please note that as of my last knowledge update, this may have changed.",
        "This {thing} is entirely fictional and was generated by an AI.",
        "I'm an AI language model and cannot verify these claims.",
    ),
    "chatter": (
        "{opener} Here's the {adj} article:",
        "Here is the {adj} {thing}:",
        "Here's a {adj2} version of the article:",
        "Note: This {thing} is a {adj} version and is fictional.",
        "Note: I have {adj} the text to sound more {stance}.",
        "I hope this helps! Let me know if you need any further changes.",
        "{opener} I'd be happy to {verb} {obj}.",
        "In this {adj} version, the facts are kept.",
        "Rewritten article:",
        "Let me know if you would like any other adjustments.",
    ),
    "placeholder": (
        "[{slot}]",
        "{{{var}}}",
        "XX%",
        "$XX million",
        "[{slot}]",
    ),
    "markup": (
        "{label}: {head}",
        "### {head}",
        "## {head}",
        "{tag}",
        "Paragraph 2:",
        "**{head}**",
    ),
}

_SLOT = re.compile(r"\{(\w+)\}")


def render(template: str, rng: random.Random) -> str:
    """``template`` with each ``{slot}`` filled at random (``{{``/``}}`` are braces)."""
    text = template.replace("{{", "\x00").replace("}}", "\x01")
    text = _SLOT.sub(lambda m: rng.choice(FILLS[m.group(1)]), text)
    return text.replace("\x00", "{").replace("\x01", "}")


class Planted(NamedTuple):
    """A development article with one residue planted at ``start:end``."""

    doc: Doc
    kind: str
    text: str
    start: int
    end: int


def plant(doc: Doc, kind: str, rng: random.Random) -> Planted:
    """``doc`` with one residue of ``kind`` at a random place (module docstring)."""
    residue = render(rng.choice(TEMPLATES[kind]), rng)
    text = doc.text
    spans = sentence_spans(text) or [(0, len(text))]
    if kind == "placeholder" or (kind == "markup" and residue.startswith("**")
                                 and rng.random() < 0.5):
        # inside a sentence: after one of its spaces
        start, end = rng.choice(spans)
        spaces = [i for i in range(start, end) if text[i] == " "] or [end]
        at = rng.choice(spaces)
        before, after = text[:at], text[at:]
        if not before.endswith(" "):
            before += " "
        new = before + residue + (" " if not after.startswith(" ") else "") + after
        return Planted(doc, kind, new, len(before), len(before) + len(residue))
    # between sentences, or at the start or end, on a line of its own or run in
    cut = rng.choice([0, len(text), *(e for _s, e in spans[:-1])])
    before, after = text[:cut].rstrip(), text[cut:].lstrip()
    sep_before = rng.choice(["\n\n", "\n", " "]) if before else ""
    sep_after = rng.choice(["\n\n", "\n", " "]) if after else ""
    if kind == "markup" and not residue.startswith(("**", "<")):
        sep_before = "\n" if before else ""  # a heading or label is a line of its own
        sep_after = "\n"
    new = before + sep_before + residue + sep_after + after
    start = len(before) + len(sep_before)
    return Planted(doc, kind, new, start, start + len(residue))


# -- measuring ---------------------------------------------------------------------------

def _overlaps(match: ResidueMatch, start: int, end: int) -> bool:
    return match.start < end and start < match.end


def planted_scores(docs: list[Doc], seed: int = SEED,
                   detect: Callable[[str], list[ResidueMatch]] = find_residue
                   ) -> dict[str, Any]:
    """Recall per kind, precision and kind accuracy on ``docs`` with residue planted
    (each article gets each kind once, in a separate copy)."""
    rng = random.Random(seed)
    hits: Counter[str] = Counter()
    planted: Counter[str] = Counter()
    right_kind: Counter[str] = Counter()
    detections = true_detections = 0
    misses: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        for kind in KINDS:
            case = plant(doc, kind, rng)
            found = detect(case.text)
            planted[kind] += 1
            on = [m for m in found if _overlaps(m, case.start, case.end)]
            detections += len(found)
            true_detections += len(on)
            if on:
                hits[kind] += 1
                right_kind[kind] += any(m.pattern.kind == kind for m in on)
            else:
                misses[kind].append(case.text[case.start:case.end])
    recall = {k: hits[k] / planted[k] if planted[k] else 0.0 for k in KINDS}
    total = sum(planted.values())
    return {
        "articles": len(docs), "planted": dict(planted),
        "recall": {k: round(v, 4) for k, v in recall.items()},
        "recall_all": round(sum(hits.values()) / total, 4) if total else 0.0,
        "precision": round(true_detections / detections, 4) if detections else 1.0,
        "kind_accuracy": {k: round(right_kind[k] / hits[k], 4) if hits[k] else 0.0
                          for k in KINDS},
        "missed_examples": {k: sorted(set(v))[:8] for k, v in misses.items()},
    }


def alarm_scores(docs: list[Doc],
                 detect: Callable[[str], list[ResidueMatch]] = find_residue
                 ) -> dict[str, Any]:
    """Articles with a detection per 1,000, per source, and each detection to read."""
    by_source: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    hits = []
    for doc in docs:
        by_source[doc.source] += 1
        found = detect(doc.text)
        if found:
            flagged[doc.source] += 1
        for m in found:
            kinds[m.pattern.kind] += 1
            context = doc.text[max(0, m.start - 60):m.end + 60].replace("\n", " | ")
            hits.append({"source": doc.source, "id": doc.id, "pattern": m.pattern.name,
                         "kind": m.pattern.kind, "match": m.text, "context": context})
    total = sum(by_source.values())
    return {
        "articles": total, "flagged": sum(flagged.values()),
        "per_1000": round(1000 * sum(flagged.values()) / total, 2) if total else 0.0,
        "per_source": {s: {"articles": n, "flagged": flagged[s],
                           "per_1000": round(1000 * flagged[s] / n, 2)}
                       for s, n in sorted(by_source.items())},
        "detections_by_kind": dict(kinds), "hits": hits,
    }


def evaluate(limit: int | None = None, seed: int = SEED) -> dict[str, Any]:
    """The whole evaluation; ``limit`` samples that many articles of each list."""
    rng = random.Random(seed)

    def cut(docs: list[Doc]) -> list[Doc]:
        return docs if limit is None or len(docs) <= limit else rng.sample(docs, limit)

    return {"planted": planted_scores(cut(development_articles()), seed),
            "originals": alarm_scores(cut(originals())),
            "generations": alarm_scores(cut(generations()))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--limit", type=int, default=None,
                        help="articles sampled from each list (default: all)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--show", type=int, default=40, help="hits printed per list")
    args = parser.parse_args(argv)
    if not available():
        print(f"development data not found under {DATA}", file=sys.stderr)
        return 1
    result = evaluate(args.limit, args.seed)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    p = result["planted"]
    print(f"planted residue in {p['articles']} articles ({sum(p['planted'].values())} cases)")
    for kind in KINDS:
        print(f"  {kind:12} recall {p['recall'][kind]:.3f}  kind named right "
              f"{p['kind_accuracy'][kind]:.3f}")
    print(f"  all          recall {p['recall_all']:.3f}  precision {p['precision']:.3f}")
    for kind, missed in p["missed_examples"].items():
        print(f"  missed {kind}: {missed}")
    for name in ("originals", "generations"):
        r = result[name]
        print(f"\n{name}: {r['articles']} articles, {r['flagged']} flagged "
              f"({r['per_1000']} per 1,000); by kind {r['detections_by_kind']}")
        for source, s in r["per_source"].items():
            print(f"  {source:34} {s['articles']:5} articles  {s['flagged']:3} flagged "
                  f"({s['per_1000']} per 1,000)")
        label = "false alarms to read" if name == "originals" else \
            "hits in LLM output: read each before calling it a false alarm or real residue"
        if r["hits"] and args.show:
            print(f"  {label}:")
        for hit in r["hits"][:args.show]:
            print(f"    [{hit['source']} {hit['id']}] {hit['pattern']}: {hit['match']!r}"
                  f"  ...{hit['context']}...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
