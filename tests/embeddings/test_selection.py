"""Which encoder ``load_encoder`` picks (auto, onnx, torch; the LAUNDERLENS_ENCODER
variable), the pinned sha256 of the packaged weights, and ``embeddings export``'s options:
with fakes in place of the models, so nothing here loads one."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from launderlens.cli import main
from launderlens.embeddings import encoder as enc
from launderlens.embeddings import onnx as onnx_mod
from launderlens.errors import ConfigError


class Fake:
    def __init__(self, name: str) -> None:
        self.name = name
        self.dimension = 3

    def encode(self, texts: Any) -> np.ndarray:
        return np.zeros((len(texts), 3), dtype=np.float32)


@pytest.fixture
def world(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """Fake loaders that record what they were asked for, a default export folder in a
    temporary place, and onnxruntime 'installed'."""
    state: dict[str, Any] = {"torch_ok": True, "calls": []}
    default = tmp_path / "default-export"

    def torch_loader(model: str | None) -> Fake:
        state["calls"].append(("torch", model))
        if not state["torch_ok"]:
            raise ConfigError("sentence-transformers is not installed")
        return Fake("minilm")

    def onnx_loader(folder: str) -> Fake:
        state["calls"].append(("onnx", folder))
        if not onnx_mod.is_onnx_folder(folder):
            raise ConfigError(f"no exported ONNX encoder in {folder}")
        return Fake("minilm+onnx-int8")

    monkeypatch.setattr(enc, "_cached", torch_loader)
    monkeypatch.setattr(enc, "_cached_onnx", onnx_loader)
    monkeypatch.setattr(onnx_mod, "default_onnx_dir", lambda: default)
    monkeypatch.setattr(onnx_mod, "onnx_available", lambda: True)
    monkeypatch.setattr(enc, "_torch_available", lambda: state["torch_ok"])
    monkeypatch.delenv("LAUNDERLENS_ENCODER", raising=False)
    state["default"] = default
    return state


def _export(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.json").write_text("{}")
    return folder


def _backend_of(encoder: Any) -> str:
    return "onnx" if "onnx" in encoder.name else "torch"


def test_auto_uses_torch_until_an_export_exists(world: dict[str, Any]) -> None:
    assert _backend_of(enc.load_encoder()) == "torch"
    _export(world["default"])
    assert _backend_of(enc.load_encoder()) == "onnx"
    assert world["calls"][-1] == ("onnx", str(world["default"]))


def test_auto_ignores_an_export_when_onnxruntime_is_missing(
        world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    _export(world["default"])
    monkeypatch.setattr(onnx_mod, "onnx_available", lambda: False)
    assert _backend_of(enc.load_encoder()) == "torch"


def test_an_exported_folder_given_as_model_is_run_by_onnx(world: dict[str, Any],
                                                           tmp_path: Path) -> None:
    mine = _export(tmp_path / "mine")
    assert _backend_of(enc.load_encoder(mine)) == "onnx"
    plain = tmp_path / "st-model"
    plain.mkdir()
    assert _backend_of(enc.load_encoder(plain)) == "torch"
    assert world["calls"][-1] == ("torch", str(plain))


def test_explicit_backends(world: dict[str, Any], tmp_path: Path) -> None:
    _export(world["default"])
    assert _backend_of(enc.load_encoder(backend="torch")) == "torch"
    assert _backend_of(enc.load_encoder(backend="onnx")) == "onnx"
    with pytest.raises(ConfigError, match="not an exported ONNX folder"):
        enc.load_encoder(tmp_path, backend="onnx", required=True)


def test_onnx_backend_without_an_export(world: dict[str, Any]) -> None:
    assert enc.load_encoder(backend="onnx") is None
    with pytest.raises(ConfigError, match="no exported ONNX encoder"):
        enc.load_encoder(backend="onnx", required=True)


def test_nothing_installed_gives_none_or_the_reason(world: dict[str, Any]) -> None:
    world["torch_ok"] = False
    assert enc.load_encoder() is None
    assert not enc.semantic_available()
    with pytest.raises(ConfigError, match="not installed"):
        enc.load_encoder(required=True)
    _export(world["default"])  # an ONNX export alone is enough
    assert enc.semantic_available()
    assert _backend_of(enc.load_encoder(required=True)) == "onnx"


def test_environment_variable_selects_the_backend(world: dict[str, Any],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _export(world["default"])
    monkeypatch.setenv("LAUNDERLENS_ENCODER", "torch")
    assert _backend_of(enc.load_encoder()) == "torch"
    monkeypatch.setenv("LAUNDERLENS_ENCODER", "ONNX")
    assert _backend_of(enc.load_encoder()) == "onnx"
    # An argument wins over the variable.
    assert _backend_of(enc.load_encoder(backend="torch")) == "torch"
    monkeypatch.setenv("LAUNDERLENS_ENCODER", "tensorflow")
    with pytest.raises(ConfigError, match="unknown encoder backend"):
        enc.load_encoder()  # a typo is an error even when not required


def test_semantic_available_follows_the_variable(world: dict[str, Any],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _export(world["default"])
    world["torch_ok"] = False
    monkeypatch.setenv("LAUNDERLENS_ENCODER", "torch")
    assert not enc.semantic_available()
    monkeypatch.setenv("LAUNDERLENS_ENCODER", "onnx")
    assert enc.semantic_available()


def test_packaged_weights_must_match_their_pin(tmp_path: Path,
                                               caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"not the weights")
    with caplog.at_level(logging.WARNING), pytest.raises(ConfigError, match="sha256"):
        enc.verify_packaged_weights(tmp_path)
    assert "pinned" in caplog.text
    with pytest.raises(ConfigError, match="unreadable"):
        enc.verify_packaged_weights(tmp_path / "absent")


def test_the_installed_packaged_weights_match_their_pin() -> None:
    path = enc.default_model_path()
    if path is None:
        pytest.skip("the packaged model is not installed")
    enc.verify_packaged_weights(path)


def test_semantic_encoder_refuses_tampered_packaged_weights(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "model.safetensors").write_bytes(b"tampered")
    monkeypatch.setattr(enc, "default_model_path", lambda: tmp_path)
    with pytest.raises(ConfigError, match="pinned sha256"):
        enc.SemanticEncoder()


@pytest.mark.parametrize(("flags", "fp32", "int8"), [
    ([], True, True), (["--int8"], False, True), (["--fp32"], True, False),
    (["--int8", "--fp32"], True, True),
])
def test_export_command_options(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                flags: list[str], fp32: bool, int8: bool) -> None:
    asked: dict[str, Any] = {}

    def fake_export(model: Any, out: Any, *, fp32: bool, int8: bool) -> dict[str, Any]:
        asked.update(model=model, out=out, fp32=fp32, int8=int8)
        return {"source": "minilm", "files": {"model.onnx": "ab" * 32}}

    monkeypatch.setattr(onnx_mod, "export_onnx", fake_export)
    result = CliRunner().invoke(main, ["embeddings", "export", "-o", str(tmp_path), *flags])
    assert result.exit_code == 0, result.output
    assert asked == {"model": None, "out": tmp_path, "fp32": fp32, "int8": int8}
    assert "model.onnx" in result.output


def test_export_command_needs_an_output_for_a_model_of_ones_own(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["embeddings", "export", "--model", str(tmp_path)])
    assert result.exit_code == 2 and "--output" in result.output
