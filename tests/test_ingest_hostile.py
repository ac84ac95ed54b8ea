"""Hostile and odd input at ingest: each bad item is a rejection with its reason (or a
documented repair recorded in meta), and the good items of the same batch are stored."""

from __future__ import annotations

import importlib
import json
import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest

import launderlens.ingest as ingest_module
from launderlens.ingest import ingest
from launderlens.ingest.readers import Source, detect_format, read_source
from launderlens.model import Article
from launderlens.store import open_store

GOOD = "The harbour council approved the ferry budget on Monday. The vote was close."


@pytest.fixture()
def store(tmp_path: Path):
    with open_store(str(tmp_path / "hostile.db")) as s:
        yield s


def _jsonl(*records: str) -> bytes:
    return ("\n".join(records) + "\n").encode("utf-8")


def _good(n: int) -> str:
    return json.dumps({"text": f"{GOOD} Story number {n}.", "outlet": "Harbour Gazette"})


# -- item 2: a lone surrogate is one record's rejection ------------------------------------

# "\ud800" is valid JSON (a \u escape) but no character: it cannot be encoded, hashed or
# stored, so such a record is rejected, naming the field.
LONE = r'{"text": "Bad \ud800 text in the body.", "outlet": "Harbour Gazette"}'
LONE_TITLE = r'{"text": "A body that is fine.", "title": "Bad \udfff title"}'
LONE_META = r'{"text": "Another fine body.", "tags": ["ok", "bad \ud83d"]}'


@pytest.mark.parametrize("bad", [LONE, LONE_TITLE, LONE_META])
def test_a_lone_surrogate_in_jsonl_rejects_that_line_only(tmp_path: Path, store,
                                                         bad: str) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(_jsonl(_good(1), bad, _good(2)))
    report = ingest([path], store, workers=0)
    assert len(report.stored) == 2
    assert [r.item for r in report.rejected] == [f"{path}:2"]
    assert "surrogate" in report.rejected[0].reason
    assert report.rejected[0].reason.startswith("line 2: ")
    assert store.count_articles() == 2
    assert [r.item for r in store.rejections()] == [f"{path}:2"]


def test_a_lone_surrogate_in_a_json_array_rejects_that_item_only(tmp_path: Path,
                                                                 store) -> None:
    path = tmp_path / "batch.json"
    path.write_text(f"[{_good(1)}, {LONE}, {_good(2)}]", encoding="utf-8")
    report = ingest([path], store, workers=0)
    assert len(report.stored) == 2
    assert [r.item for r in report.rejected] == [f"{path}[1]"]
    assert "surrogate" in report.rejected[0].reason


def test_a_surrogate_pair_is_one_character_and_is_kept(tmp_path: Path, store) -> None:
    path = tmp_path / "emoji.jsonl"
    path.write_bytes(_jsonl(r'{"text": "A fine body with a smile \ud83d\ude00 in it."}'))
    report = ingest([path], store, workers=0)
    assert report.ok and len(report.stored) == 1
    assert "\U0001F600" in store.get_article(report.stored[0]).text


# -- item 3: links that loop or lead nowhere ------------------------------------------------

def test_a_symlink_loop_and_a_dangling_link_are_rejections(tmp_path: Path, store) -> None:
    folder = tmp_path / "collected"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "z.txt").write_text(GOOD + " A second story.", encoding="utf-8")
    os.symlink("loop2", folder / "loop1")
    os.symlink("loop1", folder / "loop2")
    os.symlink("nowhere.txt", folder / "dangling.txt")
    report = ingest([folder], store, workers=0)
    assert len(report.stored) == 2
    reasons = {Path(r.item).name: r.reason for r in report.rejected}
    assert set(reasons) == {"loop1", "loop2", "dangling.txt"}
    assert "loop" in reasons["loop1"] and "loop" in reasons["loop2"]
    assert "dangling" in reasons["dangling.txt"] and "nowhere.txt" in reasons["dangling.txt"]


def test_a_symlink_loop_named_directly_is_a_rejection(tmp_path: Path, store) -> None:
    os.symlink(tmp_path / "b", tmp_path / "a")
    os.symlink(tmp_path / "a", tmp_path / "b")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    report = ingest([tmp_path / "a", good], store, workers=0)
    assert len(report.stored) == 1
    assert len(report.rejected) == 1 and "loop" in report.rejected[0].reason


# -- item 4: control bytes on the first line of JSON Lines ----------------------------------

@pytest.mark.parametrize("name", ["batch.jsonl", "batch.json"])
def test_control_bytes_on_the_first_line_reject_that_line_only(tmp_path: Path, store,
                                                               name: str) -> None:
    path = tmp_path / name
    first = b'\x01\x02\x03\x04\x05\x06\x07\x08{"text": "\x01\x02\x03\x04\x05\x06\x0e"}\n'
    path.write_bytes(first + _jsonl(_good(1), _good(2)))
    report = ingest([path], store, workers=0)
    assert len(report.stored) == 2
    assert [r.item for r in report.rejected] == [f"{path}:1"]


def test_a_binary_file_named_jsonl_is_still_one_rejection(tmp_path: Path, store) -> None:
    path = tmp_path / "image.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    report = ingest([path], store, workers=0)
    assert [r.item for r in report.rejected] == [str(path)]
    assert "binary" in report.rejected[0].reason


# -- item 6: absurd dates, DTD feeds, mixed encodings ---------------------------------------

@pytest.mark.parametrize("published", [
    "9999-99-99", "9999-12-31", "0001-01-01T00:00:00+00:00", -1e308, 1e308, 1e11,
    -62135596800, "2999-01-01T00:00:00Z",
])
def test_an_absurd_published_date_is_dropped_with_a_note(tmp_path: Path, store,
                                                         published: Any) -> None:
    path = tmp_path / "dates.jsonl"
    path.write_bytes(_jsonl(json.dumps({"text": GOOD, "published": published})))
    report = ingest([path], store, workers=0)
    assert report.ok and len(report.stored) == 1
    article = store.get_article(report.stored[0])
    assert article.published is None
    assert article.meta["published_raw"] == published
    assert article.meta["published_error"]


def test_a_plausible_date_is_kept(tmp_path: Path, store) -> None:
    path = tmp_path / "dates.jsonl"
    path.write_bytes(_jsonl(json.dumps({"text": GOOD, "published": "1995-03-01T10:00:00Z"})))
    report = ingest([path], store, workers=0)
    article = store.get_article(report.stored[0])
    assert article.published is not None and article.published.year == 1995
    assert "published_error" not in article.meta


@pytest.mark.parametrize("value", ["9999-99-99", "9999-12-31", "0001-01-01"])
def test_an_absurd_front_matter_date_keeps_the_article(tmp_path: Path, store,
                                                       value: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"---\noutlet: Harbour Gazette\npublished: {value}\n---\n{GOOD}\n",
                    encoding="utf-8")
    report = ingest([path], store, workers=0)
    assert report.ok and len(report.stored) == 1
    article = store.get_article(report.stored[0])
    assert article.published is None and article.outlet == "Harbour Gazette"
    assert article.meta["published_error"]


def _dtd_feed(entities: int) -> bytes:
    declarations = "".join(f'<!ENTITY e{i} "entity {i} of a long internal subset">\n'
                           for i in range(entities))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE rss [\n{declarations}]>\n'
            '<rss version="2.0"><channel><title>Dtd Gazette</title>'
            '<item><title>First</title><link>https://dtd.example/1</link>'
            f'<description>{GOOD}</description></item>'
            '<item><title>Second</title><link>https://dtd.example/2</link>'
            '<description>The mayor said &e1; was never approved by anyone.</description>'
            '</item></channel></rss>\n').encode()


@pytest.mark.parametrize("entities", [2, 100])
def test_a_feed_with_a_dtd_is_read_as_a_feed_without_expanding_entities(
        tmp_path: Path, entities: int) -> None:
    path = tmp_path / "dtd.rss"
    path.write_bytes(_dtd_feed(entities))
    source = Source.from_path(path)
    assert detect_format(source) == "feed"
    results = list(read_source(source))
    assert all(isinstance(r, Article) for r in results), results
    texts = [r.text for r in results if isinstance(r, Article)]
    assert len(texts) == 2
    assert "entity 1 of" not in texts[1]


def test_mixed_utf8_and_latin1_lines_are_decoded_line_by_line(tmp_path: Path,
                                                              store) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("Le café du port ouvre à Noël.\n".encode()
                     + "Der Bürgermeister sprach über die Fähre.\n".encode("latin-1")
                     + "Señora Núñez confirmó la decisión.\n".encode())
    report = ingest([path], store, workers=0)
    article = store.get_article(report.stored[0])
    assert "café" in article.text and "Noël" in article.text
    assert "Bürgermeister" in article.text and "Fähre" in article.text
    assert "Núñez" in article.text and "Ã" not in article.text
    assert article.meta["encoding"] == "utf-8+cp1252"
    assert article.meta["encoding_lines"] == {"cp1252": [2]}


def test_a_latin1_line_in_jsonl_records_its_encoding(tmp_path: Path, store) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(_jsonl(_good(1)) + json.dumps(
        {"text": "Der Bürgermeister sprach über die Fähre."}, ensure_ascii=False
    ).encode("latin-1") + b"\n")
    report = ingest([path], store, workers=0)
    assert report.ok and len(report.stored) == 2
    second = store.get_article(report.stored[1])
    assert "Bürgermeister" in second.text
    assert second.meta["encoding"] == "cp1252"
    assert "encoding" not in store.get_article(report.stored[0]).meta


# -- item 10: no fork where the platform has none --------------------------------------------

def test_without_fork_a_large_run_reads_in_this_process(tmp_path: Path, store,
                                                        monkeypatch) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(4):
        (folder / f"{n}.html").write_text(
            f"<html><head><title>Story {n}</title></head><body><article><p>{GOOD} "
            f"Story {n} told at length for the reader.</p></article></body></html>",
            encoding="utf-8")
    monkeypatch.setattr(ingest_module, "PARALLEL_MIN_SOURCES", 2)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])

    def no_fork(method: str | None = None) -> Any:
        raise AssertionError(f"asked for the {method!r} start method")

    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    report = ingest([folder], store, workers=2)
    assert report.ok and len(report.stored) == 4


def test_without_fork_analyze_many_analyzes_in_this_process(monkeypatch) -> None:
    # The module, not the function of the same name that launderlens.claims exports.
    analyze_module = importlib.import_module("launderlens.claims.analyze")
    articles = [Article.create(f"{GOOD} Officials said {n} ferries would run.",
                               outlet="Harbour Gazette") for n in range(3)]
    analyzer = analyze_module.Analyzer(semantic=False)
    here = [a.as_dict() for a in analyzer.analyze_many(articles, workers=0)]
    monkeypatch.setattr(analyze_module, "PARALLEL_MIN_ARTICLES", 2)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])

    def no_fork(method: str | None = None) -> Any:
        raise AssertionError(f"asked for the {method!r} start method")

    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    assert [a.as_dict() for a in analyzer.analyze_many(articles, workers=2)] == here


def test_a_page_of_mixed_encodings_records_the_choice(tmp_path: Path, store) -> None:
    path = tmp_path / "mixed.html"
    path.write_bytes(
        b"<html><head><title>Ferry</title></head><body><article>\n"
        + f"<p>{GOOD} Le café du port ouvre à Noël, a dit la mairie.</p>\n".encode()
        + "<p>Der Bürgermeister sprach über die Fähre und die neuen Preise.</p>\n"
        .encode("latin-1") + b"</article></body></html>\n")
    report = ingest([path], store, workers=0)
    article = store.get_article(report.stored[0])
    assert "café" in article.text and "Bürgermeister" in article.text
    assert article.meta["encoding"] == "utf-8+cp1252"
    assert article.meta["encoding_lines"] == {"cp1252": [3]}
