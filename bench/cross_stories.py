"""Benchmark: ``cluster`` (lexical) of a generated Russian/English corpus whose stories run
to hundreds of articles in both languages, where group averages read the cross-language
anchors of member pairs; against another checkout of the code in the same run.

Each story has its own words in each language, its own names (written in Latin letters in
English, in Cyrillic in Russian: one phonetic key), figures, a day and month, and a year
most stories share; every article also names a few people every story names. Articles
are built from word lists written here (no real text). The fit runs in a child process
per checkout, alternating, so both meet the same load; the bench prints the median
seconds of each, their ratio, whether both found the same stories, and the load average
before and after.

    python bench/cross_stories.py [--baseline DIR] [--stories 12] [--repeat 2] [--json]

``--baseline DIR``: the root of another checkout (made with ``git worktree add``), whose
``src`` is imported instead of this one's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
_EN = ("the minister said officials city council agreed new budget talks energy aid "
       "capital winter meeting country defence statement pledged support after during "
       "report police court market prices workers strike plan vote election rally army "
       "bridge river school hospital doctors week month year people")
_RU = ("министр заявил чиновники город совет согласовал новый бюджет переговоры энергия "
       "помощь столица зима встреча страна оборона заявление обещали поддержку после во "
       "время доклад полиция суд рынок цены рабочие забастовка план голосование выборы "
       "митинг армия мост река школа больница врачи неделя месяц год люди")
_MONTHS = {"en": ("January", "March", "May", "July", "September", "November"),
           "ru": ("января", "марта", "мая", "июля", "сентября", "ноября")}
_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"
# Latin letter -> the Cyrillic letter a Russian outlet writes for it.
_CYRILLIC = str.maketrans("abdefgiklmnoprstuvz", "абдефгиклмнопрстувз")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS)
                   for _ in range(rng.randint(3, 4))).capitalize()


def _spelled(name: str, language: str) -> str:
    return name if language == "en" else name.lower().translate(_CYRILLIC).capitalize()


def corpus(stories: int, seed: int = 28) -> list[tuple[str, str, int]]:
    """``(text, language, story)`` of every article: stories of 100-650 articles, each
    article in English or Russian."""
    rng = random.Random(seed)
    famous = [_name(rng) for _ in range(6)]
    out = []
    for story in range(stories):
        names = [_name(rng) for _ in range(20)]
        # The story's own words in each language, so that one-language neighbours are of
        # the story rather than of the language.
        topic = {lang: [_spelled(_name(rng), lang).lower() for _ in range(200)]
                 for lang in ("en", "ru")}
        figures = [str(rng.randint(10, 9999)) for _ in range(10)]
        month, day = rng.randrange(6), rng.randint(1, 28)
        year = str(rng.choice((2023, 2024, 2024, 2024)))
        for _ in range(rng.randint(100, 650)):
            language = rng.choice(("en", "ru"))
            words = (_EN if language == "en" else _RU).split()
            sentences = []
            for _ in range(rng.randint(6, 12)):
                body = [rng.choice(words) for _ in range(rng.randint(5, 9))]
                body += [rng.choice(topic[language]) for _ in range(rng.randint(4, 7))]
                rng.shuffle(body)
                # Figures beside words: two figures in a row read as one ("9 8187").
                for extra in (_spelled(rng.choice(names), language),
                              _spelled(rng.choice(famous), language),
                              f"{rng.choice(figures)} {rng.choice(words)}",
                              f"{rng.randint(1, 9)} {rng.choice(words)}"):
                    body.insert(rng.randint(1, len(body)), extra)
                if rng.random() < 0.3:
                    body.append(f"{day} {_MONTHS[language][month]} {year}")
                sentence = " ".join(body)
                sentences.append(sentence[0].upper() + sentence[1:] + ".")
            out.append((" ".join(sentences), language, story))
    return out


def fit(stories: int) -> dict[str, Any]:
    """Fit ``StoryIndex`` (lexical) on :func:`corpus`; seconds and a digest of the
    stories found (the partition of the articles, not its labels)."""
    import launderlens
    from launderlens.model import Article
    from launderlens.rewrites.cluster import StoryIndex

    articles = [Article.create(text, language=language)
                for text, language, _ in corpus(stories)]
    started = time.perf_counter()
    index = StoryIndex(backends=("lexical",)).fit(articles)
    seconds = time.perf_counter() - started
    groups: dict[int, list[str]] = {}
    for ident, label in zip(index.ids_, index.labels_.tolist(), strict=True):
        groups.setdefault(label, []).append(ident)
    partition = sorted(",".join(sorted(members)) for members in groups.values())
    return {"seconds": seconds, "articles": len(articles), "groups": len(groups),
            "digest": hashlib.sha256("\n".join(partition).encode()).hexdigest()[:16],
            "package": str(Path(launderlens.__file__).resolve().parent)}


def _child(source: Path, stories: int) -> dict[str, Any]:
    environment = {**os.environ, "PYTHONPATH": str(source / "src")}
    done = subprocess.run([sys.executable, __file__, "--child", "--stories", str(stories)],
                          env=environment, capture_output=True, text=True)
    if done.returncode:  # its traceback, which the captured output would otherwise hide
        raise SystemExit(f"the fit of {source} failed:\n{done.stderr}")
    result = dict(json.loads(done.stdout.splitlines()[-1]))
    # A checkout without the package would import the installed one: this one timed twice.
    if not Path(result["package"]).is_relative_to((source / "src").resolve()):
        raise SystemExit(f"{source} holds no src/launderlens; the fit read {result['package']}")
    return result


def run(baseline: Path | None, stories: int, repeat: int) -> dict[str, Any]:
    sources = {"current": ROOT} | ({"baseline": baseline} if baseline else {})
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in sources}
    load_before = os.getloadavg()[0]
    for _ in range(repeat):
        for name, source in sources.items():
            runs[name].append(_child(source, stories))
    out: dict[str, Any] = {"load_before": load_before, "load_after": os.getloadavg()[0]}
    for name, results in runs.items():
        out[name] = {"seconds": round(statistics.median(r["seconds"] for r in results), 2),
                     "articles": results[0]["articles"], "stories": results[0]["groups"],
                     "digest": results[0]["digest"]}
    if baseline:
        out["ratio"] = round(out["baseline"]["seconds"] / out["current"]["seconds"], 2)
        out["same_stories"] = out["baseline"]["digest"] == out["current"]["digest"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, default=None,
                        help="root of another checkout to time in the same run")
    parser.add_argument("--stories", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(fit(args.stories)))
        return 0
    result = run(args.baseline, args.stories, args.repeat)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for name in ("current", "baseline"):
        if name in result:
            r = result[name]
            print(f"{name}: {r['articles']} articles, {r['stories']} stories, "
                  f"fit {r['seconds']} s (median of {args.repeat})")
    if "ratio" in result:
        print(f"baseline / current: {result['ratio']}x, same stories: {result['same_stories']}")
    print(f"load average {result['load_before']:.2f} -> {result['load_after']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
