"""The matcher over a store's catalogue: import updates the index in place, the index is
cached between runs and caught up with later writes, findings carry the record."""

from __future__ import annotations

from pathlib import Path

from launderlens.findings import Claim
from launderlens.ingest.segment import segment
from launderlens.model import Article
from launderlens.narratives import NarrativeMatcher, NarrativeRecord
from launderlens.narratives.importers import ImportProblem
from launderlens.store import Store, open_store

RECORDS = [
    NarrativeRecord("aid", "The president stole Western aid money through shell companies.",
                    phrasings=("Officials embezzled billions in foreign assistance",),
                    rating="False", publisher="Checkers", urls=("https://check.example/aid",),
                    summary="Audits found no such diversion."),
    NarrativeRecord("talks", "Western leaders sabotaged the spring peace talks.",
                    rating="contested", urls=("https://check.example/talks",)),
    NarrativeRecord("dam", "The dam was destroyed by its own defenders to flood the front."),
]


def test_import_stores_records_reports_problems_and_searches(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "db.sqlite")) as store:
        matcher = NarrativeMatcher(store)
        summary = matcher.import_records([*RECORDS[:2], ImportProblem("line 3", "no claim"),
                                          RECORDS[2]])
        assert (summary.added, summary.updated, summary.problems) == (3, 0, [("line 3",
                                                                             "no claim")])
        again = matcher.import_records(RECORDS)
        assert (again.added, again.unchanged) == (0, 3)
        found = matcher.search("officials embezzled billions in aid via shell firms")
        assert found[0].record.id == "aid" and found[0].record.rating == "False"


def test_index_is_cached_beside_the_database_and_caught_up_later(tmp_path: Path) -> None:
    db = str(tmp_path / "db.sqlite")
    with open_store(db) as store:
        NarrativeMatcher(store).import_records(RECORDS[:2])
        cache = NarrativeMatcher(store).cache_path
        assert cache is not None and cache.is_file()
    with open_store(db) as store:  # a write the cache has not seen
        store.upsert_narratives([RECORDS[2]])
    with open_store(db) as store:
        matcher = NarrativeMatcher(store)
        assert matcher.sync() == 1  # only the record written since the cache was saved
        assert len(matcher.index) == 3
        assert matcher.search("dam destroyed by its defenders")[0].record.id == "dam"


def test_a_torn_cache_file_is_ignored(tmp_path: Path) -> None:
    db = str(tmp_path / "db.sqlite")
    with open_store(db) as store:
        matcher = NarrativeMatcher(store)
        matcher.import_records(RECORDS)
        assert matcher.cache_path is not None
        matcher.cache_path.write_bytes(b"not a pickle")
    with open_store(db) as store:
        assert NarrativeMatcher(store).search("peace talks sabotaged")[0].record.id == "talks"


def test_an_emptied_catalogue_rebuilds_the_index() -> None:
    with open_store(":memory:") as store:
        matcher = NarrativeMatcher(store)
        matcher.import_records(RECORDS)
        assert len(matcher.index) == 3
        assert matcher.cache_path is None


def test_findings_for_check_worthy_sentences_only() -> None:
    article = Article.create(
        "Ministers met in the capital on Monday. Investigative reports allege the president "
        "stole Western aid money through shell companies. The weather was mild.",
        title="Meeting")
    sentences = segment(article)
    with open_store(":memory:") as store:
        matcher = NarrativeMatcher(store)
        matcher.import_records(RECORDS)
        worthy = [Claim(s.index, 0.9, "accusation", s.index == 1) for s in sentences]
        findings = matcher.findings(sentences, worthy)
        assert [f.sentence for f in findings] == [1]
        finding = findings[0]
        assert finding.kind == "known_narrative" and finding.severity == "high"
        assert finding.start == sentences[1].start and finding.end == sentences[1].end
        assert finding.evidence[0].kind == "narrative"
        assert finding.evidence[0].source == "https://check.example/aid"
        assert "Audits found" in finding.evidence[0].text
        none_worthy = [Claim(s.index, 0.1, "other", False) for s in sentences]
        assert matcher.findings(sentences, none_worthy) == []


def test_a_contested_record_is_said_to_be_contested() -> None:
    article = Article.create("Critics say Western leaders sabotaged the spring peace talks.")
    sentences = segment(article)
    with open_store(":memory:") as store:
        matcher = NarrativeMatcher(store, threshold=0.0)
        matcher.import_records(RECORDS)
        found = matcher.findings(sentences, [Claim(0, 0.9, "accusation", True)])
        assert found and found[0].severity == "medium"
        assert "contested" in found[0].message


def test_matcher_over_every_backend(store: Store) -> None:
    matcher = NarrativeMatcher(store, cache=False)
    matcher.import_records(RECORDS)
    assert matcher.search("spring peace talks sabotaged")[0].record.id == "talks"
    store.upsert_narratives([NarrativeRecord("talks", "Grain ships were stopped at sea.")])
    assert matcher.search("grain ships stopped at sea")[0].record.id == "talks"
