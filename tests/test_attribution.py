"""Attribution and sourcing findings: a labelled sentence set in, per-item checks and pinned
quality floors out, plus the findings on the two field articles when ``../shared/field`` is
there.

The set (``tests/data/analysis/sourcing.yaml``) labels each sentence with the attribution
kind, the source phrase and whether a ``vague_attribution`` finding is expected. Items marked
``xfail`` are ones the rules do not solve; they stay in the metrics and are counted apart.
The ``heldout`` batch was written after the rules were last tuned on the main batch, so its
figures are the honest estimate of how the rules generalise. Run with ``-s`` to see them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from launderlens.claims.attribution import accusation_terms, attribute, sourcing_findings
from launderlens.findings import Attribution, Claim, Finding
from launderlens.ingest.segment import segment
from launderlens.kb import KnowledgeBase, load_default
from launderlens.model import Article, Sentence

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "analysis" / "sourcing.yaml"
FIELD = ROOT.parent / "shared" / "field"

# Floors a little below the figures measured when they were pinned (in the comments), for
# the whole set and for the held-out batch. Raise them on purpose when the rules improve;
# never lower them to make a change pass.
FLOORS = {
    "all": {"kind_accuracy": 0.90,        # measured 0.925 (148/160)
            "vague_precision": 0.95,      # measured 1.000 (31/31)
            "vague_recall": 0.80},        # measured 0.838 (31/37)
    "heldout": {"kind_accuracy": 0.75,    # measured 0.775 (31/40); 0.750 before one bug fix
                "vague_precision": 0.95,  # measured 1.000 (5/5)
                "vague_recall": 0.45},    # measured 0.455 (5/11)
}


@dataclass(frozen=True)
class Item:
    text: str
    kind: str
    source: str | None
    finding: bool
    severity: str | None
    xfail: str | None
    batch: str


def _load_items() -> list[Item]:
    raw: list[dict[str, Any]] = yaml.safe_load(DATA.read_text(encoding="utf-8"))["items"]
    return [Item(text=item["text"], kind=item["kind"], source=item.get("source"),
                 finding=bool(item["finding"]), severity=item.get("severity"),
                 xfail=item.get("reason") if item.get("xfail") else None,
                 batch=item.get("batch", "main"))
            for item in raw]


ITEMS = _load_items()


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_default()


def _analyse(text: str, kb: KnowledgeBase) -> tuple[Attribution, list[Finding]]:
    """The attribution of one sentence and the findings of an article made of it alone."""
    article = Article.create(text)
    sentence = Sentence(article.id, 0, 0, len(text), text)
    attributions = attribute([text], kb=kb)
    return attributions[0], sourcing_findings(article, [sentence], attributions, None, kb=kb)


def _source_matches(found: str | None, expected: str | None) -> bool:
    if found is None or expected is None:
        return found is expected
    a, b = found.casefold(), expected.casefold()
    return a in b or b in a


def _params() -> list[Any]:
    return [pytest.param(item, id=f"{index:03d}-{item.kind}",
                         marks=[pytest.mark.xfail(reason=item.xfail, strict=True)]
                         if item.xfail else [])
            for index, item in enumerate(ITEMS)]


def test_set_is_large_and_balanced() -> None:
    kinds = {item.kind for item in ITEMS}
    assert len(ITEMS) >= 80
    assert {item.batch for item in ITEMS} == {"main", "heldout"}
    assert kinds == {"state_media", "outlet", "person", "body", "vague", "none"}
    assert sum(item.finding for item in ITEMS) >= 20
    assert sum(item.kind == "vague" and not item.finding for item in ITEMS) >= 10


@pytest.mark.parametrize("item", _params())
def test_item(item: Item, kb: KnowledgeBase) -> None:
    attribution, findings = _analyse(item.text, kb)
    vague = [f for f in findings if f.kind == "vague_attribution"]
    assert attribution.kind == item.kind, attribution
    assert _source_matches(attribution.source, item.source), attribution
    assert bool(vague) == item.finding, vague
    if item.severity is not None:
        assert vague[0].severity == item.severity


@dataclass(frozen=True)
class Scores:
    items: int
    xfails: int
    right_kind: int
    true_pos: int
    false_pos: int
    false_neg: int

    @property
    def accuracy(self) -> float:
        return self.right_kind / self.items

    @property
    def precision(self) -> float:
        flagged = self.true_pos + self.false_pos
        return self.true_pos / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        expected = self.true_pos + self.false_neg
        return self.true_pos / expected if expected else 0.0

    def line(self, name: str) -> str:
        return (f"{name}: {self.items} items ({self.xfails} xfail); kind accuracy "
                f"{self.accuracy:.3f} ({self.right_kind}/{self.items}); vague_attribution "
                f"precision {self.precision:.3f} ({self.true_pos}/"
                f"{self.true_pos + self.false_pos}), recall {self.recall:.3f} "
                f"({self.true_pos}/{self.true_pos + self.false_neg})")


def _score(items: list[Item], kb: KnowledgeBase) -> Scores:
    right_kind = true_pos = false_pos = false_neg = 0
    for item in items:
        attribution, findings = _analyse(item.text, kb)
        right_kind += attribution.kind == item.kind
        flagged = any(f.kind == "vague_attribution" for f in findings)
        true_pos += flagged and item.finding
        false_pos += flagged and not item.finding
        false_neg += item.finding and not flagged
    return Scores(len(items), sum(item.xfail is not None for item in items), right_kind,
                  true_pos, false_pos, false_neg)


def test_quality_floors(kb: KnowledgeBase) -> None:
    batches = {"all": ITEMS, "main": [i for i in ITEMS if i.batch == "main"],
               "heldout": [i for i in ITEMS if i.batch == "heldout"]}
    scores = {name: _score(items, kb) for name, items in batches.items()}
    print()
    for name, score in scores.items():
        print(score.line(f"sourcing set, {name}"))
    for name, floors in FLOORS.items():
        assert scores[name].accuracy >= floors["kind_accuracy"], name
        assert scores[name].precision >= floors["vague_precision"], name
        assert scores[name].recall >= floors["vague_recall"], name


def test_spans_are_within_the_sentence(kb: KnowledgeBase) -> None:
    texts = [item.text for item in ITEMS]
    for text, attribution in zip(texts, attribute(texts, kb=kb), strict=True):
        if attribution.kind == "none":
            assert attribution.source is None and attribution.start is None
        else:
            assert attribution.start is not None and attribution.end is not None
            assert text[attribution.start:attribution.end] == attribution.source


def test_attribution_indexes_follow_positions(kb: KnowledgeBase) -> None:
    found = attribute(["Peskov said so.", "It rained.", "Critics say it was rigged."], kb=kb)
    assert [a.sentence for a in found] == [0, 1, 2]
    assert [a.kind for a in found] == ["person", "none", "vague"]


def test_outlet_affiliation_comes_from_the_kb(kb: KnowledgeBase) -> None:
    tass, bbc = attribute(["According to TASS, the talks ended.",
                           "The BBC said the talks ended."], kb=kb)
    assert (tass.kind, tass.affiliation) == ("state_media", "state_media")
    assert (bbc.kind, bbc.affiliation) == ("outlet", "public_service")


def test_accusation_vocabulary() -> None:
    assert accusation_terms("He siphoned aid through shell companies.") == (
        ["siphoned", "shell companies"], True)
    assert accusation_terms("The anti-corruption bureau opened an office.") == ([], False)
    assert accusation_terms("Auditors found no evidence of corruption.") == ([], False)
    assert accusation_terms("The minister mismanaged the budget.")[1] is False


def test_finding_offsets_point_into_the_article(kb: KnowledgeBase) -> None:
    text = ("The summit ended on Friday. Investigative reports allege that the governor "
            "embezzled flood relief money.\n\nMOSCOW, May 4. /TASS/. More talks are planned.")
    article = Article.create(text)
    sentences = segment(article)
    attributions = attribute([s.text for s in sentences], kb=kb)
    findings = sourcing_findings(article, sentences, attributions, None, kb=kb)
    vague = [f for f in findings if f.kind == "vague_attribution"]
    state = [f for f in findings if f.kind == "state_media_origin"]
    assert len(vague) == 1 and vague[0].sentence == 1
    assert vague[0].start is not None and vague[0].end is not None
    assert text[vague[0].start:vague[0].end] == "Investigative reports"
    assert vague[0].evidence[0].text == "Investigative reports"
    assert len(state) == 1 and state[0].start is not None and state[0].end is not None
    assert text[state[0].start:state[0].end] == "TASS"
    assert state[0].evidence[-1].source == "https://en.wikipedia.org/wiki/TASS"


def test_state_media_outlet_of_the_article_itself(kb: KnowledgeBase) -> None:
    article = Article.create("The talks ended.", url="https://tass.com/politics/1")
    findings = sourcing_findings(article, segment(article), [], None, kb=kb)
    assert [(f.kind, f.severity, f.confidence) for f in findings] == [
        ("state_media_origin", "medium", 1.0)]
    assert findings[0].evidence[0].kind == "outlet"
    assert findings[0].evidence[0].source == "https://en.wikipedia.org/wiki/TASS"
    named = Article.create("The talks ended.", outlet="RIA Novosti")
    by_name = sourcing_findings(named, segment(named), [], None, kb=kb)
    assert by_name[0].confidence < 1 and "name only" in by_name[0].message


def test_claim_type_accusation_counts(kb: KnowledgeBase) -> None:
    text = "Observers say the governor quietly handed the port to a friend."
    article = Article.create(text)
    sentences = segment(article)
    attributions = attribute([text], kb=kb)
    assert sourcing_findings(article, sentences, attributions, None, kb=kb) == []
    claims = [Claim(0, 0.9, "accusation", True)]
    found = sourcing_findings(article, sentences, attributions, claims, kb=kb)
    assert [f.kind for f in found] == ["vague_attribution"]
    assert found[0].confidence < 0.9 and "claim classifier" in found[0].message


def _field_articles() -> list[Article]:
    from launderlens.ingest.readers import ReadOptions, Source, read_source

    if not FIELD.is_dir():
        pytest.skip(f"field articles not present at {FIELD}")
    articles = []
    for path in sorted(FIELD.glob("0*.txt")):
        articles += [a for a in read_source(Source.from_path(path), ReadOptions())
                     if isinstance(a, Article)]
    return articles


def test_field_articles(kb: KnowledgeBase) -> None:
    first, second = _field_articles()
    for article in (first, second):
        sentences = segment(article)
        attributions = attribute([s.text for s in sentences], kb=kb)
        findings = sourcing_findings(article, sentences, attributions, None, kb=kb)
        vague = [f for f in findings if f.kind == "vague_attribution"]
        flagged = {article.text[f.start:f.end] for f in vague if f.start is not None}
        assert "Investigative reports" in flagged
        assert all(f.severity == "high" for f in vague
                   if article.text[f.start or 0:f.end or 0] == "Investigative reports")
        state = [f for f in findings if f.kind == "state_media_origin"]
        if article is first:
            assert [article.text[f.start or 0:f.end or 0] for f in state] == ["TASS"]
            assert "a leaked document" in flagged
        else:
            assert state == []
