"""Benchmark: language identification and sentence segmentation of generated articles,
Russian and German beside English in the same run, in articles/s; and the lexical
backend's ``fit`` with and without cross-lingual anchors on a mixed corpus, the anchors
identifying each text's language again or reading the one stored at ingest
(:class:`~launderlens.languages.detect.LanguageText`, as ``cluster`` passes it); and
``cluster`` (lexical) of the English articles alone against the mixed corpus, whose groups
carry anchor sums per language.

Articles are built from word lists written here (no real text): sentences of 8-20 words
with names, dates, figures and the abbreviations each language's splitter must keep
together ("г.", "ул." in Russian). Every language gets the same number of articles of
similar length, so the rates compare the paths, not the inputs.

    python bench/languages.py [--articles 2000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections.abc import Callable
from typing import Any

from launderlens.ingest.language import with_language
from launderlens.ingest.segment import segment
from launderlens.languages.detect import LanguageText
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="per language")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
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
