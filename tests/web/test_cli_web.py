"""``launderlens serve``: its help, the install hint without the web extra, the refusal to
serve a public address without a token (unless ``--allow-anonymous``), and the settings it
hands to uvicorn."""

from __future__ import annotations

import builtins
from typing import Any

import pytest
from click.testing import CliRunner

from launderlens.cli.serve import is_loopback, serve


def test_help() -> None:
    result = CliRunner().invoke(serve, ["--help"])
    assert result.exit_code == 0
    assert "--allow-private" in result.output and "LAUNDERLENS_TOKEN" in result.output


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("192.168.1.4", False), ("example.com", False), ("", False)])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.delenv("LAUNDERLENS_TOKEN", raising=False)
    return calls


def test_loopback_without_token_runs_quietly(served, tmp_path) -> None:
    result = CliRunner().invoke(serve, ["--db", str(tmp_path / "x.db"), "--no-semantic",
                                        "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    (call,) = served
    assert call["host"] == "127.0.0.1" and call["port"] == 8123
    settings = call["app"].state.settings
    assert settings.allowed_hosts == ("127.0.0.1", "localhost", "::1")
    assert settings.semantic is False and settings.token is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.4"])
def test_public_host_without_token_refuses_to_start(served, tmp_path, host: str) -> None:
    result = CliRunner().invoke(serve, ["--host", host, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "--allow-anonymous" in result.output and "LAUNDERLENS_TOKEN" in result.output
    assert served == []  # nothing was served, not even for a moment


def test_public_host_without_token_serves_when_allowed_and_warns(served, tmp_path) -> None:
    result = CliRunner().invoke(serve, ["--host", "0.0.0.0", "--allow-anonymous",
                                        "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0
    assert "warning: serving on 0.0.0.0 without a token" in result.output
    assert served[0]["app"].state.settings.allowed_hosts is None


def test_token_from_the_environment(served, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LAUNDERLENS_TOKEN", "s3cret-token-for-tests-only")
    result = CliRunner().invoke(serve, ["--host", "0.0.0.0", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0 and "warning" not in result.output
    assert served[0]["app"].state.settings.token == "s3cret-token-for-tests-only"
    monkeypatch.setenv("LAUNDERLENS_TOKEN", "short")
    refused = CliRunner().invoke(serve, ["--db", str(tmp_path / "x.db")])
    assert refused.exit_code == 2 and "at least 16 characters" in refused.output


def test_missing_extra_gives_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_uvicorn(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "uvicorn":
            raise ImportError("No module named 'uvicorn'", name="uvicorn")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_uvicorn)
    result = CliRunner().invoke(serve, [])
    assert result.exit_code == 1
    assert "pip install 'launderlens[web]'" in result.output
