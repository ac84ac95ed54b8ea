"""Techniques by meaning (claims/techniques/semantic.py): a sentence close to a technique's
prototypes becomes a span beside the cues, a span no cue names gets a technique by meaning,
and the analyzer says which detector ran. A table encoder stands in for the model: each
prototype points along its technique's axis, neutral reporting along its own."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import click.testing
import numpy as np

from launderlens.claims.analyze import Analyzer
from launderlens.claims.techniques import classify_span, find_techniques, technique_findings
from launderlens.claims.techniques.detect import FINDING_MIN_CONFIDENCE, MAX_CHARS
from launderlens.claims.techniques.prototypes import NEUTRAL, PROTOTYPES
from launderlens.claims.techniques.semantic import (
    CANDIDATE_SIMILARITY,
    FALLBACK,
    FINDING_SIMILARITY,
    SemanticTechniques,
)
from launderlens.cli.main import main
from launderlens.ingest.segment import segment
from launderlens.kb import load_default
from launderlens.model import Article

LABELS: list[str] = list(PROTOTYPES)
NEUTRAL_AXIS = len(LABELS)
OTHER_AXIS = NEUTRAL_AXIS + 1


def _axis(index: int) -> np.ndarray:
    vector = np.zeros(OTHER_AXIS + 1, dtype=np.float32)
    vector[index] = 1.0
    return vector


def _mix(technique: str, similarity: float, *, neutral: float = 0.0) -> np.ndarray:
    """A unit vector at cosine ``similarity`` to ``technique``'s axis (and ``neutral`` to
    the neutral one), the rest along an axis nothing else uses."""
    vector = similarity * _axis(LABELS.index(technique)) + neutral * _axis(NEUTRAL_AXIS)
    vector[OTHER_AXIS] = np.sqrt(max(0.0, 1 - similarity ** 2 - neutral ** 2))
    return vector.astype(np.float32)


class TableEncoder:
    """Prototypes on their technique's axis, neutral examples on one axis, sentences as
    the test table says, anything else along the unused axis."""

    name = "table"
    dimension = OTHER_AXIS + 1

    def __init__(self, table: dict[str, np.ndarray]) -> None:
        self.table = table
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen += texts
        rows = []
        for text in texts:
            owner = next((i for i, phrases in enumerate(PROTOTYPES.values())
                          if text in phrases), None)
            if text in self.table:
                rows.append(self.table[text])
            elif owner is not None:
                rows.append(_axis(owner))
            elif text in NEUTRAL:
                rows.append(_axis(NEUTRAL_AXIS))
            else:
                rows.append(_axis(OTHER_AXIS))
        return np.stack(rows) if rows else np.zeros((0, self.dimension), dtype=np.float32)


DOUBTING = "Nobody outside the ministry has ever checked a word of this account."
NEAR = "The account has been questioned by a few residents of the valley."
PLAIN = "The ministry published its account of the flood on Monday."
TEXT = f"{PLAIN} {DOUBTING} {NEAR}"


def _scorer(**extra: np.ndarray) -> SemanticTechniques:
    table = {DOUBTING: _mix("Doubt", 0.9), NEAR: _mix("Doubt", 0.55),
             PLAIN: _mix("Doubt", 0.5, neutral=0.8)}
    table.update(extra)
    return SemanticTechniques(TableEncoder(table))


def _article(text: str) -> Article:
    return Article.create(text=text, title="t", outlet="example.org",
                          published=datetime(2025, 9, 1, tzinfo=UTC))


def test_a_sentence_close_to_a_technique_is_a_span_and_a_close_call_only_a_candidate() -> None:
    spans = find_techniques(TEXT, semantic=_scorer())
    by_text = {TEXT[s.start:s.end]: s for s in spans}
    assert set(by_text) == {DOUBTING, NEAR}  # PLAIN is nearer to neutral reporting
    sure, close = by_text[DOUBTING], by_text[NEAR]
    assert sure.technique == close.technique == "Doubt"
    assert sure.source == "embeddings:table" and "cosine 0.90" in sure.why
    assert sure.confidence >= FINDING_MIN_CONFIDENCE > close.confidence
    findings = find_techniques(TEXT, semantic=_scorer(), min_confidence=FINDING_MIN_CONFIDENCE)
    assert [TEXT[s.start:s.end] for s in findings] == [DOUBTING]


def test_the_thresholds_order_as_documented() -> None:
    assert CANDIDATE_SIMILARITY < FINDING_SIMILARITY
    below = find_techniques(NEAR, semantic=_scorer(**{NEAR: _mix("Doubt", 0.45)}))
    assert below == []


def test_a_cue_of_the_same_technique_keeps_its_span_and_the_sentence_adds_nothing() -> None:
    cued = "Can we really trust anything the ministry says about the flood?"
    spans = find_techniques(cued, semantic=_scorer(**{cued: _mix("Doubt", 0.9)}))
    assert [(s.technique, s.source) for s in spans] == [("Doubt", "rhetorical_trust")]
    other = find_techniques(cued, semantic=_scorer(**{cued: _mix("Flag-Waving", 0.9)}))
    assert {s.technique for s in other} == {"Doubt", "Flag-Waving"}


def test_a_quoted_sentence_is_marked_down() -> None:
    quoted = f'He told the crowd: "{DOUBTING}"'
    spans = find_techniques(quoted, semantic=_scorer(), sentences=[(20, len(quoted) - 1)])
    assert len(spans) == 1 and spans[0].quoted
    plain = find_techniques(DOUBTING, semantic=_scorer())
    assert spans[0].confidence < plain[0].confidence
    opening = f'"{DOUBTING}" he said.'
    said = opening[:len(DOUBTING) + 2]
    (speech,) = find_techniques(opening, semantic=_scorer(**{said: _mix("Doubt", 0.9)}),
                                sentences=[(0, len(said))])
    assert speech.quoted and speech.confidence < plain[0].confidence


def test_classify_names_an_uncued_span_by_meaning_clause_level_when_long() -> None:
    short = "a bunch of fools"
    long = "the whole affair could only have happened because of one greedy official"
    scorer = _scorer(**{short: _mix("Name_Calling,Labeling", 0.7),
                        long: _mix("Name_Calling,Labeling", 0.7) * 0.9
                        + 0.3 * _axis(LABELS.index("Causal_Oversimplification"))})
    text = f"{short}. {long}."
    assert classify_span(text, 0, len(short), semantic=scorer)[0] == "Name_Calling,Labeling"
    start = len(short) + 2
    assert classify_span(text, start, start + len(long),
                         semantic=scorer)[0] == "Causal_Oversimplification"
    assert classify_span("an ordinary phrase", 0, 18, semantic=scorer) == (FALLBACK, 0.0)
    cued = "the radical left"
    assert classify_span(cued, 0, len(cued), semantic=scorer)[0] == "Name_Calling,Labeling"


def test_findings_from_meaning_sit_in_their_sentence_and_say_what_found_them() -> None:
    article = _article(TEXT)
    sentences = segment(article)
    found = technique_findings(article, sentences, semantic=_scorer())
    assert len(found) == 1
    finding = found[0]
    assert finding.technique == "Doubt" and finding.sentence == 1
    assert article.text[finding.start:finding.end] == DOUBTING
    assert "embeddings:table" in finding.evidence[1].text
    assert "examples of the technique" in finding.message


def test_hostile_text_embeds_a_bounded_number_of_bounded_sentences() -> None:
    encoder = TableEncoder({})
    scorer = SemanticTechniques(encoder)
    encoder.seen.clear()
    text = ("word " * 400 + ". ") * 700
    find_techniques(text, semantic=scorer)
    assert encoder.seen and len(encoder.seen) <= 2_000
    assert max(len(t) for t in encoder.seen) <= 1_000
    assert len(text) > MAX_CHARS


def test_the_analyzer_uses_the_encoder_for_techniques_and_says_so() -> None:
    article = _article(TEXT)
    encoder = TableEncoder({DOUBTING: _mix("Doubt", 0.9)})
    with_meaning = Analyzer(kb=load_default(), semantic=False, technique_encoder=encoder)
    result = with_meaning.analyze(article)
    assert dict(result.provenance)["techniques"] == "cues+table"
    assert [f.technique for f in result.findings if f.kind == "propaganda_technique"] == ["Doubt"]
    assert dict(result.provenance)["claims"] == "cues"  # claim scores stay on the cues
    plain = Analyzer(kb=load_default(), semantic=False).analyze(article)
    assert dict(plain.provenance)["techniques"] == "cues"
    assert not [f for f in plain.findings if f.kind == "propaganda_technique"]


def test_cli_no_semantic_says_the_cues_ran(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    runner = click.testing.CliRunner()
    result = runner.invoke(main, ["analyze", str(path), "--no-semantic", "--no-narratives",
                                  "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "propaganda techniques found with: cues" in result.output
    assert "cues+" not in result.output
