"""Quality gates of the narrative matcher: claim retrieval on CLEF 2020 CheckThat! task 2,
paraphrased EUvsDisinfo cases, and the known narratives of the two field articles.

Floors sit a little below the scores measured when they were pinned (in the comments);
raise them on purpose when matching improves, never lower them to make a change pass. The
fusion weight and calibration were chosen on the CLEF *train* tweets; these gates run on
the *dev* tweets. The lexical gate searches all 10,375 verified claims; the semantic gate,
to stay near a minute of embedding on two cores, searches the dev tweets' gold claims and
2,000 others drawn at random (``python evals/narratives_clef2020.py`` runs the full task).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from launderlens.claims.analyze import Analyzer
from launderlens.cli.common import load_one
from launderlens.embeddings.encoder import load_encoder
from launderlens.narratives import NarrativeMatcher, ensure_starter
from launderlens.rewrites.similarity import semantic_available
from launderlens.store import open_store

FIELD = Path(__file__).resolve().parents[2].parent / "shared" / "field"

# Copies of one claim (the same texts up to quote marks) fold into one hit, so ties between
# them no longer split the two figures; the claim agreement reorders the best hits.
LEXICAL_MAP5 = 0.75            # measured 0.767, then 0.768 folded (all 10,375 claims)
LEXICAL_MAP5_TIES = 0.75       # measured 0.717, then 0.766 folded
SEMANTIC_SUBSET = 2000
FUSION_MAP5_TIES = 0.93        # measured 0.932 with plain quotes, then 0.946 (gold + 2,000)
FUSION_MAP5 = 0.93             # measured 0.942 (import order), then 0.946
EMBEDDINGS_MAP5_TIES = 0.88    # measured 0.886, then 0.901
EUVSDISINFO_TOP5_LEXICAL = 7   # measured 8 of the 20 paraphrases in the top 5


@pytest.fixture(scope="module")
def clef(load_eval: Callable[[str], ModuleType]) -> ModuleType:
    module = load_eval("narratives_clef2020")
    if not module.available():
        pytest.skip(f"CLEF 2020 task 2 data not found under {module.DATA} (it lives in ../shared)")
    return module


@pytest.mark.slow
def test_bm25_retrieval_of_verified_claims_holds_its_floor(clef: ModuleType) -> None:
    bm25 = clef.evaluate("dev", semantic=False)["retrievers"]["bm25"]
    assert bm25["map@5"] >= LEXICAL_MAP5, bm25
    assert bm25["map@5_ties_averaged"] >= LEXICAL_MAP5_TIES, bm25


@pytest.mark.slow
@pytest.mark.skipif(not semantic_available(), reason="semantic backend not installed")
def test_fusion_beats_each_retriever_and_holds_its_floor(clef: ModuleType) -> None:
    result = clef.evaluate("dev", distractors=SEMANTIC_SUBSET)["retrievers"]
    fusion, dense, bm25 = result["fusion"], result["embeddings"], result["bm25"]
    assert fusion["map@5_ties_averaged"] >= FUSION_MAP5_TIES, result
    assert dense["map@5_ties_averaged"] >= EMBEDDINGS_MAP5_TIES, result
    assert fusion["map@5_ties_averaged"] > max(dense["map@5_ties_averaged"],
                                               bm25["map@5_ties_averaged"]), result
    # and the plain BM25 + MiniLM hybrid (reciprocal rank), measured 0.916 (copies folded)
    assert fusion["map@5"] >= FUSION_MAP5, result
    assert fusion["map@5"] > result["plain hybrid"]["map@5"], result


@pytest.mark.slow
def test_paraphrased_euvsdisinfo_cases_are_found(load_eval: Callable[[str], ModuleType]
                                                 ) -> None:
    module = load_eval("narratives_euvsdisinfo")
    if not module.available():
        pytest.skip(f"EUvsDisinfo extract not found at {module.DATA} (it lives in ../shared)")
    result = module.evaluate(semantic=False)
    assert result["records"] == 10_892 and result["problems"] == 0
    assert result["found_in_top"] >= EUVSDISINFO_TOP5_LEXICAL, result


def _field_findings(semantic: bool) -> dict[str, dict[str, str]]:
    """Per field file: the claim of each matched record -> the sentence it was found in."""
    found: dict[str, dict[str, str]] = {}
    with open_store(":memory:") as store:
        ensure_starter(store)
        encoder = load_encoder(required=True) if semantic else None
        analyzer = Analyzer(semantic=False,
                            narratives=NarrativeMatcher(store, encoder=encoder, cache=False))
        for path in sorted(FIELD.glob("*.txt")):
            analysis = analyzer.analyze(load_one(str(path), lambda: store, False))
            found[path.name] = {f.evidence[0].text.split(" \u2014 ")[0]:
                                analysis.sentences[f.sentence].text
                                for f in analysis.findings
                                if f.kind == "known_narrative" and f.sentence is not None}
    return found


@pytest.mark.skipif(not FIELD.is_dir(), reason="field articles not found (../shared/field)")
@pytest.mark.skipif(not semantic_available(), reason="semantic backend not installed")
def test_field_accusations_match_their_narratives_and_neutral_sentences_nothing() -> None:
    found = _field_findings(semantic=True)
    first, second = sorted(found)
    texts = {name: " ".join(sentences.values()).lower() for name, sentences in found.items()}
    # The Miami copy: the aid-theft accusation, the Istanbul ceasefire story, and the
    # closing insinuation that Western leaders keep the war going.
    assert len(found[first]) == 3, found[first]
    assert "siphon" in texts[first] and "ceasefire" in texts[first]
    assert "perpetuating the war" in texts[first]
    # The other copy: its corruption allegations.
    assert found[second] and all("zelensky" in s.lower() for s in found[second].values())
    for sentences in found.values():
        for sentence in sentences.values():  # nothing on the meeting or the troop decision
            assert "elysee" not in sentence.lower() and "refus" not in sentence.lower()
