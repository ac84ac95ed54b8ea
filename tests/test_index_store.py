"""A saved story index is a base segment plus one delta per save: every save after an add
writes what the add changed, loading applies the deltas in order and gives the index in
memory back array for array; damaged, foreign or half-written folders are refused (the
caller clusters again) and never half-read."""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from launderlens.rewrites import index_store
from launderlens.rewrites.cluster import StoryIndex
from launderlens.rewrites.index_state import index_arrays, write_format_1
from launderlens.rewrites.index_store import IndexFileError, load_index, save_index

from .test_cluster_incremental import WordHashEncoder, _corpus, _partition, _stories


@pytest.fixture(autouse=True)
def _small_bases_keep_their_deltas(monkeypatch: pytest.MonkeyPatch) -> None:
    # The indexes here are small, so a few adds weigh more than the default share of the
    # base; the folding of deltas has its own test.
    monkeypatch.setattr(index_store, "DELTA_SHARE", 10.0)


def _manifest(folder: Path) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text("utf-8"))
    return manifest


def _assert_same(restored: StoryIndex, kept: StoryIndex) -> None:
    """Every saved array, id and article field of ``restored`` equals ``kept``'s."""
    ours, our_fields = index_arrays(restored)
    theirs, their_fields = index_arrays(kept)
    assert our_fields == their_fields
    assert sorted(ours) == sorted(theirs)
    for name in theirs:
        assert np.array_equal(ours[name], theirs[name]), name
    assert restored.ids_ == kept.ids_
    fields = [(d.id, d.title, d.published, d.outlet, d.domain) for d in restored.docs_]
    assert fields == [(d.id, d.title, d.published, d.outlet, d.domain) for d in kept.docs_]
    assert [d.published.utcoffset() if d.published else None for d in restored.docs_] == \
        [d.published.utcoffset() if d.published else None for d in kept.docs_]
    assert restored.token_ == kept.token_
    assert np.array_equal(restored._lexical().postings().document_frequency_,
                          kept._lexical().postings().document_frequency_)


def test_each_save_after_an_add_writes_a_delta_of_the_new_rows_and_loads_back_equal(
        tmp_path: Path) -> None:
    articles = _corpus(11, 6, 130)
    kept = StoryIndex(backends=["lexical"], threshold=0.15).fit(articles[:50])
    folder = save_index(kept, tmp_path / "index")
    for start in range(50, 130, 10):
        kept.add(articles[start:start + 10])
        save_index(kept, folder)
        segments = _manifest(folder)["segments"]
        assert [s["kind"] for s in segments] == ["base"] + ["delta"] * (len(segments) - 1)
        last = segments[-1]
        assert (last["first"], last["rows"]) == (start, 10)
        with np.load(folder / last["file"]) as npz:  # the delta holds the new rows only
            strings = json.loads(npz["strings"].tobytes())
            assert strings["ids"] == kept.ids_[start:start + 10]
            assert npz["lexical_indptr"].shape == (11,)
        _assert_same(load_index(folder), kept)
    assert len(_manifest(folder)["segments"]) == 9
    assert sorted(p.name for p in folder.iterdir()) == \
        sorted(["manifest.json", index_store.LOCK_FILE,
                *(s["file"] for s in _manifest(folder)["segments"])])
    restored = load_index(folder)
    assert _stories(restored) == _stories(kept)
    restored.add(articles[125:] + _corpus(12, 3, 8))
    kept.add(articles[125:] + _corpus(12, 3, 8))
    assert _partition(restored) == _partition(kept)


def test_an_index_loaded_from_deltas_saves_its_own_delta(tmp_path: Path) -> None:
    articles = _corpus(4, 5, 90)
    kept = StoryIndex(backends=["lexical"], threshold=0.22).fit(articles[:40])
    save_index(kept, tmp_path / "index")
    kept.add(articles[40:60])
    save_index(kept, tmp_path / "index")
    restored = load_index(tmp_path / "index")
    restored.add(articles[60:])
    kept.add(articles[60:])
    save_index(restored, tmp_path / "index")
    assert [s["kind"] for s in _manifest(tmp_path / "index")["segments"]] == \
        ["base", "delta", "delta"]
    _assert_same(load_index(tmp_path / "index"), kept)


def test_a_semantic_index_keeps_its_new_vectors_in_the_delta(tmp_path: Path) -> None:
    articles = _corpus(5, 3, 40)
    params = {"semantic": {"encoder": WordHashEncoder()}}
    kept = StoryIndex(backends=["lexical", "semantic"], backend_params=params)
    save_index(kept.fit(articles[:25]), tmp_path / "index")
    kept.add(articles[25:])
    save_index(kept, tmp_path / "index")
    assert len(_manifest(tmp_path / "index")["segments"]) == 2
    _assert_same(load_index(tmp_path / "index", encoder=WordHashEncoder()), kept)


def test_a_second_language_arriving_in_a_delta_keeps_the_cross_language_anchors(
        tmp_path: Path) -> None:
    # Written test articles: a Russian dispatch, English retellings, unrelated ones.
    written = sorted((Path(__file__).parent / "data" / "crosslingual").glob("*.txt"))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    records = [(path.stem, None, path.read_text("utf-8"), start + timedelta(hours=n))
               for n, path in enumerate(written)]
    english = [(a.id, a.title, a.text, a.published) for a in _corpus(3, 4, 30)]
    kept = StoryIndex(backends=["lexical"], threshold=0.15).fit(
        [*english[:20], records[1], records[4]])
    save_index(kept, tmp_path / "index")
    anchors = kept._lexical()._anchors
    assert anchors is not None and not anchors.crossing
    kept.add([records[0], records[6], *english[20:25]])  # Russian arrives
    save_index(kept, tmp_path / "index")
    kept.add([records[2], records[3], records[5], *english[25:]])
    save_index(kept, tmp_path / "index")
    assert [s["kind"] for s in _manifest(tmp_path / "index")["segments"]] == \
        ["base", "delta", "delta"]
    assert anchors.crossing and len(anchors.vocabulary_)
    restored = load_index(tmp_path / "index")
    _assert_same(restored, kept)
    assert restored._lexical()._anchors.crossing

def test_dates_zones_and_missing_fields_come_back_as_they_were(tmp_path: Path) -> None:
    zone = timezone(timedelta(hours=5, minutes=30))
    texts = ["Officials in Varno said the bridge at Kesta would reopen after 40 days.",
             "The Kesta bridge reopens after 40 days, Varno officials said on Monday.",
             "A choir from Lumo sang at the harbour festival for 300 guests.",
             "Guests, 300 of them, heard the Lumo choir at the harbour festival."]
    records = [("a", "Bridge", texts[0], datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=zone)),
               ("b", None, texts[1], None),
               ("c", "Choir", texts[2], datetime(1969, 12, 31, 23, 59, tzinfo=UTC))]
    kept = StoryIndex(backends=["lexical"]).fit(records)
    save_index(kept, tmp_path / "index")
    kept.add([("d", "Choir \ud800 again", texts[3],
               datetime(2026, 1, 3, tzinfo=timezone(-timedelta(hours=3))))])
    save_index(kept, tmp_path / "index")
    restored = load_index(tmp_path / "index")
    _assert_same(restored, kept)
    docs = {d.id: d for d in restored.docs_}
    assert docs["a"].published == records[0][3]
    assert docs["a"].published.utcoffset() == timedelta(hours=5, minutes=30)
    assert docs["b"].published is None and docs["b"].title is None
    assert docs["d"].title == "Choir \ud800 again"


def _rewrite_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """``manifest`` written with a checksum that agrees with it."""
    manifest = {key: value for key, value in manifest.items() if key != "checksum"}
    manifest["checksum"] = hashlib.sha256(
        json.dumps(manifest, sort_keys=True).encode()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")


def _corrupt(folder: Path, segment: dict[str, Any], arrays: dict[str, np.ndarray],
             write: Callable[..., None] = np.savez) -> None:
    """Rewrite one segment with ``arrays`` and make its checksums agree again, as if the
    writer itself had written wrong arrays."""
    write(folder / segment["file"], **arrays)
    _checksums_agree(folder, segment)


def _arrays_of(path: Path) -> dict[str, np.ndarray]:
    """The arrays of the archive at ``path`` by name, as np.load reads them."""
    with np.load(path) as npz:
        return {name: npz[name] for name in npz.files}


def _checksums_agree(folder: Path, segment: dict[str, Any]) -> None:
    """Give one segment's manifest entry the size and SHA-256 of its file as it is now."""
    path = folder / segment["file"]
    manifest = _manifest(folder)
    for entry in manifest["segments"]:
        if entry["file"] == segment["file"]:
            entry["bytes"] = path.stat().st_size
            entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    _rewrite_manifest(folder, manifest)


def _strings_with(arrays: dict[str, np.ndarray], **fields: Any) -> np.ndarray:
    """A segment's strings with ``fields`` replaced."""
    strings = {**json.loads(arrays["strings"].tobytes()), **fields}
    return np.frombuffer(json.dumps(strings).encode("ascii"), dtype=np.uint8)


def _saved_with_deltas(folder: Path) -> StoryIndex:
    articles = _corpus(3, 4, 60)
    index = StoryIndex(backends=["lexical"], threshold=0.15).fit(articles[:30])
    save_index(index, folder)
    index.add(articles[30:45])
    save_index(index, folder)
    index.add(articles[45:])
    save_index(index, folder)
    return index


def test_a_damaged_delta_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    _saved_with_deltas(folder)
    delta = _manifest(folder)["segments"][1]
    saved = _arrays_of(folder / delta["file"])
    original = (folder / delta["file"]).read_bytes()
    manifest_text = (folder / "manifest.json").read_text("utf-8")
    damaged = bytearray(original)
    damaged[len(damaged) // 2] ^= 0xFF
    (folder / delta["file"]).write_bytes(bytes(damaged))
    with pytest.raises(IndexFileError, match="checksum"):
        load_index(folder)
    # Arrays that pass the checksums but do not fit the index.
    damages = [
        ("labels_rows", np.r_[saved["labels_rows"][:-1], 10_000]),  # a row past the index
        ("join_dropped", np.r_[saved["join_dropped"], 10_000]),  # a join it does not hold
        ("postings_keys", saved["postings_keys"] & ~np.int64(0xFFFFFFFF)),  # an earlier row
        ("published_offset", np.full_like(saved["published_offset"], 10**12)),  # a bad zone
        ("lexical_indptr", saved["lexical_indptr"][:-1]),  # one row short
        ("strings", np.frombuffer(b"[1, 2]", dtype=np.uint8)),
        ("strings", _strings_with(saved, titles=[["a list"]] * len(saved["published_us"]))),
        ("strings", np.frombuffer(b"[" * 100_000 + b"]" * 100_000, dtype=np.uint8)),  # deep
    ]
    for name, value in damages:
        _corrupt(folder, delta, {**saved, name: value})
        with pytest.raises(IndexFileError):
            load_index(folder)
        (folder / delta["file"]).write_bytes(original)
        (folder / "manifest.json").write_text(manifest_text, "utf-8")
    # Bytes that are no whole archive, with checksums that agree with them.
    for damaged_bytes in (original[: len(original) // 2], bytes(damaged)):
        (folder / delta["file"]).write_bytes(damaged_bytes)
        manifest = _manifest(folder)
        manifest["segments"][1].update(bytes=len(damaged_bytes),
                                       sha256=hashlib.sha256(damaged_bytes).hexdigest())
        _rewrite_manifest(folder, manifest)
        with pytest.raises(IndexFileError):
            load_index(folder)
        (folder / delta["file"]).write_bytes(original)
        (folder / "manifest.json").write_text(manifest_text, "utf-8")
    base = _manifest(folder)["segments"][0]
    with np.load(folder / base["file"]) as npz:
        saved_base = {name: npz[name] for name in npz.files}
    base_bytes = (folder / base["file"]).read_bytes()
    for value in (saved_base["postings_df"][:-1], -saved_base["postings_df"]):
        _corrupt(folder, base, {**saved_base, "postings_df": value})
        with pytest.raises(IndexFileError):
            load_index(folder)
        (folder / base["file"]).write_bytes(base_bytes)
        (folder / "manifest.json").write_text(manifest_text, "utf-8")
    load_index(folder)  # the undamaged folder still loads
    (folder / delta["file"]).unlink()
    with pytest.raises(IndexFileError):
        load_index(folder)


def test_a_base_without_the_posting_lists_term_counts_counts_them_again(
        tmp_path: Path) -> None:
    folder = tmp_path / "index"
    kept = _saved_with_deltas(folder)
    base = _manifest(folder)["segments"][0]
    with np.load(folder / base["file"]) as npz:
        saved = {name: npz[name] for name in npz.files if name != "postings_df"}
    _corrupt(folder, base, saved)
    _assert_same(load_index(folder), kept)


def test_a_manifest_that_was_changed_or_names_other_files_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    _saved_with_deltas(folder)
    manifest = _manifest(folder)
    shuffled = {**manifest, "segments": [manifest["segments"][0], *manifest["segments"][:0:-1]]}
    (folder / "manifest.json").write_text(json.dumps(shuffled), "utf-8")
    with pytest.raises(IndexFileError, match="checksum"):
        load_index(folder)
    manifest.pop("checksum")
    renamed = [manifest["segments"][0], {**manifest["segments"][1], "file": "../x.npz"}]
    _rewrite_manifest(folder, {**manifest, "segments": renamed})
    with pytest.raises(IndexFileError, match="segment file"):
        load_index(folder)
    for text in ("{not json", "[]", json.dumps({**manifest, "segments": [[1], 2]}),
                 "[" * 100_000 + "]" * 100_000):
        (folder / "manifest.json").write_text(text, "utf-8")
        with pytest.raises(IndexFileError):
            load_index(folder)
    for segments in ([[1], 2], "seg", [{**manifest["segments"][0], "rows": "many"}]):
        _rewrite_manifest(folder, {**manifest, "segments": segments})
        with pytest.raises(IndexFileError):
            load_index(folder)


def test_a_save_cut_off_before_its_manifest_leaves_the_last_save(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "index"
    articles = _corpus(6, 4, 70)
    index = StoryIndex(backends=["lexical"], threshold=0.15).fit(articles[:40])
    save_index(index, folder)
    index.add(articles[40:55])
    save_index(index, folder)
    before = load_index(folder)
    index.add(articles[55:])

    def crash(*args: Any) -> None:
        raise OSError("disk full")

    for step in ("_write_manifest", "_write_segment"):
        with monkeypatch.context() as patched:
            patched.setattr(index_store, step, crash)
            with pytest.raises(OSError):
                save_index(index, folder)
        _assert_same(load_index(folder), before)
    (folder / ".seg-0123.npz.tmp").write_bytes(b"half a segment")  # a crash mid-write
    _assert_same(load_index(folder), before)
    save_index(index, folder)  # the next save writes what the lost ones would have
    _assert_same(load_index(folder), index)
    named = {s["file"] for s in _manifest(folder)["segments"]}
    assert {p.name for p in folder.glob("seg-*")} == named  # the unnamed segment is gone


def test_deltas_are_folded_into_a_new_base_when_due(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_store, "MAX_DELTAS", 3)
    folder = tmp_path / "index"
    articles = _corpus(8, 5, 100)
    index = StoryIndex(backends=["lexical"], threshold=0.15).fit(articles[:60])
    save_index(index, folder)
    kinds = []
    for start in range(60, 100, 5):
        index.add(articles[start:start + 5])
        save_index(index, folder)
        kinds.append(len(_manifest(folder)["segments"]))
        _assert_same(load_index(folder), index)
    assert kinds == [2, 3, 4, 1, 2, 3, 4, 1]
    assert len(list(folder.glob("seg-*"))) == 1
    monkeypatch.setattr(index_store, "MAX_DELTAS", 100)
    monkeypatch.setattr(index_store, "DELTA_SHARE", 0.0)  # any delta bytes are too many
    index.add(_corpus(9, 2, 4))
    save_index(index, folder)
    index.add(_corpus(10, 2, 4))
    save_index(index, folder)
    assert [s["kind"] for s in _manifest(folder)["segments"]] == ["base"]


def test_a_folder_another_index_wrote_since_gets_a_full_save(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    articles = _corpus(2, 4, 60)
    first = StoryIndex(backends=["lexical"], threshold=0.15).fit(articles[:30])
    save_index(first, folder)
    other = StoryIndex(backends=["lexical"], threshold=0.15).fit(articles[10:40])
    save_index(other, folder)
    first.add(articles[40:])
    save_index(first, folder)
    assert [s["kind"] for s in _manifest(folder)["segments"]] == ["base"]
    _assert_same(load_index(folder), first)
    save_index(first, tmp_path / "elsewhere")  # another folder starts with its own base
    assert [s["kind"] for s in _manifest(tmp_path / "elsewhere")["segments"]] == ["base"]


def test_an_index_fitted_again_gets_a_full_save(tmp_path: Path) -> None:
    # The same texts under other ids: the same term statistics, other articles.
    articles = _corpus(2, 4, 30)
    index = StoryIndex(backends=["lexical"], threshold=0.15)
    index.fit([(f"a{n}", a.title, a.text, a.published) for n, a in enumerate(articles)])
    save_index(index, tmp_path / "index")
    index.fit([(f"b{n}", a.title, a.text, a.published) for n, a in enumerate(articles)])
    save_index(index, tmp_path / "index")
    assert [s["kind"] for s in _manifest(tmp_path / "index")["segments"]] == ["base"]
    _assert_same(load_index(tmp_path / "index"), index)


def test_an_index_of_the_first_format_loads_and_is_converted_on_its_next_save(
        tmp_path: Path) -> None:
    folder = tmp_path / "index"
    articles = _corpus(7, 4, 60)
    kept = StoryIndex(backends=["lexical"], threshold=0.15).fit(articles[:40])
    write_format_1(kept, folder)
    restored = load_index(folder)
    _assert_same(restored, kept)
    restored.add(articles[40:])
    kept.add(articles[40:])
    save_index(restored, folder)
    assert not (folder / "index.npz").exists() and not (folder / "index.json").exists()
    assert [s["kind"] for s in _manifest(folder)["segments"]] == ["base"]
    _assert_same(load_index(folder), kept)


def test_a_base_whose_row_vectors_do_not_read_back_as_saved_is_refused(tmp_path: Path) -> None:
    # The base's row vectors are read into arrays with room to grow, past np.load.
    folder = tmp_path / "index"
    _saved_with_deltas(folder)
    base = _manifest(folder)["segments"][0]
    path = folder / base["file"]
    saved = _arrays_of(path)
    original, manifest_text = path.read_bytes(), (folder / "manifest.json").read_text("utf-8")

    def restored() -> None:
        path.write_bytes(original)
        (folder / "manifest.json").write_text(manifest_text, "utf-8")

    for name, value in (("lexical_data", saved["lexical_data"].reshape(1, -1)),
                        ("anchors_indices", saved["anchors_indices"][:-1])):
        _corrupt(folder, base, {**saved, name: value})
        with pytest.raises(IndexFileError):
            load_index(folder)
        restored()
    # A header that promises more numbers than follow it.
    with zipfile.ZipFile(path, "w") as archive:
        for name, value in saved.items():
            with archive.open(f"{name}.npy", "w") as handle:
                if name == "lexical_data":
                    np.lib.format.write_array_header_1_0(handle, {
                        "descr": "<f4", "fortran_order": False, "shape": (len(value) + 9,)})
                    handle.write(value.tobytes())
                else:
                    np.lib.format.write_array(handle, value)
    _checksums_agree(folder, base)
    with pytest.raises(IndexFileError):
        load_index(folder)
    restored()
    load_index(folder)


def _directory_entry(data: bytes | bytearray, name: bytes) -> tuple[int, int, int]:
    """Where the archive's directory entry of ``name`` starts, and its name's and extra
    field's lengths."""
    entry = 0
    while True:
        entry = data.index(b"PK\x01\x02", entry)
        name_length, extra_length = struct.unpack("<HH", data[entry + 28: entry + 32])
        if data[entry + 46: entry + 46 + name_length] == name:
            return entry, name_length, extra_length
        entry += 4


@pytest.mark.parametrize("form", [2, 1])
@pytest.mark.parametrize("damage", ["stored size", "deflated size", "encrypted", "method"])
def test_an_entry_the_file_cannot_hold_or_np_savez_never_writes_is_refused(
        tmp_path: Path, damage: str, form: int) -> None:
    # The archive's directory states each entry's size (in a ZIP64 field, up to 2**64): an
    # array header that promises as many numbers is refused, not allocated. zipfile raises
    # RuntimeError for an encrypted entry or an unknown method. Both formats' archives.
    folder = tmp_path / "index"
    if form == 2:
        _saved_with_deltas(folder)
        base = _manifest(folder)["segments"][0]
        path = folder / base["file"]
    else:
        write_format_1(StoryIndex(backends=["lexical"], threshold=0.15).fit(
            _corpus(3, 4, 60)[:30]), folder)
        path = folder / "index.npz"
    saved = _arrays_of(path)
    method = zipfile.ZIP_DEFLATED if damage == "deflated size" else zipfile.ZIP_STORED
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        for name, value in saved.items():
            with archive.open(f"{name}.npy", "w") as handle:
                if name == "labels" and damage.endswith("size"):
                    np.lib.format.write_array_header_1_0(handle, {
                        "descr": "<i8", "fortran_order": False, "shape": (10**16,)})
                    handle.write(value.tobytes())
                else:
                    np.lib.format.write_array(handle, value)
    data = bytearray(path.read_bytes())
    entry, name_length, extra_length = _directory_entry(data, b"labels.npy")
    if damage == "encrypted":
        data[entry + 8] |= 1
    elif damage == "method":
        data[entry + 10: entry + 12] = struct.pack("<H", 99)
    else:
        field = b"\x01\x00\x08\x00" + struct.pack("<Q", 2**62)  # ZIP64: the size itself
        data[entry + 46 + name_length: entry + 46 + name_length] = field
        data[entry + 30: entry + 32] = struct.pack("<H", extra_length + len(field))
        data[entry + 24: entry + 28] = b"\xff\xff\xff\xff"  # "see the ZIP64 field"
        end = data.rindex(b"PK\x05\x06")
        directory = struct.unpack("<I", data[end + 12: end + 16])[0]
        data[end + 12: end + 16] = struct.pack("<I", directory + len(field))
    path.write_bytes(bytes(data))
    if damage.endswith("size"):
        with zipfile.ZipFile(path) as archive:
            assert archive.getinfo("labels.npy").file_size == 2**62
    if form == 2:
        _checksums_agree(folder, base)
    else:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        meta = json.loads((folder / "index.json").read_text("utf-8"))
        (folder / "index.json").write_text(json.dumps({**meta, "arrays_sha256": digest}),
                                           "utf-8")
    with pytest.raises(IndexFileError):
        load_index(folder)


def test_a_segment_written_compressed_still_loads_equal(tmp_path: Path) -> None:
    # Saved arrays are read from the file as they lie when stored uncompressed (as
    # np.savez writes them); others go through zipfile.
    folder = tmp_path / "index"
    kept = _saved_with_deltas(folder)
    for segment in _manifest(folder)["segments"]:
        path = folder / segment["file"]
        saved = _arrays_of(path)
        _corrupt(folder, segment, saved, np.savez_compressed)
    _assert_same(load_index(folder), kept)
