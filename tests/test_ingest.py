"""The ingest pipeline: every kind of bad item is rejected with its reason, the rest stored."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from launderlens.ingest import ingest
from launderlens.ingest.readers import ReadOptions
from launderlens.store import open_store

GOOD_TEXT = """---
outlet: Harbour Gazette
url: https://harbourgazette.example/news/1
published: 2025-10-15T08:00:00+00:00
title: Port authority approves new ferry schedule
---
The port authority approved a new ferry schedule on Tuesday.

The change adds two crossings a day from November, officials said.
"""


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture()
def store(tmp_path: Path):
    with open_store(str(tmp_path / "ingest.db")) as s:
        yield s


def test_good_file_is_stored_with_sentences(tmp_path: Path, store) -> None:
    report = ingest([write(tmp_path / "a.txt", GOOD_TEXT)], store)
    assert report.ok and len(report.stored) == 1
    article = store.get_article(report.stored[0])
    assert article.outlet == "Harbour Gazette"
    assert article.domain == "harbourgazette.example"
    sentences = store.sentences(article.id)
    assert [s.text for s in sentences] == [
        "The port authority approved a new ferry schedule on Tuesday.",
        "The change adds two crossings a day from November, officials said.",
    ]
    assert all(article.text[s.start:s.end] == s.text for s in sentences)


def test_same_article_twice_is_one_article(tmp_path: Path, store) -> None:
    first = ingest([write(tmp_path / "a.txt", GOOD_TEXT)], store)
    second = ingest([write(tmp_path / "copy-of-a.txt", GOOD_TEXT)], store)
    assert second.stored == [] and second.duplicates == first.stored
    assert store.count_articles() == 1


def _bad_items(tmp_path: Path) -> dict[str, Path]:
    bad = tmp_path / "bad"
    bad.mkdir()
    huge = bad / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200 * 1024 * 1024)
    warc = bad / "cut.warc.gz"
    record = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\n<html>"
    warc.write_bytes(gzip.compress(record)[:40])
    return {
        "empty": write(bad / "empty.txt", ""),
        "binary": write(bad / "binary.txt", bytes(range(256)) * 4),
        "no-article": write(bad / "nav.html",
                            "<html><body><nav><a href='/'>Home</a></nav></body></html>"),
        "broken-jsonl": write(bad / "some.jsonl",
                              json.dumps({"text": "A fine line of news.", "title": "Fine"})
                              + "\n{not json\n"),
        "not-a-feed": write(bad / "feed.rss", "this is not xml at all <rss"),
        "huge": huge,
        "truncated-warc": warc,
    }


def test_bad_items_are_rejected_one_by_one_and_the_rest_stored(tmp_path: Path, store) -> None:
    earlier = ingest([write(tmp_path / "a.txt", GOOD_TEXT)], store)
    before = store.get_article(earlier.stored[0])
    bad = _bad_items(tmp_path)
    report = ingest([tmp_path / "bad", tmp_path / "missing.txt"], store)

    reasons = {Path(r.item.split(":")[0].split("#")[0]).name: r.reason for r in report.rejected}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "article" in reasons["nav.html"]
    assert "json" in reasons["some.jsonl"].lower()
    assert "feed" in reasons["feed.rss"].lower()
    assert "limit" in reasons["huge.txt"]
    assert "warc" in reasons["cut.warc.gz"].lower() or "truncated" in reasons["cut.warc.gz"]
    assert "no such file" in reasons["missing.txt"]
    assert len(bad) + 1 == len(report.rejected)
    # The good line of the broken JSONL file still made it.
    assert len(report.stored) == 1
    # Nothing stored earlier was lost or altered, and the rejections were recorded.
    assert store.get_article(before.id) == before
    assert store.count_articles() == 2
    recorded = {r.item for r in store.rejections()}
    assert {r.item for r in report.rejected} <= recorded


def test_url_to_loopback_is_refused_by_default(store) -> None:
    report = ingest(["http://127.0.0.1:9/article"], store)
    assert len(report.rejected) == 1
    assert "loopback" in report.rejected[0].reason or "private" in report.rejected[0].reason


def test_batches_commit_as_they_go(tmp_path: Path, store) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(7):
        write(folder / f"{i}.txt", f"Article number {i} reports on event {i}.\n")
    seen: list[int] = []

    def count_stored(event: object) -> None:
        seen.append(store.count_articles())

    report = ingest([folder], store, batch_size=3, progress=count_stored)
    assert len(report.stored) == 7
    # With batches of three, articles were already committed while the run went on.
    assert max(seen) >= 3


def test_interrupted_ingest_keeps_what_was_read(tmp_path: Path, store) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(5):
        write(folder / f"{i}.txt", f"Story {i} tells of a bridge opening in town {i}.\n")

    def interrupt(event: object) -> None:
        if getattr(event, "sources_done", 0) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([folder], store, batch_size=100, progress=interrupt)
    assert store.count_articles() == 3


def test_links_out_of_the_folder_are_not_followed(tmp_path: Path, store) -> None:
    outside = write(tmp_path / "secret.txt", "Private notes that must not be ingested.\n")
    folder = tmp_path / "collected"
    folder.mkdir()
    (folder / "link.txt").symlink_to(outside)
    report = ingest([folder], store)
    assert report.stored == []
    assert "outside" in report.rejected[0].reason


def test_forced_format_and_field_map(tmp_path: Path, store) -> None:
    line = {"body": "The council met on Monday to discuss the budget.", "headline": "Budget"}
    path = write(tmp_path / "export.dat", json.dumps(line) + "\n")
    options = ReadOptions(field_map={"text": "body", "title": "headline"})
    report = ingest([path], store, options=options, fmt="json")
    assert len(report.stored) == 1
    assert store.get_article(report.stored[0]).title == "Budget"


def _page(i: int) -> str:
    return (f"<html><head><title>Bridge {i}</title></head><body><article><h1>Bridge {i}</h1>"
            f"<p>Town {i} opened a new bridge over the river on Monday morning, officials "
            f"said, after two years of building work.</p><p>The U.S. envoy attended event {i} "
            f"and said the crossing would cut travel times for residents by half.</p>"
            f"</article></body></html>")


def _large_folder(tmp_path: Path) -> Path:
    """Enough web pages to take the parallel path, with bad items and a duplicate."""
    from launderlens.ingest import PARALLEL_MIN_SOURCES

    folder = tmp_path / "large"
    folder.mkdir()
    for i in range(PARALLEL_MIN_SOURCES + 60):
        write(folder / f"{i:04d}.html", b"" if i % 50 == 7 else _page(i))  # empty: rejected
    write(folder / "0003-copy.html", _page(3))  # a duplicate of 0003.html
    return folder


def test_parallel_readers_give_the_same_result_as_one(tmp_path: Path, monkeypatch) -> None:
    import launderlens.ingest as ingest_module

    pools: list[int] = []
    real_pool = ingest_module._reader_pool

    def counted_pool(workers: int):
        pools.append(workers)
        return real_pool(workers)

    monkeypatch.setattr(ingest_module, "_reader_pool", counted_pool)
    folder = _large_folder(tmp_path)
    reports = {}
    for workers in (0, 2):
        with open_store(str(tmp_path / f"w{workers}.db")) as s:
            reports[workers] = ingest([folder], s, workers=workers)
            sentences = {a.id: [(x.start, x.end) for x in s.sentences(a.id)]
                         for a in s.iter_articles()}
            reports[workers].sentences = sentences  # type: ignore[attr-defined]
    assert pools == [2]  # the second run did read in worker processes
    serial, parallel = reports[0], reports[2]
    assert len(serial.stored) == 254 and len(serial.duplicates) == 1
    assert parallel.stored == serial.stored and parallel.duplicates == serial.duplicates
    assert [r.item for r in parallel.rejected] == [r.item for r in serial.rejected]
    assert len(serial.rejected) == 6
    assert parallel.sentences == serial.sentences  # type: ignore[attr-defined]


def test_plain_text_runs_are_read_in_this_process(tmp_path: Path, monkeypatch) -> None:
    import launderlens.ingest as ingest_module
    from launderlens.ingest import PARALLEL_MIN_SOURCES

    def no_pool(workers: int):
        raise AssertionError("plain text does not pay for worker processes")

    monkeypatch.setattr(ingest_module, "_reader_pool", no_pool)
    folder = tmp_path / "texts"
    folder.mkdir()
    for i in range(PARALLEL_MIN_SOURCES + 10):
        write(folder / f"{i}.txt", f"Town {i} opened a bridge on Monday.\n")
    with open_store(str(tmp_path / "t.db")) as s:
        assert len(ingest([folder], s, workers=2).stored) == PARALLEL_MIN_SOURCES + 10


# -- standard input and CSV from the command line ----------------------------------------------

def _cli(args: list[str], stdin: bytes | None = None) -> tuple[int, str]:
    from click.testing import CliRunner

    from launderlens.cli import main

    result = CliRunner().invoke(main, args, input=stdin, catch_exceptions=False)
    return result.exit_code, result.output


def test_dash_reads_standard_input_detected_by_content(tmp_path: Path) -> None:
    db = str(tmp_path / "stdin.db")
    lines = "".join(json.dumps({"text": f"Fares rose by {n} percent on Monday, officials "
                                        "said.", "outlet": "Harbour Gazette"}) + "\n"
                    for n in range(3)) + "{broken\n"
    code, output = _cli(["ingest", "-", "--db", db, "--json"], lines.encode())
    report = json.loads(output)
    assert code == 1 and len(report["stored"]) == 3
    assert report["rejected"][0]["item"] == "stdin:4"
    code, output = _cli(["ingest", "-", "--db", db, "--json"], GOOD_TEXT.encode())
    assert code == 0 and len(json.loads(output)["stored"]) == 1


def test_dash_with_a_format_and_a_column_map(tmp_path: Path) -> None:
    db = str(tmp_path / "stdin.db")
    data = (b"headline,body,date,link\r\n"
            b"Ferry budget,The council approved the ferry budget on Monday.,2025-10-14,"
            b"https://harbour.example/1\r\n"
            b",,,\r\n"
            b"No body,,2025-10-15,https://harbour.example/2\r\n")
    code, output = _cli(["ingest", "-", "--format", "csv", "--map",
                         "text=body,title=headline,published=date,url=link",
                         "--db", db, "--json"], data)
    report = json.loads(output)
    assert code == 1 and len(report["stored"]) == 1
    assert [r["item"] for r in report["rejected"]] == ["stdin#row4"]
    with open_store(db) as store:
        article = store.get_article(report["stored"][0])
    assert article.title == "Ferry budget" and article.url == "https://harbour.example/1"


def test_dash_named_twice_is_a_usage_error(tmp_path: Path) -> None:
    code, _ = _cli(["ingest", "-", "-", "--db", str(tmp_path / "x.db")], b"")
    assert code == 2
