"""The WACZ reader: every WARC inside the zip is read by the WARC reader; entries that
would land outside the archive are refused, and a zip bomb is refused before reading."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from launderlens.errors import FormatError, TooLargeError
from launderlens.ingest.readers import ReadOptions, Source, detect_format, read_source
from launderlens.ingest.readers.wacz import read
from launderlens.model import Article, Rejection


def page(title: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>The minister said on Tuesday that the talks about {title.lower()} had "
            "collapsed after three days of meetings in Geneva.</p><p>Critics say the "
            "decision will delay the ceasefire by several months.</p></article></body>"
            "</html>").encode()


def warc(*pages: tuple[str, str]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for uri, title in pages:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(page(title)), http_headers=http,
            warc_headers_dict={"WARC-Date": "2025-09-04T06:30:00Z"}))
    return buffer.getvalue()


def wacz(entries: dict[str, bytes], *, datapackage: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if datapackage:
            archive.writestr("datapackage.json", json.dumps(
                {"profile": "data-package", "resources": [{"path": n} for n in entries]}))
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def results(data: bytes, **options: int) -> list[Article | Rejection]:
    return list(read(Source.from_bytes("crawl.wacz", data), ReadOptions(**options)))


def test_every_warc_inside_is_read() -> None:
    data = wacz({"archive/data.warc.gz": warc(("https://a.example/1", "Grain talks"),
                                              ("https://a.example/2", "Port strike")),
                 "archive/data-1.warc.gz": warc(("https://b.example/3", "Ferry fares")),
                 "pages/pages.jsonl": b'{"url": "https://a.example/1"}\n'})
    articles = results(data)
    assert all(isinstance(a, Article) for a in articles)
    assert sorted(a.title or "" for a in articles if isinstance(a, Article)) == [
        "Ferry fares", "Grain talks", "Port strike"]
    first = next(a for a in articles if isinstance(a, Article) and a.title == "Grain talks")
    assert first.meta["wacz_entry"] == "archive/data.warc.gz"
    assert first.source_format == "warc" and first.url == "https://a.example/1"


@pytest.mark.parametrize("name", ["/etc/archive/evil.warc.gz", "../archive/evil.warc.gz",
                                  "archive/../../evil.warc.gz", "C:/archive/evil.warc.gz"])
def test_entries_that_climb_out_are_refused_and_the_rest_read(name: str) -> None:
    data = wacz({name: warc(("https://evil.example/1", "Evil")),
                 "archive/data.warc.gz": warc(("https://a.example/1", "Grain talks"))})
    rows = results(data)
    rejected = [r for r in rows if isinstance(r, Rejection)]
    assert [r.item for r in rejected] == [f"crawl.wacz!{name}"]
    assert "refused" in rejected[0].reason
    assert [r.title for r in rows if isinstance(r, Article)] == ["Grain talks"]


def test_a_zip_bomb_is_refused_before_reading() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("archive/bomb.warc.gz", b"\0" * (3 * 1024 * 1024))
    assert len(buffer.getvalue()) < 64 * 1024
    with pytest.raises(TooLargeError, match="uncompressed"):
        results(buffer.getvalue(), max_article_bytes=16 * 1024)


def test_a_zip_without_warcs_or_not_a_zip_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="no archive"):
        results(wacz({"pages/pages.jsonl": b"{}\n"}))
    with pytest.raises(FormatError, match="not a WACZ"):
        results(b"PK\x03\x04 truncated")


def test_a_damaged_warc_inside_is_a_rejection_and_the_others_go_on() -> None:
    good = warc(("https://a.example/1", "Grain talks"))
    data = wacz({"archive/bad.warc.gz": b"not a warc at all",
                 "archive/good.warc.gz": good}, datapackage=False)
    rows = results(data)
    assert [r.item for r in rows if isinstance(r, Rejection)] == [
        "crawl.wacz!archive/bad.warc.gz"]
    assert [r.title for r in rows if isinstance(r, Article)] == ["Grain talks"]


def test_wacz_is_chosen_by_name_and_by_content(tmp_path: Path) -> None:
    data = wacz({"archive/data.warc.gz": warc(("https://a.example/1", "Grain talks"))})
    named = tmp_path / "crawl.wacz"
    named.write_bytes(data)
    unnamed = tmp_path / "download"
    unnamed.write_bytes(data)
    for path in (named, unnamed):
        source = Source.from_path(path)
        assert detect_format(source) == "wacz"
        assert [type(r) for r in read_source(source)] == [Article]
