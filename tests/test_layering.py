"""The package keeps the shape of the pipeline: every import points down the layers below.

A module may import from its own layer or from a layer under it, never from one above, so
the library never depends on the command line or the web app, and the stages form no import
circle. ``docs/architecture.md`` draws the same map. Imports inside functions and under
``TYPE_CHECKING`` count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "launderlens"

#: Top to bottom. A name is a top-level module or package of launderlens.
LAYERS: list[set[str]] = [
    {"cli"},
    {"web"},
    {"demo"},
    {"watch"},
    {"report", "exports", "spark"},
    {"claims", "rewrites", "network"},
    {"narratives"},
    {"embeddings"},
    {"ingest"},
    {"store"},
    {"outlets"},
    {"kb"},
    {"languages"},
    {"model", "findings", "narrative", "errors"},
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _module_name(path: Path) -> list[str]:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module) for every ``from ... import`` and ``import`` in ``path``."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = [*base, *(node.module.split(".") if node.module else [])]
                if not node.module:  # from . import x, y: each name may be a module
                    for alias in node.names:
                        yield node.lineno, ".".join([*target, alias.name])
                    continue
                yield node.lineno, ".".join(target)
            elif node.module:
                yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name


def _top(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "launderlens" and len(parts) > 1 else None


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "__init__.py")


def test_every_top_level_module_has_a_layer() -> None:
    tops = {_module_name(p)[1] for p in _sources()}
    assert tops <= RANK.keys(), f"give these a layer in LAYERS: {sorted(tops - RANK.keys())}"


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path: Path) -> None:
    own = _module_name(path)[1]
    upward = []
    for line, module in _imports(path):
        target = _top(module)
        if target in RANK and target != own and RANK[target] < RANK[own]:
            upward.append(f"line {line}: {module} ({target} is above {own})")
    assert not upward, "\n".join(upward)


def test_no_import_circle_between_packages() -> None:
    edges: dict[str, set[str]] = {}
    for path in _sources():
        own = _module_name(path)[1]
        for _, module in _imports(path):
            target = _top(module)
            if target in RANK and target != own:
                edges.setdefault(own, set()).add(target)
    done: set[str] = set()

    def visit(node: str, trail: list[str]) -> None:
        if node in trail:
            raise AssertionError("import circle: " + " -> ".join([*trail, node]))
        if node in done:
            return
        for nxt in sorted(edges.get(node, ())):
            visit(nxt, [*trail, node])
        done.add(node)

    for node in sorted(edges):
        visit(node, [])


def test_relative_imports_are_resolved() -> None:
    # The walk must resolve relative imports, or every check above passes vacuously.
    found = {_top(m) for _, m in _imports(PACKAGE / "store" / "sql.py")}
    assert {"errors", "model"} <= found
    found = {_top(m) for _, m in _imports(PACKAGE / "cli" / "common.py")}
    assert {"errors", "model", "store"} <= found
