"""Site files read from a capture: each site's ads.txt accounts and icon hash, imported as
its outlet's indicators. From a damaged capture: every bad record becomes a Rejection naming its
URL (over the cap, cut short, a compressed body that breaks off, an ads.txt that is not
text), a damaged archive ends with one naming where reading stopped, and the records
around them still give their indicators."""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from launderlens.cli import main
from launderlens.errors import FormatError, NoArticleError
from launderlens.ingest.captures import (
    MAX_SITE_FILE_BYTES,
    CapturedIndicator,
    read_captured_site_files,
)
from launderlens.model import Rejection
from launderlens.outlets.fingerprints import favicon_hash
from launderlens.outlets.importers import KnownOutlet
from launderlens.store import open_store

ADS = b"google.com, pub-5550001112223334, DIRECT, f08c47fec0942fa0\n"
#: Incompressible, so that its gzip form spans several of warcio's read blocks.
ICON = random.Random(7).randbytes(60_000)


def _broken_gzip() -> bytes:
    # The first block decompresses; a later one does not (warcio would log and go on).
    packed = bytearray(gzip.compress(ICON))
    packed[40_000:40_016] = b"\xff" * 16
    return bytes(packed)


Record = tuple[str, str, bytes, list[tuple[str, str]]]

DAMAGED: list[Record] = [
    ("https://one.test/ads.txt", "text/plain", ADS, []),
    ("https://two.test/favicon.ico", "image/x-icon", _broken_gzip(),
     [("Content-Encoding", "gzip")]),
    ("https://three.test/favicon.ico", "image/x-icon", b"\x01" * (MAX_SITE_FILE_BYTES + 1), []),
    ("https://four.test/ads.txt", "text/plain", b"\x00\x01\x02\x03" * 40, []),
    ("https://five.test/favicon.ico", "image/x-icon", gzip.compress(ICON),
     [("Content-Encoding", "gzip")]),
    ("https://six.test/ads.txt", "text/plain", ADS, []),
]


def warc(records: list[Record], *, gzipped: bool = True,
         status: dict[str, str] | None = None) -> bytes:
    """The records as responses, each with status 200 unless ``status`` names another."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for url, ctype, payload, headers in records:
        http = StatusAndHeaders((status or {}).get(url, "200 OK"),
                                [("Content-Type", ctype), *headers], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=http))
    return out.getvalue()


def import_capture(path: Path, db: str, *options: str) -> Result:
    """``launderlens outlets import PATH --format warc`` into the store ``db``."""
    return CliRunner().invoke(main, ["outlets", "import", str(path), "--format", "warc",
                                     "--db", db, *options], catch_exceptions=False)


def read(data: bytes) -> tuple[list[CapturedIndicator], list[Rejection]]:
    items = list(read_captured_site_files(io.BytesIO(data), "crawl.warc"))
    found = [i for i in items if isinstance(i, CapturedIndicator)]
    return found, [i for i in items if isinstance(i, Rejection)]


CAPTURE: list[Record] = [
    ("https://www.one-kmia.test/ads.txt", "text/plain", ADS, []),
    ("https://two-ktpa.test/ads.txt", "text/plain", ADS, []),
    ("https://two-ktpa.test/favicon.ico", "image/x-icon", b"\x00\x00\x01icon", []),
    ("https://three.test/ads.txt", "text/plain", ADS, []),
    ("https://three.test/news/1", "text/html", b"<html>ads.txt</html>", [])]
NOT_FOUND = {"https://three.test/ads.txt": "404 Not Found"}


def test_captured_site_files_become_indicators_of_their_hosts() -> None:
    found, rejected = read(warc(CAPTURE, status=NOT_FOUND))
    found.sort(key=lambda i: (i.host, i.kind))
    assert rejected == []
    assert [(i.host, i.kind, i.value) for i in found] == [
        ("one-kmia.test", "ads_txt", "google.com pub-5550001112223334"),
        ("two-ktpa.test", "ads_txt", "google.com pub-5550001112223334"),
        ("two-ktpa.test", "favicon", favicon_hash(b"\x00\x00\x01icon"))]
    assert found[0].url == "https://www.one-kmia.test/ads.txt"
    assert read(warc(CAPTURE, status=NOT_FOUND)[:-40])[0] != []  # cut short


def test_import_of_a_capture_joins_the_sites_and_keeps_what_was_known(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    with open_store(db) as store:
        store.import_outlets([KnownOutlet("one-kmia.test", "One, KMIA", "Gulf network",
                                          "https://report.example/gulf")])
    capture = tmp_path / "crawl.warc.gz"
    capture.write_bytes(warc(CAPTURE, status=NOT_FOUND))
    result = import_capture(capture, db, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["imported"] == 2
    with open_store(db) as store:
        known = store.get_outlet("one-kmia.test")
        assert known is not None and known.affiliation == "Gulf network"
        assert known.affiliation_source == "https://report.example/gulf"
    shown = CliRunner().invoke(main, ["network", "--db", db, "--json"], catch_exceptions=False)
    [network] = json.loads(shown.output)["networks"]
    assert {o["key"] for o in network["outlets"]} == {"one-kmia.test", "two-ktpa.test"}
    assert network["evidence"][0]["kind"] == "ads_txt"
    assert "DIRECT in ads.txt" in network["evidence"][0]["detail"]


@pytest.mark.parametrize("gzipped", [True, False])
def test_each_bad_record_is_rejected_by_its_url_and_the_rest_is_read(gzipped: bool) -> None:
    found, rejected = read(warc(DAMAGED, gzipped=gzipped))
    assert [(i.host, i.kind) for i in found] == [
        ("one.test", "ads_txt"), ("five.test", "favicon"), ("six.test", "ads_txt")]
    assert found[1].value == favicon_hash(ICON)  # the content encoding undone
    reasons = {r.item: r.reason for r in rejected}
    assert list(reasons) == ["https://two.test/favicon.ico", "https://three.test/favicon.ico",
                             "https://four.test/ads.txt"]
    assert "gzip body breaks off" in reasons["https://two.test/favicon.ico"]
    assert reasons["https://three.test/favicon.ico"] == \
        "icon over the 1.0 MB limit for a site file"
    assert reasons["https://four.test/ads.txt"].startswith("binary data, not text")


def test_a_capture_cut_inside_its_last_record_keeps_the_records_before() -> None:
    found, rejected = read(warc(DAMAGED, gzipped=False)[:-30])
    assert [i.host for i in found] == ["one.test", "five.test"]  # six.test is cut
    assert rejected[-2].item == "https://six.test/ads.txt"
    assert rejected[-2].reason.startswith("record cut short: ")
    assert rejected[-1].item == "crawl.warc"
    assert rejected[-1].reason.startswith("truncated WARC after 6 records")


def test_garbage_between_records_stops_the_archive_not_what_came_before() -> None:
    data = warc(DAMAGED[:1] + DAMAGED[-1:], gzipped=False)
    at = data.index(b"WARC/1.0", data.index(b"one.test"))
    found, rejected = read(data[:at] + b"garbage line\r\n\r\n" + data[at:])
    assert [i.host for i in found] == ["one.test"]
    assert [r.item for r in rejected] == ["crawl.warc"]
    assert rejected[0].reason.startswith("corrupt WARC after 1 record")


def test_a_file_that_is_no_archive_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="not a WARC file"):
        read(b"google.com, pub-1, DIRECT\n")
    with pytest.raises(NoArticleError, match="empty file"):
        read(b"")


def test_the_import_stores_the_good_records_and_lists_the_rest(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    capture = tmp_path / "crawl.warc.gz"
    capture.write_bytes(warc(DAMAGED))
    result = import_capture(capture, db, "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)  # warcio writes the gzip error to stderr
    assert shown["imported"] == 3
    assert [s["item"] for s in shown["skipped"]] == [
        "https://two.test/favicon.ico", "https://three.test/favicon.ico",
        "https://four.test/ads.txt"]
    with open_store(db) as store:
        assert {k for k, *_ in store.outlet_indicators()} == {"one.test", "five.test",
                                                              "six.test"}
    text = import_capture(capture, db)
    assert "skipped https://three.test/favicon.ico: icon over the 1.0 MB" in text.output
    capture.write_bytes(b"not an archive at all\n")
    refused = import_capture(capture, db)
    assert refused.exit_code == 1 and "not a WARC file" in refused.output
