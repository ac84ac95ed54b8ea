"""Article search words on every store backend: the same articles for the same words, from
the full-text index (FTS5 in SQLite, a GIN tsvector index in PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from launderlens.errors import ConfigError
from launderlens.model import Article
from launderlens.store import Store
from launderlens.store.search import MAX_QUERY_WORDS, search_query, search_words

CORPUS = [
    ("Énergie talks in Rome", "Ministers met in Rome to discuss gas prices. Sanctions came up."),
    ("Helsinki ministerial", "Diplomats converged on Helsinki; the sanctions package grew."),
    ("Lake ice study", "The lake froze early this year, researchers in Ridgeway said."),
    ("Council budget", "Fenwick council passed its budget. No sanctions, no gas."),
    ("Kyiv aid", "Пакет помощи Киеву обсуждали в Хельсинки. Helsinki hosted the talks."),
]

#: Each query and the titles it must find, newest first (article n is published on day n).
EXPECTED = {
    "sanctions": ["Council budget", "Helsinki ministerial", "Énergie talks in Rome"],
    "SANCTIONS gas": ["Council budget", "Énergie talks in Rome"],
    "énergie": ["Énergie talks in Rome"],
    "energie": [],
    "sanction": [],  # words are not stemmed
    "helsinki": ["Kyiv aid", "Helsinki ministerial"],
    "хельсинки": ["Kyiv aid"],
    "lake, ice!": ["Lake ice study"],
    '"OR" NEAR(*)': [],  # FTS5 syntax is read as words
    "rome AND": [],  # every word is required, "and" included
    "   ": [],
}


@pytest.fixture
def searchable(store: Store) -> Store:
    articles = [Article.create(text, title=title, outlet="Example Wire",
                               published=datetime(2025, 3, n + 1, tzinfo=UTC))
                for n, (title, text) in enumerate(CORPUS)]
    store.add_articles([(a, []) for a in articles])
    return store


@pytest.mark.parametrize("words", list(EXPECTED))
def test_the_same_words_find_the_same_articles(searchable: Store, words: str) -> None:
    found = [a.title for a in searchable.search_articles(words)]
    assert found == EXPECTED[words]


def test_search_pages_and_checks_its_bounds(searchable: Store) -> None:
    assert [a.title for a in searchable.search_articles("sanctions", limit=1, offset=1)] == [
        "Helsinki ministerial"]
    with pytest.raises(ConfigError):
        searchable.search_articles("sanctions", limit=-1)


def test_a_deleted_article_leaves_the_index(searchable: Store) -> None:
    internals = searchable
    target = searchable.search_articles("ridgeway")[0]
    with internals._transaction() as cur:  # type: ignore[attr-defined]
        cur.execute(internals._native("DELETE FROM articles WHERE id = ?"),  # type: ignore[attr-defined]
                    (target.id,))
    assert searchable.search_articles("ridgeway") == []
    assert len(searchable.search_articles("sanctions")) == 3


def test_only_the_first_100000_characters_are_indexed(store: Store) -> None:
    text = "word " * 20_001 + "needle."
    store.add_articles([(Article.create(text, title="Long", outlet="X"), [])])
    assert store.search_articles("needle") == []
    assert [a.title for a in store.search_articles("word")] == ["Long"]


def test_query_words_are_lowered_once_each_and_capped() -> None:
    assert search_words("Gas, GAS and_more 3.5%") == ["gas", "and", "more", "3", "5"]
    assert len(search_words(" ".join(f"w{n}" for n in range(100)))) == MAX_QUERY_WORDS
    assert search_query("sqlite", "!!!") is None
    condition, match = search_query("sqlite", 'say "hi"') or ("", "")
    assert match == '"say" "hi"' and "MATCH ?" in condition


def test_the_articles_command_searches(demo_db: str) -> None:
    import json

    from click.testing import CliRunner

    from launderlens.cli import main

    def titles(*args: str) -> list[str]:
        result = CliRunner().invoke(main, ["articles", "--db", demo_db, "--json", *args],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return [row["title"] for row in json.loads(result.stdout)]

    everything = titles("--limit", "100")
    helsinki = titles("--search", "HELSINKI")
    assert helsinki and set(helsinki) < set(everything)
    assert titles("--search", "helsinki lake") == []
    assert titles("--search", "!!!") == []
