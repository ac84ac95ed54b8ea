"""One local Spark session for every Spark test (local[2], four shuffle partitions, no UI),
and a generated corpus with planted rewrite families beside the demo corpus."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from launderlens.model import Article

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _spark_missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None or importlib.util.find_spec("pyarrow") is None:
        return "pyspark and pyarrow are not installed (pip install -e '.[dev]')"
    if shutil.which("java") is None and not _java_home():
        return "no Java runtime (scripts/java.sh installs one)"
    return None


def _java_home() -> bool:
    import os

    home = os.environ.get("JAVA_HOME")
    return bool(home) and Path(home, "bin", "java").exists()


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    missing = _spark_missing()
    if missing:
        pytest.skip(missing)
    from launderlens.spark.session import get_session

    session = get_session("local[2]", shuffle_partitions=4)
    yield session
    session.stop()


def generated(size: int, seed: int = 5) -> list[Article]:
    """``size`` articles of bench/cluster.py's generator: events with 1-10 rewrites on
    look-alike sites, same-kind events sharing vocabulary."""
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("bench_cluster", BENCH / "cluster.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH))
    articles: list[Article] = module.corpus(size, seed)[0]
    return articles


def write_jsonl(articles: list[Article], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            record = article.as_dict()
            record.pop("id")
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path



@pytest.fixture(scope="session")
def corpus() -> Any:
    """:func:`generated`, for tests that need generated articles."""
    return generated


@pytest.fixture(scope="session")
def jsonl_writer() -> Any:
    return write_jsonl
