"""The demo corpus shipped in the package: well-formed, with the roles and signals it promises.

Each file's front matter carries ``demo_role`` (origin, copy, related, unrelated), the
answer key that these tests and the demo check against; the README beside the files says
which sentences carry which signal.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

REQUIRED_KEYS = frozenset(
    ["outlet", "domain", "url", "published", "title", "section", "language", "demo_role"]
)
ROLES = {"origin", "copy", "related", "unrelated"}
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)
WORD = re.compile(r"[a-z0-9']+")
# The check run before a session ends forbids this many consecutive words of the field examples.
COPIED_RUN = 9


@dataclass(frozen=True)
class DemoFile:
    name: str
    meta: dict[str, Any]
    body: str

    @property
    def role(self) -> str:
        return str(self.meta["demo_role"])

    @property
    def published(self) -> datetime:
        value = self.meta["published"]
        return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def corpus_dir() -> Traversable:
    return files("launderlens") / "demo_corpus"


def load(entry: Traversable) -> DemoFile:
    text = entry.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    assert match, f"{entry.name}: no front matter between --- lines"
    meta = yaml.safe_load(match.group(1))
    assert isinstance(meta, dict), f"{entry.name}: front matter is not a mapping"
    return DemoFile(entry.name, meta, match.group(2))


@pytest.fixture(scope="module")
def corpus() -> list[DemoFile]:
    entries = sorted(
        (e for e in corpus_dir().iterdir() if e.name.endswith(".txt")), key=lambda e: e.name
    )
    return [load(e) for e in entries]


def by_role(corpus: list[DemoFile], role: str) -> list[DemoFile]:
    return [f for f in corpus if f.role == role]


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def test_corpus_has_enough_articles(corpus: list[DemoFile]) -> None:
    assert len(corpus) >= 9


def test_front_matter_is_complete(corpus: list[DemoFile]) -> None:
    for f in corpus:
        missing = REQUIRED_KEYS - f.meta.keys()
        assert not missing, f"{f.name}: missing {sorted(missing)}"
        assert f.role in ROLES, f"{f.name}: demo_role {f.role!r} not in {sorted(ROLES)}"
        assert f.meta["language"] == "en"
        assert f.name.split("_")[1] == f.role, f"{f.name}: file name does not match its role"


def test_published_is_timezone_aware(corpus: list[DemoFile]) -> None:
    for f in corpus:
        assert f.published.utcoffset() is not None, f"{f.name}: published has no offset"


def test_urls_match_domains_and_invented_outlets_are_reserved(corpus: list[DemoFile]) -> None:
    for f in corpus:
        host = urlsplit(f.meta["url"]).hostname
        assert host == f.meta["domain"], f"{f.name}: url host {host} != domain"
        if f.role != "origin":
            assert host.endswith(".example"), f"{f.name}: invented outlet off .example"


def test_bodies_are_paragraphs(corpus: list[DemoFile]) -> None:
    for f in corpus:
        paragraphs = [p for p in f.body.split("\n\n") if p.strip()]
        assert len(paragraphs) >= 5, f"{f.name}: expected paragraphs separated by blank lines"
        broken = [p for p in paragraphs if "\n" in p.strip()]
        assert not broken, f"{f.name}: line break inside a paragraph"


def test_exactly_one_origin_from_tass(corpus: list[DemoFile]) -> None:
    origins = by_role(corpus, "origin")
    assert len(origins) == 1
    origin = origins[0]
    assert origin.meta["outlet"] == "TASS"
    assert 250 <= len(words(origin.body)) <= 450


def test_copies_follow_the_origin(corpus: list[DemoFile]) -> None:
    origin = by_role(corpus, "origin")[0]
    copies = by_role(corpus, "copy")
    assert len(copies) >= 3
    for c in copies:
        assert c.published > origin.published, f"{c.name} is not later than the origin"
        assert 300 <= len(words(c.body)) <= 600, f"{c.name}: length outside 300-600 words"
    assert len({c.meta["outlet"] for c in copies}) == len(copies), "copies share an outlet"


def test_exactly_one_copy_names_the_origin(corpus: list[DemoFile]) -> None:
    naming = [c.name for c in by_role(corpus, "copy") if "TASS" in c.body]
    hiding = [c.name for c in by_role(corpus, "copy") if "TASS" not in c.body]
    assert len(naming) == 1, naming
    assert hiding


def test_related_and_unrelated_counts(corpus: list[DemoFile]) -> None:
    counts = Counter(f.role for f in corpus)
    assert counts["related"] >= 2
    assert counts["unrelated"] >= 2


def test_readme_describes_every_file(corpus: list[DemoFile]) -> None:
    readme = (corpus_dir() / "README.md").read_text(encoding="utf-8")
    assert "fictional" in readme.lower()
    for f in corpus:
        assert f.name in readme, f"README.md does not describe {f.name}"


def field_runs() -> set[tuple[str, ...]]:
    shared = Path(__file__).resolve().parents[1].parent / "shared"
    field = shared / "field"
    texts = sorted(field.glob("*.txt")) if field.is_dir() else []
    if not texts:
        pytest.skip(f"no field examples at {field}: the copy check needs ../shared")
    runs: set[tuple[str, ...]] = set()
    for path in texts:
        w = words(path.read_text(encoding="utf-8", errors="ignore"))
        runs.update(tuple(w[i : i + COPIED_RUN]) for i in range(len(w) - COPIED_RUN + 1))
    return runs


def test_no_passage_of_the_field_examples_is_repeated() -> None:
    runs = field_runs()
    for entry in corpus_dir().iterdir():
        if not entry.name.endswith((".txt", ".md")):
            continue
        w = words(entry.read_text(encoding="utf-8"))
        copied = [
            " ".join(w[i : i + COPIED_RUN])
            for i in range(len(w) - COPIED_RUN + 1)
            if tuple(w[i : i + COPIED_RUN]) in runs
        ]
        assert not copied, f"{entry.name} repeats field text: {copied[:3]}"


@pytest.mark.slow
def test_the_demo_finds_techniques_by_meaning_only_when_embeddings_may_be_used() -> None:
    from launderlens.demo import run_demo
    from launderlens.embeddings.encoder import load_encoder
    from launderlens.store import open_store

    with open_store(":memory:") as store:
        plain = dict(run_demo(store, semantic=False).analyses[0].provenance)
    assert plain["techniques"] == "cues"
    if load_encoder() is None:
        pytest.skip("no sentence encoder installed (the semantic extra)")
    with open_store(":memory:") as store:
        auto = dict(run_demo(store).analyses[0].provenance)
    assert auto["techniques"].startswith("cues+")
