"""The windowed language identifier answers exactly as py3langid's own loop does, and the
script counts count each letter once, on texts written for these tests."""

from __future__ import annotations

import random

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

from launderlens.languages import langid_model
from launderlens.languages.detect import MAX_CHARS, detect_language, script_counts

PARAGRAPHS = {
    "en": "The harbour board of Saltmere voted on Friday to close the old ferry pier after "
          "divers found its pilings rotten below the waterline.",
    "de": "Der Gemeinderat von Lindenfeld hat am Freitag beschlossen, die alte Fähre "
          "stillzulegen, nachdem Taucher morsche Pfähle gefunden hatten.",
    "fr": "Le conseil du port de Salmère a voté vendredi la fermeture de l'ancien "
          "embarcadère, dont les pieux sont pourris sous la ligne de flottaison.",
    "ru": "Совет порта Солмира в пятницу проголосовал за закрытие старого причала после "
          "того, как водолазы нашли гнилые сваи под водой.",
    "pl": "Rada portu w Solmirze zagłosowała w piątek za zamknięciem starego pomostu, "
          "ponieważ nurkowie znaleźli spróchniałe pale pod wodą.",
}


@pytest.fixture(scope="module")
def looped() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _texts() -> list[str]:
    rng = random.Random(19)
    texts = list(PARAGRAPHS.values())
    # Short texts on either side of where the windowed counting takes over.
    texts += [text[:size] for text in PARAGRAPHS.values() for size in (5, 20, 40, 47, 48, 70)]
    # Mixed languages and scripts in one text, and texts longer than identification reads.
    texts.append(PARAGRAPHS["en"] + " " + PARAGRAPHS["ru"] + " 東京で会議が開かれた。")
    texts.append(" ".join(PARAGRAPHS.values()) * 40)
    texts.append(PARAGRAPHS["de"].upper())
    # Characters the model has no feature for, and random letters of many scripts.
    texts.append("1234 5678 —– %%% 9999 ---- ++++ 0000 //// 1111 2222 3333 4444")
    texts += ["".join(chr(rng.randint(32, 0x3100)) for _ in range(rng.randint(1, 400)))
              for _ in range(60)]
    return texts


def test_windowed_counts_give_the_same_answers(looped: LanguageIdentifier) -> None:
    windowed = langid_model.identifier()
    assert isinstance(windowed, langid_model.WindowedIdentifier)
    for text in _texts():
        assert windowed.classify(text) == looped.classify(text), text[:40]


def test_the_paragraphs_are_told_apart() -> None:
    for language, text in PARAGRAPHS.items():
        assert detect_language(text).language == language


def _missing_attribute(self: object) -> int:
    raise AttributeError("tk_row")


@pytest.mark.parametrize(("method", "replacement"), [
    ("agrees", lambda self, text: False), ("_deepest", _missing_attribute)])
def test_a_model_read_differently_falls_back_to_the_loop(
        monkeypatch: pytest.MonkeyPatch, looped: LanguageIdentifier, method: str,
        replacement: object) -> None:
    monkeypatch.setattr(langid_model.WindowedIdentifier, method, replacement)
    langid_model.identifier.cache_clear()
    try:
        fallback = langid_model.identifier()
        assert type(fallback) is LanguageIdentifier
        assert fallback.classify(PARAGRAPHS["pl"]) == looped.classify(PARAGRAPHS["pl"])
    finally:
        langid_model.identifier.cache_clear()


def test_script_counts_count_each_letter_in_its_script() -> None:
    text = "Añ × ÷ Где ελ 東京 한 かカ שׁ ქ Ա ก देव ØŸ 42 !"
    assert script_counts(text) == {
        "latin": 4, "cyrillic": 3, "greek": 2, "hebrew": 1, "hangul": 1, "hiragana": 1,
        "katakana": 1, "cjk": 2, "devanagari": 3, "georgian": 1, "armenian": 1, "thai": 1}
    assert script_counts("12 — !? \ud800") == {}


def test_script_counts_read_a_bounded_prefix() -> None:
    text = "a" * MAX_CHARS + "Где"
    assert script_counts(text) == {"latin": MAX_CHARS}
