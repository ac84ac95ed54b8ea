"""The store's bulk save of analyses, which a Spark load uses (many analyses to a
transaction instead of one each), keeps what one-at-a-time saving keeps and refuses what
it refuses, the others in the batch saved all the same: on every store backend."""

from __future__ import annotations

from datetime import UTC, datetime

from launderlens.findings import Evidence, Finding
from launderlens.ingest.segment import segment
from launderlens.model import Article
from launderlens.store import Store
from launderlens.store.analyses import KEEP_PER_ARTICLE


def _finding(kind: str = "vague_attribution", confidence: float = 0.25) -> Finding:
    return Finding(kind, "medium", confidence, "vague source", 0, 2, 9,  # type: ignore[arg-type]
                   (Evidence("computation", "a detail", None),))


def _articles(store: Store, count: int) -> list[Article]:
    made = [Article.create(f"Officials in Town {n} said on Monday that {n} roads were shut.",
                           title=f"Roads {n}", outlet="Wire",
                           published=datetime(2025, 1, 1 + n, tzinfo=UTC))
            for n in range(count)]
    store.add_articles([(a, segment(a)) for a in made])
    return made


def test_bulk_save_equals_single_saves_and_skips_only_the_bad_ones(store: Store) -> None:
    first, second, third = _articles(store, 3)
    outcome = store.save_analyses([
        (first.id, "k", {"kb": 1}, {"n": 1}, [_finding(), _finding("known_narrative", .9)]),
        ("0" * 16, "k", {}, {"n": 0}, []),                      # not stored
        (second.id, "k", {}, {"x": float("nan")}, []),          # not JSON
        (third.id, "k", {}, {"n": 3}, [_finding(confidence=float("inf"))]),
        (second.id, "k", {}, {"n": 2}, [_finding()]),
        (third.id, "", {}, {"n": 3}, []),                       # no key
    ])
    assert outcome[0] is None and outcome[4] is None
    assert all(why for why in (outcome[1], outcome[2], outcome[3], outcome[5]))
    assert "not stored" in str(outcome[1])
    assert store.count_analyses() == 2
    loaded = store.load_analysis(first.id, "k")
    assert loaded is not None and (loaded.payload, loaded.params) == ({"n": 1}, {"kb": 1})
    assert [f.finding for f in store.find_findings(article_id=first.id)] == [
        _finding(), _finding("known_narrative", .9)]
    # saving again replaces
    assert store.save_analyses([(first.id, "k", {}, {"n": 9}, [])]) == [None]
    again = store.load_analysis(first.id, "k")
    assert again is not None and again.payload == {"n": 9}
    assert store.find_findings(article_id=first.id, params_key="k") == []
    # and keys beyond the limit go in the order saved, as when saved one at a time
    keys = ["k", *(f"k{n}" for n in range(KEEP_PER_ARTICLE))]
    store.save_analyses([(first.id, key, {}, {"n": 9}, []) for key in keys])
    for key in keys:
        store.save_analysis(second.id, key, {}, {"n": 9}, [])

    def kept(article: Article) -> list[str]:
        return [key for key in keys if store.load_analysis(article.id, key) is not None]

    assert kept(first) == kept(second) == keys[1:]
    assert store.count_analyses() == 2 * KEEP_PER_ARTICLE
    assert store.save_analyses([]) == []
