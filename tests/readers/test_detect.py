"""detect_format picks a reader by name, content type and first bytes; read_source never raises."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from launderlens.ingest.readers import Source, detect_format, read_source
from launderlens.model import Article, Rejection

HTML = b"<!DOCTYPE html>\n<html><head><title>T</title></head><body><p>x</p></body></html>"
RSS = b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel></channel></rss>'
ATOM = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>'
WARC = b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"
JSONL = b'{"text": "one"}\n{"text": "two"}\n'
TEXT = b"Talks collapse in Geneva\n\nThe minister said on Tuesday that the talks collapsed.\n"


@pytest.mark.parametrize(("name", "fmt"), [
    ("story.txt", "text"), ("story.md", "text"),
    ("page.html", "html"), ("page.htm", "html"), ("page.xhtml", "html"),
    ("records.json", "json"), ("records.jsonl", "json"), ("records.ndjson", "json"),
    ("news.rss", "feed"), ("news.atom", "feed"), ("news.xml", "feed"),
    ("crawl.warc", "warc"), ("crawl.warc.gz", "warc"), ("old.arc", "warc"),
    ("old.arc.gz", "warc"), ("CRAWL.WARC.GZ", "warc"),
])
def test_by_extension(tmp_path: Path, name: str, fmt: str) -> None:
    # Content that sniffs as nothing in particular, so that the name decides.
    path = tmp_path / name
    path.write_bytes(RSS if fmt == "feed" else b"")
    assert detect_format(Source.from_path(path)) == fmt


@pytest.mark.parametrize(("data", "fmt"), [
    (HTML, "html"),
    (b"  \n<html lang='en'><body>x</body></html>", "html"),
    (b"\xef\xbb\xbf<!doctype html><html></html>", "html"),
    (RSS, "feed"),
    (ATOM, "feed"),
    (b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="x"><rdf></rdf></rdf:RDF>', "feed"),
    (WARC, "warc"),
    (gzip.compress(WARC), "warc"),
    (JSONL, "json"),
    (b'[{"text": "one"}]', "json"),
    (TEXT, "text"),
    (b"", "text"),
])
def test_by_content_without_an_extension(tmp_path: Path, data: bytes, fmt: str) -> None:
    path = tmp_path / "download"
    path.write_bytes(data)
    assert detect_format(Source.from_path(path)) == fmt


@pytest.mark.parametrize(("content_type", "fmt"), [
    ("text/html; charset=utf-8", "html"),
    ("application/xhtml+xml", "html"),
    ("application/rss+xml", "feed"),
    ("application/atom+xml; charset=utf-8", "feed"),
    ("application/json", "json"),
    ("application/x-ndjson", "json"),
])
def test_a_fetched_source_by_its_content_type(content_type: str, fmt: str) -> None:
    source = Source.from_bytes("https://news.example/latest", b"?", content_type=content_type,
                               url="https://news.example/latest")
    assert detect_format(source) == fmt


@pytest.mark.parametrize(("url", "data", "fmt"), [
    ("https://news.example/feed", RSS, "feed"),
    ("https://news.example/story", HTML, "html"),
    ("https://news.example/api/items.json?page=2", JSONL, "json"),
    ("https://news.example/rss.xml?format=full", RSS, "feed"),
])
def test_a_fetched_source_by_url_and_content(url: str, data: bytes, fmt: str) -> None:
    # Servers often send feeds as text/xml and pages without any useful type.
    source = Source.from_bytes(url, data, url=url, content_type="text/xml")
    assert detect_format(source) == fmt


@pytest.mark.parametrize(("name", "data", "fmt"), [
    ("page.xml", HTML, "html"),
    ("crawl.txt", WARC, "warc"),
    ("saved.txt", HTML, "html"),
    ("feed.txt", RSS, "feed"),
    ("records.json", TEXT, "json"),
])
def test_unambiguous_content_wins_over_a_misleading_name(
        tmp_path: Path, name: str, data: bytes, fmt: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert detect_format(Source.from_path(path)) == fmt


@settings(max_examples=60, deadline=None)
@given(data=st.one_of(
    st.binary(max_size=600),
    st.sampled_from([HTML, RSS, ATOM, WARC, gzip.compress(WARC), JSONL, TEXT]).flatmap(
        lambda good: st.integers(0, len(good)).map(lambda cut: good[:cut])),
))
@pytest.mark.parametrize("fmt", [None, "html", "json", "feed", "warc"])
def test_read_source_never_raises_whatever_the_bytes(fmt: str | None, data: bytes) -> None:
    results = list(read_source(Source.from_bytes("input", data), fmt=fmt))
    assert all(isinstance(r, Article | Rejection) for r in results)
