"""The CLEF 2020 evaluation's ``--vectors FILE``: sentence vectors kept in a SQLite store, so
a second run rebuilds the index without embedding a phrasing again."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

EVAL = Path(__file__).resolve().parents[1] / "evals" / "narratives_clef2020.py"


class Counting:
    """A fake encoder that counts the texts it is asked to embed."""

    name = "counting"
    dimension = 2

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded += texts
        return np.tile(np.array([[1.0, 0.0]], dtype=np.float32), (len(texts), 1))


@pytest.fixture()
def clef() -> ModuleType:
    spec = importlib.util.spec_from_file_location("narratives_clef2020", EVAL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_vectors_are_embedded_once_across_runs(clef: ModuleType, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    inner = Counting()
    monkeypatch.setattr(clef, "load_encoder", lambda required: inner)
    store = str(tmp_path / "vectors.sqlite")
    first = clef.encoder_for(True, store)
    first.encode(["Grain prices rose", "The mayor sold the harbour"])
    second = clef.encoder_for(True, store)  # another run: a new encoder on the same file
    vectors = second.encode(["The mayor sold the harbour", "Grain prices rose"])
    assert inner.embedded == ["Grain prices rose", "The mayor sold the harbour"]
    assert vectors.shape == (2, 2)
    assert clef.encoder_for(True, None) is inner
    assert clef.encoder_for(False, store) is None


def test_the_paraphrase_evaluation_reads_its_vectors_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location(
        "narratives_paraphrase", EVAL.with_name("narratives_paraphrase.py"))
    assert spec and spec.loader
    paraphrase = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(paraphrase)
    inner = Counting()
    # the evaluation builds its encoder with the CLEF evaluation's encoder_for
    monkeypatch.setattr(sys.modules["narratives_clef2020"], "load_encoder",
                        lambda required: inner)
    argv = ["--part", "tune", "--cases", "3", "--distractors", "3", "--vectors",
            str(tmp_path / "vectors.sqlite")]
    paraphrase.main(argv)
    first, embedded = capsys.readouterr().out, len(inner.embedded)
    paraphrase.main(argv)
    assert embedded > 0 and len(inner.embedded) == embedded  # nothing embedded again
    assert capsys.readouterr().out == first
