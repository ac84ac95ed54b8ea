"""The analyzer hands the narrative matcher the article's language (identified at ingest or
declared by its reader), and the matcher routes sentences by it instead of identifying the
article again from its sentences. Sentences written for this test."""

from __future__ import annotations

from collections.abc import Sequence

from launderlens.claims.analyze import Analyzer
from launderlens.findings import Claim, Finding
from launderlens.model import Article, Sentence
from launderlens.narratives import NarrativeMatcher
from launderlens.store import open_store

FRENCH = ("Le gouvernement a annoncé hier une nouvelle réforme des retraites. "
          "Les syndicats ont appelé à une grève générale dans tout le pays la semaine prochaine. "
          "Selon le ministre, la réforme permettra d'économiser plusieurs milliards d'euros.")


class RoutedTo(NarrativeMatcher):
    """A matcher that keeps the sentences routed to it (as the other scripts' matcher)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.seen: list[str] = []

    def _findings(self, sentences: Sequence[Sentence], claims: Sequence[Claim] | None,
                  routes: dict[int, str] | None = None) -> list[Finding]:
        self.seen += [s.text for s in sentences]
        return super()._findings(sentences, claims, routes)


def routed(language: str | None) -> list[str]:
    with open_store(":memory:") as store:
        other = RoutedTo(store, cache=False)
        matcher = NarrativeMatcher(store, cache=False, other_scripts=other)
        article = Article.create(text=FRENCH, url="https://example.org/a", language=language)
        Analyzer(semantic=False, narratives=matcher).analyze(article)
        return other.seen


def test_the_article_language_decides_how_its_sentences_are_routed() -> None:
    # identified from the sentences (no language given): French, so every sentence goes to
    # the multilingual matcher
    assert len(routed(None)) == 3
    # the article's own language reaches the matcher: in an article given as English only
    # the script routes, so these Latin-script sentences stay with the English matcher
    assert routed("en") == []
    assert len(routed("fr")) == 3
