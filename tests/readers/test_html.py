"""The HTML reader: article text and metadata from one trafilatura pass."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from launderlens.errors import DecodeError, NoArticleError, TooLargeError
from launderlens.ingest.readers import ReadOptions, Source, read_source
from launderlens.ingest.readers.html import article_from_html, fragment_text, read
from launderlens.model import Article, Rejection

FIRST = ("The minister said on Tuesday that the talks had collapsed after three days of "
         "meetings in Geneva, and that no new date had been set.")
SECOND = ("Critics say the decision will delay the ceasefire by months. Officials declined "
          "to comment when asked by reporters outside the building.")


def page(*, head: str = "", body: str | None = None, lang: str = "en") -> str:
    body = body if body is not None else f"<h1>Talks collapse in Geneva</h1><p>{FIRST}</p>" \
        f"<h2>Reaction</h2><p>{SECOND}</p>"
    return (f"<!DOCTYPE html><html lang='{lang}'><head><title>Talks collapse in Geneva - "
            f"Daily Example</title>{head}</head><body><nav><a href='/'>Home</a> "
            f"<a href='/world'>World</a></nav><article>{body}</article>"
            "<footer>Copyright Daily Example</footer></body></html>")


FULL_HEAD = (
    "<meta charset='utf-8'><meta property='og:site_name' content='Daily Example'>"
    "<meta name='author' content='Jane Doe'>"
    "<link rel='canonical' href='https://www.daily.example/world/talks-collapse'>"
    "<meta property='article:published_time' content='2025-09-03T10:15:00+02:00'>"
    "<meta property='article:section' content='World'>"
)


def read_one(data: bytes, *, name: str = "page.html", url: str | None = None,
             content_type: str | None = None) -> Article:
    source = Source.from_bytes(name, data, url=url, content_type=content_type)
    [article] = list(read(source, ReadOptions()))
    assert isinstance(article, Article)
    return article


def test_reads_text_and_metadata_of_a_news_page() -> None:
    article = read_one(page(head=FULL_HEAD).encode())
    assert article.source_format == "html"
    assert article.title == "Talks collapse in Geneva"
    assert article.outlet == "Daily Example"
    assert article.byline == "Jane Doe"
    assert article.section == "World"
    assert article.url == "https://www.daily.example/world/talks-collapse"
    assert article.domain == "daily.example"
    assert article.language == "en"
    assert article.published == datetime(2025, 9, 3, 10, 15, tzinfo=timezone(timedelta(hours=2)))
    assert article.meta["published_from"] == "page"


def test_blocks_become_blank_line_separated_paragraphs_without_the_headline() -> None:
    article = read_one(page(head=FULL_HEAD).encode())
    assert article.text == f"{FIRST}\n\nReaction\n\n{SECOND}"
    assert "Home" not in article.text and "Copyright" not in article.text


def test_a_page_date_without_time_zone_is_taken_as_utc_and_says_so() -> None:
    head = "<meta property='article:published_time' content='2025-09-03'>"
    article = read_one(page(head=head).encode())
    assert article.published == datetime(2025, 9, 3, tzinfo=UTC)
    assert article.meta["published_timezone_assumed"] == "UTC"


def test_a_page_without_metadata_still_gives_its_text() -> None:
    article = read_one(page(lang="").encode().replace(b" lang=''", b""))
    assert article.text.startswith(FIRST)
    assert article.published is None and article.language is None and article.url is None


def test_the_fetched_url_is_used_when_the_page_has_no_canonical_link() -> None:
    article = read_one(page().encode(), url="https://copy.example/a?utm=x")
    assert article.url == "https://copy.example/a?utm=x"
    assert article.domain == "copy.example"


def test_a_canonical_link_on_the_same_site_replaces_the_fetched_url() -> None:
    article = read_one(page(head=FULL_HEAD).encode(), url="https://daily.example/amp/123")
    assert article.url == "https://www.daily.example/world/talks-collapse"
    assert article.meta["fetched_url"] == "https://daily.example/amp/123"


def test_a_canonical_link_to_another_site_is_recorded_not_believed() -> None:
    # A laundering site copying the Daily Example may keep (or fake) its canonical link:
    # the article is still the copy's, and the claim is evidence worth keeping.
    article = read_one(page(head=FULL_HEAD).encode(), url="https://laundry.example/story")
    assert article.url == "https://laundry.example/story"
    assert article.domain == "laundry.example"
    assert article.meta["canonical_url"] == "https://www.daily.example/world/talks-collapse"


@pytest.mark.parametrize("lang", ["en-GB", "EN", "en_US"])
def test_language_is_the_primary_subtag(lang: str) -> None:
    assert read_one(page(lang=lang).encode()).language == "en"


@pytest.mark.parametrize("body", [
    "",
    "<p>Subscribe</p>",
    "<ul><li><a href='/a'>One</a></li><li><a href='/b'>Two</a></li></ul>",
])
def test_a_page_with_no_article_is_refused(body: str) -> None:
    with pytest.raises(NoArticleError, match="HTML page with no article text"):
        read_one(page(body=body).encode())


def test_read_source_turns_a_page_without_article_into_a_rejection(tmp_path: Path) -> None:
    path = tmp_path / "front.html"
    path.write_text(page(body="<p>Log in</p>"), encoding="utf-8")
    [result] = list(read_source(Source.from_path(path)))
    assert isinstance(result, Rejection)
    assert (result.item, result.reason) == (str(path), "HTML page with no article text")


def test_a_page_over_the_cap_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_text(page(body=f"<p>{FIRST}</p>" * 100), encoding="utf-8")
    with pytest.raises(TooLargeError):
        list(read(Source.from_path(path), ReadOptions(max_article_bytes=1000)))


def test_binary_data_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match="binary"):
        read_one(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)


RUSSIAN = ("Министр заявил во вторник, что переговоры сорвались после трёх дней встреч в "
           "Женеве. Критики говорят, что решение задержит прекращение огня на месяцы.")
FRENCH = ("Le ministre a déclaré mardi que les négociations avaient échoué après trois jours "
          "de réunions à Genève. Les critiques estiment que la trêve sera retardée.")


@pytest.mark.parametrize(("text", "encoding", "meta_charset"), [
    (FRENCH, "cp1252", "windows-1252"),
    (FRENCH, "cp1252", None),
    (RUSSIAN, "koi8_r", "koi8-r"),
    (RUSSIAN, "koi8_r", None),
    (RUSSIAN, "cp1251", "windows-1251"),
])
def test_legacy_encodings_are_decoded(text: str, encoding: str, meta_charset: str | None) -> None:
    head = f"<meta charset='{meta_charset}'>" if meta_charset else ""
    html = page(head=head, body=f"<p>{text}</p><p>{text[::-1]}</p>")
    article = read_one(html.encode(encoding))
    assert article.text == f"{text}\n\n{text[::-1]}"


def test_the_http_charset_is_honoured() -> None:
    html = page(body=f"<p>{RUSSIAN}</p><p>{RUSSIAN[::-1]}</p>")
    article = read_one(html.encode("koi8_r"), content_type="text/html; charset=KOI8-R")
    assert article.text.startswith(RUSSIAN)


def test_article_from_html_takes_text_and_names_the_format() -> None:
    article = article_from_html(page(), url="https://x.example/a", name="x",
                                source_format="warc")
    assert article.source_format == "warc"
    assert article.url == "https://x.example/a"


def test_fragment_text_flattens_feed_snippets_into_paragraphs() -> None:
    snippet = ("<p>Hello <b>there</b>,\n  world.</p><script>alert(1)</script>"
               "<ul><li>one</li><li>two</li></ul>tail<br>after break")
    assert fragment_text(snippet) == "Hello there, world.\n\none\n\ntwo\n\ntail\n\nafter break"


@pytest.mark.parametrize(("snippet", "text"), [
    ("", ""),
    ("   ", ""),
    ("plain   words\n here", "plain words here"),
    ("<style>p{}</style>", ""),
    ("<!-- only a comment -->", ""),
])
def test_fragment_text_edge_cases(snippet: str, text: str) -> None:
    assert fragment_text(snippet) == text
