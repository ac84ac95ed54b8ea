"""A :class:`~launderlens.rewrites.cluster.StoryIndex` to a folder and back, so that
``cluster --incremental`` and ``watch`` add new articles to the stories of earlier runs.

The folder holds numpy archives (read with ``allow_pickle=False``) and one
``manifest.json``; nothing executable. The manifest names the segments in order, each with
its SHA-256, size and row range: a base segment with every article of the last full save
(vectors, posting lists, labels, components, candidate pairs, joins, the articles' ids,
titles, outlets, domains and dates, the vocabularies), then one delta segment per save
since, holding only what that save added or changed (see :mod:`.index_segments`). Saving
after an ``add`` therefore writes what the add changed, not the whole index; once the
deltas pass :data:`MAX_DELTAS` or :data:`DELTA_SHARE` of the base's bytes, or when the
folder was written by another index since, the save writes a new base instead.

Every save writes its new segment under a new name first and then replaces the manifest
(the one file a save changes in place, replaced whole), so a crash at any point leaves the
manifest of the last complete save, whose segments are all still there; files that no
manifest names are removed by the next save. Loading checks the manifest's own checksum,
each segment's size, SHA-256, lengths and row ranges; a folder that does not agree raises
:class:`IndexFileError` and the caller clusters from scratch. An index saved in format 1
(``index.npz`` and ``index.json``) still loads, and its next save writes format 2.

One process writes a folder at a time (:mod:`launderlens.store.index_lock`: a second
writer waits at most ``LOCK_WAIT`` seconds, then raises IndexBusyError naming the folder).
``save_index`` takes it for its own write;
``cluster_incremental`` (``cluster --incremental``, a ``watch`` cycle), which loads, adds
and saves, holds it across all three, so two runs never grow two copies of one index.
Readers take no lock: a save replaces the manifest whole, and a load that meets a segment
a concurrent save has just removed reads the new manifest again. Whether the folder was
written by another index since this one saved or loaded it is told in one place,
:func:`holds`.

Article texts are not kept: the store has them, and ``text_source`` reads them back when
a story that holds restored articles is built. The semantic backend's vectors are kept,
not its model: loading needs an encoder of the same name.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import re
import time
import uuid
import weakref
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..embeddings.encoder import VectorEncoder
from ..store.index_lock import LOCK_FILE, LOCK_WAIT, IndexBusyError, writing
from .cluster import StoryIndex
from .index_arrays import read_arrays
from .index_segments import (
    GROWN_ARRAYS,
    Assembly,
    Saved,
    base_arrays,
    decode_strings,
    delta_arrays,
    saved_state,
)
from .index_state import (
    ARRAYS_1,
    META_1,
    IndexFileError,
    TextSource,
    init_params,
    read_format_1,
    restore,
    sha256_of,
)

__all__ = ["DELTA_SHARE", "FORMAT", "INDEX_FILES", "LOCK_FILE", "LOCK_WAIT", "MAX_DELTAS",
           "IndexBusyError", "IndexFileError", "holds", "index_exists", "load_index",
           "save_index", "writing"]

FORMAT = "launderlens.story-index/2"
MANIFEST = "manifest.json"
#: The file every save replaces (last): it names the segments of the saved index.
INDEX_FILES = (MANIFEST,)
#: A save writes a new base segment instead of a delta once this many deltas follow it...
MAX_DELTAS = 24
#: ... or once the deltas' bytes pass this share of the base's.
DELTA_SHARE = 0.25
_READS = 3  # tries to load a folder that a writer keeps replacing
_SEGMENT = re.compile(r"seg-[0-9a-f]{32}\.npz")
_STALE_SECONDS = 3600  # an unfinished write older than this is a crash's leftover
# What reading a damaged or hostile folder raises besides ValueError and the like: a segment
# that is not a whole zip archive (its checksum written to agree), JSON nested too deeply.
_DAMAGED = (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, EOFError,
            RecursionError, zipfile.BadZipFile, zlib.error)


@dataclass
class _Written:
    folder: Path
    generation: str
    segments: list[dict[str, Any]]
    fields: dict[str, Any]
    state: Saved


# What each index in memory last saved or loaded, to write only what changed since.
_written: weakref.WeakKeyDictionary[StoryIndex, _Written] = weakref.WeakKeyDictionary()


def index_exists(folder: str | Path) -> bool:
    """Whether ``folder`` holds a saved index (of either format) to try loading."""
    return (Path(folder) / MANIFEST).exists() or (Path(folder) / META_1).exists()


def save_index(index: StoryIndex, folder: str | Path, *, full: bool = False) -> Path:
    """Write ``index`` (fitted) to ``folder``: a delta segment with what changed since this
    index was last saved there or loaded from there, or (with ``full``, for an index the
    folder does not hold, or when the deltas are due to be folded in) a new base. Holds the
    folder's writer lock meanwhile (IndexBusyError past :data:`LOCK_WAIT`)."""
    if not hasattr(index, "labels_"):
        raise IndexFileError("only a fitted StoryIndex can be saved")
    with writing(folder) as target:
        return _save(index, target, full)


def _save(index: StoryIndex, target: Path, full: bool) -> Path:
    # A token that names this index's line of runs: the stories it writes carry it, so a
    # caller can tell them from stories another clustering wrote since.
    index.token_ = getattr(index, "token_", None) or uuid.uuid4().hex
    before = _written.get(index)
    arrays = None
    if before is not None and not full and holds(target, index) and not _due(before.segments):
        arrays = delta_arrays(index, before.state)
    if arrays is not None and before is not None:
        segments = [*before.segments, {**_write_segment(target, arrays), "kind": "delta",
                                       "first": before.state.rows,
                                       "rows": len(index.ids_) - before.state.rows}]
        fields = before.fields
    else:
        arrays, fields = base_arrays(index)
        segments = [{**_write_segment(target, arrays), "kind": "base", "first": 0,
                     "rows": len(index.ids_)}]
    del arrays
    generation = uuid.uuid4().hex
    manifest = {"format": FORMAT, "generation": generation, "token": index.token_,
                "params": init_params(index), "fields": fields, "segments": segments}
    _write_manifest(target, manifest)
    _remove_unnamed(target, {s["file"] for s in segments})
    _written[index] = _Written(target.resolve(), generation, segments, fields,
                               saved_state(index))
    return target


def holds(folder: str | Path, index: StoryIndex) -> bool:
    """Whether ``folder`` still holds what ``index`` last saved there or loaded from there:
    False once another index (another process, or another object here) has saved there
    since, and for an index that never saved or loaded there."""
    written = _written.get(index)
    return written is not None and written.folder == Path(folder).resolve() and \
        _current_generation(Path(folder)) == written.generation


def load_index(folder: str | Path, *, encoder: VectorEncoder | None = None,
               text_source: TextSource | None = None) -> StoryIndex:
    """The index saved in ``folder``, ready for ``add``; IndexFileError if it cannot be."""
    source = Path(folder)
    # Loading makes a few objects per article (fields, dates, strings) and no reference
    # cycles; the cyclic collector would walk every live object again and again meanwhile
    # (more than half the load of a large index). One collection at the end moves them to
    # the oldest generation: left young, the next add would walk them all several times.
    enabled = gc.isenabled()
    gc.disable()
    try:
        index = _load(source, encoder, text_source)
    finally:
        if enabled:
            gc.enable()
    if enabled:
        gc.collect()
    return index


def _load(source: Path, encoder: VectorEncoder | None,
          text_source: TextSource | None) -> StoryIndex:
    for attempt in range(1, _READS + 1):
        seen: list[str] = []  # the generation of the manifest this attempt read, if any
        try:
            return _load_once(source, encoder, text_source, seen)
        except IndexFileError:
            # A writer replaced the manifest meanwhile (and removed segments the one read
            # named): read the new one; a folder damaged while nobody writes stays refused.
            if attempt == _READS or _current_generation(source) == next(iter(seen), None):
                raise
    raise AssertionError("unreachable")


def _load_once(source: Path, encoder: VectorEncoder | None,
               text_source: TextSource | None, seen: list[str]) -> StoryIndex:
    try:
        if not (source / MANIFEST).exists() and (source / META_1).exists():
            return read_format_1(source, encoder, text_source)
        manifest = _read_manifest(source)
        seen.append(str(manifest["generation"]))
        index = _read_segments(source, manifest, encoder, text_source)
        _written[index] = _Written(source.resolve(), str(manifest["generation"]),
                                   list(manifest["segments"]), dict(manifest["fields"]),
                                   saved_state(index))
        return index
    except IndexFileError:
        raise
    except _DAMAGED as error:
        raise IndexFileError(f"cannot read the story index in {source}: {error}") from None


def _read_segments(source: Path, manifest: dict[str, Any], encoder: VectorEncoder | None,
                   text_source: TextSource | None) -> StoryIndex:
    segments = manifest["segments"]
    if not isinstance(segments, list) or not segments or segments[0].get("kind") != "base" or \
            any(s.get("kind") != "delta" for s in segments[1:]):
        raise IndexFileError(f"{source / MANIFEST} names no base segment and its deltas")
    assembly: Assembly | None = None
    for entry in segments:
        arrays = _read_segment(source, entry)
        strings = decode_strings(arrays)
        if assembly is None:
            if entry["first"] != 0:
                raise IndexFileError("the base segment does not start at the first article")
            assembly = Assembly(arrays, strings)
        else:
            if entry["first"] != assembly.size:
                raise IndexFileError(f"segment {entry['file']} does not follow the one before")
            assembly.apply(arrays, strings)
        if assembly.size != entry["first"] + entry["rows"]:
            raise IndexFileError(f"segment {entry['file']} holds another number of articles "
                                 "than the manifest says")
    assert assembly is not None
    strings, arrays = assembly.result()
    fields = manifest["fields"]
    meta: dict[str, Any] = {"params": manifest["params"], "token": manifest.get("token"),
                            "ids": assembly.ids,
                            "lexical": {**fields["lexical"], "vocabulary": strings["vocabulary"]},
                            "semantic_model": fields.get("semantic_model")}
    if "crosslingual" in fields:
        meta["crosslingual"] = {**fields["crosslingual"],
                                "vocabulary": strings["cross_vocabulary"],
                                "languages": strings["languages"]}
    if strings["semantic_languages"] is not None:
        meta["semantic_languages"] = strings["semantic_languages"]
    return restore(meta, arrays, assembly.docs, encoder, text_source)


def _read_segment(source: Path, entry: dict[str, Any]) -> dict[str, np.ndarray]:
    """A segment's arrays; a base's row vectors read into arrays with room to grow, so
    that neither its deltas nor the first add after the load copy them (see .growing)."""
    name = str(entry["file"])
    if not _SEGMENT.fullmatch(name):
        raise IndexFileError(f"the manifest names a segment file it may not ({name!r})")
    path = source / name
    if path.stat().st_size != entry["bytes"] or sha256_of(path) != entry["sha256"]:
        raise IndexFileError(f"{path} does not match its checksum")
    return read_arrays(path, GROWN_ARRAYS if entry.get("kind") == "base" else frozenset())


def _due(segments: list[dict[str, Any]]) -> bool:
    """Whether the deltas are to be folded into a new base."""
    deltas = segments[1:]
    return len(deltas) >= MAX_DELTAS or \
        sum(int(s["bytes"]) for s in deltas) > DELTA_SHARE * int(segments[0]["bytes"])


def _write_segment(folder: Path, arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    name = f"seg-{uuid.uuid4().hex}.npz"
    temporary = folder / f".{name}.tmp"
    with temporary.open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)
        handle.flush()
        os.fsync(handle.fileno())
    size, digest = temporary.stat().st_size, sha256_of(temporary)
    os.replace(temporary, folder / name)
    # The segment's name is made durable before any manifest can name it.
    _sync_folder(folder)
    return {"file": name, "sha256": digest, "bytes": size}


def _write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps({**manifest, "checksum": _checksum(manifest)})
    temporary = folder / f".{MANIFEST}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, folder / MANIFEST)
    _sync_folder(folder)


def _read_manifest(folder: Path) -> dict[str, Any]:
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise IndexFileError(f"{folder} holds no story index of format {FORMAT}")
    claimed = manifest.pop("checksum", None)
    if claimed != _checksum(manifest):
        raise IndexFileError(f"{folder / MANIFEST} does not match its checksum")
    return manifest


def _current_generation(folder: Path) -> str | None:
    try:
        return str(_read_manifest(folder)["generation"])
    except (*_DAMAGED, IndexFileError):
        return None


def _checksum(manifest: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(manifest, sort_keys=True).encode("utf-8")).hexdigest()


def _sync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:  # a platform that cannot open folders
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _remove_unnamed(folder: Path, named: set[str]) -> None:
    """Segments the manifest no longer names, format-1 files (converted now), and writes
    a crash left unfinished."""
    now = time.time()
    for path in folder.iterdir():
        name = path.name
        stale = name.endswith(".tmp") and name.startswith(".") and \
            now - path.stat().st_mtime > _STALE_SECONDS
        if (_SEGMENT.fullmatch(name) and name not in named) or name in (ARRAYS_1, META_1) or \
                stale:
            with contextlib.suppress(OSError):  # removed by another process meanwhile
                path.unlink()
