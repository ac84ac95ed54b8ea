"""Report building: the structure validates against the shipped schema, segments cover the
text with overlapping findings, summaries say what copies added, provenance is complete."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from launderlens.claims.analyze import Analysis, Analyzer
from launderlens.demo import DemoResult
from launderlens.findings import Finding
from launderlens.model import Article
from launderlens.report import (
    SCHEMA_ID,
    article_report,
    build_provenance,
    load_schema,
    story_report,
)
from launderlens.report.parts import segments, timeline
from launderlens.rewrites.compare import Comparer
from launderlens.rewrites.stories import MemberView, StoryView

jsonschema = pytest.importorskip("jsonschema")


def validate(report: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(
        load_schema(), format_checker=jsonschema.FormatChecker())
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(report)]
    assert not errors, errors[:5]
    json.dumps(report)  # JSON-ready: no dates, tuples or dataclasses left


def test_schema_is_valid_and_documents_every_property() -> None:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    undocumented = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub and "$ref" not in sub:
                    undocumented.append(f"{path}.{name}")
            for key, sub in node.items():
                walk(sub, f"{path}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{path}[{i}]")

    walk(schema, "#")
    assert not undocumented


def test_demo_reports_validate(demo: DemoResult) -> None:
    view = demo.story
    assert view is not None
    members = {m.article.id for m in view.members}
    for analysis in demo.analyses:
        report = article_report(analysis, story_view=view if analysis.article.id in members
                                else None)
        assert report["schema"] == SCHEMA_ID and report["kind"] == "article"
        validate(report)
    analyses = {a.article.id: a for a in demo.analyses}
    validate(story_report(view, analyses))


def test_hostile_reports_validate(hostile: tuple[Analysis, StoryView],
                                  origin_analysis: Analysis) -> None:
    analysis, view = hostile
    validate(article_report(analysis, story_view=view))
    validate(article_report(analysis))
    validate(story_report(view, {analysis.article.id: analysis}))
    validate(story_report(view, {analysis.article.id: analysis,
                                 origin_analysis.article.id: origin_analysis}))


def test_segments_cover_the_text_and_list_overlapping_findings() -> None:
    text = "abcdefghij"
    findings = [Finding("vague_attribution", "low", 1, "m", 0, 2, 6),
                Finding("office_mismatch", "high", 1, "m", 0, 4, 8),
                Finding("state_media_origin", "low", 1, "m", None, None, None),
                Finding("known_narrative", "low", 1, "m", 0, 9, 40),
                Finding("known_narrative", "low", 1, "m", 0, 5, 5)]
    cut, unplaced = segments(text, findings, added=[(0, 3)])
    assert "".join(s["text"] for s in cut) == text
    assert [(s["start"], s["end"], s["findings"], s["added"]) for s in cut] == [
        (0, 2, [], True), (2, 3, [0], True), (3, 4, [0], False), (4, 6, [0, 1], False),
        (6, 8, [1], False), (8, 9, [], False), (9, 10, [3], False)]
    assert unplaced == [2, 4]
    assert segments("", findings) == ([], [0, 1, 2, 3, 4])


def test_copy_report_says_what_it_added(demo: DemoResult) -> None:
    view = demo.story
    assert view is not None
    member = next(m for m in view.members if m.comparison is not None)
    analysis = next(a for a in demo.analyses if a.article.id == member.article.id)
    report = article_report(analysis, story_view=view)
    summary = report["summary"]
    assert member.comparison is not None
    added = [member.comparison.b_sentences[j].text for j in member.comparison.certain_added]
    assert summary["additions"]["count"] == len(added) > 0
    assert [a["text"] for a in summary["additions"]["sentences"]] == added
    assert summary["origin"]["id"] == view.story.origin
    assert summary["origin"]["reason"] == view.story.origin_reason
    assert not summary["origin"]["is_subject"]
    assert sum(summary["findings_by_severity"].values()) == len(analysis.findings)
    assert report["story"]["role"] == "copy"
    # Every sentence of the copy sits in exactly one side-by-side row.
    rows = report["story"]["copy"]["rows"]
    placed = sorted(s["index"] for row in rows for s in row["copy"])
    assert placed == list(range(len(member.comparison.b_sentences)))
    # Added sentences are flagged in the text, exactly where they are.
    flagged = "".join(s["text"] for s in report["text"]["segments"] if s["added"])
    assert flagged.replace(" ", "") == "".join(added).replace(" ", "")


def test_origin_report_counts_every_copys_additions(demo: DemoResult) -> None:
    view = demo.story
    assert view is not None
    analysis = next(a for a in demo.analyses if a.article.id == view.story.origin)
    report = article_report(analysis, story_view=view)
    total = sum(len(m.comparison.certain_added) for m in view.members if m.comparison)
    assert report["summary"]["additions"]["count"] == total
    assert report["summary"]["origin"]["is_subject"]
    assert report["story"]["role"] == "origin" and report["story"]["copy"] is None


def test_story_report_lists_copies_and_timeline(demo: DemoResult) -> None:
    view = demo.story
    assert view is not None
    report = story_report(view, {a.article.id: a for a in demo.analyses})
    assert len(report["copies"]) == len(view.members) - 1
    assert {c["article"]["id"] for c in report["copies"]} | {view.story.origin} == \
        {m.article.id for m in view.members}
    times = [datetime.fromisoformat(t["published"]) for t in report["timeline"]]
    assert times == sorted(times)
    assert len(report["articles"]) == len(view.members)


def test_timeline_puts_undated_members_last() -> None:
    def article(text: str, when: datetime | None) -> Article:
        return Article.create(text, outlet=text, published=when)

    late = article("late", datetime(2025, 1, 2, tzinfo=UTC))
    early = article("early", datetime(2025, 1, 1, 22, tzinfo=UTC))
    undated = article("undated", None)
    rows = timeline([MemberView(undated, False, None), MemberView(late, True, None),
                     MemberView(early, False, None)])
    assert [r["outlet"] for r in rows] == ["early", "late", "undated"]
    assert rows[0]["after_origin_seconds"] == -7200 and rows[2]["after_origin_seconds"] is None


def test_known_narratives_reach_the_summary(hostile: tuple[Analysis, StoryView]) -> None:
    analysis, view = hostile
    report = article_report(analysis, story_view=view)
    (match,) = report["summary"]["known_narratives"]
    assert match["claim"] == "Aid is diverted <script>1</script>"
    assert match["source"] == "https://debunk.example/aid?a=1&b=<x>"
    assert report["findings"][match["finding"]]["kind"] == "known_narrative"
    assert any("known narrative" in p for p in report["summary"]["points"])
    story = story_report(view, {analysis.article.id: analysis})
    assert story["summary"]["known_narratives"][0]["finding"] is None


def test_article_outside_its_story_is_refused(hostile: tuple[Analysis, StoryView],
                                              demo: DemoResult) -> None:
    _, view = hostile
    with pytest.raises(ValueError, match="not a member"):
        article_report(demo.analyses[0], story_view=view)


class _FakeStore:
    url = "postgresql://user:secret@db.example/launderlens"


def test_provenance_names_versions_backends_kb_and_catalogue(demo: DemoResult) -> None:
    analyzer = Analyzer(semantic=False)
    when = datetime(2025, 11, 1, 12, 30)  # naive: taken as UTC
    provenance = build_provenance(
        analyzer=analyzer, comparer=Comparer(semantic=False), store=_FakeStore(),
        catalogue={"records": 12, "revision": 3, "as_of": date(2025, 10, 1)},
        generated_at=when)
    assert provenance["generated_at"] == "2025-11-01T12:30:00+00:00"
    assert provenance["knowledge_base"]["as_of"] == analyzer.kb.as_of.isoformat()
    assert provenance["backends"] == {"claims": "cues", "narratives": None,
                                      "techniques": "cues", "alignment": "lexical",
                                      "store": "postgresql"}
    assert provenance["catalogue"] == {"records": 12, "revision": 3, "as_of": "2025-10-01"}
    assert "secret" not in json.dumps(provenance)
    report = article_report(demo.analyses[0], provenance=provenance)
    assert report["provenance"] == provenance
    validate(report)


def test_default_provenance_is_timezone_aware_and_has_the_kb_date(demo: DemoResult) -> None:
    report = article_report(demo.analyses[0])
    generated = datetime.fromisoformat(report["provenance"]["generated_at"])
    assert generated.tzinfo is not None
    assert report["provenance"]["knowledge_base"]["as_of"] == \
        demo.analyses[0].kb_as_of.isoformat()


def test_an_article_report_sets_dated_claims_against_the_knowledge_base() -> None:
    """Elapsed-time claims (issue 17) reach the report, the HTML and the Markdown, with the
    KB's date and whether the claim holds; the claim's words are escaped."""
    from launderlens.report import render_html, render_markdown

    text = ("Three years after the annexation of Crimea, the peninsula's <b>economy</b> "
            "remains cut off. Officials met in Kyiv on Tuesday to discuss the budget.")
    article = Article.create(text, published=datetime(2025, 9, 4, 12, tzinfo=UTC))
    analysis = Analyzer().analyze(article)
    report = article_report(analysis)
    validate(report)
    (dated,) = report["dated_claims"]
    assert dated["kb_date"] == "2014-03-18" and dated["holds"] is False
    assert text[dated["start"]:dated["end"]] == dated["claim"]
    page = render_html(report)
    assert "Dated claims against the knowledge base" in page and "does not hold" in page
    assert "<b>economy</b>" not in page
    assert "does not hold" in render_markdown(report)
