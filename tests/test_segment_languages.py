"""Sentence splitting and language filling beyond English, on sentences written for these
tests."""

from __future__ import annotations

from launderlens.ingest.language import with_language
from launderlens.ingest.segment import language_spans, segment, sentence_spans
from launderlens.model import Article

RUSSIAN = ("Встреча прошла в г. Хельсинки на ул. Маннергейма, д. 5. Министр заявил: "
           "«Помощь будет».\n\nТ.е. решение уже принято.")
ENGLISH = ("Foreign ministers met in Helsinki on Tuesday. Dr. Valtonen chaired the session, "
           "the organisers said.\n\nU.S. officials attended.")


def _texts(text: str, language: str | None) -> list[str]:
    return [text[a:b] for a, b in language_spans(text, language)]


def test_russian_abbreviations_do_not_end_sentences() -> None:
    assert _texts(RUSSIAN, "ru") == [
        "Встреча прошла в г. Хельсинки на ул. Маннергейма, д. 5.",
        "Министр заявил: «Помощь будет».",
        "Т.е. решение уже принято.",
    ]
    # Ukrainian takes the same splitter; a region subtag is read as its language.
    assert len(_texts(RUSSIAN, "uk")) == 3
    assert len(_texts(RUSSIAN, "ru-RU")) == 3


def test_english_and_unknown_keep_the_english_rules() -> None:
    expected = sentence_spans(ENGLISH)
    assert language_spans(ENGLISH, "en") == expected
    assert language_spans(ENGLISH, None) == expected
    assert language_spans(ENGLISH, "de") == expected
    assert len(expected) == 3


def test_chinese_and_arabic_full_stops() -> None:
    chinese = "外长们周二在赫尔辛基会面。他们讨论了援助。会议何时结束？"
    assert _texts(chinese, "zh") == ["外长们周二在赫尔辛基会面。", "他们讨论了援助。",
                                     "会议何时结束？"]
    arabic = "هل حضر الوزير؟ نعم حضر الاجتماع۔ شكرا"
    assert _texts(arabic, "ar") == ["هل حضر الوزير؟", "نعم حضر الاجتماع۔", "شكرا"]


def test_segment_reads_the_article_language() -> None:
    article = with_language(Article.create(text=RUSSIAN, title="Встреча в Хельсинки"))
    assert article.language == "ru"
    sentences = segment(article)
    assert [s.text for s in sentences] == _texts(RUSSIAN, "ru")
    assert all(RUSSIAN[s.start:s.end] == s.text for s in sentences)


def test_declared_language_kept_unless_the_text_plainly_disagrees() -> None:
    english = Article.create(text=ENGLISH, language="en")
    assert with_language(english) is english
    mislabelled = with_language(Article.create(text=RUSSIAN * 3, language="en"))
    assert mislabelled.language == "ru"
    assert mislabelled.meta["declared_language"] == "en"
    unsure = Article.create(text="OK, 42.", language="fr")
    assert with_language(unsure).language == "fr"
    assert with_language(Article.create(text=ENGLISH)).language == "en"
