"""Fixtures for the web tests: the demo corpus ingested, clustered and analysed once per
session into a SQLite file, a fresh copy of it per app, and apps with test clients.

Everything runs without sentence embeddings (``semantic=False``): loading the model takes
longer than the whole web suite.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from launderlens.demo import DemoResult, run_demo
from launderlens.store import open_store
from launderlens.web import Settings, create_app

#: Long enough for the tests; rules allow 16 characters and more.
TOKEN = "s3cret-token-for-tests-only"

AppClient = Callable[..., TestClient]


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoResult]:
    """The demo store on disk (closed), and what the demo made of it."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with open_store(str(path)) as store:
        result = run_demo(store, semantic=False)
    return path, result


@pytest.fixture
def db_copy(demo_db: tuple[Path, DemoResult], tmp_path: Path) -> Path:
    """A copy of the demo store that this test may change."""
    path = tmp_path / "web.db"
    shutil.copyfile(demo_db[0], path)
    return path


def settings_for(db: Path, tmp: Path, **values: Any) -> Settings:
    # An empty KB folder of our own: the machine's user KB must not change results.
    values.setdefault("kb_dir", tmp / "no-user-kb")
    values.setdefault("semantic", False)
    return Settings(db=str(db), **values)


@pytest.fixture
def make_client(db_copy: Path, tmp_path: Path) -> Iterator[AppClient]:
    """``make_client(**settings)``: a started TestClient over the copied demo store."""
    opened: list[TestClient] = []

    def make(*, raise_server_exceptions: bool = True, **values: Any) -> TestClient:
        app = create_app(settings_for(db_copy, tmp_path, **values))
        client = TestClient(app, raise_server_exceptions=raise_server_exceptions)
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: AppClient) -> TestClient:
    return make_client()


@pytest.fixture(scope="module")
def shared_client(demo_db: tuple[Path, DemoResult],
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One client per module over its own copy, for tests that only read."""
    folder = tmp_path_factory.mktemp("shared")
    path = folder / "web.db"
    shutil.copyfile(demo_db[0], path)
    with TestClient(create_app(settings_for(path, folder))) as opened:
        yield opened


@pytest.fixture
def demo(demo_db: tuple[Path, DemoResult]) -> DemoResult:
    return demo_db[1]


def assert_documented(client: TestClient, method: str, template: str, response: Any) -> None:
    """``response`` (an httpx response) matches what /openapi.json says ``method
    template`` answers with its status."""
    import jsonschema

    doc = client.get("/openapi.json").json()
    answers = doc["paths"][template][method.lower()]["responses"]
    documented = answers.get(str(response.status_code))
    assert documented is not None, f"{response.status_code} is not documented for {template}"
    schema = documented["content"]["application/json"]["schema"]
    jsonschema.Draft202012Validator({**schema, "components": doc["components"]}).validate(
        response.json())


@pytest.fixture
def documented() -> Callable[[TestClient, str, str, Any], None]:
    """:func:`assert_documented` (test modules cannot import the conftest under
    ``--import-mode=importlib``)."""
    return assert_documented
