"""The PTC train articles in; how well :mod:`launderlens.claims.techniques` finds and names
propaganda techniques, out, for the shipped cues (no training) and for a trained model
(k-fold cross-validation over articles), and how often the shipped cues fire on ordinary
news.

Measures (the SemEval-2020 Task 11 definitions):

- **Technique classification on gold spans** (the task's TC): every gold span is given one
  technique; micro-F1 over all spans equals accuracy. The shipped cues name a span by the
  most confident cue span covering half of it (or lying inside it), else Loaded_Language,
  the most frequent technique; ``cue_coverage`` is the share of gold spans a cue names and
  ``cue_accuracy`` the accuracy on those.
- **Span identification** (the task's SI) with partial-overlap credit, as in the task's
  scorer. For predicted spans S and gold spans T (overlapping gold spans merged; spans are
  sets of character offsets), C(s, t, h) = |s ∩ t| / h;
  P = Σ_{s∈S,t∈T} C(s, t, |s|) / |S|, R = Σ_{s∈S,t∈T} C(s, t, |t|) / |T|, F1 their
  harmonic mean; sums and counts run over the whole collection. ``labelled`` is the same
  with C multiplied by 1 when s and t carry the same technique, else 0 (gold spans then
  not merged): span identification and classification at once.
- **Per-technique precision of the shipped findings** (cue spans at or above the finding
  floor): the share that overlaps a gold span of the same technique (``same``) or of any
  technique (``any``). The corpus's annotators did not mark every use of a technique, so
  these are lower bounds.
- **False alarms on ordinary news**: shipped findings on the demo corpus and on ECB+
  news documents (2000s wire and web news, tokenised; quotes and spacing restored), per
  1,000 sentences, and how many PTC lines with no gold span at all get a finding. With
  ``--originals``, also on every human-written article of the residue evaluation's
  development sets (``evals/residue.py``: LLMFake GossipCop and CoAID, ECB+ as raw tokens,
  SheepDog PolitiFact), per source; PolitiFact's articles are the claims it checked, so
  many of their hits are real techniques, to be read rather than counted as alarms.

The cues were written with the train articles at hand (each cue's precision here was read
while choosing which to keep), so the shipped figures on them are optimistic; the dev split
is held out and not in this copy. The trained model's figures are honest cross-validation.

With ``--semantic`` (the semantic extra installed), the cues joined by techniques found by
meaning (:mod:`launderlens.claims.techniques.semantic`) are scored the same way, beside the
cues alone on the same articles and a reference that calls every sentence a span (the
partial-overlap scorer rewards recall: that reference alone reaches F1 about 0.23). The
prototype thresholds were chosen on the ``tune`` split (three quarters of the train
articles, by a hash of their id) and are reported on ``held`` (the other quarter), which
was read only to report; ``--split`` picks one.

    python evals/techniques.py [--json] [--limit N] [--folds K] [--show N] [--originals]
                               [--semantic] [--split all|tune|held]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from launderlens.claims.techniques import (
    TECHNIQUES,
    LabelledArticle,
    TechniqueSpan,
    classify_span,
    find_techniques,
    read_ptc,
    train_technique_model,
)
from launderlens.claims.techniques.detect import FINDING_MIN_CONFIDENCE, cue_spans
from launderlens.claims.techniques.features import ArticleContext
from launderlens.ingest.segment import sentence_spans

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
PTC = DATA / "ptc-semeval2020t11"
ECBPLUS = DATA / "ecbplus" / "ecbplus_docs.jsonl"
DEMO = ROOT / "src" / "launderlens" / "demo_corpus"
SEED = 20251205

Span = tuple[int, int, str]  # start, end, technique


def available() -> bool:
    return (PTC / "datasets" / "train-task-flc-tc.labels").is_file()


def articles(limit: int | None = None, split: str = "all") -> list[LabelledArticle]:
    """The train articles (the first ``limit`` by id), all of them or one ``split``:
    ``held`` is the quarter whose id hashes to 0 mod 4, ``tune`` the rest."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: choose one of {', '.join(SPLITS)}")
    docs = read_ptc(PTC, limit=limit).articles
    if split == "all":
        return docs
    return [d for d in docs if _held(d.id) == (split == "held")]


SPLITS = ("all", "tune", "held")


def _held(article_id: str) -> bool:
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 4 == 0


# -- the scorer -----------------------------------------------------------------------------

def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


class SpanScore:
    """Sums of partial-overlap credit over a collection (see the module docstring)."""

    def __init__(self) -> None:
        self.precision_credit = self.recall_credit = 0.0
        self.predicted = self.gold = 0

    def add(self, predicted: Sequence[Span], gold: Sequence[Span], *, labelled: bool) -> None:
        if not labelled:
            predicted = [(s, e, "") for s, e in _merged((s, e) for s, e, _ in predicted)]
            gold = [(s, e, "") for s, e in _merged((s, e) for s, e, _ in gold)]
        self.predicted += len(predicted)
        self.gold += len(gold)
        for ps, pe, pl in predicted:
            for gs, ge, gl in gold:
                overlap = min(pe, ge) - max(ps, gs)
                if overlap > 0 and pl == gl:
                    self.precision_credit += overlap / (pe - ps)
                    self.recall_credit += overlap / (ge - gs)

    def result(self) -> dict[str, float]:
        p = self.precision_credit / self.predicted if self.predicted else 0.0
        r = self.recall_credit / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "predicted": self.predicted, "gold": self.gold}


def _gold(article: LabelledArticle) -> list[Span]:
    return [(g.start, g.end, g.technique) for g in article.spans]


def _as_spans(found: Iterable[TechniqueSpan]) -> list[Span]:
    return [(s.start, s.end, s.technique) for s in found]


# -- the shipped cues -----------------------------------------------------------------------

def shipped_scores(docs: Sequence[LabelledArticle]) -> dict[str, Any]:
    """Classification on gold spans, span identification (all cue spans, and findings
    only) and per-technique precision of the findings, for the shipped cues."""
    correct = named = named_correct = total = 0
    si_all, si_findings, labelled = SpanScore(), SpanScore(), SpanScore()
    precision: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        spans = cue_spans(doc.text)
        for gold in doc.spans:
            technique, confidence = classify_span(doc.text, gold.start, gold.end, spans)
            total += 1
            correct += technique == gold.technique
            if confidence > 0:
                named += 1
                named_correct += technique == gold.technique
        findings = [s for s in spans if s.confidence >= FINDING_MIN_CONFIDENCE]
        si_all.add(_as_spans(spans), _gold(doc), labelled=False)
        si_findings.add(_as_spans(findings), _gold(doc), labelled=False)
        labelled.add(_as_spans(findings), _gold(doc), labelled=True)
        for span in findings:
            hits = [g for g in doc.spans if g.start < span.end and span.start < g.end]
            precision[span.technique]["found"] += 1
            precision[span.technique]["any"] += bool(hits)
            precision[span.technique]["same"] += any(g.technique == span.technique
                                                     for g in hits)
    return {
        "articles": len(docs), "gold_spans": total,
        "classification_micro_f1": round(correct / total, 4) if total else 0.0,
        "cue_coverage": round(named / total, 4) if total else 0.0,
        "cue_accuracy": round(named_correct / named, 4) if named else 0.0,
        "span_identification": si_findings.result(),
        "span_identification_all_cues": si_all.result(),
        "labelled_span_f1": labelled.result(),
        "finding_precision": {t: {"found": c["found"],
                                  "same": round(c["same"] / c["found"], 3),
                                  "any": round(c["any"] / c["found"], 3)}
                              for t, c in sorted(precision.items())},
    }


# -- the cues with techniques by meaning ----------------------------------------------------

def semantic_scores(docs: Sequence[LabelledArticle], semantic: Any) -> dict[str, Any]:
    """:func:`shipped_scores`' measures for the cues joined by ``semantic`` (a
    :class:`~launderlens.claims.techniques.semantic.SemanticTechniques`), and what the
    embeddings add: findings and candidate spans by meaning, per technique."""
    correct = total = 0
    si_findings, si_all, labelled, every_sentence = (SpanScore(), SpanScore(), SpanScore(),
                                                     SpanScore())
    added: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        cues = cue_spans(doc.text)
        named = [classify_span(doc.text, g.start, g.end, cues) for g in doc.spans]
        unnamed = [i for i, (_, confidence) in enumerate(named) if confidence == 0]
        by_meaning = semantic.classify([doc.text[doc.spans[i].start:doc.spans[i].end]
                                        for i in unnamed])
        for i, label in zip(unnamed, by_meaning, strict=True):
            named[i] = label
        total += len(doc.spans)
        correct += sum(n[0] == g.technique for n, g in zip(named, doc.spans, strict=True))
        sentences = sentence_spans(doc.text)
        spans = find_techniques(doc.text, semantic=semantic, sentences=sentences)
        findings = [s for s in spans if s.confidence >= FINDING_MIN_CONFIDENCE]
        si_all.add(_as_spans(spans), _gold(doc), labelled=False)
        si_findings.add(_as_spans(findings), _gold(doc), labelled=False)
        labelled.add(_as_spans(findings), _gold(doc), labelled=True)
        every_sentence.add([(s, e, "") for s, e in sentences], _gold(doc), labelled=False)
        for span in spans:
            if not span.source.startswith("embeddings"):
                continue
            hits = [g for g in doc.spans if g.start < span.end and span.start < g.end]
            row = added[span.technique]
            kind = "finding" if span.confidence >= FINDING_MIN_CONFIDENCE else "candidate"
            row[kind] += 1
            row[kind + "_any"] += bool(hits)
            row[kind + "_same"] += any(g.technique == span.technique for g in hits)
    return {
        "articles": len(docs), "gold_spans": total, "encoder": semantic.name,
        "classification_micro_f1": round(correct / total, 4) if total else 0.0,
        "span_identification": si_findings.result(),
        "span_identification_all_spans": si_all.result(),
        "labelled_span_f1": labelled.result(),
        "every_sentence_a_span": every_sentence.result(),
        "added_by_meaning": {t: dict(c) for t, c in sorted(added.items())},
    }


def semantic_false_alarms(docs: Sequence[tuple[str, str]], semantic: Any) -> dict[str, Any]:
    """Findings by meaning alone (at the finding floor) on ordinary news, per 1,000
    sentences, with the sentences for reading."""
    sentences = 0
    hits = []
    for name, text in docs:
        spans = sentence_spans(text)
        sentences += len(spans)
        for span in semantic.sentence_spans(text, spans, cue_spans(text)):
            if span.confidence >= FINDING_MIN_CONFIDENCE:
                hits.append({"doc": name, "technique": span.technique,
                             "confidence": span.confidence,
                             "text": text[span.start:span.end][:100]})
    return {"documents": len(docs), "sentences": sentences, "findings": len(hits),
            "per_1000_sentences": round(1000 * len(hits) / sentences, 2) if sentences else 0.0,
            "hits": hits}


def load_semantic() -> Any:
    """The prototype scorer over the installed encoder, or None without one."""
    from launderlens.claims.techniques.semantic import SemanticTechniques
    from launderlens.embeddings import load_encoder

    encoder = load_encoder()
    return SemanticTechniques(encoder) if encoder is not None else None


# -- a trained model, cross-validated -------------------------------------------------------

def cross_validated(docs: Sequence[LabelledArticle], folds: int = 5, seed: int = SEED,
                    **training: Any) -> dict[str, Any]:
    """Train on k-1 folds of articles, score on the held-out fold, over all k folds."""
    order = list(docs)
    random.Random(seed).shuffle(order)
    correct = total = 0
    per_technique: dict[str, Counter[str]] = defaultdict(Counter)
    si, labelled = SpanScore(), SpanScore()
    for k in range(folds):
        held = order[k::folds]
        held_ids = {d.id for d in held}
        model = train_technique_model([d for d in order if d.id not in held_ids], **training)
        for doc in held:
            context = ArticleContext(doc.text)
            for gold in doc.spans:
                technique, _ = model.predict_label(context, gold.start, gold.end)
                total += 1
                correct += technique == gold.technique
                per_technique[gold.technique]["gold"] += 1
                per_technique[gold.technique]["correct"] += technique == gold.technique
            predicted = _as_spans(model.spans(doc.text))
            si.add(predicted, _gold(doc), labelled=False)
            labelled.add(predicted, _gold(doc), labelled=True)
    return {
        "articles": len(order), "folds": folds, "gold_spans": total,
        "classification_micro_f1": round(correct / total, 4) if total else 0.0,
        "classification_recall_by_technique": {
            t: round(c["correct"] / c["gold"], 3) for t, c in sorted(per_technique.items())},
        "span_identification": si.result(), "labelled_span_f1": labelled.result(),
    }


# -- false alarms on ordinary news ----------------------------------------------------------

def _detokenised(sentence: str) -> str:
    text = sentence.replace("``", '"').replace("''", '"')
    text = re.sub(r" ([,.;:!?%)]|'s|n't|'re|'ve|'ll|'d|'m)", r"\1", text)
    return re.sub(r"([($]) ", r"\1", text)


def ecb_documents(limit: int | None = None) -> list[tuple[str, str]]:
    docs = []
    with ECBPLUS.open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            docs.append((row["doc_id"], "\n".join(_detokenised(s) for s in row["sentences"])))
            if limit is not None and len(docs) >= limit:
                break
    return docs


def demo_documents() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(DEMO.glob("*.txt"))]


def false_alarms(docs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Shipped findings on ordinary news: per 1,000 sentences (as the segmenter splits
    them), by technique, and the findings themselves for reading."""
    sentences = 0
    by_technique: Counter[str] = Counter()
    flagged_docs = 0
    hits = []
    for name, text in docs:
        sentences += len(sentence_spans(text))
        found = find_techniques(text, min_confidence=FINDING_MIN_CONFIDENCE)
        flagged_docs += bool(found)
        for span in found:
            by_technique[span.technique] += 1
            hits.append({"doc": name, "technique": span.technique, "cue": span.source,
                         "text": text[span.start:span.end][:80]})
    return {"documents": len(docs), "sentences": sentences, "findings": len(hits),
            "per_1000_sentences": round(1000 * len(hits) / sentences, 2) if sentences else 0.0,
            "documents_flagged": flagged_docs, "by_technique": dict(by_technique.most_common()),
            "hits": hits}


def development_originals() -> dict[str, Any]:
    """:func:`false_alarms` per source over the residue evaluation's original articles
    (empty when that data is absent)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("residue_eval", ROOT / "evals" / "residue.py")
    if spec is None or spec.loader is None:
        return {}
    residue = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(residue)
    if not residue.available():
        return {}
    by_source: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for doc in residue.originals():
        by_source[doc.source].append((doc.id, doc.text))
    return {source: false_alarms(docs) for source, docs in sorted(by_source.items())}


def unlabelled_lines(docs: Sequence[LabelledArticle]) -> dict[str, Any]:
    """PTC lines that hold no gold span at all, and how many of them get a finding."""
    lines = flagged = 0
    for doc in docs:
        findings = find_techniques(doc.text, min_confidence=FINDING_MIN_CONFIDENCE)
        offset = 0
        for line in doc.text.split("\n"):
            start, end = offset, offset + len(line)
            offset = end + 1
            if not line.strip() or any(g.start < end and start < g.end for g in doc.spans):
                continue
            lines += 1
            flagged += any(s.start < end and start < s.end for s in findings)
    return {"lines": lines, "flagged": flagged,
            "per_1000_lines": round(1000 * flagged / lines, 2) if lines else 0.0}


# -- the command ----------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--limit", type=int, help="use the first N train articles (by id)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--show", type=int, default=10, help="ordinary-news hits to print")
    parser.add_argument("--no-train", action="store_true", help="skip the trained model")
    parser.add_argument("--originals", action="store_true",
                        help="also count findings on the development sets' original articles")
    parser.add_argument("--semantic", action="store_true",
                        help="also score the cues joined by techniques found by meaning")
    parser.add_argument("--split", choices=SPLITS, default="all",
                        help="the train articles to score (tune: 3/4, held: the other 1/4)")
    args = parser.parse_args(argv)
    if not available():
        print(f"PTC data not found under {PTC}", file=sys.stderr)
        return 2
    docs = articles(args.limit, args.split)
    semantic = load_semantic() if args.semantic else None
    if args.semantic and semantic is None:
        print("--semantic needs the semantic extra (no encoder could be loaded)",
              file=sys.stderr)
        return 2
    result: dict[str, Any] = {"split": args.split, "shipped": shipped_scores(docs),
                              "ptc_lines_without_gold": unlabelled_lines(docs),
                              "demo_corpus": false_alarms(demo_documents())}
    if ECBPLUS.is_file():
        result["ecbplus"] = false_alarms(ecb_documents())
    if args.originals:
        result["originals"] = development_originals()
    if semantic is not None:
        result["semantic"] = semantic_scores(docs, semantic)
        result["semantic_demo_corpus"] = semantic_false_alarms(demo_documents(), semantic)
        if ECBPLUS.is_file():
            result["semantic_ecbplus"] = semantic_false_alarms(ecb_documents(), semantic)
    if not args.no_train:
        result["trained"] = cross_validated(docs, args.folds)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    _print(result, args.show)
    return 0


def _print(result: dict[str, Any], show: int) -> None:
    shipped = result["shipped"]
    print(f"PTC train: {shipped['articles']} articles, {shipped['gold_spans']} gold spans")
    print(f"shipped cues: classification micro-F1 {shipped['classification_micro_f1']} "
          f"(cues name {shipped['cue_coverage']:.1%} of spans, {shipped['cue_accuracy']:.1%} "
          f"right)")
    for key in ("span_identification", "span_identification_all_cues", "labelled_span_f1"):
        print(f"  {key}: {shipped[key]}")
    print("  finding precision by technique (same technique / any technique):")
    for technique in TECHNIQUES:
        row = shipped["finding_precision"].get(technique)
        if row:
            print(f"    {technique:38s} {row['found']:4d}  {row['same']:.2f}  {row['any']:.2f}")
    print(f"  PTC lines without any gold span: {result['ptc_lines_without_gold']}")
    for key in ("demo_corpus", "ecbplus"):
        if key in result:
            alarms = result[key]
            print(f"{key}: {alarms['findings']} findings in {alarms['sentences']} sentences "
                  f"({alarms['per_1000_sentences']} per 1,000), {alarms['documents_flagged']} of "
                  f"{alarms['documents']} documents, by technique {alarms['by_technique']}")
            for hit in alarms["hits"][:show]:
                print(f"    {hit['doc']}: {hit['technique']} ({hit['cue']}): {hit['text']!r}")
    for source, alarms in result.get("originals", {}).items():
        print(f"original articles, {source}: {alarms['findings']} findings in "
              f"{alarms['sentences']} sentences ({alarms['per_1000_sentences']} per 1,000), "
              f"by technique {alarms['by_technique']}")
        for hit in alarms["hits"][:show]:
            print(f"    {hit['doc']}: {hit['technique']} ({hit['cue']}): {hit['text']!r}")
    if "semantic" in result:
        _print_semantic(result, show)
    if "trained" in result:
        trained = result["trained"]
        print(f"trained model, {trained['folds']}-fold cross-validation over "
              f"{trained['articles']} articles: classification micro-F1 "
              f"{trained['classification_micro_f1']}")
        print(f"  span_identification: {trained['span_identification']}")
        print(f"  labelled_span_f1: {trained['labelled_span_f1']}")
        print(f"  recall by technique: {trained['classification_recall_by_technique']}")


def _print_semantic(result: dict[str, Any], show: int) -> None:
    semantic = result["semantic"]
    print(f"cues + embeddings ({semantic['encoder']}), split {result['split']}: "
          f"classification micro-F1 {semantic['classification_micro_f1']}")
    for key in ("span_identification", "span_identification_all_spans", "labelled_span_f1",
                "every_sentence_a_span"):
        print(f"  {key}: {semantic[key]}")
    print("  spans added by meaning, per technique:")
    for technique, row in semantic["added_by_meaning"].items():
        print(f"    {technique:38s} {row}")
    for key in ("semantic_demo_corpus", "semantic_ecbplus"):
        if key in result:
            alarms = result[key]
            print(f"{key}: {alarms['findings']} findings by meaning in {alarms['sentences']} "
                  f"sentences ({alarms['per_1000_sentences']} per 1,000)")
            for hit in alarms["hits"][:show]:
                print(f"    {hit['doc']}: {hit['technique']} {hit['confidence']}: "
                      f"{hit['text']!r}")


if __name__ == "__main__":
    sys.exit(main())
