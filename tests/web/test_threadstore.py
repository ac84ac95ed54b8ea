"""The store behind one thread: callable from any thread (SQLite would refuse), iterators
streamed in batches, and a clear error after close."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from launderlens.errors import StoreError
from launderlens.ingest.segment import segment
from launderlens.model import Article
from launderlens.store import Store, open_store
from launderlens.web import threadstore
from launderlens.web.threadstore import open_thread_bound


def test_calls_from_many_threads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threadstore, "STREAM_BATCH", 3)
    store = open_thread_bound(str(tmp_path / "t.db"))
    try:
        assert isinstance(store, Store)
        articles = [Article.create(f"Sentence number {n}. Another one.", outlet=f"o{n}")
                    for n in range(10)]
        store.add_articles([(a, segment(a)) for a in articles])

        def read(n: int) -> int:
            return store.count_articles() + len(store.sentences(articles[n].id))

        with ThreadPoolExecutor(4) as pool:
            assert set(pool.map(read, range(10))) == {12}
        assert sorted(a.id for a in store.iter_articles()) == sorted(a.id for a in articles)
        assert store.schema_version >= 3
        assert store.url.endswith("t.db")
    finally:
        store.close()
    with pytest.raises(StoreError, match="closed"):
        store.count_articles()
    store.close()  # twice is harmless


def test_memory_store_is_one_database() -> None:
    with open_store(":memory:") as plain:
        assert plain.count_articles() == 0
    store = open_thread_bound(":memory:")
    try:
        article = Article.create("One sentence here.")
        store.add_articles([(article, segment(article))])
        with ThreadPoolExecutor(2) as pool:
            assert list(pool.map(lambda _: store.count_articles(), range(4))) == [1] * 4
    finally:
        store.close()


def test_an_app_over_a_seeded_memory_store(tmp_path: Path) -> None:
    """``create_app(builder=...)``: a test builds the services its own way, here over one
    in-memory store that the demo fills through the thread-bound proxy."""
    from fastapi.testclient import TestClient

    from launderlens.demo import run_demo
    from launderlens.web import Settings, create_app
    from launderlens.web.services import Services, build_services

    def builder(settings: Settings) -> Services:
        services = build_services(settings)
        run_demo(services.store, semantic=False)
        return services

    settings = Settings(db=":memory:", semantic=False, kb_dir=tmp_path / "no-user-kb")
    with TestClient(create_app(settings, builder=builder)) as client:
        assert len(client.get("/api/articles").json()["articles"]) == 9
        assert client.get("/api/stories").json()["stories"]
