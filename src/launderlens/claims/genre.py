"""Text in, its genre out: news prose, a spoken transcript or a social-media post, and the
sentences of a transcript split the way its speakers took turns.

Check-worthiness cues weigh differently by genre (:mod:`.checkworthy` calibrates per
genre): a speaker's "I" and "we" are the normal voice of a debate but a sign of opinion in
a news report, a name in a transcript is often just the person addressed, and a post is a
line or two with hashtags and links. The genre is read from surface marks only, so it costs
a scan of the text:

- ``transcript``: lines that open with a speaker label (``TRUMP:``, ``Q:``,
  ``Senator Smith:``), stage directions in brackets (``(APPLAUSE)``, ``[CROSSTALK]``), or
  many short lines in the first and second person with broken-off endings (``--``, ``...``);
- ``social``: a short text with hashtags, @mentions or emoji, or as short as a post (280
  characters) with a link;
- ``news`` otherwise.

In a transcript each line is a turn or an utterance, so a line break always ends a
sentence (the news segmenter joins a line that ends without punctuation to the next one),
and a speaker label is not part of what the speaker said: :func:`transcript_sentences`
leaves it out of the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from ..ingest.segment import sentence_spans
from ..model import Article, Sentence

__all__ = [
    "GENRES",
    "UTTERANCE_WORDS",
    "Genre",
    "detect_genre",
    "detect_genre_of",
    "speaker_label_end",
    "transcript_sentences",
]

Genre = Literal["news", "transcript", "social"]
GENRES: tuple[Genre, ...] = ("news", "transcript", "social")

# Only this much of a text is read to tell its genre; the marks show early if at all.
_SAMPLE_CHARS = 20_000
# A speaker label: one to four capitalised words (TRUMP, Senator Smith, Q), then a colon
# and a space, at the start of a line. "Note: ..." and "Update: ..." are labels too by
# shape, which is why one label does not make a transcript.
_LABEL = re.compile(r"^[ \t]*[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}[ \t]*:[ \t]+(?=\S)",
                    re.MULTILINE)
_STAGE = re.compile(r"[(\[]\s*(?:APPLAUSE|LAUGHTER|CROSSTALK|INAUDIBLE|BOOING|CHEERS|"
                    r"COMMERCIAL BREAK|BEGIN VIDEO CLIP|END VIDEO CLIP|UNKNOWN|OFF-MIKE)"
                    r"[^)\]\n]{0,40}[)\]]", re.IGNORECASE)
_SPOKEN = re.compile(r"\b(?:I|I'm|I've|(?i:you|you're|we|we're|we've))\b|--\s*$|\.\.\.\s*$",
                     re.MULTILINE)
_SOCIAL = re.compile(r"(?<!\w)[#@]\w|\bRT\b|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
# A link alone marks a post only as short as one: a news blurb carries links too.
_LINK = re.compile(r"https?://")
_POST_CHARS = 280
# A transcript that puts each utterance on a line has short lines (a median of about 12
# words in the debates of CLEF CheckThat!); news written a paragraph a line runs to 25-40.
_UTTERANCE_MEDIAN = 16
#: A transcript line of at most this many words is kept as one sentence: one utterance, as
#: transcripts that put each sentence on its own line have it.
UTTERANCE_WORDS = 80
# A post is short: CLEF and Twitter posts run to 280 characters, threads to a few.
_SOCIAL_MAX_CHARS = 1_200


def detect_genre(text: str) -> Genre:
    """``transcript``, ``social`` or ``news`` for ``text``, from surface marks (see the
    module docstring); an empty text is ``news``."""
    sample = text[:_SAMPLE_CHARS]
    lines = [line for line in sample.splitlines() if line.strip()]
    if not lines:
        return "news"
    labels = len(_LABEL.findall(sample))
    stages = len(_STAGE.findall(sample))
    if (labels >= 3 and labels >= 0.2 * len(lines)) or stages >= 2:
        return "transcript"
    if len(text) <= _SOCIAL_MAX_CHARS and (_SOCIAL.search(sample) is not None or (
            len(text) <= _POST_CHARS and _LINK.search(sample) is not None)):
        return "social"
    if len(lines) >= 20:
        lengths = sorted(len(line.split()) for line in lines)
        spoken = len(_SPOKEN.findall(sample))
        if lengths[len(lengths) // 2] <= _UTTERANCE_MEDIAN and spoken >= 0.3 * len(lines):
            return "transcript"
    return "news"


def detect_genre_of(sentences: Sequence[str]) -> Genre:
    """The genre of a text given as its sentences (each read as a line)."""
    # The first _SAMPLE_CHARS are enough, and a text longer than them is never a post.
    sample: list[str] = []
    length = 0
    for sentence in sentences:
        sample.append(sentence[:_SAMPLE_CHARS])
        length += len(sample[-1]) + 1
        if length > _SAMPLE_CHARS:
            break
    return detect_genre("\n".join(sample))


def speaker_label_end(line: str) -> int:
    """Where the speaker label that opens ``line`` ends (0 when it has none)."""
    match = _LABEL.match(line)
    return match.end() if match else 0


def transcript_sentences(article: Article) -> list[Sentence]:
    """The sentences of a transcript: every line break ends one and a speaker label opening
    a line is left out. A line of up to :data:`UTTERANCE_WORDS` words is one utterance and
    stays whole ("OK. Let me agree with ..." is one statement, and its cues belong
    together); a longer line is a whole turn, split into sentences as news prose is."""
    text = article.text
    sentences: list[Sentence] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        skip = speaker_label_end(body)
        said = body[skip:]
        if len(said.split()) <= UTTERANCE_WORDS:
            stripped = said.strip()
            head = len(said) - len(said.lstrip())
            spans = [(head, head + len(stripped))] if stripped else []
        else:
            spans = sentence_spans(said)
        for start, end in spans:
            start, end = offset + skip + start, offset + skip + end
            sentences.append(Sentence(article.id, len(sentences), start, end,
                                      text[start:end]))
        offset += len(line)
    return sentences
