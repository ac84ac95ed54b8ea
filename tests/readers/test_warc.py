"""The WARC reader: archived HTML pages, and damaged archives that keep what was read."""

from __future__ import annotations

import gzip
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from launderlens.errors import FormatError, NoArticleError
from launderlens.ingest.readers import ReadOptions, ReadResult, Source, read_source
from launderlens.ingest.readers.warc import read
from launderlens.model import Article, Rejection

CAPTURED = "2025-09-04T06:30:00Z"


def page(title: str, *, dated: bool = False, charset: str = "utf-8") -> str:
    date = "<meta property='article:published_time' content='2025-09-03T10:00:00+00:00'>" \
        if dated else ""
    return (f"<html><head><meta charset='{charset}'><title>{title}</title>{date}</head><body>"
            f"<article><h1>{title}</h1><p>The minister said on Tuesday that the talks about "
            f"{title.lower()} had collapsed after three days of meetings in Geneva.</p>"
            "<p>Critics say the decision will delay the ceasefire by several months.</p>"
            "</article></body></html>")


class Archive:
    """Builds a WARC in memory with warcio's own writer."""

    def __init__(self, *, gzipped: bool = True) -> None:
        self.buffer = io.BytesIO()
        self.writer = WARCWriter(self.buffer, gzip=gzipped)
        self.writer.write_record(self.writer.create_warcinfo_record("test.warc",
                                                                    {"software": "pytest"}))

    def response(self, uri: str, body: bytes | str, *, status: str = "200 OK",
                 content_type: str = "text/html; charset=utf-8",
                 headers: list[tuple[str, str]] | None = None) -> Archive:
        data = body.encode() if isinstance(body, str) else body
        http = StatusAndHeaders(status, [("Content-Type", content_type), *(headers or [])],
                                protocol="HTTP/1.1")
        record = self.writer.create_warc_record(
            uri, "response", payload=io.BytesIO(data), http_headers=http,
            warc_headers_dict={"WARC-Date": CAPTURED})
        self.writer.write_record(record)
        return self

    def request(self, uri: str) -> Archive:
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
        self.writer.write_record(self.writer.create_warc_record(
            uri, "request", payload=io.BytesIO(b""), http_headers=http))
        return self

    def data(self) -> bytes:
        return self.buffer.getvalue()

    def save(self, path: Path) -> Path:
        path.write_bytes(self.data())
        return path


def read_all(data: bytes, name: str = "crawl.warc.gz", **options: Any) -> list[ReadResult]:
    return list(read(Source.from_bytes(name, data), ReadOptions(**options)))


def summary(results: list[ReadResult]) -> list[str]:
    return [r.url or "" if isinstance(r, Article) else f"REJECTED {r.item}: {r.reason}"
            for r in results]


def crawl(gzipped: bool = True) -> Archive:
    return (Archive(gzipped=gzipped)
            .request("https://a.example/one")
            .response("https://a.example/one", page("Aid", dated=True))
            .response("https://a.example/two", page("Talks"))
            .response("https://a.example/gone", page("Gone"), status="404 Not Found")
            .response("https://a.example/logo.png", b"\x89PNG...", content_type="image/png")
            .response("https://a.example/front", "<html><body><nav>Home</nav></body></html>")
            .response("https://a.example/three", page("Ceasefire")))


@pytest.mark.parametrize("gzipped", [True, False])
def test_html_pages_with_status_200_become_articles(gzipped: bool) -> None:
    results = read_all(crawl(gzipped).data())
    assert summary(results) == [
        "https://a.example/one",
        "https://a.example/two",
        "REJECTED https://a.example/front: HTML page with no article text",
        "https://a.example/three",
    ]
    first = results[0]
    assert isinstance(first, Article)
    assert first.source_format == "warc" and first.title == "Aid"
    assert first.domain == "a.example"


def test_the_page_date_wins_and_the_capture_date_fills_in() -> None:
    dated, undated = [r for r in read_all(crawl().data()) if isinstance(r, Article)][:2]
    assert dated.published == datetime(2025, 9, 3, 10, tzinfo=UTC)
    assert dated.meta["published_from"] == "page"
    assert undated.published == datetime(2025, 9, 4, 6, 30, tzinfo=UTC)
    assert undated.meta["published_from"] == "warc-date"
    assert undated.meta["warc_date"] == CAPTURED
    assert undated.meta["warc_record"] == 4
    assert str(undated.meta["warc_record_id"]).startswith("<urn:uuid:")


def test_a_gzipped_archive_cut_short_keeps_the_records_before_the_cut() -> None:
    data = crawl().data()
    results = read_all(data[: len(data) * 2 // 3])
    *pages, last = results
    assert [r.url for r in pages if isinstance(r, Article)] == \
        ["https://a.example/one", "https://a.example/two"]
    assert isinstance(last, Rejection) and last.item == "crawl.warc.gz"
    assert last.reason.startswith("truncated WARC after ")


def test_a_gzip_member_cut_in_its_trailer_is_reported() -> None:
    # warcio reads such a member without complaint: the records are whole, the file is not.
    results = read_all(crawl().data()[:-4])
    assert sum(isinstance(r, Article) for r in results) == 3
    last = results[-1]
    assert isinstance(last, Rejection)
    assert last.reason.startswith("truncated WARC after 8 records: the gzip member at byte")


def test_a_page_cut_in_half_is_rejected_rather_than_read_short() -> None:
    data = Archive(gzipped=False).response("https://a.example/one", page("Aid")).data()
    results = read_all(data[:-200], "crawl.warc")
    assert summary(results) == [
        "REJECTED https://a.example/one: record cut short: 196 bytes missing at the end of "
        "the file",
        "REJECTED crawl.warc: truncated WARC after 2 records: the last record is missing "
        "196 bytes",
    ]


def test_a_file_cut_inside_a_record_header_is_truncated_not_lost(tmp_path: Path) -> None:
    data = crawl(gzipped=False).data()
    cut = data.index(b"WARC-Target-URI: https://a.example/two") + 10
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:cut])
    results = list(read_source(Source.from_path(path)))
    assert summary(results)[0] == "https://a.example/one"
    assert isinstance(results[-1], Rejection)
    assert results[-1].reason.startswith("truncated WARC after 3 records")


def test_garbage_between_records_is_reported_as_corruption() -> None:
    data = crawl(gzipped=False).data()
    at = data.index(b"WARC/1.0", data.index(b"https://a.example/two"))
    results = read_all(data[:at] + b"garbage line\r\n\r\n" + data[at:], "crawl.warc")
    assert summary(results)[:2] == ["https://a.example/one", "https://a.example/two"]
    assert isinstance(results[-1], Rejection)
    assert results[-1].reason.startswith("corrupt WARC after 4 records: no WARC record at byte")


@pytest.mark.parametrize(("data", "message"), [
    (b"hello, this is not an archive", "not a WARC file: it starts with 'hello, this is not a'"),
    (b"\x1f\x8b\x08garbage", "not a WARC file: gzip data that does not decompress"),
    (gzip.compress(b"<html>a gzipped page</html>"), "not a WARC file: it starts with '<html>"),
])
def test_a_file_that_is_no_warc_is_a_format_error(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        read_all(data)


def test_an_empty_file_is_no_archive() -> None:
    with pytest.raises(NoArticleError, match="empty file"):
        read_all(b"")


def test_a_page_over_the_cap_is_rejected_by_its_uri() -> None:
    data = Archive().response("https://a.example/big", page("Big") * 50).data()
    [rejected] = read_all(data, max_article_bytes=5000)
    assert isinstance(rejected, Rejection) and rejected.item == "https://a.example/big"
    assert "limit for a single article" in rejected.reason


def test_compressed_and_chunked_payloads_are_decoded() -> None:
    body = gzip.compress(page("Zipped").encode())
    chunked = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
    data = Archive().response(
        "https://a.example/zip", chunked,
        headers=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]).data()
    [article] = read_all(data)
    assert isinstance(article, Article) and article.title == "Zipped"


def test_a_page_whose_compressed_body_breaks_off_is_rejected_not_read_short() -> None:
    # Long enough that the damage falls after warcio's first read block: warcio then
    # returns the part before it as if the page ended there.
    long_page = page("Long").replace("</article>", "<p>" + "More words here. " * 4000
                                     + "</p></article>")
    packed = bytearray(gzip.compress(long_page.encode(), compresslevel=0))
    packed[len(packed) // 2:len(packed) // 2 + 16] = b"\xff" * 16
    data = (Archive().response("https://a.example/broken", bytes(packed),
                               headers=[("Content-Encoding", "gzip")])
            .response("https://a.example/two", page("Talks")).data())
    assert summary(read_all(data)) == [
        "REJECTED https://a.example/broken: unreadable record in the archive: its gzip body "
        "breaks off before the end of its compressed data",
        "https://a.example/two"]


def test_the_http_charset_of_an_archived_page_is_used() -> None:
    russian = page("Переговоры", charset="").replace("<meta charset=''>", "")
    data = Archive().response("https://a.example/ru", russian.encode("koi8_r"),
                              content_type="text/html; charset=koi8-r").data()
    [article] = read_all(data)
    assert isinstance(article, Article) and article.title == "Переговоры"


def test_read_source_detects_a_gzipped_warc_by_its_name(tmp_path: Path) -> None:
    path = crawl().save(tmp_path / "crawl.warc.gz")
    results = list(read_source(Source.from_path(path)))
    assert sum(isinstance(r, Article) for r in results) == 3
