"""Propaganda techniques: each shipped cue family finds a sentence written for it, with the
task's label and the right span; ordinary news sentences find nothing; quoted words are
marked down; findings carry their technique; a model trained on a tiny corpus in the PTC
layout is saved as JSON, loaded, validated and used by the analyzer and the CLI; reports
count techniques, STIX notes carry them, ClaimReview drafts leave them out and the web API
answers the technique field."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path

import click.testing
import pytest

from launderlens.claims.analyze import Analysis, Analyzer
from launderlens.claims.techniques import (
    TECHNIQUES,
    classify_span,
    find_techniques,
    load_technique_model,
    read_ptc,
    technique_findings,
    train_technique_model,
)
from launderlens.claims.techniques.cues import CUES
from launderlens.claims.techniques.detect import FINDING_MIN_CONFIDENCE, MAX_CHARS
from launderlens.cli.main import main
from launderlens.errors import ConfigError
from launderlens.exports.claimreview import claimreview_drafts
from launderlens.exports.stix import stix_bundle
from launderlens.ingest.segment import segment
from launderlens.kb import load_default
from launderlens.model import Article
from launderlens.report import article_report, load_schema

# technique -> (a sentence that uses it, words the span must hold)
EXAMPLES: dict[str, tuple[str, str]] = {
    "Loaded_Language": ("The council's plan is utterly despicable and everyone in town "
                        "should say so.", "utterly despicable"),
    "Name_Calling,Labeling": ("Once again the radical left has blocked the new bridge.",
                              "radical left"),
    "Doubt": ("The agency released a report, but can we really trust anything its "
              "officials say about the river?", "trust anything"),
    "Exaggeration,Minimisation": ("This is the worst trade deal in the history of our "
                                  "county.", "worst trade deal"),
    "Appeal_to_fear-prejudice": ("We must stop the new tax before it's too late for our "
                                 "families.", "too late"),
    "Flag-Waving": ("Every one of us who loves our great nation must vote for the levy.",
                    "our great nation"),
    "Causal_Oversimplification": ("The mayor is the only reason for the town's decline, "
                                  "and nothing else.", "only reason for"),
    "Slogans": ("At the rally, the crowd chanted drain the swamp for an hour.",
                "drain the swamp"),
    "Appeal_to_Authority": ("All experts agree that the new dam will be safe for a century.",
                            "All experts agree"),
    "Black-and-White_Fallacy": ("On the budget, you are either with us or against us.",
                                "with us or against"),
    "Thought-terminating_Cliches": ("The vote is over and the rules were followed. End of "
                                    "story.", "End of story"),
    "Whataboutism,Straw_Men,Red_Herring": ("Where was the outrage when the other party "
                                           "raised fees?", "outrage when"),
    "Bandwagon,Reductio_ad_hitlerum": ("The new curfew is straight out of the Gestapo's "
                                       "handbook.", "out of the Gestapo"),
}

# Plain reporting that shares words with the cues but uses none of the techniques.
ORDINARY = [
    "The minister had no choice but to resign after the audit was published.",
    "Crews had to deal with it overnight as the water rose in the basement.",
    "The company said the hack affected about 2,000 customer accounts.",
    "Mainstream media outlets reported the results shortly after midnight.",
    "Officials said the fire completely destroyed two warehouses near the port.",
    "The film had the biggest opening weekend for a documentary this year.",
    "Experts say the bridge will need repairs within five years.",
    "Historians say the Nazis occupied the town from 1940 to 1944.",
    "Can you believe it? the winner asked, holding the trophy.",
    "The court heard that the defendants were corrupt officials in the port authority.",
]


def _spans(text: str) -> list[tuple[str, str]]:
    return [(s.technique, text[s.start:s.end])
            for s in find_techniques(text, min_confidence=FINDING_MIN_CONFIDENCE)]


def test_examples_cover_every_technique_but_repetition() -> None:
    # repetition is an article-level pattern left to trained models (see the cue's comment)
    assert set(EXAMPLES) == set(TECHNIQUES) - {"Repetition"}
    assert {cue.technique for cue in CUES} == set(TECHNIQUES)


@pytest.mark.parametrize("technique", list(EXAMPLES))
def test_each_technique_is_found_at_its_words(technique: str) -> None:
    text, words = EXAMPLES[technique]
    found = _spans(text)
    assert any(t == technique and (words.lower() in span.lower() or span.lower() in words.lower())
               for t, span in found), found


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_reporting_finds_nothing(text: str) -> None:
    assert _spans(text) == []


def test_quoted_words_are_marked_down_and_say_so() -> None:
    plain = find_techniques("The radical left blocked the bridge again.")
    quoted = find_techniques('"The radical left blocked the bridge again," he said.')
    assert plain[0].confidence > quoted[0].confidence and quoted[0].quoted
    # a single condemning word in quotes is the speaker's, under the finding floor
    assert _spans('The mayor called the plan "evil" on Tuesday.') == []
    assert _spans("The plan is evil.") == [("Loaded_Language", "evil")]


def test_classify_span_uses_the_covering_cue_else_the_default() -> None:
    text = "They said the radical left runs the city council now."
    start = text.index("radical")
    assert classify_span(text, start, start + len("radical left"))[0] == "Name_Calling,Labeling"
    technique, confidence = classify_span(text, 0, 4)
    assert technique == "Loaded_Language" and confidence == 0.0


def _article(text: str) -> Article:
    return Article.create(text, title="Test", outlet="Example Post")


def test_findings_carry_technique_span_and_sentence() -> None:
    text = ("The council met on Monday to discuss the budget. Once again the radical left "
            "has blocked the new bridge. The vote is over. End of story.")
    article = _article(text)
    sentences = segment(article)
    findings = technique_findings(article, sentences)
    by_technique = {f.technique: f for f in findings}
    assert set(by_technique) == {"Name_Calling,Labeling", "Thought-terminating_Cliches"}
    naming = by_technique["Name_Calling,Labeling"]
    assert naming.kind == "propaganda_technique" and naming.sentence == 1
    assert text[naming.start:naming.end] == "radical left"
    assert "radical left" in naming.message and naming.as_dict()["technique"] == naming.technique
    assert naming.residue is None


def test_the_analyzer_runs_the_stage_and_other_findings_have_no_technique() -> None:
    text = ("TASS reported that the ministry met on Monday. The radical left has blocked "
            "the bridge, critics say, and this is the worst decision in history.")
    result = Analyzer(kb=load_default(), semantic=False).analyze(_article(text))
    techniques = [f for f in result.findings if f.kind == "propaganda_technique"]
    assert {f.technique for f in techniques} >= {"Name_Calling,Labeling",
                                                  "Exaggeration,Minimisation"}
    others = [f.as_dict() for f in result.findings if f.kind != "propaganda_technique"]
    assert others and all(d["technique"] is None for d in others)
    assert not result.errors


def test_hostile_text_is_capped() -> None:
    text = "evil! " * (MAX_CHARS // 3)
    found = find_techniques(text)
    assert found and max(s.end for s in found) <= MAX_CHARS


# -- a trained model on a tiny corpus in the PTC layout -----------------------------------

SENTENCES = [
    ("The radical left has blocked the bridge once more.", "Name_Calling,Labeling",
     "radical left"),
    ("Those corrupt globalists want to take your farm.", "Name_Calling,Labeling",
     "corrupt globalists"),
    ("This disgusting scheme will ruin the valley.", "Loaded_Language", "disgusting"),
    ("It is a shameful and vile betrayal of the people.", "Loaded_Language", "vile"),
    ("Can we really trust a word the agency says?", "Doubt",
     "Can we really trust a word the agency says?"),
    ("Nobody has seen any proof of their figures at all.", "Doubt",
     "Nobody has seen any proof of their figures"),
]
PLAIN = ["The council met on Monday.", "Rain is expected on Tuesday afternoon.",
         "The library opens at nine.", "Bus fares will rise by ten cents in May."]


def _write_ptc(root: Path, articles: int = 8) -> Path:
    folder = root / "datasets" / "train-articles"
    folder.mkdir(parents=True)
    rows = []
    for n in range(articles):
        lines, offset = [f"Title {n}", ""], len(f"Title {n}") + 2
        for k in range(3):
            sentence, technique, words = SENTENCES[(n + k) % len(SENTENCES)]
            plain = PLAIN[(n + k) % len(PLAIN)]
            start = offset + sentence.index(words)
            rows.append(f"{n + 1000}\t{technique}\t{start}\t{start + len(words)}")
            lines += [sentence, plain]
            offset += len(sentence) + 1 + len(plain) + 1
        (folder / f"article{n + 1000}.txt").write_text("\n".join(lines) + "\n",
                                                       encoding="utf-8")
    rows += ["broken row", "1000\tNot_A_Technique\t0\t5"]
    (root / "datasets" / "train-task-flc-tc.labels").write_text("\n".join(rows) + "\n",
                                                                encoding="utf-8")
    return root


def test_read_ptc_counts_bad_rows_and_refuses_another_layout(tmp_path: Path) -> None:
    reading = read_ptc(_write_ptc(tmp_path / "ptc"))
    assert len(reading.articles) == 8 and len(reading.skipped) == 2
    article = reading.articles[0]
    assert all(article.text[s.start:s.end] for s in article.spans)
    with pytest.raises(ConfigError, match="PTC layout"):
        read_ptc(tmp_path)


def test_trained_model_round_trips_and_finds_spans(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    articles = read_ptc(_write_ptc(tmp_path / "ptc")).articles
    path = tmp_path / "model.json"
    model = train_technique_model(articles, path, c_classifier=10.0, c_tagger=10.0)
    loaded = load_technique_model(path)
    assert loaded.labels == model.labels and loaded.threshold == model.threshold
    text = "Farmers met in the hall.\nThe radical left has blocked the bridge once more.\n"
    spans = loaded.spans(text)
    assert any(s.technique == "Name_Calling,Labeling" and "radical" in text[s.start:s.end]
               for s in spans), spans
    assert not any(s.start < text.index("\n") for s in spans)  # the plain line is clean
    article = _article(text)
    findings = Analyzer(kb=load_default(), semantic=False,
                        technique_model=str(path)).analyze(article).findings
    assert any(f.technique == "Name_Calling,Labeling" for f in findings)


def test_trained_model_reads_hostile_text_within_the_cap(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    model = train_technique_model(read_ptc(_write_ptc(tmp_path / "ptc")).articles)
    text = ('The radical left is "disgusting"! ' * 9000) + "\n" + "x" * 1000
    spans = model.spans(text)
    assert spans and all(0 <= s.start < s.end <= MAX_CHARS for s in spans)
    assert all(s.technique in TECHNIQUES and 0 <= s.confidence <= 1 for s in spans)


def _valid_document(tmp_path: Path) -> dict:
    labels = ["Doubt", "Loaded_Language"]
    return {"format": "launderlens.technique-model", "version": 1, "labels": labels,
            "threshold": 0.4, "classifier": {"bias": [0.0, 0.1], "weights": {"w=x": [1, -1]}},
            "tagger": {"bias": -1.0, "weights": {"w=x": 2.0}}}


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(format="other"), "not a launderlens technique model"),
    (lambda d: d.update(version=99), "version 99"),
    (lambda d: d.update(labels=["Doubt", "Gossip"]), "unknown"),
    (lambda d: d["classifier"]["weights"].update({"w=y": [1.0]}), "list of 2 numbers"),
    (lambda d: d["tagger"]["weights"].update({"w=y": "high"}), "finite number"),
    (lambda d: d["tagger"].update(bias=math.inf), "finite number"),
    (lambda d: d.update(threshold=1.5), "between 0 and 1"),
    (lambda d: d.pop("tagger"), "malformed"),
])
def test_a_bad_model_file_is_refused_with_the_reason(tmp_path: Path, change, message) -> None:
    document = _valid_document(tmp_path)
    path = tmp_path / "good.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert load_technique_model(path).labels == ("Doubt", "Loaded_Language")
    change(document)
    path.write_text(json.dumps(document).replace("Infinity", "1e999"), encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_technique_model(path)


def test_a_model_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_bytes(b"\x80\x04pickle")
    with pytest.raises(ConfigError, match="cannot read technique model"):
        load_technique_model(path)


def _run(*args: str) -> click.testing.Result:
    return click.testing.CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_trains_techniques_and_analyze_uses_the_model(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    ptc = _write_ptc(tmp_path / "ptc")
    model = tmp_path / "techniques.json"
    result = _run("train", "techniques", str(ptc), "-o", str(model), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["articles"] == 8 and len(summary["skipped"]) == 2
    assert json.loads(model.read_text(encoding="utf-8"))["format"] == \
        "launderlens.technique-model"
    text = tmp_path / "a.txt"
    text.write_text("Council notes\n\nThis disgusting scheme will ruin the valley.\n",
                    encoding="utf-8")
    out = _run("analyze", str(text), "--technique-model", str(model), "--json",
               "--no-narratives", "--db", str(tmp_path / "x.db"))
    assert out.exit_code == 0, out.output
    findings = json.loads(out.output)["findings"]
    assert all("technique" in f for f in findings)
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    refused = _run("analyze", str(text), "--technique-model", str(bad), "--no-narratives",
                   "--db", str(tmp_path / "x.db"))
    assert refused.exit_code == 2 and "technique model" in refused.output


# -- reports, exports and the web API ------------------------------------------------------

def _analysis_with_techniques() -> Analysis:
    article = Article.create("The council raised bus fares on Monday, officials said. "
                             "Once again the radical left has ruined the town, and this is "
                             "the worst decision in the history of the county.",
                             title="Fares rise", outlet="Valley Courier",
                             published=datetime(2025, 3, 3, 12, tzinfo=UTC))
    return Analyzer(kb=load_default(), semantic=False).analyze(article)


def test_article_report_counts_techniques_and_validates() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    report = article_report(_analysis_with_techniques())
    errors = list(jsonschema.Draft202012Validator(load_schema()).iter_errors(report))
    assert not errors, [e.message for e in errors[:3]]
    counted = report["summary"]["propaganda_techniques"]
    assert counted["count"] == 2 and set(counted["by_technique"]) == set(TECHNIQUES)
    assert counted["by_technique"]["Name_Calling,Labeling"] == 1
    assert counted["by_technique"]["Exaggeration,Minimisation"] == 1
    assert any("2 propaganda-technique findings" in p for p in report["summary"]["points"])


def test_techniques_go_to_stix_notes_and_not_to_claimreview() -> None:
    pytest.importorskip("stix2")
    analysis = _analysis_with_techniques()
    bundle = stix_bundle([analysis], generated_at=datetime(2025, 3, 4, tzinfo=UTC))
    notes = [o for o in bundle.objects if o.type == "note"]
    assert any("propaganda_technique" in n.content and "radical left" in n.content
               for n in notes)
    drafts = claimreview_drafts(analysis)
    assert not any("technique" in d["description"].lower() for d in drafts)


def test_web_api_answers_the_technique(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from launderlens.web import Settings, create_app

    settings = Settings(db=str(tmp_path / "l.db"), kb_dir=tmp_path / "no-user-kb",
                        semantic=False)
    with TestClient(create_app(settings)) as client:
        response = client.post("/api/analyze", json={
            "text": "Prices rose in March. The lying media hid it from you."})
    assert response.status_code == 200, response.text
    found = response.json()["findings"]
    assert [f["technique"] for f in found if f["kind"] == "propaganda_technique"] == [
        "Name_Calling,Labeling"]
    assert all(f["technique"] is None for f in found if f["kind"] != "propaganda_technique")


@pytest.mark.parametrize("order", ["labelled first", "options first", "named"])
def test_train_still_trains_the_claim_model_in_its_first_form(tmp_path: Path,
                                                              order: str) -> None:
    pytest.importorskip("sklearn")
    labelled = tmp_path / "labels.jsonl"
    rows = [("The budget rose by 12 percent to 4.1 billion euros in 2024.", 1),
            ("Police said 14 people were arrested after the protest on Friday.", 1),
            ("Thank you all for coming this evening.", 0),
            ("It was a lovely day for a walk.", 0)]
    labelled.write_text("".join(json.dumps({"text": t, "label": y}) + "\n" for t, y in rows),
                        encoding="utf-8")
    out = str(tmp_path / "claims.json")
    args = {"labelled first": ["train", str(labelled), "-o", out, "--json"],
            "options first": ["train", "-o", out, "--json", str(labelled)],
            "named": ["train", "claims", str(labelled), "-o", out, "--json"]}[order]
    result = _run(*args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["rows"] == 4
    assert json.loads(Path(out).read_text(encoding="utf-8"))["format"] != \
        "launderlens.technique-model"
