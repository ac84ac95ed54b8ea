"""Stored analyses on every store backend: saved once per set of parameters, read back equal,
recomputed when the knowledge base or the options change, found by finding kind."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from launderlens.claims.analyze import Analysis, Analyzer
from launderlens.claims.stored import (
    StoredAnalyzer,
    analysis_from_json,
    analysis_to_json,
    params_key,
)
from launderlens.errors import ConfigError
from launderlens.findings import Evidence, Finding
from launderlens.ingest.segment import segment
from launderlens.model import Article
from launderlens.store import Store

DEMO = Path(__file__).resolve().parents[2] / "src" / "launderlens" / "demo_corpus"

TEXT = (
    "Defence ministers from 12 countries met in Warsaw on Tuesday, according to TASS. "
    "Investigative reports allege that officials siphoned aid money through shell "
    "companies. As the war enters its seventh year, the talks went on. "
    "As an AI language model, I cannot rewrite this paragraph."
)


def article(text: str = TEXT, **fields: Any) -> Article:
    fields.setdefault("outlet", "Northfield Wire")
    fields.setdefault("published", datetime(2025, 10, 14, 12, tzinfo=UTC))
    fields.setdefault("title", "Ministers meet in Warsaw")
    return Article.create(text, **fields)


def stored(store: Store, *items: Article) -> list[Article]:
    store.add_articles([(a, segment(a)) for a in items])
    return list(items)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(semantic=False)


class Counting:
    """An analyzer stand-in that counts the analyses it computes."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.inner = analyzer
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def analyze(self, item: Article, sentences: Any = None) -> Analysis:
        self.calls += 1
        return self.inner.analyze(item, sentences)


@pytest.fixture
def counting(analyzer: Analyzer) -> Iterator[Counting]:
    yield Counting(copy.copy(analyzer))


def runner(counting: Counting, store: Store) -> StoredAnalyzer:
    return StoredAnalyzer(counting, store)  # type: ignore[arg-type]


# -- the payload ------------------------------------------------------------------------

def test_an_analysis_reads_back_equal_through_json(analyzer: Analyzer) -> None:
    item = article()
    analysis = analyzer.analyze(item)
    assert analysis.findings and analysis.claims and analysis.attributions
    payload = json.loads(json.dumps(analysis_to_json(analysis)))
    again = analysis_from_json(item, payload)
    assert again == analysis
    assert again.as_dict() == analysis.as_dict()


def test_a_payload_of_another_format_or_with_spans_outside_the_text_is_refused(
        analyzer: Analyzer) -> None:
    item = article()
    payload = analysis_to_json(analyzer.analyze(item))
    with pytest.raises(ValueError, match="format"):
        analysis_from_json(item, {**payload, "format": 99})
    with pytest.raises(ValueError, match="outside"):
        analysis_from_json(item, {**payload, "sentences": [[0, 0, len(TEXT) + 5]]})
    with pytest.raises(ValueError):
        analysis_from_json(item, {**payload, "findings": [{"kind": "nonsense"}]})
    for broken in ([1, 2], {**payload, "claims": [[0, "x"]]}, {**payload, "findings": [[]]},
                   {**payload, "provenance": "abc"}, {**payload, "reference_date": 5}):
        with pytest.raises(ValueError):
            analysis_from_json(item, broken)  # type: ignore[arg-type]


def test_the_parameters_key_follows_every_parameter() -> None:
    base = {"kb": {"version": "a"}, "backends": {"claims": "cues"}}
    assert params_key(base) == params_key(dict(reversed(base.items())))
    assert params_key(base) != params_key({**base, "kb": {"version": "b"}})


# -- the store API ----------------------------------------------------------------------

def finding(kind: Any = "vague_attribution", confidence: float = 0.123456789) -> Finding:
    return Finding(kind, "medium", confidence, "vague source «x»", 1, 5, 30,
                   (Evidence("computation", "a detail", "https://example.test/a"),))


def test_save_load_and_find_findings(store: Store) -> None:
    first, second = stored(store, article(), article("Another text. Short.", title="B"))
    assert store.save_analysis(first.id, "k1", {"kb": "v1"}, {"x": [1.5, None]},
                               [finding(), finding("known_narrative", 0.9)])
    assert store.save_analysis(second.id, "k1", {"kb": "v1"}, {"y": 2}, [finding()])
    loaded = store.load_analysis(first.id, "k1")
    assert loaded is not None
    assert (loaded.payload, loaded.params) == ({"x": [1.5, None]}, {"kb": "v1"})
    assert loaded.created.tzinfo is not None
    assert store.load_analysis(first.id, "other") is None
    assert set(store.load_analyses([first.id, second.id, "nope"], "k1")) == {first.id, second.id}
    vague = store.find_findings(kind="vague_attribution")
    assert [(f.article_id, f.position) for f in vague] == sorted(
        [(first.id, 0), (second.id, 0)])
    assert vague[0].finding == finding()  # confidence not rounded, evidence kept
    assert [f.finding.kind for f in store.find_findings(article_id=first.id)] == [
        "vague_attribution", "known_narrative"]
    assert store.find_findings(kind="known_narrative", params_key="other") == []
    with pytest.raises(ConfigError, match="unknown finding kind"):
        store.find_findings(kind="nonsense")


def test_a_stored_finding_that_is_not_ours_is_skipped(store: Store) -> None:
    (item,) = stored(store, article())
    store.save_analysis(item.id, "k1", {}, {}, [finding(), finding("known_narrative")])
    with store._transaction() as cur:  # type: ignore[attr-defined]
        cur.execute(store._native(  # type: ignore[attr-defined]
            "UPDATE findings SET data = ? WHERE position = 0"), ('["planted"]',))
    assert [f.finding.kind for f in store.find_findings()] == ["known_narrative"]


def test_saving_again_under_a_key_replaces_the_analysis_and_its_findings(store: Store) -> None:
    (item,) = stored(store, article())
    store.save_analysis(item.id, "k1", {}, {"n": 1}, [finding(), finding()])
    store.save_analysis(item.id, "k1", {}, {"n": 2}, [finding("machine_residue")])
    assert store.count_analyses() == 1
    loaded = store.load_analysis(item.id, "k1")
    assert loaded is not None and loaded.payload == {"n": 2}
    assert [f.finding.kind for f in store.find_findings(article_id=item.id)] == [
        "machine_residue"]


def test_invalidate_by_article_and_by_key(store: Store) -> None:
    first, second = stored(store, article(), article("Another text. Short.", title="B"))
    for key in ("old", "new"):
        for item in (first, second):
            store.save_analysis(item.id, key, {}, {}, [finding()])
    assert store.count_analyses() == 4 and store.count_analyses("old") == 2
    assert store.invalidate_analyses(keep_key="new") == 2
    assert store.count_analyses("old") == 0 and store.find_findings(params_key="old") == []
    assert store.invalidate_analyses(article_ids=[first.id]) == 1
    assert store.invalidate_analyses(article_ids=[]) == 0
    assert [f.article_id for f in store.find_findings()] == [second.id]
    assert store.invalidate_analyses() == 1 and store.count_analyses() == 0


def test_only_the_latest_analyses_of_an_article_are_kept(store: Store) -> None:
    from launderlens.store.analyses import KEEP_PER_ARTICLE

    first, second = stored(store, article(), article("Another text. Short.", title="B"))
    store.save_analysis(second.id, "k0", {}, {}, [finding()])
    for n in range(KEEP_PER_ARTICLE + 2):
        store.save_analysis(first.id, f"k{n}", {}, {"n": n}, [finding()])
    kept = [n for n in range(KEEP_PER_ARTICLE + 2)
            if store.load_analysis(first.id, f"k{n}") is not None]
    assert kept == list(range(2, KEEP_PER_ARTICLE + 2))
    assert {f.params_key for f in store.find_findings(article_id=first.id)} == {
        f"k{n}" for n in kept}
    assert store.load_analysis(second.id, "k0") is not None  # other articles untouched


def test_only_a_stored_article_and_a_faithful_payload_are_saved(store: Store) -> None:
    (item,) = stored(store, article())
    with pytest.raises(ConfigError, match="not stored"):
        store.save_analysis("0" * 16, "k", {}, {}, [])
    assert not store.save_analysis(item.id, "k", {}, {"x": float("nan")}, [])
    assert not store.save_analysis(item.id, "k", {}, {"x": "lone \ud800 surrogate"}, [])
    assert not store.save_analysis(item.id, "k", {}, {"x": object()}, [])
    assert not store.save_analysis(item.id, "k", {}, {}, [finding(confidence=float("inf"))])
    assert store.count_analyses() == 0


# -- StoredAnalyzer ---------------------------------------------------------------------

def test_a_second_analysis_of_a_stored_article_is_read_from_the_store(
        store: Store, counting: Counting) -> None:
    items = stored(store, *(article(f"{TEXT} Item {n}.", title=f"T{n}") for n in range(3)))
    first = [runner(counting, store).analyze(a) for a in items]
    assert counting.calls == 3 and store.count_analyses() == 3
    again = runner(counting, store)
    second = [again.analyze(a) for a in items]
    assert counting.calls == 3 and (again.reused, again.computed) == (3, 0)
    assert second == first
    kinds = {f.kind for a in first for f in a.findings}
    assert {f.finding.kind for f in store.find_findings(params_key=again.key())} == kinds


def test_changing_the_knowledge_base_or_the_options_recomputes(
        store: Store, counting: Counting) -> None:
    (item,) = stored(store, article())
    runner(counting, store).analyze(item)
    runner(counting, store).analyze(item)
    assert counting.calls == 1
    kb = copy.copy(counting.inner.kb)
    kb.version = "edited-kb"
    counting.inner.kb = kb
    runner(counting, store).analyze(item)
    assert counting.calls == 2
    counting.inner.claim_model = str(DEMO / "README.md")  # stands for a model file
    key_with_model = runner(counting, store).key()
    counting.inner.claim_model = None
    assert key_with_model != runner(counting, store).key()
    counting.inner.technique_model = None
    from launderlens.claims.techniques.model import TechniqueModel

    counting.inner.technique_model = TechniqueModel(
        labels=("Loaded_Language",), classifier={}, class_bias=[0.0], tagger={},
        tagger_bias=-9.0)
    runner(counting, store).analyze(item)
    assert counting.calls == 3
    assert store.count_analyses() == 3  # one per set of parameters


def test_edited_analysis_code_recomputes(store: Store, counting: Counting,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import launderlens.claims.stored as stored_module

    (item,) = stored(store, article())
    assert len(stored_module.code_version()) == 16
    runner(counting, store).analyze(item)
    monkeypatch.setattr(stored_module, "code_version", lambda: "edited-stage")
    runner(counting, store).analyze(item)
    runner(counting, store).analyze(item)
    assert counting.calls == 2


def test_an_article_not_stored_as_given_is_analysed_and_not_saved(
        store: Store, counting: Counting) -> None:
    (item,) = stored(store, article())
    elsewhere = article("Not in the store. At all.", title="Absent")
    redated = replace(item, published=datetime(2031, 1, 1, tzinfo=UTC))
    run = runner(counting, store)
    run.analyze(elsewhere)
    run.analyze(redated)
    run.analyze(redated)
    assert counting.calls == 3 and store.count_analyses() == 0


def test_an_unreadable_stored_analysis_is_recomputed_and_replaced(
        store: Store, counting: Counting) -> None:
    (item,) = stored(store, article())
    run = runner(counting, store)
    store.save_analysis(item.id, run.key(), run.params(), {"format": 1, "sentences": "x"}, [])
    analysis = run.analyze(item)
    assert counting.calls == 1 and analysis.findings
    found = store.load_analysis(item.id, run.key())
    assert found is not None and found.payload == analysis_to_json(analysis)
