"""Genres and transcripts: the genre is read from the text, a transcript is split at its
line breaks without its speaker labels, the cues that hold across genres fire, and
``analyze`` ranks a transcript's lines as the scorer ranks them one by one.

Every text here was written for these tests (an invented town, council and debate).
"""

from __future__ import annotations

import pytest

from launderlens.claims.analyze import Analyzer
from launderlens.claims.checkworthy import GENRE_WEIGHTS, WEIGHTS, lexical_logit, score_claims
from launderlens.claims.cues import cue_values
from launderlens.claims.genre import (
    UTTERANCE_WORDS,
    detect_genre,
    detect_genre_of,
    speaker_label_end,
    transcript_sentences,
)
from launderlens.ingest.segment import segment
from launderlens.model import Article

NEWS = (
    "The council of Brenmoor approved a new budget on Tuesday after a six-hour session.\n\n"
    "Spending on roads rises by 4 percent, while the library fund is cut by a fifth, the "
    "treasurer said. Opposition members voted against the plan, citing the cost of the "
    "new bridge, which has doubled since 2021.\n\n"
    "The budget now goes to the regional authority for approval."
)

# (speaker, line, checked by a fact-checker in this invented debate). Several lines end
# without final punctuation, as transcribed speech does: the news segmenter would run
# them into the next line.
DEBATE = [
    ("MODERATOR", "Good evening and welcome to the debate", False),
    ("MODERATOR", "Councillor Hale, the first question is yours", False),
    ("HALE", "Thank you", False),
    ("HALE", "Under my opponent the bridge cost went from 40 million to 95 million", True),
    ("HALE", "And he voted against the audit twice", True),
    ("VANCE", "That is simply not true --", False),
    ("VANCE", "I think the people of Brenmoor deserve better than this", False),
    ("VANCE", "We will fix the roads and we will do it on time", False),
    ("MODERATOR", "(APPLAUSE)", False),
    ("VANCE", "Crime fell by a third in the four years I chaired the police board", True),
    ("HALE", "Let me finish, please", False),
    ("HALE", "OK. The library lost half of its funding because of his budget", True),
    ("MODERATOR", "Thirty seconds, Councillor", False),
]


def _transcript(lines: list[tuple[str, str, bool]]) -> tuple[str, list[tuple[int, int]]]:
    parts, spans, position = [], [], 0
    for speaker, text, _ in lines:
        part = f"{speaker}: {text}"
        parts.append(part)
        spans.append((position, position + len(part)))
        position += len(part) + 1
    return "\n".join(parts), spans


def _average_precision(scores: list[float], labels: list[bool]) -> float:
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    hits, total = 0, 0.0
    for rank, i in enumerate(order, start=1):
        if labels[i]:
            hits += 1
            total += hits / rank
    return total / hits


def test_the_genre_is_read_from_the_text() -> None:
    assert detect_genre(NEWS) == "news"
    assert detect_genre(_transcript(DEBATE)[0]) == "transcript"
    # Stage directions alone make a transcript, without speaker labels.
    unlabelled = "\n".join([*(text for _, text, _ in DEBATE), "(LAUGHTER)"])
    assert detect_genre(unlabelled) == "transcript"
    assert detect_genre("Brenmoor bridge bill doubled again?? #Brenmoor @council "
                        "https://example.org/bridge") == "social"
    assert detect_genre("") == "news"
    # A long text with a hashtag is not a post.
    assert detect_genre(NEWS * 10 + " #budget") == "news"


def test_one_label_does_not_make_a_transcript() -> None:
    assert detect_genre("Update: the session was moved to Friday.\n\n" + NEWS) == "news"


def test_a_speaker_label_is_found_only_at_the_start_of_a_line() -> None:
    assert speaker_label_end("HALE: Thank you") == len("HALE: ")
    assert speaker_label_end("Councillor Hale: Thank you") == len("Councillor Hale: ")
    assert speaker_label_end("Q: What did it cost?") == len("Q: ")
    assert speaker_label_end("It cost this much: 95 million") == 0
    assert speaker_label_end("the treasurer: no comment") == 0


def test_a_transcript_is_split_at_its_lines_without_speaker_labels() -> None:
    text, spans = _transcript(DEBATE)
    article = Article.create(text)
    sentences = transcript_sentences(article)
    assert [s.text for s in sentences] == [line for _, line, _ in DEBATE]
    for sentence, (start, end) in zip(sentences, spans, strict=True):
        assert sentence.text == text[sentence.start:sentence.end]
        assert start < sentence.start and sentence.end == end
    assert [s.index for s in sentences] == list(range(len(DEBATE)))
    # The news segmenter runs unpunctuated lines together: that is what went wrong.
    assert len(segment(article)) < len(DEBATE)


def test_a_long_turn_is_split_into_sentences() -> None:
    turn = " ".join(["The bridge was late by two years and it cost twice the estimate."] * 8)
    assert len(turn.split()) > UTTERANCE_WORDS
    text = f"HALE: {turn}\nVANCE: No.\nMODERATOR: (APPLAUSE)\nHALE: Yes."
    sentences = transcript_sentences(Article.create(text))
    assert len(sentences) == 8 + 3
    assert all(s.text == text[s.start:s.end] for s in sentences)


def test_analyze_ranks_transcript_lines_as_the_scorer_does() -> None:
    text, spans = _transcript(DEBATE)
    analysis = Analyzer(semantic=False).analyze(Article.create(text))
    through = [0.0] * len(DEBATE)
    for claim in analysis.claims:
        sentence = analysis.sentences[claim.sentence]
        for index, (start, end) in enumerate(spans):
            if sentence.start < end and sentence.end > start:
                through[index] = max(through[index], claim.score)
    lines = [line for _, line, _ in DEBATE]
    # Line by line with the transcript's genre, the scorer gives each line what analyze
    # gives it: no line is run into the next or loses its cues to a split.
    alone = [c.score for c in score_claims(lines, genre=detect_genre(text))]
    assert through == pytest.approx(alone)
    labels = [checked for _, _, checked in DEBATE]
    # Given the bare lines, the scorer reads their genre itself; analyze, which reads it
    # from the whole transcript, ranks at least as well.
    default = [c.score for c in score_claims(lines)]
    assert _average_precision(through, labels) >= _average_precision(default, labels)
    # And the ranking is a good one: the four checked lines come first.
    assert _average_precision(through, labels) == 1.0


def test_cues_that_hold_across_genres() -> None:
    def fired(text: str) -> set[str]:
        return {name for name, value in cue_values(text).items() if value}

    assert "action" in fired("My opponent voted against the audit twice.")
    assert "causal" in fired("The library closed because of the cuts.")
    assert "legal" in fired("The court found the tax unconstitutional.")
    assert "promise" in fired("We're going to fix every road in this county.")
    assert "post_marks" in fired("Read this https://example.org #roads")
    assert "promise" not in fired("They will fix the roads, the council said.")


def test_genre_weights_change_only_the_named_cues() -> None:
    assert all(set(weights) <= set(WEIGHTS) for weights in GENRE_WEIGHTS.values())
    assert GENRE_WEIGHTS["news"] == {}
    features = cue_values("Spending on roads rose by 4 percent in 2023.")
    assert lexical_logit(features) == lexical_logit(features, "news")
    # In a debate, who did what is a claim and a promise of what will be done is not.
    record = cue_values("My opponent voted against the audit twice.")
    promise = cue_values("We will fix the roads and we will do it on time.")
    assert lexical_logit(record, "transcript") > lexical_logit(promise, "transcript")


def test_hostile_text_has_a_genre_quickly() -> None:
    assert detect_genre("HALE: \ud800 " + "x" * 2_000_000) in {"news", "transcript", "social"}
    assert detect_genre(":\n" * 100_000) == "news"
    sentences = transcript_sentences(Article.create("A: \n\n\nB:\n" + "word " * 10_000))
    assert all(s.text.strip() for s in sentences)
    # Sentences are read only as far as a sample: a million of them cost no more.
    assert detect_genre_of(["So I said no."] * 1_000_000) == "transcript"
    assert detect_genre_of(["#tag"]) == "social"
    assert detect_genre_of(["#tag " * 1_000]) == "news"
