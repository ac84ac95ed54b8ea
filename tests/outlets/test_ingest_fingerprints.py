"""Indicators travel from a page (HTML file or WARC record) with its article into the store."""

from __future__ import annotations

from tests.readers.test_warc import Archive

from launderlens.ingest.readers import ReadOptions, Source
from launderlens.ingest.readers.html import article_from_html
from launderlens.ingest.readers.warc import read as read_warc
from launderlens.model import Article
from launderlens.outlets import outlet_key

BODY = ("<p>The minister said on Tuesday that the talks had collapsed after three days of "
        "meetings in Geneva.</p><p>Critics say the decision will delay the ceasefire.</p>")
PAGE = (f"<html><head><title>Talks</title><meta property='og:site_name' content='Miami News'>"
        "<meta name='generator' content='WordPress 6.4'>"
        "<script>gtag('config', 'UA-7654321-1');</script></head>"
        f"<body><article>{BODY}</article></body></html>")


def test_the_html_reader_keeps_the_indicators_not_the_page() -> None:
    article = article_from_html(PAGE, url="https://miami-kmia.test/a", name="a")
    assert article.meta["fingerprints"] == {"cms": ["wordpress"],
                                            "generator": ["WordPress 6.4"],
                                            "google_analytics": ["UA-7654321"]}
    assert "<script" not in str(dict(article.meta))


def test_a_page_without_indicators_adds_nothing_to_meta() -> None:
    plain = f"<html><head><title>Talks</title></head><body><article>{BODY}</article></body></html>"
    article = article_from_html(plain, url="https://x.test/a", name="a")
    assert "fingerprints" not in article.meta


def test_warc_response_headers_join_the_page_indicators() -> None:
    archive = Archive().response("https://miami-kmia.test/a", PAGE,
                                 headers=[("Server", "nginx/1.18.0"), ("X-Powered-By", "PHP/8.1")])
    [article] = list(read_warc(Source.from_bytes("c.warc.gz", archive.data()), ReadOptions()))
    assert isinstance(article, Article)
    assert article.meta["fingerprints"]["server"] == ["nginx/1.18.0", "php/8.1"]
    assert article.meta["fingerprints"]["google_analytics"] == ["UA-7654321"]


def test_outlet_keys() -> None:
    assert outlet_key("WWW.Miami-KMIA.test", "Miami News") == "miami-kmia.test"
    assert outlet_key(None, " Miami News ") == "name:miami news"
    assert outlet_key(None, "  ") is None
