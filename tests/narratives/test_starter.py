"""The starter catalogue shipped in the package: every entry meets the starter's rules, and a
bad entry in a catalogue file is refused with its id in the message."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from launderlens.errors import ConfigError
from launderlens.narratives import NarrativeRecord, load_starter
from launderlens.narratives.starter import (
    MIN_PHRASINGS,
    MIN_RECORDS,
    STARTER_EDITION,
    STARTER_VERSION,
    StarterCatalogueError,
    load_starter_file,
    starter_path,
)

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

GOOD_ENTRY = """\
- id: good-entry
  claim: "A claim as its proponents put it."
  phrasings: ["one other wording", "a second other wording"]
  summary: "What is claimed, and what the record shows."
  rating: disinformation
  publisher: EUvsDisinfo
  urls: ["https://example.org/debunk"]
  tags: ["target:ukraine", "theme:corruption"]
  language: en
  origin: starter
"""


@pytest.fixture(scope="module")
def records() -> list[NarrativeRecord]:
    return load_starter()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalogue.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def bad_entry(**fields: str) -> str:
    """GOOD_ENTRY renamed to bad-entry, with the given fields' lines replaced or dropped."""
    lines = GOOD_ENTRY.replace("good-entry", "bad-entry").splitlines()
    for name, value in fields.items():
        lines = [line for line in lines if not line.lstrip(" -").startswith(f"{name}:")]
        if value:
            lines.append(f"  {name}: {value}")
    return "\n".join(lines) + "\n"


def test_shipped_catalogue_loads_and_is_cached(records: list[NarrativeRecord]) -> None:
    assert len(records) >= MIN_RECORDS
    again = load_starter()
    assert again == records and again is not records  # a fresh list over cached records
    assert all(a is b for a, b in zip(again, records, strict=True))


def test_ids_are_unique_slugs(records: list[NarrativeRecord]) -> None:
    ids = [record.id for record in records]
    assert len(set(ids)) == len(ids)
    assert all(SLUG.fullmatch(record_id) for record_id in ids)


def test_every_record_meets_the_starter_rules(records: list[NarrativeRecord]) -> None:
    for record in records:
        assert record.summary and record.rating, record.id
        assert len(record.phrasings) >= MIN_PHRASINGS, record.id
        assert record.claim not in record.phrasings, record.id
        assert any(url.startswith("https://") for url in record.urls), record.id
        assert all(url.startswith("https://") for url in record.urls), record.id
        assert any(tag.startswith("target:") for tag in record.tags), record.id
        assert any(tag.startswith("theme:") for tag in record.tags), record.id
        assert all(tag.count(":") == 1 for tag in record.tags), record.id
        assert record.origin == "starter" and record.language == "en", record.id


def test_records_survive_the_jsonl_form(records: list[NarrativeRecord]) -> None:
    for record in records:
        assert NarrativeRecord.from_dict(record.as_dict(), strict=True) == record


def test_the_narratives_seen_in_laundered_articles_are_there(
        records: list[NarrativeRecord]) -> None:
    by_id = {record.id: record for record in records}
    for required in ("ua-aid-embezzlement", "istanbul-talks-sabotaged-by-west",
                     "west-prolongs-war", "us-biolabs-ukraine", "bucha-staged",
                     "nato-eastward-expansion-promise", "zelensky-illegitimate"):
        assert required in by_id
    aid = by_id["ua-aid-embezzlement"]
    assert any("offshore" in text for text in aid.texts)
    assert any("shell companies" in text for text in aid.texts)


def test_the_disputed_istanbul_record_is_rated_contested(
        records: list[NarrativeRecord]) -> None:
    istanbul = next(record for record in records
                    if record.id == "istanbul-talks-sabotaged-by-west")
    assert istanbul.rating == "contested"
    assert istanbul.publisher is None  # no single source rates it
    assert "disputed" in (istanbul.summary or "")


def test_single_source_ratings_name_their_publisher(records: list[NarrativeRecord]) -> None:
    for record in records:
        if record.rating != "contested":
            assert record.publisher, record.id


def test_version_is_the_edition_and_a_digest_of_the_shipped_file() -> None:
    digest = hashlib.sha256(starter_path().read_bytes()).hexdigest()[:12]
    edition, _, version_digest = STARTER_VERSION.partition("+")
    assert (edition, version_digest) == (STARTER_EDITION, digest)
    assert re.fullmatch(r"\d{4}\.\d{2}", edition)


def test_a_good_file_loads(tmp_path: Path) -> None:
    [record] = load_starter_file(write(tmp_path, GOOD_ENTRY))
    assert record.id == "good-entry" and record.tags == ("target:ukraine", "theme:corruption")


@pytest.mark.parametrize(("fields", "reason"), [
    ({"summary": ""}, "missing 'summary'"),
    ({"rating": ""}, "missing 'rating'"),
    ({"phrasings": '["only one"]'}, "'phrasings' holds 1"),
    ({"urls": '["http://example.org/plain-http"]'}, "no https URL"),
    ({"urls": ""}, "no https URL"),
    ({"tags": '["theme:corruption"]'}, "'target:...'"),
    ({"tags": '["target:ukraine"]'}, "'theme:...'"),
    ({"origin": "import"}, "'origin' must be 'starter'"),
    ({"verdict": "false"}, "unknown field(s) verdict"),
    ({"first_seen": '"last spring"'}, "not an ISO date"),
])
def test_a_bad_entry_is_refused_with_its_id(tmp_path: Path, fields: dict[str, str],
                                            reason: str) -> None:
    path = write(tmp_path, GOOD_ENTRY + bad_entry(**fields))
    with pytest.raises(StarterCatalogueError) as caught:
        load_starter_file(path)
    message = str(caught.value)
    assert "entry 1 ('bad-entry')" in message and reason in message
    assert "good-entry" not in message
    assert isinstance(caught.value, ConfigError)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = bad_entry(summary="") + bad_entry(rating="").replace("bad-entry", "other-entry")
    with pytest.raises(StarterCatalogueError) as caught:
        load_starter_file(write(tmp_path, text))
    assert len(caught.value.problems) == 2
    assert "'bad-entry'" in str(caught.value) and "'other-entry'" in str(caught.value)


def test_duplicate_and_malformed_ids_are_refused(tmp_path: Path) -> None:
    duplicate = GOOD_ENTRY + GOOD_ENTRY
    with pytest.raises(StarterCatalogueError, match=r"entry 1 \('good-entry'\): duplicate id"):
        load_starter_file(write(tmp_path, duplicate))
    for bad_id in ("Not_A_Slug", "trailing-", "two--hyphens"):
        with pytest.raises(StarterCatalogueError, match=f"'{bad_id}'.*slug"):
            load_starter_file(write(tmp_path, GOOD_ENTRY.replace("good-entry", bad_id)))


@pytest.mark.parametrize(("text", "reason"), [
    ("id: not-a-list\n", "must be a list of records"),
    ("- [unbalanced\n", "not valid YAML"),
    ("- just a string\n", "entry 0: must be a mapping"),
])
def test_a_malformed_file_is_refused(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(StarterCatalogueError, match=re.escape(reason)):
        load_starter_file(write(tmp_path, text))


def test_too_few_records_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StarterCatalogueError, match=r"holds 1 record.*at least 40"):
        load_starter_file(write(tmp_path, GOOD_ENTRY), min_records=MIN_RECORDS)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StarterCatalogueError, match="cannot be read"):
        load_starter_file(tmp_path / "absent.yaml")


def test_a_wheel_without_the_data_file_says_what_is_missing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from launderlens.narratives import starter

    monkeypatch.setattr(starter, "_FILE", "absent.yaml")
    with pytest.raises(StarterCatalogueError, match="package data"):
        starter._starter_bytes()
