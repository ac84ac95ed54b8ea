"""Elapsed time counted from any event the knowledge base dates (claims/checks/elapsed.py):
every phrasing class ("N years after", "N months since", "a decade after", "the Nth
anniversary of", "in the Nth year of", "N weeks into"), a slip and a correct statement for
several events, no finding where either counting convention makes the statement true, and
the time line ``analyze --json`` gives.

The statements are written for this test; the publication date is the reference date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from launderlens.claims.checks import dated_checks, temporal_findings
from launderlens.findings import Finding
from launderlens.ingest.segment import segment
from launderlens.kb import KnowledgeBase, load_default
from launderlens.model import Article

PUBLISHED = date(2025, 9, 4)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_default()


def slips(text: str, kb: KnowledgeBase, published: date = PUBLISHED) -> list[Finding]:
    article = Article.create(text, published=datetime.combine(published, time(12), UTC))
    return [f for f in temporal_findings(article, segment(article), kb=kb)
            if f.kind == "temporal_inconsistency"]


# (statement, the event's KB date it is judged against): each a slip on 4 September 2025.
SLIPS = [
    ("Three years after the annexation of Crimea, the peninsula's economy remains cut off.",
     "18 March 2014"),
    ("Two years after the Brexit referendum, customs rules are still in flux.", "23 June 2016"),
    ("Four years after the Nord Stream sabotage, nobody has been charged.", "26 September 2022"),
    ("Six months after the Crocus City Hall attack, security at concert halls remains tight.",
     "22 March 2024"),
    ("Now, eighteen months since the Alaska summit, no agreement has emerged.", "15 August 2025"),
    ("Seven years since Brexit day, exporters still complain about paperwork.", "31 January 2020"),
    ("A decade after the Wagner mutiny, its fighters are scattered across Africa.", "23 June 2023"),
    ("On the fifth anniversary of the Wagner mutiny, few in Rostov spoke of it.", "23 June 2023"),
    ("Officials marked the sixth anniversary of the Minsk II agreement this year.",
     "12 February 2015"),
    ("In the sixth year of the full-scale invasion, the front line barely moves.",
     "24 February 2022"),
    ("Twelve weeks into the Kursk incursion, Ukrainian troops still hold ground.", "6 August 2024"),
    ("Nearly five years since Brexit day, exporters still complain about paperwork.",
     "31 January 2020"),
    ("On 1 June 2017, six years after the Brexit referendum, ministers met in London.",
     "23 June 2016"),
    ("Five years on from the Nord Stream sabotage, nobody has been charged.",
     "26 September 2022"),
    ("Four years after Sweden joined NATO, its navy patrols the Baltic.", "7 March 2024"),
    ("Six years after the start of the war, Ukraine's grain still leaves through Odesa.",
     "24 February 2022"),
]

CORRECT = [
    "Eleven years after the annexation of Crimea, the peninsula's economy remains cut off.",
    "Nine years after the Brexit referendum, customs rules are still in flux.",
    "Three years after the Nord Stream sabotage, nobody has been charged.",
    "A year and a half after the Crocus City Hall attack, security remains tight.",
    "Three weeks since the Alaska summit, no agreement has emerged.",
    "Five years since Brexit day, exporters still complain about paperwork.",
    "A decade after the downing of MH17, relatives still wait for a verdict.",
    "A decade after the Brexit referendum, customs rules are still in flux.",
    "On the second anniversary of the Wagner mutiny, few in Rostov spoke of it.",
    "Officials marked the tenth anniversary of the Minsk II agreement this year.",
    "In the fourth year of the full-scale invasion, the front line barely moves.",
    "Three weeks after the Alaska summit, no agreement has emerged.",
    "Fifty-six weeks into the Kursk incursion, Ukrainian troops still hold ground.",
    # true counting the year under way (1.55 years: the second year)...
    "Two years after the death of Alexei Navalny, his widow keeps campaigning.",
    # ...and counting complete years (2.9 years: two complete years)
    "Two years after the Nord Stream sabotage, nobody has been charged.",
    "More than two years after the Nord Stream sabotage, nobody has been charged.",
    # a count "after" an event that tells of the past is not judged against today
    "Three years after the annexation of Crimea, Russia opened a bridge to the peninsula.",
    "Three years after the annexation of Crimea, officials said the economy is thriving.",
    # ...but one a date opens is judged on that date
    "On 1 June 2017, three years after the annexation of Crimea, ministers met in Kyiv.",
    "Three years on from the Nord Stream sabotage, nobody has been charged.",
    "More than two years after Finland joined NATO, its border regions feel safer.",
    "A year after Sweden joined NATO, its navy patrols the Baltic.",
    # counted from the end of an event, not from the day the KB dates
    "Two years after the end of the Black Sea Grain Initiative, ports remain busy.",
    # "the war" counted from 2014 fits (eleven years): not a slip
    "Eleven years after the start of the war, Ukraine's grain still leaves through Odesa.",
    "Three years after the start of the war, Ukraine's grain still leaves through Odesa.",
]


@pytest.mark.parametrize(("text", "kb_date"), SLIPS, ids=[t[:40] for t, _ in SLIPS])
def test_slips_are_found_with_the_kb_date_its_source_and_the_convention(
        text: str, kb_date: str, kb: KnowledgeBase) -> None:
    (finding,) = slips(text, kb)
    assert kb_date in finding.message
    assert "source: https://" in finding.message
    assert any(word in finding.message for word in ("complete", "ordinal", "under way"))
    assert any(e.kind == "kb_fact" and e.source for e in finding.evidence)


@pytest.mark.parametrize("text", CORRECT, ids=[t[:40] for t in CORRECT])
def test_correct_statements_raise_nothing(text: str, kb: KnowledgeBase) -> None:
    assert slips(text, kb) == []


def test_a_count_after_an_event_names_both_conventions(kb: KnowledgeBase) -> None:
    (finding,) = slips(SLIPS[0][0], kb)
    assert "11 years had passed" in finding.message
    assert "twelfth year" in finding.message
    assert finding.severity == "high"


def test_the_same_words_hold_on_another_day(kb: KnowledgeBase) -> None:
    text = "Three years after the annexation of Crimea, the peninsula's economy remains cut off."
    assert slips(text, kb, date(2017, 6, 1)) == []  # three complete years on that day
    assert slips(text, kb, date(2016, 10, 1)) == []  # in the third year
    assert len(slips(text, kb, date(2015, 10, 1))) == 1


def test_the_time_line_lists_each_claim_against_the_kb_date(kb: KnowledgeBase) -> None:
    text = ("Three years after the annexation of Crimea, the peninsula's economy remains cut off. "
            "On the second anniversary of the Wagner mutiny, few in Rostov spoke of it.")
    article = Article.create(text, published=datetime.combine(PUBLISHED, time(12), UTC))
    findings, line = dated_checks(article, segment(article), kb=kb)
    assert [entry["event_id"] for entry in line] == ["annexation-of-crimea", "wagner-mutiny"]
    crimea, wagner = line
    assert crimea["convention"] == "elapsed" and crimea["amount"] == 3
    assert crimea["kb_date"] == "2014-03-18" and not crimea["holds"]
    # three years before 4 September 2025, give or take a year
    assert crimea["implied_from"] <= "2022-09-04" <= crimea["implied_to"]
    assert not crimea["implied_from"] <= crimea["kb_date"] <= crimea["implied_to"]
    assert wagner["convention"] == "anniversary" and wagner["holds"]
    assert wagner["implied_from"] <= wagner["kb_date"] <= wagner["implied_to"]
    assert text[crimea["start"]:crimea["end"]] == "Three years after"
    assert len([f for f in findings if f.kind == "temporal_inconsistency"]) == 1


@pytest.mark.parametrize("text", [
    "On the 5000th anniversary of the Wagner mutiny, few spoke of it.",
    "9,999 years after the annexation of Crimea, the peninsula remains cut off.",
    "More than 999,999 years after the annexation of Crimea, the peninsula remains cut off.",
    "In the 3,000th year of the full-scale invasion, the front line barely moves.",
    "Nine hundred decades after the annexation of Crimea, the peninsula remains cut off.",
])
def test_absurd_counts_leave_the_calendar_alone(text: str, kb: KnowledgeBase) -> None:
    article = Article.create(text, published=datetime.combine(PUBLISHED, time(12), UTC))
    _, line = dated_checks(article, segment(article), kb=kb)
    assert line == []


def test_hostile_input_keeps_the_time_line_short(kb: KnowledgeBase) -> None:
    text = " ".join(["On the second anniversary of the Wagner mutiny, few spoke of it."] * 400)
    article = Article.create(text, published=datetime.combine(PUBLISHED, time(12), UTC))
    _, line = dated_checks(article, segment(article), kb=kb)
    assert 0 < len(line) <= 200
