"""Benchmark: language identification and sentence segmentation of generated articles,
Russian and German beside English in the same run, in articles/s; and the lexical
backend's ``fit`` with and without cross-lingual anchors on a mixed corpus, the anchors
identifying each text's language again or reading the one stored at ingest
(:class:`~launderlens.languages.detect.LanguageText`, as ``cluster`` passes it); and
``cluster`` (lexical) of the English articles alone against the mixed corpus, whose groups
carry anchor sums per language.

``--identification`` runs instead language identification on real text, each corpus
through the identification of today and, in the same process, through the one before it
(a regular expression pass per script, and py3langid's own byte-by-byte loop): articles/s
of each, and on how many articles the two agree (language, and probability bit for bit).
The corpora: every text of the SemEval-2022 Task 8 development pairs (title and body,
about 1,000 characters; ``../shared/data``, skipped when absent), the same texts joined
per language into long articles, their first 150 characters (a sentence's worth), the
demo corpus, the field articles (when present) and the generated corpus of
``bench/cluster.py``; and how many of each would be left unknown under a floor on
py3langid's probability (counted, not applied), and for the labelled texts how many of
those were identified as labelled.

Articles are built from word lists written here (no real text): sentences of 8-20 words
with names, dates, figures and the abbreviations each language's splitter must keep
together ("г.", "ул." in Russian). Every language gets the same number of articles of
similar length, so the rates compare the paths, not the inputs.

    python bench/languages.py [--articles 2000] [--json] [--identification]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

from launderlens.demo import demo_corpus
from launderlens.ingest.language import with_language
from launderlens.ingest.segment import segment
from launderlens.languages import detect
from launderlens.languages.detect import MAX_CHARS, LanguageText, detect_language
from launderlens.model import Article
from launderlens.rewrites.cluster import StoryIndex
from launderlens.rewrites.similarity.lexical import LexicalBackend

_WORDS = {
    "en": ("minister officials city council agreed new budget talks energy aid capital "
           "winter meeting country defence said Tuesday statement pledged support", "Mr.",
           ("Helsinki", "Valtonen", "Rutte", "Kallas"), "October"),
    "ru": ("министр чиновники город совет согласовал новый бюджет переговоры энергия помощь "
           "столица зима встреча страна оборона заявил вторник заявление обещали поддержку",
           "г.", ("Хельсинки", "Валтонен", "Рютте", "Каллас"), "октября"),
    "de": ("Minister Beamte Stadt Rat beschloss neuen Haushalt Gespräche Energie Hilfe "
           "Hauptstadt Winter Treffen Land Verteidigung sagte Dienstag Erklärung zugesagt",
           "Dr.", ("Helsinki", "Valtonen", "Rutte", "Kallas"), "Oktober"),
}


def _article(language: str, rng: random.Random, index: int) -> Article:
    vocabulary, abbreviation, names, month = _WORDS[language]
    words = vocabulary.split()
    sentences = []
    for _ in range(rng.randint(8, 16)):
        body = [rng.choice(words) for _ in range(rng.randint(8, 20))]
        body.insert(rng.randint(1, len(body)), rng.choice(names))
        if rng.random() < 0.3:
            body.insert(1, f"{abbreviation} {rng.choice(names)}")
        if rng.random() < 0.3:
            body.append(f"{rng.randint(1, 28)} {month} {rng.randint(2, 99)},{rng.randint(1, 9)}")
        sentences.append(" ".join(body).capitalize() + ".")
    return Article.create(text=" ".join(sentences), title=f"{language} {index}")


def _rate(articles: list[Article], work: Callable[[Article], Any]) -> float:
    started = time.perf_counter()
    for article in articles:
        work(article)
    return len(articles) / (time.perf_counter() - started)


def run(count: int) -> dict[str, Any]:
    rng = random.Random(15)
    corpora = {lang: [_article(lang, rng, i) for i in range(count)] for lang in _WORDS}
    out: dict[str, Any] = {"articles": count, "load_before": os.getloadavg()[0]}
    for lang, articles in corpora.items():
        labelled = [with_language(a) for a in articles]
        out[lang] = {
            "identify_per_s": round(_rate(articles, with_language)),
            "segment_per_s": round(_rate(labelled, segment)),
            "identified": sum(a.language == lang for a in labelled) / count,
        }
    texts = [a.text for articles in corpora.values() for a in articles]
    stored = [LanguageText(a.text, lang) for lang, articles in corpora.items()
              for a in articles]
    english = [a.text for a in corpora["en"]]
    english_stored = [LanguageText(text, "en") for text in english]
    runs = (("false", texts, False), ("true", texts, True), ("stored", stored, True),
            ("english_false", english, False), ("english_true", english, True),
            ("english_stored", english_stored, True))
    for name, given, crosslingual in runs:
        started = time.perf_counter()
        LexicalBackend(crosslingual=crosslingual).fit(given)
        out[f"lexical_fit_per_s_crosslingual_{name}"] = round(
            len(given) / (time.perf_counter() - started))
    mixed = [a for articles in corpora.values() for a in articles]
    for name, given_articles in (("english", corpora["en"]), ("mixed", mixed)):
        labelled = [with_language(a) for a in given_articles]
        started = time.perf_counter()
        index = StoryIndex(backends=("lexical",)).fit(labelled)
        out[f"cluster_per_s_{name}"] = round(len(labelled) / (time.perf_counter() - started))
        out[f"cluster_stories_{name}"] = len(index.stories_)
    out["load_after"] = os.getloadavg()[0]
    return out


SHARED = Path(__file__).resolve().parents[2] / "shared"
SEMEVAL = SHARED / "data" / "semeval2022t8-sample" / "data" / "training_set.csv"
FIELD = SHARED / "field"
#: Floors on py3langid's probability under which a guess would be reported unknown.
FLOORS = (0.5, 0.8, 0.95)


def _semeval() -> list[tuple[str, str]]:
    """(language, text) of every text of the development pairs; none when absent."""
    if not SEMEVAL.exists():
        return []
    csv.field_size_limit(10_000_000)
    with SEMEVAL.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(row[f"lang{side}"], row[f"text{side}"]) for row in rows for side in (1, 2)]


def _joined(texts: list[tuple[str, str]], length: int) -> list[str]:
    """The texts of each language joined, in file order, into articles of ``length``."""
    by_language: dict[str, list[str]] = {}
    for language, text in texts:
        by_language.setdefault(language, []).append(text)
    out = []
    for parts in by_language.values():
        article = ""
        for part in parts:
            article = f"{article}\n\n{part}" if article else part
            if len(article) >= length:
                out.append(article)
                article = ""
    return out


def _corpora() -> dict[str, list[tuple[str | None, str]]]:
    """Each corpus as (the language its data labels it with, or None; text)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cluster import corpus

    semeval = _semeval()
    with demo_corpus() as folder:
        demo = [path.read_text(encoding="utf-8").split("---", 2)[2]
                for path in sorted(folder.glob("*.txt"))]
    field = [path.read_text(encoding="utf-8") for path in sorted(FIELD.glob("*.txt"))]
    generated = [f"{a.title}\n{a.text}" for a in corpus(2000)[0]]
    unlabelled = {"semeval_long": _joined(semeval, 2 * MAX_CHARS), "demo": demo,
                  "field": field, "generated": generated}
    return {"semeval": list(semeval),
            "semeval_150_chars": [(language, text[:150]) for language, text in semeval],
            **{name: [(None, text) for text in texts] for name, texts in unlabelled.items()}}


@contextlib.contextmanager
def _previous_identification() -> Iterator[None]:
    """:func:`detect_language` with the parts it had before: a regular expression pass per
    script, and py3langid's own identifier."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

    looped = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    patterns = {name: re.compile("[" + "".join(f"{re.escape(chr(first))}-"
                                                  f"{re.escape(chr(last))}"
                                                  for first, last in ranges) + "]")
                for name, ranges in detect._SCRIPT_RANGES.items()}

    def script_counts(text: str) -> dict[str, int]:
        sample = text[:MAX_CHARS]
        counts = {name: len(pattern.findall(sample)) for name, pattern in patterns.items()}
        return {name: count for name, count in counts.items() if count}

    with mock.patch.multiple(detect, script_counts=script_counts, identifier=lambda: looped):
        yield


def _timed(texts: list[str]) -> tuple[float, list[detect.Guess]]:
    started = time.perf_counter()
    guesses = [detect_language(text) for text in texts]
    return len(texts) / (time.perf_counter() - started), guesses


def identification() -> dict[str, Any]:
    detect_language("Words to load the identifier before the clock starts.")
    out: dict[str, Any] = {"load_before": os.getloadavg()[0]}
    for name, labelled in _corpora().items():
        texts = [text for _, text in labelled]
        if not texts:
            out[name] = {"articles": 0}
            continue
        with _previous_identification():
            before, old = _timed(texts)
        after, new = _timed(texts)
        known = [(label, g) for (label, _), g in zip(labelled, new, strict=True)
                 if g.language is not None]
        found: dict[str, Any] = {
            "articles": len(texts), "before_per_s": round(before), "after_per_s": round(after),
            "same_language": sum(a.language == b.language for a, b in zip(old, new, strict=True)),
            "same_guess": sum(a == b for a, b in zip(old, new, strict=True)),
            "languages": dict(Counter(g.language for g in new).most_common(4)),
            "unknown_under_floor": {str(floor): sum(g.confidence < floor for _, g in known)
                                    for floor in FLOORS},
        }
        if labelled[0][0] is not None:
            found["as_labelled"] = sum(label == g.language for label, g in known)
            found["as_labelled_unknown_under_floor"] = {
                str(floor): sum(g.confidence < floor and label == g.language
                                for label, g in known) for floor in FLOORS}
        out[name] = found
    out["load_after"] = os.getloadavg()[0]
    return out


def _print_identification(result: dict[str, Any]) -> None:
    for name, r in result.items():
        if not isinstance(r, dict):
            continue
        if not r["articles"]:
            print(f"{name}: no data, skipped")
            continue
        print(f"{name}: {r['articles']} articles, {r['before_per_s']} -> {r['after_per_s']} "
              f"articles/s ({r['after_per_s'] / r['before_per_s']:.2f}x); same language "
              f"{r['same_language']}, same language and probability {r['same_guess']}; "
              f"most often {r['languages']}; left unknown under a floor of "
              + ", ".join(f"{f}: {n}" for f, n in r["unknown_under_floor"].items()))
        if "as_labelled" in r:
            print(f"  identified as labelled: {r['as_labelled']}; of those, left unknown under "
                  "a floor of " + ", ".join(
                      f"{f}: {n}" for f, n in r["as_labelled_unknown_under_floor"].items()))
    print(f"load average {result['load_before']:.2f} -> {result['load_after']:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="per language")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--identification", action="store_true",
                        help="identification on real text, today's against the one before")
    args = parser.parse_args(argv)
    if args.identification:
        found = identification()
        if args.json:
            print(json.dumps(found, indent=2))
        else:
            _print_identification(found)
        return 0
    result = run(args.articles)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for lang in _WORDS:
            r = result[lang]
            print(f"{lang}: identify {r['identify_per_s']} articles/s, segment "
                  f"{r['segment_per_s']} articles/s, identified as {lang}: {r['identified']:.0%}")
        print(f"lexical fit: words only {result['lexical_fit_per_s_crosslingual_false']} "
              f"articles/s, with cross-lingual anchors "
              f"{result['lexical_fit_per_s_crosslingual_true']} articles/s identifying languages, "
              f"{result['lexical_fit_per_s_crosslingual_stored']} articles/s with the stored "
              "ones")
        print(f"English only: words {result['lexical_fit_per_s_crosslingual_english_false']}"
              f", identifying {result['lexical_fit_per_s_crosslingual_english_true']}, "
              f"stored {result['lexical_fit_per_s_crosslingual_english_stored']} articles/s")
        print(f"cluster (lexical): English {result['cluster_per_s_english']} articles/s "
              f"({result['cluster_stories_english']} stories), en+ru+de "
              f"{result['cluster_per_s_mixed']} articles/s ({result['cluster_stories_mixed']} "
              "stories)")
        print(f"load average {result['load_before']:.2f} -> {result['load_after']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
