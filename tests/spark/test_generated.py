"""The generated corpus of the Spark tests and benches reads as English news: made-up
content words between English function words, identified as English, so that it runs the
single-language path real English news runs and not the cross-language rules."""

from __future__ import annotations

from collections.abc import Callable

from launderlens.languages.detect import detect_language
from launderlens.model import Article


def test_generated_articles_are_identified_as_english(
        corpus: Callable[[int], list[Article]]) -> None:
    articles = corpus(300)
    english = sum(detect_language(f"{a.title}\n{a.text}").language == "en" for a in articles)
    assert english >= 0.99 * len(articles)
