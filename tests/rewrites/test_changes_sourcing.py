"""Which source and hedge changes are certain: a vague speaker both sides name, a hedge the
copy keeps in other words or leaves open, against a named source turned vague and a hedge
dropped with its source (fictional sentences written for these tests)."""

from __future__ import annotations

import pytest

from launderlens.rewrites.changes import pair_changes


def _certain(a: str, b: str) -> list[str]:
    return sorted(c.kind for c in pair_changes(a, b) if c.certain)


@pytest.mark.parametrize(("a", "b"), [
    # the vague speaker is the source's own; only the outlet that relayed it is dropped
    ('"The mayor is exhausted," a source told Harbour Weekly.',
     "According to a source, the mayor is exhausted."),
    ("An insider told Harbour Weekly that the band had split.",
     "Insiders claim the band had split."),
])
def test_an_outlet_dropped_behind_the_same_vague_speaker_is_not_certain(a: str, b: str) -> None:
    assert _certain(a, b) == []


@pytest.mark.parametrize("b", ["It was reported that the mayor is exhausted.",
                               "According to a source, the mayor is exhausted."])
def test_a_named_outlet_turned_vague_is_certain(b: str) -> None:
    assert _certain("The mayor is exhausted, Harbour Weekly reported.", b) == ["attribution"]


@pytest.mark.parametrize(("a", "b"), [
    # the vague word stands in the named side, but not as who spoke
    ("The port authority said the source of the spill was a tanker.",
     "Sources said the spill came from a tanker."),
    ("The fire chief said officials were warned of the blaze.",
     "According to officials, the blaze had been expected."),
])
def test_a_vague_word_outside_the_speakers_slot_is_no_speaker_named(a: str, b: str) -> None:
    assert _certain(a, b) == ["attribution"]


@pytest.mark.parametrize("a", [
    "Officials close to the mayor told Harbour Weekly she would resign.",
    "An official close to the long-serving 61-year-old mayor told Harbour Weekly she "
    "would resign.",
    "According to Harbour Weekly's unnamed official source, the mayor would resign.",
])
def test_a_vague_speaker_in_the_speakers_slot_on_both_sides_is_not_certain(a: str) -> None:
    assert _certain(a, "According to officials, the mayor will resign.") == []


def test_the_documents_a_named_speaker_spoke_in_are_the_vague_sides_own() -> None:
    assert _certain("The coach was fined, the league's panel said in written documents "
                    "released on Friday.",
                    "The coach was fined, according to documents released on Friday.") == []


def test_reports_the_source_mentions_are_no_speaker_it_names() -> None:
    assert _certain("Harbour Weekly reported that she is dating again and reports of a "
                    "wedding are false.", "According to reports, she is dating again.") == [
        "attribution"]


@pytest.mark.parametrize(("a", "b"), [
    # "appear" is no sure hedge
    ("The ferry did not appear in any photos from the launch, the Harbour Times said.",
     "Despite not appearing in the photos, the ferry was present at the launch."),
    # the copy keeps a hedge in other words
    ("The bid was reportedly accepted by the council, the Harbour Times said.",
     "The bid, rumoured for weeks, has been accepted by the council."),
    # an infinitive and a "whether" leave the head open
    ("The coach hoped the striker could start training next week, the club said.",
     "The coach wanted the striker to start training next week."),
    ("Fans asked whether the pair could make the duet work, the Harbour Times said.",
     "Fans wondered whether the pair can make the duet work."),
])
def test_a_hedge_the_copy_keeps_or_leaves_open_is_not_certain_with_its_source(
        a: str, b: str) -> None:
    assert _certain(a, b) == []


def test_a_hedge_dropped_with_its_source_is_certain() -> None:
    assert _certain("The bank said a rate cut could come in spring.",
                    "A rate cut will come in spring.") == ["attribution", "hedge"]
    assert _certain("Police are reportedly treating the fire as arson.",
                    "Police are treating the fire as arson.") == ["hedge"]


@pytest.mark.parametrize(("a", "b"), [
    # the named speaker is left in the claim; the claim now rests on papers
    ("The harbour board said the permits were faked.",
     "Records show the harbour board's permits were faked."),
    ("Records show the bakery sold the flour at cost.",
     "The bakery said it sold the flour at cost."),
    # a vague word the named speaker reports now speaks for itself
    ("Governor Lind told the assembly that analysts had warned of the shortfall.",
     "Analysts said they had warned of the shortfall."),
])
def test_a_named_source_traded_for_vague_sourcing_it_only_appears_in_is_certain(
        a: str, b: str) -> None:
    assert _certain(a, b) == ["attribution"]


@pytest.mark.parametrize(("a", "b"), [
    ("The harbour board said the permits were faked.",
     "The harbour board's records show the permits were faked."),
    ("Records show the bakery sold the flour at cost.",
     "The bakery sold the flour at cost, according to records."),
    ("Governor Lind told the assembly that analysts had warned of the shortfall.",
     "Analysts had warned of the shortfall, Governor Lind told the assembly."),
    # the vague speaker speaks on the named side too
    ("Analysts told Governor Lind they had warned of the shortfall.",
     "Analysts said they had warned of the shortfall."),
    # the vague sourcing is shared, owned by the named outlet, names itself, or is only
    # what a speaker spoke of
    ("According to the report, Ostrom told the jury he had moved the crates.",
     "It is alleged that Ostrom admitted moving the crates."),
    ("According to a report in the Valley Ledger, the pair will marry in June.",
     "According to the Valley Ledger, the pair will marry in June."),
    ("The wedding is off, Ostrom's publicist told Harbour Weekly.",
     "Ostrom's publicist denied the wedding report, according to Harbour Weekly."),
])
def test_the_same_sources_in_other_words_are_not_certain(a: str, b: str) -> None:
    assert _certain(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    ("Councillor Brandt said the ferry pier was sinking.",
     "Engineers said the ferry pier was sinking."),
    ("Professor Ines Moll said the reservoir was poisoned.",
     "Researchers said the reservoir was poisoned."),
    ("Researchers said the reservoir was poisoned.",
     "Professor Ines Moll said the reservoir was poisoned."),
    ("Dr Amadi said the ward had run out of oxygen.",
     "The ward had run out of oxygen, scientists said."),
])
def test_a_named_speaker_retold_as_a_bare_crowd_is_certain(a: str, b: str) -> None:
    assert _certain(a, b) == ["attribution"]


@pytest.mark.parametrize(("a", "b"), [
    ("Engineers said the ferry pier was sinking.",
     "The ferry pier was sinking, engineers said."),
    ("Researchers said the reservoir was poisoned.",
     "The reservoir was poisoned, according to researchers."),
    # a body of its own, or a crowd with its name after it, is no vague source
    ("The fraud office said the invoices were forged.",
     "The invoices were forged, prosecutors say."),
    ("Tomas Berg of Ardel University said the bridge could close.",
     "The bridge could close, according to political analyst Tomas Berg."),
    ("The election board said turnout was low.",
     "Turnout was low, according to official results."),
])
def test_a_crowd_kept_or_a_source_still_named_is_not_certain(a: str, b: str) -> None:
    assert _certain(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    # the present tense of a saying verb credits its subject, as the past tense does
    ("Harbour Weekly reports that the mayor has resigned.",
     "According to reports, the mayor has resigned."),
    ("Harbour Weekly reveals the mayor has resigned.", "Sources said the mayor has resigned."),
    # one person, named by a pronoun, retold as a crowd of vague sources
    ('"The dam will hold," he told reporters at the quay.',
     'Sources told reporters at the quay, "The dam will hold."'),
])
def test_a_named_speaker_in_the_present_tense_or_a_pronoun_turned_vague_is_certain(
        a: str, b: str) -> None:
    assert _certain(a, b) == ["attribution"]


@pytest.mark.parametrize(("a", "b"), [
    # a crowd inside the sentence, with any common saying verb, is vague sourcing
    ("Harbour Weekly claimed in May that the mayor had resigned.",
     "In May, sources reported that the mayor had resigned."),
    ("Ilse Varga said the pair had split after the gala.",
     "After the gala, sources stated that the pair had split."),
    ("Councillor Brandt told the council that the pier was sinking.",
     "At the meeting, insiders noted that the pier was sinking."),
])
def test_a_named_speaker_retold_as_a_crowd_with_another_saying_verb_is_certain(
        a: str, b: str) -> None:
    assert _certain(a, b) == ["attribution"]


@pytest.mark.parametrize(("a", "b"), [
    ("In May, sources reported that the mayor had resigned.",
     "Sources said in May that the mayor had resigned."),
    ("Insiders told the paper that the pier was sinking.",
     "The pier was sinking, sources confirmed to the paper."),
])
def test_a_crowd_with_another_saying_verb_on_both_sides_is_not_certain(a: str, b: str) -> None:
    assert _certain(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    # a source in the present tense that the copy still names
    ("Harbour Weekly reports that the mayor has resigned.",
     "According to Harbour Weekly, the mayor has resigned."),
    # plural nouns that are no saying verbs
    ("The insurance claims rose in May.", "Insurance claims went up in May, officials said."),
    ("The member states agreed on the budget.",
     "The member states agreed on the budget, according to reports."),
    # claims that are denied are what is said, not who says it
    ("A spokesman denied Harbour Weekly's claims that the mayor had resigned.",
     "A spokesman denies the claims that the mayor had resigned."),
])
def test_a_present_tense_source_kept_or_a_plural_noun_raises_no_certain_change(
        a: str, b: str) -> None:
    assert _certain(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    # the outlet after the report "according to" credits is the source
    ("According to a report in the Harbour Courier, the mayor will resign in May.",
     "According to reports, the mayor will resign in May."),
    # a crowd's word with a capital inside the sentence is an outlet's title
    ("The mayor will resign in May, according to People magazine.",
     "According to reports, the mayor will resign in May."),
    # the outlet a source told, hidden behind vague sourcing
    ("A source told The Harbour Post that the mayor will resign in May.",
     "Insiders claim that the mayor will resign in May."),
])
def test_an_outlet_after_a_report_or_in_a_capitalised_title_turned_vague_is_certain(
        a: str, b: str) -> None:
    assert _certain(a, b) == ["attribution"]


@pytest.mark.parametrize(("a", "b"), [
    ("According to a report in the Harbour Courier, the mayor will resign in May.",
     "The Harbour Courier reported that the mayor will resign in May."),
    # a report dated, not placed in an outlet, still names nobody
    ("According to a report in March, the mayor will resign in May.",
     "According to reports, the mayor will resign in May."),
    # the outlet a named speaker told is who heard it; the speaker is still named
    ("His aide, Ivo Marsh, told The Harbour Post that the mayor will resign in May.",
     "The mayor will resign in May, said his aide, Ivo Marsh."),
    ("His aide, Ivo Marsh, told The Harbour Post that the mayor will resign in May.",
     "The mayor will resign in May, his aide said."),
])
def test_an_outlet_kept_or_a_report_of_no_outlet_raises_no_certain_change(
        a: str, b: str) -> None:
    assert _certain(a, b) == []
