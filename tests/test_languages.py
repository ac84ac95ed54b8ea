"""Language identification, transliteration and cross-lingual anchors, on sentences written
for these tests (Russian, Ukrainian, German and French retellings of the demo corpus)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from launderlens.languages.detect import detect_language, dominant_script, mixes_scripts
from launderlens.languages.translit import (
    crosslingual_anchors,
    date_anchors,
    figure_key,
    phonetic_key,
    transliterate,
)
from launderlens.rewrites.similarity.lexical import LexicalBackend

DEMO = Path(__file__).resolve().parents[1] / "src" / "launderlens" / "demo_corpus"

RUSSIAN = (
    "ХЕЛЬСИНКИ, 14 октября. /ТАСС/. Министры иностранных дел и высокопоставленные "
    "представители 32 стран встретились во вторник в финской столице, чтобы согласовать "
    "дальнейшую военную и финансовую помощь Киеву перед отопительным сезоном. Встречу "
    "провела министр иностранных дел Финляндии Элина Валтонен. На ней лично присутствовали "
    "генеральный секретарь НАТО Марк Рютте и верховный представитель ЕС Кая Каллас. "
    "Участники пообещали в общей сложности 4,2 млрд евро, из которых 2,7 млрд евро пойдут "
    "на системы ПВО и боеприпасы."
)
UKRAINIAN = ("Президент Володимир Зеленський звернувся до учасників зустрічі у відеоформаті "
             "та подякував партнерам за допомогу.")
GERMAN = ("Am 14. Oktober trafen sich Außenminister aus 32 Ländern in der finnischen "
          "Hauptstadt, um weitere Hilfe für die Ukraine zu besprechen.")
FRENCH = ("Le 14 octobre, des ministres des Affaires étrangères de 32 pays se sont réunis "
          "dans la capitale finlandaise pour coordonner l'aide à l'Ukraine.")


def _body(name: str) -> str:
    return (DEMO / name).read_text(encoding="utf-8").split("---", 2)[2]


@pytest.mark.parametrize(("text", "language"), [
    (RUSSIAN, "ru"), (UKRAINIAN, "uk"), (GERMAN, "de"), (FRENCH, "fr"),
    ("Foreign ministers from 32 countries met in the Finnish capital on Tuesday.", "en"),
])
def test_detects_the_language(text: str, language: str) -> None:
    guess = detect_language(text)
    assert guess.language == language
    assert 0.5 < guess.confidence <= 1.0


def test_too_little_text_has_no_language() -> None:
    assert detect_language("OK 42").language is None


def test_scripts() -> None:
    assert dominant_script(RUSSIAN) == "cyrillic"
    assert dominant_script(GERMAN) == "latin"
    assert mixes_scripts(GERMAN + " " + UKRAINIAN)
    assert not mixes_scripts(GERMAN)


@pytest.mark.parametrize("spellings", [
    ("Зеленский", "Зеленський", "Zelensky", "Zelenskyy", "Zelenskiy"),
    ("Мелони", "Meloni"), ("Москва", "Moscow"), ("Харьков", "Харків", "Kharkiv"),
    ("НАТО", "NATO"), ("Киев", "Kyiv", "Київ"), ("Αθήνα", "Athina"),
])
def test_spellings_of_one_name_share_a_key(spellings: tuple[str, ...]) -> None:
    assert len({phonetic_key(word) for word in spellings}) == 1


def test_different_names_keep_different_keys() -> None:
    assert phonetic_key("Зеленский") != phonetic_key("Валтонен")
    assert phonetic_key("Путин") != phonetic_key("Рютте")


def test_transliteration_tables() -> None:
    assert transliterate("Щёлково") == "shchelkovo"
    assert transliterate("Їжак") == "yizhak"
    assert transliterate("Élysée") == "elysee"
    assert transliterate("Κυριάκος") == "kyriakos"


@pytest.mark.parametrize("text", [
    "4 сентября", "4 вересня", "4. September", "4 septembre", "4 de septiembre",
    "4 settembre", "4 września", "September 4", "Sept. 4",
])
def test_dates_meet_across_languages(text: str) -> None:
    assert date_anchors(f"({text}, 2025)") == ["date:9-4"]


def test_not_a_date() -> None:
    assert date_anchors("Mar-a-Lago 45 May-Britt") == []
    assert date_anchors("September 2023") == []


@pytest.mark.parametrize(("written", "key"), [
    ("1,340", "1340"), ("1 340", "1340"), ("1.340", "1340"), ("4,2", "4.2"), ("4.2", "4.2"),
    ("2025", "2025"),
])
def test_figures(written: str, key: str) -> None:
    assert figure_key(written) == key


def test_anchors_of_a_russian_retelling_meet_the_english_original() -> None:
    russian = set(crosslingual_anchors(RUSSIAN))
    english = set(crosslingual_anchors(_body("01_origin_tass_helsinki_ministerial.txt")))
    shared = russian & english
    assert {"date:10-14", "num:32", "num:4.2", "num:2.7", "name:vltn", "name:kls"} <= shared


def test_lexical_similarity_joins_languages_and_leaves_english_alone() -> None:
    origin = _body("01_origin_tass_helsinki_ministerial.txt")
    copy = _body("02_copy_riverbend_gazette.txt")
    unrelated = _body("08_unrelated_fenwick_council_budget.txt")
    texts = [origin, copy, unrelated, RUSSIAN]
    backend = LexicalBackend().fit(texts)
    words_only = LexicalBackend(crosslingual=False).fit(texts)
    left, right = np.array([3, 3, 0, 0, 1]), np.array([0, 2, 1, 2, 2])
    scores = backend.similarity(left, right)
    assert scores[0] > 0.2 > scores[1]
    # English pairs score exactly as the words score them.
    np.testing.assert_array_equal(scores[2:], words_only.similarity(left[2:], right[2:]))
    found = backend.neighbours(np.array([3]), k=2)
    assert 0 in set(found.right.tolist())
    assert 0 not in set(words_only.neighbours(np.array([3]), k=2).right.tolist())


def test_hostile_text_is_bounded() -> None:
    huge = "Зеленский " * 200_000 + "Helsinki 14 October"
    assert detect_language(huge).language in {"ru", "uk", "bg", "mk", "sr", "be"}
    assert crosslingual_anchors("") == []


def test_compare_tells_the_russian_retelling_is_the_same_story() -> None:
    from launderlens.model import Article
    from launderlens.rewrites.compare import Comparer

    origin = Article.create(text=_body("01_origin_tass_helsinki_ministerial.txt"))
    unrelated = Article.create(text=_body("08_unrelated_fenwick_council_budget.txt"))
    russian = Article.create(text=RUSSIAN)
    comparer = Comparer(semantic=False)
    same = comparer.compare(origin, russian)
    other = comparer.compare(unrelated, russian)
    assert same.same_story and not other.same_story
    assert "date:10-14" in same.shared_anchors
    # Two English articles compare their anchors as written.
    english = comparer.compare(origin, Article.create(text=_body("02_copy_riverbend_gazette.txt")))
    assert not any(":" in term for term in english.shared_anchors if not term[0].isdigit())


def test_stemmers_and_stop_words_per_language() -> None:
    from launderlens.languages.words import STOP_WORDS, stem, stemmer, stop_words

    assert stemmer("en") is stem and stemmer(None) is stem
    assert stemmer("ru")("министрами") == stemmer("ru")("министров")
    assert stemmer("de")("ländern") == stemmer("de")("länder")
    assert stemmer("uk")("країнами") == stemmer("uk")("країни")
    assert stemmer("xx")("слово") == "слово"
    assert stop_words("en") is STOP_WORDS
    assert {"и", "что"} <= stop_words("ru") and "министр" not in stop_words("ru")
    assert "und" in stop_words("de-AT")
    assert stop_words("zz") == frozenset()


def test_anchors_are_read_only_when_the_index_holds_two_languages() -> None:
    from launderlens.rewrites.similarity.crosslingual import CrossLingualAnchors

    english = ["The foreign minister of Finland hosted the talks in Helsinki on 4 September "
               "2025, and the ministers said they would work together on the new energy plan.",
               "The ministers agreed in Helsinki to meet again in December, officials said, "
               "although they did not say where the next meeting would be held this year."]
    one = CrossLingualAnchors().fit(english)
    assert one.vectors_.nnz == 0 and set(one.languages_) == {"en"}
    russian = "Министр иностранных дел Финляндии провела переговоры в Хельсинки 4 сентября."
    two = CrossLingualAnchors().fit([*english, russian])
    assert two.vectors_.nnz > 0
    assert two.similarity(np.array([0]), np.array([2]))[0] > 0


def test_a_language_guessed_unsurely_crosses_nothing() -> None:
    from launderlens.rewrites.similarity.crosslingual import CrossLingualAnchors

    anchors = CrossLingualAnchors().fit(["zuv kema tolari ven 2025", "Helsinki talks 2025"])
    assert anchors.languages_[0] is None


def test_instrumental_names_meet_their_english_spelling() -> None:
    from launderlens.languages.translit import crosslingual_anchors

    russian = crosslingual_anchors("Министр встретился с Петером Сийярто и Сергеем Лавровым "
                                   "в Будапеште, а потом с Кириллом.")
    english = crosslingual_anchors("The minister met Peter Szijjarto and Sergei Lavrov in "
                                   "Budapest, then Kirill.")
    shared = set(russian) & set(english)
    assert {"name:ptr", "name:srg", "name:lvrv", "name:bdpst", "name:krl"} <= shared
    # A short name is left whole: "Приам" keeps its "м".
    assert crosslingual_anchors("Встреча прошла, сказал Приам.") == ["name:prm"]
