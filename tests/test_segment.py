"""Sentence segmentation of news text, and the repair of lines broken inside sentences."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from launderlens.ingest.segment import is_boundary, rejoin_broken_lines, segment, sentence_spans
from launderlens.model import Article


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plain endings
        ("The council met on Monday. It approved the budget.",
         ["The council met on Monday.", "It approved the budget."]),
        ("Will the bridge open? Officials hope so! Work continues.",
         ["Will the bridge open?", "Officials hope so!", "Work continues."]),
        ('"Why now?" she asked. Nobody answered.',
         ['"Why now?" she asked.', "Nobody answered."]),
        ("The law passed in 2024. Then it was repealed.",
         ["The law passed in 2024.", "Then it was repealed."]),
        # country-style acronyms
        ("U.S. Envoy Lena Moss met the mayor. Talks went well.",
         ["U.S. Envoy Lena Moss met the mayor.", "Talks went well."]),
        ("Tariffs were imposed on the U.S. The mayor objected.",
         ["Tariffs were imposed on the U.S.", "The mayor objected."]),
        ("Sanctions on the U.S. President were not discussed.",
         ["Sanctions on the U.S. President were not discussed."]),
        ("The U.S. officials declined to comment.",
         ["The U.S. officials declined to comment."]),
        ("The U.K. Foreign Secretary arrived late. Talks began.",
         ["The U.K. Foreign Secretary arrived late.", "Talks began."]),
        ("She spoke at the U.N. General Assembly on Friday.",
         ["She spoke at the U.N. General Assembly on Friday."]),
        ("The E.U. Commission disagreed with the E.U. Some states left.",
         ["The E.U. Commission disagreed with the E.U.", "Some states left."]),
        # titles before names
        ("Dr. Anna Berg met Mr. Ole Sand, Mrs. Ida Lie, Gen. Ivar Lund and Sen. Mia Holt.",
         ["Dr. Anna Berg met Mr. Ole Sand, Mrs. Ida Lie, Gen. Ivar Lund and Sen. Mia Holt."]),
        ("Lt. Col. Jon Moe briefed Rep. Kim Toft and Gov. Per Dahl. They left.",
         ["Lt. Col. Jon Moe briefed Rep. Kim Toft and Gov. Per Dahl.", "They left."]),
        # company suffixes and other abbreviations
        ("Acme Inc. agreed to buy Borg Corp. The deal closed in May.",
         ["Acme Inc. agreed to buy Borg Corp.", "The deal closed in May."]),
        ("Shares of Delta Ltd. rose while Acme Inc. Chief Executive Ann Roe sold hers.",
         ["Shares of Delta Ltd. rose while Acme Inc. Chief Executive Ann Roe sold hers."]),
        ("Flights, hotels, etc. were paid for. The audit found more.",
         ["Flights, hotels, etc. were paid for.", "The audit found more."]),
        ("Border regions, e.g. Finnmark, objected. Big towns, i.e. Oslo and Bergen, agreed.",
         ["Border regions, e.g. Finnmark, objected.", "Big towns, i.e. Oslo and Bergen, agreed."]),
        ("The final was Lakers vs. Celtics. Tickets sold out.",
         ["The final was Lakers vs. Celtics.", "Tickets sold out."]),
        # dates, numbers and addresses
        ("The vote was held on Sept. 4 and repeated on Jan. 12 next year.",
         ["The vote was held on Sept. 4 and repeated on Jan. 12 next year."]),
        ("The office at No. 10 was closed. Staff left.",
         ["The office at No. 10 was closed.", "Staff left."]),
        ("She grew up in St. Louis and moved to Main St. The house was sold.",
         ["She grew up in St. Louis and moved to Main St.", "The house was sold."]),
        ("Growth slowed to 3.5 percent. Exports fell by $1.2bn in version 2.0 of the plan.",
         ["Growth slowed to 3.5 percent.", "Exports fell by $1.2bn in version 2.0 of the plan."]),
        # clock times
        ("The talks ended at 5 p.m. The minister said nothing.",
         ["The talks ended at 5 p.m.", "The minister said nothing."]),
        ("The talks begin at 10 a.m. Tuesday in the capital.",
         ["The talks begin at 10 a.m. Tuesday in the capital."]),
        ("Polls close at 8 p.m. local time.", ["Polls close at 8 p.m. local time."]),
        # initials
        ("A statue of John F. Kennedy stands there. It is old.",
         ["A statue of John F. Kennedy stands there.", "It is old."]),
        ("J. K. Rowling wrote it.", ["J. K. Rowling wrote it."]),
        ("The fallback was called Plan B. The council rejected it.",
         ["The fallback was called Plan B.", "The council rejected it."]),
        # quotes keep their closing mark
        ('"We will rebuild," the mayor said. "Work starts now." Crews arrived.',
         ['"We will rebuild," the mayor said.', '"Work starts now."', "Crews arrived."]),
        ("“It is over.” She left. ‘Not yet.’ He stayed.",
         ["“It is over.”", "She left.", "‘Not yet.’", "He stayed."]),
        ("He called it 'a disgrace.' Others agreed.",
         ["He called it 'a disgrace.'", "Others agreed."]),
        ("She called the plan 'weak,' a word that stung.",
         ["She called the plan 'weak,' a word that stung."]),
        # ellipses
        ("The mayor paused... and then resumed.", ["The mayor paused... and then resumed."]),
        ("The mayor paused… and then resumed.", ["The mayor paused… and then resumed."]),
        ("He waited... Nothing happened.", ["He waited...", "Nothing happened."]),
        ("He waited… Then he spoke.", ["He waited…", "Then he spoke."]),
        # parentheses
        ("The bill passed (narrowly). Critics objected.",
         ["The bill passed (narrowly).", "Critics objected."]),
        ("(The vote was close.) Critics objected.", ["(The vote was close.)", "Critics objected."]),
        ("The agency (citing a source) reported it.",
         ["The agency (citing a source) reported it."]),
        # datelines
        ("OSLO, March 3. /TASS/. The ministers met.",
         ["OSLO, March 3. /TASS/.", "The ministers met."]),
        ("BANGOR, Maine. — Officers arrived. Nobody was hurt.",
         ["BANGOR, Maine. — Officers arrived.", "Nobody was hurt."]),
        # names with Jr./Sr., and acronyms in capitals
        ("Tom Hale Jr. The son spoke first. Sr. Maria Lund, a nun, spoke next.",
         ["Tom Hale Jr.", "The son spoke first.", "Sr. Maria Lund, a nun, spoke next."]),
        ("Soldiers of the U.S. ARMY arrived. They left.",
         ["Soldiers of the U.S. ARMY arrived.", "They left."]),
        # stray marks and links
        ("The court adjourned. (Read the full ruling here. )",
         ["The court adjourned.", "(Read the full ruling here. )"]),
        ('He said: “… and then nothing.” She agreed.',
         ['He said: “… and then nothing.”', "She agreed."]),
        ("Watch the video. https://video.example/clip Then comment.",
         ["Watch the video.", "https://video.example/clip Then comment."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One sentence.\nAnother one.", ["One sentence.", "Another one."]),
        ("A paragraph without an end\n\nThe next paragraph.",
         ["A paragraph without an end", "The next paragraph."]),
        ("A blank line always ends a sentence, even after the U.S.\n\nPresident of the club.",
         ["A blank line always ends a sentence, even after the U.S.", "President of the club."]),
        ("A single line break after the U.S.\nEnvoy is no boundary.",
         ["A single line break after the U.S.\nEnvoy is no boundary."]),
        ("Council Approves New Ferry Schedule\nThe port authority met on Tuesday.",
         ["Council Approves New Ferry Schedule", "The port authority met on Tuesday."]),
        ("Ferry schedule approved\nThe port authority met on Tuesday.",
         ["Ferry schedule approved", "The port authority met on Tuesday."]),
        ("Breaking News From The Harbour\n\nThe mayor resigned.",
         ["Breaking News From The Harbour", "The mayor resigned."]),
        ("The port authority met on\nTuesday and approved the plan.",
         ["The port authority met on\nTuesday and approved the plan."]),
        ("The authority approved\nthe plan, officials said,\nafter a long debate.",
         ["The authority approved\nthe plan, officials said,\nafter a long debate."]),
        ("The talks included Foreign Minister\nAnna Berg and others.",
         ["The talks included Foreign Minister\nAnna Berg and others."]),
        ("Key points\n- fares rise\n- ferries run later",
         ["Key points", "- fares rise", "- ferries run later"]),
        ("Fares will change.\n- Adults pay more.\n• Children ride free.",
         ["Fares will change.", "- Adults pay more.", "• Children ride free."]),
        ("The minister wrote:\n“We will not send troops.”",
         ["The minister wrote:", "“We will not send troops.”"]),
        ("The vote was close.\n— Ann Roe, Harbour Gazette",
         ["The vote was close.", "— Ann Roe, Harbour Gazette"]),
        ("The story ends here\n_____\nA footnote follows.",
         ["The story ends here", "_____", "A footnote follows."]),
        ("Read the decision.\nhttps://court.example/ruling",
         ["Read the decision.", "https://court.example/ruling"]),
        ("Windows line ends.\r\nAre handled too.\r\n\r\nAnd old Macs.\rToo.",
         ["Windows line ends.", "Are handled too.", "And old Macs.", "Too."]),
        ("  \n Leading and trailing space is not part of a sentence. \n\t ",
         ["Leading and trailing space is not part of a sentence."]),
    ],
)
def test_line_structure(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize("text", ["", " ", "\n\n\t \r\n"])
def test_no_text_has_no_sentences(text: str) -> None:
    assert sentence_spans(text) == []


def test_segment_builds_sentences_with_offsets_into_the_article() -> None:
    article = Article.create("  The ferry was late. Passengers waited.\n\nThe mayor apologised.")
    result = segment(article)
    assert [s.index for s in result] == [0, 1, 2]
    assert [s.text for s in result] == [
        "The ferry was late.", "Passengers waited.", "The mayor apologised.",
    ]
    assert all(s.article_id == article.id for s in result)
    assert all(article.text[s.start:s.end] == s.text for s in result)


@pytest.mark.parametrize(
    ("left", "gap", "right", "expected"),
    [
        ("sanctions on the U.S.", " ", "President Moss said", False),
        ("sanctions on the U.S.", " ", "The minister said", True),
        ("at 5 p.m.", " ", "The minister said", True),
        ("a headline Without A Period", "\n", "The body", True),
        ("a headline Without A Period", " ", "The body", False),
        ("anything at all,", "\n\n", "and more", True),
        ("", " ", "Start", True),
    ],
)
def test_is_boundary(left: str, gap: str, right: str, expected: bool) -> None:
    assert is_boundary(left, gap, right) is expected


# --- rejoin_broken_lines -----------------------------------------------------------------

def test_rejoin_joins_an_abbreviation_split_by_a_blank_line() -> None:
    text = ("Delegates came from 12 towns, including U.S.\n\n"
            "Envoy Lena Moss, who spoke first.\n\nThe meeting ended at noon.")
    assert rejoin_broken_lines(text) == (
        "Delegates came from 12 towns, including U.S. Envoy Lena Moss, who spoke first."
        "\n\nThe meeting ended at noon."
    )


def test_rejoin_joins_a_line_holding_only_an_abbreviation() -> None:
    text = ("The council met in the harbour hall.\nU.S.\n"
            "President of the ferry union Tom Hale attended.\nThe vote was close.\n")
    assert rejoin_broken_lines(text) == (
        "The council met in the harbour hall.\n"
        "U.S. President of the ferry union Tom Hale attended.\n"
        "The vote was close."
    )


def test_rejoin_keeps_one_sentence_per_line() -> None:
    text = "The council met.\nIt voted on fares.\nFares will rise in May."
    assert rejoin_broken_lines(text) == text
    assert len(sentence_spans(text)) == 3


def test_rejoin_joins_hard_wrapped_text() -> None:
    text = ("The council met on Tuesday and\n  approved the new\nferry schedule, which\n"
            "Harbour Director Ada Lind\nproposed.\n\n\n\nThe vote was close.  \n")
    assert rejoin_broken_lines(text) == (
        "The council met on Tuesday and approved the new ferry schedule, which Harbour "
        "Director Ada Lind proposed.\n\nThe vote was close."
    )


def test_rejoin_joins_a_sentence_split_by_a_blank_line_before_lower_case() -> None:
    text = "The ministers met in the\n\nlate afternoon, officials said."
    assert rejoin_broken_lines(text) == "The ministers met in the late afternoon, officials said."


def test_rejoin_keeps_a_headline_apart() -> None:
    text = "Ferry schedule approved for Harbour Town\n\nHarbour officials met on Tuesday."
    assert rejoin_broken_lines(text) == text
    text = "Ferry Schedule Approved\nThe council met on Tuesday."
    assert rejoin_broken_lines(text) == text


def test_rejoin_normalises_line_ends() -> None:
    assert rejoin_broken_lines("One.\r\nTwo.\r\n\r\nThree.\rFour.") == "One.\nTwo.\n\nThree.\nFour."
    assert rejoin_broken_lines(" \n\t\n") == ""


# --- properties --------------------------------------------------------------------------

_TOKENS = [
    "the", "council", "said", "officials", "The", "Council", "President", "Envoy", "Anna",
    "U.S.", "U.N.", "p.m.", "a.m.", "Dr.", "Mr.", "No.", "Sept.", "Inc.", "St.", "e.g.", "etc.",
    "vs.", "J.", "F.", "3.5", "$1.2bn", "2024.", "10", "...", "…", "said.", "it?", "no!",
    '"', "“", "”", "'", "‘", "’", "(", ")", "(AP)", 'it."', "it.”", "weak,'", ".", "?", "!",
    ",", ":", "-", "—", "•", "_____", "“…", "(…)", "/TASS/.", "https://a.example/b", "Jr.",
    "ARMY", "Ünïcode", "день.", "Это",
]
_SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", " \n ", "\n \n", "\t", "\r\n", "\r",
               "\u00a0", "\u2028", ""]

# Up to about 800 characters, so that lines outgrow the segmenter's line window (320).
news_like = st.lists(
    st.tuples(st.sampled_from(_TOKENS), st.sampled_from(_SEPARATORS)), max_size=150,
).map(lambda pairs: "".join(token + sep for token, sep in pairs))
any_text = st.one_of(news_like, st.text(max_size=200))


def _check_spans(text: str) -> None:
    spans = sentence_spans(text)
    previous_end = 0
    covered: set[int] = set()
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and piece
        covered.update(range(start, end))
        previous_end = end
    assert all(i in covered for i, char in enumerate(text) if not char.isspace())
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


@given(any_text)
def test_spans_are_ordered_stripped_and_cover_all_text(text: str) -> None:
    _check_spans(text)


@given(any_text)
def test_segmenter_and_is_boundary_agree_on_every_gap(text: str) -> None:
    spans = sentence_spans(text)
    breaks = {(spans[i][1], spans[i + 1][0]) for i in range(len(spans) - 1)}
    if not spans:
        return
    for gap in re.finditer(r"\s+", text[:spans[-1][1]]):
        start, end = gap.span()
        if start == 0:
            continue
        expected = (start, end) in breaks
        assert is_boundary(text[:start], gap.group(), text[end:]) is expected


@given(any_text)
def test_rejoined_text_splits_at_every_line_it_keeps(text: str) -> None:
    rejoined = rejoin_broken_lines(text)
    _check_spans(rejoined)
    assert "".join(rejoined.split()) == "".join(text.split())
    assert rejoin_broken_lines(rejoined) == rejoined
    ends = {end for _, end in sentence_spans(rejoined)}
    for line_break in re.finditer(r"\n+", rejoined):
        assert line_break.start() in ends
