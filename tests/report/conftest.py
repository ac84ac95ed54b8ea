"""Fixtures for the report tests: the demo corpus analysed once per session, and a hostile
story whose every field tries to inject markup, scripts or links."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from launderlens.claims.analyze import Analysis, Analyzer
from launderlens.findings import Claim, Evidence, Finding
from launderlens.ingest.segment import segment
from launderlens.model import Article, Story
from launderlens.rewrites.compare import Comparer
from launderlens.rewrites.stories import MemberView, StoryView

HOSTILE_TITLE = "<script>alert(1)</script>[click](javascript:alert(1))"
HOSTILE_OUTLET = '"><img src=x onerror=alert(1)>'
HOSTILE_URL = "javascript:alert(1)"
HOSTILE_TEXT = (
    'Officials met in Vienna on Monday to discuss aid. </div></mark><script>alert(2)</script>'
    '<a href="javascript:alert(3)" onclick="steal()">read more</a> and more.\n\n'
    "Investigative reports allege that <b>aid</b> was diverted <!-- <style>*{}</style> -->"
    " through shell companies.\n\n    = indented line that would be code, | a | table |\n"
    "1. not a list [x](data:text/html,<script>alert(4)</script>) ![img](x) & &amp; done."
)
COPY_TEXT = (
    "Officials met in Vienna on Monday to discuss aid, according to the wire.\n\n"
    "Investigative reports allege that aid was diverted through shell companies.\n\n"
    "<iframe src=javascript:alert(5)></iframe> Critics say the money vanished."
)


def _findings(text: str) -> tuple[Finding, ...]:
    """Findings that overlap, one without a span, one past the text, evidence with
    hostile sources, and a known-narrative match."""
    at = text.index("Investigative reports")
    return (
        Finding("state_media_origin", "medium", 0.9, "<b>credits</b> state media", None,
                None, None, (Evidence("outlet", "<script>x</script>", "javascript:alert(6)"),)),
        Finding("vague_attribution", "high", 0.8, 'unnamed "source" <img src=x onerror=y>',
                1, at, at + 21, (Evidence("sentence", "s", "data:text/html,hi"),)),
        Finding("known_narrative", "high", 0.7, "matches a known narrative", 1, at + 14,
                at + 60, (Evidence("narrative", "Aid is diverted <script>1</script>",
                                   "https://debunk.example/aid?a=1&b=<x>"),)),
        Finding("temporal_inconsistency", "low", 0.5, "span past the end", 0, len(text) - 3,
                len(text) + 50, ()),
    )


@pytest.fixture()
def hostile() -> tuple[Analysis, StoryView]:
    """An analysed hostile article and a story in which it is a copy of a plain origin."""
    origin = Article.create(COPY_TEXT, title="Plain origin", outlet="Wire",
                            url="https://wire.example/a",
                            published=datetime(2025, 1, 1, 12, tzinfo=UTC))
    copy = Article.create(HOSTILE_TEXT, title=HOSTILE_TITLE, outlet=HOSTILE_OUTLET,
                          url=HOSTILE_URL, published=None)
    sentences = tuple(segment(copy))
    claims = tuple(Claim(s.index, 0.9, "accusation", True) for s in sentences)
    analysis = Analysis(copy, sentences, date(2025, 1, 2), "publication", claims, (),
                        _findings(copy.text), ("claims: ValueError: <script>",),
                        date(2025, 10, 1))
    comparison = Comparer(semantic=False).compare(origin, copy)
    story = Story("ab" * 8, (origin.id, copy.id), origin.id, "earliest", "published first",
                  origin.published, origin.published, (0.5, 0.5), ("vienna",))
    view = StoryView(story, (MemberView(origin, True, None),
                             MemberView(copy, False, comparison)), (), ())
    return analysis, view


@pytest.fixture()
def origin_analysis(hostile: tuple[Analysis, StoryView]) -> Analysis:
    article = hostile[1].members[0].article
    return Analyzer(semantic=False).analyze(article)
