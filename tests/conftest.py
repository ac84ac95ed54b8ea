"""Fixtures shared by the suite: a fresh store of every backend for each test.

The PostgreSQL half runs when ``LAUNDERLENS_TEST_PG`` names a server where tests may
create schemas (``scripts/pg-test-server.sh`` starts one). Without it those tests skip,
except under ``CI=true``: there a skipped backend would hide its failures, so they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from launderlens.store import Store, open_store

if TYPE_CHECKING:
    from launderlens.demo import DemoResult

PG_ENV = "LAUNDERLENS_TEST_PG"


@pytest.fixture(scope="session")
def pg_url() -> str:
    """The base URL of the test PostgreSQL server."""
    url = os.environ.get(PG_ENV)
    if url:
        return url
    hint = (f"{PG_ENV} is not set; start a server with "
            f"`export {PG_ENV}=$(scripts/pg-test-server.sh | tail -n1)`")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must run the PostgreSQL tests, but {hint}")
    pytest.skip(f"PostgreSQL tests skipped: {hint}")


def with_search_path(url: str, schema: str) -> str:
    """``url`` with the connection's search_path set to ``schema`` (libpq ``options``)."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


def _pg_schema_url(base_url: str) -> Iterator[str]:
    """A URL whose tables land in a schema made for this test and dropped after it.

    A schema per test keeps tests apart without needing the right to create databases.
    """
    import psycopg
    from psycopg import sql

    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield with_search_path(base_url, schema)
    finally:
        with psycopg.connect(base_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ]
)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database of each backend (the SQLite file's folder is new)."""
    if request.param == "sqlite":
        yield str(tmp_path / "not" / "yet" / "there" / "launderlens.db")
    else:
        yield from _pg_schema_url(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An open store on :func:`store_url`, closed after the test."""
    with open_store(store_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite file holding the demo corpus, clustered into stories and analysed (the web
    and browser tests have their own, which also keep what the demo made of it)."""
    from launderlens.demo import run_demo

    path = str(tmp_path_factory.mktemp("demo") / "demo.db")
    with open_store(path) as store:
        run_demo(store, semantic=False)
    return path


@pytest.fixture(scope="session")
def demo() -> Iterator[DemoResult]:
    """The demo corpus ingested, clustered and analysed in memory, once per session (the web
    tests override it with theirs, kept in a file)."""
    from launderlens.demo import run_demo

    store = open_store(":memory:")
    try:
        yield run_demo(store, semantic=False)
    finally:
        store.close()
