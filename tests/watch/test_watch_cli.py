"""The ``watch`` and ``cluster --incremental`` commands."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from launderlens.cli.main import main
from launderlens.rewrites.incremental import cluster_incremental
from launderlens.store import open_store

from .test_watch_cycle import COPY, ORIGIN, OTHER, Site, _feed
from .test_watch_cycle import site as site


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "200", **(env or {})}).invoke(
        main, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[str]:
    yield str(tmp_path / "cli.db")


@pytest.mark.network
def test_watch_once_ingests_alerts_and_writes_the_jsonl(site: str, db: str,
                                                        tmp_path: Path) -> None:
    feed = f"{site}/feed.xml"
    jsonl = tmp_path / "alerts.jsonl"
    Site.feed = _feed([("origin", *ORIGIN), ("council", *OTHER)])
    first = run("watch", feed, "--once", "--allow-private", "--delay", "0", "--no-analyze",
                "--no-semantic",
                "--alerts-jsonl", str(jsonl), "--db", db, "--json")
    assert first.exit_code == 0, first.output
    assert len(json.loads(first.output)["stored"]) == 2
    Site.feed = _feed([("origin", *ORIGIN), ("council", *OTHER), ("copy", *COPY)])
    second = run("watch", feed, "--once", "--allow-private", "--delay", "0", "--no-analyze",
                 "--no-semantic",
                 "--alerts-jsonl", str(jsonl), "--db", db)
    assert second.exit_code == 0, second.output
    assert "ALERT new_copy" in second.output and "clustering incremental" in second.output
    lines = jsonl.read_text("utf-8").splitlines()
    assert [json.loads(line)["kind"] for line in lines] == ["new_copy"]


def test_watch_refuses_a_webhook_without_a_secret(db: str) -> None:
    result = run("watch", "https://a.example/feed", "--once", "--webhook",
                 "https://hooks.example/x", "--db", db)
    assert result.exit_code == 2 and "--webhook-secret-env" in result.output
    result = run("watch", "https://a.example/feed", "--once", "--webhook",
                 "https://hooks.example/x", "--webhook-secret-env", "LL_TEST_UNSET_SECRET",
                 "--db", db, env={"LL_TEST_UNSET_SECRET": ""})
    assert result.exit_code == 2 and "LL_TEST_UNSET_SECRET" in result.output


def test_cluster_incremental_adds_and_says_when_it_clusters_everything(
        db: str, tmp_path: Path) -> None:
    from launderlens.ingest import ingest
    from launderlens.ingest.readers import Source

    def add(*items: tuple[str, str]) -> None:
        with open_store(db) as store:
            sources = [Source.from_bytes(f"{title}.txt", f"{title}\n\n{text}".encode())
                       for title, text in items]
            ingest(sources, store, workers=0)

    add(ORIGIN, OTHER, (*OTHER[:1], "A third, unrelated note on the weather in town."))
    first = run("cluster", "--incremental", "--no-semantic", "--db", db, "--json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["clustering"].startswith("full: no saved story index")
    assert Path(db + ".story-index", "manifest.json").exists()
    add(COPY)
    second = json.loads(run("cluster", "--incremental", "--no-semantic", "--db", db,
                            "--json").output)
    assert second["clustering"].startswith("incremental: 1 new articles")
    grown = [s for s in second["stories"] if len(s["articles"]) == 2]
    assert len(grown) == 1
    # The stories equal those of a full re-cluster of the same store.
    full = json.loads(run("cluster", "--no-semantic", "--db", db, "--json").output)
    assert sorted(sorted(s["articles"]) for s in full["stories"]) == \
        sorted(sorted(s["articles"]) for s in second["stories"])
    other = json.loads(run("cluster", "--incremental", "--no-semantic", "--threshold", "0.5",
                           "--db", db, "--json").output)
    assert other["clustering"] == "full: other clustering parameters than the saved index's"


def test_incremental_clustering_relearns_when_the_collection_has_grown(db: str) -> None:
    from launderlens.ingest import ingest
    from launderlens.ingest.readers import Source

    with open_store(db) as store:
        ingest([Source.from_bytes("a.txt", f"{ORIGIN[0]}\n\n{ORIGIN[1]}".encode())], store,
               workers=0)
        assert cluster_incremental(store, semantic=False).mode == "full"
        ingest([Source.from_bytes("b.txt", f"{COPY[0]}\n\n{COPY[1]}".encode())], store,
               workers=0)
        grown = cluster_incremental(store, semantic=False, refit_growth=0.5)
        assert grown.mode == "full" and "grown past 1.5 times" in grown.reason
        assert cluster_incremental(store, semantic=False).mode == "incremental"


def test_cluster_incremental_needs_a_folder_for_a_store_without_a_file() -> None:
    result = run("cluster", "--incremental", "--no-semantic", "--db", ":memory:")
    assert result.exit_code == 2 and "--index DIR" in result.output
    assert run("cluster", "--index", "x", "--db", ":memory:").exit_code == 2


def test_watch_needs_a_folder_for_a_store_without_a_file() -> None:
    result = run("watch", "https://a.example/feed", "--once", "--db", ":memory:")
    assert result.exit_code == 2 and "--index DIR" in result.output


def test_stories_a_plain_cluster_wrote_are_all_replaced_by_the_next_incremental(
        db: str) -> None:
    from launderlens.ingest import ingest
    from launderlens.ingest.readers import Source

    def add(title: str, text: str) -> None:
        with open_store(db) as store:
            ingest([Source.from_bytes(f"{title}.txt", f"{title}\n\n{text}".encode())], store,
                   workers=0)

    add(*ORIGIN)
    add(*OTHER)
    assert run("cluster", "--incremental", "--no-semantic", "--db", db).exit_code == 0
    # A plain cluster at another threshold replaces every story with its own.
    assert run("cluster", "--no-semantic", "--threshold", "0.9", "--db", db).exit_code == 0
    add(*COPY)
    result = json.loads(run("cluster", "--incremental", "--no-semantic", "--db", db,
                            "--json").output)
    assert "stories of another clustering" in result["clustering"]
    with open_store(db) as store:
        assert store.count_stories_unlike('"clustering": "incremental"') == 0
        sizes = sorted(len(s.members) for s in store.list_stories())
    assert sizes == [1, 2]


def test_a_kept_index_is_used_again_until_another_run_writes_its_folder(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from launderlens.ingest import ingest
    from launderlens.ingest.readers import Source
    from launderlens.rewrites import incremental, index_store
    from launderlens.rewrites.index_store import load_index

    loads: list[str] = []

    def counted(folder: Path, **kwargs: object) -> object:
        loads.append(str(folder))
        return load_index(folder, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(incremental, "load_index", counted)
    monkeypatch.setattr(index_store, "DELTA_SHARE", 100.0)  # tiny indexes keep their deltas

    def segments() -> list[str]:
        manifest = json.loads(Path(db + ".story-index", "manifest.json").read_text("utf-8"))
        return [segment["kind"] for segment in manifest["segments"]]

    notes = [ORIGIN, OTHER, COPY, (OTHER[0], "The weather in town was mild again on Sunday."),
             (OTHER[0], "Bus routes in the old town change from Monday, the council said.")]
    with open_store(db) as store:
        def run_with(cache: incremental.IndexCache | None, *titles: int
                     ) -> incremental.IncrementalResult:
            ingest([Source.from_bytes(f"{n}.txt", f"{notes[n][0]}\n\n{notes[n][1]}".encode())
                    for n in titles], store, workers=0)
            return cluster_incremental(store, semantic=False, refit_growth=10, cache=cache)

        cache = incremental.IndexCache()
        assert run_with(cache, 0, 1).mode == "full"
        second = run_with(cache, 2)
        assert second.mode == "incremental" and loads == []  # kept in memory
        assert sorted(second.articles) == sorted(second.added)  # read once, handed on
        assert segments() == ["base", "delta"]  # the cycle saved what it added
        run_with(None, 3)  # another run writes the folder
        assert len(loads) == 1 and segments() == ["base", "delta", "delta"]
        fourth = run_with(cache, 4)
        assert fourth.mode == "incremental" and len(loads) == 2  # read again
        assert segments() == ["base", "delta", "delta", "delta"]
        assert fourth.earlier == set(store.article_ids()) - set(fourth.added)
        kept = fourth.index
        assert kept is not None and all(d.text == "" for d in kept.docs_)  # texts let go
        assert [s.members for s in kept.stories_] == \
            [s.members for s in load_index(Path(db + ".story-index")).stories_]
