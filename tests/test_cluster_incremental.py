"""StoryIndex.add equals a re-cluster of the same articles, and the index survives a save.

The property: however the articles arrive in batches, the stories after the last ``add``
are those that merging every article again from single articles (``remerge``: the same
rows, the same candidate pairs) gives. Greedy group-average merging depends on order, so
an ``add`` that only continued the earlier merges would fail it.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from launderlens.model import Article
from launderlens.rewrites.cluster import StoryIndex
from launderlens.rewrites.index_state import write_format_1
from launderlens.rewrites.index_store import IndexFileError, load_index, save_index

from .test_cluster import _demo_articles

COMMON = ["the", "officials", "said", "on", "that", "week", "was", "new", "talks", "would",
          "after", "meeting", "report", "city", "plans", "for", "their", "with", "from",
          "about", "more", "than", "people", "government", "group", "local"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)).title()


def _corpus(seed: int, events: int, size: int) -> list[Article]:
    """Articles about ``events`` events that share some of their names with each other,
    so that stories sit near the threshold and merges compete."""
    rng = random.Random(seed)
    pool = [_name(rng) for _ in range(events * 3)]
    anchors = [[*rng.sample(pool, 4), str(rng.randint(10, 999))] for _ in range(events)]
    start = datetime(2026, 3, 1, tzinfo=UTC)
    articles = []
    for number in range(size):
        event = anchors[rng.randrange(events)]
        sentences = []
        for _ in range(rng.randint(2, 5)):
            words = rng.sample(COMMON, 6)
            names = rng.sample(event, rng.randint(1, 3))
            sentences.append(" ".join([words[0].title(), *words[1:3], *names, *words[3:]]) + ".")
        articles.append(Article.create(" ".join(sentences), title=None,
                                       outlet=f"site{number % 7}",
                                       published=start + timedelta(hours=rng.randint(0, 96))))
    return articles


def _partition(index: StoryIndex) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for ident, label in zip(index.ids_, index.labels_.tolist(), strict=True):
        groups.setdefault(label, set()).add(ident)
    return {frozenset(g) for g in groups.values()}


def _stories(index: StoryIndex) -> set[tuple[frozenset[str], str, str]]:
    return {(frozenset(s.members), s.origin, s.origin_reason) for s in index.stories_}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), events=st.integers(2, 6), size=st.integers(6, 40),
       cuts=st.lists(st.floats(0.05, 0.95), min_size=1, max_size=3),
       threshold=st.sampled_from([0.15, 0.22, 0.3]))
def test_adding_in_batches_equals_merging_everything_again(
        seed: int, events: int, size: int, cuts: list[float], threshold: float) -> None:
    articles = _corpus(seed, events, size)
    bounds = sorted({int(c * size) for c in cuts} - {0})
    batches = [articles[a:b] for a, b in zip([0, *bounds], [*bounds, size], strict=True)]
    index = StoryIndex(backends=["lexical"], threshold=threshold).fit(batches[0])
    for batch in batches[1:]:
        before = _stories(index)
        index.add(batch)
        # The stories add rebuilt, and the ones it kept as they were, make up all of them.
        changed = {(frozenset(s.members), s.origin, s.origin_reason)
                   for s in index.changed_stories()}
        assert changed | (before & _stories(index)) == _stories(index)
        assert {i for s in changed for i in s[0]} >= {a.id for a in batch}
    incremental, stories = _partition(index), _stories(index)
    index.remerge()
    assert _partition(index) == incremental
    assert _stories(index) == stories


def test_components_name_their_first_row_and_cover_every_story() -> None:
    index = StoryIndex(backends=["lexical"], threshold=0.15).fit(_corpus(7, 3, 30)[:15])
    index.add(_corpus(7, 3, 30)[15:])
    for label in np.unique(index.labels_).tolist():
        rows = np.flatnonzero(index.labels_ == label)
        # A story never spans two components: merging follows the candidate pairs.
        assert len(np.unique(index.components_[rows])) == 1
    for component in np.unique(index.components_).tolist():
        assert component == int(np.flatnonzero(index.components_ == component).min())


@pytest.mark.parametrize("split", [2, 4, 6, 8])
def test_demo_corpus_in_two_batches_gives_the_stories_of_one_fit(split: int) -> None:
    everything = [a for group in _demo_articles().values() for a in group]
    rng = random.Random(split)
    rng.shuffle(everything)
    whole = StoryIndex(backends=["lexical"]).fit(everything)
    index = StoryIndex(backends=["lexical"]).fit(everything[:split])
    index.add(everything[split:])
    assert _stories(index) == _stories(whole)
    assert any(len(s.members) > 1 for s in index.stories_)


def test_a_saved_index_adds_as_the_one_in_memory(tmp_path: Path) -> None:
    articles = _corpus(11, 4, 40)
    kept = StoryIndex(backends=["lexical"], threshold=0.2).fit(articles[:25])
    save_index(kept, tmp_path / "index")
    texts = {a.id: a.text for a in articles}
    asked: list[str] = []

    def text_source(ids: list[str]) -> dict[str, str]:
        asked.extend(ids)
        return {i: texts[i] for i in ids}

    restored = load_index(tmp_path / "index", text_source=text_source)
    assert restored.ids_ == kept.ids_
    kept.add(articles[25:])
    restored.add(articles[25:])
    assert _partition(restored) == _partition(kept)
    assert _stories(restored) == _stories(kept)
    # Texts are read back only for the restored members of stories of several articles.
    in_stories = {m for s in kept.stories_ if len(s.members) > 1 for m in s.members}
    assert set(asked) <= in_stories & set(kept.ids_[:25])
    save_index(restored, tmp_path / "index")
    again = load_index(tmp_path / "index")
    assert _partition(again) == _partition(kept)


def test_a_damaged_or_foreign_index_is_refused(tmp_path: Path) -> None:
    index = StoryIndex(backends=["lexical"]).fit(_corpus(3, 2, 10))
    folder = save_index(index, tmp_path / "index")
    [segment] = folder.glob("seg-*.npz")
    with segment.open("r+b") as handle:
        handle.seek(200)
        handle.write(b"\x00\x01\x02")
    with pytest.raises(IndexFileError, match="checksum"):
        load_index(folder)
    save_index(index, folder, full=True)
    meta = json.loads((folder / "manifest.json").read_text("utf-8"))
    (folder / "manifest.json").write_text(json.dumps({**meta, "format": "other/9"}), "utf-8")
    with pytest.raises(IndexFileError, match="format"):
        load_index(folder)
    with pytest.raises(IndexFileError):
        load_index(tmp_path / "missing")


class WordHashEncoder:
    """A deterministic stand-in for a sentence model: hashed bag of words, unit length."""

    def __init__(self, name: str = "word-hash-test", dimension: int = 64) -> None:
        self.name, self.dimension = name, dimension

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                digest = int.from_bytes(word.encode("utf-8")[:8].ljust(8, b"\0"), "little")
                out[row, digest % self.dimension] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


def test_a_semantic_index_saves_its_vectors_and_needs_the_same_encoder(tmp_path: Path) -> None:
    articles = _corpus(5, 3, 30)
    params = {"semantic": {"encoder": WordHashEncoder()}}
    kept = StoryIndex(backends=["lexical", "semantic"], backend_params=params)
    kept.fit(articles[:20])
    save_index(kept, tmp_path / "index")
    with pytest.raises(IndexFileError, match="encoder"):
        load_index(tmp_path / "index")
    with pytest.raises(IndexFileError, match="encoder"):
        load_index(tmp_path / "index", encoder=WordHashEncoder(name="another"))
    restored = load_index(tmp_path / "index", encoder=WordHashEncoder())
    kept.add(articles[20:])
    restored.add(articles[20:])
    assert _partition(restored) == _partition(kept)
    assert restored.weights == kept.weights and restored.threshold == kept.threshold


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), size=st.integers(12, 40), batches=st.integers(2, 4),
       show=st.booleans())
def test_a_restored_index_grows_as_the_one_in_memory_over_several_adds(
        seed: int, size: int, batches: int, show: bool) -> None:
    import tempfile

    articles = _corpus(seed, 3, size)
    step = max(1, size // (batches + 1))
    kept = StoryIndex(backends=["lexical"], threshold=0.15).fit(articles[:step])
    with tempfile.TemporaryDirectory() as folder:
        save_index(kept, folder)
        restored = load_index(folder)
    if show:
        assert _stories(restored) == _stories(kept)  # builds the restored stories first
    for start in range(step, size, step):
        kept.add(articles[start:start + step])
        restored.add(articles[start:start + step])
        assert _partition(restored) == _partition(kept)
    restored.remerge()
    assert _partition(restored) == _partition(kept)


def test_adds_merge_only_the_stories_around_the_new_articles_and_equal_a_remerge() -> None:
    # Many small adds into corpora of many near-threshold events: most adds merge again
    # fewer rows than their whole component, some must widen the region to the stories
    # around it, and after every add the stories equal merging everything again.
    local = widened = 0
    for seed in range(8):
        rng = random.Random(seed)
        size = rng.randint(80, 150)
        articles = _corpus(seed, rng.randint(8, 25), size)
        index = StoryIndex(backends=["lexical"], threshold=rng.choice([0.15, 0.22])).fit(
            articles[: size // 2])
        for start in range(size // 2, size, 6):
            index.add(articles[start:start + 6])
            component = np.isin(index.components_,
                                index.components_[start:start + 6]).sum()
            local += len(index.changed_rows_) < component
            widened += index.widened_
            labels = index.labels_.copy()
            check = StoryIndex(backends=["lexical"], threshold=index.threshold)
            check.__dict__.update(index.__dict__)
            check.labels_, check._groups = labels.copy(), {}
            check._story_cache, check._members = {}, {}
            check._known = index._known.copy()
            check.remerge()
            assert _partition(check) == _partition(index)
    assert local > 30 and widened > 0


def test_an_index_saved_without_its_joins_merges_whole_components_until_it_has_them(
        tmp_path: Path) -> None:
    articles = _corpus(5, 4, 60)
    kept = StoryIndex(backends=["lexical"], threshold=0.15).fit(articles[:40])
    old = _without_joins(kept, tmp_path / "index")
    assert not old._known.any()
    old.add(articles[40:50])
    kept.add(articles[40:50])
    assert _partition(old) == _partition(kept)
    whole = np.isin(old.components_, old.components_[40:50])
    assert old.changed_rows_.tolist() == np.flatnonzero(whole).tolist()
    assert old._known[whole].all()


def _without_joins(index: StoryIndex, folder: Path) -> StoryIndex:
    """``index`` saved as an index of the format before joins were kept, and loaded."""
    import hashlib

    write_format_1(index, folder)
    with np.load(folder / "index.npz") as npz:
        arrays = {name: npz[name] for name in npz.files if not name.startswith("join_")}
    np.savez(folder / "index.npz", **arrays)
    meta = json.loads((folder / "index.json").read_text("utf-8"))
    meta["arrays_sha256"] = hashlib.sha256((folder / "index.npz").read_bytes()).hexdigest()
    (folder / "index.json").write_text(json.dumps(meta), "utf-8")
    return load_index(folder)


def test_an_old_index_replays_once_the_touched_components_are_known(tmp_path: Path) -> None:
    articles = _corpus(5, 4, 60)
    lone = Article.create("Glacier moss samples from a remote valley were catalogued by "
                          "volunteers over a quiet weekend.", title="Moss survey",
                          published=articles[0].published)
    kept = StoryIndex(backends=["lexical"], threshold=0.15).fit([lone, *articles[:40]])
    old = _without_joins(kept, tmp_path / "index")
    old.add(articles[40:50])
    kept.add(articles[40:50])
    calls: list[int] = []
    replay = old._remerge_around

    def counted(*args: Any) -> np.ndarray:
        calls.append(1)
        return replay(*args)

    old._remerge_around = counted  # type: ignore[method-assign]
    known_before = old._known.copy()
    old.add(articles[50:60])
    kept.add(articles[50:60])
    assert _partition(old) == _partition(kept)
    touched = np.flatnonzero(np.isin(old.components_, old.components_[-10:]))[:-10]
    # The case under test: the touched components are known, an untouched row is not.
    assert known_before[touched].all() and not known_before.all()
    assert calls == [1]


def test_saved_joins_and_postings_that_name_no_indexed_row_are_refused(tmp_path: Path) -> None:
    import hashlib

    index = StoryIndex(backends=["lexical"], threshold=0.15).fit(_corpus(3, 4, 40))
    write_format_1(index, tmp_path / "index")
    with np.load(tmp_path / "index" / "index.npz") as npz:
        saved = {name: npz[name] for name in npz.files}
    assert len(saved["join_low"]) > 1
    damages = {
        "join_score": saved["join_score"][:-1],  # one score short
        "join_low": np.r_[-1, saved["join_low"][1:]],  # numpy would wrap -1 round
    }
    for name, damaged in damages.items():
        np.savez(tmp_path / "index" / "index.npz", **{**saved, name: damaged})
        meta = json.loads((tmp_path / "index" / "index.json").read_text("utf-8"))
        meta["arrays_sha256"] = hashlib.sha256(
            (tmp_path / "index" / "index.npz").read_bytes()).hexdigest()
        (tmp_path / "index" / "index.json").write_text(json.dumps(meta), "utf-8")
        with pytest.raises(IndexFileError, match="joins"):
            load_index(tmp_path / "index")
