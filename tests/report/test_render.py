"""Rendering: the HTML page highlights every finding's span and nothing an adversary wrote
can execute or link anywhere but http(s); Markdown cannot be made to inject links or HTML."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from typing import Any

import pytest

from launderlens.claims.analyze import Analysis
from launderlens.demo import DemoResult
from launderlens.report import article_report, render_html, render_markdown, story_report
from launderlens.report.safety import http_url, md_escape, md_url
from launderlens.rewrites.stories import StoryView

# Everything the renderer may emit; anything else came from content.
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "p", "h1", "h2", "h3",
                "section", "ul", "ol", "li", "div", "details", "summary", "strong", "span",
                "mark", "sup", "a", "br", "table", "thead", "tbody", "tr", "th", "td", "dl",
                "dt", "dd", "em", "code", "pre", "blockquote", "hr"}


class Page(HTMLParser):
    """Every tag with its attributes, the stylesheet, and the text of each article body
    as (text, highlighted) pieces, without the finding numbers."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self.bodies: list[list[tuple[str, bool]]] = []
        self.strong: list[str] = []
        self.data: list[str] = []
        self._stack: list[str] = []
        self._in_body = False
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("br", "meta"):
            return
        if tag == "div" and ("class", "text") in attrs:
            self._in_body = True
            self.bodies.append([])
        if tag == "strong":
            self.strong.append("")
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "meta"):
            return
        while self._stack and self._stack.pop() != tag:
            pass
        if tag == "div":
            self._in_body = False

    def handle_data(self, data: str) -> None:
        self.data.append(data)
        if self._stack and self._stack[-1] == "style":
            self.styles.append(data)
        if "strong" in self._stack:
            self.strong[-1] += data
        if self._in_body and "sup" not in self._stack:
            self.bodies[-1].append((data, "mark" in self._stack))


def assert_inert(markup: str, *, page: bool = True) -> Page:
    """Nothing in ``markup`` can run, load or navigate anywhere but an http(s) URL."""
    parsed = Page(markup)
    tags = {tag for tag, _ in parsed.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for tag, attrs in parsed.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert "style" not in attrs and "src" not in attrs, (tag, attrs)
        if "href" in attrs:
            href = attrs["href"] or ""
            assert href.startswith(("https://", "http://", "#")), href
            assert http_url(href) or href.startswith("#"), href
            if page and not href.startswith("#"):  # Markdown has no rel attribute
                rel = set((attrs.get("rel") or "").split())
                assert rel >= {"noopener", "noreferrer", "nofollow"}, attrs
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            raise AssertionError("meta refresh")
    if page:
        (css,) = parsed.styles
        digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        (policy,) = [a["content"] for t, a in parsed.tags
                     if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert policy is not None
        assert "default-src 'none'" in policy and f"'sha256-{digest}'" in policy
        assert "unsafe-inline" not in policy and "script-src" not in policy
    return parsed


def test_html_highlights_every_findings_span(demo: DemoResult) -> None:
    checked = 0
    for analysis in demo.analyses:
        parsed = Page(render_html(article_report(analysis)))
        (body,) = parsed.bodies
        text = analysis.article.text
        assert "".join(piece for piece, _ in body) == text
        marked = [False] * len(text)
        at = 0
        for piece, highlighted in body:
            for k in range(len(piece)):
                marked[at + k] = highlighted
            at += len(piece)
        for finding in analysis.findings:
            if finding.start is not None and finding.end is not None:
                assert all(marked[finding.start:finding.end]), finding
                checked += 1
        spans = [(f.start, f.end) for f in analysis.findings if f.start is not None]
        assert not any(flag and not any(s <= k < e for s, e in spans)
                       for k, flag in enumerate(marked))
    assert checked >= 5


def test_html_story_report_shows_copies_side_by_side(demo: DemoResult) -> None:
    view = demo.story
    assert view is not None
    report = story_report(view, {a.article.id: a for a in demo.analyses})
    markup = render_html(report)
    parsed = assert_inert(markup)
    assert markup.count('<div class="rows">') == len(report["copies"])
    assert len(parsed.bodies) == len(report["articles"])
    assert "@media (max-width:700px)" in parsed.styles[0]  # the columns stack on a phone
    for copy in report["copies"]:
        for sentence in copy["added"]:
            assert any(sentence["text"] in "".join(p for p, _ in body) for body in parsed.bodies)


def test_hostile_content_renders_inert_html(hostile: tuple[Analysis, StoryView],
                                            origin_analysis: Analysis) -> None:
    analysis, view = hostile
    reports = [article_report(analysis, story_view=view), article_report(analysis),
               story_report(view, {analysis.article.id: analysis,
                                   origin_analysis.article.id: origin_analysis})]
    for report in reports:
        parsed = assert_inert(render_html(report))
        visible = "".join(parsed.data)
        assert analysis.article.title in visible  # shown as text, not run
        assert "javascript:alert(1)" in visible  # the URL is shown, never linked
        assert "<script>alert(2)</script>" in visible
    page = render_html(reports[0])
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "<iframe" not in page.lower()
    # The debunk's URL is linked (http) with its characters escaped in the attribute.
    assert 'href="https://debunk.example/aid?a=1&amp;b=&lt;x&gt;"' in page


def markdown_to_html(text: str) -> str:
    markdown_it = pytest.importorskip("markdown_it")
    # Raw HTML on: a renderer that passes HTML through must still get nothing executable.
    return str(markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table")
               .render(text))


def test_hostile_markdown_injects_no_links_or_html(hostile: tuple[Analysis, StoryView],
                                                   origin_analysis: Analysis) -> None:
    analysis, view = hostile
    for report in (article_report(analysis, story_view=view),
                   story_report(view, {analysis.article.id: analysis,
                                       origin_analysis.article.id: origin_analysis})):
        markdown = render_markdown(report)
        assert "<" not in markdown.replace("\\<", "")
        parsed = assert_inert(markdown_to_html(markdown), page=False)
        visible = "".join(parsed.data)
        assert analysis.article.title in visible
        assert "[x](data:text/html," in visible
        hrefs = [a.get("href") for t, a in parsed.tags if t == "a"]
        assert "https://debunk.example/aid?a=1&b=%3Cx%3E" in hrefs


def test_markdown_bolds_every_finding(demo: DemoResult) -> None:
    for analysis in demo.analyses:
        report = article_report(analysis)
        parsed = Page(markdown_to_html(render_markdown(report)))
        for segment in report["text"]["segments"]:
            for line in segment["text"].split("\n"):
                if segment["findings"] and line.strip():
                    assert any(line.strip() in s for s in parsed.strong), line


@pytest.mark.parametrize("value", [
    "https://example.com/a?b=1", "http://example.com", "HTTPS://Example.com/x"])
def test_http_url_accepts_web_addresses(value: str) -> None:
    assert http_url(value) == value


@pytest.mark.parametrize("value", [
    "javascript:alert(1)", "JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,x",
    "//evil.example/x", "/relative", " https://example.com", "https://example.com/\nx",
    "https://", "vbscript:x", "file:///etc/passwd", "https://exa\u200bmple.com", None, 42, ""])
def test_http_url_refuses_everything_else(value: Any) -> None:
    assert http_url(value) is None


@pytest.mark.parametrize("text", [
    "[click](javascript:alert(1))", "<script>alert(1)</script>", "![i](http://x/y.png)",
    "**bold** _em_ `code` ~~s~~", "# heading", "- item", "1. item", "> quote", "a | b",
    "&lt;script&gt;", "    code block", "<https://autolink.example>", "line\n=====",
])
def test_md_escape_renders_as_itself(text: str) -> None:
    out = markdown_to_html(md_escape(text))
    parsed = Page(out)
    assert {t for t, _ in parsed.tags} <= {"p"}, out
    assert " ".join("".join(parsed.data).split()) == " ".join(text.split())


def test_md_url_cannot_close_the_link_early() -> None:
    url = "https://example.com/a_(b)<c>\\d"
    assert md_url(url) == "https://example.com/a_%28b%29%3Cc%3E%5Cd"
