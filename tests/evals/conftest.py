"""What the quality gates share: the ``load_eval`` fixture, which loads an evaluation
script from ``evals/`` by path (they are scripts, not package modules)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "evals" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def load_eval() -> Callable[[str], ModuleType]:
    """``load_eval("cluster_ecbplus")`` is ``evals/cluster_ecbplus.py`` as a module."""
    return _load
