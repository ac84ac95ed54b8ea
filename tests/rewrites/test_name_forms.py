"""One name written two ways is no change of name: initials whose last point the sentence
took ("U.S" against "American"), capitals that abbreviate the other side's name ("AP" and
"Associated Press", "P&W" and "Pratt & Whitney"), a name with and without its accents; and a
surname one letter apart is a change to check, not a certain one (fictional sentences
written for these tests)."""

from __future__ import annotations

import pytest

from launderlens.rewrites.align import align_sentences
from launderlens.rewrites.changes import alignment_changes
from launderlens.rewrites.name_changes import abbreviates, misspelt
from launderlens.rewrites.roles import read_names

from .conftest import fragments


@pytest.mark.parametrize(("a", "b"), [
    ("The U.S. envoy to Velm said the port would reopen on Monday.",
     "The American envoy to Velm said the port would reopen on Monday."),
    ("Not one U.S. state met the target, Kowal said.",
     "Not one American state met the target, Kowal said."),
    ("The Associated Press reported that the mill in Velm had closed.",
     "The AP reported that the mill in Velm had closed."),
    ("Engines from Pratt & Whitney power the new ferries of Velm.",
     "Engines from P&W power the new ferries of Velm."),
    ("Prosecutor Marta Jiménez told the court in Velm that the ledger was forged.",
     "Prosecutor Marta Jimenez told the court in Velm that the ledger was forged."),
])
def test_one_name_written_another_way_is_no_name_change(a: str, b: str) -> None:
    assert fragments(a, b, "name") == []
    assert fragments(b, a, "name") == []


@pytest.mark.parametrize(("a", "b"), [
    ("Mayor Laczynski opened the bridge in Velm on Monday.",
     "Mayor Lacsynski opened the bridge in Velm on Monday."),
    ("General Jeffrey led the parade through Velm.",
     "General Jeffery led the parade through Velm."),
])
def test_a_surname_one_letter_apart_is_a_change_to_check(a: str, b: str) -> None:
    assert fragments(a, b, "name") != []
    assert fragments(a, b, "name", certain=True) == []


@pytest.mark.parametrize(("a", "b"), [
    ("Mayor Kowal opened the bridge in Velm on Monday.",
     "Mayor Dahl opened the bridge in Velm on Monday."),
    ("The Associated Press reported that the mill in Velm had closed.",
     "The BBC reported that the mill in Velm had closed."),
])
def test_another_name_is_still_a_certain_change(a: str, b: str) -> None:
    assert fragments(a, b, "name", certain=True) != []


@pytest.mark.parametrize(("short", "name", "expected"), [
    ("AP", "Associated Press", True),
    ("DNC", "Democratic National Committee Chairman", True),
    ("P&W", "Pratt & Whitney", True),
    ("NATO", "North Atlantic Treaty Organization", True),
    ("S.& P.", "Standard & Poor's", True),
    ("BBC", "Associated Press", False),
    ("Ap", "Associated Press", False),
    ("A", "Associated Press", False),
    ("AP", "Press", False),
])
def test_capitals_abbreviate_the_first_letters_of_a_name(
        short: str, name: str, expected: bool) -> None:
    assert abbreviates(short, name) is expected


@pytest.mark.parametrize(("x", "y", "expected"), [
    ("Laczynski", "Lacsynski", True),
    ("Jeffrey", "Jeffery", True),
    ("Kowalski", "Kowalsky", True),
    ("Holm", "Helm", False),  # too short to tell a slip from another name
    ("Kowal", "Dahlberg", False),
    ("Kowal", "Kowal", False),
])
def test_a_slip_of_one_letter_in_a_long_surname(x: str, y: str, expected: bool) -> None:
    assert misspelt(x, y) is expected


def test_a_middle_initial_the_source_leaves_out_brings_in_no_new_name() -> None:
    a = ["Judge Anna Kowal dissented in an opinion joined by Chief Judge Piotr Dahl and "
         "Judge Ewa Holm."]
    b = ["She was joined by Chief Judge Piotr K. Dahl and Judge Ewa Holm."]
    changes = alignment_changes(align_sentences(a, b), a, b)
    assert [c for c in changes if c.kind == "name"] == []
    b = ["Judge Marek Wrona was joined by Chief Judge Piotr Dahl and Judge Ewa Holm."]
    changes = alignment_changes(align_sentences(a, b), a, b)
    assert any("Wrona" in c.b_text for c in changes if c.kind == "name")


@pytest.mark.parametrize(("text", "names"), [
    ("The vote is unclear. Because the mill closed, Velm waits.", ["Velm"]),
    ("Remember, The Velm Herald prints every week.", ["Velm Herald"]),
    ("Kowal left the port. Kowal came back on Monday.", ["Kowal", "Kowal"]),
    ("Brig. Gen. Piotr Dahl visited the port.", ["Brig. Gen. Piotr Dahl"]),
    ("Dr. Anna Holm met the mayor of Velm.", ["Dr. Anna Holm", "Velm"]),
])
def test_a_word_that_only_opens_a_sentence_is_no_name(text: str, names: list[str]) -> None:
    assert [n.text for n in read_names(text)] == names


def test_a_known_name_that_opens_a_later_sentence_of_a_group_is_still_a_name() -> None:
    # The tables know "Putin" and "Medvedev"; opening the group's first sentence, either
    # was already read as a name.
    a = "The talks on the port of Velm ended on Friday. Putin left for Moscow at once."
    b = "The talks on the port of Velm ended on Friday. Medvedev left for Moscow at once."
    assert fragments(a, b, "name") == [("Putin", "Medvedev")]


@pytest.mark.parametrize(("a", "b"), [
    ("The court in Velm upheld Kowal v. Dahl on Monday.",
     "The court in Velm upheld Kowal v. Holm on Monday."),
    ("The court in Velm cited Kowal vs. Dahl in its ruling.",
     "The court in Velm cited Kowal vs. Holm in its ruling."),
])
def test_a_name_after_a_small_abbreviation_opens_no_sentence(a: str, b: str) -> None:
    assert fragments(a, b, "name") == [("Dahl", "Holm")]


@pytest.mark.parametrize("text", ["", "...", " — ", "?!"])
def test_a_text_without_words_has_no_names_and_no_name_change(text: str) -> None:
    assert read_names(text) == []
    assert fragments(text, "Mayor Kowal opened the bridge.", "name") == []
    assert fragments("Mayor Kowal opened the bridge.", text, "name") == []
