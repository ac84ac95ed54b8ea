"""Quality gate: the verdict on every copy sentence must not fall below the pinned floors.

Measured by ``evals/align_verdicts.py`` (see its docstring): on the hand-aligned gold of the
demo corpus and of the pairs written for it (``tests/data/alignment``; the ``heldout`` pairs were
written after the weights were set and never used to set them), pair precision and
recall and per-sentence verdict accuracy; on the field pair (``../shared/field``), the reader's
pairs found and the pairs a reader would not make; on programmatically corrupted LLM
paraphrases, the ROC-AUC of the copy's ``manipulation`` score (corrupted against clean). The
corruption gates run on the EVALUATION part only (LLMFake CoAID and SheepDog restyles), never
on GossipCop, where the verdict weights were set; they use a fixed sample of copies, chosen
by the evaluation's seed, to stay under a minute (lexical) and a minute and a half (semantic).

Floors sit a little below the values measured when they were pinned (in the comments); raise
them on purpose when verdicts improve, never lower them to let a change pass. The targets of
issue 13 that the code does not reach yet are strict=False xfails: they pass on their own
when reached. Full figures: ``python evals/align_verdicts.py [--semantic]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from launderlens.rewrites.similarity import semantic_available

MODES = ["lexical", pytest.param("semantic", marks=[
    pytest.mark.slow,
    pytest.mark.skipif(not semantic_available(), reason="semantic backend not installed")])]

# (mode, source) -> clean copies sampled for the corruption gates (each is compared clean and
# with up to eight corruptions); CoAID has 60 in all. Encoding dominates the semantic runs.
SAMPLE = {("lexical", "coaid"): 150, ("lexical", "sheepdog"): 150,
          ("semantic", "coaid"): 60, ("semantic", "sheepdog"): 20}

# (mode, gold set) -> floors. Measured values in the comments.
GOLD_FLOORS: dict[tuple[str, str], dict[str, float]] = {
    # Raised with specific shared content and adjacent merges (issue 13, third round): the
    # written set grew by three pairs (pair_14 to pair_16, merged retellings and the copy's
    # own commentary), so its figures are not comparable with those pinned before them.
    ("lexical", "demo"): {"pair_precision": 0.95, "pair_recall": 0.87,      # 0.973, 0.895
                          "verdict_accuracy": 0.92},                        # 0.947
    # Raised with quotes in any style, merges that need content of their own and topic
    # collocations that count nothing (issue 13, fourth round); the written set grew by three
    # pairs (pair_17 to pair_19) that carry those classes.
    # Fifth round: three more pairs (pair_22 to pair_24, commentary in the story's words of
    # stance) measured .975 precision before words of stance counted nothing.
    ("lexical", "written"): {"pair_precision": 0.98, "pair_recall": 0.95,   # 0.992, 0.963
                             "verdict_accuracy": 0.90},                     # 0.935
    # Semantic recall on the demo was 0.921 at 0.911 precision when first pinned; the link
    # model now keeps the lexical evidence and adds the embedding's margin, trading recall
    # for precision (0.855 at 0.957, then 0.908 at 0.986) and verdicts (0.773 -> 0.933).
    ("semantic", "demo"): {"pair_precision": 0.96, "pair_recall": 0.88,     # 0.986, 0.908
                           "verdict_accuracy": 0.91},                       # 0.933
    ("semantic", "written"): {"pair_precision": 0.98, "pair_recall": 0.96,  # 0.992, 0.975
                              "verdict_accuracy": 0.92},                    # 0.954
    # Written after the weights were set and never used to set them: the held-out gold.
    ("lexical", "heldout"): {"pair_precision": 0.95, "pair_recall": 0.85,   # 1.0, 0.886
                             "verdict_accuracy": 0.90},                     # 0.921
    # Semantic recall fell from 0.943 with the link evidence of the new development pairs
    # (no merge with a source sentence another copy sentence retells better; read once, at
    # the end, and not tuned on): precision 0.971 -> 1.0.
    ("semantic", "heldout"): {"pair_precision": 0.97, "pair_recall": 0.91,  # 1.0, 0.914
                              "verdict_accuracy": 0.92},                    # 0.947
}
# (mode, source) -> floor of the manipulation ROC-AUC, corrupted against clean copies. Raised
# with the role, polarity, cause and hedge readings of issue 13 and the refitted weights, and
# (lexical) with the readings of rewrites/omissions.py and the weights refitted with them
# (0.625 and 0.629 before).
CORRUPTION_FLOORS: dict[tuple[str, str], float] = {
    # Lexical 0.672 and 0.652 before the refit with `widened`, 0.668 and 0.640 after it,
    # 0.669 and 0.646 with the added-claim floors and weak readings bounded; on the final
    # detectors of that round 0.670 and 0.645 with those weights, 0.669 and 0.645 refitted.
    ("lexical", "coaid"): 0.65, ("lexical", "sheepdog"): 0.63,    # 0.669, 0.645
    ("semantic", "coaid"): 0.62, ("semantic", "sheepdog"): 0.61,  # 0.646, 0.637
}
# (mode, source) -> ceiling of the share of clean copies' sentences called changed: each
# clean copy retells its source faithfully, so every "changed" there is a false alarm that
# a report would quote (measured in the comments; before the role, polarity, cause and
# hedge readings of issue 13: lexical CoAID 0.034, SheepDog 0.049).
CLEAN_CHANGED_CEILINGS: dict[tuple[str, str], float] = {
    ("lexical", "coaid"): 0.03, ("lexical", "sheepdog"): 0.04,    # 0.024, 0.032
    ("semantic", "coaid"): 0.03, ("semantic", "sheepdog"): 0.06,  # 0.021, 0.053 (20 copies)
}
# mode -> (reader pairs found at least, pairs a reader would not make at most) on the field pair.
# Issue 13's third round (specific shared content, adjacent merges; read once at the end, not
# tuned on) found more reader pairs (lexical 5 -> 6, semantic 7 -> 9) and made more pairs a
# reader would not make (lexical 2 -> 4, semantic 4 -> 6): the ceilings moved up with the
# floors, on purpose and named in the closing note, rather than tuning on the field pair.
# The fourth round (quotes in any style, merges that need content of their own, topic
# collocations; read once at the end, not tuned on) made one semantic pair fewer that a reader
# would not make (6 -> 5); the ceiling follows it down. Lexical unchanged.
# Then the first source of a merged link (a source that shares only the opening title and
# name is passed over) found every reader pair semantically (9 -> 10; lexical 6 -> 7). A
# one-rare-word link rule that removed no development link but one field link was taken out
# again: a rule resting on the field pair alone is tuning on it. Semantic unwanted 5 -> 6.
# Fifth round (words of stance and the phrases they frame count as no shared fact; a second
# source shares more than topic words; the name a source sentence opens with brings nothing
# to a merge; development pairs pair_22 to pair_24): unwanted pairs lexical 4 -> 1, semantic
# 6 -> 1, and one semantic reader pair lost (10 -> 9): the floor follows it down on purpose,
# with the ceilings. The classes of this round were named by reading the field pair's
# unwanted links, and the list of words of stance holds the words they share: from here the
# field pair is development data, not a measure on text the code was not tuned on.
# Later (a merge of two adjacent source sentences that neither links alone; a copy
# sentence sharing only topic words retells no source sentence elsewhere; an opening clause
# about a person is no title and name; a stem counts only as forms of one word): reader
# pairs lexical 7 -> 9, semantic 9 -> 10, unwanted 1 -> 0 in both, the development pairs'
# links unchanged in both modes.
FIELD_FLOORS = {"lexical": (9, 0),    # measured: 9 found, 0 unwanted
                "semantic": (10, 0)}  # measured: 10 found, 0 unwanted

FIGURE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")


@pytest.fixture(scope="module")
def verdicts(load_eval: Callable[[str], ModuleType]) -> ModuleType:
    return load_eval("align_verdicts")


_COMPARERS: dict[str, Any] = {}


def comparer(module: ModuleType, mode: str) -> Any:
    """One comparer per mode for the whole module (the semantic one loads a model)."""
    if mode not in _COMPARERS:
        _COMPARERS[mode] = module.make_comparer(mode == "semantic")
    return _COMPARERS[mode]


def _below(measured: dict[str, Any], floors: dict[str, float]) -> dict[str, Any]:
    return {k: measured[k] for k, floor in floors.items()
            if measured[k] is None or measured[k] < floor}


# --- the gold sets ---------------------------------------------------------------------------

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("gold", ["demo", "written", "heldout"])
def test_gold_alignment_and_verdicts_hold_their_floors(verdicts: ModuleType, mode: str,
                                                       gold: str) -> None:
    pairs = getattr(verdicts, f"{gold}_pairs")()
    result = verdicts.evaluate_gold(comparer(verdicts, mode), pairs)
    below = _below(result, GOLD_FLOORS[(mode, gold)])
    assert not below, (mode, gold, below, result)


def _figures(text: str) -> set[str]:
    return {f.replace(",", "") for f in FIGURE.findall(text)}


@pytest.mark.parametrize("mode", MODES)
def test_demo_sentences_stating_the_same_figures_are_linked(verdicts: ModuleType,
                                                            mode: str) -> None:
    """Issue 13: every origin/copy sentence pair of the demo corpus that states the same two
    or more figures is linked, in a pair of the alignment or in the verdict's sources."""
    unlinked, checked = [], 0
    for pair in verdicts.demo_pairs():
        result = comparer(verdicts, mode).compare(pair.a, pair.b).as_dict()
        reading = verdicts.read(result)
        for i, a_text in enumerate(reading.a_sentences):
            for j, b_text in enumerate(reading.b_sentences):
                if len(_figures(a_text) & _figures(b_text)) < 2:
                    continue
                checked += 1
                if (i, j) not in reading.links and i not in reading.sources[j]:
                    unlinked.append((pair.name, i, j, b_text[:60]))
    assert checked >= 4  # the money sentences of every copy, at least
    assert not unlinked, (mode, unlinked)


def test_gold_files_match_the_segmentation(verdicts: ModuleType) -> None:
    """A gold prefix that no longer opens its sentence is an error, not a misreading."""
    pair = verdicts.written_pairs()[0]
    reading = verdicts.read(comparer(verdicts, "lexical").compare(pair.a, pair.b).as_dict())
    verdicts.check_segmentation(pair, reading)
    shifted = type(pair)(pair.name, pair.kind, pair.a, pair.b, pair.a_prefixes[1:], pair.gold)
    with pytest.raises(verdicts.GoldMismatch):
        verdicts.check_segmentation(shifted, reading)


def test_fallback_reading_follows_the_issue(verdicts: ModuleType) -> None:
    """Without verdicts: added -> added, a pair with a change -> changed, else supported, and
    manipulation is the share of added sentences."""
    sentences = [{"text": t} for t in ("One.", "Two.", "Three.", "Four.")]
    result = {"a": {"sentences": sentences[:2]}, "b": {"sentences": sentences},
              "pairs": [{"a": [0], "b": [0]}, {"a": [1], "b": [1, 2]}], "added": [3],
              "changes": [{"a": 1, "b": 2, "kind": "number"}]}
    reading = verdicts.read(result)
    assert reading.fallback
    assert reading.verdicts == ("supported", "supported", "changed", "added")
    assert reading.sources == ((0,), (1,), (1,), ())
    assert reading.manipulation == 0.25


# --- the field pair --------------------------------------------------------------------------

def _field(verdicts: ModuleType, mode: str) -> dict[str, Any]:
    if not verdicts.field_available():
        pytest.skip(f"the field articles are not present under {verdicts.FIELD}")
    result: dict[str, Any] = verdicts.evaluate_field(comparer(verdicts, mode))
    return result


@pytest.mark.parametrize("mode", MODES)
def test_field_pair_holds_its_floors(verdicts: ModuleType, mode: str) -> None:
    result = _field(verdicts, mode)
    found, unwanted = FIELD_FLOORS[mode]
    assert result["reader_pairs_found"] >= found, result
    assert result["unwanted_pairs"] <= unwanted, result
    assert result["insertions_added"] == result["insertions"], result


# Issue 13's target: 10 of 10 reader pairs, at most 2 a reader would not make; reached in
# semantic mode, not yet in lexical mode (9 of 10).
@pytest.mark.parametrize("mode", [
    pytest.param("lexical", marks=pytest.mark.xfail(strict=True, reason="9 of 10 reader pairs")),
    MODES[1]])
def test_field_pair_reaches_the_issue_target(verdicts: ModuleType, mode: str) -> None:
    result = _field(verdicts, mode)
    assert result["reader_pairs_found"] == 10 and result["unwanted_pairs"] <= 2, result


# --- corrupted paraphrases (evaluation part only) ----------------------------------------------

@pytest.fixture(scope="module")
def corruption_data(verdicts: ModuleType) -> ModuleType:
    if not verdicts.corruptions_available():
        pytest.skip("LLMFake or SheepDog data not found (they live in ../shared/data)")
    return verdicts


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("source", ["coaid", "sheepdog"])
def test_manipulation_separates_corrupted_from_clean_copies(corruption_data: ModuleType,
                                                            mode: str, source: str) -> None:
    result = corruption_data.evaluate_corruptions(comparer(corruption_data, mode), source,
                                                  limit=SAMPLE[(mode, source)])
    assert result["part"] == "eval"
    floor = CORRUPTION_FLOORS[(mode, source)]
    assert result["auc"] is not None and result["auc"] >= floor, (mode, source, result)
    ceiling = CLEAN_CHANGED_CEILINGS[(mode, source)]
    assert result["clean_changed_rate"] <= ceiling, (mode, source, result)


def test_corruptions_plant_one_labelled_change(load_eval: Callable[[str], ModuleType]) -> None:
    corrupt = load_eval("verdict_corruptions")
    clean = ["The council approved a budget of 2.7 billion euros on Tuesday.",
             "Mayor Ana Ruiz said the plan would probably cut waiting lists.",
             "According to the Finance Office, spending rose in March 2024.",
             "Ana Ruiz thanked Pedro Lopez for his support."]
    others = [["The river rose by 3.4 metres near Castellan after heavy rain last week."]]
    copies = corrupt.corrupt(clean, "key", 7, others)
    assert copies == corrupt.corrupt(clean, "key", 7, others)  # deterministic
    kinds = {c.kind: c for c in copies}
    assert set(kinds) == set(corrupt.KINDS)
    for c in copies:
        differs = [j for j, (x, y) in enumerate(zip(clean, c.sentences, strict=False)) if x != y]
        if c.kind == "inserted":
            assert len(c.sentences) == len(clean) + 1 and c.sentences[c.sentence] == c.after
        else:
            assert differs == [c.sentence] and c.sentences[c.sentence] == c.after, c
    assert "2.7 billion" not in kinds["number"].after and "billion" in kinds["number"].after
    assert "Finance Office" not in kinds["attribution"].after
    assert "probably" not in kinds["hedge"].after or "reportedly" in kinds["hedge"].after


# --- written manipulations and real ChatGPT paraphrases (the manipulation score) -------------

# The held half of tests/data/manipulation (never read by evals/fit_manipulation.py): the
# ROC-AUC of ``manipulation`` of whole-article rewrites that slip in false information against
# pure paraphrases, lexical mode, and how often a driver is a sentence that carries it.
WRITTEN_FLOORS = {"auc": 0.83,                    # measured 0.852 (0.694 before omissions.py;
                                                  # 0.852 after the refit with `firmed`,
                                                  # 0.815 after the one with `widened`,
                                                  # 0.852 with added-claim floors and weak
                                                  # readings bounded, 0.852 refitted on the
                                                  # final detectors, 0.833 refitted after the
                                                  # date/cause/source readings)
                  "drivers_on_labelled": 0.60}    # measured 0.667
# Real LLMFake CoAID ChatGPT paraphrases (never fitted on): the share scoring above 0.5.
REAL_PARAPHRASES = 40
REAL_FALSE_CEILING = 0.10                         # measured 0.050 (0.100 on 60; 0.050 on
                                                  # 60 with weak readings bounded, and
                                                  # refitted on the final detectors)


@pytest.fixture(scope="module")
def written(load_eval: Callable[[str], ModuleType]) -> ModuleType:
    return load_eval("manipulation_written")


def test_written_manipulations_score_above_their_paraphrases(written: ModuleType) -> None:
    copies = [c for c in written.load() if c.half == "held"]
    assert {c.kind for c in copies} == {"paraphrase", *written.KINDS}
    rows = written.evaluate(written.Comparer(semantic=False), copies)
    held = written.summarise(rows)["held"]
    below = _below(held, WRITTEN_FLOORS)
    assert not below, (below, held)


def test_written_labels_match_the_segmentation(written: ModuleType) -> None:
    """A labelled opening that opens no sentence of its copy is an error, not a miss."""
    copy = next(c for c in written.load() if c.sentences)
    comparison = written.Comparer(semantic=False).compare_texts(copy.origin, copy.text)
    assert written.labelled(copy, comparison)
    with pytest.raises(written.GoldMismatch):
        written.labelled(copy._replace(sentences=("No sentence opens with this",)), comparison)


def test_real_paraphrases_rarely_score_as_manipulated(written: ModuleType) -> None:
    align_llmfake = written._llmfake()
    if not align_llmfake.available():
        pytest.skip("LLMFake not found (it lives in ../shared/data)")
    result = written.real_paraphrases(written.Comparer(semantic=False), REAL_PARAPHRASES,
                                      splits=("coaid",))["coaid"]
    assert result["copies"] >= REAL_PARAPHRASES - 5
    assert result["above_half"] <= REAL_FALSE_CEILING, result
